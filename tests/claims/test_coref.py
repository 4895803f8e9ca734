"""Who "he" and "she" refer to: people named in a document, by gender and recency."""

from __future__ import annotations

import pytest

from geoclaims.claims.coref import LOOKBACK_CHARS, People, given_name_gender
from geoclaims.claims.extract import extract_claims


@pytest.mark.parametrize(("name", "gender"), [
    ("Maria", "female"), ("John", "male"), ("The", None), ("Monday", None), ("Kursk", None),
])
def test_coref_given_name_gender(name, gender):  # type: ignore[no-untyped-def]
    assert given_name_gender(name) == gender


def test_coref_latest_person_of_the_pronouns_gender():  # type: ignore[no-untyped-def]
    text = ("Maria Lopez met John Carter at the port. Carter left early. "
            "She said the ships were safe. He said nothing.")
    people = People.build(text)
    assert people.latest(text.index("She"), "she") == "Maria Lopez"
    # The surname alone is a later mention of the full name.
    assert people.latest(text.index("She"), "he") == "John Carter"
    assert people.latest(text.index("She"), "they") is None


def test_coref_honorific_gives_gender_and_full_name():  # type: ignore[no-untyped-def]
    text = "Anne Kowalski and Robin Lee spoke. Later Mrs. Kowalski left. She said it."
    assert People.build(text).latest(text.index("She said"), "she") == "Anne Kowalski"


def test_coref_nothing_before_or_too_far_back():  # type: ignore[no-untyped-def]
    assert People.build("She said the ships were safe.").latest(0, "she") is None
    text = "Maria Lopez spoke. " + "The river rose. " * (LOOKBACK_CHARS // 16 + 1) + "She said."
    assert People.build(text).latest(text.index("She said"), "she") is None


def test_coref_extract_resolves_he_to_a_person_not_yet_a_source():  # type: ignore[no-untyped-def]
    text = ("Mayor John Carter visited the flooded district of Orlov on Monday. "
            "Maria Lopez, a resident, showed him her house. "
            "He said the city would pay for the repairs of every damaged home.")
    claims = extract_claims(text, outlet="Test Wire", published=None, resolutions=())
    last = next(c for c in claims if c.statement.startswith("He said"))
    assert last.speakers[-1] in ("Mayor John Carter", "John Carter")
    assert last.cited_sources[-1] == "He"  # the text's words, the entity of the mayor
    assert last.canonical_sources[-1] == "John Carter"
