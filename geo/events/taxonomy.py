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
import zlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from importlib import resources
from itertools import chain, product
from types import MappingProxyType
from typing import TYPE_CHECKING

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

if TYPE_CHECKING:
    from spacy.tokens import Span, Token
    from spacy.vocab import Vocab

DEFAULT_PATH = resources.files("geo") / "data" / "taxonomy.toml"

#: How much one matched word says, by the list it comes from: a trigger names the
#: event, a subtype word names its weapon or kind, a weak word only hints at it.
WEIGHTS = {"triggers": 0.9, "subtypes": 0.6, "weak": 0.35}
#: Dates hold words that look like triggers ("March"); so may times.
_SKIPPED_ENTITIES = frozenset({"DATE", "TIME"})
#: How far below a pattern's head its dependent may be (object of a preposition of an object).
_PATTERN_DEPTH = 3

_ID = re.compile(r"[a-z][a-z0-9_]*\Z")
_COLOUR = re.compile(r"#(?:[0-9a-fA-F]{3}){1,2}\Z")
_TYPE_KEYS = {
    "id",
    "label",
    "colour",
    "icon",
    "shape",
    "definition",
    "triggers",
    "weak",
    "context",
    "subtypes",
    "acled",
}
#: The marker shapes a map can draw (maps.style holds their outlines); a type keeps its shape in every map.
SHAPES = ("circle", "square", "diamond", "triangle", "triangle-down", "pentagon", "hexagon", "cross", "star")
_TOP_KEYS = {"types", "ignore", "contexts"}


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
    shape: str = "circle"
    #: words that show a weak word is meant in this type's sense ("gunmen", "troops", "minister")
    context: frozenset[str] = frozenset()


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
        #: per type with a context: its context words and its one-word subtype words ("rockets" shows
        #: that "hit" is a strike even where the parser took the rockets for part of a date)
        self.senses = {
            t.id: t.context
            | {
                w
                for spec in chain.from_iterable(t.subtypes.values())
                if len(_split(spec)) == 1 and ">" not in spec
                for w in spec.split("|")
            }
            for t in types.values()
            if t.context
        }
        self._matchers: dict[int, tuple[Vocab, TriggerMatcher]] = {}

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
        contexts = data.get("contexts", {})
        if not isinstance(contexts, dict):
            raise ValueError(f"{name}: contexts must be a table of name = [words]")
        shared = {key: _words(contexts, key, f"{name}: contexts") for key in contexts}
        types: dict[str, EventType] = {}
        for n, entry in enumerate(entries, 1):
            event_type = _event_type(entry, f"{name}: [[types]] entry {n}", shared)
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

    def matcher(self, vocab: Vocab) -> TriggerMatcher:
        """The taxonomy compiled for `vocab`, once per vocabulary."""
        held = self._matchers.get(id(vocab))
        if held is None or held[0] is not vocab:
            held = self._matchers[id(vocab)] = (vocab, TriggerMatcher(self, vocab))
        return held[1]


def _event_type(entry: object, where: str, contexts: Mapping[str, frozenset[str]]) -> EventType:
    """One [[types]] table, checked; `contexts` are the shared word lists its context may name ("@armed")."""
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
    shape = entry.get("shape", default_shape(type_id))
    if shape not in SHAPES:
        raise ValueError(f"{where}: shape must be one of {', '.join(SHAPES)} (got {shape!r})")
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
        shape=shape,
        context=_context(entry, where, contexts),
    )


def default_shape(type_id: str) -> str:
    """The shape of a type whose taxonomy names none: taken from its id, so it is the same in every map."""
    return SHAPES[zlib.crc32(type_id.encode("utf-8")) % len(SHAPES)]


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


def _context(entry: dict, where: str, contexts: Mapping[str, frozenset[str]]) -> frozenset[str]:
    """A type's context words, each "@name" replaced by the shared list of that name."""
    words = _words(entry, "context", where)
    if unknown := sorted(w for w in words if w.startswith("@") and w[1:] not in contexts):
        raise ValueError(f"{where}: context names {unknown[0]!r}, which [contexts] does not hold")
    return frozenset(chain.from_iterable(contexts[w[1:]] if w.startswith("@") else (w,) for w in words))


