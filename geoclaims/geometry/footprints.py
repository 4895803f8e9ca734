"""Footprints: the area a spatial expression allows, sized to state its uncertainty.

Each relation is built by a named, versioned rule (``"near.v2"``, ``"from_border.v1"``
...) of :data:`geoclaims.geometry.rules.RULES`, which pins the parameters it uses; a
footprint records its rule key and the values the rule computed, so that old output
stays explainable.

Every footprint gets its location precision code (UCDP GED convention) here, from
its relation, its anchors' kinds and its size (:mod:`~geoclaims.geometry.precision`),
whatever rule built it.

Modules: :mod:`~geoclaims.geometry.record` (the :class:`Footprint` record),
:mod:`~geoclaims.geometry.context` (a document's places, indexed),
:mod:`~geoclaims.geometry.rules` (the rule registry) and
:mod:`~geoclaims.geometry.borders` (border bands).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import TYPE_CHECKING

from geoclaims.errors import GeometryError
from geoclaims.geometry.borders import border_zone
from geoclaims.geometry.containers import container_footprint
from geoclaims.geometry.context import DocumentPlaces
from geoclaims.geometry.precision import footprint_precision
from geoclaims.geometry.record import Footprint, precision_class
from geoclaims.geometry.rules import (
    RULES,
    FootprintRule,
    MissingAnchor,
    distance_interval_m,
    near_radius_km,
    rule_for,
)

if TYPE_CHECKING:
    from geoclaims.places.gazetteer import Gazetteer, Place
    from geoclaims.places.resolve import Resolution
    from geoclaims.text.segment import Segmentation
    from geoclaims.text.spatial import SpatialExpression

__all__ = [
    "RULES",
    "DocumentPlaces",
    "Footprint",
    "FootprintRule",
    "border_zone",
    "build_footprint",
    "build_footprints",
    "distance_interval_m",
    "footprint_anchor_places",
    "near_radius_km",
    "precision_class",
    "with_location_precision",
]


def build_footprint(expr: SpatialExpression, doc: DocumentPlaces) -> Footprint:
    """Build the footprint of one expression with the rule of its relation.

    When the anchor is a place the gazetteer lacks (or has no polygon of), the
    footprint is the area of the container the text gives it
    (:mod:`geoclaims.geometry.containers`, rule ``container.v1``).

    Raises
    ------
    GeometryError
        With the reason when no footprint can be made.
    """
    if expr.problems:
        raise GeometryError("; ".join(expr.problems))
    rule = rule_for(expr)
    try:
        footprint = rule.build(expr, doc, rule)
    except MissingAnchor as err:
        # A village or feature the gazetteer lacks: the container the text gives.
        footprint = container_footprint(expr, doc, str(err))
    return with_location_precision(footprint, doc)


def footprint_anchor_places(footprint: Footprint, doc: DocumentPlaces) -> list[Place]:
    """The places a footprint's anchors name (a border's "RU-UA" names none)."""
    out = []
    for anchor in footprint.anchors:
        try:
            place = doc.gaz.by_id(int(anchor))
        except ValueError:
            continue
        if place is not None:
            out.append(place)
    return out


def with_location_precision(footprint: Footprint, doc: DocumentPlaces) -> Footprint:
    """``footprint`` with the location precision code of its relation, anchors and size.

    Set here for every rule, so that a rule added later is coded as well (by the
    rows of :data:`geoclaims.geometry.precision.ROWS`, else by its size).
    """
    expr = footprint.expression
    part = footprint.relation == "in_region" and expr is not None and bool(expr.qualifier)
    code = footprint_precision(
        footprint.relation, footprint_anchor_places(footprint, doc), area_km2=footprint.area_km2,
        geometry=footprint.geometry, part=part, rule=footprint.rule,
    )
    return dataclasses.replace(footprint, location_precision=code)


def build_footprints(
    text: str,
    expressions: Sequence[SpatialExpression],
    resolutions: Sequence[Resolution],
    gazetteer: Gazetteer,
    *,
    segmentation: Segmentation | None = None,
) -> tuple[list[SpatialExpression], list[Footprint]]:
    """Footprints of all expressions of a document.

    ``segmentation`` is the document's (:func:`geoclaims.text.segment.segment`), made
    here when not given.

    Returns
    -------
    (expressions, footprints)
        The expressions, each with ``problems`` filled in when its footprint could
        not be built (nothing raises), and the footprints that could.
    """
    doc = DocumentPlaces(text, resolutions, gazetteer, segmentation)
    out_expr: list[SpatialExpression] = []
    out_fp: list[Footprint] = []
    for expr in expressions:
        try:
            out_fp.append(build_footprint(expr, doc))
            doc.footprints.append(out_fp[-1])
            out_expr.append(expr)
        except GeometryError as err:
            problems = tuple(dict.fromkeys((*expr.problems, str(err))))
            out_expr.append(dataclasses.replace(expr, problems=problems))
    return out_expr, out_fp
