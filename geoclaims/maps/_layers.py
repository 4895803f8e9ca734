"""How a claims map groups claims: its source layers, and grid cells when aggregated."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from geoclaims.claims.model import SOURCE_KINDS
from geoclaims.store.frames import AREA_POINT_PRECISION_CLASS
from geoclaims.store.io import is_missing

if TYPE_CHECKING:
    import geopandas

#: Layer-control group of each source kind (:data:`geoclaims.claims.model.SOURCE_KINDS`):
#: kind -> (payload key, label).
KIND_GROUPS: dict[str, tuple[str, str]] = {
    "media outlet": ("kind-media", "Media outlets"),
    "government body": ("kind-government", "Government bodies"),
    "military": ("kind-military", "Military"),
    "intelligence service": ("kind-intelligence", "Intelligence services"),
    "NGO/IO": ("kind-ngo-io", "NGOs and international organisations"),
    "armed group": ("kind-armed-group", "Armed groups"),
    "person": ("kind-person", "People"),
    "social media/blogger": ("kind-social-media", "Social media and bloggers"),
    "residents/witnesses": ("kind-witnesses", "Residents and witnesses"),
    "anonymous": ("kind-anonymous", "Unnamed sources"),
    "other": ("kind-other", "Other sources"),
}
#: Source groups of the layer control: payload key, label. The publishing outlet,
#: then the canonical sources of the chain by kind, then the organisations the
#: people speak for.
SOURCE_GROUPS: tuple[tuple[str, str], ...] = (
    ("outlet", "Publishing outlet"),
    *(KIND_GROUPS[k] for k in SOURCE_KINDS),
    ("organisation", "Speaking for"),
)
#: Claims-frame columns read by :func:`claim_sources`, in its argument order.
SOURCE_COLUMNS = ("outlet", "canonical_sources", "source_kinds", "source_organisations")
#: Smallest grid cell of the aggregated mode, degrees.
AGGREGATE_CELL_DEG = 0.25
#: The aggregated mode doubles its cell until at most this many cells are occupied.
AGGREGATE_MAX_CELLS = 2_000
#: Example statements kept per aggregated circle, and their length in characters.
AGGREGATE_EXAMPLES = 2
AGGREGATE_EXAMPLE_CHARS = 160


def as_list(value: Any) -> list[Any]:
    """A list cell of a claims frame as a list ([] when missing)."""
    return [] if is_missing(value) else list(value)


def optional(value: Any) -> Any:
    """A cell of a claims frame, None when missing (NaN, NaT, NA)."""
    return None if is_missing(value) else value


def claim_sources(
    outlet: Any, canonical: Any, kinds: Any, organisations: Any
) -> tuple[list[str], ...]:
    """Names of a claim in each of :data:`SOURCE_GROUPS`, from its row's cells.

    The chain's canonical names (``canonical_sources``) go to the group of their
    kind (``source_kinds``, the same length; a name without a kind is "other"); the
    organisations are the row's ``source_organisations``. Frames of older exports
    get those columns from :func:`geoclaims.inputs.add_source_affiliations`.

    Examples
    --------
    >>> groups = claim_sources("Wire", ["Dmitry Peskov", "Kremlin"],
    ...                        ["person", "government body"], ["Kremlin"])
    >>> [(key, names) for (key, _), names in zip(SOURCE_GROUPS, groups) if names][1:3]
    [('kind-government', ['Kremlin']), ('kind-person', ['Dmitry Peskov'])]
    """
    by_kind: dict[str, list[str]] = {k: [] for k in SOURCE_KINDS}
    kind_list = as_list(kinds)
    for i, name in enumerate(as_list(canonical)):
        if not name:
            continue
        kind = str(kind_list[i]) if i < len(kind_list) and kind_list[i] else "other"
        members = by_kind.get(kind, by_kind["other"])
        if str(name) not in members:
            members.append(str(name))
    outlets = [str(outlet)] if optional(outlet) else []
    speaking_for = list(dict.fromkeys(str(a) for a in as_list(organisations) if a))
    return (outlets, *(by_kind[k] for k in SOURCE_KINDS), speaking_for)


def _rank(item: tuple[str, int]) -> tuple[int, str, str]:
    """Sort key of a (name, claims) count: most claims first, then by name."""
    name, n = item
    return -n, name.casefold(), name


def source_tables(
    counters: Sequence[Counter[str]],
) -> tuple[list[dict[str, int]], list[dict[str, Any]], dict[str, list[int]]]:
    """Rank the names of each of :data:`SOURCE_GROUPS` (most claims first).

    Returns the index of each name per group, the payload's ``groups`` and the
    per-name claim counts of its ``counts``.
    """
    positions, groups, counts = [], [], {}
    for (key, label), counter in zip(SOURCE_GROUPS, counters, strict=True):
        names = [name for name, _ in sorted(counter.items(), key=_rank)]
        positions.append({n: i for i, n in enumerate(names)})
        groups.append({"key": key, "label": label, "names": names})
        counts[key] = [counter[n] for n in names]
    return positions, groups, counts


def aggregate_payload(
    gdf: geopandas.GeoDataFrame, grades: list[str], decimals: int
) -> dict[str, Any]:
    """Counted circles per (grid cell, grade), for inputs too large to draw one by one.

    The cell starts at :data:`AGGREGATE_CELL_DEG` and doubles until at most
    :data:`AGGREGATE_MAX_CELLS` cells are occupied. A circle lists the union of its
    claims' sources in each group, so a source toggle hides a circle once none of its
    sources is on; the count stays the circle's total. Circle centres keep
    ``decimals`` decimals, as integers (the map's coordinate encoding).
    """
    import numpy as np
    import shapely

    points = shapely.point_on_surface(gdf.geometry.values)
    x, y = shapely.get_x(points), shapely.get_y(points)
    cell = AGGREGATE_CELL_DEG
    while True:
        cx = np.floor(x / cell).astype(np.int64)
        cy = np.floor(y / cell).astype(np.int64)
        if len(set(zip(cx.tolist(), cy.tolist(), strict=True))) <= AGGREGATE_MAX_CELLS:
            break
        cell *= 2
    statements = gdf["statement"].to_numpy()
    outlets, canonical, kinds, organisations = (gdf[c].to_numpy() for c in SOURCE_COLUMNS)
    confidence = gdf["confidence"].astype(str).to_numpy()
    groups: dict[tuple[int, int, str], dict[str, Any]] = {}
    source_cache: dict[tuple[Any, ...], tuple[list[str], ...]] = {}
    for i in range(len(gdf)):
        key = (int(cx[i]), int(cy[i]), confidence[i])
        group = groups.get(key)
        if group is None:
            group = groups[key] = {"n": 0, "x": 0.0, "y": 0.0, "ex": [],
                                   "src": [Counter() for _ in SOURCE_GROUPS]}
        group["n"] += 1
        group["x"] += x[i]
        group["y"] += y[i]
        if len(group["ex"]) < AGGREGATE_EXAMPLES:
            group["ex"].append(str(statements[i])[:AGGREGATE_EXAMPLE_CHARS])
        cache_key = (outlets[i], tuple(as_list(canonical[i])), tuple(as_list(kinds[i])),
                     tuple(as_list(organisations[i])))
        found = source_cache.get(cache_key)
        if found is None:
            found = source_cache[cache_key] = claim_sources(
                outlets[i], canonical[i], kinds[i], organisations[i])
        for counter, members in zip(group["src"], found, strict=True):
            counter.update(members)
    counters: list[Counter[str]] = [Counter() for _ in SOURCE_GROUPS]
    for group in groups.values():
        for counter, members in zip(counters, group["src"], strict=True):
            counter.update(members)
    positions, source_groups, source_counts = source_tables(counters)
    grade_index = {g: i for i, g in enumerate(grades)}
    claims, features, geoms = [], [], []
    grade_counts: Counter[str] = Counter()
    for i, (key, group) in enumerate(groups.items()):
        n = group["n"]
        grade_counts[key[2]] += n
        claims.append({
            "n": n, "ex": group["ex"], "g": grade_index[key[2]], "d": -1, "c": [],
            "k": [sorted(position[m] for m in members)
                  for position, members in zip(positions, group["src"], strict=True)],
        })
        geoms.append([0, round(group["x"] / n * 10**decimals),
                      round(group["y"] / n * 10**decimals)])
        features.append([i, i, AREA_POINT_PRECISION_CLASS, 0, round(cell * 111.32 / 2, 1)])
    return {
        "claims": claims, "features": features, "geoms": geoms, "dates": [],
        "strings": [f"grid cell of {cell:g}°"], "cell_deg": cell, "groups": source_groups,
        "counts": {"grade": dict(grade_counts), **source_counts},
    }
