"""Tests of Russian and Ukrainian place recognition (places.recognize_cyrillic), on the
real gazetteer and the real pymorphy3 dictionaries. The sentences are written for
these tests."""

from __future__ import annotations

import pytest

from geoclaims.places.gazetteer import Gazetteer
from geoclaims.places.geoparse import geoparse
from geoclaims.places.recognize_cyrillic import derived_towns, region_towns

KURSK_OBLAST, KURSK, SUDZHA = 538555, 538560, 486816
RUSSIA, UKRAINE = 2017370, 690791
KHARKIV, KHARKIV_OBLAST, SUMY_OBLAST, DONETSK_OBLAST = 706483, 706482, 692196, 709716
TORETSK, KURAKHOVE, KLINTSY, POKROVSK = 709354, 695357, 547475, 704422
KUPIANSK_VUZLOVYI = 703652


def found(text: str, gazetteer: Gazetteer) -> dict[str, int | None]:
    """Mention text -> resolved GeoNames id (None when unresolved)."""
    return {
        r.mention.text: (r.place.geonames_id if r.place is not None else None)
        for r in geoparse(text, gazetteer=gazetteer)
    }


@pytest.mark.parametrize(
    ("text", "name", "geonameid"),
    [
        # Case forms of one name reach its nominative.
        ("Вечером дроны атаковали склад в Курске.", "Курске", KURSK),
        ("Губернатор рассказал о ситуации по Курску и Судже.", "Судже", SUDZHA),
        ("Ракета упала поблизу Харкова, повідомила поліція.", "Харкова", KHARKIV),
        ("Уночі у Харкові пролунали вибухи.", "Харкові", KHARKIV),
        # Adjective + generic noun: the adjective is the span, the region the place.
        ("Обстрелы в Курской области продолжаются третий день.", "Курской", KURSK_OBLAST),
        ("Сирени звучали в Харківській області до ранку.", "Харківській", KHARKIV_OBLAST),
        ("Евакуація триває в Курській області Росії.", "Курській", KURSK_OBLAST),
        # A district is placed at the town it is named after.
        ("Бои шли в Суджанском районе с утра.", "Суджанском", SUDZHA),
        ("Обстріли тривають на Торецькому напрямку.", "Торецькому", TORETSK),
        # Colloquial -щина names are the oblast of their town.
        ("На Сумщині знову оголосили евакуацію.", "Сумщині", SUMY_OBLAST),
        ("Ворог атакував Донеччину вночі.", "Донеччину", DONETSK_OBLAST),
        # Multi-word names in the nominative and inflected.
        ("Власти Российской Федерации это отрицают.", "Российской Федерации", RUSSIA),
        ("Представители Донецкой Народной Республики заявили о потерях.",
         "Донецкой Народной Республики", DONETSK_OBLAST),
        # Abbreviations and countries in any case.
        ("Министр обороны РФ прибыл в войска.", "РФ", RUSSIA),
        ("Делегация Украины прибыла вечером.", "Украины", UKRAINE),
        ("Посол Росії отримав ноту протесту.", "Росії", RUSSIA),
        # A Latin K typed inside a Cyrillic word.
        ("Вечером дроны атаковали склад в Kурске.", "Kурске", KURSK),
        # Adjectives of towns by the regular alternations (і/о; -ов- of a plural).
        ("За даними штабу, на Курахівському напрямку відбито атаки.", "Курахівському",
         KURAKHOVE),
        ("Беспилотник упал в Клинцовском районе ночью.", "Клинцовском", KLINTSY),
        # A hyphenated name whose first word the dictionary reads as an adjective, and
        # the typographic apostrophe, which the dictionary writes as "'".
        ("Бої тривають біля Куп’янська-Вузлового.", "Куп’янська-Вузлового",
         KUPIANSK_VUZLOVYI),
        ("Удари по Куп'янську-Вузловому тривають і вночі.", "Куп'янську-Вузловому",
         KUPIANSK_VUZLOVYI),
        # A short Ukrainian text with no letter Russian lacks is read as Russian; the
        # Ukrainian dictionary still finds the name, and the Russian one's guess that
        # it is a woman's name does not drop it.
        ("«У Покровську зараз тихо», сказав речник.", "Покровську", POKROVSK),
    ],
)
def test_recognize_cyrillic_case_forms(
    gazetteer: Gazetteer, text: str, name: str, geonameid: int
) -> None:
    assert found(text, gazetteer).get(name, "missing") == geonameid


@pytest.mark.parametrize(
    ("text", "word"),
    [
        # A common word that is also a foreign town's name in Cyrillic transcription.
        ("Сили оборони відбили атаку на сході.", "Сили"),
        ("Там тривають бої, але ситуація під контролем.", "Там"),
        # A country inside an armed-forces name is not a mention.
        ("Бійці Сил оборони України відбили штурм.", "України"),
        ("Командование Вооруженных сил Украины это подтвердило.", "Украины"),
        # A group name in guillemets, a first name alone.
        ("Речник угруповання «Хортиця» прокоментував бої.", "Хортиця"),
        ("Староста села Лариса розповіла про евакуацію.", "Лариса"),
        # Common words opening a sentence, though towns bear their names.
        ("Мир не наступит скоро, заявил представитель.", "Мир"),
        ("Надія є, сказала волонтерка.", "Надія"),
    ],
)
def test_recognize_cyrillic_not_places(gazetteer: Gazetteer, text: str, word: str) -> None:
    assert word not in found(text, gazetteer)


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # Villages the gazetteer lacks, after a settlement noun or in a list with one.
        ("Бои идут у деревни Ужовка и Шкуровки, сообщил источник.", {"Ужовка", "Шкуровки"}),
        ("Окупанти зайшли в село Прудянка та Вільхуватку.", {"Прудянка", "Вільхуватку"}),
    ],
)
def test_recognize_cyrillic_unknown_villages(
    gazetteer: Gazetteer, text: str, names: set[str]
) -> None:
    assert names <= set(found(text, gazetteer))


def test_recognize_cyrillic_unsupported_language_gives_no_place(gazetteer: Gazetteer) -> None:
    belarusian = "Учора ўвечары ў Мінску і Гомелі прайшлі затрыманні, паведаміў праваабаронца."
    polish = "Wczoraj wieczorem w Kursku i Biełgorodzie słychać było wybuchy, podało radio."
    assert geoparse(belarusian, gazetteer=gazetteer) == []
    assert geoparse(polish, gazetteer=gazetteer) == []


def test_recognize_cyrillic_gold_span_uses_following_noun(gazetteer: Gazetteer) -> None:
    text = "Удар пришёлся по Курской АЭС, сообщил концерн."
    start = text.index("Курской")
    (res,) = geoparse(text, gazetteer=gazetteer, spans=[(start, start + len("Курской"))])
    assert res.place is not None
    assert res.place.geonames_id in {KURSK, KURSK_OBLAST}


@pytest.mark.parametrize(
    ("adjective", "town"),
    [("курский", "курск"), ("суджанский", "суджа"), ("кореневский", "коренево"),
     ("чугуївський", "чугуїв"), ("куп'янський", "куп'янськ"), ("донецкий", "донецк")],
)
def test_recognize_cyrillic_derived_towns(adjective: str, town: str) -> None:
    assert town in derived_towns(adjective)


@pytest.mark.parametrize(
    ("region", "town"),
    [("сумщина", "суми"), ("харківщина", "харків"), ("донеччина", "донецьк"),
     ("курщина", "курськ"), ("полтавщина", "полтава")],
)
def test_recognize_cyrillic_region_towns(region: str, town: str) -> None:
    assert town in region_towns(region)
