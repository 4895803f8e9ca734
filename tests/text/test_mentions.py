"""Tests of geoclaims.text.mentions: tokens, sentences, spans and context hints."""



from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from geoclaims.text.mentions import (
    Mention,
    Token,
    candidate_spans,
    context_hint,
    tokenize,
)

#: Words and marks that exercise abbreviations, sentence ends, capitals and scripts.
VOCABULARY = [
    *"Kursk Bryansk region oblast the city of Donetsk".split(),
    *"Mrs. Dr. St. U.S. D.C. Ga.".split(),
    *"Lincoln New York Ivano-Frankivsk Donets\u2019k O'Brien Суджа Київ and in".split(),
    *"said . , ! ? \" ( ) \u2014 - 's 7 3.5 km J. R. People's Republic".split(),
    "\n",
    "\n\n",
]


def sentences(text: str) -> list[str]:
    """Tokens of each sentence, joined by single spaces."""
    out: dict[int, list[str]] = {}
    for tok in tokenize(text):
        out.setdefault(tok.sentence, []).append(tok.text)
    return [" ".join(words) for words in out.values()]


def find(tokens: list[Token], name: str) -> tuple[int, int]:
    """Token range ``[i, j)`` of the first occurrence of ``name`` (space-separated)."""
    words = name.split()
    for i in range(len(tokens)):
        if [t.text for t in tokens[i : i + len(words)]] == words:
            return i, i + len(words)
    raise AssertionError(f"{name!r} not among the tokens")


# -- tokenize -----------------------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_mentions_tokenize_offsets_any_text(text: str) -> None:
    tokens = tokenize(text)
    for tok in tokens:
        assert text[tok.start : tok.end] == tok.text
        assert tok.text and not tok.text.isspace()
    # In order, non-overlapping, and together they cover every non-space character.
    assert all(a.end <= b.start for a, b in itertools.pairwise(tokens))
    assert "".join(t.text for t in tokens) == "".join(text.split())
    assert [t.sentence for t in tokens] == sorted(t.sentence for t in tokens)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(VOCABULARY), max_size=40),
    st.sampled_from([" ", "  ", "\t"]),
)
def test_mentions_tokenize_offsets_word_texts(words: list[str], sep: str) -> None:
    text = sep.join(words)
    for tok in tokenize(text):
        assert text[tok.start : tok.end] == tok.text


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("U.S. forces", ["U.S.", "forces"]),
        ("the U.S.", ["the", "U.S."]),
        ("Washington, D.C. on Monday", ["Washington", ",", "D.C.", "on", "Monday"]),
        ("Near St. Louis", ["Near", "St.", "Louis"]),
        ("Mrs. Lincoln", ["Mrs", ".", "Lincoln"]),
        ("Donets’k and Donets'k", ["Donets’k", "and", "Donets'k"]),
        ("Dublin's mayor", ["Dublin", "'", "s", "mayor"]),
        ("Ivano-Frankivsk", ["Ivano", "-", "Frankivsk"]),
        ("7 km from Суджа", ["7", "km", "from", "Суджа"]),
        ("1,200.5 troops", ["1,200.5", "troops"]),
    ],
)
def test_mentions_tokenize_table(text: str, tokens: list[str]) -> None:
    assert [t.text for t in tokenize(text)] == tokens


