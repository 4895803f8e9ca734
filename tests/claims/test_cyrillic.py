"""Russian and Ukrainian claims: attribution rules, grades, sources, dates, extraction."""

from __future__ import annotations

import datetime

import pytest

from geoclaims.claims.cyrillic import RULES, find_attribution_cyrillic, is_anonymous_phrase
from geoclaims.claims.cyrillic_discourse import (
    answers_earlier,
    continues_report,
    find_likelihood,
    is_disclaimer,
    split_clauses,
)
from geoclaims.claims.grades import cue_grade, rules_for
from geoclaims.claims.model import Confidence, Source
from geoclaims.claims.sources import alias_table, canonical_source
from geoclaims.evaluation.claims import score_claims
from geoclaims.pipeline import analyze
from geoclaims.text.dates_cyrillic import find_dates_cyrillic
from geoclaims.text.inflection import light_stem, verb_forms, word_forms
from geoclaims.text.quantities_cyrillic import find_quantities_cyrillic
from geoclaims.text.transliterate import transliterate

#: (rule, lang, sentence, source names, anonymous flags), id = the rule.
ROWS = [
    pytest.param("speaker_colon", "ru", "Минобороны: войска отошли от реки к северу.",
                 ["Минобороны"], [False], id="speaker_colon"),
    pytest.param("final_dash", "ru", "Колонна техники вошла в поселок ночью — «Старший брат»",
                 ["«Старший брат»"], [False], id="final_dash"),
    pytest.param("final_dash", "uk", "ворог накопичує сили біля села — джерела",
                 ["джерела"], [True], id="final_dash-anonymous"),
    pytest.param("impersonal", "ru", "Пожар на складе потушен, говорится в сообщении МЧС.",
                 ["МЧС"], [False], id="impersonal"),
    pytest.param("verb_speaker", "ru", "Губернатор области Иван Орлов заявил, что мост цел.",
                 ["Губернатор области Иван Орлов"], [False], id="verb_speaker"),
    pytest.param("verb_speaker", "uk", "Склад горів усю ніч, повідомила очільниця громади "
                 "Ольга Мельник.", ["очільниця громади Ольга Мельник"], [False],
                 id="verb_speaker-after"),
    pytest.param("verb_speaker", "ru", "Переговоры продолжатся, заявил журналистам "
                 "пресс-секретарь ведомства Олег Сидоров.",
                 ["пресс-секретарь ведомства Олег Сидоров"], [False],
                 id="verb_speaker-addressee"),
    pytest.param("verb_speaker", "ru", "В Минздраве сообщили о двух раненых.",
                 ["Минздраве"], [False], id="verb_speaker-locative"),
    pytest.param("verb_speaker", "uk", "Військові розповіли, що обстріл тривав годину.",
                 ["Військові"], [True], id="verb_speaker-unnamed"),
    pytest.param("according_to", "uk", "За даними Генштабу ЗСУ, ворог втратив три танки.",
                 ["Генштабу ЗСУ"], [False], id="according_to"),
    pytest.param("according_to", "ru", "По словам одного из собеседников, штурм отбит.",
                 ["одного из собеседников"], [True], id="according_to-unnamed"),
    pytest.param("hedge", "uk", "У мережі поширилася інформація про вибухи в порту.",
                 ["reports (unnamed)"], [True], id="hedge"),
]


@pytest.mark.parametrize(("rule", "lang", "sentence", "names", "anonymous"), ROWS)
def test_cyrillic_rule_row(rule, lang, sentence, names, anonymous) -> None:  # type: ignore[no-untyped-def]
    att = find_attribution_cyrillic(sentence, 10, lang)
    assert [s.name for s in att.chain] == names
    assert [s.anonymous for s in att.chain] == anonymous
    for src in att.chain:
        if src.start is not None:  # document offsets
            assert sentence[src.start - 10:src.end - 10] == src.name
    # The row needs its rule.
    from geoclaims.claims import cyrillic

    saved = cyrillic.RULES
    try:
        cyrillic.RULES = tuple(r for r in saved if r.name != rule)
        without = find_attribution_cyrillic(sentence, 10, lang)
    finally:
        cyrillic.RULES = saved
    assert [s.name for s in without.chain] != names


