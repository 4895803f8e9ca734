"""The language of a document as one short code: 'ru', 'uk', 'en' or 'other'.

A string-valued face of :func:`geoclaims.text.language.detect_language`, for code that
only branches on the language (lexicon choice, morphology): the rule, its word lists
and its reasons stay in :mod:`geoclaims.text.language`.
"""

from __future__ import annotations

from typing import Literal

from geoclaims.text import language

#: The codes :func:`detect_language` returns.
LangCode = Literal["ru", "uk", "en", "other"]


def detect_language(text: str) -> LangCode:
    """Return 'ru', 'uk' or 'en' for a text geoclaims analyses, else 'other'.

    'other' covers unsupported languages (Belarusian, Polish, transliterated Russian)
    and texts too short to tell; :func:`geoclaims.text.language.detect_language`
    says why.

    Examples
    --------
    >>> detect_language("Shelling hit Kursk on Monday, officials said.")
    'en'
    >>> detect_language("Обстрел Курской области продолжился, заявил губернатор.")
    'ru'
    >>> detect_language("Обстріл Курської області тривав, заявив губернатор.")
    'uk'
    >>> detect_language("Абстрэл Курскай вобласці працягваўся, заявіў губернатар.")
    'other'
    """
    code = language.detect_language(text).code
    if code == "ru":
        return "ru"
    if code == "uk":
        return "uk"
    if code == "en":
        return "en"
    return "other"
