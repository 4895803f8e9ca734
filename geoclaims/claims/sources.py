"""Canonical sources: who a source phrase names, across documents and within one.

Two steps give every link of a source chain its entity (the fields ``source_id`` ..
``surface_forms`` of :class:`~geoclaims.claims.model.Source`):

- :func:`canonical_source` reads one name alone. A name the curated alias table
  (``geoclaims/data/sources.csv``, :func:`alias_table`) knows takes its row's id,
  canonical name and kind ("GUR", "Ukraine's military intelligence" and "ГУР" are
  ``ua-hur``); a titled speaker is the person, with the role and the organisation
  the title shows ("U.S. State Department spokesperson Matthew Miller": Matthew
  Miller, spokesperson, US State Department); anything else keeps its own name,
  normalised (:mod:`geoclaims.claims.source_rules`), with a kind read from its words.
- :func:`resolve_sources` runs once over the finished claims of a document and joins
  the names that refer to one entity there: a surname to the earlier full name
  ("Miller"), a bare role word to the earlier person with that role ("the
  spokesperson"), a bare body noun to the earlier body it heads ("the ministry"), an
  unnamed source's head noun to the earlier unnamed source ("the diplomat"). Each
  entity collects every surface form the document uses for it.

Ids are deterministic: the alias table's id, else the slug of the name's key, so the
same source has the same id in every document and every run.
"""

from __future__ import annotations

import csv
import dataclasses
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, cast

from geoclaims.claims.model import SOURCE_KINDS, Claim, Source, SourceKind
from geoclaims.claims.source_rules import RULES, display_name, source_key, source_words
from geoclaims.text.inflection import is_cyrillic

if TYPE_CHECKING:
    pass

__all__ = [
    "AliasEntry",
    "AliasTable",
    "alias_table",
    "canonical_source",
    "read_alias_table",
    "resolve_sources",
    "source_ids_matching",
]

#: Names longer than this are read by their first this many characters: no source
#: name is longer, and the rules then take bounded time on hostile input.
MAX_NAME_CHARS = 200
#: How many earlier entities of one head word a reference is compared with.
REFERENCE_WINDOW = 20


@dataclass(frozen=True, slots=True, kw_only=True)
class AliasEntry:
    """One row of the alias table: a canonical source and its surface forms."""

    #: Stable id ("ua-hur"), never reused for another body.
    id: str
    canonical: str
    kind: SourceKind
    #: ISO 3166-1 alpha-2 of the body's state; None for international bodies.
    country: str | None
    aliases: tuple[str, ...]

    def __post_init__(self) -> None:
        if not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", self.id):
            raise ValueError(f"AliasEntry.id must be a lowercase slug; got {self.id!r}")
        if self.kind not in SOURCE_KINDS:
            raise ValueError(
                f"AliasEntry.kind of {self.id!r} must be one of {', '.join(SOURCE_KINDS)}; "
                f"got {self.kind!r}")


@dataclass(frozen=True, slots=True)
class AliasTable:
    """The curated alias table: its version and its rows, looked up by key."""

    version: str
    entries: tuple[AliasEntry, ...]
    by_key: Mapping[str, AliasEntry]

    def lookup(self, name: str) -> AliasEntry | None:
        """The row a source name is one of the aliases of, or None.

        The whole name is tried, then the proper name closing it after a lowercase
        description ("Ukraine broadcaster Suspilne", "the Russian state news agency
        TASS").

        Examples
        --------
        >>> alias_table().lookup("Ukrainian military intelligence").id
        'ua-hur'
        >>> alias_table().lookup("Ukraine broadcaster Suspilne").canonical
        'Suspilne'
        >>> alias_table().lookup("the village council") is None
        True
        """
        found = self.by_key.get(source_key(name[:MAX_NAME_CHARS]))
        if found is not None:
            return found
        m = re.search(r"(?:^|\s)[a-zа-яіїєґё][\w-]*\s+((?:[A-ZА-ЯІЇЄҐЁ«][\w'’.&/«»-]*\s*){1,4})$",
                      name[:MAX_NAME_CHARS])
        if m is None:
            return None
        return self.by_key.get(source_key(m.group(1)))


