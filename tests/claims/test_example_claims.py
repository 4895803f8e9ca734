"""The "Claims, sources and confidence" table of the shared example holds."""

from __future__ import annotations

import pytest

from geoclaims.pipeline import analyze


@pytest.fixture(scope="module")
def claims(example_article, gazetteer):  # type: ignore[no-untyped-def]
    report = analyze(
        str(example_article["text"]), outlet=str(example_article["outlet"]),
        published=str(example_article["published"]), gazetteer=gazetteer,
    )
    return report.claims


def _claim_with(claims, keyword):  # type: ignore[no-untyped-def]
    found = [c for c in claims if keyword in c.statement]
    assert found, f"no claim mentions {keyword!r}"
    return found[0]


@pytest.mark.parametrize(
    ("keyword", "source", "grades", "likelihood", "date"),
    [
        # "Suspilne reported on Tuesday that ... had deserted": Tuesday dates the report.
        ("deserted", "Suspilne", {"unverified"}, None, None),
        ("10,000", "diplomat", {"unverified"}, None, None),
        ("could not confirm", "Kirby", {"disputed"}, None, "2024-10-15"),
        ("1,000", "Kirby", {"reported"}, None, None),
        ("Oct. 3", "reports", {"unverified"}, None, "2024-10-03"),
        ("likely", "Kim Yong-Hyun", {"reported"}, "likely", None),
        ("involve", "Zelensky", {"reported"}, None, "2024-10-14"),
        ("fake news", "Peskov", {"denied"}, None, "2024-10-10"),
    ],
)
def test_example_claims_table(claims, keyword, source, grades, likelihood, date):  # type: ignore[no-untyped-def]
    claim = _claim_with(claims, keyword)
    assert claim.sources[0].name == "Radio Free Asia"
    assert any(source in s.name for s in claim.sources[1:]), [s.name for s in claim.sources]
    assert claim.confidence.value in grades
    assert claim.cues, "the grade must come with the cue words behind it"
    if likelihood is not None:
        assert claim.likelihood == likelihood
    if date is not None:
        assert claim.event_date == date


def test_example_claims_disclaimer_lowers_kyiv_post(claims):  # type: ignore[no-untyped-def]
    kyiv_post = [c for c in claims if any("Kyiv Post" in s.name for s in c.sources)]
    assert kyiv_post
    assert all(c.confidence.value == "unverified" for c in kyiv_post)


def test_example_claims_denial_answers_a_claim(claims):  # type: ignore[no-untyped-def]
    denial = _claim_with(claims, "fake news")
    assert denial.responds_to is not None
    assert denial.responds_to in {c.claim_id for c in claims}


def test_example_claims_desertion_has_the_band(claims):  # type: ignore[no-untyped-def]
    claim = _claim_with(claims, "7 kilometers")
    assert claim.footprints, "the 7 km band belongs to the desertion claim"
