"""The basemap regions around a view: countries and admin-1 polygons, clipped to it."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from shapely.geometry.base import BaseGeometry

    from geoclaims.places.gazetteer import Gazetteer, Place

#: ``(west, south, east, north)`` in degrees.
Window = tuple[float, float, float, float]


def regions_in_window(
    gazetteer: Gazetteer, window: Window
) -> tuple[list[tuple[Place, BaseGeometry]], list[tuple[Place, BaseGeometry, bool]]]:
    """Countries reaching into ``window``, and the admin-1 regions of those countries,
    each clipped to the window.

    Returns
    -------
    countries : list of (Place, geometry)
    admin1 : list of (Place, geometry, approximate)
        ``approximate`` is True for a polygon derived from settlements rather than
        read from Natural Earth.
    """
    import shapely

    frame = shapely.box(*window)
    countries = []
    for place, polygon, _ in gazetteer.region_polygons("country"):
        if not shapely.intersects(polygon, frame):
            continue
        clipped = shapely.clip_by_rect(polygon, *window)
        if not clipped.is_empty:
            countries.append((place, clipped))
    codes = [place.country_code for place, _ in countries]
    admin1 = []
    for place, polygon, approximate in gazetteer.region_polygons("admin1",
                                                                 country_codes=codes):
        clipped = shapely.clip_by_rect(polygon, *window)
        if not clipped.is_empty:
            admin1.append((place, clipped, approximate))
    return countries, admin1