def test_cyrillic_every_rule_has_a_row() -> None:
    assert {r.name for r in RULES} <= {p.values[0] for p in ROWS} | {"hedge"}
    assert {p.values[0] for p in ROWS} <= {r.name for r in RULES}
    assert all(r.reason.strip() for r in RULES)


@pytest.mark.parametrize(
    ("sentence", "lang", "outer", "inner"),
    [
        ("Мэр Олег Сидоров сообщил, что воды нет, передает агентство «Вести».", "ru",
         "агентство «Вести»", "Мэр Олег Сидоров"),
        ("Агентство сообщает со ссылкой на источники в полиции, что задержаны трое.", "ru",
         "Агентство", "источники в полиции"),
    ],
)
def test_cyrillic_chain_order(sentence, lang, outer, inner) -> None:  # type: ignore[no-untyped-def]
    chain = [s.name for s in find_attribution_cyrillic(sentence, 0, lang).chain]
    assert chain == [outer, inner]


def test_cyrillic_verbs_of_both_languages() -> None:
    """Ukrainian copy quoting a Russian statement keeps its Russian verb."""
    att = find_attribution_cyrillic("«Склад горит», — сообщил губернатор Иван Орлов.", 0, "uk")
    assert [s.name for s in att.chain] == ["губернатор Иван Орлов"]


@pytest.mark.parametrize(
    ("sentence", "lang"),
    [
        ("Ранее ведомство не сообщало о потерях на этом участке.", "ru"),
        ("Інформацію про загиблих поки уточнюють у лікарні міста.", "uk"),
        ("Река разлилась после дождей и затопила три деревни.", "ru"),
    ],
)
def test_cyrillic_no_speaker(sentence, lang) -> None:  # type: ignore[no-untyped-def]
    assert find_attribution_cyrillic(sentence, 0, lang).chain == ()


@pytest.mark.parametrize(
    ("phrase", "lang", "anonymous"),
    [
        ("еще один источник в штабе", "ru", True),
        ("источник, близкий к Ивану Петрову", "ru", True),
        ("офицер бригады Олег Коваль", "uk", False),
        ("місцеві мешканці", "uk", True),
        ("Міністерство оборони", "uk", False),
    ],
)
def test_cyrillic_anonymous_phrase(phrase, lang, anonymous) -> None:  # type: ignore[no-untyped-def]
    assert is_anonymous_phrase(phrase, lang) is anonymous


@pytest.mark.parametrize(
    ("sentence", "lang", "grade"),
    [
        ("Пресс-служба опровергла сообщения о взрыве.", "ru", Confidence.DENIED),
        ("Сообщения о взрыве не соответствуют действительности.", "ru", Confidence.DENIED),
        ("Ведомство не опровергло сообщения о взрыве.", "ru", None),
        ("Командування заперечило прорив оборони.", "uk", Confidence.DENIED),
        ("У поліції не змогли підтвердити цю інформацію.", "uk", Confidence.DISPUTED),
        ("Власти не подтвердили данные о погибших.", "ru", Confidence.DISPUTED),
    ],
)
def test_cyrillic_grade_rules(sentence, lang, grade) -> None:  # type: ignore[no-untyped-def]
    found = cue_grade(sentence, rules_for(lang))
    assert (found[0] if found else None) is grade


def test_cyrillic_grade_rules_leave_english_alone() -> None:
    assert cue_grade("Пресс-служба опровергла сообщения.") is None
    assert rules_for("en") == rules_for("und")


