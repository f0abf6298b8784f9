"""Event dates: explicit dates, relative ones counted from the document date, and which one a sentence's event has."""

from __future__ import annotations

import datetime

import pytest

from geo.events.dates import EventDate, document_date, sentence_date

MONDAY = datetime.date(2025, 3, 10)
FRIDAY = datetime.date(2025, 10, 24)


@pytest.fixture(scope="module")
def nlp():
    from geo.text.model import load_model

    return load_model()


@pytest.fixture(scope="module")
def date_of(nlp):
    """The EventDate of the first sentence of `text`, given the document date."""

    def date_of(text: str, doc_date: datetime.date | None) -> EventDate | None:
        return sentence_date(next(nlp(text).sents), doc_date)

    return date_of


def day(text: str) -> datetime.date:
    return datetime.date.fromisoformat(text)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("On 24 October 2025, Russian drones struck a power plant near Kharkiv.", "2025-10-24"),
        ("KYIV, March 3, 2025 - Ukrainian officials said talks would resume.", "2025-03-03"),
        ("14 July 2023: Shelling hit the outskirts of the city.", "2023-07-14"),
        ("Drones over the capital\nLONDON, Sept. 9, 2024 (Reuters) - Air defences were active.", "2024-09-09"),
        ("Published 2024-02-11. Two villages were evacuated.", "2024-02-11"),
    ],
)
def test_document_date_from_dateline(text, expected):
    assert document_date(text) == day(expected)


@pytest.mark.parametrize(
    "text",
    [
        "Ukrainian officials said on Tuesday that talks would resume.",
        "On 14 July, shelling hit the outskirts of the city.",  # no year: not a document's own date
        "The war began in February 2022 and has not stopped.",
        "Talks resumed. " + "The delegations met again and again. " * 10 + "It was 3 March 2025.",
    ],
)
def test_document_date_is_never_invented(text):
    assert document_date(text) is None


@pytest.mark.parametrize(
    "text, expected, precision",
    [
        ("Russian forces shelled the village on 14 July 2023.", "2023-07-14", "day"),
        ("The talks took place on July 14, 2023, in Vilnius.", "2023-07-14", "day"),
        ("The summit opened on 2023-07-14 in Vilnius.", "2023-07-14", "day"),
        ("Police said the attack happened on 14/07/2023.", "2023-07-14", "day"),
        ("Police said the attack happened on 07/14/2023.", "2023-07-14", "day"),
        ("The strike hit the city on Tuesday, 14 July 2023.", "2023-07-14", "day"),
        ("Shelling was reported between 16-17 March 2022 near the village.", "2022-03-16", "day"),
        ("Russia launched the offensive in July 2023.", "2023-07-01", "month"),
        ("Crimea was annexed in 2014.", "2014-01-01", "year"),
        ("Part of the region has been under Russian control since 2014.", "2014-01-01", "year"),
    ],
)
def test_explicit_dates_need_no_document_date(date_of, text, expected, precision):
    found = date_of(text, None)
    assert (found.date, found.precision, found.inferred) == (day(expected), precision, False)


@pytest.mark.parametrize(
    "text",
    [
        "Police said the attack happened on 05/07/2023.",  # 5 July or May 7
        "Police said the attack happened on 11/12/2023.",
    ],
)
def test_ambiguous_numeric_dates_are_skipped(date_of, text):
    assert date_of(text, MONDAY) is None


def test_numeric_date_with_equal_day_and_month_is_unambiguous(date_of):
    assert date_of("The attack happened on 07/07/2023.", None).date == day("2023-07-07")


