"""Tests of geoclaims.claims.source_rules: one row per normalisation rule, each needing it."""

from __future__ import annotations

import pytest

from geoclaims.claims.source_rules import RULES, display_name, source_key

#: (rule, source name, its key), id = the rule.
ROWS = [
    pytest.param("unicode_forms", "Poland’s  border guard", "poland border guard",
                 id="unicode_forms"),
    pytest.param("bracketed_tail", "Sudanese Armed Forces (SAF)", "sudan armed force",
                 id="bracketed_tail"),
    pytest.param("relative_tail", "a port official familiar with the talks", "port official",
                 id="relative_tail"),
    pytest.param("relative_tail", "officials who asked not to be named", "official",
                 id="relative_tail-who"),
    pytest.param("leading_article", "The Harbour Gazette", "harbour gazette",
                 id="leading_article"),
    pytest.param("anonymity_words", "unnamed border officials", "border official",
                 id="anonymity_words"),
    pytest.param("honorific", "Mr. Okafor", "okafor", id="honorific"),
    pytest.param("dotted_abbreviation", "U.N. refugee agency", "UN refugee agency",
                 id="dotted_abbreviation"),
    pytest.param("ministry_of", "Ministry of Health", "health ministry", id="ministry_of"),
    pytest.param("demonym_country", "Polish border guard", "poland border guard",
                 id="demonym_country"),
    pytest.param("country_of", "Interior Ministry of Georgia", "georgia interior ministry",
                 id="country_of"),
    pytest.param("possessive", "Moldova's border police", "moldova border police",
                 id="possessive"),
    pytest.param("british_spelling", "Lebanese Civil Defense", "lebanon civil defence",
                 id="british_spelling"),
    pytest.param("case_fold", "Harbour Police", "harbour police", id="case_fold"),
    pytest.param("plural_head", "rescue workers", "rescue worker", id="plural_head"),
    pytest.param("plural_head", "aid agencies", "aid agency", id="plural_head-ies"),
    pytest.param("cyrillic_epithets", "Міністерство охорони здоров'я країни-агресора",
                 "міністерств охорон здоров'", id="cyrillic_epithets"),
    pytest.param("cyrillic_epithets", "Telegram-канал Минздрава", "минздрав",
                 id="cyrillic_epithets-channel"),
    pytest.param("cyrillic_case_endings", "Погранслужбы Молдовы", "погранслужб молдов",
                 id="cyrillic_case_endings"),
]


@pytest.mark.parametrize(("rule", "name", "key"), ROWS)
def test_source_rules_row(rule: str, name: str, key: str) -> None:
    assert source_key(name) == key
    # The row needs its rule: without it the key is another.
    assert source_key(name, [r for r in RULES if r.name != rule]) != key, (
        f"{rule} changes nothing in {name!r}")


def test_source_rules_every_rule_has_a_row() -> None:
    rows = {p.values[0] for p in ROWS}
    assert {r.name for r in RULES} == rows
    assert len({r.name for r in RULES}) == len(RULES)
    assert all(r.reason.strip() for r in RULES)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("The Kyiv Post", "Kyiv Post"),
        ("Ukrainian media", "Ukraine’s media"),
        ("Russian Defense Ministry", "Ministry of Defence of the Russian Federation"),
        ("the sources", "source"),
        ("Israel Defence Forces", "Israeli Defense Forces"),
        ("Houthis", "Houthi"),
        ("the U.S. State Department", "US State Department"),
    ],
)
def test_source_rules_names_of_one_source_meet(a: str, b: str) -> None:
    assert source_key(a) == source_key(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [("WHO", "who"), ("Ukrainian media", "Russian media"), ("Hamas", "Hama"),
     ("Kyiv Post", "Kyiv Independent")],
)
def test_source_rules_names_of_two_sources_stay_apart(a: str, b: str) -> None:
    assert source_key(a) != source_key(b)


@pytest.mark.parametrize(
    ("name", "shown"),
    [("the Ukrainian media", "Ukraine's media"), ("The Harbour Gazette", "Harbour Gazette"),
     ("Ukraine’s media", "Ukraine's media"),
     ("a port official familiar with the talks", "port official"),
     ("Ukrainian Railways", "Ukrainian Railways")],
)
def test_source_rules_display_name(name: str, shown: str) -> None:
    assert display_name(name) == shown


def test_source_rules_key_time_is_linear() -> None:
    import time

    short = "Defence Ministry of the Republic of Things of Ukraine " * 20
    started = time.perf_counter()
    source_key(short)
    one = time.perf_counter() - started
    started = time.perf_counter()
    source_key(short * 10)
    assert time.perf_counter() - started < max(0.05, 40 * one)
