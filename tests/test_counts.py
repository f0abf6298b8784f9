"""Counts in event sentences: numbers read from digits and words, attached to what they count."""

from __future__ import annotations

import pytest

from geo.events.counts import COUNT_NAMES, Count, find_counts
from geo.events.numbers import parse_number


@pytest.fixture(scope="module")
def nlp():
    from geo.text.model import load_model

    return load_model()


@pytest.fixture(scope="module")
def counts(nlp):
    """(name, value, qualifier) of every count in a one-sentence text."""

    def read(text: str) -> list[tuple[str, int, str | None]]:
        doc = nlp(text)
        return [(c.name, c.value, c.qualifier) for sentence in doc.sents for c in find_counts(sentence)]

    return read


@pytest.mark.parametrize(
    "text, expected",
    [
        ("4,000", (4000, None)),
        ("17", (17, None)),
        ("five", (5, None)),
        ("Nine", (9, None)),
        ("twenty-two", (22, None)),
        ("one hundred and twenty", (120, None)),
        ("two dozen", (24, None)),
        ("a dozen", (12, None)),
        ("a hundred", (100, None)),
        ("3 million", (3_000_000, None)),
        ("1.5 million", (1_500_000, None)),
        ("1.500", (1500, None)),
        ("dozens", (24, "dozens")),
        ("hundreds", (200, "hundreds")),
        ("thousands", (2000, "thousands")),
        ("several", (3, "several")),
        ("a few", (3, "a few")),
        ("several hundred", (300, "several")),
        ("tens of thousands", (20_000, "tens")),
        ("hundreds of thousands", (200_000, "hundreds")),
        ("at least five", (5, "at least")),
        ("more than 4,000", (4000, "more than")),
        ("up to thirty", (30, "up to")),
        ("About 20", (20, "about")),
        ("more than a dozen", (12, "more than")),
        ("38-plus", (38, "plus")),
        ("20 or more", (20, "or more")),
    ],
)
def test_parse_number(text, expected):
    assert parse_number(text) == expected


@pytest.mark.parametrize("text", ["", "people", "a", "more than", "1.5", "1st", "2,5", "few", "several hundreds"])
def test_parse_number_rejects_what_is_not_a_number(text):
    assert parse_number(text) is None