def _words(entry: dict, key: str, where: str) -> frozenset[str]:
    """Single words, lower-cased: matched on a token's lemma or form, not as phrases."""
    words = frozenset(text.lower() for text in _strings(entry, key, where))
    if bad := sorted(w for w in words if len(_split(w)) != 1):
        raise ValueError(f"{where}: {key} holds single words only (got {bad[0]!r})")
    return words


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


def _entries(taxonomy: Taxonomy) -> Iterator[_Entry]:
    """Every trigger of the taxonomy, in file order (ties between equal matches go to the first)."""
    specs: list[tuple[str, str | None, str | None, float]] = [(text, None, None, 0.0) for text in taxonomy.ignore]
    for t in taxonomy.types.values():
        specs += [(text, t.id, None, WEIGHTS["triggers"]) for text in t.triggers]
        specs += [(text, t.id, None, WEIGHTS["weak"]) for text in t.weak]
        specs += [(text, t.id, sub, WEIGHTS["subtypes"]) for sub, words in t.subtypes.items() for text in words]
    for text, type_id, subtype, weight in specs:
        pattern = ">" in text
        words = [w.strip() for w in text.split(">")] if pattern else _split(text)
        yield _Entry(tuple(map(_alternatives, words)), type_id, subtype, weight, pattern)


def _keys(token: Token) -> set[str]:
    """The forms a trigger word may match: lemma and lower-cased text."""
    return {token.lemma_.lower(), token.lower_}


class TriggerMatcher:
    """The taxonomy compiled for one vocabulary.

    Two `PhraseMatcher`s find the phrases, one on the lower-cased words of the text and one on
    their lemmas: a phrase matches when all its words do in one of the two ("peace talks" as
    written, "shoot down" as the lemmas of "shot down"), with or without one hyphen between two
    words. A proper noun's lemma keeps its case, so the lemma forms include "Shahed" and "SHAHED".
    A pattern's head is found the same way, then its dependent in the parse (`_related`); a
    phrasal verb's particle that stands apart ("shot them down") is its `prt` dependent.

    spaCy's `Matcher` (and the `DependencyMatcher`, which runs one inside) would express the
    rest too, but it tries every pattern at every token: the taxonomy as 3,214 token patterns
    took 76 s on 300 dev documents, against 0.35 s for this.
    """

    def __init__(self, taxonomy: Taxonomy, vocab: Vocab) -> None:
        self.taxonomy = taxonomy
        self.entries = list(_entries(taxonomy))
        self.forms = PhraseMatcher(vocab, attr="LOWER")
        self.lemmas = PhraseMatcher(vocab, attr="LEMMA")
        #: the two-word phrases by their words, for a verb whose particle stands apart
        self.pairs: dict[tuple[str, str], list[int]] = {}
        self._ids: dict[int, int] = {}  # match id -> entry number
        for n, entry in enumerate(self.entries):
            self._ids[vocab.strings.add(str(n))] = n
            words = entry.words[:1] if entry.pattern else entry.words
            phrases = [list(p) for p in product(*(sorted(w) for w in words))]
            self.forms.add(str(n), [Doc(vocab, words=w) for p in phrases for w in _hyphenated(p)])
            cased = [list(c) for p in phrases for c in product(*({w, w.capitalize(), w.upper()} for w in p))]
            self.lemmas.add(str(n), [Doc(vocab, words=w, lemmas=w) for c in cased for w in _hyphenated(c)])
            if len(words) == 2 and not entry.pattern:
                for first, second in phrases:
                    self.pairs.setdefault((first, second), []).append(n)

    def candidates(self, sentence: Span) -> list[tuple[tuple[int, ...], _Entry]]:
        """Every entry that matches, with the doc indices of its tokens, in the order of their first
        (or head) word, then of the taxonomy."""
        doc = sentence.doc
        found: dict[tuple[int, int], tuple[int, ...]] = {}  # (first word, entry) -> indices
        for match_id, start, end in self.forms(sentence) + self.lemmas(sentence):
            n = self._ids[match_id]
            if (start, n) not in found and _may_start(doc[start]):
                entry = self.entries[n]
                if not entry.pattern:
                    found[(start, n)] = tuple(i for i in range(start, end) if doc[i].text != "-")
                elif match := _match_pattern(doc[start], entry):
                    found[(start, n)] = match
        for token in sentence:  # "shot them down": the particle is the verb's dependent
            if token.dep_ == "prt" and _may_start(verb := token.head) and verb.i != token.i:
                for n in (n for a in _keys(verb) for b in _keys(token) for n in self.pairs.get((a, b), ())):
                    particle = _particle(verb, self.entries[n].words[1]) if (verb.i, n) not in found else None
                    if particle is not None and particle.i == token.i:
                        found[(verb.i, n)] = (verb.i, token.i)
        order = sorted(found, key=lambda key: (key[0], _rank(doc[key[0]], self.entries[key[1]]), key[1]))
        return [(found[key], self.entries[key[1]]) for key in order]


