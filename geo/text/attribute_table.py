"""spaCy's `attribute_ruler`, answered from a table: the same attributes in a fraction of the time.

The English models' attribute ruler holds some 180 rules, nearly all of one
token ("a token tagged NN whose lower form is 'everybody' is a PRON"). spaCy
runs them through a general `Matcher` that tries every rule at every token,
which makes that one component cost as much as the parser. Here the rules of
one token are looked up by the tag they ask for, and the attributes of each
(tag, lower, dep, is_space) combination are merged once and cached; rules of
several tokens are tried only where their first word is. Rules apply in the
ruler's order, a later one overriding an earlier one, as spaCy does, and a
test checks that every token gets the same tag, part of speech, morphology and
lemma. A ruler with patterns the table cannot read (operators such as "?",
other token attributes) is left in place.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final

from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc
from spacy.tokens._retokenize import set_token_attrs

Attrs = dict[Any, Any]  # as spaCy's set_token_attrs takes them
Key = tuple[str, str, str, bool]  # what a rule may ask of a token, in the order of ATTRIBUTES
Applied = list[tuple[int, Attrs]]  # (rule order, attributes set), in rule order
ATTRIBUTES = ("TAG", "LOWER", "DEP", "IS_SPACE")
TAG: Final = 0
LOWER: Final = 1
DEP: Final = 2
OTHER = "\x00"  # stands for every lower form or label that no rule names
ANY_NAMED = "\x01"  # files the rules whose first word is a regex: they are tried on every word not OTHER


@dataclass(frozen=True)
class _Test:
    """What a pattern asks of one token: per attribute, the values allowed or refused (None: any)."""

    allowed: tuple[frozenset | None, ...]
    refused: tuple[frozenset | None, ...]
    lower_regex: re.Pattern | None = None

    def __call__(self, key: Key) -> bool:
        for value, allowed, refused in zip(key, self.allowed, self.refused):
            if (allowed is not None and value not in allowed) or (refused is not None and value in refused):
                return False
        return self.lower_regex is None or self.lower_regex.search(key[LOWER]) is not None

    def named(self, position: int) -> frozenset:
        return (self.allowed[position] or frozenset()) | (self.refused[position] or frozenset())


@dataclass(frozen=True)
class _Rule:
    """One pattern of the ruler: the tokens it asks for, and the attributes it sets on one of them."""

    order: int
    tests: tuple[_Test, ...]
    index: int  # which of the matched tokens takes the attributes, from 0
    attrs: Attrs


class AttributeTable:
    """A pipeline component equal to an `AttributeRuler`, filled from one by `replace_attribute_ruler`."""

    def __init__(self) -> None:
        self.load([])

    def load(self, rules: list[_Rule]) -> None:
        """Take these rules, in this order, in place of any held before."""
        self._by_tag: dict[str | None, list[_Rule]] = {}  # rules of one token, by the tag they ask for
        self._by_first: dict[str | None, list[_Rule]] = {}  # longer rules, by the lower form they start with
        for rule in rules:
            if len(rule.tests) == 1:
                for tag in rule.tests[0].allowed[TAG] or (None,):
                    self._by_tag.setdefault(tag, []).append(rule)
            else:  # by the lower form it starts with; ANY_NAMED if by a regex, None if any word may start it
                first = rule.tests[0]
                for lower in first.allowed[LOWER] or (ANY_NAMED if first.lower_regex else None,):
                    self._by_first.setdefault(lower, []).append(rule)
        # Lower forms and labels that no rule names are all alike to the rules: they read as OTHER,
        # so the cache grows with the rules, not with the words that pass.
        tests = [test for rule in rules for test in rule.tests]
        self._lowers = frozenset().union(*(t.named(LOWER) for t in tests))
        self._deps = frozenset().union(*(t.named(DEP) for t in tests))
        regexes = [t.lower_regex.pattern for t in tests if t.lower_regex is not None]
        self._lower_regex = re.compile("|".join(f"(?:{r})" for r in regexes)) if regexes else None
        self._cache: dict[Key, Applied] = {}

    def __call__(self, doc: Doc) -> Doc:
        tokens = list(doc)
        keys = [self._key(token.tag_, token.lower_, token.dep_, token.is_space) for token in tokens]
        longer = self._longer(keys) if self._by_first else {}
        cache = self._cache
        for token, key in zip(tokens, keys):
            applied = cache.get(key)
            if applied is None:
                applied = cache[key] = self._single(key)
            if token.i in longer:
                applied = sorted(applied + longer[token.i], key=lambda pair: pair[0])
            if len(applied) == 1:
                set_token_attrs(token, applied[0][1])
            elif applied:
                merged: dict = {}
                for _, attrs in applied:
                    merged.update(attrs)  # a later rule overrides an earlier one
                set_token_attrs(token, merged)
        return doc

    def _key(self, tag: str, lower: str, dep: str, is_space: bool) -> Key:
        if lower not in self._lowers and (self._lower_regex is None or self._lower_regex.search(lower) is None):
            lower = OTHER
        return tag, lower, dep if dep in self._deps else OTHER, is_space

    def _single(self, key: Key) -> Applied:
        rules = self._by_tag.get(key[TAG], []) + self._by_tag.get(None, [])
        return sorted(
            {(r.order, r.index): (r.order, r.attrs) for r in rules if r.tests[0](key)}.values(),
            key=lambda pair: pair[0],
        )

    def _longer(self, keys: list[Key]) -> dict[int, Applied]:
        """The rules of several tokens that match, by the token that takes their attributes."""
        found: dict[int, Applied] = {}
        by_first = self._by_first
        for i, key in enumerate(keys):
            rules = by_first.get(key[LOWER], []) + by_first.get(None, [])
            if key[LOWER] != OTHER:
                rules += by_first.get(ANY_NAMED, [])
            for rule in rules:
                n = len(rule.tests)
                if i + n <= len(keys) and all(test(keys[i + k]) for k, test in enumerate(rule.tests)):
                    found.setdefault(i + rule.index, []).append((rule.order, rule.attrs))
        return found


def _test(token: Mapping[str, Any]) -> _Test | None:
    """One token of a pattern as a `_Test`; None when it asks something the table does not read."""
    allowed: list[frozenset | None] = [None] * len(ATTRIBUTES)
    refused: list[frozenset | None] = [None] * len(ATTRIBUTES)
    regex = None
    for name, value in token.items():
        if name not in ATTRIBUTES:
            return None
        position = ATTRIBUTES.index(name)
        operator, operand = next(iter(value.items())) if isinstance(value, dict) and len(value) == 1 else ("=", value)
        if operator == "=" and not isinstance(value, dict):
            allowed[position] = frozenset([operand])
        elif operator == "IN":
            allowed[position] = frozenset(operand)
        elif operator == "NOT_IN":
            refused[position] = frozenset(operand)
        elif operator == "REGEX" and position == LOWER:
            regex = re.compile(operand)
        else:
            return None
    return _Test(tuple(allowed), tuple(refused), regex)


def _rules(ruler: AttributeRuler) -> list[_Rule] | None:
    """The ruler's patterns as rules, in its order; None if any is beyond the table."""
    rules = []
    for order, (attrs, index) in enumerate(zip(ruler.attrs, ruler.indices)):
        for pattern in ruler.matcher.get(str(order))[1]:
            tests = [test for test in map(_test, pattern) if test is not None]
            if not tests or len(tests) != len(pattern) or not -len(tests) <= index < len(tests):
                return None
            rules.append(_Rule(order, tuple(tests), index % len(tests), attrs))
    return rules


@Language.factory("geoevents_attribute_table")
def make_attribute_table(nlp: Language, name: str) -> AttributeTable:
    """An empty table: `replace_attribute_ruler` fills it from the ruler it replaces."""
    return AttributeTable()


def replace_attribute_ruler(nlp: Language) -> None:
    """Swap the model's `attribute_ruler` for an `AttributeTable` with the same rules, where it can."""
    if "attribute_ruler" not in nlp.pipe_names:
        return
    ruler = nlp.get_pipe("attribute_ruler")
    rules = _rules(ruler) if isinstance(ruler, AttributeRuler) else None
    if rules is not None:
        nlp.replace_pipe("attribute_ruler", "geoevents_attribute_table")
        table = nlp.get_pipe("attribute_ruler")
        if isinstance(table, AttributeTable):
            table.load(rules)
