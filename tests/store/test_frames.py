"""to_geodataframe: stable claim and place schemas, rows per footprint or place."""

from __future__ import annotations

import geopandas
import pandas as pd
import pytest

from geoclaims.errors import ConfigurationError
from geoclaims.pipeline import analyze
from geoclaims.store.frames import (
    CLAIM_COLUMNS,
    CONFIDENCE_ORDER,
    PLACE_COLUMNS,
    to_geodataframe,
)

TEXT = (
    "Ukrainian officials said drones struck a depot near Sudzha on Oct. 2, 2024. "
    "The Kremlin denied that any depot in Russia was hit."
)


@pytest.fixture(scope="module")
def report(gazetteer):  # type: ignore[no-untyped-def]
    return analyze(
        TEXT,
        doc_id="t1",
        outlet="Test Wire",
        published="2024-10-03",
        gazetteer=gazetteer,
    )


def test_claim_schema_is_documented_and_stable(report) -> None:  # type: ignore[no-untyped-def]
    gdf = to_geodataframe(report)
    assert isinstance(gdf, geopandas.GeoDataFrame)
    assert gdf.crs.to_epsg() == 4326
    assert list(gdf.columns) == list(CLAIM_COLUMNS)
    for column, (dtype, _) in CLAIM_COLUMNS.items():
        assert str(gdf[column].dtype) == dtype, column
    assert len(gdf) >= 1
    row = gdf.iloc[0]
    assert row["doc_id"] == "t1" and row["outlet"] == "Test Wire"
    assert row["published"] == pd.Timestamp("2024-10-03")
    assert row["source_chain"][0] == "Test Wire"
    assert row["url"] is None
    assert all(isinstance(v, list) for v in gdf["geonameids"])


def test_empty_input_keeps_schema() -> None:
    gdf = to_geodataframe([])
    assert len(gdf) == 0
    assert list(gdf.columns) == list(CLAIM_COLUMNS)
    assert str(gdf["confidence"].dtype) == "category"
    places = to_geodataframe([], kind="places")
    assert list(places.columns) == list(PLACE_COLUMNS)


def test_confidence_is_ordered_categorical(report) -> None:  # type: ignore[no-untyped-def]
    gdf = to_geodataframe(report)
    cat = gdf["confidence"].cat
    assert cat.ordered
    assert (
        list(cat.categories)
        == list(CONFIDENCE_ORDER)
        == [
            "confirmed",
            "reported",
            "unverified",
            "disputed",
            "denied",
        ]
    )
    assert (
        pd.Categorical(["denied"], categories=CONFIDENCE_ORDER, ordered=True)
        > "confirmed"
    )


def test_rows_follow_footprints_or_place_points(example_article, gazetteer) -> None:  # type: ignore[no-untyped-def]
    report = analyze(
        str(example_article["text"]),
        doc_id="rfa",
        outlet=str(example_article["outlet"]),
        published=str(example_article["published"]),
        gazetteer=gazetteer,
    )
    gdf = to_geodataframe(report)
    for claim in report.claims:
        rows = gdf[gdf["claim_id"] == claim.claim_id]
        if claim.footprints:
            assert len(rows) == len(claim.footprints)
            assert set(rows["footprint_relation"]) != {"place"}
        else:
            assert (rows["footprint_relation"] == "place").all()
            assert len(rows) == max(1, len(claim.places))
    points = gdf[gdf["footprint_relation"] == "place"]
    # Country and admin-1 points are areas' label points; settlements are class 1.
    assert set(points["precision_class"]) <= {1, 3}
    assert points["uncertainty_km"].isna().all()
    no_place = points[points["geonameids"].map(len) == 0]
    assert no_place.geometry.isna().all()
    assert gdf["event_date"].notna().any()


