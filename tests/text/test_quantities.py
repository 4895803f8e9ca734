"""Tests of geoclaims.text.quantities: numbers, qualifiers, counted phrases, offsets."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from geoclaims.text.quantities import Quantity, find_quantities


def only(text: str) -> Quantity:
    """The single quantity of ``text``, with its offsets checked."""
    found = find_quantities(text)
    assert len(found) == 1, found
    quantity = found[0]
    assert text[quantity.start : quantity.end] == quantity.text
    return quantity


@pytest.mark.parametrize(
    ("text", "phrase", "value", "qualifier", "counted"),
    [
        ("Officials said 10,000 soldiers crossed.", "10,000 soldiers", 10_000,
         "exact", "soldiers"),
        ("Up to 3,000 North Koreans trained there.", "Up to 3,000 North Koreans",
         3_000, "up to", "North Koreans"),
        ("He said up to 3,000 North Korean troops are in Kursk.",
         "up to 3,000 North Korean troops", 3_000, "up to", "North Korean troops"),
        ("The army loses more than 1,000 Russian casualties per day, he said.",
         "more than 1,000 Russian casualties per day", 1_000, "more than",
         "Russian casualties per day"),
        ("At least 18 soldiers were killed.", "At least 18 soldiers", 18, "at least",
         "soldiers"),
        ("About 500 troops remain near the dam.", "About 500 troops", 500, "about",
         "troops"),
        ("Some 40 tanks massed at dawn.", "Some 40 tanks", 40, "about", "tanks"),
        ("An estimated 600,000 people fled.", "An estimated 600,000 people", 600_000,
         "about", "people"),
        ("Nearly 200 wounded soldiers arrived.", "Nearly 200 wounded soldiers", 200,
         "nearly", "wounded soldiers"),
        ("Almost 90 drones were shot down.", "Almost 90 drones", 90, "nearly",
         "drones"),
        ("No more than 40 observers may enter.", "No more than 40 observers", 40,
         "at most", "observers"),
        ("At most 12 ships can dock.", "At most 12 ships", 12, "at most", "ships"),
        ("Fewer than 30 families stayed.", "Fewer than 30 families", 30, "less than",
         "families"),
        ("Less than 5 buses ran.", "Less than 5 buses", 5, "less than", "buses"),
        ("Over 2,500 shells landed.", "Over 2,500 shells", 2_500, "more than",
         "shells"),
        ("Ten thousand soldiers paraded.", "Ten thousand soldiers", 10_000, "exact",
         "soldiers"),
        ("Three-thousand reservists were called up.", "Three-thousand reservists",
         3_000, "exact", "reservists"),
        ("Two hundred and fifty armed men held the pass.",
         "Two hundred and fifty armed men", 250, "exact", "armed men"),
        ("A dozen drones circled.", "A dozen drones", 12, "exact", "drones"),
        ("About a dozen drones circled.", "About a dozen drones", 12, "about",
         "drones"),
        ("Twenty-five medics volunteered.", "Twenty-five medics", 25, "exact",
         "medics"),
        ("The plant made 1.5 million shells.", "1.5 million shells", 1_500_000,
         "exact", "shells"),
        ("They fired 10k rounds.", "10k rounds", 10_000, "exact", "rounds"),
        ("A 3,000-strong force advanced.", "3,000-strong force", 3_000, "exact",
         "force"),
        ("The toll reached 1,200 a day.", "1,200 a day", 1_200, "exact", "a day"),
        ("Medics treat 300 patients each day.", "300 patients each day", 300, "exact",
         "patients each day"),
        ("The unit lost 500 killed on the road.", "500 killed", 500, "exact",
         "killed"),
        ("Another 2000 soldiers arrived.", "2000 soldiers", 2_000, "exact",
         "soldiers"),
        ("The figure rose to 12,500.", "12,500", 12_500, "exact", ""),
        ("About 1,000 of them surrendered.", "About 1,000", 1_000, "about", ""),
        ("Ivan, 19, of Kursk was detained.", "19", 19, "exact", ""),
    ],
)  # fmt: skip
def test_quantities_counts(
    text: str, phrase: str, value: float, qualifier: str, counted: str
) -> None:
    q = only(text)
    assert (q.text, q.value, q.value_max, q.qualifier, q.counted, q.unit) == (
        phrase,
        value,
        None,
        qualifier,
        counted,
        "",
    )


@pytest.mark.parametrize(
    ("text", "value", "value_max", "qualifier", "counted"),
    [
        # Ranges.
        ("Some 10,000-12,000 troops massed.", 10_000, 12_000, "about", "troops"),
        ("Between 10,000 and 12,000 soldiers massed.", 10_000, 12_000, "exact",
         "soldiers"),
        ("Roughly two to three thousand tanks massed.", 2_000, 3_000, "about",
         "tanks"),
        ("Two or three drones were seen.", 2, 3, "exact", "drones"),
        ("10-12 thousand troops massed.", 10_000, 12_000, "exact", "troops"),
        # Vague plurals: at least two of the unit, fewer than ten ("about").
        ("Hundreds of missiles were launched.", 200, 900, "about", "missiles"),
        ("Thousands of people queued.", 2_000, 9_000, "about", "people"),
        ("Dozens of villages burned.", 24, 108, "about", "villages"),
        ("Tens of thousands of people were displaced.", 20_000, 90_000, "about",
         "people"),
        ("Hundreds of thousands of refugees crossed.", 200_000, 900_000, "about",
         "refugees"),
        ("More than hundreds of drones flew.", 200, 900, "more than", "drones"),
        ("A few hundred fighters held out.", 200, 500, "about", "fighters"),
        ("Several thousand civilians sheltered.", 3_000, 9_000, "about",
         "civilians"),
    ],
)  # fmt: skip
def test_quantities_ranges_and_vague(
    text: str, value: float, value_max: float, qualifier: str, counted: str
) -> None:
    q = only(text)
    assert (q.value, q.value_max, q.qualifier, q.counted) == (
        value,
        value_max,
        qualifier,
        counted,
    )


def test_quantities_plural_is_the_noun() -> None:
    q = only("Thousands fled the city.")
    assert (q.text, q.value, q.value_max, q.counted) == ("Thousands", 2_000, 9_000, "")


def test_quantities_half_a_million() -> None:
    q = only("Half a million refugees crossed.")
    assert (q.value, q.qualifier, q.counted) == (500_000, "about", "refugees")


@pytest.mark.parametrize(
    ("text", "phrase", "value", "unit", "counted"),
    [
        ("Shelling damaged 40% of buildings.", "40% of buildings", 40, "%",
         "buildings"),
        ("Turnout fell 12 percent.", "12 percent", 12, "%", ""),
        ("Up to 30 per cent of the front moved.", "Up to 30 per cent of the front",
         30, "%", "front"),
        ("Donors pledged $1.5 billion in aid.", "$1.5 billion", 1.5e9, "$", ""),
        ("The bank froze €500m last year.", "€500m", 5e8, "€", ""),
        ("They shipped 5 million dollars.", "5 million dollars", 5e6, "$", ""),
        ("Trucks carried 500 tonnes of ammunition.", "500 tonnes of ammunition", 500,
         "t", "ammunition"),
    ],
)  # fmt: skip
def test_quantities_units_kept(
    text: str, phrase: str, value: float, unit: str, counted: str
) -> None:
    q = only(text)
    assert (q.text, q.value, q.unit, q.counted) == (phrase, value, unit, counted)


@pytest.mark.parametrize(
    "text",
    [
        # years and dates
        "The line has held since 2014.",
        "Fighting intensified in 2023.",
        "The 2022 invasion changed everything.",
        "Divers reached the wreck on October 3.",
        "Divers reached the wreck on the 3rd of October.",
        "Divers reached the wreck on Oct. 3, 2024.",
        "The report is dated 2024-10-03.",
        # times, durations and ages
        "Sirens sounded at 10:30 and again at 3 p.m.",
        "The attack began at 0800 GMT.",
        "Fighting lasted three days.",
        "The ceasefire held for 48 hours.",
        "A 19-year-old conscript was held.",
        "The conscript, aged 19, was held.",
        "The service runs 24/7.",
        # distances, areas, calibres
        "The strike hit 7 km from the border.",
        "The column stopped 5 miles short of town.",
        "They shelled a 1,000-km front.",
        "Fires burned 200 km² of forest.",
        "Crews fired 155mm shells.",
        "The drone flew at 500m.",
        # ordinals, model names, identifiers
        "The 47th Brigade rotated out.",
        "T-72 tanks and Su-34 jets were seen.",
        "MiG-29s scrambled.",
        "Article 5 was invoked under Resolution 2231.",
        "Flight 17 was shot down.",
        # modal verb, pronoun one
        "Russia may deploy more troops.",
        "One of them was a medic.",
        "It was one soldier's word.",
    ],
)
def test_quantities_not_counts(text: str) -> None:
    assert find_quantities(text) == []


def test_quantities_from_to_stay_separate() -> None:
    text = "The garrison grew from 3,000 to 5,000 soldiers."
    found = find_quantities(text)
    assert [(q.text, q.value, q.value_max) for q in found] == [
        ("3,000", 3_000, None),
        ("5,000 soldiers", 5_000, None),
    ]


def test_quantities_several_in_order() -> None:
    text = (
        "On Oct. 3 at least 18 soldiers died, 7 km away about 500 troops dug in, "
        "and hundreds of drones flew in 2023."
    )
    found = find_quantities(text)
    assert [q.text for q in found] == [
        "at least 18 soldiers",
        "about 500 troops",
        "hundreds of drones",
    ]
    assert all(text[q.start : q.end] == q.text for q in found)


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"start": 5, "end": 2, "text": ""}, "bad span"),
        ({"text": "about 500"}, "does not fit"),
        ({"value": math.nan}, "value"),
        ({"value": -3.0}, "value"),
        ({"value_max": 100.0}, "value_max"),
        ({"qualifier": "roughly"}, "qualifier"),
        ({"counted": "tanks"}, "counted"),
    ],
)
def test_quantities_record_validation(fields: dict[str, object], message: str) -> None:
    good: dict[str, object] = {
        "start": 0,
        "end": 16,
        "text": "about 500 troops",
        "value": 500.0,
        "value_max": None,
        "qualifier": "about",
        "counted": "troops",
        "unit": "",
    }
    with pytest.raises(ValueError, match=message):
        Quantity(**{**good, **fields})  # type: ignore[arg-type]


#: Words that exercise every branch, shuffled by hypothesis into non-sentences.
VOCABULARY = [
    *"up to more than about at least nearly between and or from to of a an".split(),
    *"3,000 10,000-12,000 1.5 2023 19 7 $5 €500m 10k 40% 155mm T-72 47th".split(),
    *"ten thousand three-thousand hundreds thousands tens dozen several one".split(),
    *"hundred million few half per day km miles days year-old percent".split(),
    *"troops soldiers North Korean killed armed the were Oct. October May".split(),
    "-",
    ",",
    ".",
    "\n",
    ":",
    "/",
    "–",
]


@settings(max_examples=300, deadline=None)
@given(
    words=st.lists(st.sampled_from(VOCABULARY), max_size=25),
    noise=st.text(max_size=30),
)
def test_quantities_offsets_hypothesis(words: list[str], noise: str) -> None:
    text = " ".join(words) + noise
    previous_end = 0
    for q in find_quantities(text):
        assert text[q.start : q.end] == q.text
        assert q.start >= previous_end
        previous_end = q.end
        assert q.counted in q.text
        assert q.value_max is None or q.value_max > q.value
