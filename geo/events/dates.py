"""When the events in news text happened: explicit and relative dates, resolved against the document date.

News rarely writes a full date next to each event; it says "on Tuesday" or "last week" and leaves
the reader to count from the publication date. The conventions where English is ambiguous:

- A weekday or a yearless date ("on Tuesday", "14 July", "in August") is placed by the tense of
  the verb it belongs to: past -> the latest such day on or before the document date, future ->
  the first on or after it. The document's own day counts both ways ("on Friday" in a Friday
  report is that Friday). Present tense without a future marker reads as past: news reports
  what happened. "last Tuesday" / "next Tuesday" never mean the document's own day.
- "overnight" is the night that ends on the morning of the document date, so it is the document
  date; "last night" is the evening before, the day before. A night named by its two days
  ("overnight Saturday into Sunday") is dated, like "overnight", by the morning it ends on.
- A present progressive looks ahead only to what is near: a weekday ("are meeting on Thursday")
  is the next one, but a yearless date or month is the nearer of the last and the next ("is
  continuing its campaign following the attack on October 7", written in January, is last
  October's).
- Weeks start on Monday; a week-precise date is that Monday ("last week" -> Monday of the week
  before the document's).
- Expressions too vague to date ("in the coming days", "in recent months") are not dates.
- A yearless date is `inferred` like any relative one: its year comes from the document date.
- A date written without its year, or a relative one, gives nothing when the document date is
  unknown: a date is never invented.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

PRECISIONS = ("day", "week", "month", "year")
DATELINE_CHARS = 300  # a document's own date is written within its opening

_MONTH_NUMBERS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sept", "sep"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_WEEKDAY_NUMBERS = {
    name: number
    for number, name in enumerate(("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"))
}
_NUMBER_WORDS = {
    word: number
    for number, word in enumerate(
        ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"), start=1
    )
} | {"a": 1, "an": 1}
# Capitalised only: "may" and "march" are also ordinary words.
_FULL_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)\b"
_MONTH = rf"(?P<month>{_FULL_MONTH}|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\b\.?)"
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?!\d)"
_RANGE_END = r"(?:\s*(?:-|–|to|and)\s*[0-3]?\d(?:st|nd|rd|th)?)?"  # "16-17 March" is dated by its first day
_YEAR = r"(?P<year>(?:19|20)\d\d)(?![\d-])"
_ON_WEEKDAY = rf"(?:{_WEEKDAY},?\s+(?:the\s+)?)?"  # "Tuesday, 14 July" is one date
# Names of days that are not a day of the week ("Good Friday", "Black Monday").
_NOT_WEEKDAY_BEFORE = {"good", "black", "holy", "ash", "palm", "easter", "cyber", "super", "bloody", "maundy"}
_RELATIVE_DAY_OFFSETS = {
    "today": 0,
    "tonight": 0,
    "overnight": 0,
    "this morning": 0,
    "this afternoon": 0,
    "this evening": 0,
    "yesterday": -1,
    "last night": -1,
    "tomorrow": 1,
}
_PERIOD_OFFSETS = {"this": 0, "last": -1, "the past": -1, "the previous": -1, "next": 1, "the coming": 1}
# Verbs whose to-infinitive is planned, not done: "are set to begin", "is expected to meet".
_PLANNING = {"set", "expect", "due", "schedule", "plan", "slate", "poise", "intend", "prepare", "aim", "hope"}


@dataclass(frozen=True)
class EventDate:
    """When an event happened, as precisely as the text says, and where the text says it."""

    date: datetime.date  # the day, or the first day of the week (Monday), month or year
    precision: str  # one of PRECISIONS
    inferred: bool  # counted from the document date rather than written in full
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class _Found:
    """A date expression in the text, before the document date and tense resolve it."""

    start: int
    end: int
    precision: str
    when: datetime.date | None = None  # written in full: needs nothing else
    resolve: Callable[[datetime.date, bool | None], datetime.date] | None = None  # (document date, future) -> date

    @property
    def explicit(self) -> bool:
        return self.when is not None


_Builder = Callable[[re.Match], "_Found | None"]


def document_date(text: str) -> datetime.date | None:
    """The first full calendar date in the opening (a dateline or "On 14 July 2023, ..."), else None."""
    opening = text[: DATELINE_CHARS + 40]  # room for a date that starts just before the limit
    days = [
        found
        for found in _find(opening, 0, _FULL_DATE_RULES)
        if found.when is not None and found.precision == "day" and found.start < DATELINE_CHARS
    ]
    return days[0].when if days else None


def sentence_date(sentence: Span, document_date: datetime.date | None) -> EventDate | None:
    """The date of the sentence's main event: the date expression nearest its main verb, resolved.

    When the expression nearest the main verb is relative and the document date is unknown, the
    answer is None rather than another, less central date in the sentence.
    """
    candidates = [(found, _anchor(sentence, found)) for found in _find(sentence.text, sentence.start_char, _RULES)]
    if not candidates:
        return None
    found, anchor = min(candidates, key=lambda pair: _rank(*pair))
    when = found.when
    if when is None:
        if document_date is None or found.resolve is None:
            return None
        when = found.resolve(document_date, _is_future(anchor))
    offset = sentence.start_char
    return EventDate(
        when,
        found.precision,
        not found.explicit,
        found.start,
        found.end,
        sentence.text[found.start - offset : found.end - offset],
    )


# --- finding expressions -------------------------------------------------------------------


def _find(text: str, offset: int, rules: Iterable[tuple[re.Pattern, _Builder]]) -> list[_Found]:
    """Every date expression in `text`; where two overlap, the one that starts first (or is longer) wins."""
    found = sorted(
        (item for pattern, build in rules for match in pattern.finditer(text) if (item := build(match)) is not None),
        key=lambda item: (item.start, item.start - item.end),
    )
    kept: list[_Found] = []
    for item in found:
        if not kept or item.start >= kept[-1].end:
            kept.append(item)
    return [replace(item, start=item.start + offset, end=item.end + offset) for item in kept]


def _calendar(match: re.Match, month: int, day: int, year: str | None) -> _Found | None:
    """A day of a month, with or without its year; None for impossible days like 31 April."""
    if year:
        when = _safe_date(int(year), month, day)
        return _Found(*match.span(), "day", when=when) if when else None
    if _safe_date(2024, month, day) is None:  # a leap year, so 29 February is possible
        return None
    return _Found(*match.span(), "day", resolve=lambda doc, future: _yearless_day(doc, future, month, day))


def _day_month(match: re.Match) -> _Found | None:
    return _calendar(match, _month(match), int(match["day"]), match["year"])


def _iso(match: re.Match) -> _Found | None:
    return _calendar(match, int(match["month"]), int(match["day"]), match["year"])


def _numeric(match: re.Match) -> _Found | None:
    """14/07/2023 is day first and 07/14/2023 month first; 05/07/2023 could be either, so it is skipped."""
    first, second = int(match["first"]), int(match["second"])
    if first > 12 >= second or first == second:
        return _calendar(match, second, first, match["year"])
    if second > 12 >= first:
        return _calendar(match, first, second, match["year"])
    return None


def _month_year(match: re.Match) -> _Found:
    return _Found(*match.span(), "month", when=datetime.date(int(match["year"]), _month(match), 1))


def _month_only(match: re.Match) -> _Found:
    """ "in August": the August before or after the document date, by tense (or by "last"/"next")."""
    month, which = _month(match), match["which"].lower()
    direction = {"last": False, "next": True}.get(which)
    start = match.start("month") if direction is None else match.start()
    return _Found(
        start,
        match.end(),
        "month",
        resolve=lambda doc, future: _yearless_month(doc, future if direction is None else direction, month),
    )


def _year_only(match: re.Match) -> _Found:
    return _Found(*match.span("year"), "year", when=datetime.date(int(match["year"]), 1, 1))


def _weekday(match: re.Match) -> _Found | None:
    before = match.string[: match.start()].split()
    if before and before[-1].lower() in _NOT_WEEKDAY_BEFORE:
        return None
    weekday = _WEEKDAY_NUMBERS[match["weekday"].lower()]
    which = (match["which"] or "").lower()
    forced = {"last": False, "next": True}.get(which)
    return _Found(
        *match.span(),
        "day",
        resolve=lambda doc, future: _nearest_weekday(
            doc, weekday, future is not False if forced is None else forced, strict=forced is not None
        ),
    )


def _night_into(match: re.Match) -> _Found:
    """ "overnight Saturday into Sunday": the morning the night ends on, placed by tense like a weekday."""
    weekday = _WEEKDAY_NUMBERS[match["weekday"].lower()]
    return _Found(
        *match.span(), "day", resolve=lambda doc, future: _nearest_weekday(doc, weekday, future is not False, False)
    )


def _relative_day(match: re.Match) -> _Found | None:
    """ "yesterday", "overnight" ...; a capitalised one inside a sentence is a name ("USA Today")."""
    if match[0][0].isupper() and re.search(r"\w", match.string[: match.start()]):
        return None
    shift = _RELATIVE_DAY_OFFSETS[" ".join(match[0].lower().split())]
    return _Found(*match.span(), "day", resolve=lambda doc, _future: doc + datetime.timedelta(days=shift))


def _period(match: re.Match) -> _Found:
    """ "last week", "earlier this month", "next year": the first day of that period."""
    shift = _PERIOD_OFFSETS[" ".join(match["which"].lower().split())]
    unit = match["unit"].lower()
    return _Found(*match.span(), unit, resolve=lambda doc, _future: _period_start(doc, unit, shift))


def _ago(match: re.Match) -> _Found:
    """ "three days ago", "two weeks ago": counted back from the document date."""
    count = match["count"].lower()
    shift = -(int(count) if count.isdigit() else _NUMBER_WORDS[count])
    unit = match["unit"].lower()
    if unit == "day":
        return _Found(*match.span(), "day", resolve=lambda doc, _future: doc + datetime.timedelta(days=shift))
    return _Found(*match.span(), unit, resolve=lambda doc, _future: _period_start(doc, unit, shift))


def _month(match: re.Match) -> int:
    return _MONTH_NUMBERS[match["month"].rstrip(".").lower()]


_FULL_DATE_RULES: tuple[tuple[re.Pattern, _Builder], ...] = (
    (re.compile(rf"\b{_ON_WEEKDAY}{_DAY}{_RANGE_END}\s+(?:of\s+)?{_MONTH}(?:,?\s+{_YEAR})?"), _day_month),
    (re.compile(rf"\b{_ON_WEEKDAY}{_MONTH}\s+{_DAY}{_RANGE_END}(?:,?\s+{_YEAR})?"), _day_month),
    (re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)\b"), _iso),
    (re.compile(rf"\b(?P<first>[0-3]?\d)(?P<sep>[/.-])(?P<second>[0-3]?\d)(?P=sep){_YEAR}"), _numeric),
)
_RULES: tuple[tuple[re.Pattern, _Builder], ...] = _FULL_DATE_RULES + (
    (re.compile(rf"\b{_MONTH}\s+{_YEAR}"), _month_year),
    (
        re.compile(
            rf"\b(?P<which>(?i:in|since|during|until|by|early|late|mid|last|next))[\s-]+"
            rf"(?P<month>{_FULL_MONTH})(?!\s*\d)"
        ),
        _month_only,
    ),
    (re.compile(rf"\b(?i:in|since|during|throughout|early|late|mid)[\s-]+{_YEAR}"), _year_only),
    (
        re.compile(
            rf"\b(?:(?P<which>(?i:last|next|this))\s+)?(?P<weekday>{_WEEKDAY})(?:['’]s)?"
            r"(?:\s+(?:morning|afternoon|evening|night)\b)?"
        ),
        _weekday,
    ),
    (
        re.compile(
            rf"(?:(?i:overnight\s+(?:on\s+)?|(?:on\s+)?the\s+night\s+of\s+){_WEEKDAY}(?:\s+night)?|{_WEEKDAY}\s+night)"
            rf"\s+into\s+(?P<weekday>{_WEEKDAY})"
        ),
        _night_into,
    ),
    (
        re.compile(
            r"(?i)\b(?:today|tonight|tomorrow|yesterday|overnight|last\s+night|this\s+(?:morning|afternoon|evening))\b"
        ),
        _relative_day,
    ),
    (
        re.compile(
            r"(?i)\b(?:(?:earlier|later)\s+)?(?P<which>this|last|next|the\s+(?:past|previous|coming))\s+"
            r"(?P<unit>week|month|year)\b"
        ),
        _period,
    ),
    (re.compile(rf"(?i)\b(?P<count>\d+|{'|'.join(_NUMBER_WORDS)})\s+(?P<unit>day|week|month|year)s?\s+ago\b"), _ago),
)


# --- resolving against the document date ----------------------------------------------------


def _safe_date(year: int, month: int, day: int) -> datetime.date | None:
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


def _yearless_day(doc: datetime.date, future: bool | None, month: int, day: int) -> datetime.date:
    """The nearest `day` of `month` on or after (future) or on or before (past) the document date;
    when the tense says neither (None), the nearer of those two."""
    options = [when for year in range(doc.year - 4, doc.year + 5) if (when := _safe_date(year, month, day))]
    after, before = min(when for when in options if when >= doc), max(when for when in options if when <= doc)
    if future is None:
        return after if after - doc < doc - before else before
    return after if future else before


def _yearless_month(doc: datetime.date, future: bool | None, month: int) -> datetime.date:
    if future is None:
        after, before = _yearless_month(doc, True, month), _yearless_month(doc, False, month)
        return after if after - doc < doc - before else before
    if future:
        return datetime.date(doc.year + (month < doc.month), month, 1)
    return datetime.date(doc.year - (month > doc.month), month, 1)


def _nearest_weekday(doc: datetime.date, weekday: int, future: bool, strict: bool) -> datetime.date:
    """The `weekday` on or after (future) or on or before (past) the document date; `strict` skips its own day."""
    shift = (weekday - doc.weekday()) % 7 if future else -((doc.weekday() - weekday) % 7)
    if strict and shift == 0:
        shift = 7 if future else -7
    return doc + datetime.timedelta(days=shift)


def _period_start(doc: datetime.date, unit: str, shift: int) -> datetime.date:
    """The first day of the week (Monday), month or year `shift` periods from the document's."""
    if unit == "week":
        return doc - datetime.timedelta(days=doc.weekday()) + datetime.timedelta(weeks=shift)
    if unit == "month":
        months = doc.year * 12 + doc.month - 1 + shift
        return datetime.date(months // 12, months % 12 + 1, 1)
    return datetime.date(doc.year + shift, 1, 1)


# --- reading the sentence --------------------------------------------------------------------


def _anchor(sentence: Span, found: _Found) -> Token:
    """The token that attaches the expression to the rest of the sentence."""
    span = sentence.doc.char_span(found.start, found.end, alignment_mode="expand")
    return span.root if span is not None else sentence.root


def _rank(found: _Found, anchor: Token) -> tuple[int, bool, int, int]:
    """Nearest the main verb first; then written in full, then the most precise, then the first."""
    return _depth(anchor), not found.explicit, PRECISIONS.index(found.precision), found.start


def _depth(token: Token) -> int:
    """Steps from `token` up the dependency tree to its sentence's root."""
    depth = 0
    while token.head.i != token.i:
        token, depth = token.head, depth + 1
    return depth


def _is_future(anchor: Token) -> bool | None:
    """Whether the verbs above `anchor` put its event after the report: "will meet", "are set to begin".

    Modal auxiliaries (will, would, could ...) look ahead unless perfect ("would have"); a
    to-infinitive looks ahead under a planning verb or a present-tense one ("is leading efforts to
    convene a call on Saturday"); a present progressive looks only near (None: "are meeting on
    Thursday", "is continuing ... following the attack on October 7"); past and perfect tenses
    look back, and so does the simple present, the tense of headlines.
    """
    infinitive = False
    for verb in _verbs_above(anchor):
        auxiliaries = [child for child in verb.children if child.dep_ in ("aux", "auxpass")]
        perfect = any(aux.lemma_ == "have" for aux in auxiliaries)
        if any(aux.tag_ == "MD" for aux in auxiliaries) and not perfect:
            return True
        if verb.lemma_.lower() in _PLANNING and (infinitive or verb.tag_ == "VBN"):
            return True
        if any(aux.tag_ == "TO" for aux in auxiliaries):
            infinitive = True
            continue
        tense = "Past" if perfect else _finite_tense([*auxiliaries, verb])
        if tense is not None:
            if tense == "Pres" and not infinitive and verb.tag_ == "VBG":
                return None  # "are meeting on Thursday", "is continuing ... on October 7": near, either way
            return tense == "Pres" and infinitive
    return infinitive


def _verbs_above(anchor: Token) -> Iterator[Token]:
    """The verbs (and "due") from the one governing `anchor` up to the sentence root."""
    token = anchor
    while token.head.i != token.i:
        token = token.head
        if token.pos_ in ("VERB", "AUX") or token.lower_ == "due":
            yield token


def _finite_tense(words: list[Token]) -> str | None:
    """'Past' or 'Pres' from the first finite word of a verb group; None if none is finite ("taking")."""
    for word in words:
        if "Fin" in word.morph.get("VerbForm", []):
            return next(iter(word.morph.get("Tense", [])), None)
    return None