@pytest.mark.parametrize(
    "text, doc_date, expected",
    [
        ("Troops entered the town on 14 July.", "2023-07-20", "2023-07-14"),
        ("Troops entered the town on July 14.", "2023-07-20", "2023-07-14"),
        ("Troops entered the town on 28 December.", "2024-01-03", "2023-12-28"),  # past: last year's
        ("The election will be held on 30 March.", "2025-03-10", "2025-03-30"),
        ("The delegations will meet on 2 January.", "2024-12-20", "2025-01-02"),  # future: next year's
    ],
)
def test_yearless_dates_take_the_year_from_the_document_date(date_of, text, doc_date, expected):
    found = date_of(text, day(doc_date))
    assert (found.date, found.precision, found.inferred) == (day(expected), "day", True)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The raid took place in August.", "2024-08-01"),  # before a March document: last year's August
        ("The conflict enters its fourth year next February.", "2026-02-01"),
    ],
)
def test_yearless_months(date_of, text, expected):
    found = date_of(text, day("2025-03-10") if "raid" in text else FRIDAY)
    assert (found.date, found.precision, found.inferred) == (day(expected), "month", True)


@pytest.mark.parametrize(
    "text",
    [
        "Troops entered the town on 14 July.",
        "Two people were killed on Tuesday.",
        "A drone hit a building yesterday.",
        "The talks collapsed last week.",
        "The army said on Monday that troops entered the town on 3 March 2025.",  # the main verb's date is relative
    ],
)
def test_relative_dates_without_a_document_date_are_none(date_of, text):
    assert date_of(text, None) is None


@pytest.mark.parametrize(
    "text, expected",
    [
        ("A drone struck a school today.", "2025-03-10"),
        ("Today, a drone struck a school.", "2025-03-10"),
        ("The minister spoke to reporters this morning.", "2025-03-10"),
        ("A drone struck a school yesterday morning.", "2025-03-09"),
        ("A drone hit an apartment block last night.", "2025-03-09"),
        ("Air defences downed 40 drones overnight.", "2025-03-10"),  # the night that ends on the document's morning
        ("Shelling will continue tonight.", "2025-03-10"),
        ("The president will travel to Paris tomorrow.", "2025-03-11"),
        ("The bridge was hit three days ago.", "2025-03-07"),
    ],
)
def test_relative_days(date_of, text, expected):
    found = date_of(text, MONDAY)
    assert (found.date, found.precision, found.inferred) == (day(expected), "day", True)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Russian artillery struck a residential block in Kherson on Friday.", "2025-10-24"),  # the document's own day
        ("The ministry claimed on Friday that its forces captured a village.", "2025-10-24"),
        ("Two people were killed on Tuesday.", "2025-10-21"),
        ("The governor said on Monday that the roads were closed.", "2025-10-20"),
        ("Officials announce new sanctions on Wednesday.", "2025-10-22"),  # bare present reads as past
        ("Russia attacked the port last Friday.", "2025-10-17"),
        ("The prime minister spoke on Thursday night.", "2025-10-23"),
    ],
)
def test_past_tense_weekdays_look_back(date_of, text, expected):
    assert date_of(text, FRIDAY).date == day(expected)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("US-Ukraine peace talks are set to begin on Tuesday.", "2025-03-11"),
        ("Military leaders will meet in London on Thursday.", "2025-03-13"),
        ("Officials are expected to sign the deal on Saturday.", "2025-03-15"),
        ("The ministers are due to meet in Brussels on Friday.", "2025-03-14"),
        ("Zelensky plans to visit Washington on Sunday.", "2025-03-16"),
        ("The vote is scheduled for Wednesday.", "2025-03-12"),
        ("The leaders are meeting on Thursday.", "2025-03-13"),
        ("Ministers will meet on Monday.", "2025-03-10"),  # the document's own day
        ("Ministers will meet next Monday.", "2025-03-17"),
        ("The prime minister is leading efforts to convene a call on Saturday.", "2025-03-15"),
    ],
)
def test_future_weekdays_look_ahead(date_of, text, expected):
    assert date_of(text, MONDAY).date == day(expected)


