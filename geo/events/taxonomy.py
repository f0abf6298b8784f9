"""What happened at a place: the event taxonomy and the trigger words that type a sentence.

The taxonomy is data (`data/taxonomy.toml`, documented at its top) so that a user
can replace or extend it without touching code. Typing is by trigger words, matched
on lemmas, with phrases and head > dependent patterns for the readings that news
makes ambiguous ("trade war", "workers on strike", "shot down six drones").
"""

from __future__ import annotations

import math
import os
import re
import sys
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cached_property
from importlib import resources
from types import MappingProxyType
from typing import TYPE_CHECKING

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

from spacy.tokens import Doc

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

DEFAULT_PATH = resources.files("geo") / "data" / "taxonomy.toml"

#: How much one matched word says, by the list it comes from: a trigger names the
#: event, a subtype word names its weapon or kind, a weak word only hints at it.
WEIGHTS = {"triggers": 0.9, "subtypes": 0.6, "weak": 0.35}
#: Later sentences of a text report background more often than the event itself.
SENTENCE_DECAY = 0.8
#: Dates hold words that look like triggers ("March"); so may times.
_SKIPPED_ENTITIES = frozenset({"DATE", "TIME"})
#: How far below a pattern's head its dependent may be (object of a preposition of an object).
_PATTERN_DEPTH = 3

_ID = re.compile(r"[a-z][a-z0-9_]*\Z")
_COLOUR = re.compile(r"#(?:[0-9a-fA-F]{3}){1,2}\Z")
_TYPE_KEYS = {"id", "label", "colour", "icon", "definition", "triggers", "weak", "subtypes", "acled"}
_TOP_KEYS = {"types", "ignore"}


@dataclass(frozen=True)
class EventType:
    """One kind of event, with the words that signal it."""

    id: str
    label: str
    colour: str
    icon: str
    definition: str
    triggers: tuple[str, ...]
    subtypes: Mapping[str, tuple[str, ...]]
    acled: tuple[str, ...]
    weak: tuple[str, ...] = ()


@dataclass(frozen=True)
class Trigger:
    """Words of a sentence that signal an event type (char offsets in the doc)."""

    type: str
    subtype: str | None
    start: int
    end: int
    text: str
    weight: float


class Taxonomy:
    """The event types, in file order, and the phrases that are never triggers."""

    def __init__(self, types: dict[str, EventType], ignore: tuple[str, ...] = ()) -> None:
        self.types = types
        self.ignore = ignore

    @classmethod
    def load(cls, path: str | os.PathLike | None = None) -> Taxonomy:
        """The taxonomy of `path`, or the bundled one; ValueError naming file and entry if it is malformed."""
        name = str(path) if path is not None else "taxonomy.toml (bundled)"
        try:
            with open(path, "rb") if path is not None else DEFAULT_PATH.open("rb") as f:
                data = tomllib.load(f)
        except OSError as e:
            raise ValueError(f"{name}: cannot read taxonomy file ({e.strerror})") from None
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
            raise ValueError(f"{name}: not valid TOML ({e})") from None
        return cls._parse(data, name)

    @classmethod
    def _parse(cls, data: dict, name: str) -> Taxonomy:
        unknown = set(data) - _TOP_KEYS
        if unknown:
            raise ValueError(f"{name}: unknown top-level keys {sorted(unknown)} (allowed: {sorted(_TOP_KEYS)})")
        entries = data.get("types")
        if not isinstance(entries, list) or not entries:
            raise ValueError(f"{name}: needs at least one [[types]] entry")
        types: dict[str, EventType] = {}
        for n, entry in enumerate(entries, 1):
            event_type = _event_type(entry, f"{name}: [[types]] entry {n}")
            if event_type.id in types:
                raise ValueError(f"{name}: [[types]] entry {n}: duplicate id {event_type.id!r}")
            types[event_type.id] = event_type
        return cls(types, _specs(data, "ignore", f"{name}: top level"))

    def get(self, type_id: str) -> EventType:
        """The type `type_id`; KeyError listing the known ones otherwise."""
        try:
            return self.types[type_id]
        except KeyError:
            raise KeyError(f"unknown event type {type_id!r}; known: {', '.join(self.types)}") from None

    @cached_property
    def matcher(self) -> _Matcher:
        """The compiled trigger index, built once per taxonomy."""
        return _Matcher(self)


