"""Language detection: the rule of geoclaims.text.language, case by case."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from geoclaims.text.language import SUPPORTED, detect_language


@pytest.mark.parametrize(
    ("text", "code", "supported"),
    [
        ("Shelling hit Kursk on Monday, officials said.", "en", True),
        ("drones hit kursk region overnight, russia's defence ministry said", "en", True),
        ("RT @news: Pure fire in Kharkiv tonight http://t.co/x", "en", True),
        ("Shelling hit Gdańsk and São Paulo on Monday, officials said.", "en", True),
        ("Минобороны РФ рассказало о новых попытках прорыва ВСУ в Курской области.", "ru",
         True),
        ("Kурск: в Курской области заявили об обстреле", "ru", True),  # Latin K inside
        ("Ворог обстріляв Вовчанськ, загинув чоловік, повідомили у ОВА.", "uk", True),
        ("У Харкові пролунали вибухи, заявил мэр, — повідомив Терехов у Telegram.", "uk",
         True),  # a Russian word inside Ukrainian text
        ("Беларускі тэкст: у Мінску сёння ішоў снег, паведаміў мэр.", "und", False),
        ("Српски текст: у Београду је данас падао снег, рекао је градоначелник.", "und",
         False),
        ("Ostrzał obwodu kurskiego trwał, powiedział gubernator w poniedziałek.", "und",
         False),
        ("v Kurskoy oblasti prodolzhayutsya boi, zayavil gubernator", "und", False),
        ("Le bombardement a touché la ville de Koursk, selon les autorités.", "und", False),
        ("القصف استمر في المنطقة الحدودية حسب المسؤولين", "und", False),
        ("Kursk.", "und", False),
        ("", "und", False),
    ],
)
def test_language_rule(text: str, code: str, supported: bool) -> None:
    found = detect_language(text)
    assert (found.code, found.supported) == (code, supported), found.reason
    assert found.reason
    assert found.supported == (found.code in SUPPORTED)


@given(st.text(max_size=300))
def test_language_never_raises(text: str) -> None:
    found = detect_language(text)
    assert found.code in (*SUPPORTED, "und")


@pytest.mark.parametrize(
    "text",
    [
        "Абстрэл Курскай вобласці працягваўся, заявіў губернатар. Войскі ўвайшлі ў Мінск.",
        "Ostrzał obwodu kurskiego trwał, powiedział gubernator Kurska w poniedziałek.",
    ],
    ids=["belarusian", "polish"],
)
def test_unsupported_language_gets_a_note(text: str, gazetteer) -> None:  # type: ignore[no-untyped-def]
    from geoclaims.pipeline import analyze

    report = analyze(text, gazetteer=gazetteer)
    assert report.lang == "und"
    note = report.meta["language_note"]
    assert note.startswith("unsupported language: ")
    if "ў" in text:
        # No reading of Belarusian: no place and no claim rather than a 'confirmed' one.
        assert note.endswith("no places or claims were read")
        assert report.claims == () and report.resolutions == ()
    else:
        # Latin script is read with the English rules (the rule calls English tweets
        # unsupported too), and the note says so; no place outside the story's region.
        assert note.endswith("read with the English rules")
        assert all(r.place is None or r.place.country_code in {"RU", "PL"}
                   for r in report.resolutions)


def test_short_or_supported_text_has_no_language_note(gazetteer) -> None:  # type: ignore[no-untyped-def]
    from geoclaims.pipeline import analyze

    short = analyze("Kursk shelled.", gazetteer=gazetteer)
    assert short.lang == "und" and "language_note" not in short.meta
    assert [r.place.display_name for r in short.resolutions if r.place] == ["Kursk"]
    for text in ("Officials said drones struck Sudzha on Monday.",
                 "Губернатор заявил, что беспилотники атаковали Суджу."):
        report = analyze(text, gazetteer=gazetteer)
        assert "language_note" not in report.meta
        # An attributed claim, graded by the language's words of saying.
        assert [bool(c.cues) and c.confidence.value != "confirmed"
                for c in report.claims] == [True]
