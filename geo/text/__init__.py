"""Places in text: which words name a place, which place they mean, and how they are used.

A spaCy model parses (model.py, with its attribute ruler replaced by an equal table lookup in
attribute_table.py); recognize.py finds the place names, resolve.py picks each one's place from
the gazetteer with the evidence of the whole document, roles.py tells a literal place from one
that stands for its government, and component.py puts all this into the spaCy component
`geoevents_toponyms` (doc._.toponyms). Imports: spaCy, the gazetteer and geo.record only.
"""
