"""The event taxonomy file and the typing of sentences written for these tests."""

from pathlib import Path

import pytest

from geo.events.taxonomy import EventType, Taxonomy, read_sentence

DEFAULT_TYPES = [
    "diplomacy",
    "strike",
    "interception",
    "ground",
    "violence_against_civilians",
    "protest",
    "humanitarian",
    "migration",
    "other",
]


@pytest.fixture(scope="module")
def nlp():
    from geo.text.model import load_model

    return load_model()


@pytest.fixture(scope="module")
def taxonomy() -> Taxonomy:
    return Taxonomy.load()


def types(nlp, taxonomy, text: str) -> list[tuple[str, str | None, float]]:
    """The event types a one-sentence text reports, as the event finder reads them."""
    (sentence,) = nlp(text).sents
    return read_sentence(sentence, taxonomy)[1]


def triggers(nlp, taxonomy, text: str) -> list[tuple[str, str]]:
    """(type, words) of each trigger of a one-sentence text."""
    (sentence,) = nlp(text).sents
    return [(t.type, t.text) for t in read_sentence(sentence, taxonomy)[0]]


def top(nlp, taxonomy, text: str) -> tuple[str, str | None]:
    """The most confident type and its subtype; `other` when nothing fired."""
    ranked = types(nlp, taxonomy, text)
    return ranked[0][:2] if ranked else ("other", None)


# --- the file -----------------------------------------------------------------------------


def test_default_has_every_type_in_order(taxonomy):
    assert list(taxonomy.types) == DEFAULT_TYPES
    for event_type in taxonomy.types.values():
        assert isinstance(event_type, EventType)
        assert event_type.colour.startswith("#") and event_type.icon and event_type.definition
        assert event_type.triggers


def test_default_documents_its_acled_mapping(taxonomy):
    assert "Air/drone strike" in taxonomy.get("strike").acled
    assert "Disrupted weapons use" in taxonomy.get("interception").acled
    assert "Armed clash" in taxonomy.get("ground").acled


def test_strike_subtypes_name_weapons(taxonomy):
    subtypes = taxonomy.get("strike").subtypes
    assert {"drone", "missile", "artillery", "air", "glide bomb"} <= set(subtypes)
    assert "shahed" in subtypes["drone"] and "glide bomb" in subtypes["glide bomb"]
    with pytest.raises(TypeError):
        subtypes["drone"] = ("x",)


def test_get_unknown_type_names_the_known_ones(taxonomy):
    with pytest.raises(KeyError, match="diplomacy"):
        taxonomy.get("earthquake")


USER_FILE = """
[[types]]
id = "flood"
label = "Flood"
colour = "#00f"
triggers = ["flood", "burst > bank|banks"]
[types.subtypes]
river = ["river"]
"""


def test_user_file_replaces_the_default(tmp_path, nlp):
    path = tmp_path / "mine.toml"
    path.write_text(USER_FILE)
    mine = Taxonomy.load(path)
    assert list(mine.types) == ["flood"]
    assert mine.get("flood").icon == "circle"
    assert types(nlp, mine, "The river burst its banks near the village.") == [("flood", "river", 0.96)]
    assert types(nlp, mine, "Russian drones hit Kharkiv overnight.") == []
    assert list(Taxonomy.load(str(path)).types) == ["flood"]


@pytest.mark.parametrize(
    "text, message",
    [
        ('[[types]]\nlabel = "A"\ncolour = "#fff"\ntriggers = []', r"entry 1: needs an id"),
        ('[[types]]\nid = "a"\nlabel = "A"\ncolour = "red"\ntriggers = []', r"entry 1 \(a\): colour must be a hex"),
        (
            '[[types]]\nid = "a"\nlabel = "A"\ncolour = "#fff"\n[[types]]\nid = "a"\nlabel = "B"\ncolour = "#000"',
            r"entry 2: duplicate id 'a'",
        ),
        (
            '[[types]]\nid = "a"\nlabel = "A"\ncolour = "#fff"\ntrigers = ["x"]',
            r"entry 1 \(a\): unknown keys \['trigers'\]",
        ),
        ("typs = []", r"unknown top-level keys \['typs'\]"),
        ('ignore = ["x"]', r"needs at least one \[\[types\]\] entry"),
        ('[[types]]\nid = "a"\nlabel = "A"\ncolour = "#fff"\ntriggers = "talk"', r"\(a\): triggers must be a list"),
        ('[[types]]\nid = "a"\ncolour = "#fff"', r"\(a\): label must be a non-empty string"),
        (
            '[[types]]\nid = "a"\nlabel = "A"\ncolour = "#fff"\ntriggers = ["shoot down > drone"]',
            r"\(a\): triggers: bad pattern 'shoot down > drone'",
        ),
        (
            '[[types]]\nid = "a"\nlabel = "A"\ncolour = "#fff"\n[types.subtypes]\nx = ["a > b > c"]',
            r"subtypes: x: bad pattern",
        ),
        (
            '[[types]]\nid = "a"\nlabel = "A"\ncolour = "#fff"\ncontext = ["@armed"]',
            r"\(a\): context names '@armed', which \[contexts\] does not hold",
        ),
        (
            '[[types]]\nid = "a"\nlabel = "A"\ncolour = "#fff"\ncontext = ["armed men"]',
            r"\(a\): context holds single words only \(got 'armed men'\)",
        ),
        ('[[types]\nid = "a"', r"not valid TOML"),
    ],
)
def test_bad_files_say_which_file_and_entry(tmp_path, text, message):
    path = tmp_path / "bad.toml"
    path.write_text(text)
    with pytest.raises(ValueError, match=message) as error:
        Taxonomy.load(path)
    assert str(path) in str(error.value)


