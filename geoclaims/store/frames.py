"""Reports → GeoDataFrames: one row per (claim, footprint), or per resolved mention."""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, Literal

from geoclaims.claims.model import Confidence
from geoclaims.errors import ConfigurationError

if TYPE_CHECKING:
    import geopandas
    from shapely.geometry.base import BaseGeometry

    from geoclaims.claims.model import Claim
    from geoclaims.pipeline import Report
    from geoclaims.places.gazetteer import Place

#: CRS of every frame built here (shapely geometries are ``(lon, lat)`` degrees).
CRS = "EPSG:4326"

#: Order of the ``confidence`` categorical, best first (``Confidence.rank``).
CONFIDENCE_ORDER: tuple[str, ...] = tuple(c.value for c in Confidence)

#: Precision class of a claim row placed at a populated place's point (ACLED-like:
#: the event is at or near the settlement).
POINT_PRECISION_CLASS = 1
#: Precision class of a claim row placed at an admin region's or country's label
#: point: the point only says "somewhere in this area".
AREA_POINT_PRECISION_CLASS = 3
#: How many ``responds_to`` links a claim without places follows to find its location.
ANSWER_HOPS = 3
#: ``footprint_relation`` of a row placed at a linked place's point (no footprint).
PLACE_RELATION = "place"

#: Stable schema of ``to_geodataframe(kind="claims")``: column -> (dtype, description).
#: Columns appear in this order; ``geometry`` is the active geometry column.
CLAIM_COLUMNS: dict[str, tuple[str, str]] = {
    "claim_id": ("object", "Claim id (str), unique within a document"),
    "doc_id": ("object", "Report.doc_id (str)"),
    "outlet": ("object", "Publishing outlet (str or None)"),
    "published": (
        "datetime64[ns]",
        "Publication date of the report (NaT when unknown)",
    ),
    "statement": ("object", "The claim's sentence (str)"),
    "source_chain": (
        "object",
        "list of str: source names, outermost (publisher) first",
    ),
    "reporting_source": (
        "object",
        "Outlet or speaker carrying the claim (str or None)",
    ),
    "cited_sources": ("object", "list of str: the chain after the publishing outlet"),
    "source_affiliations": (
        "object",
        "list of str: organisations the reporting and cited sources speak for "
        "('Kremlin' of 'Kremlin spokesperson Dmitry Peskov'), each once, in chain order",
    ),
    "source_ids": (
        "object",
        "list of str: stable ids of the cited_sources' canonical entities, one per name "
        "('ua-hur' from the alias table, else the slug of the normalised name)",
    ),
    "canonical_sources": (
        "object",
        "list of str: canonical names of the cited_sources, one per name "
        "('Defence Intelligence of Ukraine (HUR)' of 'Ukraine's military intelligence')",
    ),
    "source_kinds": (
        "object",
        "list of str: kinds of the cited_sources' entities, one per name (person, "
        "government body, military, intelligence service, media outlet, NGO/IO, armed "
        "group, social media/blogger, residents/witnesses, anonymous, other)",
    ),
    "source_organisations": (
        "object",
        "list of str: canonical organisations the cited people speak for, each once",
    ),
    "anonymous_source": ("bool", "True when the innermost source is anonymous"),
    "confidence": (
        "category",
        "Ordered Categorical confirmed < reported < unverified < disputed < denied "
        "(smaller is better established)",
    ),
    "likelihood": ("object", "Estimative word ('likely', 'may') or None"),
    "cues": ("object", "list of str: words that justify the grade and attribution"),
    "event_date": ("datetime64[ns]", "Event date (NaT when unknown)"),
    "date_precision": ("object", "day, week, month, year, or None"),
    "quantities": ("object", "list of dict: quantities stated in the claim"),
    "place_names": ("object", "list of str: display names of the claim's linked places "
                    "(Place.display_name: 'Kursk Oblast', 'Kupiansk')"),
    "place_mentions": ("object", "list of str: each of place_names as the document "
                       "writes it, in the claim where it can ('Курской области' beside "
                       "'Kursk Oblast')"),
    "geonameids": ("object", "list of int: gazetteer ids of the claim's linked places "
                   "(GeoNames ids; negative for a named region such as Donbas)"),
    "precision_class": (
        "int64",
        "1 populated-place point, 3 admin/country point, else the footprint's class",
    ),
    "location_precision": (
        "Int64",
        "Location precision code of the row's footprint or place, UCDP GED convention: "
        "1 exact location, 2 within about 25 km of a known point, 3 second-order admin "
        "unit, 4 first-order admin unit, 5 larger named region or a line (border, "
        "front), 6 country, 7 international waters or airspace; <NA> when the row has "
        "no location. A claim's code is the least of its rows'",
    ),
    "footprint_relation": ("object", f"Footprint relation, or {PLACE_RELATION!r}"),
    "uncertainty_km": ("float64", "Footprint uncertainty (km); NaN for place points"),
    "url": ("object", "Report.meta['url'] or None"),
    "lang": ("object", "Language of the document the claim is from: en, ru, uk, or und"),
    "geometry": (
        "geometry",
        "Footprint polygon, place point, or None (EPSG:4326); a claim with no place "
        "of its own that answers another claim (a denial, a doubt) takes the places "
        "and footprints of the claim it answers",
    ),
}

