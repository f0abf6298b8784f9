"""What happened where, when and how many: events from a parsed document with its toponyms.

taxonomy.py reads the event types and their trigger words (data/taxonomy.toml) and finds the
triggers of a sentence; finder.py ties each trigger to the literal place it happened at and
gives it a status, a date (dates.py) and its counts (counts.py). Imports: spaCy, geo.record and
geo.text's small parse helpers; nothing from geo.run, geo.api or maps.
"""
