"""The attribute table gives every token what spaCy's own attribute ruler gives it."""

from __future__ import annotations

from pathlib import Path

import pytest

from geo.text.attribute_table import AttributeTable, replace_attribute_ruler
from geo.text.model import load_model

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
# The ruler's rarer rules: contractions, dialect forms, pronouns by dependency, whitespace tokens.
TEXTS = [
    "Y'all ain't seen nothin' yet, and you can't say it isn't so.",
    "Everybody knows that these drones were shot down; anything else is a rumour.\n\n  Twenty were launched.",
    "I'm sure he'd have gone if she'd asked him, but they're not coming. Yours is the red one.",
    "What will the ministers do?  Whoever wins, the talks that began in Riyadh could resume.",
]


def _attributes(nlp, texts):
    return [[(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_) for t in doc] for doc in nlp.pipe(texts)]


@pytest.fixture(scope="module")
def models():
    ruler, table = load_model(), load_model()
    replace_attribute_ruler(table)
    return ruler, table


def test_the_ruler_is_replaced(models):
    _, table = models
    assert isinstance(table.get_pipe("attribute_ruler"), AttributeTable)
    assert table.pipe_names == models[0].pipe_names


def test_same_tags_morphology_and_lemmas(models):
    ruler, table = models
    texts = TEXTS + [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    assert _attributes(table, texts) == _attributes(ruler, texts)


def test_a_ruler_beyond_the_table_stays():
    nlp = load_model()
    nlp.get_pipe("attribute_ruler").add([[{"LOWER": "very", "OP": "+"}]], {"LEMMA": "very"})
    replace_attribute_ruler(nlp)
    assert not isinstance(nlp.get_pipe("attribute_ruler"), AttributeTable)