#: Columns of :data:`CLAIM_COLUMNS` that files written before them lack. The readers
#: accept such files (a store reads None there), and every reader of
#: :mod:`geoclaims.inputs` fills the values in (:func:`~geoclaims.inputs.add_source_affiliations`,
#: which also adds the canonical-source columns).
LATER_CLAIM_COLUMNS: tuple[str, ...] = (
    "source_affiliations", "source_ids", "canonical_sources", "source_kinds",
    "source_organisations", "location_precision", "lang", "place_mentions",
)

#: Stable schema of ``to_geodataframe(kind="places")``: column -> (dtype, description).
PLACE_COLUMNS: dict[str, tuple[str, str]] = {
    "doc_id": ("object", "Report.doc_id (str)"),
    "start": ("int64", "Start offset of the mention (str index)"),
    "end": ("int64", "End offset of the mention (exclusive)"),
    "mention": ("object", "Surface text of the mention"),
    "geonameid": ("int64", "gazetteer id of the resolved place (its GeoNames id; "
                  "negative for a named region)"),
    "name": ("object", "Display name of the place, the English name readers use "
             "(Place.display_name: 'Kursk Oblast'); the text's own spelling is "
             "'mention'"),
    "geonames_name": ("object", "GeoNames' preferred name of the place (Place.name: "
                      "\"Kurskaya oblast'\")"),
    "kind": ("object", "Gazetteer kind (country, admin1, populated_place ...)"),
    "location_precision": ("Int64", "Location precision code of the place by itself "
                           "(UCDP GED convention, as in the claims frame)"),
    "country_code": ("object", "ISO 3166-1 alpha-2"),
    "score": ("float64", "Resolution confidence in [0, 1]"),
    "geometry": ("geometry", "Point of the place (EPSG:4326)"),
}

Kind = Literal["claims", "places"]