def _hyphenated(words: list[str]) -> Iterator[list[str]]:
    """The words, and the words with a hyphen in any of the gaps between them ("counter-offensive")."""
    for gaps in product(([], ["-"]), repeat=len(words) - 1):
        yield [w for word, gap in zip(words, [*gaps, []]) for w in (word, *gap)]


def _may_start(token: Token) -> bool:
    """Whether a trigger may start at the word: not punctuation, nor inside a date or time ("March"),
    nor in a name that only borrows the word (`_in_a_team_name`)."""
    return not token.is_punct and token.ent_type_ not in _SKIPPED_ENTITIES and not _in_a_team_name(token)


def _in_a_team_name(token: Token) -> bool:
    """Whether the word is a capitalised plural inside a name that follows a name or "the": "the Houston
    Rockets", "the New York Jets", "the Winnipeg Blue Bombers" win games, not wars. Weapons go by singular
    names ("Kalibr missiles", "a Patriot battery"), "rockets" in lower case are rockets, and so are
    "Rockets" opening a sentence, after a dateline too ("LVIV - Rockets hit a depot")."""
    if not token.is_title or token.is_sent_start:
        return False
    before = token.nbor(-1)
    if not (before.is_title or before.lower_ == "the"):
        return False
    return token.tag_ == "NNPS" or (token.ent_type_ == "ORG" and token.ent_iob_ == "I" and token.lower_.endswith("s"))


def _rank(token: Token, entry: _Entry) -> int:
    """0 when the entry's first word is the token's alphabetically first form (lemma or text), else 1."""
    return next(r for r, key in enumerate(sorted(_keys(token))) if key in entry.words[0])


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


def read_sentence(sentence: Span, taxonomy: Taxonomy) -> tuple[list[Trigger], list[tuple[str, str | None, float]]]:
    """The triggers of one sentence and the event types they report.

    Triggers: longest (then strongest) matches first, each word used once; a type's subtype is the
    nearest of its subtype words in the sentence. Types: with subtype and a confidence 0..1, most
    confident first, [] when none; distinct triggers of a type add up as independent evidence
    (noisy-or; a repeated one counts once, at its strongest). Ties go to the type mentioned first,
    then to file order.
    """
    found = _find(sentence, taxonomy)
    return [trigger for trigger, _ in found], _ranked(found, taxonomy)


def _find(sentence: Span, taxonomy: Taxonomy) -> list[tuple[Trigger, _Entry]]:
    """Triggers with the entries that made them."""
    candidates = taxonomy.matcher(sentence.doc.vocab).candidates(sentence)
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


def _ranked(found: list[tuple[Trigger, _Entry]], taxonomy: Taxonomy) -> list[tuple[str, str | None, float]]:
    """The types of `read_sentence` from its triggers."""
    evidence: dict[str, dict[_Entry, float]] = {}
    first: dict[str, int] = {}
    subtype: dict[str, tuple[float, str]] = {}
    for trigger, entry in found:
        seen = evidence.setdefault(trigger.type, {})
        seen[entry] = max(seen.get(entry, 0.0), trigger.weight)
        first.setdefault(trigger.type, trigger.start)
        if trigger.subtype and trigger.weight > subtype.get(trigger.type, (0.0, ""))[0]:
            subtype[trigger.type] = (trigger.weight, trigger.subtype)
    confidence = {t: 1.0 - math.prod(1.0 - w for w in seen.values()) for t, seen in evidence.items()}
    order = list(taxonomy.types)
    ranked = sorted(confidence, key=lambda t: (-confidence[t], first[t], order.index(t)))
    return [(t, subtype[t][1] if t in subtype else None, round(confidence[t], 3)) for t in ranked]
