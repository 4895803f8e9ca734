"""Store queries on the shared example and short texts."""

from __future__ import annotations

from datetime import date

import geopandas
import pytest
from shapely.geometry import Point, box

from geoclaims.errors import ConfigurationError, InputError
from geoclaims.pipeline import analyze
from geoclaims.store import query
from geoclaims.store.frames import to_geodataframe


@pytest.fixture(scope="module")
def example(example_article, gazetteer):  # type: ignore[no-untyped-def]
    report = analyze(
        str(example_article["text"]),
        doc_id="rfa",
        outlet=str(example_article["outlet"]),
        published=str(example_article["published"]),
        gazetteer=gazetteer,
    )
    return to_geodataframe(report)


def _has(gdf, word: str) -> bool:  # type: ignore[no-untyped-def]
    return bool(gdf["statement"].str.contains(word, regex=False).any())


def test_within_kursk_oblast(example, gazetteer) -> None:  # type: ignore[no-untyped-def]
    got = example.claims.within("Kursk Oblast", gazetteer=gazetteer)
    assert _has(got, "deserted")
    # The battalion claim located by its Sudzha/Kursk footprints.
    assert _has(got, "The battalion is expected")
    assert not _has(got, "Oct. 3")
    # The "Special Buryat Battalion" sentence links only Ukraine (no footprint).
    assert not _has(got, "Buryat")
    by_iso = query.within(example, "RU-KRS", gazetteer=gazetteer)
    assert list(by_iso.index) == list(got.index)


def test_within_predicate(example, gazetteer) -> None:  # type: ignore[no-untyped-def]
    loose = query.within(example, "RU-KRS", gazetteer=gazetteer)
    strict = query.within(example, "RU-KRS", predicate="within", gazetteer=gazetteer)
    assert set(strict.index) < set(loose.index)
    with pytest.raises(ConfigurationError, match="predicate"):
        query.within(example, "UA", predicate="touches", gazetteer=gazetteer)  # type: ignore[arg-type]


def test_within_geometry() -> None:
    gdf = geopandas.GeoDataFrame(
        {"x": [1, 2, 3]}, geometry=[Point(35, 51), Point(40, 51), None], crs="EPSG:4326"
    )
    assert list(query.within(gdf, box(34, 50, 36, 52))["x"]) == [1]


def test_near_donetsk(example, gazetteer) -> None:  # type: ignore[no-untyped-def]
    got = example.claims.near("Donetsk", km=30, gazetteer=gazetteer)
    assert _has(got, "Oct. 3")
    assert not _has(got, "deserted")
    lonlat = query.near(example, (37.8, 48.0), km=30, gazetteer=gazetteer)
    assert _has(lonlat, "Oct. 3")
    with pytest.raises(ConfigurationError, match="km"):
        query.near(example, "Donetsk", km=-1, gazetteer=gazetteer)


def test_near_border(example, gazetteer) -> None:  # type: ignore[no-untyped-def]
    got = example.claims.near_border("RU", "UA", km=15, gazetteer=gazetteer)
    assert _has(got, "deserted")
    assert not _has(got, "Oct. 3")
    with pytest.raises(ConfigurationError, match="no land border"):
        query.near_border(example, "RU", "BR", km=15, gazetteer=gazetteer)


def test_unknown_region_lists_close_matches(example, gazetteer) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ConfigurationError, match=r"close matches: .*Ukraine"):
        query.within(example, "Ukrane", gazetteer=gazetteer)


def test_ambiguous_region_lists_candidates(example, gazetteer) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ConfigurationError, match="ambiguous") as info:
        query.within(example, "Punjab", gazetteer=gazetteer)
    assert "PK-PB" in str(info.value) and "IN-PB" in str(info.value)


def test_country_preferred_over_admin1(gazetteer) -> None:  # type: ignore[no-untyped-def]
    georgia = query.resolve_region("Georgia", gazetteer)
    assert georgia.contains(Point(44.8, 41.7))  # Tbilisi, not the US state


def test_by_confidence(example) -> None:  # type: ignore[no-untyped-def]
    got = example.claims.by_confidence("reported")
    assert set(got["confidence"]) <= {"confirmed", "reported"}
    assert len(got) == int(example["confidence"].isin(["confirmed", "reported"]).sum())
    assert len(query.by_confidence(example, "denied")) == len(example)
    with pytest.raises(ConfigurationError, match="valid"):
        query.by_confidence(example, "rumoured")


