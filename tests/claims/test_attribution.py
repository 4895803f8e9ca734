"""Attribution rules: sentence splitting, speakers of saying verbs."""

from __future__ import annotations

import pytest

from geoclaims.claims.attribution import split_sentences


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
    ],
)
def test_attribution_split_sentences(text, expected):  # type: ignore[no-untyped-def]
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == expected
    assert all(text[s.start : s.end] == s.text for s in sentences)