@pytest.mark.parametrize(
    ("lemma", "lang", "form"),
    [("сообщить", "ru", "сообщили"), ("утверждать", "ru", "утверждает"),
     ("передавать", "ru", "передает"), ("заявити", "uk", "заявив"),
     ("додавати", "uk", "додає"), ("стверджувати", "uk", "стверджують")],
)
def test_inflection_verb_forms(lemma, lang, form) -> None:  # type: ignore[no-untyped-def]
    assert form in verb_forms(lemma, lang)


def test_inflection_lexicon_forms_and_stems() -> None:
    assert {"заявила", "опроверг", "говорится в сообщении"} <= (
        word_forms("say_verbs", "ru") | word_forms("deny_verbs", "ru")
        | word_forms("impersonal_cues", "ru"))
    assert light_stem("Генштабом") == light_stem("Генштаб")
    assert light_stem("губернатору") == light_stem("губернатора")
    assert light_stem("ГУР") == "ГУР"


@pytest.mark.parametrize(
    ("name", "source_id"),
    [("Минобороны России", "ru-mod"), ("Министерства обороны РФ", "ru-mod"),
     ("Генштабу ЗСУ", "ua-general-staff"), ("Генеральним штабом ЗСУ", "ua-general-staff"),
     ("ГУР МО", "ua-hur"), ("Сил оборони України", "ua-defence-forces"),
     ("Института изучения войны", "isw"), ("Минобороны Великобритании", "gb-mod")],
)
def test_cyrillic_sources_share_english_entities(name, source_id) -> None:  # type: ignore[no-untyped-def]
    entry = alias_table().lookup(name)
    assert entry is not None and entry.id == source_id


@pytest.mark.parametrize(
    ("name", "canonical", "kind"),
    [("губернатор області Олег Коваль", "Oleh Koval", "person"),
     ("мэр города Алексей Петров", "Alexei Petrov", "person"),
     ("собеседник издания", "собеседник издания (unnamed)", "anonymous")],
)
def test_cyrillic_sources_canonical(name, canonical, kind) -> None:  # type: ignore[no-untyped-def]
    anonymous = kind == "anonymous"
    src = canonical_source(Source(name=name, type="person", anonymous=anonymous))
    assert (src.canonical, src.kind) == (canonical, kind)


@pytest.mark.parametrize(
    ("text", "lang", "latin"),
    [("Андрій Гончаренко", "uk", "Andrii Honcharenko"), ("Юлия Зорина", "ru", "Yulia Zorina"),
     ("Євген Згурський", "uk", "Yevhen Zghurskyi"), ("Дмитрий Белый", "ru", "Dmitry Bely")],
)
def test_transliterate_names(text, lang, latin) -> None:  # type: ignore[no-untyped-def]
    assert transliterate(text, lang) == latin


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("Во вторник дроны атаковали склад.", "2024-10-17", ["2024-10-15"]),
        ("У понеділок ворог обстріляв громаду.", "2024-10-17", ["2024-10-14"]),
        ("15 октября прошли учения.", "2024-10-20", ["2024-10-15"]),
        ("Вибух стався 3 січня 2023 року біля порту.", None, ["2023-01-03"]),
        ("Вчора ворог обстріляв місто.", "2024-03-01", ["2024-02-29"]),
        ("В ночь на 20 декабря сбиты дроны.", "2025-01-05", ["2024-12-20"]),
        ("Вчера ворог обстрелял город.", None, [None]),
    ],
)
def test_dates_cyrillic(text, published, expected) -> None:  # type: ignore[no-untyped-def]
    found = find_dates_cyrillic(text, published)
    assert [d.date.isoformat() if d.date else None for d in found] == expected
    assert all(text[d.start:d.end] == d.text for d in found)


