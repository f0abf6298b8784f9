"""Places in text: which words name a place, which place they mean, and how they are used.

A spaCy model parses (model.py, with its attribute ruler replaced by an equal table lookup in
attribute_table.py); recognize.py finds the place names (patterns.py the ones the model missed,
found by the shapes news writes them in; with the words it reads in words.py, its checks of how a
span sits in its sentence in spans.py, and names that are no places in nonplaces.py), resolve.py
picks each one's place from the gazetteer with the evidence of the whole document (readings.py:
what the words around a name say of its places), roles.py tells a literal place from one
that stands for its government, and component.py puts all this into the spaCy component
`geoevents_toponyms` (doc._.toponyms). Imports: spaCy, the gazetteer and geo.record only.
"""