def test_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(ValueError, match="cannot read taxonomy file"):
        Taxonomy.load(tmp_path / "absent.toml")


# --- typing sentences -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        # diplomacy: the place is the venue
        ("Ukrainian and American officials held talks in Saudi Arabia on Tuesday.", ("diplomacy", "talks")),
        ("European leaders of the coalition of the willing met in Paris.", ("diplomacy", None)),
        ("The two presidents will meet at a summit in Geneva next month.", ("diplomacy", "summit")),
        ("Both sides signed a ceasefire agreement in Doha.", ("diplomacy", "agreement")),
        # strike, with the weapon as subtype
        ("A drone hit an apartment block in Odesa overnight, injuring four people.", ("strike", "drone")),
        ("Russian planes dropped glide bombs on Kharkiv and its suburbs.", ("strike", "glide bomb")),
        ("Iran launched a barrage of ballistic missiles at Tel Aviv.", ("strike", "missile")),
        ("Artillery shelled the outskirts of Kherson all night.", ("strike", "artillery")),
        ("Israeli warplanes carried out airstrikes on southern Lebanon.", ("strike", "air")),
        ("A roadside bomb exploded next to a police convoy near Kandahar.", ("strike", "explosive")),
        # interception, not strike
        ("Air defences shot down 23 of 25 Shahed drones over the Kyiv region.", ("interception", "drone")),
        ("Ukrainian forces downed two cruise missiles near Lviv.", ("interception", "missile")),
        ("Air defence units shot them down before they reached the city.", ("interception", None)),
        ("Sappers defused a landmine found near the school.", ("interception", "explosive")),
        # ground
        ("Russian troops captured two villages east of Pokrovsk.", ("ground", "capture")),
        ("Heavy fighting continued in the streets of Bakhmut.", ("ground", "clash")),
        ("Ukrainian units advanced three kilometres south of Robotyne.", ("ground", "advance")),
        ("Rebels clashed with government forces near Goma.", ("ground", "clash")),
        # violence against civilians
        ("Gunmen abducted 20 villagers in Zamfara state.", ("violence_against_civilians", "abduction")),
        ("Soldiers executed three civilians in the village square.", ("violence_against_civilians", "killing")),
        ("Militia fighters opened fire on civilians queueing for bread.", ("violence_against_civilians", None)),
        # protest, including labour strikes and force against protesters
        ("Thousands of workers went on strike in Lyon over the pension reform.", ("protest", "labour strike")),
        ("Nurses at the city hospital called a strike over pay.", ("protest", "labour strike")),
        ("Police fired tear gas at protesters in Nairobi.", ("protest", "force against protesters")),
        ("Hundreds rallied outside parliament demanding new elections.", ("protest", "demonstration")),
        ("People gathered in the main square to demand the release of the journalist.", ("protest", None)),
        # humanitarian
        ("Israel cut off electricity supplies to Gaza.", ("humanitarian", "outage")),
        ("Aid convoys reached Rafah as the UN warned of famine.", ("humanitarian", "aid")),
        ("Authorities evacuated 300 residents from the frontline town.", ("humanitarian", "evacuation")),
        # migration
        ("More than 500 migrants crossed the English Channel in small boats on Saturday.", ("migration", "crossing")),
        ("Greece registered 2,000 new asylum seekers on Lesbos.", ("migration", "asylum")),
        # other
        ("A powerful earthquake struck eastern Turkey on Monday.", ("other", "disaster")),
        ("Police arrested the mayor on corruption charges.", ("other", "arrest")),
    ],
)
def test_sentence_types(nlp, taxonomy, text, expected):
    assert top(nlp, taxonomy, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The trade war between Washington and Beijing deepened this week.",
        "A war of words broke out between the two capitals.",
        "The Cold War shaped the city's architecture.",
    ],
)
def test_figurative_war_is_not_ground_fighting(nlp, taxonomy, text):
    assert top(nlp, taxonomy, text)[0] != "ground"


def test_military_aid_is_not_humanitarian(nlp, taxonomy):
    assert top(nlp, taxonomy, "Congress approved a new military aid package for Kyiv.")[0] != "humanitarian"