def to_geodataframe(
    reports: Report | Iterable[Report], kind: Kind = "claims"
) -> geopandas.GeoDataFrame:
    """Build a GeoDataFrame (EPSG:4326) from one or several reports.

    Parameters
    ----------
    reports : Report or iterable of Report
        Outputs of :func:`geoclaims.pipeline.analyze`.
    kind : {"claims", "places"}, default "claims"
        ``"claims"``: one row per (claim, footprint); a claim without footprint
        gets one row per linked place at the place's point, or one row with a
        None geometry when it has no resolvable place (schema
        :data:`CLAIM_COLUMNS`). ``"places"``: one row per resolved mention
        (schema :data:`PLACE_COLUMNS`).

    Returns
    -------
    geopandas.GeoDataFrame
        With the ``claims`` accessor registered (:mod:`geoclaims.store.accessor`).

    Raises
    ------
    ConfigurationError
        If ``kind`` is not one of the two values.

    Examples
    --------
    >>> from geoclaims.pipeline import analyze                  # doctest: +SKIP
    >>> gdf = to_geodataframe(analyze("Drones hit Sudzha."))    # doctest: +SKIP
    >>> list(gdf.columns) == list(CLAIM_COLUMNS)                # doctest: +SKIP
    True
    """
    from geoclaims.pipeline import Report
    from geoclaims.store.accessor import register_accessor

    if kind not in ("claims", "places"):
        raise ConfigurationError(f"kind must be 'claims' or 'places', got {kind!r}")
    items = [reports] if isinstance(reports, Report) else list(reports)
    register_accessor()
    if kind == "claims":
        rows = [row for report in items for row in _claim_rows(report)]
        return _frame(rows, CLAIM_COLUMNS)
    rows = [row for report in items for row in _place_rows(report)]
    return _frame(rows, PLACE_COLUMNS)


def _places_of(report: Report) -> dict[int, Place]:
    """Resolved places of a report by geonameid."""
    return {
        res.place.geonameid: res.place
        for res in report.resolutions
        if res.place is not None
    }


def _place_point(place: Place) -> BaseGeometry | None:
    from shapely.geometry import Point

    if place.lon is None or place.lat is None:
        return None
    return Point(place.lon, place.lat)


def _located_claim(claim: Claim, by_id: Mapping[str, Claim], places: Mapping[int, Place]
                   ) -> Claim:
    """The claim whose footprints and places locate ``claim``.

    A stance with no place of its own ("the Kremlin dismissed the reports") is about
    the place of the claim it answers (``responds_to``), followed for a few hops.
    """
    current = claim
    for _ in range(ANSWER_HOPS):
        if current.footprints or any(g in places for g in current.places):
            return current
        answered = by_id.get(current.responds_to or "")
        if answered is None:
            break
        current = answered
    return current if (current.footprints or current.places) else claim


class _Written:
    """The text of a report's mentions of each place, for :data:`CLAIM_COLUMNS`'s
    ``place_mentions``: the first mention inside a claim, else the report's first.

    Built once per report; a lookup bisects the place's mention offsets, so the rows
    of a report take time linear (times a log) in its mentions and claims.
    """

    def __init__(self, report: Report) -> None:
        self._starts: dict[int, list[int]] = {}
        self._texts: dict[int, list[str]] = {}
        for res in sorted(report.resolutions, key=lambda r: r.mention.start):
            if res.place is None:
                continue
            gid = res.place.geonameid
            self._starts.setdefault(gid, []).append(res.mention.start)
            self._texts.setdefault(gid, []).append(res.mention.text)

    def __call__(self, claim: Claim, gid: int) -> str | None:
        starts = self._starts.get(gid)
        if not starts:
            return None
        i = bisect.bisect_left(starts, claim.start)
        if i < len(starts) and starts[i] < claim.end:
            return self._texts[gid][i]
        return self._texts[gid][0]


def _linked(
    claim: Claim, places: Mapping[int, Place], written: _Written
) -> dict[str, list[Any]]:
    """The place columns of a claim: display names, written forms and ids."""
    linked = [g for g in claim.places if g in places]
    return {
        "place_names": [places[g].display_name for g in linked],
        "place_mentions": [written(claim, g) or places[g].display_name for g in linked],
        "geonameids": [int(g) for g in claim.places],
    }