@pytest.mark.parametrize(
    "text, expected, precision",
    [
        ("Troops withdrew from the town last week.", "2025-03-03", "week"),
        ("The gathering took place in Paris the previous week.", "2025-03-03", "week"),
        ("Its forces captured ten villages over the past week.", "2025-03-03", "week"),
        ("Military leaders are set to gather in London this week.", "2025-03-10", "week"),
        ("Foreign ministers will convene in Canada later this week.", "2025-03-10", "week"),
        ("The talks will resume next week.", "2025-03-17", "week"),
        ("Officials met earlier this month.", "2025-03-01", "month"),
        ("The talks collapsed last month.", "2025-02-01", "month"),
        ("Aid deliveries resumed earlier this year.", "2025-01-01", "year"),
        ("The ceasefire collapsed two weeks ago.", "2025-02-24", "week"),
    ],
)
def test_relative_periods_start_on_their_first_day(date_of, text, expected, precision):
    found = date_of(text, day("2025-03-12"))  # a Wednesday
    assert (found.date, found.precision, found.inferred) == (day(expected), precision, True)


@pytest.mark.parametrize(
    "text",
    [
        "Ceasefire talks will resume in the coming days.",
        "The region has been shelled in recent months.",
        "A 16-year-old was among the injured.",
        "The 30-day ceasefire held for six months.",
        "Its headquarters will rotate between Paris and London for 12-month periods.",
        "Markets fell sharply on Black Friday.",
        "The story was first reported by USA Today.",
        "The minister may resign, aides said.",
    ],
)
def test_vague_expressions_ages_and_durations_are_not_dates(date_of, text):
    assert date_of(text, MONDAY) is None


def test_age_next_to_a_date_is_ignored(date_of):
    found = date_of("A 16-year-old was injured in the attack on Friday.", FRIDAY)
    assert (found.text, found.date) == ("Friday", FRIDAY)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The ministry claimed on Friday that over the past week its forces have captured 10 villages.", "Friday"),
        ("A man who moved to the city in 2014 was killed on Thursday.", "Thursday"),
        ("The army said on Monday that troops will enter the town on Saturday.", "Monday"),
    ],
)
def test_the_date_nearest_the_main_verb_wins(date_of, text, expected):
    assert date_of(text, FRIDAY).text == expected


def test_offsets_point_into_the_document(nlp):
    doc = nlp("Talks stalled. Russian forces shelled the village on 14 July 2023, officials said.")
    found = sentence_date(list(doc.sents)[1], None)
    assert doc.text[found.start : found.end] == found.text == "14 July 2023"


@pytest.mark.parametrize(
    "text, expected",
    [
        # a night named by its two days is dated by the morning it ends on (MONDAY is 10 March 2025)
        ("Drones have hit the depot in a raid overnight Saturday into Sunday.", "2025-03-09"),
        ("Drones hit the depot on the night of Friday into Saturday.", "2025-03-08"),
        ("Drones hit the depot on Saturday night into Sunday.", "2025-03-09"),
        # counter-cases: one day named is that day; a night with no second day is the evening's
        ("Drones hit the depot on Saturday.", "2025-03-08"),
        ("Drones hit the depot on Saturday night.", "2025-03-08"),
    ],
)
def test_a_night_from_one_day_into_the_next_is_dated_by_the_morning(date_of, text, expected):
    found = date_of(text, MONDAY)
    assert found is not None and found.date == day(expected)


@pytest.mark.parametrize(
    "text, expected",
    [
        # a progressive looks only near: a date months ahead is the last one (MONDAY is 10 March 2025)
        ("Meanwhile, the army is continuing its offensive after the raid on the border on 2 December.", "2024-12-02"),
        # counter-cases: a near date ahead stays ahead, and so does a weekday; a future tense looks ahead
        ("The envoys are meeting in Geneva on 14 March.", "2025-03-14"),
        ("The envoys are meeting in Geneva on Thursday.", "2025-03-13"),
        ("Talks will resume in Geneva on 2 December.", "2025-12-02"),
    ],
)
def test_a_progressive_looks_only_near(date_of, text, expected):
    found = date_of(text, MONDAY)
    assert found is not None and found.date == day(expected)