def test_news_without_events_has_no_type(nlp, taxonomy):
    assert types(nlp, taxonomy, "The weather in Lisbon was mild on Sunday.") == []


def test_triggers_point_at_their_words(nlp, taxonomy):
    doc = nlp("Talks opened in Istanbul. Overnight, air defences shot down six drones over Kyiv.")
    triggers = [t for sentence in doc.sents for t in read_sentence(sentence, taxonomy)[0]]
    for trigger in triggers:
        assert doc.text[trigger.start : trigger.end] == trigger.text
        assert 0 < trigger.weight <= 1
    found = {(t.type, t.text) for t in triggers}
    assert {("diplomacy", "Talks"), ("interception", "shot down"), ("strike", "drones")} <= found
    assert next(t for t in triggers if t.text == "shot down").subtype == "drone"


def test_longer_match_wins(nlp, taxonomy):
    assert triggers(nlp, taxonomy, "Dockers have been on strike since Monday.") == [("protest", "on strike")]


def test_a_phrase_matches_as_written_or_as_lemmas(nlp, taxonomy):
    assert ("interception", "shot down") in triggers(nlp, taxonomy, "Air defences shot down two drones.")
    assert ("interception", "shooting down") in triggers(nlp, taxonomy, "Crews are shooting down the drones.")
    # a headline's proper nouns keep their case in the lemma
    assert ("diplomacy", "OFFICIAL VISITS") in triggers(nlp, taxonomy, "MINISTER MAKES OFFICIAL VISITS TO CHILE")


def test_a_phrase_is_all_forms_or_all_lemmas(nlp, tmp_path):
    path = tmp_path / "talks.toml"
    path.write_text('[[types]]\nid = "talks"\nlabel = "Talks"\ncolour = "#00f"\ntriggers = ["hold talk"]\n')
    lemmas = Taxonomy.load(path)
    assert triggers(nlp, lemmas, "They held talks in Doha.") == [("talks", "held talks")]
    path.write_text(path.read_text().replace("hold talk", "hold talks"))
    mixed = Taxonomy.load(path)  # a lemma and a written form in one phrase: matches neither way
    assert triggers(nlp, mixed, "They held talks in Doha.") == []
    assert triggers(nlp, mixed, "They hold talks in Doha.") == [("talks", "hold talks")]


def test_a_hyphen_between_words_is_no_matter(nlp, taxonomy):
    for text in (
        "The army began a counter-offensive in the south.",
        "The army began a counter offensive in the south.",
    ):
        assert top(nlp, taxonomy, text) == ("ground", "advance"), text


def test_a_particle_may_stand_apart_from_its_verb(nlp, taxonomy):
    assert ("interception", "shot them down") in triggers(nlp, taxonomy, "Air defence units shot them down at dawn.")
    # not the particle of another verb
    assert ("interception", "shot them down") not in triggers(
        nlp, taxonomy, "Soldiers shot at them as the tower came down."
    )


def test_a_pattern_joins_a_head_and_its_dependent(nlp, taxonomy):
    assert top(nlp, taxonomy, "The two sides struck a deal in Doha.")[0] == "diplomacy"
    assert top(nlp, taxonomy, "The deal was struck after a night of talks in Doha.")[0] == "diplomacy"


def test_no_trigger_starts_inside_a_date(nlp, taxonomy):
    # "March" is a trigger of protests, not in a date
    assert "protest" not in [t for t, _, _ in types(nlp, taxonomy, "The budget was published on 3 March 2024.")]


def test_ranking_is_by_confidence(nlp, taxonomy):
    ranked = types(nlp, taxonomy, "Russian missiles struck Dnipro while talks went on in Geneva.")
    assert {t for t, _, _ in ranked} >= {"strike", "diplomacy"}
    confidences = [c for _, _, c in ranked]
    assert confidences == sorted(confidences, reverse=True) and all(0 < c <= 1 for c in confidences)


def test_a_sentence_span_is_read_alone(nlp, taxonomy):
    doc = nlp("Protesters marched through Tbilisi. Later, drones struck an oil depot in Bryansk.")
    first, second = doc.sents
    assert read_sentence(first, taxonomy)[1][0][0] == "protest"
    assert read_sentence(second, taxonomy)[1][0][:2] == ("strike", "drone")


def test_bundled_file_is_package_data():
    pyproject = (Path(__file__).resolve().parent.parent / "pyproject.toml").read_text()
    assert 'geo = ["data/*"]' in pyproject


def test_a_context_may_name_a_shared_list(tmp_path):
    path = tmp_path / "mine.toml"
    path.write_text(
        '[contexts]\narmed = ["troops", "militants"]\n'
        '[[types]]\nid = "raid"\nlabel = "Raid"\ncolour = "#fff"\nweak = ["hit"]\ncontext = ["@armed", "police"]\n'
    )
    assert Taxonomy.load(path).get("raid").context == {"troops", "militants", "police"}