def test_count_records_the_expression_where_it_is_written(nlp):
    doc = nlp("Officials said more than 4,000 migrants have crossed the Channel this year.")
    [count] = find_counts(next(doc.sents))
    assert count == Count("migrants", 4000, "more than", 15, 30, "more than 4,000")
    assert doc.text[count.start : count.end] == count.text
    assert count.name in COUNT_NAMES


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Shelling hit a market in the city, killing two people and injuring 22 others.",
            [("killed", 2, None), ("injured", 22, None)],
        ),
        ("Two people were killed when the shell hit.", [("killed", 2, None)]),
        (
            "A drone hit a house in the town, injuring five people, including a child.",
            [("drones", 1, None), ("injured", 5, None)],
        ),
        ("Gunmen killed at least 12 civilians at the market.", [("killed", 12, "at least")]),
        ("The blast left 3 dead and 10 wounded.", [("killed", 3, None), ("injured", 10, None)]),
        ("Five killed as storm hits coast.", [("killed", 5, None)]),
        ("The death toll rose to 40.", [("killed", 40, None)]),
        ("The number of dead rose to 17.", [("killed", 17, None)]),
        ("Fourteen soldiers died in the attack.", [("killed", 14, None)]),
        ("Militants executed nine hostages.", [("killed", 9, None)]),
        ("Three civilians and two soldiers were killed.", [("killed", 3, None), ("killed", 2, None)]),
        ("The ministry said 25 soldiers were killed and 40 wounded.", [("killed", 25, None), ("injured", 40, None)]),
        ("Two men were shot and killed outside the bar.", [("killed", 2, None)]),
        ("A dozen villagers were shot dead.", [("killed", 12, None)]),
        ("The strike killed one and injured four.", [("killed", 1, None), ("injured", 4, None)]),
        ("Dozens of people were hurt in the stampede.", [("injured", 24, "dozens")]),
        ("Bombing raids killed dozens of fighters.", [("killed", 24, "dozens")]),
        ("More than 850 people lost their lives on the roads.", [("killed", 850, "more than")]),
        ("Seven workers suffered injuries.", [("injured", 7, None)]),
        ("1 dead, 1 hurt in motorcycle crash.", [("killed", 1, None), ("injured", 1, None)]),
        ("The blast killed twenty-two people.", [("killed", 22, None)]),
        ("A total of 978 people have been killed by the epidemic.", [("killed", 978, None)]),
        ("Clashes left 20 villagers injured and one man dead.", [("injured", 20, None), ("killed", 1, None)]),
    ],
)
def test_casualties(counts, text, expected):
    assert counts(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("A civilian was killed and another wounded.", [("killed", 1, None), ("injured", 1, None)]),
        ("A police officer was injured during the protest.", [("injured", 1, None)]),
        ("A man walked into the shop.", []),
    ],
)
def test_one_person_named_by_an_article_counts_only_when_something_happens_to_them(counts, text, expected):
    assert counts(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Five soldiers killed two civilians.", [("people", 5, None), ("killed", 2, None)]),
        ("Police said 12 protesters who attacked the station were arrested.", [("arrested", 12, None)]),
    ],
)
def test_the_agent_of_a_killing_is_not_its_victim(counts, text, expected):
    assert counts(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Nine people, including two children, died.", [("killed", 9, None)]),
        ("The strike killed ten people, including two children.", [("killed", 10, None)]),
        ("Russia launched 50 drones, 40 of which were shot down.", [("drones", 50, None)]),
        ("Russia says 1,500 people have been killed, bringing the death toll to 2,000.", [("killed", 2000, None)]),
        ("He was one of three soldiers killed in the raid.", [("killed", 3, None)]),
    ],
)
def test_each_counted_thing_once(counts, text, expected):
    assert counts(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Air defences downed 111 drones over several regions overnight.", [("drones", 111, None)]),
        ("Troops shot down three drones heading to the capital.", [("drones", 3, None)]),
        ("Planes dropped at least five powerful glide bombs on the city.", [("bombs", 5, "at least")]),
        ("The navy fired 20 missiles at the port.", [("missiles", 20, None)]),
        ("Artillery fired 30 shells at the village overnight.", [("shells", 30, None)]),
        ("Gunners fired 40 mortar rounds before the two rounds of talks.", [("shells", 40, None)]),
        ("Militants launched 12 rockets from the hills.", [("rockets", 12, None)]),
        ("The army shot down two Su-25 aircraft.", [("aircraft", 2, None)]),
        ("Three helicopters and four jets were destroyed.", [("aircraft", 3, None), ("aircraft", 4, None)]),
        ("Russia fired 3 Iskander missiles and 40 Shahed drones.", [("missiles", 3, None), ("drones", 40, None)]),
        ("Two suicide bombers attacked the checkpoint.", [("people", 2, None)]),
    ],
)
def test_weapons(counts, text, expected):
    assert counts(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The ministry said its forces captured 10 villages over the past week.", [("villages", 10, None)]),
        ("Rebels seized three settlements and two towns.", [("villages", 3, None), ("villages", 2, None)]),
        ("More than 4,000 migrants have crossed the sea this year.", [("migrants", 4000, "more than")]),
        ("Some 200 refugees and 50 asylum seekers arrived.", [("migrants", 200, "some"), ("migrants", 50, None)]),
        ("Defence chiefs from up to thirty countries are expected to attend.", [("participants", 30, "up to")]),
        ("The talks included leaders from 26 nations.", [("participants", 26, None)]),
        ("About 20 other leaders will join by video link.", [("participants", 20, "about")]),
        ("Some 40 ministers are expected to join the talks.", [("participants", 40, "some")]),
        ("Police arrested 15 protesters outside parliament.", [("arrested", 15, None)]),
        ("A few activists were detained.", [("arrested", 3, "a few")]),
        ("The floods displaced 3,000 people.", [("displaced", 3000, None)]),
        ("Hundreds of thousands of people fled the city.", [("displaced", 200_000, "hundreds")]),
        ("Some 1.5 million people were displaced.", [("displaced", 1_500_000, "some")]),
        ("Rebels abducted 7 near the border.", [("kidnapped", 7, None)]),
        ("Gunmen kidnapped 20 students from the school.", [("kidnapped", 20, None)]),
        ("The group still holds 59 hostages.", [("kidnapped", 59, None)]),
        ("About 300 people gathered in the square.", [("people", 300, "about")]),
        ("Ten soldiers were deployed to the border.", [("people", 10, None)]),
        ("Two ministers at the summit.", [("people", 2, None)]),
    ],
)
def test_other_counts(counts, text, expected):
    assert counts(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Two officials said the talks had failed.",
        "Trade between the two countries grew.",
    ],
)
def test_officials_and_countries_are_participants_only_when_attending(counts, text):
    assert all(name != "participants" for name, _, _ in counts(text))


