"""Tests of geoclaims.claims.sources: the alias table, canonical sources, coreference."""

from __future__ import annotations

import json
import time

import pytest

from geoclaims.claims.attribution import classify_source
from geoclaims.claims.model import SOURCE_KINDS, Claim, Confidence, Source
from geoclaims.claims.source_rules import source_key
from geoclaims.claims.sources import (
    alias_table,
    canonical_source,
    read_alias_table,
    resolve_sources,
    source_ids_matching,
)
from geoclaims.pipeline import analyze


def _source(name: str) -> Source:
    kind, anonymous = classify_source(name)
    return Source(name=name, type=kind, anonymous=anonymous)


# ------------------------------------------------------------------ alias table


def test_sources_alias_table_is_versioned_and_valid() -> None:
    table = alias_table()
    assert table.version == "2"
    assert len(table.entries) >= 40
    assert len({e.id for e in table.entries}) == len(table.entries)
    for entry in table.entries:
        assert entry.kind in SOURCE_KINDS
        assert entry.country is None or len(entry.country) == 2
        # every alias, and the canonical name, finds its own row
        for alias in (entry.canonical, *entry.aliases):
            assert table.lookup(alias) is entry, (entry.id, alias)


@pytest.mark.parametrize(
    ("name", "source_id"),
    [
        ("HUR", "ua-hur"), ("GUR", "ua-hur"), ("Ukraine's military intelligence", "ua-hur"),
        ("Ukrainian Military Intelligence", "ua-hur"), ("ГУР", "ua-hur"),
        ("Military Intelligence", "ua-hur"),
        ("General Staff of Ukraine's armed forces", "ua-general-staff"),
        ("the Ukrainian General Staff", "ua-general-staff"),
        ("Генштаб ЗСУ", "ua-general-staff"),
        ("Russian Defence Ministry", "ru-mod"), ("Russia's Ministry of Defense", "ru-mod"),
        ("the Russian MoD", "ru-mod"), ("Minoborony", "ru-mod"), ("Минобороны России", "ru-mod"),
        ("ISW", "isw"), ("the Institute for the Study of War", "isw"),
        ("UK Defence Intelligence", "gb-defence-intelligence"),
        ("British Defence Intelligence", "gb-defence-intelligence"),
        ("the British Ministry of Defence", "gb-mod"),
        ("UN OCHA", "un-ocha"), ("the UN humanitarian office", "un-ocha"),
        ("RSF", "sd-rsf"), ("SAF", "sd-saf"), ("the Sudanese army", "sd-saf"),
        ("the Israeli Defence Forces", "il-idf"), ("IDF", "il-idf"),
        ("Hezbollah", "lb-hezbollah"), ("Houthi rebels", "ye-houthis"),
        ("Ansar Allah", "ye-houthis"), ("Tatmadaw", "mm-tatmadaw"),
        ("the Myanmar military", "mm-tatmadaw"), ("the Kremlin", "ru-kremlin"),
        ("The Pentagon", "us-pentagon"), ("the U.S. State Department", "us-state-department"),
        ("The Associated Press", "ap"), ("Reuters", "reuters"), ("AFP", "afp"),
        ("The Kyiv Post", "kyiv-post"), ("Ukraine broadcaster Suspilne", "suspilne"),
    ],
)
def test_sources_alias_table_knows_the_common_bodies(name: str, source_id: str) -> None:
    entry = alias_table().lookup(name)
    assert entry is not None and entry.id == source_id


@pytest.mark.parametrize("name", ["who", "Defence Intelligence", "the village council",
                                  "the regional governor", "Harbour Gazette"])
