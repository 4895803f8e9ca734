"""Canonical sources of Russian and Ukrainian names: what :mod:`geoclaims.claims.sources` adds.

A name the alias table does not know is read by :func:`cyrillic_identity` (an unnamed
source marked, a personal name romanised, anything else kept); in one document a
surname or a bare noun joins the entity named before (:func:`cyrillic_reference`), and
a plural demonym the body of its country (:func:`side_of`).
"""

from __future__ import annotations

import re
from functools import cache

from geoclaims.claims.model import Source
from geoclaims.claims.source_rules import display_name, source_key
from geoclaims.claims.sources import (
    _PERSON_RULES,
    _TYPE_KINDS,
    _Document,
    _Entity,
    _entity_keys,
    _Identity,
    _kind_of_words,
    _slug,
    _table_entry,
    alias_table,
)
from geoclaims.text.inflection import is_cyrillic

__all__ = ["cyrillic_identity", "cyrillic_language", "cyrillic_reference", "demonym_country",
           "side_of"]


#: A personal name closing a Russian or Ukrainian source phrase: two capitalised
#: words, given name and surname ("представник ВСУВ «Хортиця» Віктор Трегубов").
_CYRILLIC_PERSON = re.compile(
    r"(?:^|\s)([А-ЯІЇЄҐЁ][а-яіїєґё'’ʼ-]+\s+[А-ЯІЇЄҐЁ][а-яіїєґё'’ʼ-]+)$")


def cyrillic_language(text: str) -> str:
    """ "uk" for a name with a letter only Ukrainian writes, else "ru"."""
    return "uk" if re.search(r"[іїєґІЇЄҐ]", text) else "ru"


def cyrillic_identity(text: str, type: str, anonymous: bool, lang: str) -> _Identity:
    """The entity of a Russian or Ukrainian name the alias table does not know.

    An unnamed source keeps its words, marked "(unnamed)"; a phrase that ends in a
    personal name is that person, romanised (:func:`geoclaims.text.transliterate.
    transliterate`), with the words before it as the role; anything else keeps its
    own name, with the kind its words give.
    """
    from geoclaims.text.transliterate import transliterate

    shown = " ".join(re.sub(r"[«»“”\"]", " ", display_name(text)).split())
    key = source_key(shown)
    kind = _kind_of_words(transliterate(shown, lang)) or _kind_of_words(shown)
    if anonymous:
        canonical = f"{shown} (unnamed)"
        if kind not in ("residents/witnesses", "social media/blogger"):
            kind = "anonymous"
        return _Identity(_slug(f"unnamed {key}"), canonical, kind, None, None, None, key)
    person = _CYRILLIC_PERSON.search(shown)
    if person is not None and not shown.isupper():
        name = person.group(1)
        role = shown[: person.start(1)].strip(" ,") or None
        latin = transliterate(name, lang)
        organisation = None
        if role:
            entry = alias_table().lookup(role)
            organisation = entry.canonical if entry is not None else None
        person_key = source_key(latin, _PERSON_RULES)
        return _Identity(_slug(person_key), latin, "person", role, organisation, name,
                         person_key)
    return _Identity(_slug(key), shown, kind or _TYPE_KINDS.get(type, "other"), None, None,
                     None, key)


@cache
def demonym_country(name: str) -> str | None:
    """The country a bare plural demonym names ("Росіяни": RU), or None."""
    from geoclaims.text import lexicon
    from geoclaims.text.inflection import light_stem

    if not is_cyrillic(name) or len(name.split()) != 1:
        return None
    stem = light_stem(name.strip(" «»\""))
    for lang in ("ru", "uk"):
        for word, country in lexicon.table("demonym_sources", lang).items():
            if light_stem(word) == stem:
                return country
    return None


def side_of(doc: _Document, source: Source) -> _Entity | None:
    """ "Росіяни заявили" after "Міністерство оборони Росії": a plural demonym
    speaking for its side is the latest body of that country named before
    (``<lang>/demonym_sources``)."""
    country = demonym_country(source.name)
    if country is None:
        return None
    for entity in reversed(doc.by_id.values()):
        entry = _table_entry(entity.ident.source_id) if entity.ident.tabled else None
        if entry is not None and entry.country == country:
            return entity
    return None

def cyrillic_reference(doc: _Document, source: Source) -> _Entity | None:
    """ "Трегубов" after "Віктор Трегубов", "служби" after "Державна прикордонна
    служба України": a surname is the person of that surname, a bare noun the
    latest body whose name has it (in any case form)."""
    from geoclaims.text.inflection import light_stem

    words = display_name(source.name).strip("«»“”\" ").split()
    if len(words) != 1:
        return None
    word = words[0]
    if word[:1].isupper():
        return doc.surnames.get(light_stem(word))
    stem = light_stem(word)
    for entity in reversed(doc.by_id.values()):
        if entity.ident.kind != "person" and any(
                stem in key.split() for key in _entity_keys(entity.ident)):
            return entity
    return None