def test_cyrillic_discourse_rules() -> None:
    assert is_disclaimer("Наразі цю інформацію офіційно не підтверджено.", "uk")
    assert not is_disclaimer("Сообщение Минобороны о захвате села не подтверждено ни "
                             "украинской стороной, ни независимыми наблюдателями уже "
                             "третий день подряд.", "ru")
    assert continues_report("«Мы держим позиции», — сказал он.", same_paragraph=False,
                            lang="ru")
    assert not continues_report("Але супутникові знімки показують інше.", same_paragraph=True,
                                lang="uk")
    assert answers_earlier("Пресс-служба опровергла эту информацию.", ["опровергла"], "ru")
    assert not answers_earlier("Пресс-служба опровергла информацию о том, что мост "
                               "разрушен.", ["опровергла"], "ru")
    assert find_likelihood("Противник, ймовірно, перегрупує сили.", "uk")[0] == "ймовірно"
    text = "Мост цел; к северу идут бои — «Канал»"
    assert [text[a:b] for a, b in split_clauses(text)] == ["Мост цел;",
                                                           "к северу идут бои — «Канал»"]


RU_TEXT = (
    "Минобороны России заявило о якобы захвате села Ольховка. "
    "По его словам, противник отступил к реке.\n\n"
    "Силы обороны Украины опровергли это сообщение."
)
UK_TEXT = (
    "Окупанти нібито зайшли в село Степове, стверджують російські воєнкори. "
    "Це неправда, заявив речник угруповання Петро Коваль.\n\n"
    "У понеділок ворог обстріляв громаду, повідомила ОВА. "
    "Проте, цю інформацію не підтверджено."
)


def test_extract_cyrillic_documents(gazetteer) -> None:  # type: ignore[no-untyped-def]
    ru = analyze(RU_TEXT, gazetteer=gazetteer, outlet="Тест-Вестник", published="2024-10-17")
    assert ru.lang == "ru" and {c.lang for c in ru.claims} == {"ru"}
    first, second = ru.claims[0], ru.claims[1]
    assert first.sources[1].source_id == "ru-mod"
    assert second.sources[1].source_id == "ru-mod"  # "по его словам" goes on
    assert first.confidence is Confidence.DENIED  # answered by the Defence Forces
    uk = analyze(UK_TEXT, gazetteer=gazetteer, outlet="Тест-Вісник", published="2024-10-17")
    assert uk.lang == "uk"
    claims = {c.statement.split()[0]: c for c in uk.claims}
    assert claims["Окупанти"].confidence is Confidence.DENIED
    assert claims["Окупанти"].sources[-1].anonymous
    assert claims["У"].event_date == "2024-10-14"
    assert claims["У"].confidence is Confidence.UNVERIFIED  # the outlet's disclaimer