def _event_type(entry: object, where: str) -> EventType:
    """One [[types]] table, checked."""
    if not isinstance(entry, dict):
        raise ValueError(f"{where}: must be a table")
    type_id = entry.get("id")
    if not isinstance(type_id, str) or not _ID.match(type_id):
        raise ValueError(f"{where}: needs an id of lower-case letters, digits and _ (got {type_id!r})")
    where = f"{where} ({type_id})"
    unknown = set(entry) - _TYPE_KEYS
    if unknown:
        raise ValueError(f"{where}: unknown keys {sorted(unknown)} (allowed: {sorted(_TYPE_KEYS)})")
    colour = entry.get("colour")
    if not isinstance(colour, str) or not _COLOUR.match(colour):
        raise ValueError(f"{where}: colour must be a hex colour such as '#d62728' (got {colour!r})")
    subtypes = entry.get("subtypes", {})
    if not isinstance(subtypes, dict):
        raise ValueError(f"{where}: subtypes must be a table of name = [words]")
    return EventType(
        id=type_id,
        label=_text(entry, "label", where, required=True),
        colour=colour,
        icon=_text(entry, "icon", where, default="circle"),
        definition=_text(entry, "definition", where),
        triggers=_specs(entry, "triggers", where),
        subtypes=MappingProxyType({k: _specs(subtypes, k, f"{where}: subtypes") for k in subtypes}),
        acled=_strings(entry, "acled", where),
        weak=_specs(entry, "weak", where),
    )


def _text(entry: dict, key: str, where: str, required: bool = False, default: str = "") -> str:
    value = entry.get(key, None if required else default)
    if not isinstance(value, str) or (required and not value.strip()):
        raise ValueError(f"{where}: {key} must be {'a non-empty' if required else 'a'} string")
    return value


def _strings(entry: dict, key: str, where: str) -> tuple[str, ...]:
    values = entry.get(key, [])
    if not isinstance(values, list) or not all(isinstance(v, str) and v.strip() for v in values):
        raise ValueError(f"{where}: {key} must be a list of non-empty strings")
    return tuple(v.strip() for v in values)


def _specs(entry: dict, key: str, where: str) -> tuple[str, ...]:
    """Trigger words and phrases, lower-cased and checked: a pattern has one word each side of one '>'."""
    specs = tuple(text.lower() for text in _strings(entry, key, where))
    for text in specs:
        sides = text.split(">")
        if len(sides) > 2 or (len(sides) == 2 and any(len(_split(side)) != 1 for side in sides)):
            raise ValueError(f"{where}: {key}: bad pattern {text!r}; write 'head > dependent', one word each side")
    return specs


def _split(phrase: str) -> list[str]:
    """The words of a phrase; hyphens separate words as spaCy's tokenizer does."""
    return [w for w in re.split(r"[\s\-]+", phrase) if w]


def _alternatives(word: str) -> frozenset[str]:
    return frozenset(w for w in word.split("|") if w)


@dataclass(frozen=True)
class _Entry:
    """One compiled trigger: consecutive words, or a head and its dependent."""

    words: tuple[frozenset[str], ...]
    type: str | None  # None for phrases that are never triggers
    subtype: str | None
    weight: float
    pattern: bool = False


def _keys(token: Token) -> set[str]:
    """The forms a trigger word may match: lemma and lower-cased text."""
    return {token.lemma_.lower(), token.lower_}