def read_alias_table(text: str) -> AliasTable:
    """Parse alias-table CSV text (the format of ``geoclaims/data/sources.csv``).

    Raises
    ------
    ValueError
        For a table without a ``# version:`` line, a bad row (naming its line), or an
        alias that two rows claim.
    """
    version = None
    body: list[str] = []
    for line in text.splitlines():
        if line.startswith("#"):
            m = re.match(r"#\s*version:\s*(\S+)", line)
            if m:
                version = m.group(1)
            continue
        body.append(line)
    if version is None:
        raise ValueError("alias table has no '# version: N' line")
    entries: list[AliasEntry] = []
    by_key: dict[str, AliasEntry] = {}
    for lineno, row in enumerate(csv.DictReader(body), start=2):
        try:
            entry = AliasEntry(
                id=row["id"], canonical=row["canonical"],
                kind=cast("SourceKind", row["kind"]), country=row["country"] or None,
                aliases=tuple(a for a in row["aliases"].split("|") if a.strip()),
            )
        except (KeyError, TypeError, AttributeError, ValueError) as err:
            raise ValueError(f"alias table data row {lineno - 1}: {err}") from err
        entries.append(entry)
        for alias in (entry.canonical, *entry.aliases):
            key = source_key(alias)
            other = by_key.get(key)
            if other is not None and other.id != entry.id:
                raise ValueError(
                    f"alias {alias!r} (key {key!r}) of {entry.id!r} is already "
                    f"{other.id!r}'s")
            by_key[key] = entry
    ids = [e.id for e in entries]
    if len(set(ids)) != len(ids):
        raise ValueError(f"alias table ids repeat: {sorted({i for i in ids if ids.count(i) > 1})}")
    return AliasTable(version=version, entries=tuple(entries), by_key=by_key)


@cache
def alias_table() -> AliasTable:
    """The alias table shipped as package data (``geoclaims/data/sources.csv``).

    Examples
    --------
    >>> table = alias_table()
    >>> table.version
    '2'
    >>> table.lookup("Minoborony").canonical
    'Ministry of Defence of the Russian Federation'
    """
    path = resources.files("geoclaims") / "data" / "sources.csv"
    return read_alias_table(path.read_text("utf-8"))


def _slug(key: str) -> str:
    return re.sub(r"[^\w]+", "-", key.casefold()).strip("-_") or "unknown"


@dataclass(frozen=True, slots=True)
class _Identity:
    """What a name alone says of its entity."""

    source_id: str
    canonical: str
    kind: SourceKind
    role: str | None
    organisation: str | None
    person: str | None
    key: str
    #: True when the alias table gave the entity.
    tabled: bool = False


@cache
def _kind_words() -> tuple[re.Pattern[str], Mapping[str, str]]:
    words = source_words()["kind"]
    alternation = "|".join(map(re.escape, sorted(words, key=len, reverse=True)))
    return re.compile(rf"\b(?:{alternation})\b"), words


#: Which kind a name's words give when they name several, first first.
_KIND_PRECEDENCE: tuple[SourceKind, ...] = (
    "residents/witnesses", "social media/blogger", "intelligence service", "armed group",
    "military", "NGO/IO", "media outlet",
)


def _kind_of_words(name: str) -> SourceKind | None:
    pattern, words = _kind_words()
    found = {words[m.group(0)] for m in pattern.finditer(name.casefold())}
    return next((kind for kind in _KIND_PRECEDENCE if kind in found), None)


_TYPE_KINDS: dict[str, SourceKind] = {
    "outlet": "media outlet", "government body": "government body",
    "official": "government body", "document": "other",
}
_PERSON_NAME = re.compile(r"[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’-]+){1,3}")


def _organisation(affiliation: str | None) -> str | None:
    if not affiliation:
        return None
    entry = alias_table().lookup(affiliation)
    if entry is not None:
        return entry.canonical
    shown = display_name(affiliation)
    return source_words()["country"].get(shown, shown)  # "Ukrainian President": Ukraine


def _role(name: str, affiliation: str | None, person: str) -> str | None:
    rest = name[: name.rfind(person)].strip(" ,")
    rest = re.sub(r"^(?:the|a|an)\s+", "", rest, flags=re.IGNORECASE)
    if affiliation and rest.startswith(affiliation):
        rest = rest[len(affiliation):]
    else:
        countries = source_words()["country"]
        for country in sorted({*countries, *countries.values()}, key=len, reverse=True):
            if rest.startswith(country + " ") or rest.startswith(country + "'s "):
                rest = rest[len(country):].removeprefix("'s")
                break
    return rest.strip(" ,") or None


#: The rules that make a person's key: a surname is no plural ("Jones", "Reuters").
_PERSON_RULES = tuple(r for r in RULES if r.name != "plural_head")