def test_extract_cyrillic_references(gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = ("Міністерство оборони Росії заявило про нібито захоплення села Нове. "
            "Росіяни заявили, що нібито просунулися на два кілометри.\n\n"
            "Вночі дрони атакували підстанцію, повідомив голова ОВА Іван Гнатюк. "
            "«Пошкоджено дві лінії», — сказав Гнатюк.\n\n"
            "Знеструмлено три села, повідомляли й місцеві мешканці.")
    report = analyze(text, gazetteer=gazetteer, outlet="Тест-Вісник", published="2024-10-17")
    ids = [c.sources[-1].source_id for c in report.claims]
    assert ids[:2] == ["ru-mod", "ru-mod"]  # "Росіяни" speak for the body named before
    assert ids[2] == ids[3] == "ivan-hnatiuk"  # the surname joins the full name
    assert report.claims[3].sources[-1].canonical == "Ivan Hnatiuk"
    assert report.claims[4].sources[-1].anonymous  # "повідомляли й мешканці"


def test_extract_cyrillic_back_reference_beats_carry(gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = ("Кремль заявил о якобы захвате поселка Лесное. Однако поселок по-прежнему "
            "под контролем обороны. Об этом сообщает Центр противодействия дезинформации.")
    claims = analyze(text, gazetteer=gazetteer, outlet="Тест", published="2024-10-17").claims
    assert claims[1].sources[-1].source_id == "ua-ccd"
    assert claims[1].confidence is Confidence.REPORTED


def test_score_claims_reads_canonical_names() -> None:
    gold = [{"doc_id": "d", "claims": [{"start": 0, "end": 10, "confidence": "reported",
                                        "cited_sources": ["Russian Ministry of Defence"]}]}]
    link = {"name": "Минобороны РФ", "canonical": "Ministry of Defence of the Russian "
                                                  "Federation"}
    pred = {"d": [{"start": 0, "end": 10, "confidence": "reported",
                   "cited_sources": ["Минобороны РФ"],
                   "source_chain": [{"name": "Outlet"}, link]}]}
    assert score_claims(gold, pred).cited_source_accuracy == 1.0
    pred["d"][0]["source_chain"] = [{"name": "Outlet"}, {"name": "Минобороны РФ"}]
    assert score_claims(gold, pred).cited_source_accuracy == 0.0


def test_dates_cyrillic_resolve_against_date_object() -> None:
    found = find_dates_cyrillic("в субботу", datetime.date(2024, 10, 17))
    assert found[0].date == datetime.date(2024, 10, 12)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Эвакуированы около 3 тысяч жителей.", [("about", 3000.0, "жителей")]),
        ("Збито понад 100 ударних дронів.", [("more than", 100.0, "ударних дронів")]),
        ("Ранены не менее двух человек.", [("at least", 2.0, "человек")]),
        ("Бої тривали 16 годин біля міста.", []),
        ("Офицер 59-й бригады сообщил о штурме 1 марта 2024 года.", []),
        ("Пострадали 12% домов.", [("exact", 12.0, "домов")]),
    ],
)
def test_quantities_cyrillic(text, expected) -> None:  # type: ignore[no-untyped-def]
    found = find_quantities_cyrillic(text)
    assert [(q.qualifier, q.value, q.counted) for q in found] == expected
    assert all(text[q.start:q.end] == q.text for q in found)


def test_extract_cyrillic_quantities(gazetteer) -> None:  # type: ignore[no-untyped-def]
    claims = analyze("Губернатор Иван Орлов сообщил, что эвакуированы около 3 тысяч жителей.",
                     gazetteer=gazetteer, outlet="Тест", published="2024-10-17").claims
    assert [(q["qualifier"], q["value"]) for q in claims[0].quantities] == [("about", 3000.0)]


@pytest.mark.parametrize(
    "text",
    [
        "«" * 3000 + "Губернатор заявил, что мост цел.",
        "— " * 2000 + "джерела",
        "Kурск: губернатор Иван Орлов заявил, что «мост цел.",
        ", ".join(["губернатор Иван Орлов заявил около 3 тысяч"] * 3000),
    ],
)
def test_cyrillic_bad_input_is_bounded(text: str) -> None:
    import time

    start = time.perf_counter()
    att = find_attribution_cyrillic(text, 0, "ru")
    quantities = find_quantities_cyrillic(text)
    assert time.perf_counter() - start < 5
    for src in att.chain:
        if src.start is not None and src.end is not None:
            assert 0 <= src.start < src.end <= len(text)
    assert all(0 <= q.start < q.end <= len(text) for q in quantities)


@pytest.mark.parametrize(
    ("text", "lang", "n_claims", "source_id"),
    [
        ("Дрони атакували нафтобазу під Бердянськом. Про це повідомив у Телеграмі "
         "Генштаб ЗСУ.", "uk", 1, "ua-general-staff"),
        ("Ночью сбиты двенадцать беспилотников над областью. Об этом сообщило "
         "Минобороны России, добавив, что обломки упали на окраине города Белгород.", "ru", 2,
         "ru-mod"),
    ],
)
def test_extract_cyrillic_speaker_line(text, lang, n_claims, source_id, gazetteer) -> None:  # type: ignore[no-untyped-def]
    """A sentence that only names who said what came before attributes it and is no
    claim of its own; with content of its own it stays a claim."""
    claims = analyze(text, gazetteer=gazetteer, outlet="Тест", published="2024-10-17").claims
    assert len(claims) == n_claims
    assert claims[0].sources[-1].source_id == source_id
    assert claims[0].confidence is Confidence.REPORTED
