"""What a brief shows, computed once from a claims frame: table rows, marks, places."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from geoclaims.maps._mapdraw import Mark, PlaceLabel
from geoclaims.maps._table import TableRow

if TYPE_CHECKING:
    import geopandas
    from shapely.geometry.base import BaseGeometry

    from geoclaims.places.gazetteer import Gazetteer

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def clean_text(value: Any) -> str:
    """One line of plain text: control characters dropped, whitespace collapsed.

    Examples
    --------
    >>> clean_text("Costs  $5\\n and\\tmore\\x07")
    'Costs $5 and more'
    >>> clean_text(None)
    ''
    """
    if value is None:
        return ""
    try:
        import pandas as pd

        if pd.isna(value):
            return ""
    except (TypeError, ValueError):
        pass
    return " ".join(_CONTROL.sub(" ", str(value)).split())


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value] if value else []
    try:
        return list(value)
    except TypeError:
        return []


def _written_beside(names: list[str], written: list[str]) -> list[str]:
    """Each display name with the document's spelling beside it where that differs.

    >>> _written_beside(["Kursk Oblast", "Sudzha"], ["Курской области", "Sudzha"])
    ['Kursk Oblast (Курской области)', 'Sudzha']
    """
    out = []
    for i, name in enumerate(names):
        form = written[i] if i < len(written) else ""
        out.append(f"{name} ({form})" if form and name and form != name else name)
    return out


@dataclass(frozen=True, slots=True)
class Brief:
    """Everything the page shows, computed once from the claims frame."""

    rows: tuple[TableRow, ...]
    marks: tuple[Mark, ...]
    places: tuple[PlaceLabel, ...]
    grades: dict[int, str]
    outlets: tuple[str, ...]
    published: tuple[str, str] | None
    events: tuple[str, str] | None
    n_documents: int


def _format_date(value: Any, precision: Any) -> str:
    import pandas as pd

    if value is None or pd.isna(value):
        return "—"
    stamp = pd.Timestamp(value)
    if precision == "year":
        return f"{stamp.year}"
    if precision == "month":
        return str(stamp.strftime("%Y-%m"))
    text = str(stamp.strftime("%Y-%m-%d"))
    return f"week of {text}" if precision == "week" else text


def _date_range(values: Iterable[Any]) -> tuple[str, str] | None:
    import pandas as pd

    stamps = [pd.Timestamp(v) for v in values if v is not None and not pd.isna(v)]
    if not stamps:
        return None
    return min(stamps).strftime("%Y-%m-%d"), max(stamps).strftime("%Y-%m-%d")


#: Precision class of a claim known only to lie in a region (frames.py).
AREA_CLASS = 3
#: How close (degrees) a claim's point must be to a region's label point to stand
#: for that region.
_LABEL_POINT_TOLERANCE_DEG = 1e-6


def _region_shape(
    geometry: BaseGeometry, geonameids: Any, gazetteer: Gazetteer
) -> BaseGeometry:
    """The admin-1 polygon a region-only claim point stands for, else the point.

    A claim placed "in Kursk region" is stored at the region's label point; on a map
    the region itself says honestly where the claim could be. Countries stay points,
    since their outline would swamp a regional map.
    """
    from shapely.geometry import Point

    if not isinstance(geometry, Point):
        return geometry
    for gid in _as_list(geonameids):
        try:
            place = gazetteer.by_id(int(gid))
        except (TypeError, ValueError):
            continue
        if place is None or place.kind != "admin1" or place.lon is None:
            continue
        near = (
            abs(place.lon - geometry.x) <= _LABEL_POINT_TOLERANCE_DEG
            and abs((place.lat or 0.0) - geometry.y) <= _LABEL_POINT_TOLERANCE_DEG
        )
        polygon = gazetteer.polygon(place.geonameid) if near else None
        if polygon is not None:
            return polygon
    return geometry


def _display_chain(record: Mapping[str, Any]) -> list[Any]:
    """The source chain a brief shows: the publisher, then the canonical names.

    A record of an older file without ``canonical_sources`` (or one whose list does
    not match its ``cited_sources``) shows the chain as the text names it.
    """
    chain = _as_list(record.get("source_chain"))
    canonical = _as_list(record.get("canonical_sources"))
    if chain and canonical and len(canonical) == len(chain) - 1:
        return [chain[0], *canonical]
    return chain


def collect_brief(gdf: geopandas.GeoDataFrame, gazetteer: Gazetteer | None) -> Brief:
    """Table rows (one per claim), map marks (one per geometry) and place labels."""
    numbers: dict[Any, int] = {}
    rows: list[TableRow] = []
    marks: list[Mark] = []
    grades: dict[int, str] = {}
    place_weight: Counter[int] = Counter()
    mapped: set[int] = set()
    has = set(gdf.columns)
    records = gdf.to_dict("records")
    for position, record in enumerate(records):
        key = (
            (record.get("doc_id"), record.get("claim_id"))
            if "claim_id" in has and record.get("claim_id") is not None
            else ("row", position)
        )
        grade = clean_text(record.get("confidence")).lower() or "unknown"
        geometry = record.get("geometry")
        has_geometry = geometry is not None and not geometry.is_empty
        if key not in numbers:
            number = numbers[key] = len(numbers) + 1
            grades[number] = grade
            chain = " → ".join(clean_text(s) for s in _display_chain(record))
            names = _written_beside(
                [clean_text(n) for n in _as_list(record.get("place_names"))],
                [clean_text(n) for n in _as_list(record.get("place_mentions"))],
            )
            rows.append(
                TableRow(
                    number=number,
                    statement=clean_text(record.get("statement")),
                    chain=chain or "—",
                    grade=grade,
                    date=_format_date(
                        record.get("event_date"), record.get("date_precision")
                    ),
                    places=", ".join(dict.fromkeys(n for n in names if n)) or "—",
                )
            )
            for gid in _as_list(record.get("geonameids")):
                try:
                    place_weight[int(gid)] += 1
                except (TypeError, ValueError):
                    continue
        number = numbers[key]
        if has_geometry:
            mapped.add(number)
            precision = record.get("precision_class")
            try:
                precision = int(precision)
            except (TypeError, ValueError):
                precision = 2
            if precision >= AREA_CLASS and gazetteer is not None:
                geometry = _region_shape(geometry, record.get("geonameids"), gazetteer)
            marks.append(Mark(number, grade, precision, geometry))
    rows = [
        row
        if row.number in mapped
        else replace(
            row, places=(row.places + " " if row.places != "—" else "") + "(not mapped)"
        )
        for row in rows
    ]
    places: dict[str, PlaceLabel] = {}
    if gazetteer is not None:
        for gid, weight in sorted(place_weight.items()):
            place = gazetteer.by_id(gid)
            if place is None or place.lon is None or place.lat is None:
                continue
            name = clean_text(place.display_name)
            if name and name.casefold() not in places:
                places[name.casefold()] = PlaceLabel(
                    name, place.kind, place.lon, place.lat, weight
                )
    outlets = (
        Counter(clean_text(v) for v in gdf["outlet"]) if "outlet" in has else Counter()
    )
    outlets.pop("", None)
    return Brief(
        rows=tuple(rows),
        marks=tuple(marks),
        places=tuple(places.values()),
        grades=grades,
        outlets=tuple(
            name for name, _ in sorted(outlets.items(), key=lambda kv: (-kv[1], kv[0]))
        ),
        published=_date_range(gdf["published"]) if "published" in has else None,
        events=_date_range(gdf["event_date"]) if "event_date" in has else None,
        n_documents=int(gdf["doc_id"].nunique()) if "doc_id" in has else 0,
    )