@cache
def _identity(name: str, type: str, anonymous: bool, lang: str = "") -> _Identity:
    """The entity one source name names, read from the name alone (cached)."""
    from geoclaims.claims.attribution import speaker_affiliation

    text = name[:MAX_NAME_CHARS]
    entry = alias_table().lookup(text)
    if entry is not None:
        return _Identity(entry.id, entry.canonical, entry.kind, None, None, None,
                         source_key(entry.canonical), tabled=True)
    if is_cyrillic(text):
        from geoclaims.claims._cyrillic_sources import cyrillic_identity, cyrillic_language

        return cyrillic_identity(text, type, anonymous, lang or cyrillic_language(text))
    affiliation, person = speaker_affiliation(text)
    if person and not anonymous:
        key = source_key(person, _PERSON_RULES)
        return _Identity(_slug(key), display_name(source_key(person, ())), "person",
                         _role(text, affiliation, person), _organisation(affiliation),
                         person, key)
    key = source_key(text)
    kind = _kind_of_words(text)
    if anonymous:
        if kind not in ("residents/witnesses", "social media/blogger"):
            kind = "anonymous"
        canonical = f"unnamed {key}" if key != "report" else "unnamed reports"
        return _Identity(_slug(canonical), canonical, kind, None, None, None, key)
    if kind is None:
        if type == "person" and _PERSON_NAME.fullmatch(display_name(text)):
            kind = "person"
            key = source_key(text, _PERSON_RULES)
        else:
            kind = _TYPE_KINDS.get(type, "other")
    return _Identity(_slug(key), display_name(text), kind, None,
                     _organisation(affiliation), person if kind == "person" else None, key)


def canonical_source(source: Source) -> Source:
    """``source`` with the canonical entity its name alone names.

    Used for records made before sources had entities, and by
    :func:`resolve_sources` before it joins the names of a document.

    Examples
    --------
    >>> src = canonical_source(Source(name="GUR", type="government body"))
    >>> src.source_id, src.canonical, src.kind
    ('ua-hur', 'Defence Intelligence of Ukraine (HUR)', 'intelligence service')
    >>> src = canonical_source(Source(
    ...     name="U.S. State Department spokesperson Matthew Miller", type="official"))
    >>> src.canonical, src.kind, src.role, src.organisation
    ('Matthew Miller', 'person', 'spokesperson', 'US State Department')
    >>> canonical_source(Source(name="the sources", type="anonymous", anonymous=True)).canonical
    'unnamed source'
    """
    ident = _identity(source.name, source.type, source.anonymous)
    return dataclasses.replace(
        source, source_id=ident.source_id, canonical=ident.canonical, kind=ident.kind,
        role=ident.role, organisation=ident.organisation,
        person=source.person or ident.person,
        surface_forms=source.surface_forms or (source.name,),
    )


class _Entity:
    """An entity of one document as the pass builds it."""

    __slots__ = ("forms", "ident", "organisation", "person", "role")

    def __init__(self, ident: _Identity) -> None:
        self.ident = ident
        self.forms: list[str] = []
        self.role, self.organisation, self.person = (
            ident.role, ident.organisation, ident.person)

    def absorb(self, ident: _Identity, form: str) -> None:
        if form not in self.forms:
            self.forms.append(form)
        self.role = self.role or ident.role
        self.organisation = self.organisation or ident.organisation
        self.person = self.person or ident.person


def _role_family(words: Sequence[str]) -> str | None:
    roles = source_words()["role"]
    for size in (2, 1):
        if len(words) >= size:
            found = roles.get(" ".join(words[-size:]).casefold())
            if found:
                return found
    return None


@cache
def _is_description(name: str) -> bool:
    """True when a name has no proper name of its own: "the spokesperson", "the
    Ukrainian ministry" (a demonym is no name)."""
    countries = source_words()["country"]
    text = display_name(name)
    for word in re.findall(r"\b[A-Z][\w'’-]*", text):
        base = re.sub(r"['’]s$", "", word)
        if base not in countries and base not in countries.values():
            return False
    return True


@cache
def _country_pattern() -> re.Pattern[str]:
    countries = source_words()["country"]
    names = sorted({*countries, *countries.values()}, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(map(re.escape, names)) + r")\b")


@cache
def _countries_in(text: str) -> frozenset[str]:
    """The countries a text names, by name or demonym ("Ukrainian": Ukraine)."""
    countries = source_words()["country"]
    return frozenset(countries.get(m.group(0), m.group(0))
                     for m in _country_pattern().finditer(text))