class _Matcher:
    """All entries of a taxonomy, indexed by their first (or head) word."""

    def __init__(self, taxonomy: Taxonomy) -> None:
        self.index: dict[str, list[_Entry]] = {}
        for text in taxonomy.ignore:
            self._add(text, None, None, 0.0)
        for t in taxonomy.types.values():
            for text in t.triggers:
                self._add(text, t.id, None, WEIGHTS["triggers"])
            for text in t.weak:
                self._add(text, t.id, None, WEIGHTS["weak"])
            for subtype, words in t.subtypes.items():
                for text in words:
                    self._add(text, t.id, subtype, WEIGHTS["subtypes"])

    def _add(self, text: str, type_id: str | None, subtype: str | None, weight: float) -> None:
        pattern = ">" in text
        words = [w.strip() for w in text.split(">")] if pattern else _split(text)
        entry = _Entry(tuple(map(_alternatives, words)), type_id, subtype, weight, pattern)
        for first in entry.words[0]:
            self.index.setdefault(first, []).append(entry)

    def candidates(self, sentence: Span) -> list[tuple[tuple[int, ...], _Entry]]:
        """Every entry that matches, with the doc indices of its tokens."""
        found = []
        index = self.index
        for token in sentence:
            lower, lemma = token.lower_, token.lemma_.lower()
            if (lower not in index and lemma not in index) or token.is_punct or token.ent_type_ in _SKIPPED_ENTITIES:
                continue
            # sorted: a set's order changes from one process to the next, and ties must not
            entries = {id(e): e for key in sorted({lemma, lower}) for e in index.get(key, ())}
            for entry in entries.values():
                match = _match_pattern(token, entry) if entry.pattern else _match_phrase(sentence, token, entry)
                if match:
                    found.append((match, entry))
        return found


def _match_phrase(sentence: Span, token: Token, entry: _Entry) -> tuple[int, ...] | None:
    """Token indices of a phrase starting at `token` (hyphens skipped; a verb's particle may come later)."""
    indices = [token.i]
    i = token.i + 1
    for words in entry.words[1:]:
        while i < sentence.end and sentence.doc[i].text == "-":
            i += 1
        if i < sentence.end and _keys(sentence.doc[i]) & words:
            indices.append(i)
            i += 1
        elif len(entry.words) == 2 and (particle := _particle(token, words)) is not None:
            indices.append(particle.i)
        else:
            return None
    return tuple(indices)


def _particle(token: Token, words: frozenset[str]) -> Token | None:
    """The separated particle of a phrasal verb ("shot them down")."""
    return next((c for c in token.children if c.dep_ == "prt" and _keys(c) & words), None)


def _match_pattern(head: Token, entry: _Entry) -> tuple[int, ...] | None:
    """Indices of `head` and the nearest dependent of it that matches the pattern's second word."""
    for token in _related(head):
        if _keys(token) & entry.words[1]:
            return tuple(sorted((head.i, token.i)))
    return None


def _related(head: Token) -> Iterator[Token]:
    """Words in `head`'s own phrase: its dependents a few levels down (the verb of a clause,
    "gathered to demand", but not that clause's words), and the noun it modifies ("civilians killed")."""
    level = [head]
    for _ in range(_PATTERN_DEPTH):
        children = [c for t in level for c in t.children]
        yield from children
        level = [c for c in children if c.pos_ not in ("VERB", "AUX")]
    if head.dep_ in ("acl", "relcl", "amod"):
        yield head.head


def find_triggers(sentence: Span, taxonomy: Taxonomy) -> list[Trigger]:
    """The triggers of one sentence: longest (then strongest) matches first, each word used once;
    a type's subtype is the nearest of its subtype words in the sentence."""
    return [trigger for trigger, _ in _find(sentence, taxonomy)]


def read_sentence(sentence: Span, taxonomy: Taxonomy) -> tuple[list[Trigger], list[tuple[str, str | None, float]]]:
    """`find_triggers` and `classify` of one sentence, matching its words once for both."""
    found = _find(sentence, taxonomy)
    return [trigger for trigger, _ in found], _ranked([found], taxonomy)


