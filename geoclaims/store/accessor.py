"""Optional pandas accessor ``gdf.claims.*`` over the store query verbs."""

from __future__ import annotations

from typing import Any

_REGISTERED = False


class ClaimsAccessor:
    """``gdf.claims.within("Kursk Oblast").claims.by_confidence("reported")``.

    Every verb returns a filtered GeoDataFrame (``distance_to`` a Series); see
    :mod:`geoclaims.store.query` for parameters.
    """

    def __init__(self, obj: Any) -> None:
        import geopandas

        if not isinstance(obj, geopandas.GeoDataFrame):
            # pandas reads AttributeError as "no such accessor on this object".
            raise AttributeError("the claims accessor needs a GeoDataFrame")
        self._obj = obj

    def within(self, region: Any, **kwargs: Any) -> Any:
        """See :func:`geoclaims.store.query.within`."""
        from geoclaims.store import query

        return query.within(self._obj, region, **kwargs)

    def near(self, place: Any, **kwargs: Any) -> Any:
        """See :func:`geoclaims.store.query.near`."""
        from geoclaims.store import query

        return query.near(self._obj, place, **kwargs)

    def near_border(self, a: str, b: str, **kwargs: Any) -> Any:
        """See :func:`geoclaims.store.query.near_border`."""
        from geoclaims.store import query

        return query.near_border(self._obj, a, b, **kwargs)

    def by_source(self, name: str) -> Any:
        """See :func:`geoclaims.store.query.by_source`."""
        from geoclaims.store import query

        return query.by_source(self._obj, name)

    def by_confidence(self, at_least: str = "reported") -> Any:
        """See :func:`geoclaims.store.query.by_confidence`."""
        from geoclaims.store import query

        return query.by_confidence(self._obj, at_least)

    def by_precision(self, at_most: int) -> Any:
        """See :func:`geoclaims.store.query.by_precision`."""
        from geoclaims.store import query

        return query.by_precision(self._obj, at_most)

    def between(self, start: Any, end: Any) -> Any:
        """See :func:`geoclaims.store.query.between`."""
        from geoclaims.store import query

        return query.between(self._obj, start, end)

    def distance_to(self, place: Any, **kwargs: Any) -> Any:
        """See :func:`geoclaims.store.query.distance_to`."""
        from geoclaims.store import query

        return query.distance_to(self._obj, place, **kwargs)


def register_accessor() -> None:
    """Register ``claims`` as a DataFrame accessor (idempotent; GeoDataFrames only).

    Called by :func:`geoclaims.store.frames.to_geodataframe`, never at import.
    """
    global _REGISTERED
    if _REGISTERED:
        return
    import pandas as pd

    pd.api.extensions.register_dataframe_accessor("claims")(ClaimsAccessor)
    _REGISTERED = True
