"""Running extraction over many documents, and keeping what it finds.

readers.py turns files, folders, JSONL, CSV and standard input into Documents; extract.py's
Extractor runs the spaCy pipeline over them and makes one DocumentRecord each; the engines run
it in this process, in several, or on a Dask cluster; results.py keeps records in results
folders that resume; output.py writes files whole or not at all. Imports: geo.text, geo.events,
geo.record and the gazetteer; never maps.
"""
