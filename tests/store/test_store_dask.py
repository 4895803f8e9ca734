"""The claims store read lazily through dask-geopandas, and the query verbs on it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from geoclaims.errors import InputError, StoreError
from geoclaims.pipeline import Report, analyze
from geoclaims.places.gazetteer import Gazetteer
from geoclaims.store import query
from geoclaims.store.dataset import append_reports, read_store, stored_doc_ids
from geoclaims.store.frames import to_geodataframe

dask_geopandas = pytest.importorskip("dask_geopandas")

TEXTS = {
    "kharkiv": "Officials in Kharkiv said shelling hit the outskirts of Vovchansk "
    "overnight. The governor of Kharkiv Oblast said two people were wounded in "
    "Kupiansk.",
    "kursk": "Governor Anna Koval said drones struck a fuel depot near Sudzha in the "
    "Kursk region. Russian officials denied reports that troops had entered Sudzha.",
    "belgorod": "Shelling damaged houses about 7 km from the border near Shebekino, "
    "according to local officials. The claim could not be verified. Regional "
    "officials said the drone was likely launched from the Kharkiv region.",
    "sumy": "The regional military administration said explosions were heard in "
    "Okhtyrka in the Sumy region on Tuesday.",
    "quiet": "Nothing happened today.",
}


def ordered(frame: pd.DataFrame) -> pd.DataFrame:
    """Rows by document, in the order each document wrote them."""
    return frame.sort_values(["doc_id", "claim_id"], kind="stable").reset_index(
        drop=True
    )


@pytest.fixture(scope="module")
def reports(gazetteer: Gazetteer) -> list[Report]:
    return [
        analyze(
            text,
            doc_id=key,
            outlet="Test Wire",
            published="2024-10-16",
            gazetteer=gazetteer,
        )
        for key, text in TEXTS.items()
    ]


@pytest.fixture(scope="module")
def small_store(
    reports: list[Report], tmp_path_factory: pytest.TempPathFactory
) -> Path:
    store = tmp_path_factory.mktemp("small") / "store"
    append_reports(store, reports)
    return store


@pytest.mark.parametrize("engine", ["pandas", "dask"])
def test_dataset_read_back_equals_the_reports(
    small_store: Path, reports: list[Report], engine: str
) -> None:
    frame = read_store(small_store, engine=engine)
    got = ordered(frame if engine == "pandas" else frame.compute())
    expected = ordered(to_geodataframe(reports))
    # The documents differ in which columns are empty or hold JSON text.
    assert got["quantities"].map(len).gt(0).any()
    assert got["likelihood"].isna().any() and got["likelihood"].notna().any()
    pd.testing.assert_frame_equal(
        pd.DataFrame(got.drop(columns="geometry")),
        pd.DataFrame(expected.drop(columns="geometry")),
    )
    assert got.geometry.to_wkb().equals(expected.geometry.to_wkb())
    assert got.crs == expected.crs


def test_dataset_document_without_rows_is_stored(small_store: Path) -> None:
    assert "quiet" not in set(read_store(small_store)["doc_id"])
    assert stored_doc_ids(small_store) == set(TEXTS)


@pytest.mark.parametrize("files_per_partition", [2, 256])
def test_dataset_dask_engine_has_the_claims_schema(
    small_store: Path, files_per_partition: int
) -> None:
    lazy = read_store(
        small_store, engine="dask", files_per_partition=files_per_partition
    )
    eager = read_store(small_store)
    assert isinstance(lazy, dask_geopandas.GeoDataFrame)
    assert lazy.npartitions == -(-len(TEXTS) // files_per_partition)
    assert lazy.dtypes.to_dict() == eager.dtypes.to_dict()
    assert lazy.crs == eager.crs
    got, expected = ordered(lazy.compute()), ordered(eager)
    pd.testing.assert_frame_equal(
        pd.DataFrame(got.drop(columns="geometry")),
        pd.DataFrame(expected.drop(columns="geometry")),
    )
    assert got.geometry.to_wkb().equals(expected.geometry.to_wkb())
    assert isinstance(got["source_chain"].iloc[0], list)


def test_dataset_dask_engine_on_an_empty_store(tmp_path: Path) -> None:
    append_reports(tmp_path / "store", [])
    lazy = read_store(tmp_path / "store", engine="dask")
    assert len(lazy.compute()) == 0
    assert lazy.dtypes.to_dict() == read_store(tmp_path / "store").dtypes.to_dict()


@pytest.mark.parametrize(
    "verb",
    [
        lambda g, gaz: query.within(g, "Kharkiv Oblast", gazetteer=gaz),
        lambda g, gaz: query.within(g, "RU-KRS", predicate="within", gazetteer=gaz),
        lambda g, gaz: query.near(g, "Sudzha", km=20, gazetteer=gaz),
        lambda g, gaz: query.near_border(g, "RU", "UA", km=15, gazetteer=gaz),
        lambda g, gaz: query.by_confidence(g, "reported"),
        lambda g, gaz: query.by_source(g, "officials"),
        lambda g, gaz: query.by_precision(g, 2),
    ],
    ids=["within", "within-strict", "near", "near-border", "confidence", "source",
         "precision"],
)
def test_dataset_dask_query_verbs_stay_lazy(
    small_store: Path, gazetteer: Gazetteer, verb: Callable[[Any, Gazetteer], Any]
) -> None:
    eager_store = read_store(small_store)
    eager = verb(eager_store, gazetteer)
    lazy = verb(
        read_store(small_store, engine="dask", files_per_partition=2), gazetteer
    )
    assert isinstance(lazy, dask_geopandas.GeoDataFrame), "the verb computed the frame"
    got = lazy.compute()
    assert 0 < len(got) < len(eager_store)
    key = ["doc_id", "claim_id"]
    assert sorted(map(tuple, got[key].to_numpy())) == sorted(
        map(tuple, eager[key].to_numpy())
    )


def test_dataset_dask_distance_to(small_store: Path, gazetteer: Gazetteer) -> None:
    lazy = query.distance_to(
        read_store(small_store, engine="dask"), "Sudzha", gazetteer
    )
    eager = query.distance_to(read_store(small_store), "Sudzha", gazetteer)
    assert sorted(lazy.compute().dropna()) == pytest.approx(sorted(eager.dropna()))


def test_dataset_dask_names_a_corrupted_file(small_store: Path, tmp_path: Path) -> None:
    store = tmp_path / "store"
    store.mkdir()
    for file in small_store.iterdir():
        (store / file.name).write_bytes(file.read_bytes())
    victim = sorted(store.glob("doc-*.parquet"))[-1]
    victim.write_bytes(b"PAR1 truncated")
    lazy = read_store(store, engine="dask")  # lazy: nothing is read yet
    with pytest.raises(StoreError, match=victim.name):
        lazy.compute()
    with pytest.raises(StoreError, match=victim.name):
        read_store(store)


@pytest.mark.parametrize("engine", ["pandas", "dask"])
def test_dataset_malformed_cell_names_the_file(
    small_store: Path, tmp_path: Path, engine: str
) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    store = tmp_path / "store"
    store.mkdir()
    for file in small_store.iterdir():
        (store / file.name).write_bytes(file.read_bytes())
    victim = sorted(store.glob("doc-*.parquet"))[0]
    table = pq.read_table(victim)
    assert table.num_rows > 0
    broken = pa.array(["[{not json"] * table.num_rows, type=pa.string())
    index = table.schema.get_field_index("quantities")
    table = table.set_column(index, pa.field("quantities", pa.string()), broken)
    pq.write_table(table, victim)
    with pytest.raises(StoreError, match=f"{victim.name}.*quantities"):
        frame = read_store(store, engine=engine)
        if engine == "dask":
            frame.compute()


@pytest.mark.parametrize("engine", ["pandas", "dask"])
@pytest.mark.parametrize(
    "columns", [["doc_id", "claim_id"], ["confidence", "doc_id", "claim_id", "cues"]]
)
def test_dataset_reads_only_the_columns_asked_for(
    small_store: Path, engine: str, columns: list[str]
) -> None:
    frame = read_store(small_store, engine=engine, columns=columns)
    got = ordered(frame if engine == "pandas" else frame.compute())
    full = ordered(read_store(small_store))
    expected = full[[c for c in full.columns if c in columns or c == "geometry"]]
    assert list(got.columns) == list(expected.columns)
    pd.testing.assert_frame_equal(
        pd.DataFrame(got.drop(columns="geometry")),
        pd.DataFrame(expected.drop(columns="geometry")),
    )
    assert got.geometry.to_wkb().equals(expected.geometry.to_wkb())


def test_dataset_unknown_column_is_named(small_store: Path) -> None:
    with pytest.raises(InputError, match="'stament'"):
        read_store(small_store, columns=["doc_id", "stament"])