def _find(sentence: Span, taxonomy: Taxonomy) -> list[tuple[Trigger, _Entry]]:
    """Triggers with the entries that made them."""
    candidates = taxonomy.matcher.candidates(sentence)
    strength: dict[tuple[int, ...], float] = {}
    for match, entry in candidates:
        strength[match] = max(strength.get(match, 0.0), entry.weight)
    used: set[int] = set()
    found = []
    for indices in sorted(strength, key=lambda m: (-len(m), -strength[m], m)):
        if used.intersection(indices):
            continue
        used.update(indices)
        best: dict[str, _Entry] = {}
        for match, entry in candidates:
            if match == indices and entry.type and (entry.type not in best or entry.weight > best[entry.type].weight):
                best[entry.type] = entry
        span = sentence.doc[indices[0] : indices[-1] + 1]
        for type_id, entry in best.items():
            subtype = entry.subtype or _nearest_subtype(candidates, type_id, indices)
            found.append((Trigger(type_id, subtype, span.start_char, span.end_char, span.text, entry.weight), entry))
    return sorted(found, key=lambda f: f[0].start)


def _nearest_subtype(
    candidates: list[tuple[tuple[int, ...], _Entry]], type_id: str, indices: tuple[int, ...]
) -> str | None:
    """The subtype named nearest the trigger: inside it first ("dropped glide bombs"), the longer name on a tie."""
    first, last = indices[0], indices[-1]
    ranked = [
        (max(first - m[-1], m[0] - last, 0), -len(m), m[0], e.subtype)
        for m, e in candidates
        if e.type == type_id and e.subtype
    ]
    return min(ranked)[-1] if ranked else None


def classify(sentence_or_doc: Span | Doc, taxonomy: Taxonomy) -> list[tuple[str, str | None, float]]:
    """Event types the text reports, with subtype and a confidence 0..1, most confident first; [] when none.

    Distinct triggers of a type add up as independent evidence (noisy-or; a repeated one counts
    once, at its strongest); each later sentence counts a little less, since reports lead with
    the event. Ties go to the type mentioned first, then to file order. Callers treat [] as `other`.
    """
    return _ranked([_find(sentence, taxonomy) for sentence in _sentences(sentence_or_doc)], taxonomy)


def _ranked(sentences: list[list[tuple[Trigger, _Entry]]], taxonomy: Taxonomy) -> list[tuple[str, str | None, float]]:
    """`classify` from the triggers found in each sentence."""
    evidence: dict[str, dict[_Entry, float]] = {}
    first: dict[str, int] = {}
    subtype: dict[str, tuple[float, str]] = {}
    for k, found in enumerate(sentences):
        for trigger, entry in found:
            weight = trigger.weight * SENTENCE_DECAY**k
            seen = evidence.setdefault(trigger.type, {})
            seen[entry] = max(seen.get(entry, 0.0), weight)
            first.setdefault(trigger.type, trigger.start)
            if trigger.subtype and weight > subtype.get(trigger.type, (0.0, ""))[0]:
                subtype[trigger.type] = (weight, trigger.subtype)
    confidence = {t: 1.0 - math.prod(1.0 - w for w in seen.values()) for t, seen in evidence.items()}
    order = list(taxonomy.types)
    ranked = sorted(confidence, key=lambda t: (-confidence[t], first[t], order.index(t)))
    return [(t, subtype[t][1] if t in subtype else None, round(confidence[t], 3)) for t in ranked]


def _sentences(text: Span | Doc) -> list[Span]:
    """The sentences of `text`, or all of it when it has no sentence boundaries."""
    doc = text if isinstance(text, Doc) else text.doc
    return list(text.sents) if doc.has_annotation("SENT_START") else [text[:]]  # type: ignore[union-attr]