def test_by_source(example) -> None:  # type: ignore[no-untyped-def]
    got = example.claims.by_source("suspilne")
    assert len(got) > 0 and _has(got, "deserted")
    assert (
        got["source_chain"]
        .map(lambda chain: any("suspilne" in s.lower() for s in chain))
        .all()
    )
    assert len(query.by_source(example, "no such outlet")) == 0


def test_between(example) -> None:  # type: ignore[no-untyped-def]
    got = example.claims.between("2024-10-03", date(2024, 10, 10))
    days = set(got["event_date"].dt.strftime("%Y-%m-%d"))
    assert days and days <= {"2024-10-03", "2024-10-10"}
    assert _has(got, "Oct. 3")
    assert len(query.between(example, "2024-10-15", "2024-10-15")) > 0
    with pytest.raises(ConfigurationError, match="after"):
        query.between(example, "2024-10-15", "2024-10-01")


def test_distance_to(example, gazetteer) -> None:  # type: ignore[no-untyped-def]
    km = example.claims.distance_to("Donetsk", gazetteer=gazetteer)
    strike = example["statement"].str.contains("Oct. 3", regex=False)
    assert (km[strike] == 0).all()  # the point is inside its 15 km footprint
    assert km[example.geometry.isna()].isna().all()
    # Sanity against a known geodesic: Kyiv-Donetsk is about 600 km.
    gdf = geopandas.GeoDataFrame(geometry=[Point(30.52, 50.45)], crs="EPSG:4326")
    assert query.distance_to(gdf, (37.80, 48.02)).iloc[0] == pytest.approx(
        600, rel=0.05
    )


def test_short_text_pipeline(gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = "Russian officials reported that drones hit a depot in Belgorod Oblast."
    gdf = to_geodataframe(
        analyze(text, doc_id="b", published="2024-10-01", gazetteer=gazetteer)
    )
    assert len(query.within(gdf, "RU-BEL", gazetteer=gazetteer)) >= 1
    assert len(query.within(gdf, "UA", predicate="within", gazetteer=gazetteer)) == 0


def test_not_a_frame() -> None:
    with pytest.raises(InputError, match="GeoDataFrame"):
        query.by_source([], "x")  # type: ignore[arg-type]


@pytest.mark.parametrize("suffix", [".geojson", ".gpkg", ".parquet", ".csv", ".json"])
def test_query_verbs_on_a_claims_file_equal_the_store(  # type: ignore[no-untyped-def]
    example_article, gazetteer, tmp_path, suffix
) -> None:
    from pandas.testing import assert_frame_equal

    from geoclaims.inputs import read_claims_file
    from geoclaims.report_io import write_reports
    from geoclaims.store.dataset import append_reports, read_store
    from geoclaims.store.io import write_frame

    report = analyze(str(example_article["text"]), doc_id="rfa",
                     outlet=str(example_article["outlet"]),
                     published=str(example_article["published"]), gazetteer=gazetteer)
    append_reports(tmp_path / "claims.store", [report])
    path = tmp_path / f"claims{suffix}"
    if suffix == ".json":
        write_reports([report], path)
    else:
        write_frame(to_geodataframe(report), path)
    store = read_store(tmp_path / "claims.store")
    claims = read_claims_file(path)
    assert list(claims.columns) == list(store.columns)
    assert claims.dtypes.to_dict() == store.dtypes.to_dict()
    verbs = [
        lambda g: query.within(g, "Kursk Oblast", gazetteer=gazetteer),
        lambda g: query.near(g, "Kursk", km=100, gazetteer=gazetteer),
        lambda g: query.by_source(g, "Kyiv Post"),
        lambda g: query.by_confidence(g, "reported"),
        lambda g: query.between(g, "2024-10-01", None),
    ]
    for verb in verbs:
        got, want = verb(claims), verb(store)
        assert 0 < len(want) < len(store)
        assert list(got["claim_id"]) == list(want["claim_id"])
        assert_frame_equal(
            got.drop(columns="geometry").reset_index(drop=True),
            want.drop(columns="geometry").reset_index(drop=True),
        )


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("absent.csv", None, "no such claims store or file"),
        ("notes.txt", "hello", "cannot read claims from a '.txt' file"),
        ("places.csv", "a,geometry_wkt\r\n1,POINT (1 2)\r\n", "not a claims table"),
    ],
)
def test_query_read_claims_file_errors(  # type: ignore[no-untyped-def]
    tmp_path, name, content, message
) -> None:
    from geoclaims.inputs import read_claims_file

    if content is not None:
        (tmp_path / name).write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=message) as info:
        read_claims_file(tmp_path / name)
    assert info.value.path == str(tmp_path / name)
