"""Tests of geoclaims.places.resolve: choosing the gazetteer entry of each mention."""

from __future__ import annotations

import pytest

from geoclaims.places.gazetteer import Gazetteer
from geoclaims.places.geoparse import geoparse

BURN_BAN = (
    "The burn ban issued for Walker County was lifted Monday after a meeting of the "
    "Huntsville fire chief and the Walker County judge. Residents of Huntsville may "
    "burn again."
)


def readings(text: str, gazetteer: Gazetteer) -> dict[str, set[int]]:
    """Mention text -> the geonameids its mentions resolved to."""
    out: dict[str, set[int]] = {}
    for res in geoparse(text, gazetteer=gazetteer):
        out.setdefault(res.mention.text, set()).add(
            res.place.geonameid if res.place else 0
        )
    return out


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Each name alone leans to Alabama's namesake; the re-ranking rounds used to
        # swap them for ever and stop on a mismatched pair.
        (BURN_BAN, {"Walker County": {4739690}, "Huntsville": {4699540}}),
    ],
)
def test_resolve_breaks_a_cycle_of_swapping_names(
    gazetteer: Gazetteer, text: str, expected: dict[str, set[int]]
) -> None:
    got = readings(text, gazetteer)
    for name, ids in expected.items():
        assert got[name] == ids, name
