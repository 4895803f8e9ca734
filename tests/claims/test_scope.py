"""Claim scope: which places named in a sentence a claim is about."""

from __future__ import annotations

import pytest

from geoclaims.pipeline import analyze

WASHINGTON, EUROPE, UKRAINE = 4140963, 6255148, 690791
SUDZHA, KURSK_OBLAST = 486816, 538555
VOVCHANSK, LYPTSI, KHARKIV_CITY, VESELE_DONETSK = 689304, 702989, 706483, 689702


@pytest.mark.parametrize(
    ("text", "kept", "left_out"),
    [
        # "approval from <capital>": the capital stands for its government.
        ("Governor Ivan Sirko said drones hit a depot, days after approval from "
         "Washington for the strikes.", set(), {WASHINGTON}),
        # A trailing appositive describes a noun; its places are not the claim's.
        ("Officials said troops hold the Sudzha gas station - a hub for gas transit "
         "to Europe.", {SUDZHA}, {EUROPE}),
        # A front sector named after a town is a scope, dropped when towns are named.
        ("The army said it shelled Vovchansk and Lyptsi in the Kharkiv direction.",
         {VOVCHANSK, LYPTSI}, {KHARKIV_CITY}),
        # A namesake resolved outside the region the text names is not the place meant.
        ("The army said drones hit Vesele and Lyptsi in the Kharkiv region.",
         {LYPTSI}, {VESELE_DONETSK}),
        # A place describing the source ("Ukraine's public broadcaster") is not the claim's.
        ("According to Ukraine's public broadcaster, Suspilne, troops left the Kursk "
         "region.", {KURSK_OBLAST}, {UKRAINE}),
    ],
)
def test_scope_claim_places(text, kept, left_out, gazetteer):  # type: ignore[no-untyped-def]
    claims = analyze(text, gazetteer=gazetteer, outlet="Test Wire").claims
    assert len(claims) == 1
    places = set(claims[0].places)
    assert kept <= places
    assert not left_out & places