def _claim_rows(report: Report) -> Iterable[dict[str, Any]]:
    from geoclaims.geometry.precision import place_precision

    places = _places_of(report)
    written = _Written(report)
    by_id = {c.claim_id: c for c in report.claims}
    for own in report.claims:
        base = _claim_base(report, own)
        claim = _located_claim(own, by_id, places)
        base.update(_linked(claim, places, written))
        if claim.footprints:
            for index in claim.footprints:
                fp = report.footprints[index]
                yield {
                    **base,
                    "precision_class": int(fp.precision_class),
                    "location_precision": int(fp.location_precision),
                    "footprint_relation": fp.relation,
                    "uncertainty_km": float(fp.uncertainty_km),
                    "geometry": fp.geometry,
                }
            continue
        linked = [places[g] for g in claim.places if g in places]
        points = [(p, _place_point(p)) for p in linked]
        points = [(p, pt) for p, pt in points if pt is not None]
        if not points:
            yield {
                **base,
                "precision_class": AREA_POINT_PRECISION_CLASS,
                "location_precision": None,
                "footprint_relation": PLACE_RELATION,
                "uncertainty_km": float("nan"),
                "geometry": None,
            }
        for place, point in points:
            yield {
                **base,
                "precision_class": (
                    POINT_PRECISION_CLASS
                    if place.kind == "populated_place"
                    else AREA_POINT_PRECISION_CLASS
                ),
                "location_precision": place_precision(place),
                "footprint_relation": PLACE_RELATION,
                "uncertainty_km": float("nan"),
                "geometry": point,
            }


def _claim_base(report: Report, claim: Claim) -> dict[str, Any]:
    meta = report.meta or {}
    return {
        "claim_id": claim.claim_id,
        "doc_id": report.doc_id,
        "outlet": report.outlet,
        "published": report.published,
        "statement": claim.statement,
        "source_chain": [s.name for s in claim.sources],
        "reporting_source": claim.reporting_source,
        "cited_sources": list(claim.cited_sources),
        "source_affiliations": list(claim.source_affiliations),
        "source_ids": list(claim.source_ids),
        "canonical_sources": list(claim.canonical_sources),
        "source_kinds": list(claim.source_kinds),
        "source_organisations": list(claim.source_organisations),
        "anonymous_source": bool(claim.anonymous_source),
        "confidence": Confidence(claim.confidence).value,
        "likelihood": claim.likelihood,
        "cues": list(claim.cues),
        "event_date": claim.event_date,
        "date_precision": claim.date_precision,
        "quantities": [dict(q) for q in claim.quantities],
        "url": meta.get("url"),
        "lang": claim.lang,
    }


def _place_rows(report: Report) -> Iterable[dict[str, Any]]:
    from geoclaims.geometry.precision import place_precision

    for res in report.resolutions:
        place = res.place
        if place is None:
            continue
        yield {
            "doc_id": report.doc_id,
            "start": int(res.mention.start),
            "end": int(res.mention.end),
            "mention": res.mention.text,
            "geonameid": int(place.geonameid),
            "name": place.display_name,
            "geonames_name": place.name,
            "kind": place.kind,
            "location_precision": place_precision(place),
            "country_code": place.country_code,
            "score": float(res.score),
            "geometry": _place_point(place),
        }


def _frame(
    rows: list[dict[str, Any]], schema: Mapping[str, tuple[str, str]]
) -> geopandas.GeoDataFrame:
    """Rows → GeoDataFrame with exactly the columns and dtypes of ``schema``."""
    import geopandas
    import pandas as pd

    data: dict[str, Any] = {}
    for column, (dtype, _) in schema.items():
        if column == "geometry":
            continue
        values = [row[column] for row in rows]
        if dtype == "datetime64[ns]":
            data[column] = pd.to_datetime(
                pd.Series(values, dtype="object"), errors="coerce"
            ).astype("datetime64[ns]")
        elif dtype == "category":
            data[column] = pd.Categorical(
                values, categories=list(CONFIDENCE_ORDER), ordered=True
            )
        else:
            data[column] = pd.Series(values, dtype=dtype)
    geometry = geopandas.GeoSeries([row["geometry"] for row in rows], crs=CRS)
    return geopandas.GeoDataFrame(data, geometry=geometry, crs=CRS)