def test_sources_alias_table_leaves_other_names_alone(name: str) -> None:
    assert alias_table().lookup(name) is None


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("id,canonical,kind,country,aliases\nx,X,media outlet,,X\n", "version"),
        ("# version: 2\nid,canonical,kind,country,aliases\nx,X,newspaper,,X\n", "kind"),
        ("# version: 2\nid,canonical,kind,country,aliases\nX Y,X,media outlet,,X\n", "slug"),
        ("# version: 2\nid,canonical,kind,country,aliases\n"
         "a,Alpha,media outlet,,The Gazette\nb,Beta,media outlet,,Gazette\n", "already"),
    ],
)
def test_sources_alias_table_refuses_bad_tables(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        read_alias_table(text)


def test_sources_alias_table_row_added() -> None:
    text = ("# version: 7\nid,canonical,kind,country,aliases\n"
            "xx-harbour-police,Harbour Police of Xland,government body,,"
            "Harbour Police|Xland's harbour police\n")
    table = read_alias_table(text)
    assert table.version == "7"
    assert table.lookup("the Xlandian harbour police") is None  # no such demonym
    assert table.lookup("Xland’s Harbour Police").id == "xx-harbour-police"


# ------------------------------------------------------------------ one name alone


@pytest.mark.parametrize(
    ("name", "canonical", "kind", "role", "organisation"),
    [
        ("Kremlin spokesperson Dmitry Peskov", "Dmitry Peskov", "person", "spokesperson",
         "Kremlin"),
        ("U.S. State Department spokesperson Matthew Miller", "Matthew Miller", "person",
         "spokesperson", "US State Department"),
        ("Ukrainian President Volodymyr Zelensky", "Volodymyr Zelensky", "person",
         "President", "Ukraine"),
        ("Ukraine's Military Intelligence", "Defence Intelligence of Ukraine (HUR)",
         "intelligence service", None, None),
        ("The Harbour Gazette", "Harbour Gazette", "media outlet", None, None),
        ("unnamed intelligence officials", "unnamed intelligence official", "anonymous",
         None, None),
        ("the sources", "unnamed source", "anonymous", None, None),
        ("a military blogger", "military blogger", "social media/blogger", None,
         None),
        ("residents", "unnamed resident", "residents/witnesses", None, None),
        ("the Ukrainian media", "Ukraine's media", "media outlet", None, None),
        ("Ivan Sirko", "Ivan Sirko", "person", None, None),
    ],
)
def test_sources_canonical_source(name: str, canonical: str, kind: str, role: str | None,
                                  organisation: str | None) -> None:
    src = canonical_source(_source(name))
    assert (src.canonical, src.kind, src.role, src.organisation) == (
        canonical, kind, role, organisation)
    assert src.name == name  # the text's words stay
    assert src.surface_forms == (name,)
    assert src.source_id and src.source_id == canonical_source(_source(name)).source_id


def test_sources_ids_are_stable_and_distinct() -> None:
    ids = {canonical_source(_source(n)).source_id
           for n in ("The Kyiv Post", "Kyiv Post", "KYIV POST")}
    assert ids == {"kyiv-post"}
    a = canonical_source(_source("Ukraine's media")).source_id
    b = canonical_source(_source("Ukrainian media")).source_id
    c = canonical_source(_source("Russian media")).source_id
    assert a == b != c


def test_sources_kind_is_validated() -> None:
    with pytest.raises(ValueError, match="kind"):
        Source(name="x", type="person", kind="newspaper")  # type: ignore[arg-type]


def test_sources_long_name_is_bounded() -> None:
    name = "Officials of the " + "Ministry of Things of Xland " * 20_000
    started = time.perf_counter()
    src = canonical_source(_source(name[:500]))
    huge = canonical_source(Source(name=name, type="government body"))
    assert time.perf_counter() - started < 2.0
    assert src.source_id and huge.source_id and len(huge.canonical or "") <= 200


# ------------------------------------------------------------------ within a document


def _claims(*names: str) -> list[Claim]:
    wire = Source(name="Test Wire", type="outlet")
    return [Claim(claim_id=f"d:{i}", start=i, end=i + 1, statement=f"Statement {i}.",
                  sources=(wire, _source(n)), confidence=Confidence.REPORTED)
            for i, n in enumerate(names)]


def test_sources_resolve_surname_and_role_word() -> None:
    out = resolve_sources(_claims("U.S. State Department spokesperson Matthew Miller",
                                  "Miller", "the spokesperson"))
    links = [c.sources[1] for c in out]
    assert {s.source_id for s in links} == {"matthew-miller"}
    assert all(s.organisation == "US State Department" for s in links)
    assert [s.name for s in links] == ["U.S. State Department spokesperson Matthew Miller",
                                       "Miller", "the spokesperson"]
    assert links[0].surface_forms == tuple(s.name for s in links)


def test_sources_resolve_role_word_takes_the_latest_of_that_role() -> None:
    out = resolve_sources(_claims("Kremlin spokesperson Dmitry Peskov",
                                  "Governor Ana Lis", "Navy spokesman Ivan Orlov",
                                  "the spokesman", "the governor"))
    assert [c.sources[1].canonical for c in out[3:]] == ["Ivan Orlov", "Ana Lis"]


def test_sources_resolve_keeps_countries_apart() -> None:
    out = resolve_sources(_claims("Ukraine's Defence Ministry", "the Russian ministry"))
    assert out[0].sources[1].source_id == "ua-mod"
    assert out[1].sources[1].source_id != "ua-mod"
    same = resolve_sources(_claims("Ukraine's Defence Ministry", "the ministry"))
    assert same[1].sources[1].source_id == "ua-mod"


def test_sources_resolve_name_without_its_country() -> None:
    out = resolve_sources(_claims("Ukraine's General Staff", "the General Staff",
                                  "the general staff", "Russia's Defence Ministry",
                                  "the Defence Ministry"))
    assert [c.sources[1].source_id for c in out] == [
        "ua-general-staff", "ua-general-staff", "ua-general-staff", "ru-mod", "ru-mod"]
    # with no earlier body of that name, the name stands for itself
    alone = resolve_sources(_claims("the General Staff"))
    assert alone[0].sources[1].source_id == "general-staff"


def test_sources_resolve_unnamed_head_noun() -> None:
    out = resolve_sources(_claims("a Western diplomat familiar with the situation",
                                  "the diplomat", "sources", "a source"))
    ids = [c.sources[1].source_id for c in out]
    assert ids[0] == ids[1] == "unnamed-western-diplomat"
    assert ids[2] == ids[3] == "unnamed-source"
    assert all(c.sources[1].anonymous for c in out)


def test_sources_resolve_does_not_join_a_new_name_to_an_old_one() -> None:
    out = resolve_sources(_claims("Kremlin spokesperson Dmitry Peskov", "Lis", "the mayor"))
    assert out[1].sources[1].canonical == "Lis"
    assert out[2].sources[1].source_id not in ("dmitry-peskov", "lis")
    # a body of the alias table is never a surname of an earlier person
    tabled = resolve_sources(_claims("Mayor Anna Reuters", "Reuters"))
    assert [c.sources[1].source_id for c in tabled] == ["anna-reuters", "reuters"]
    # a surname is no plural: the titled and the plain name are one person
    jones = resolve_sources(_claims("Navy spokesman Tom Jones", "Tom Jones", "Jones"))
    assert {c.sources[1].source_id for c in jones} == {"tom-jones"}


def test_sources_extraction_gives_every_link_its_entity(gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = ("Ukrainian President Volodymyr Zelensky said, citing his country's military "
            "intelligence, that Russia was moving troops towards Kursk. "
            "A Western diplomat familiar with the matter said 3,000 soldiers had crossed "
            "the border. The diplomat said the soldiers had arrived by train.")
    report = analyze(text, doc_id="z", outlet="Test Wire", gazetteer=gazetteer)
    links = [s for c in report.claims for s in c.sources]
    assert all(s.source_id and s.canonical and s.kind for s in links)
    assert report.claims[0].source_ids == ("volodymyr-zelensky", "ua-hur")
    assert report.claims[0].source_kinds == ("person", "intelligence service")
    assert report.claims[0].source_organisations == ("Ukraine",)
    assert report.claims[1].source_ids == report.claims[2].source_ids
    assert report.claims[0].cited_sources[1] == "his country's military intelligence"


def test_sources_reports_of_older_versions_read(gazetteer, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from geoclaims.report_io import read_reports, report_to_dict
    from geoclaims.store.frames import to_geodataframe

    report = analyze("The Kyiv Post reported, citing GUR, that drones hit a depot near "
                     "Sudzha on Monday.", doc_id="o", outlet="Test Wire", gazetteer=gazetteer)
    data = report_to_dict(report)
    new_fields = ("source_id", "canonical", "kind", "role", "organisation", "surface_forms")
    for claim in data["report"]["claims"]["__tuple__"]:
        for source in claim["sources"]["__tuple__"]:
            for name in new_fields:
                del source[name]
    path = tmp_path / "old.json"
    path.write_text(json.dumps({"format": data["format"], "reports": [data["report"]]}),
                    encoding="utf-8")
    old = read_reports(path)[0]
    assert old.claims[0].sources[1].source_id is None
    assert old.claims[0].source_ids == report.claims[0].source_ids == ("kyiv-post", "ua-hur")
    frame = to_geodataframe(old)
    assert frame["canonical_sources"].iloc[0] == ["Kyiv Post",
                                                  "Defence Intelligence of Ukraine (HUR)"]


def test_sources_query_ids_matching() -> None:
    assert source_ids_matching("GUR") == {"ua-hur"}
    assert source_ids_matching("Ukrainian military intelligence") == {"ua-hur"}
    assert "ua-hur" in source_ids_matching("Defence Intelligence of Ukraine")
    assert source_ids_matching("zz") == frozenset()
    assert source_key("GUR") != source_key("gur")