_THEIR_COUNTRY = re.compile(r"(?:his|her|their)\s+country['’]s\s+(.+)", re.IGNORECASE)


class _Document:
    """The entities of one document and the indexes references look through."""

    def __init__(self) -> None:
        self.by_id: dict[str, _Entity] = {}
        self.surnames: dict[str, _Entity] = {}
        self.roles: dict[str, list[_Entity]] = {}
        self.heads: dict[str, list[_Entity]] = {}
        self.unnamed: dict[str, list[_Entity]] = {}
        self.last_person: _Entity | None = None

    def resolve(self, source: Source) -> _Entity:
        words = source.name
        if source.refers_to:  # "he", "the agency": the entity of the earlier source
            source = dataclasses.replace(source, name=source.refers_to)
        ident = _identity(self._country_of_speaker(source.name), source.type,
                          source.anonymous)
        entity = (self.by_id.get(ident.source_id) or self._reference(source, ident)
                  or self._side(source))
        if entity is None:
            entity = self.by_id[ident.source_id] = _Entity(ident)
            self._index(entity)
        entity.absorb(ident, source.name)
        if words != source.name:
            entity.absorb(ident, words)
        for form in source.surface_forms:  # words the text gave it ("the HDF")
            entity.absorb(ident, form)
        if entity.ident.kind == "person":
            self.last_person = entity
        return entity

    def _country_of_speaker(self, name: str) -> str:
        """ "his country's military intelligence" after a speaker of Ukraine:
        "Ukraine's military intelligence"."""
        m = _THEIR_COUNTRY.match(name)
        if m is None or self.last_person is None:
            return name
        countries = _countries_in(self.last_person.organisation or "")
        if len(countries) != 1:
            return name
        return f"{next(iter(countries))}'s {m.group(1)}"

    def _reference(self, source: Source, ident: _Identity) -> _Entity | None:
        if is_cyrillic(source.name):
            return None if ident.tabled or source.anonymous else self._cyrillic_reference(
                source)
        words = ident.key.split()
        if not words or (ident.kind == "person" and ident.role) or ident.tabled:
            return None  # a full name, or a body the alias table knows, is itself
        if source.anonymous:
            # "the diplomat" after "a Western diplomat familiar with the situation"
            if len(words) == 1:
                return _latest(self.unnamed.get(words[0], ()), None)
            return None
        name = display_name(source.name)
        if re.fullmatch(r"[A-Z][\w'’-]+", name):  # "Miller" after "Matthew Miller"
            return self.surnames.get(name)
        if not _is_description(source.name):
            # "the General Staff" after "Ukraine's General Staff": the name without
            # the country (or other words) that opened it earlier
            if len(words) < 2:
                return None
            return next((e for e in reversed(self.heads.get(words[-1], ()))
                         if any(k.endswith(" " + ident.key) for k in _entity_keys(e.ident))),
                        None)
        countries = _countries_in(display_name(source.name))
        family = _role_family(words)
        if family is not None:  # "the spokesperson", "the Ukrainian president"
            return _latest(self.roles.get(family, ()), countries)
        return _latest(self.heads.get(words[-1], ()), countries)  # "the ministry"

    def _side(self, source: Source) -> _Entity | None:
        from geoclaims.claims._cyrillic_sources import side_of

        return side_of(self, source)

    def _cyrillic_reference(self, source: Source) -> _Entity | None:
        from geoclaims.claims._cyrillic_sources import cyrillic_reference

        return cyrillic_reference(self, source)

    def _index(self, entity: _Entity) -> None:
        ident = entity.ident
        if ident.kind == "person" and ident.person and is_cyrillic(ident.person):
            from geoclaims.text.inflection import light_stem

            self.surnames[light_stem(ident.person.split()[-1])] = entity
        if ident.kind == "person":
            self.surnames[ident.canonical.split()[-1]] = entity
            family = _role_family((entity.role or "").split())
            if family is not None:
                self.roles.setdefault(family, []).append(entity)
        elif ident.kind in ("anonymous", "residents/witnesses", "social media/blogger") \
                and ident.canonical.startswith("unnamed "):
            self.unnamed.setdefault(ident.key.split()[-1], []).append(entity)
        else:
            for head in dict.fromkeys(k.split()[-1] for k in _entity_keys(ident) if k):
                self.heads.setdefault(head, []).append(entity)


@cache
def _alias_keys() -> Mapping[str, tuple[str, ...]]:
    """Alias-table id -> the keys of its canonical name and aliases."""
    out: dict[str, list[str]] = {}
    for key, entry in alias_table().by_key.items():
        out.setdefault(entry.id, []).append(key)
    return {k: tuple(v) for k, v in out.items()}