# -- sentences ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mrs. Lincoln spoke to reporters.", ["Mrs . Lincoln spoke to reporters ."]),
        (
            "Dr. Smith left. Mr. Jones stayed.",
            ["Dr . Smith left .", "Mr . Jones stayed ."],
        ),
        (
            "Gen. Smith and Capt. Nelson met in St. Louis.",
            ["Gen . Smith and Capt . Nelson met in St. Louis ."],
        ),
        ("J. R. Smith arrived.", ["J . R . Smith arrived ."]),
        (
            "U.S. forces left. Then they returned.",
            ["U.S. forces left .", "Then they returned ."],
        ),
        ("He left. She stayed.", ["He left .", "She stayed ."]),
        ("Is it Kyiv? Yes, Kyiv!", ["Is it Kyiv ?", "Yes , Kyiv !"]),
        (
            "Shelling hit Kursk. Bryansk was next.",
            ["Shelling hit Kursk .", "Bryansk was next ."],
        ),
        ("Headline here\n\nBody text.", ["Headline here", "Body text ."]),
        ("First line.\nSecond line.", ["First line .", "Second line ."]),
        ("wrapped\nline continues.", ["wrapped line continues ."]),
        ("e.g. this stays. together", ["e . g . this stays . together"]),
        ('He said: "Stop." Then he left.', ['He said : " Stop . "', "Then he left ."]),
    ],
)
def test_mentions_sentence_splitting(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


# -- candidate spans ------------------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(VOCABULARY), max_size=60), st.integers(1, 8))
def test_mentions_candidate_spans_never_cross_sentences(
    words: list[str], max_tokens: int
) -> None:
    tokens = tokenize(" ".join(words))
    for i, j in candidate_spans(tokens, max_tokens=max_tokens):
        assert 0 <= i < j <= len(tokens)
        assert j - i <= max_tokens
        assert len({t.sentence for t in tokens[i:j]}) == 1
        assert tokens[i].is_cap


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        (
            "They left Kursk. Bryansk was next.",
            ["Kursk", "Bryansk"],
            ["Kursk . Bryansk"],
        ),
        ("Flights to New York and Rio de Janeiro", ["New York", "Rio de Janeiro"], []),
        ("Near Ivano-Frankivsk today", ["Ivano - Frankivsk"], []),
        ("the People's Republic of China", ["People ' s Republic of China"], []),
        ("In Dublin, Ga., a fire", ["Dublin", "Ga ."], ["Dublin , Ga"]),
        ("Kursk\n\nBryansk", ["Kursk", "Bryansk"], ["Kursk Bryansk"]),
    ],
)
def test_mentions_candidate_spans_table(
    text: str, present: list[str], absent: list[str]
) -> None:
    tokens = tokenize(text)
    got = {" ".join(t.text for t in tokens[i:j]) for i, j in candidate_spans(tokens)}
    assert set(present) <= got
    assert not set(absent) & got


def test_mentions_candidate_spans_lowercase_never_starts() -> None:
    tokens = tokenize("shelling continued in the region overnight")
    assert candidate_spans(tokens) == []


# -- context hints --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name", "hint"),
    [
        ("in Kursk and Bryansk administrative regions", "Kursk", "admin"),
        ("in Kursk and Bryansk administrative regions", "Bryansk", "admin"),
        ("in Kursk and Bryansk border regions", "Kursk", "admin"),
        ("the Kursk, Belgorod and Bryansk regions", "Belgorod", "admin"),
        ("the Kherson and Zaporizhzhia provinces", "Kherson", "admin"),
        ("Kursk Oblast", "Kursk", "admin"),
        ("Drones hit the Kursk region", "Kursk", "admin"),
        ("the province of Kherson", "Kherson", "admin"),
        ("the city of Donetsk", "Donetsk", "populated"),
        ("near the city of Donetsk", "Donetsk", "populated"),
        ("the town of Sudzha", "Sudzha", "populated"),
        ("the village of Tetkino", "Tetkino", "populated"),
        ("Kursk city", "Kursk", "populated"),
        ("Troops entered Kursk yesterday", "Kursk", ""),
        ("Kyiv and Kharkiv were shelled", "Kyiv", ""),
        ("the Donetsk People's Republic", "Donetsk", ""),
        ("He lives in Donetsk, Rostov Oblast.", "Donetsk", ""),
        ("Paris is the capital of France.", "France", ""),
    ],
)
def test_mentions_context_hint(text: str, name: str, hint: str) -> None:
    tokens = tokenize(text)
    i, j = find(tokens, name)
    assert context_hint(tokens, i, j) == hint


@pytest.mark.parametrize(("start", "end"), [(-1, 3), (3, 3), (5, 2)])
def test_mentions_mention_rejects_bad_span(start: int, end: int) -> None:
    with pytest.raises(ValueError, match="bad span"):
        Mention(start=start, end=end, text="x")
