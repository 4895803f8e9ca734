"""Tests of geoclaims.text.morph on the real pymorphy3 dictionaries."""

from __future__ import annotations

import pytest

from geoclaims.text.morph import analyse, fix_mixed_script, is_cyrillic_word


@pytest.mark.parametrize(
    ("word", "lang", "lemma"),
    [
        ("севастополе", "ru", "севастополь"),
        ("крыму", "ru", "крым"),
        ("белгородом", "ru", "белгород"),
        ("запоріжжі", "uk", "запоріжжя"),
        ("львові", "uk", "львів"),
        ("херсонщині", "uk", "херсонщина"),
    ],
)
def test_morph_lemmas_reach_the_nominative(word: str, lang: str, lemma: str) -> None:
    assert lemma in analyse(word, lang).lemmas


@pytest.mark.parametrize(
    ("word", "lang", "nominative"),
    [
        # The nominative keeps the gender and number the word has in the text.
        ("брянской", "ru", "брянская"),
        ("белгородском", "ru", "белгородский"),
        ("запорізькій", "uk", "запорізька"),
        ("херсонського", "uk", "херсонський"),
    ],
)
def test_morph_adjective_nominatives_agree(word: str, lang: str, nominative: str) -> None:
    w = analyse(word, lang)
    assert w.is_adjective
    assert w.adjective_nominatives[0] == nominative


@pytest.mark.parametrize(
    ("word", "lang", "person", "first_name"),
    [("иванов", "ru", True, False), ("наталія", "uk", True, True),
     ("курск", "ru", False, False)],
)
def test_morph_person_tags(word: str, lang: str, person: bool, first_name: bool) -> None:
    w = analyse(word, lang)
    assert (w.is_person, w.is_first_name) == (person, first_name)


def test_morph_geo_tag_russian_only() -> None:
    # The Russian dictionary tags geographical names; the Ukrainian tag set has no
    # such grammeme, and asking for it must not raise.
    assert analyse("брянске", "ru").is_geo
    assert not analyse("брянську", "uk").is_geo


@pytest.mark.parametrize(
    ("word", "fixed"),
    [("Kиев", "Киев"), ("Xарків", "Харків"), ("Kyiv", "Kyiv"), ("Одеса", "Одеса"),
     ("Cумы", "Сумы")],
)
def test_morph_fix_mixed_script(word: str, fixed: str) -> None:
    assert fix_mixed_script(word) == fixed
    assert is_cyrillic_word(fixed) == is_cyrillic_word(word)