@pytest.mark.parametrize(
    "text",
    [
        "A 16-year-old was among the wounded.",
        "The man, 45, was detained.",
        "Aged 16, she now lives abroad.",
        "Its headquarters will rotate between the cities for 12-month periods.",
        "Both sides agreed a 30-day ceasefire.",
        "The bomb has a range of up to 200 kilometres.",
        "The army spends 40% of its budget on salaries.",
        "The meeting took place on 12 March 2024 at 7:20 pm.",
        "The war began in 2022.",
        "The ministry paid $5 million for the repairs.",
        "The fund received 5 million euros.",
        "The deal was a US$460 million settlement.",
        "He was sentenced to 12 years.",
        "Mortar crews used 120mm mortars.",
        "Supporters called for a million-man march.",
        "No one was hurt.",
        "The two countries share a border, closed since 3 May.",
        "The 1st brigade moved east.",
        "The US expelled almost three times more diplomats.",
    ],
)
def test_measures_are_not_counts(counts, text):
    assert counts(text) == []


@pytest.mark.parametrize(
    "text, expected",
    [
        # the clause's own count is the part: the whole is what was launched
        ("Air defences downed 50 out of 64 drones overnight.", [("drones", 50, None)]),
        ("Gunmen killed five out of the ten passengers.", [("killed", 5, None), ("people", 10, None)]),
        (
            "Its crews had destroyed 10 out of 12 missiles fired and 30 out of 70 drones sent by the enemy.",
            [("missiles", 10, None), ("drones", 30, None)],
        ),
        # counter-case: the whole alone is still counted
        ("Russia launched 64 drones overnight.", [("drones", 64, None)]),
    ],
)
def test_a_part_out_of_a_whole_counts_the_part(counts, text, expected):
    assert counts(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "The barrage included 100 drones, 7 ballistic missiles, one hypersonic missile and 15 cruise missiles.",
            [
                ("drones", 100, None),
                ("missiles", 7, None),
                ("ballistic_missiles", 7, None),
                ("missiles", 1, None),
                ("missiles", 15, None),
                ("cruise_missiles", 15, None),
            ],
        ),
        # counter-case: an apposition of the same thing is part of the count before it, not added to it
        (
            "Troops fired 20 missiles, 5 cruise missiles among them.",
            [("missiles", 20, None), ("cruise_missiles", 5, None)],
        ),
    ],
)
def test_an_itemised_list_of_weapons_keeps_every_item(counts, text, expected):
    assert counts(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The tanker was struck by a missile off the coast.", [("missiles", 1, None)]),
        ("The rebels tried to fire an anti-ship missile that crashed.", [("missiles", 1, None)]),
        ("The ferry was hit by an unidentified projectile.", [("missiles", 1, None)]),
        # counter-cases: one of two possible weapons, a weapon word modifying another noun
        ("A rocket or a drone damaged the roof.", []),
        ("Russia launched a drone attack on the port.", []),
    ],
)
def test_a_weapon_named_with_an_article_is_one(counts, text, expected):
    assert counts(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Jets struck the bases with more than 60 guided munitions.", [("munitions", 60, "more than")]),
        ("The army said it had repelled 40 enemy attacks near the town.", [("attacks", 40, None)]),
    ],
)
def test_munitions_and_attacks(counts, text, expected):
    assert counts(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("At least 12 children have died from malnutrition in the camp.", [("deaths", 12, "at least")]),
        ("Four elderly residents died of cold in the shelter.", [("deaths", 4, None)]),
        # counter-case: deaths by violence stay killed
        ("At least 12 children have died in the shelling of the camp.", [("killed", 12, "at least")]),
    ],
)
def test_deaths_from_hunger_or_disease_are_not_killings(counts, text, expected):
    assert counts(text) == expected


