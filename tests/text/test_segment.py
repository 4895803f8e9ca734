"""The one segmentation: sentences, statements, quotations, tokens, language."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from geoclaims.text.segment import segment


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A bulleted line is a statement of its own; the bullet is not part of it.
        ("Context:\n- Troops left the port in May.\n- The mayor said the port is shut.",
         ["Context:", "Troops left the port in May.", "The mayor said the port is shut."]),
        # A short capitalised word glued to a period continues a name, not a sentence.
        ("Convoys moved north, Daily.Az reports.", ["Convoys moved north, Daily.Az reports."]),
        # A common short word glued to a period does start a sentence.
        ("Troops moved north.He said so.", ["Troops moved north.", "He said so."]),
        ("Troops left the Kursk region.According to Reuters, they regrouped.",
         ["Troops left the Kursk region.", "According to Reuters, they regrouped."]),
        # Abbreviations and initials do not end a sentence.
        ("Calls to spokesperson Maj. Gen. Zaw Min Tun went unanswered. Rain fell.",
         ["Calls to spokesperson Maj. Gen. Zaw Min Tun went unanswered.", "Rain fell."]),
        ("Troops reached Columbia, S.C. on Oct. 5. Nobody was hurt.",
         ["Troops reached Columbia, S.C. on Oct. 5.", "Nobody was hurt."]),
        # A headline, a dateline and a sentence opened by a quote.
        ("Russia strikes Kharkiv\nKYIV (Reuters) - Drones hit the city. \"We hid,\" she said.",
         ["Russia strikes Kharkiv", "KYIV (Reuters) - Drones hit the city.",
          "\"We hid,\" she said."]),
        # Cyrillic capitals open sentences too.
        ("Обстрел продолжился. Губернатор заявил об ущербе.",
         ["Обстрел продолжился.", "Губернатор заявил об ущербе."]),
    ],
)
def test_segment_sentence_rule(text, expected):  # type: ignore[no-untyped-def]
    seg = segment(text)
    assert [s.text for s in seg.sentences] == expected
    assert all(text[s.start:s.end] == s.text for s in seg.sentences)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("“We held the line. We will hold it,” the commander said. Rain fell.",
         ["“We held the line. We will hold it,” the commander said.", "Rain fell."]),
        ("He said it. \"One. Two,\" she said. Then rain.",
         ["He said it.", "\"One. Two,\" she said.", "Then rain."]),
        # An unclosed quotation ends with its paragraph, not with the document.
        ("\"Troops moved north. They stopped.\nThe mayor spoke. Rain fell.",
         ["\"Troops moved north. They stopped.", "The mayor spoke.", "Rain fell."]),
        ("«Мы держим оборону. Мы удержим её», — сказал командир. Шёл дождь.",
         ["«Мы держим оборону. Мы удержим её», — сказал командир.", "Шёл дождь."]),
    ],
)
def test_segment_statements_join_quotations(text, expected):  # type: ignore[no-untyped-def]
    statements = segment(text).statements()
    assert [s.text for s in statements] == expected
    assert all(text[s.start:s.end] == s.text for s in statements)


def test_segment_tokens_carry_their_sentence():  # type: ignore[no-untyped-def]
    seg = segment("Drones hit Sudzha. \"Shelling hit Kursk,\" he said.")
    numbers = {t.text: t.sentence for t in seg.tokens}
    assert numbers["Sudzha"] == 0 and numbers["Shelling"] == 1
    assert seg.sentence_index(seg.text.index("Kursk")) == 1
    assert list(seg.paragraphs) == [(0, len(seg.text))]


def test_segment_paragraphs_and_language():  # type: ignore[no-untyped-def]
    seg = segment("Drones hit Sudzha.\nShelling hit Kursk, the governor said.\n\nRain fell.")
    assert [s.paragraph for s in seg.sentences] == [0, 1, 2]
    assert len(seg.paragraphs) == 3
    assert seg.language.code == "en"
    assert segment("Обстріл Курської області тривав, заявив губернатор.").language.code == "uk"


class _Sliced(str):
    """A str that counts the characters sliced out of it."""

    copied = 0

    def __getitem__(self, key):  # type: ignore[no-untyped-def]
        got = str.__getitem__(self, key)
        _Sliced.copied += len(got)
        return got


#: Characters the segmentation may copy per character of the text.
COPIES_PER_CHAR = 6


@pytest.mark.parametrize(
    "text",
    [
        # A stray quote mark: the quotation stays open to the end of its paragraph.
        '"' + "Troops moved north, officials said. " * 2000,
        "Troops moved north.He said so." * 2000,
        "\n".join(["- Shelling hit Kursk."] * 2000),
    ],
    ids=["stray-quote", "glued", "bullets"],
)
def test_segment_copies_linearly(text):  # type: ignore[no-untyped-def]
    _Sliced.copied = 0
    seg = segment(_Sliced(text))
    assert seg.statements()
    assert _Sliced.copied <= COPIES_PER_CHAR * len(text)


def test_segment_single_quotes_join_but_apostrophes_do_not():  # type: ignore[no-untyped-def]
    text = ("‘The dam is safe. The river is falling,’ said the mayor. "
            "Russia’s army and the Russians’ tanks left. She said ‘no.’")
    seg = segment(text)
    assert [s.text for s in seg.statements()] == [
        "‘The dam is safe. The river is falling,’ said the mayor.",
        "Russia’s army and the Russians’ tanks left.",
        "She said ‘no.’",
    ]
    assert [text[a:b] for a, b in seg.quotes] == ["‘The dam is safe. The river is falling,’",
                                                  "‘no.’"]


@given(st.text(alphabet=st.sampled_from(list("ab A.B\n\"“”«»‘’- КЯ.?!")), max_size=200))
def test_segment_spans_are_consistent(text):  # type: ignore[no-untyped-def]
    seg = segment(text)
    ends = 0
    for s in seg.sentences:
        assert text[s.start:s.end] == s.text and s.text.strip() == s.text
        assert s.start >= ends
        ends = s.end
    for statement in seg.statements():
        assert text[statement.start:statement.end] == statement.text
    assert all(t.sentence < max(1, len(seg.sentences)) for t in seg.tokens)
