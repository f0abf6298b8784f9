"""Counts in event sentences: how many killed, injured, drones, villages... from digits and words.

A number only means something once we know what it counts, and that comes
from the parse: the noun it modifies ("111 drones"), the verb governing that
noun ("killing two people"), a casualty word it stands for ("3 dead"), or a
total it reports ("the death toll rose to 40"). Numbers that measure rather
than count (ages, durations, distances, percentages, dates, money) are left out.

Vague quantities follow ACLED's habit of coding a lower bound: dozens -> 24,
hundreds -> 200, thousands -> 2000, tens -> 20, scores -> 40, several -> 3,
a few -> 3, a couple -> 2, a dozen -> 12; the vague word is kept as the
qualifier so callers can tell a coded guess from a reported figure. One
person named with an article counts as 1 when something happens to them
("A civilian was killed" -> killed 1, written "A"), as ACLED codes it.

Reading the number itself is numbers.py's job; the words asked about live in count_words.py. This
module keeps the one chain of questions asked of the parse (the noun a number counts, the verb or
modifier that says what happened to it, a total it reports, a subset or an anaphor, who gives the
figure): cut into files, that chain would be read in pieces.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from .count_words import (
    AID_WORDS,
    ANAPHORA,
    ATTEND_WORDS,
    COUNT_HOLDERS,
    COUNTRY_WORDS,
    CROWD_WORDS,
    CURRENCY_SIGNS,
    EVENT_WORDS,
    FIGURE_WORDS,
    GROUP_WORDS,
    MEASURE_WORDS,
    MISSILE_KINDS,
    NATURAL_CAUSES,
    NOMINAL,
    NOT_A_COUNT,
    OFFICE_WORDS,
    PATIENT_DEPS,
    PERSON_WORDS,
    PREDICATE_DEPS,
    ROUND_MARKERS,
    SINGLE_THINGS,
    SOURCES,
    SUBJECT_SUFFERS,
    SUBSET_PREPS,
    THING_WORDS,
    TONNES,
    TOTAL_PREPS,
    TOTAL_WORDS,
    WAR_WORDS,
)
from .numbers import (
    GROUPS,
    MULTIPLIERS,
    NUMBER_WORDS,
    QUALIFIERS,
    SCALED_BY_ARTICLE,
    UNITS,
    VAGUE,
    VAGUE_SMALL,
    parse_number,
)
from .occurrence import CUMULATIVE

COUNT_NAMES = (
    "killed",
    "injured",
    "drones",
    "missiles",
    "ballistic_missiles",
    "cruise_missiles",
    "munitions",
    "generators",
    "tonnes",
    "bombs",
    "shells",
    "rockets",
    "villages",
    "attacks",
    "deaths",
    "migrants",
    "participants",
    "arrested",
    "displaced",
    "kidnapped",
    "aircraft",
    "people",
)


@dataclass(frozen=True)
class Count:
    """One count a sentence gives: what is counted, how many, and where it is written."""

    name: str
    value: int
    qualifier: str | None
    start: int
    end: int
    text: str
    source: str | None = None  # who gives the figure, for people: "police", "organisers"


def find_counts(sentence: Span) -> list[Count]:
    """Every count the sentence gives, attached to what it counts.

    Each counted thing is given once: of several counts with one name, a total
    ("the death toll rose to 40") overrides the rest, and subsets ("including
    three children", "40 of them") or repeats ("the two victims") give way to
    the count they belong to, keeping the larger. Counts of distinct groups
    stay separate ("30 soldiers were killed as well as 4 militiamen"), so a
    name may appear more than once: add them up for a total. A tally marker
    ("in recent weeks") takes a clause's counts away, but not deaths from
    hunger or disease: those are one condition's toll over time, not many
    occurrences added up.
    """
    found = [hit for expression in _expressions(sentence) for hit in _count(*expression)]
    taken = {t.i for t in sentence if any(c.start <= t.idx < c.end for c, _ in found)}
    found += _article_counts(sentence, taken)
    tallying = _tallying_clauses(sentence)
    return _merge([(c, r) for c, r in found if c.name == "deaths" or not _clauses_up(sentence.doc, c.start) & tallying])


def _tallying_clauses(sentence: Span) -> set[int]:
    """The clauses (by their verb's index) that a tally marker ("in total", "since the war began") or a
    war as the subject ("the war has killed thousands") qualifies:
    their counts add up many occurrences, not the sentence's own event ("two were killed, bringing
    the toll since the war began to 1,000" keeps the two)."""
    clauses = set()
    for verb in sentence:  # "the war has killed thousands": a war's toll, however it is written
        if verb.pos_ in ("VERB", "AUX") and any(
            c.dep_ == "nsubj" and _lemma(c) in WAR_WORDS and c.pos_ == "NOUN" for c in verb.children
        ):
            clauses.add(verb.i)
    for match in CUMULATIVE.finditer(sentence.text):
        span = sentence.doc.char_span(
            sentence.start_char + match.start(), sentence.start_char + match.end(), alignment_mode="expand"
        )
        if span is not None:
            root = span.root
            clauses.add(_clause(sentence.doc, (root.head if root.head != root else root).idx))
    return clauses


def _clause(doc: Doc, char: int) -> int:
    """The index of the verb whose clause holds the character at `char` (the sentence root for none)."""
    return _clause_verb(next(t for t in doc if t.idx <= char < t.idx + len(t) or t.idx >= char)).i


def _clause_verb(token: Token) -> Token:
    while token.pos_ not in ("VERB", "AUX") and token.head != token:
        token = token.head
    return token


def _clauses_up(doc: Doc, char: int) -> set[int]:
    """The clause holding `char` and those it is the complement of: a tally marker on "officials said"
    covers what they said ("in total, officials said 1,300 drones were launched")."""
    verb = _clause_verb(next(t for t in doc if t.idx <= char < t.idx + len(t) or t.idx >= char))
    clauses = {verb.i}
    while verb.dep_ in ("ccomp", "xcomp") and verb.head != verb:
        verb = _clause_verb(verb.head)
        clauses.add(verb.i)
    return clauses


def _expressions(sentence: Span) -> Iterable[tuple[list[Token], list[Token]]]:
    """Number expressions with their qualifiers ("more than 4,000"), each with its bare run of number tokens."""
    tokens = list(sentence)
    i = 0
    while i < len(tokens):
        if not _is_number(tokens[i]) or _is_designation(tokens[i]) or _is_pronoun_one(tokens[i]) or _in_name(tokens[i]):
            i += 1
            continue
        start, end = i, i + 1
        if start > 0 and tokens[start - 1].lower_ in ("a", "an") and tokens[i].lower_ in SCALED_BY_ARTICLE:
            start -= 1  # "a dozen", "a few"
        while end < len(tokens) and _continues(tokens, end):
            end += 1
        yield tokens[_qualifier_start(tokens, start) : _trailing_end(tokens, end)], tokens[start:end]
        i = end


def _is_number(token: Token) -> bool:
    """Whether `token` can be part of a number; "few" only after "a", "tens" only before "of"."""
    word = token.lower_
    if word in VAGUE_SMALL:
        return word == "several" or (token.i > 0 and token.nbor(-1).lower_ in ("a", "an"))
    if word in ("tens", "scores"):
        return token.i + 1 < len(token.doc) and token.nbor(1).lower_ == "of"
    return word in NUMBER_WORDS or token.like_num


def _is_pronoun_one(token: Token) -> bool:
    """ "no one was hurt", "the one who fled": not a count of one."""
    return (
        token.lower_ == "one"
        and token.i > 0
        and token.nbor(-1).lower_ in ("no", "the", "this", "that", "each", "every", "any")
    )


def _is_designation(token: Token) -> bool:
    """The number of a model name ("Su - 25", "S-300"), written glued to letters."""
    if token.i < 2:
        return False
    dash, letters = token.nbor(-1), token.nbor(-2)
    return (
        dash.text == "-"
        and not dash.whitespace_
        and not letters.whitespace_
        and letters.is_alpha
        and letters.lower_ not in NUMBER_WORDS
    )


def _in_name(token: Token) -> bool:
    """A number inside a name or title, between two proper nouns: "Warrant Officer 4 Jane Doe" (not
    "Tuesday 12 Palestinians": a date before, a plural after)."""
    if token.i == 0 or token.i + 1 >= len(token.doc):
        return False
    before, after = token.nbor(-1), token.nbor(1)
    return before.tag_ == "NNP" and after.tag_ == "NNP" and before.ent_type_ not in ("DATE", "TIME")


def _continues(tokens: list[Token], i: int) -> bool:
    """Whether tokens[i] carries on the number run that ends before it."""
    prev, token = tokens[i - 1], tokens[i]
    nxt = tokens[i + 1] if i + 1 < len(tokens) else None
    if _is_number(token) and not _is_designation(token):
        return not (prev.lower_ in VAGUE and token.lower_ not in GROUPS and token.lower_ not in VAGUE)
    if nxt is None or not _is_number(nxt):
        return False
    if token.text == "-":
        return not prev.whitespace_ and not token.whitespace_ and prev.lower_ in UNITS and nxt.lower_ in UNITS
    if token.lower_ == "and":
        return prev.lower_ in MULTIPLIERS or (prev.lower_ in GROUPS and nxt.lower_ in UNITS)
    if token.lower_ == "of":
        return prev.lower_ in VAGUE and (nxt.lower_ in GROUPS or nxt.lower_ in VAGUE)
    return False


def _trailing_end(tokens: list[Token], end: int) -> int:
    """Where a number run ends once a trailing qualifier ("-plus", "or more") is taken in."""
    words = [t.lower_ for t in tokens[end : end + 3]]
    if words[:1] == ["plus"]:
        return end + 1
    if words[:2] == ["-", "plus"] and not tokens[end].whitespace_:
        return end + 2
    if words[:2] == ["or", "more"]:
        return end + 2
    return end


def _qualifier_start(tokens: list[Token], start: int) -> int:
    """Where a number run starts once the qualifier written before it ("at least", "more than") is taken in."""
    for phrase in sorted(QUALIFIERS, key=lambda q: (-len(q), q)):  # the same order in every process
        words = phrase.split()
        begin = start - len(words)
        if begin >= 0 and [t.lower_ for t in tokens[begin:start]] == words:
            return begin
    return start


def _count(expression: list[Token], run: list[Token]) -> list[tuple[Count, str]]:
    """The count an expression gives with its relation (see `_relation`), and the kind of missile it
    itemises if any ("13 ballistic missiles" is 13 missiles and 13 ballistic ones); none if it counts nothing."""
    doc = expression[0].doc
    span = doc[expression[0].i : expression[-1].i + 1]
    start, end, text = span.start_char, span.end_char, span.text  # not doc.text: it joins the whole document
    parsed = parse_number(text)
    if parsed is None:
        return []
    root = _root(run)
    counted, partitive = _counted(root)
    if counted != root and counted in expression:  # the parse hung the noun on "plus": "38-plus nations"
        counted = _next_noun(expression[-1])
    if counted is not None and _weighs_aid(counted):
        value, qualified = parsed
        return [(Count("tonnes", value, qualified, start, end, text), "")]
    if counted is None or _is_measure(run, root, counted):
        return []
    named = _name(counted)
    if named is None:
        return []
    name, total = named
    if name == "killed" and _natural_death(counted):
        name = "deaths"
    value, qualified = parsed
    source = _source(root) if name in ("people", "participants") else None
    count = Count(name, value, qualified, start, end, text, source)
    relation = _relation(total, partitive, counted, root, name)
    if name == "participants" and counted != root and _is_anaphoric(counted):
        return []  # "the two leaders could meet": those named before, a reference and no count of them
    kinds = [c.lower_ for c in counted.children if c.dep_ in ("amod", "compound") and c.lower_ in MISSILE_KINDS]
    items = [replace(count, name=f"{kinds[0]}_missiles")] if name == "missiles" and kinds else []
    return [(c, relation) for c in (count, *items)]


def _weighs_aid(counted: Token) -> bool:
    """ "200 tonnes of relief supplies": aid delivered is counted by its weight."""
    return _lemma(counted) in TONNES and any(
        _lemma(o) in AID_WORDS for p in counted.children if p.lower_ == "of" for o in p.subtree
    )


def _natural_death(counted: Token) -> bool:
    """Whether those counted died of a natural cause: "12 children died of hunger" are deaths, not killed."""
    verb = counted.head if counted.dep_ in ("nsubj", "nsubjpass") else counted
    return any(
        _lemma(cause) in NATURAL_CAUSES
        for prep in verb.children
        if prep.dep_ == "prep" and prep.lower_ in ("of", "from")
        for cause in prep.subtree
    )


def _source(root: Token) -> str | None:
    """Who gives a figure of people, by the subject of a verb above it: "police said 20,000 marched"."""
    for verb in (root, *root.ancestors):
        for child in verb.children:
            if child.dep_ == "nsubj" and _lemma(child) in SOURCES:
                return SOURCES[_lemma(child)]
            if child.dep_ == "prep" and child.lower_ == "according":  # "according to police"
                said = [_lemma(o) for p in child.children for o in p.children if o.dep_ == "pobj"]
                return next((SOURCES[w] for w in said if w in SOURCES), None)
    return None


def _next_noun(token: Token) -> Token | None:
    """The noun written right after `token`, for when the parse cannot say what is counted."""
    following = token.nbor(1) if token.i + 1 < len(token.doc) else None
    return following if following is not None and following.pos_ in ("NOUN", "PROPN") else None


def _root(run: list[Token]) -> Token:
    """The token of a number run that the rest of the sentence hangs on."""
    inside = {t.i for t in run}
    heads = [t for t in run if t.head.i not in inside or t.head == t]
    return heads[-1] if heads else run[-1]


def _counted(root: Token) -> tuple[Token | None, bool]:
    """The word saying what a number counts, and whether it is part of another count ("two of them")."""
    if [t.lower_ for t in root.doc[root.i + 1 : root.i + 3]] == ["out", "of"]:  # "104 out of 120 missiles"
        whole = _next_noun(root.nbor(3)) if root.i + 3 < len(root.doc) else None
        return (whole if whole is not None and _thing(whole) else root), False  # "killed 5 out of 10 passengers"
    if root.dep_ in ("nummod", "quantmod", "compound", "amod") and root.head != root:
        return root.head, False
    for prep in root.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            objects = [c for c in prep.children if c.dep_ == "pobj"]
            if not objects:
                return None, False
            if objects[0].pos_ == "PRON" or _is_anaphoric(objects[0]):
                return root, True
            return objects[0], any(c.dep_ == "nummod" for c in objects[0].children)  # "one of three men"
    return root, False


def _is_measure(run: list[Token], root: Token, counted: Token) -> bool:
    """Ages, durations, distances, percentages, dates, money: numbers that measure, not count."""
    if _lemma(counted) in MEASURE_WORDS or counted.lower_ in MEASURE_WORDS:
        return True
    if root.dep_ in ("npadvmod", "pobj") and _lemma(root.head) in MEASURE_WORDS:
        return True
    if (run[0].i > 0 and run[0].nbor(-1).text.endswith(CURRENCY_SIGNS)) or any(
        t.ent_type_ in ("MONEY", "PERCENT") for t in run
    ):
        return True  # "$5 million", "US$460 million", "40 percent"
    following = run[-1].nbor(1) if run[-1].i + 1 < len(run[-1].doc) else None
    if following is not None and (following.lower_ in MEASURE_WORDS or _lemma(following) in MEASURE_WORDS):
        return True  # "120mm mortars", "200 km", "three times more"
    if (
        following is not None
        and following.text == "-"
        and not run[-1].whitespace_
        and not following.whitespace_
        and following.i + 1 < len(following.doc)
        and following.nbor(1).is_alpha
        and following.nbor(1).lower_ != "plus"
    ):
        return True  # a compound modifier: "a million-man march", "a five-member team"
    if _is_year(root) and (counted == root or counted.tag_ == "NN"):
        return True  # "in 2022", "the 2009 ambassador family"
    if counted == root and root.dep_ == "appos" and (root.head.pos_ == "PROPN" or _is_person(root.head)):
        return True  # an age: "Ariel Leal, 22", "the man, 45,"
    return counted == root and any(t.ent_type_ in NOT_A_COUNT for t in run)


def _is_year(token: Token) -> bool:
    return token.text.isdigit() and len(token.text) == 4 and 1800 <= int(token.text) <= 2100


def _name(counted: Token) -> tuple[str, bool] | None:
    """What `counted` stands for, and whether it is a reported total; None when it is nothing we count."""
    thing = _thing(counted)
    if thing:
        return thing, False
    group = _group(counted)
    if group or _is_numeric(counted) or counted.pos_ == "PRON":
        return _event_of(counted) or ((group, False) if group else None)
    event = _own_event(counted)  # "12 fatalities"; other nouns ("three IEDs were evacuated") are not people
    return (event, False) if event else None


def _is_numeric(token: Token) -> bool:
    """A number standing for what it counts: "killing 12", "dozens of fighters"."""
    return token.like_num or token.lower_ in NUMBER_WORDS


def _event_of(noun: Token) -> tuple[str, bool] | None:
    """What happened to `noun`: its own word ("3 dead"), its governor ("killing two people"), its modifiers."""
    event = _own_event(noun) or _headline_event(noun)
    if event:
        return event, False
    return _predicate(noun) or _modifier_event(noun)


def _headline_event(number: Token) -> str | None:
    """A bare number right before a casualty word, however parsed: "1 dead, 1 hurt in crash"."""
    if not _is_numeric(number) or number.i + 1 >= len(number.doc):
        return None
    following = number.nbor(1)
    return _event(following) if following.tag_ in ("JJ", "VBN", "VBD") else None


def _thing(noun: Token) -> str | None:
    """Weapons and places, named by their own noun."""
    lemma = _lemma(noun)
    if lemma == "round":
        return "shells" if any(_lemma(c) in ROUND_MARKERS for c in noun.children) else None
    if lemma == "bomber" and any(_lemma(c) == "suicide" for c in noun.children):
        return None  # a person
    return next((name for name, words in THING_WORDS.items() if lemma in words or noun.lower_ in words), None)


def _group(noun: Token) -> str | None:
    """Migrants, participants, or plain people: what a group of people is when nothing happens to it."""
    lemma = _lemma(noun)
    if lemma == "seeker" and any(_lemma(c) == "asylum" for c in noun.children):
        return "migrants"
    for name, words in GROUP_WORDS.items():
        if lemma in words:
            return name
    if lemma in OFFICE_WORDS:
        return "participants" if _attends(noun) else "people"
    if lemma in COUNTRY_WORDS:
        sends = noun.dep_ == "pobj" and noun.head.lower_ == "from"  # "chiefs from 30 countries"
        return "participants" if sends or _attends(noun) else None
    return "people" if _is_person(noun) else None


def _attends(noun: Token) -> bool:
    """Whether the clause `noun` belongs to is about attending: "20 ministers are to join the talks"."""
    verb = noun.head
    while verb.pos_ not in ("VERB", "AUX") and verb.head != verb:
        verb = verb.head
    return any(_lemma(v) in ATTEND_WORDS for v in (verb, *verb.children) if v.pos_ in ("VERB", "AUX"))


def _is_person(noun: Token) -> bool:
    """People by their noun, or by a nationality in the plural ("12 Palestinians")."""
    return (
        _lemma(noun) in PERSON_WORDS
        or noun.lower_ in PERSON_WORDS
        or (noun.ent_type_ == "NORP" and noun.tag_ in ("NNS", "NNPS"))
    )


def _event(token: Token) -> str | None:
    """killed/injured/arrested/displaced/kidnapped for a word, by its lemma."""
    lemma = _lemma(token)
    return next((name for name, words in EVENT_WORDS.items() if lemma in words or token.lower_ in words), None)


def _own_event(token: Token) -> str | None:
    """A casualty word counted itself: "3 dead", "12 fatalities", "20 injuries"."""
    return _event(token) if token.pos_ in ("NOUN", "ADJ", "PROPN") else None


def _predicate(noun: Token) -> tuple[str, bool] | None:
    """What the word governing `noun` says happened to it, through conjuncts ("two people and 22 others")."""
    token = noun
    while token.head != token and (token.dep_ == "appos" or (token.dep_ == "conj" and token.head.pos_ in NOMINAL)):
        token = token.head
    head = token.head
    if head == token:
        return None
    if token.dep_ == "pobj":
        return _through_preposition(token, head)
    if token.dep_ in PATIENT_DEPS:
        event = _verb_event(head, token)
        if event:
            return event, False
        total = _total(head, token) if _is_numeric(token) else None
        return (total, True) if total else None
    return None


def _through_preposition(token: Token, prep: Token) -> tuple[str, bool] | None:
    """ "deaths of 3 people", "40 people, including three children", "the toll rose to 40"."""
    word, owner = prep.lower_, prep.head
    if owner == prep:
        return None
    if word in SUBSET_PREPS:
        return _event_of(owner)
    if word == "of" and _lemma(owner) in CROWD_WORDS:
        return "participants", False  # "a crowd of 50,000"
    if word == "of":
        if _is_numeric(owner) or _lemma(owner) in COUNT_HOLDERS:
            return _predicate(owner)  # "killing dozens of fighters", "a total of 978 people have been killed"
        event = _own_event(owner)
        return (event, False) if event else None
    if word in TOTAL_PREPS:
        event = _total(owner, token)
        if event:
            return event, True
        return ("people", False) if _puts_figure(owner) else None
    return None


def _puts_figure(word: Token) -> bool:
    """ "organisers put the figure at 50,000", "...closer to 50,000": a figure of people someone gives."""
    verb = word.head if word.dep_ in ("advmod", "acomp", "prep") else word
    return any(c.dep_ in ("dobj", "nsubj", "nsubjpass") and _lemma(c) in FIGURE_WORDS for c in verb.children)


def _verb_event(verb: Token, argument: Token) -> str | None:
    """The event `verb` (or the predicate it carries, "shot dead") reports for its patient `argument`."""
    if argument.dep_ == "nsubj" and any(c.dep_ == "dobj" for c in verb.children):
        suffered = next((_own_event(c) for c in verb.children if c.dep_ == "dobj" and _own_event(c)), None)
        if suffered or (_lemma(verb) == "lose" and any(_lemma(c) == "life" for c in verb.children)):
            return suffered or "killed"  # "seven men suffered injuries", "851 people lost their lives"
        if _lemma(verb) not in SUBJECT_SUFFERS:
            return None  # the subject of "soldiers killed two civilians" is the agent
    event = _event(verb)
    if event:
        return event
    for child in verb.children:
        if child.dep_ in PREDICATE_DEPS and _event(child):
            return _event(child)
        if (
            child.dep_ == "conj"
            and child.pos_ == "VERB"
            and _event(child)
            and not any(c.dep_ in ("dobj", "nsubj", "nsubjpass") for c in child.children)
        ):
            return _event(child)  # "were shot and killed"
    return None


def _total(verb: Token, argument: Token) -> str | None:
    """The casualty a total reports: "the death toll rose to 40", "fatalities coded as 10"."""
    holders = [c for c in verb.children if c != argument and c.dep_ in ("nsubj", "nsubjpass", "dobj")]
    if verb.dep_ == "acl":
        holders.append(verb.head)
    for holder in holders:
        if _lemma(holder) in COUNT_HOLDERS:
            holder = next((o for p in holder.children if p.lower_ == "of" for o in p.children), holder)
        if _lemma(holder) in TOTAL_WORDS:
            said = next((_event(c) for c in holder.children if c.dep_ in ("compound", "amod") and _event(c)), None)
            return said or ("killed" if _lemma(holder) == "toll" else None)
        if _own_event(holder):
            return _own_event(holder)
    return None


def _modifier_event(noun: Token) -> tuple[str, bool] | None:
    """The event a noun's own modifiers report: "people killed", "five killed", "injured civilians"."""
    for child in noun.children:
        if child.dep_ in ("amod", "acl", "relcl") and _event(child):
            if child.dep_ == "relcl" and any(c.dep_ == "dobj" for c in child.children):
                continue  # "soldiers who killed two civilians": the noun is the agent
            event = _event(child)
            if event:
                return event, False
    return None


def _relation(total: bool, partitive: bool, counted: Token, root: Token, name: str) -> str:
    """'total' for a reported total, 'subset' for part of or a repeat of another count, '' for its own."""
    if total:
        return "total"
    if partitive or _in_subset(counted, name) or _whole_of_part(root):
        return "subset"
    return "subset" if counted != root and _is_anaphoric(counted) else ""


def _in_subset(noun: Token, name: str | None = None) -> bool:
    """ "including three children", "among them two soldiers", "five people, two of them children";
    not a list of other things set beside it: "100 drones, 7 missiles and 15 rockets"."""
    token = noun
    while token.dep_ == "conj" and token.head != token:
        token = token.head
    if token.dep_ == "appos":
        return name is None or _thing(token.head) in (None, name)
    return token.dep_ == "pobj" and token.head.lower_ in SUBSET_PREPS


def _whole_of_part(number: Token) -> bool:
    """The 120 of "104 out of 120 missiles": the whole the clause's own count is part of."""
    return number.i >= 3 and [t.lower_ for t in number.doc[number.i - 2 : number.i]] == ["out", "of"]


def _is_anaphoric(noun: Token) -> bool:
    """ "the two victims", "those 40": a count repeating one given before."""
    return any(c.dep_ in ("det", "poss", "predet") and c.lower_ in ANAPHORA for c in noun.children)


def _article_counts(sentence: Span, taken: set[int]) -> list[tuple[Count, str]]:
    """ "A civilian was killed", "another wounded": one person, when something happens to them."""
    found = []
    for token in sentence:
        if token.i in taken:
            continue
        if token.lower_ in ("a", "an") and token.dep_ == "det" and _single_thing(token.head):
            found.append(
                (Count(_single_thing(token.head) or "", 1, None, token.idx, token.idx + len(token), token.text), "")
            )
            continue
        if token.lower_ in ("a", "an", "another") and token.dep_ == "det":
            noun = token.head
            if _group(noun) is None or noun.tag_ != "NN" or any(c.dep_ == "nummod" for c in noun.children):
                continue
        elif token.lower_ == "another":
            noun = token
        else:
            continue
        event = _event_of(noun)
        if event:
            count = Count(event[0], 1, None, token.idx, token.idx + len(token), token.text)
            found.append((count, "subset" if _in_subset(noun) else ""))
    return found


def _single_thing(noun: Token) -> str | None:
    """The weapon "a" or "an" counts as one ("hit by a missile"), unless one of several ("a missile or a drone")."""
    thing = _thing(noun)
    if thing not in SINGLE_THINGS or noun.tag_ != "NN" or any(c.dep_ == "nummod" for c in noun.children):
        return None
    either = any(c.lower_ == "or" for c in (*noun.children, *noun.head.children))
    return None if either else thing


def _merge(found: list[tuple[Count, str]]) -> list[Count]:
    """One count per counted thing, unless distinct groups: see `find_counts`."""
    kept: list[Count] = []
    for name in COUNT_NAMES:
        group = [(c, r) for c, r in found if c.name == name]
        if not group:
            continue
        own = [c for c, r in group if r == ""]
        if any(r == "total" for _, r in group) or not own:
            kept.append(max((c for c, _ in group), key=lambda c: c.value))
        else:
            kept.extend(own)
    return sorted(kept, key=lambda c: c.start)


def _lemma(token: Token) -> str:
    return token.lemma_.lower()