def test_settlement_point_is_precision_one(gazetteer) -> None:  # type: ignore[no-untyped-def]
    gdf = to_geodataframe(
        analyze("Officials said the mayor of Sudzha resigned.", gazetteer=gazetteer)
    )
    places = gdf[gdf["footprint_relation"] == "place"]
    if places.empty or not places["place_names"].map(lambda n: "Sudzha" in n).any():
        pytest.skip("pipeline did not link Sudzha to a claim without footprint")
    sudzha = places[places["place_names"].map(lambda n: "Sudzha" in n)]
    assert (sudzha["precision_class"] == 1).any()


def test_url_from_meta(report) -> None:  # type: ignore[no-untyped-def]
    report.meta["url"] = "https://example.org/a"
    try:
        gdf = to_geodataframe([report])
    finally:
        report.meta.pop("url")
    assert (gdf["url"] == "https://example.org/a").all()


def test_places_kind(report) -> None:  # type: ignore[no-untyped-def]
    gdf = to_geodataframe(report, kind="places")
    assert list(gdf.columns) == list(PLACE_COLUMNS)
    for column, (dtype, _) in PLACE_COLUMNS.items():
        assert str(gdf[column].dtype) == dtype, column
    resolved = [r for r in report.resolutions if r.place is not None]
    assert len(gdf) == len(resolved)
    for row in gdf.itertuples():
        assert TEXT[row.start : row.end] == row.mention
    assert (gdf.geom_type == "Point").all()


def test_bad_kind() -> None:
    with pytest.raises(ConfigurationError, match="kind"):
        to_geodataframe([], kind="mentions")  # type: ignore[arg-type]


def test_accessor_registered_lazily() -> None:
    import subprocess
    import sys

    code = (
        "import geoclaims, pandas as pd; "
        "assert not hasattr(pd.DataFrame, 'claims'), 'registered at import'"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
    gdf = to_geodataframe([])
    assert hasattr(gdf, "claims")
    to_geodataframe([])  # idempotent: no re-registration warning


@pytest.mark.parametrize(
    ("text", "affiliations"),
    [
        ("Kremlin spokesperson Dmitry Peskov said the talks in Minsk had failed.",
         ["Kremlin"]),
        ("According to Ukraine's Foreign Minister Andrii Sybiha, Kremlin spokesperson "
         "Dmitry Peskov said the talks in Minsk had failed.",
         ["Ukraine's Foreign Ministry", "Kremlin"]),
        ("Drones hit a depot near Sudzha on Monday, unnamed officials said.", []),
    ],
)
def test_frames_source_affiliations_column(gazetteer, text, affiliations) -> None:  # type: ignore[no-untyped-def]
    report = analyze(text, doc_id="a", outlet="Test Wire", gazetteer=gazetteer)
    gdf = to_geodataframe(report)
    assert list(gdf.columns).index("source_affiliations") == (
        list(gdf.columns).index("cited_sources") + 1)
    assert [list(v) for v in gdf["source_affiliations"]] == [affiliations] * len(gdf)
    assert all(list(c.source_affiliations) == affiliations for c in report.claims)


def test_place_mentions_keep_the_documents_spelling(gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = ("Губернатор заявил, что беспилотники атаковали Суджу в Курской области. "
            "Позже он сообщил, что в Судже восстановлено электроснабжение.")
    gdf = to_geodataframe(analyze(text, doc_id="ru1", gazetteer=gazetteer))
    assert set(gdf["lang"]) == {"ru"}
    pairs = {
        (name, written)
        for names, forms in zip(gdf["place_names"], gdf["place_mentions"], strict=True)
        for name, written in zip(names, forms, strict=True)
    }
    # Each claim gets the form written in it: the accusative in the first claim,
    # the locative in the second; the display names stay English.
    assert ("Sudzha", "Суджу") in pairs and ("Sudzha", "Судже") in pairs
    assert all(len(n) == len(f) for n, f in
               zip(gdf["place_names"], gdf["place_mentions"], strict=True))


def test_place_mentions_filled_for_older_files(report) -> None:  # type: ignore[no-untyped-def]
    from geoclaims.inputs import fill_later_columns

    gdf = to_geodataframe(report).drop(columns=["place_mentions"])
    filled = fill_later_columns(gdf)
    assert filled["place_mentions"].tolist() == filled["place_names"].tolist()
