"""The Footprint record and its size measures (area, uncertainty, precision codes)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from geoclaims import config
from geoclaims.errors import GeometryError
from geoclaims.geometry import geodesic

if TYPE_CHECKING:
    from shapely.geometry.base import BaseGeometry

    from geoclaims.text.spatial import SpatialExpression


@dataclass(frozen=True, slots=True, kw_only=True)
class Footprint:
    """The geometry a spatial expression (or a bare place mention) allows."""

    #: EPSG:4326 (lon, lat), valid.
    geometry: BaseGeometry
    #: The expression it comes from (None for a bare place mention).
    expression: SpatialExpression | None
    #: GeoNames ids of the anchors; borders as "RU-UA".
    anchors: tuple[str, ...]
    relation: str
    #: Rule key, e.g. "from_border.v1" (:data:`geoclaims.geometry.rules.RULES` holds the
    #: parameters the version pins), and the values it computed with them.
    rule: str
    params: Mapping[str, Any] = field(default_factory=dict)
    #: Area (km²) and the radius (km) of a circle of that area: the uncertainty.
    area_km2: float = 0.0
    uncertainty_km: float = 0.0
    #: 1 exact place / small area, 2 near a place, 3 region (ACLED geo_precision).
    precision_class: int = 3
    #: Location precision code of the UCDP GED convention, 1 exact location ... 6
    #: country, 7 international waters (:mod:`geoclaims.geometry.precision`).
    #: :func:`geoclaims.geometry.footprints.build_footprints` codes it from the
    #: relation, the anchors' kinds and the size; left at 0 (a record built
    #: elsewhere, or read from a file older than the field) it is coded from the
    #: relation and the area alone.
    location_precision: int = 0

    def __post_init__(self) -> None:
        from geoclaims.geometry.precision import LOCATION_PRECISION, footprint_precision

        code = self.location_precision
        if isinstance(code, bool) or not isinstance(code, int) or not (
                code == 0 or code in LOCATION_PRECISION):
            raise ValueError(
                f"Footprint.location_precision must be an int 1-7 (0: code from the "
                f"relation and area), got {code!r}")
        if code == 0:
            object.__setattr__(self, "location_precision", footprint_precision(
                self.relation, (), area_km2=self.area_km2, rule=self.rule))

    @property
    def __geo_interface__(self) -> dict[str, Any]:
        """GeoJSON geometry."""
        import shapely

        return shapely.geometry.mapping(self.geometry)


def precision_class(area_km2: float) -> int:
    """ACLED-like precision class of an area.

    Examples
    --------
    >>> precision_class(20.0), precision_class(900.0), precision_class(30_000.0)
    (1, 2, 3)
    """
    small, medium = config.PRECISION_CLASS_LIMITS_KM2
    return 1 if area_km2 <= small else 2 if area_km2 <= medium else 3


def make_footprint(
    geom: BaseGeometry, expr: SpatialExpression | None, anchors: Sequence[str], *,
    relation: str, rule: str, values: Mapping[str, Any],
) -> Footprint:
    """A valid, measured footprint of ``geom``.

    Raises
    ------
    GeometryError
        If the geometry is empty once made valid (the constraints exclude each other).
    """
    import shapely

    geom = shapely.make_valid(geom)
    if geom.is_empty:
        raise GeometryError("the footprint is empty (the constraints exclude each other)")
    area = geodesic.area_km2(geom)
    return Footprint(
        geometry=geom, expression=expr, anchors=tuple(anchors), relation=relation,
        rule=rule, params=dict(values), area_km2=round(area, 3),
        uncertainty_km=round((area / 3.141592653589793) ** 0.5, 3),
        precision_class=precision_class(area),
    )
