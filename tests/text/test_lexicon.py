"""Tests of geoclaims.text.lexicon: the list files and one entry of each in effect."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from importlib import resources

import pytest

from geoclaims.claims import attribution, extract, references
from geoclaims.claims.attribution import (
    classify_source,
    find_attribution,
    noun_phrase_ahead,
    speaker_affiliation,
)
from geoclaims.claims.cyrillic import find_attribution_cyrillic, is_anonymous_phrase
from geoclaims.claims.cyrillic_discourse import (
    answers_earlier,
    continues_report,
    find_likelihood,
    is_disclaimer,
)
from geoclaims.claims.grades import cue_grade, rules_for
from geoclaims.claims.source_rules import source_key
from geoclaims.claims.structure import find_structural, is_unnamed
from geoclaims.errors import ConfigurationError
from geoclaims.evaluation.matching import cue_kind, cue_stems
from geoclaims.places import build, keep_rules, recognize, recognize_cyrillic
from geoclaims.places.gazetteer import Gazetteer
from geoclaims.places.geoparse import geoparse
from geoclaims.places.recognize import find_mentions
from geoclaims.text import lexicon, spatial_cyrillic
from geoclaims.text.dates import find_dates
from geoclaims.text.dates_cyrillic import find_dates_cyrillic
from geoclaims.text.inflection import verb_forms
from geoclaims.text.language import detect_language
from geoclaims.text.lexicon import NameFlag
from geoclaims.text.mentions import candidate_spans, context_hint, is_sea_name, tokenize
from geoclaims.text.parse import parse_sentences
from geoclaims.text.quantities import find_quantities
from geoclaims.text.quantities_cyrillic import find_quantities_cyrillic
from geoclaims.text.segment import segment
from geoclaims.text.spatial import SpatialExpression, find_spatial_expressions
from geoclaims.text.spatial_places import PlaceKind, PlaceSpan
from geoclaims.text.transliterate import transliterate

ROOT = resources.files("geoclaims") / "data" / "lexicons"
#: (lang, name) of every list file.
LISTS = sorted(
    (lang.name, f.name.removesuffix(".txt"))
    for lang in ROOT.iterdir()
    if lang.is_dir()
    for f in lang.iterdir()
    if f.name.endswith(".txt")
)


def _one_placed(text: str, place: str, kind: PlaceKind) -> SpatialExpression:
    """The one expression of ``text`` when ``place`` is a mention of that kind."""
    start = text.index(place)
    found = find_spatial_expressions(text, [PlaceSpan(start, start + len(place), kind)])
    assert len(found) == 1, (text, found)
    return found[0]


def _lines(lang: str, name: str) -> list[str]:
    return (ROOT / lang / f"{name}.txt").read_text(encoding="utf-8").split("\n")


@pytest.mark.parametrize(("lang", "name"), LISTS)
def test_lexicon_file_has_header(lang: str, name: str) -> None:
    lines = _lines(lang, name)
    header = []
    for line in lines:
        if not line.startswith("#"):
            break
        header.append(line)
    text = "\n".join(header)
    assert header and "Used by:" in text and "Case:" in text, f"{lang}/{name}.txt"


@pytest.mark.parametrize(("lang", "name"), LISTS)
def test_lexicon_file_is_clean(lang: str, name: str) -> None:
    lines = _lines(lang, name)
    assert lines[-1] == "" and lines[-2] != "", "one final newline"
    for number, line in enumerate(lines, 1):
        assert line == line.strip() and "\t" not in line, (
            f"{name}.txt:{number} {line!r}"
        )
        if not line.startswith("#"):
            assert "  " not in line, f"{name}.txt:{number} {line!r}"
    entries = lexicon.phrases(name, lang)
    assert entries, f"{lang}/{name}.txt has no entries"
    duplicates = sorted({e for e in entries if entries.count(e) > 1})
    assert not duplicates, f"{lang}/{name}.txt repeats {duplicates}"


@pytest.mark.parametrize(("lang", "name"), LISTS)
def test_lexicon_table_lines_all_have_a_value_or_none(lang: str, name: str) -> None:
    with_value = [lexicon.VALUE_SEPARATOR in e for e in lexicon.entries(name, lang)]
    assert all(with_value) or not any(with_value)
    if all(with_value):
        assert len(lexicon.table(name, lang)) == len(with_value)


def test_lexicon_entries_keep_file_order_and_quoted_spaces() -> None:
    assert lexicon.phrases("months")[:3] == ("january", "february", "march")
    assert "ap " in lexicon.phrases("outlet_words")
    assert lexicon.numbers("bearings")["nne"] == 22.5


@pytest.mark.parametrize(
    ("name", "lang", "message"),
    [
        ("titels", "en", "No lexicon 'titels' for language 'en'"),
        ("titles", "xx", "for language 'xx'"),
    ],
)
def test_lexicon_unknown_list(name: str, lang: str, message: str) -> None:
    with pytest.raises(ConfigurationError, match=message) as err:
        lexicon.words(name, lang)
    if lang == "en":
        assert "titles" in str(err.value)  # names the lists there are


def test_lexicon_table_without_values() -> None:
    with pytest.raises(ConfigurationError, match="has no value"):
        lexicon.table("titles")


@pytest.mark.parametrize(
    ("flag", "value"),
    [
        (NameFlag.PRIMARY, 1),
        (NameFlag.ALTERNATE, 2),
        (NameFlag.DERIVED, 4),
        (NameFlag.ALIAS, 8),
        (NameFlag.DEMONYM, 16),
        (NameFlag.OWN, 9),
    ],
)
def test_lexicon_name_flag_values(flag: NameFlag, value: int) -> None:
    # The values are stored in built gazetteers: changing one needs a rebuild.
    assert flag == value


# One entry of each list in effect. Each check takes an entry and the gazetteer
# and asserts the behaviour the entry gives; a new word is one row of ROWS.
Check = Callable[[str, Gazetteer], None]


def _names(text: str, gazetteer: Gazetteer) -> list[str]:
    return [f.mention.text for f in find_mentions(text, gazetteer)]


def _cyr_names(text: str, gazetteer: Gazetteer) -> list[str]:
    return [r.mention.text for r in geoparse(text, gazetteer=gazetteer)]


def _cyr_places(text: str, gazetteer: Gazetteer) -> dict[str, object]:
    """Mention text -> the place it resolved to (None when unresolved)."""
    return {r.mention.text: r.place for r in geoparse(text, gazetteer=gazetteer)}


def _sentences(text: str) -> int:
    return len(segment(text).statements())


def _one_quantity(text: str):  # type: ignore[no-untyped-def]
    (found,) = find_quantities(text)
    return found


def _one_spatial(text: str):  # type: ignore[no-untyped-def]
    (found,) = find_spatial_expressions(text)
    return found


def _cyrillic_relations(text: str, place: str | None) -> list[str]:
    """Relations the Cyrillic spatial rules find in ``text``, ``place`` a town there."""
    from geoclaims.text.spatial_places import PlaceSpan

    spans = [PlaceSpan(text.index(place), text.index(place) + len(place), "settlement")] \
        if place else []
    return [e.relation for e in spatial_cyrillic.find_cyrillic_expressions(text, spans, "ru")]


def _cyrillic_hedge(text: str) -> str:
    from geoclaims.text.spatial_places import PlaceSpan

    at = text.index("Суджи")
    found = spatial_cyrillic.find_cyrillic_expressions(
        text, [PlaceSpan(at, at + len("Суджи"), "settlement")], "ru")
    return found[0].hedge if found else ""


def _member(constant: object) -> Check:
    """Fallback where the behaviour is not cheap to show: the code sees the entry."""
    return lambda e, g: None if e in constant else pytest.fail(f"{e!r} not loaded")  # type: ignore[operator]


CHECKS: dict[str, Check] = {
    # places.recognize and places.keep_rules
    "titles": lambda e, g: (
        _names(f"Troops left Kyiv. {e.title()}. Lincoln spoke.", g) == ["Kyiv"]
        or pytest.fail(e)
    ),
    "org_after": lambda e, g: (
        "Houston" not in _names(f"He went to Houston {e.title()}.", g) or pytest.fail(e)
    ),
    "feature_suffixes": lambda e, g: (
        _names(f"They crossed the Neches {e.title()}.", g) == [f"Neches {e.title()}"]
        or pytest.fail(e)
    ),
    "speech_verbs": _member(keep_rules.SPEECH_VERBS),
    "locatives": _member(keep_rules.LOCATIVES),
    "place_premodifiers": _member(keep_rules.PRE_OK),
    "sentence_openers": _member(keep_rules.SENTENCE_OPENERS),
    "not_alone_words": _member(keep_rules.NOT_ALONE),
    "org_heads": _member(keep_rules.ORG_HEADS),
    "feature_abbreviations": _member(recognize.FEATURE_ABBREVIATIONS),
    "feature_prefixes": _member(recognize.FEATURE_PREFIXES),
    # text.mentions
    "abbreviations": lambda e, g: (
        len({t.sentence for t in tokenize(f"Near {e.title()}. Smith house.")}) == 1
        or pytest.fail(e)
    ),
    "name_connectors": lambda e, g: (
        (0, 3) in candidate_spans(tokenize(f"Stratford {e} Avon")) or pytest.fail(e)
    ),
    "admin_words": lambda e, g: (
        context_hint(tokenize(f"in Kursk {e}"), 1, 2) == "admin" or pytest.fail(e)
    ),
    "settlement_words": lambda e, g: (
        context_hint(tokenize(f"near the {e} of Donetsk"), 4, 5) == "populated"
        or pytest.fail(e)
    ),
    "admin_modifiers": lambda e, g: (
        context_hint(tokenize(f"in Kursk and Bryansk {e} regions"), 1, 2) == "admin"
        or pytest.fail(e)
    ),
    # places.build (a build-time list; the gazetteer of the tests is built with it)
    "mul/admin_type_words": _member(build.ADMIN_TYPE_WORDS),
    # text.dates
    "months": lambda e, g: (
        find_dates(f"It happened on {e.title()} 5, 2024.", None)[0].date
        == datetime.date(2024, lexicon.phrases("months").index(e) + 1, 5)
        or pytest.fail(e)
    ),
    "month_abbreviations": lambda e, g: (
        find_dates(f"It happened on {e.title()}. 5, 2024.", None)[0].date
        == datetime.date(2024, int(lexicon.numbers("month_abbreviations")[e]), 5)
        or pytest.fail(e)
    ),
    "weekdays": lambda e, g: (
        find_dates(f"It happened on {e.title()}.", "2024-10-20")[0].date.weekday()
        == lexicon.numbers("weekdays")[e]
        or pytest.fail(e)
    ),
    # text.quantities (and text.dates, text.spatial for the cardinals)
    "cardinals": lambda e, g: (
        (
            _one_quantity(f"They saw {e} soldiers.").value
            == lexicon.numbers("cardinals")[e]
            == _one_spatial(f"Shelling {e} km from Donetsk.").distance_m / 1000
        )
        or pytest.fail(e)
    ),
    "scale_words": lambda e, g: (
        _one_quantity(f"They saw two {e} soldiers.").value
        == 2 * lexicon.numbers("scale_words")[e]
        or pytest.fail(e)
    ),
    "plural_scale_words": lambda e, g: (
        _one_quantity(f"They saw {e} of soldiers.").qualifier == "about"
        or pytest.fail(e)
    ),
    "qualifiers": lambda e, g: (
        _one_quantity(f"They saw {e} 40 soldiers.").qualifier
        == lexicon.table("qualifiers")[e]
        or pytest.fail(e)
    ),
    "identifier_words": lambda e, g: (
        not find_quantities(f"They closed {e} 40 today.") or pytest.fail(e)
    ),
    "count_stops": lambda e, g: (
        _one_quantity(f"They saw 40 vehicle {e} the town.").counted == "vehicle"
        or pytest.fail(e)
    ),
    "irregular_plurals": lambda e, g: (
        _one_quantity(f"Police said 40 {e} zork were hurt.").counted == e
        or pytest.fail(e)
    ),
    "descriptive_participles": lambda e, g: (
        _one_quantity(f"They saw 40 {e} soldiers.").counted == f"{e} soldiers"
        or pytest.fail(e)
    ),
    "counted_participles": lambda e, g: (
        _one_quantity(f"They saw 40 {e} in town.").counted == e or pytest.fail(e)
    ),
    # text.spatial
    "distance_units": lambda e, g: (
        _one_spatial(f"Shelling 7 {e} from Donetsk.").distance_m
        == pytest.approx(7 * lexicon.numbers("distance_units")[e])
        or pytest.fail(e)
    ),
    "distance_number_words": lambda e, g: (
        _one_spatial(f"Shelling {e} km from Donetsk.").distance_m
        == 1000 * lexicon.numbers("distance_number_words")[e]
        or pytest.fail(e)
    ),
    "bearings": lambda e, g: (
        _one_spatial(f"Shelling 30 km {e} of Donetsk.").bearing_deg
        == lexicon.numbers("bearings")[e]
        or pytest.fail(e)
    ),
    "distance_hedges": lambda e, g: (
        _one_spatial(f"Shelling {e} 7 km from Donetsk.").hedge
        == lexicon.table("distance_hedges")[e]
        or pytest.fail(e)
    ),
    # text.spatial_places (containment found from the place mentions)
    "containment_cues": lambda e, g: (
        (_one_placed(f"Shelling {e} the Kursk region.", "Kursk", "region").relation
        == "in_region"
        and (lexicon.table("containment_cues")[e] == "part"
             or _one_placed(f"Shelling {e} Ukraine.", "Ukraine", "region").relation
             == "in_region"))
        or pytest.fail(e)
    ),
    "part_words": lambda e, g: (
        _one_placed(f"Shelling in {e} Ukraine.", "Ukraine", "region").qualifier
        == lexicon.table("part_words")[e]
        or pytest.fail(e)
    ),
    "region_premodifiers": lambda e, g: (
        _one_placed(f"Shelling in {e} Ukraine.", "Ukraine", "region").text
        == f"in {e} Ukraine"
        or pytest.fail(e)
    ),
    "area_words": lambda e, g: (
        _one_placed(f"Shelling in the Pokrovsk {e}.", "Pokrovsk", "settlement").relation
        == "near"
        or pytest.fail(e)
    ),
    "sea_words": lambda e, g: (
        (is_sea_name(f"Red {e.title()}") and is_sea_name(f"{e.title()} of Aden"))
        or pytest.fail(e)
    ),
    "feature_of_prefixes": lambda e, g: (
        _names(f"Ships sailed in the {e.title()} of Aden today.", g) == [f"{e.title()} of Aden"]
        or pytest.fail(e)
    ),
    "continent_adjectives": lambda e, g: (
        any(p.kind == "continent" and p.name == lexicon.table("continent_adjectives")[e]
            and flags & NameFlag.DEMONYM for p, flags in g.lookup_keys([e]).get(e, []))
        or pytest.fail(e)
    ),
    "named_borders": lambda e, g: (
        g.border(*lexicon.table("named_borders")[e].split("-")) is not None
        or pytest.fail(e)
    ),
    "region_words": lambda e, g: (
        _one_spatial(f"Shelling in the Kursk {e}.").relation == "in_region"
        or pytest.fail(e)
    ),
    "named_region_words": lambda e, g: (
        _one_spatial(f"Fighting in Kursk {e}.").relation == "in_region"
        or pytest.fail(e)
    ),
    # claims.attribution
    "say_verbs": lambda e, g: (
        find_attribution(f"The ministry {e} the town was shelled.").chain
        or pytest.fail(e)
    ),
    "say_participles": lambda e, g: (
        find_attribution(
            f"The ministry called for talks, {e} that the town fell."
        ).chain
        or pytest.fail(e)
    ),
    "say_participles_before_that": lambda e, g: (
        find_attribution(
            f"The ministry called for talks, {e} that the town fell."
        ).chain
        or pytest.fail(e)
    ),
    "anonymous_words": lambda e, g: (
        classify_source(f"{e} said") == ("anonymous", True) or pytest.fail(e)
    ),
    "outlet_words": lambda e, g: (
        classify_source(f"the {e.strip()}")[0] == "outlet" or pytest.fail(e)
    ),
    "body_words": lambda e, g: (
        classify_source(f"the {e}")[0] == "government body" or pytest.fail(e)
    ),
    "official_titles": lambda e, g: (
        classify_source(f"the {e}")[0] == "official" or pytest.fail(e)
    ),
    "river_words": lambda e, g: (
        {r.mention.text: r.place for r in geoparse(f"Rains flooded the Juba {e}.", gazetteer=g)}
        .get("Juba", "no mention") is None or pytest.fail(e)
    ),
    "account_nouns": lambda e, g: (
        [s.name for s in find_attribution(f"According to Ana Lis's {e}, the town fell.").chain]
        == ["Ana Lis"] or pytest.fail(e)
    ),
    "document_words": lambda e, g: (
        classify_source(f"the {e}")[0] == "document" or pytest.fail(e)
    ),
    "sentence_split_abbreviations": lambda e, g: (
        _sentences(f"He met {e}. Smith today.") == 1 or pytest.fail(e)
    ),
    "short_sentence_starts": lambda e, g: (
        _sentences(f"The army said.{e.title()} left.") == 2 or pytest.fail(e)
    ),
    "source_phrase_stops": lambda e, g: (
        noun_phrase_ahead(f"the civil defence agency {e} the town")
        == "the civil defence agency"
        or pytest.fail(e)
    ),
    "source_nouns": _member(attribution.NOUNISH),
    "adverbial_openers": _member(attribution.ADVERBIAL_OPENERS),
    "determiners": _member(attribution._DETERMINERS),
    "subject_pronouns": _member(attribution._PRONOUNS),
    "auxiliaries": _member(attribution._AUXILIARIES),
    "portfolios": lambda e, g: (
        (speaker_affiliation(f"{e.title()} Minister John Smith")[0] or "").endswith(
            "Ministry"
        )
        or pytest.fail(e)
    ),
    # claims.extract
    "noun_phrase_ends": _member(extract._NP_END),
    "surname_honorifics": lambda e, g: (
        references._SURNAME.fullmatch(f"{e}. Kirby") or pytest.fail(e)
    ),
    "anaphoric_place_nouns": lambda e, g: (
        extract._ANAPHORIC_PLACE.search(f"fighting in the {e} went on")
        or pytest.fail(e)
    ),
    "body_titles": lambda e, g: (
        references._BODY_TITLE.match(f"agency {e} Mahmud Bassal") or pytest.fail(e)
    ),
    # evaluation.polnear and evaluation.matching (PolNeAR cues)
    "speech_cues": lambda e, g: cue_kind(e) == "speech" or pytest.fail(e),
    "irregular_verbs": lambda e, g: (
        cue_stems(e) == cue_stems(lexicon.table("irregular_verbs")[e]) or pytest.fail(e)
    ),
    # claims.structure and attribution_rules
    "attribution_cues": lambda e, g: (
        [a.cue_text for a in find_structural(parse_sentences(
            [f"The mayor {e}s that the dam will hold."])[0])]
        == [f"{e}s"] or pytest.fail(e)
    ),
    "generic_people": lambda e, g: (
        is_unnamed(parse_sentences([f"Local {e} said the road was closed."])[0], 0,
                   len(f"Local {e}")) or pytest.fail(e)
    ),
    "attribution_nouns": lambda e, g: (
        [a.cue_text for a in find_structural(parse_sentences(
            [f"Talks stalled over the mayor’s {e} that the dam is safe."])[0])] == [e]
        or pytest.fail(e)
    ),
    "label_words": lambda e, g: (
        ":" not in find_attribution(f"{e.title()}: the dam held through the night.").cues
        or pytest.fail(e)
    ),
    # text.language: the word tips a text that has no letter of its own language
    "function_words": lambda e, g: (
        detect_language(f"{e} {e} {e} gubernator Kurskoy oblasti").code == "en"
        or pytest.fail(e)
    ),
    "mul/latin_function_words": lambda e, g: (
        not detect_language(f"{e} {e} {e} Kursk region shelling went on").supported
        or pytest.fail(e)
    ),
    "ru/function_words": lambda e, g: (
        detect_language(f"{e} {e} губернатор Курской области {e}").code == "ru"
        or pytest.fail(e)
    ),
    "uk/function_words": lambda e, g: (
        detect_language(f"{e} {e} губернатор Курской области {e}").code == "uk"
        or pytest.fail(e)
    ),
    # places.recognize_cyrillic: a village the gazetteer lacks is found after the word
    "mul/cyrillic_settlement_nouns": lambda e, g: (
        "Прудянка" in _cyr_names(f"Окупанти обстріляли {e} Прудянка вночі.", g)
        or pytest.fail(e)
    ),
    "mul/cyrillic_near_prepositions": lambda e, g: (
        "Прудянки" in _cyr_names(f"Бої тривають {e} Прудянки, повідомили військові.", g)
        or pytest.fail(e)
    ),
    "mul/cyrillic_list_words": lambda e, g: (
        "Вільхуватка" in _cyr_names(f"Ворог обстріляв село Прудянка {e} Вільхуватка.", g)
        or pytest.fail(e)
    ),
    # Lemmas: the texts need inflected forms, so the check is that the code sees them.
    "mul/cyrillic_spatial_cues": lambda e, g: (
        _cyrillic_relations(f"Бои идут {e} Суджи.", "Суджи") == ["near"] or pytest.fail(e)
    ),
    "mul/cyrillic_bearing_stems": lambda e, g: (
        spatial_cyrillic._bearing(e) is not None or pytest.fail(e)
    ),
    "mul/cyrillic_distance_units": lambda e, g: (
        spatial_cyrillic._unit(e) is not None or pytest.fail(e)
    ),
    "mul/cyrillic_number_words": lambda e, g: (
        spatial_cyrillic._number(e) == 2.0 or pytest.fail(e)
    ),
    "mul/cyrillic_distance_hedges": lambda e, g: (
        _cyrillic_hedge(f"Бои идут в {e} 5 километрах от Суджи.") == "approx" or pytest.fail(e)
    ),
    "mul/cyrillic_border_words": lambda e, g: (
        _cyrillic_relations(f"Бои идут вдоль {e}.", None) == ["border_zone"] or pytest.fail(e)
    ),
    "mul/cyrillic_country_adjectives": lambda e, g: (
        spatial_cyrillic.country_of_cyrillic_word(f"{e}ой") is not None or pytest.fail(e)
    ),
    "mul/cyrillic_generic_nouns": _member(recognize_cyrillic.GENERIC_NOUNS),
    "mul/cyrillic_area_nouns": _member(recognize_cyrillic.AREA_NOUNS),
    # the word before a name makes it a part of a city: Ostrov in Pskov Oblast is none
    "mul/cyrillic_city_part_words": lambda e, g: (
        _cyr_places(f"Бои идут: {e} Остров в Херсоне.", g).get("Остров", 0) is None
        or pytest.fail(e)
    ),
    # the word before a name makes it a river: Dnipro city is no answer
    "mul/cyrillic_water_words": lambda e, g: (
        _cyr_places(f"Бои идут у {e} Днепра возле Херсона.", g).get("Днепра", 0) is None
        or pytest.fail(e)
    ),
    "mul/cyrillic_forces_words": _member(
        recognize_cyrillic.FORCES_WORDS | recognize_cyrillic.FORCES_MIDDLE
    ),
}

#: (list, entry): one entry of every list, shown in effect by CHECKS[list].

def _att(sentence: str, lang: str):  # type: ignore[no-untyped-def]
    return find_attribution_cyrillic(sentence, 0, lang)


_CYR_SUBJECT = {"ru": "Губернатор области", "uk": "Голова громади"}
_CYR_AGENCY = {"ru": "Ведомство", "uk": "Відомство"}


def _cyrillic_checks(lang: str) -> dict[str, Check]:
    """A check per Russian or Ukrainian list of the claims code (one language)."""
    subject, agency = _CYR_SUBJECT[lang], _CYR_AGENCY[lang]
    fail = pytest.fail
    return {
        f"{lang}/abbreviations": lambda e, g: (
            len(segment(f"Бригада {e}. Петра стоит у реки весь день.").sentences) == 1
            or fail(e)),
        f"{lang}/according_phrases": lambda e, g: (
            (_att(f"{e.capitalize()} Генштаба, мост цел.", lang).chain
             or "continues" in _att(f"{e.capitalize()}, мост цел.", lang).extra) or fail(e)),
        f"{lang}/anonymous_words": lambda e, g: is_anonymous_phrase(e, lang) or fail(e),
        f"{lang}/clause_openers": lambda e, g: (
            [s.name for s in _att(f"{e.capitalize()} губернатор Иван Орлов "
                                  f"{verb_forms(_say(lang), lang)[0]}, что мост цел.",
                                  lang).chain] == ["губернатор Иван Орлов"] or fail(e)),
        f"{lang}/compound_prepositions": lambda e, g: (
            [s.name for s in _att(f"{e.capitalize()} брифинга губернатор Иван Орлов "
                                  f"{verb_forms(_say(lang), lang)[0]}, что мост цел.",
                                  lang).chain] == ["губернатор Иван Орлов"] or fail(e)),
        f"{lang}/confirm_verbs": lambda e, g: (
            _att(f"{subject} {verb_forms(e, lang)[0]}, что мост цел.", lang).extra.get(
                "stance") == "confirm" or fail(e)),
        f"{lang}/continuation_openers": lambda e, g: (
            continues_report(f"{e.capitalize()} в городе тихо.", same_paragraph=False,
                             lang=lang) or fail(e)),
        f"{lang}/contrast_openers": lambda e, g: (
            not continues_report(f"{e.capitalize()} в городе тихо.", same_paragraph=True,
                                 lang=lang) or fail(e)),
        f"{lang}/denial_cues": lambda e, g: (
            _grade_of(f"Это {e}, сказал он.", lang) == "denied" or fail(e)),
        f"{lang}/deny_verbs": lambda e, g: (
            _grade_of(f"{agency} {verb_forms(e, lang)[0]} эти сведения.", lang) == "denied"
            or fail(e)),
        f"{lang}/disclaimers": lambda e, g: is_disclaimer(f"Информация {e}.", lang) or fail(e),
        f"{lang}/doubt_cues": lambda e, g: (
            _grade_of(f"{agency} {e} эти сведения.", lang) == "disputed" or fail(e)),
        f"{lang}/given_names": lambda e, g: (
            transliterate(e, lang) == lexicon.table("given_names", lang)[e] or fail(e)),
        f"{lang}/hedges": lambda e, g: _att(f"Войска {e} вошли в город.", lang).hedged
        or fail(e),
        f"{lang}/impersonal_cues": lambda e, g: (
            "continues" in _att(f"Мост цел, {e}.", lang).extra or fail(e)),
        f"{lang}/likelihood": lambda e, g: (
            find_likelihood(f"Войска, {e}, отошли.", lang)[0] == e or fail(e)),
        f"{lang}/months": lambda e, g: (
            find_dates_cyrillic(f"5 {e} 2024 года", None)[0].date
            == datetime.date(2024, int(lexicon.table("months", lang)[e]), 5) or fail(e)),
        f"{lang}/negated_denial_cues": lambda e, g: (
            _grade_of(f"{agency} {e} эти сведения.", lang) is None or fail(e)),
        f"{lang}/report_nouns": lambda e, g: (
            answers_earlier(f"{agency} опровергло {e}.", ["опровергло"], lang) or fail(e)),
        f"{lang}/say_verbs": lambda e, g: (
            _att(f"{subject} {verb_forms(e, lang)[0]}, что мост цел.", lang).chain
            or fail(e)),
        f"{lang}/source_epithets": lambda e, g: (
            source_key(f"Министерство {e} обороны") == source_key("Министерство обороны")
            or fail(e)),
        f"{lang}/source_nouns": lambda e, g: (
            _att(f"Мост цел, {verb_forms(_say(lang), lang)[0]} {e} Иван Орлов.", lang).chain
            or fail(e)),
        f"{lang}/subject_pronouns": lambda e, g: (
            "continues" in _att(f"«Мост цел», — {verb_forms(_say(lang), lang)[0]} {e}.",
                                lang).extra or fail(e)),
        f"{lang}/transliteration": lambda e, g: (
            transliterate(f"б{e}", lang) == "b" + lexicon.table("transliteration", lang)[e]
            .replace("-", "") or fail(e)),
        f"{lang}/qualifiers": lambda e, g: (
            find_quantities_cyrillic(f"Сбиты {e} 40 дронов.")[0].qualifier
            == lexicon.table("qualifiers", lang)[e] or fail(e)),
        f"{lang}/cardinals": lambda e, g: (
            find_quantities_cyrillic(f"Сбиты {e} дронов.")[0].value
            == lexicon.numbers("cardinals", lang)[e] or fail(e)),
        f"{lang}/scale_words": lambda e, g: (
            find_quantities_cyrillic(f"Сбиты 4 {e} дронов.")[0].value
            == 4 * lexicon.numbers("scale_words", lang)[e] or fail(e)),
        f"{lang}/not_counted_units": lambda e, g: (
            not find_quantities_cyrillic(f"Бои шли 7 {e} подряд.") or fail(e)),
        f"{lang}/demonym_sources": lambda e, g: (
            _side_of(e, lang) == lexicon.table("demonym_sources", lang)[e] or fail(e)),
        f"{lang}/weekdays": lambda e, g: (
            find_dates_cyrillic(f"в {e}", datetime.date(2024, 10, 20))[0].date.weekday()
            == int(lexicon.table("weekdays", lang)[e]) or fail(e)),
    }


def _side_of(word: str, lang: str) -> str | None:
    """The country of the body a bare demonym source joins in a document."""
    from geoclaims.claims.model import Claim, Confidence, Source
    from geoclaims.claims.sources import alias_table, resolve_sources

    wire = Source(name="Wire", type="outlet")
    bodies = {"RU": "Минобороны России", "UA": "Генштаб ЗСУ"}
    claims = [Claim(claim_id=f"d:{i}", start=i, end=i + 1, statement="...",
                    sources=(wire, Source(name=name, type=kind, anonymous=anon)),
                    confidence=Confidence.REPORTED)
              for i, (name, kind, anon) in enumerate(
                  [*((b, "government body", False) for b in bodies.values()),
                   (word.capitalize(), "anonymous", True)])]
    found = resolve_sources(claims)[-1].sources[1].source_id
    entry = next((e for e in alias_table().entries if e.id == found), None)
    return entry.country if entry is not None else None


def _say(lang: str) -> str:
    return "сообщить" if lang == "ru" else "повідомити"


def _grade_of(sentence: str, lang: str) -> str | None:
    found = cue_grade(sentence, rules_for(lang))
    return found[0].value if found else None


CHECKS.update(_cyrillic_checks("ru"))
CHECKS.update(_cyrillic_checks("uk"))

ROWS = [
    ("titles", "mrs"),
    ("org_after", "university"),
    ("speech_verbs", "said"),
    ("feature_suffixes", "river"),
    ("locatives", "near"),
    ("place_premodifiers", "northern"),
    ("sentence_openers", "several"),
    ("not_alone_words", "liberty"),
    ("org_heads", "brigade"),
    ("feature_abbreviations", "blvd"),
    ("feature_prefixes", "mount"),
    ("abbreviations", "gov"),
    ("name_connectors", "upon"),
    ("admin_words", "oblast"),
    ("settlement_words", "city"),
    ("admin_modifiers", "border"),
    ("mul/admin_type_words", "область"),
    ("function_words", "the"),
    ("mul/latin_function_words", "der"),
    ("ru/function_words", "что"),
    ("ru/abbreviations", "им"), ("uk/abbreviations", "ім"),
    ("ru/according_phrases", "по данным"), ("uk/according_phrases", "за даними"),
    ("ru/anonymous_words", "источник"), ("uk/anonymous_words", "джерел"),
    ("ru/clause_openers", "ранее"), ("uk/clause_openers", "раніше"),
    ("ru/compound_prepositions", "во время"), ("uk/compound_prepositions", "під час"),
    ("ru/confirm_verbs", "подтвердить"), ("uk/confirm_verbs", "підтвердити"),
    ("ru/continuation_openers", "кроме того"), ("uk/continuation_openers", "крім того"),
    ("ru/contrast_openers", "но"), ("uk/contrast_openers", "але"),
    ("ru/denial_cues", "неправда"), ("uk/denial_cues", "неправда"),
    ("ru/deny_verbs", "опровергнуть"), ("uk/deny_verbs", "спростувати"),
    ("ru/disclaimers", "не подтверждена"), ("uk/disclaimers", "не підтверджено"),
    ("ru/doubt_cues", "не подтвердить"), ("uk/doubt_cues", "не підтвердити"),
    ("ru/given_names", "Алексей"), ("uk/given_names", "Олексій"),
    ("ru/hedges", "якобы"), ("uk/hedges", "нібито"),
    ("ru/impersonal_cues", "отмечается"), ("uk/impersonal_cues", "зазначається"),
    ("ru/likelihood", "вероятно"), ("uk/likelihood", "ймовірно"),
    ("ru/months", "октября"), ("uk/months", "жовтня"),
    ("ru/negated_denial_cues", "не опроверг"), ("uk/negated_denial_cues", "не спростував"),
    ("ru/report_nouns", "информаци"), ("uk/report_nouns", "заяв"),
    ("ru/say_verbs", "заявить"), ("uk/say_verbs", "повідомити"),
    ("ru/source_epithets", "страны-агрессора"), ("uk/source_epithets", "країни-агресора"),
    ("ru/source_nouns", "губернатор"), ("uk/source_nouns", "речник"),
    ("ru/subject_pronouns", "он"), ("uk/subject_pronouns", "він"),
    ("ru/transliteration", "х"), ("uk/transliteration", "г"),
    ("ru/weekdays", "вторник"), ("uk/weekdays", "понеділок"),
    ("ru/demonym_sources", "россияне"), ("uk/demonym_sources", "росіяни"),
    ("ru/qualifiers", "около"), ("uk/qualifiers", "понад"),
    ("ru/cardinals", "двух"), ("uk/cardinals", "трьох"),
    ("ru/scale_words", "тысяч"), ("uk/scale_words", "тисяч"),
    ("ru/not_counted_units", "километр"), ("uk/not_counted_units", "годин"),
    ("uk/function_words", "що"),
    ("months", "march"),
    ("month_abbreviations", "sept"),
    ("weekdays", "tuesday"),
    ("cardinals", "seven"),
    ("cardinals", "thirteen"),
    ("scale_words", "dozen"),
    ("plural_scale_words", "hundreds"),
    ("qualifiers", "as many as"),
    ("identifier_words", "route"),
    ("count_stops", "near"),
    ("irregular_plurals", "children"),
    ("descriptive_participles", "armed"),
    ("counted_participles", "wounded"),
    ("distance_units", "nautical miles"),
    ("distance_number_words", "a few"),
    ("bearings", "northeast"),
    ("distance_hedges", "at least"),
    ("region_words", "oblast"),
    ("named_region_words", "Oblast"),
    ("say_verbs", "said"),
    ("say_participles", "saying"),
    ("say_participles_before_that", "claiming"),
    ("anonymous_words", "unnamed"),
    ("outlet_words", "reuters"),
    ("body_words", "ministry"),
    ("official_titles", "governor"),
    ("document_words", "report"),
    ("sentence_split_abbreviations", "Gen"),
    ("account_nouns", "figure"),
    ("river_words", "river"),
    ("short_sentence_starts", "he"),
    ("source_phrase_stops", "during"),
    ("source_nouns", "spokesperson"),
    ("adverbial_openers", "meanwhile"),
    ("determiners", "these"),
    ("subject_pronouns", "they"),
    ("auxiliaries", "had"),
    ("portfolios", "defense"),
    ("noun_phrase_ends", "near"),
    ("surname_honorifics", "Mr"),
    ("anaphoric_place_nouns", "oblast"),
    ("body_titles", "spokesman"),
    ("speech_cues", "according to"),
    ("irregular_verbs", "told"),
    ("attribution_cues", "warn"),
    ("label_words", "update"),
    ("generic_people", "residents"),
    ("attribution_nouns", "claim"),
    ("containment_cues", "deep into"),
    ("part_words", "central"),
    ("region_premodifiers", "occupied"),
    ("area_words", "area"),
    ("sea_words", "Gulf"),
    ("feature_of_prefixes", "strait"),
    ("named_borders", "line of control"),
    ("continent_adjectives", "european"),
    ("mul/cyrillic_settlement_nouns", "село"),
    ("mul/cyrillic_spatial_cues", "возле"),
    ("mul/cyrillic_bearing_stems", "запад"),
    ("mul/cyrillic_distance_units", "километр"),
    ("mul/cyrillic_number_words", "двух"),
    ("mul/cyrillic_distance_hedges", "около"),
    ("mul/cyrillic_border_words", "граница"),
    ("mul/cyrillic_country_adjectives", "украинск"),
    ("mul/cyrillic_near_prepositions", "біля"),
    ("mul/cyrillic_list_words", "та"),
    ("mul/cyrillic_generic_nouns", "область"),
    ("mul/cyrillic_area_nouns", "район"),
    ("mul/cyrillic_water_words", "берег"),
    ("mul/cyrillic_city_part_words", "микрорайон"),
    ("mul/cyrillic_forces_words", "оборони"),
]


def _key(lang: str, name: str) -> str:
    """How ROWS and CHECKS name a list: ``name`` for English, else ``lang/name``."""
    return name if lang == "en" else f"{lang}/{name}"


def test_lexicon_every_list_has_a_row() -> None:
    assert {_key(*ln) for ln in LISTS} == {key for key, _ in ROWS} == set(CHECKS)


@pytest.mark.parametrize(("key", "entry"), ROWS)
def test_lexicon_entry_in_effect(key: str, entry: str, gazetteer: Gazetteer) -> None:
    lang, _, name = key.rpartition("/")
    assert entry in lexicon.words(name, lang or "en")
    CHECKS[key](entry, gazetteer)
