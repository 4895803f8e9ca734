"""The dependency parses the claim layer reads (spaCy's small English pipeline)."""

from __future__ import annotations

from geoclaims.text.parse import MAX_CHARS, is_available, parse_sentences


def test_parse_offsets_and_tree():  # type: ignore[no-untyped-def]
    text = "The mayor said the dam held."
    p = parse_sentences([text])[0]
    assert all(text[w.start:w.end] == w.text for w in p.words)
    said = p.find("said")
    assert p.words[said].dep == "ROOT" and p.words[said].head == said
    assert p.text_of(p.child(said, "nsubj")) == "The mayor"
    assert p.text_of(p.child(said, "ccomp")) == "the dam held"
    assert p.find("absent") == -1 and p.child(said, "agent") == -1 and p.text_of(-1) == ""
    assert is_available()


def test_parse_many_texts_keep_their_order_and_long_ones_are_skipped():  # type: ignore[no-untyped-def]
    long_text = "word " * (MAX_CHARS // 5 + 1)
    parses = parse_sentences(["Rain fell.", long_text, "", "Boats left the port."])
    assert [p.text for p in parses] == ["Rain fell.", long_text, "", "Boats left the port."]
    assert parses[1].words == () and parses[2].words == ()
    assert parses[3].words[0].text == "Boats"