def test_a_crowd_of_a_number_is_its_participants(counts):
    assert counts("The march drew a crowd of 30,000.") == [("participants", 30000, None)]
    assert counts("The march passed a building of 30 floors.") == []


def test_who_gives_a_crowd_figure_is_kept(nlp):
    doc = nlp(
        "Police said 8,000 people had turned out for the marches, but organisers put the figure closer to 25,000."
    )
    found = [(c.name, c.value, c.source) for c in find_counts(next(doc.sents))]
    assert found == [("people", 8000, "police"), ("people", 25000, "organisers")]
    doc = nlp("About 4,000 people rallied in the square, according to police.")
    assert [(c.value, c.source) for c in find_counts(next(doc.sents))] == [(4000, "police")]
    doc = nlp("About 4,000 people rallied in the square.")  # counter-case: nobody named
    assert [(c.value, c.source) for c in find_counts(next(doc.sents))] == [(4000, None)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The ship left port on Tuesday with 300 tonnes of food aid.", [("tonnes", 300, None)]),
        ("The agency is sending 120 emergency generators to the hospitals.", [("generators", 120, None)]),
        (
            "The assault killed some 900 people and led to another 80 being kidnapped.",
            [("killed", 900, "some"), ("kidnapped", 80, None)],
        ),
        # counter-cases: a weight that is not aid delivered, and a weight that describes a vehicle, are measures
        ("The bridge can carry a 40-tonne truck and 20 tonnes of steel.", []),
    ],
)
def test_aid_by_weight_generators_and_kidnappings(counts, text, expected):
    assert counts(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # the clause a tally marker qualifies gives no count; the event's own clause keeps its count
        (
            "Two people were killed in a missile strike on the city on Sunday, bringing the death toll in the "
            "city since the war began to over 1,000.",
            [("killed", 2, None)],
        ),
        ("Since the start of the war, 500 civilians have been killed in the city.", []),
        ("In total, officials said 1,300 drones were launched at the city this week.", []),
        # counter-cases: a marker in another clause, and a toll with no marker, are the event's
        (
            "Three people were killed in the city on Sunday, marking the deadliest day there since the war began.",
            [("killed", 3, None)],
        ),
        ("The death toll from the strike on the city rose to 12.", [("killed", 12, None)]),
        # "as of now" says how fresh a figure is, not that it adds up; "as of" a date still tallies
        ("As of now, officials know of five people killed in the town.", [("killed", 5, None)]),
        ("As of March 3, some 700 civilians had been killed in the region.", []),
        # deaths from hunger are one condition's toll over time, however long; a toll of killings over weeks is a tally
        ("At least 15 infants have died of dehydration in the camp in recent weeks.", [("deaths", 15, "at least")]),
        ("At least 15 civilians have been killed in the town in recent weeks.", []),
    ],
)
def test_a_tally_gives_no_count_but_the_clause_beside_it_does(counts, text, expected):
    assert counts(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # a war's toll adds up the whole war; a strike's toll is its own
        ("The war has killed thousands and displaced millions.", []),
        ("The strike on the depot killed nine workers.", [("killed", 9, None)]),
        # those named before, referred to by "the two", are not counted again
        ("Aides said the two leaders could meet in Geneva next month.", []),
        ("Aides said some 30 leaders could meet in Geneva next month.", [("participants", 30, "some")]),
        # a number inside a name or title counts nothing; a number before a plural of people does
        ("Sergeant Major 3 Anna Berg was wounded by shrapnel.", []),
        ("On Tuesday 12 Syrians were wounded by shrapnel.", [("injured", 12, None)]),
    ],
)
def test_a_war_toll_a_reference_and_a_title_give_no_count(counts, text, expected):
    assert counts(text) == expected
