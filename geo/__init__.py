"""From article text to typed events at places: the middle of the stack (maps -> geo -> gazetteer).

Rooms, each importing only the rooms listed below it and the gazetteer:

    geo.api      what the `geoevents` commands do, callable from Python (reading, extracting,
                 filtering, results folders)
    geo.run      running extraction over many documents: readers, the Extractor, engines
                 (this process, several processes, a Dask cluster), results folders, atomic output
    geo.events   what happened at a place: the spaCy component that sets doc._.events, the
                 taxonomy and its trigger matching, dates, counts
    geo.text     places in text: the spaCy model, recognition, resolution against the
                 gazetteer, literal or metonymic role, the toponym component
    geo.record   the one record (DocumentRecord, ToponymRecord, EventRecord, PlaceRecord) that
                 every room above speaks and maps reads
    geo.scoring  geoparsing scores, as the field's reference scorer computes them
"""