def _entity_keys(ident: _Identity) -> tuple[str, ...]:
    """The keys an entity is known by: all its aliases' for a body of the table."""
    return _alias_keys().get(ident.source_id, (ident.key,)) if ident.tabled else (ident.key,)


def _latest(
    entities: Sequence[_Entity], countries: frozenset[str] | None
) -> _Entity | None:
    """The latest of ``entities`` whose country agrees with ``countries`` (if given)."""
    for entity in list(reversed(entities))[:REFERENCE_WINDOW]:
        if not countries:
            return entity
        text = " ".join(filter(None, (entity.ident.canonical, entity.organisation,
                                      entity.ident.key)))
        theirs = _countries_in(text) | _table_country(entity.ident.source_id)
        if not theirs or countries & theirs:
            return entity
    return None


@cache
def _table_entry(source_id: str) -> AliasEntry | None:
    return next((e for e in alias_table().entries if e.id == source_id), None)


@cache
def _table_country(source_id: str) -> frozenset[str]:
    entry = next((e for e in alias_table().entries if e.id == source_id), None)
    if entry is None or entry.country is None:
        return frozenset()
    names = source_words()["iso"]
    return frozenset({names[entry.country]} if entry.country in names else ())


def resolve_sources(claims: Iterable[Claim]) -> list[Claim]:
    """The claims of one document with canonical, in-document resolved sources.

    Every link of every chain gets the entity its name names
    (:func:`canonical_source`); names that refer back to an entity already named in
    the document join it (see the module docstring), and every link of an entity
    lists all its surface forms. ``Source.name`` stays the text's own words.

    Examples
    --------
    >>> from geoclaims.claims.model import Confidence
    >>> wire = Source(name="Wire", type="outlet")
    >>> def claim(i, name, type):
    ...     return Claim(claim_id=f"d:{i}", start=i, end=i + 1, statement="...",
    ...                  sources=(wire, Source(name=name, type=type)),
    ...                  confidence=Confidence.REPORTED)
    >>> out = resolve_sources([
    ...     claim(0, "U.S. State Department spokesperson Matthew Miller", "official"),
    ...     claim(1, "Miller", "person"), claim(2, "the spokesperson", "official")])
    >>> sorted({c.sources[1].source_id for c in out})
    ['matthew-miller']
    >>> out[2].sources[1].surface_forms[1:]
    ('Miller', 'the spokesperson')
    """
    claims = list(claims)
    doc = _Document()
    # A carried chain repeats one Source object in many claims (the publisher is in
    # every one): each (link, entity) is resolved and rebuilt once.
    resolved: dict[Source, _Entity] = {}
    links = []
    for claim in claims:
        entities = []
        for src in claim.sources:
            entity = resolved.get(src)
            if entity is None:
                entity = resolved[src] = doc.resolve(src)
            else:
                entity.absorb(entity.ident, src.name)
            entities.append(entity)
        links.append(entities)
    built: dict[tuple[Source, int], Source] = {}
    out = []
    for claim, entities in zip(claims, links, strict=True):
        sources = []
        for src, ent in zip(claim.sources, entities, strict=True):
            key = (src, id(ent))
            new = built.get(key)
            if new is None:
                new = built[key] = dataclasses.replace(
                    src, source_id=ent.ident.source_id, canonical=ent.ident.canonical,
                    kind=ent.ident.kind, role=ent.role, organisation=ent.organisation,
                    person=src.person or ent.person, surface_forms=tuple(ent.forms))
            sources.append(new)
        out.append(dataclasses.replace(claim, sources=tuple(sources)))
    return out


def source_ids_matching(query: str) -> frozenset[str]:
    """Ids of the alias-table rows a query names (an alias, or part of a canonical name).

    What ``geoclaims query --source`` adds to matching the names of the text:
    ``--source GUR`` finds claims citing "Ukraine's Military Intelligence".

    Examples
    --------
    >>> sorted(source_ids_matching("GUR"))
    ['ua-hur']
    >>> sorted(source_ids_matching("Houthi"))
    ['ye-houthis']
    """
    table = alias_table()
    found = set()
    entry = table.lookup(query)
    if entry is not None:
        found.add(entry.id)
    folded = query.casefold().strip()
    if len(folded) >= 3:
        found.update(e.id for e in table.entries if folded in e.canonical.casefold())
    return frozenset(found)
