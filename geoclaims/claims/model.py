"""Claim records: who says what, citing whom, how sure, when, how many, where."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Literal

SourceType = Literal["outlet", "official", "government body", "anonymous", "document", "person"]
#: What kind of entity a canonical source is (:attr:`Source.kind`); "other" is for what
#: none of the rest fits (a document, a bare title that names no one).
SourceKind = Literal[
    "person", "government body", "military", "intelligence service", "media outlet",
    "NGO/IO", "armed group", "social media/blogger", "residents/witnesses", "anonymous",
    "other",
]
#: The values of :data:`SourceKind`, in the order maps list their layers.
SOURCE_KINDS: tuple[str, ...] = (
    "media outlet", "government body", "military", "intelligence service", "NGO/IO",
    "armed group", "person", "social media/blogger", "residents/witnesses", "anonymous",
    "other",
)


class Confidence(StrEnum):
    """How well a claim is established, from best to worst."""

    CONFIRMED = "confirmed"
    REPORTED = "reported"
    UNVERIFIED = "unverified"
    DISPUTED = "disputed"
    DENIED = "denied"

    @classmethod
    def parse(cls, value: str) -> Confidence:
        """Tolerant parsing: ``" Reported "`` -> REPORTED.

        Raises
        ------
        ValueError
            Listing the valid grades.

        Examples
        --------
        >>> Confidence.parse(" Reported ")
        <Confidence.REPORTED: 'reported'>
        """
        key = str(value).strip().lower()
        try:
            return cls(key)
        except ValueError:
            valid = ", ".join(c.value for c in cls)
            raise ValueError(f"unknown confidence {value!r}; valid: {valid}") from None

    @property
    def rank(self) -> int:
        """0 (confirmed) .. 4 (denied), for ordering."""
        return list(Confidence).index(self)


#: ICD 203 estimative language: word -> (low, high) probability.
LIKELIHOOD_SCALE: dict[str, tuple[float, float]] = {
    "almost no chance": (0.01, 0.05), "remote": (0.01, 0.05),
    "very unlikely": (0.05, 0.20), "highly improbable": (0.05, 0.20),
    "unlikely": (0.20, 0.45), "improbable": (0.20, 0.45),
    "roughly even chance": (0.45, 0.55), "roughly even odds": (0.45, 0.55),
    "likely": (0.55, 0.80), "probably": (0.55, 0.80), "probable": (0.55, 0.80),
    "likelihood": (0.55, 0.80), "expected": (0.55, 0.80),
    "very likely": (0.80, 0.95), "highly likely": (0.80, 0.95), "highly probable": (0.80, 0.95),
    "almost certain": (0.95, 0.99), "almost certainly": (0.95, 0.99),
    "nearly certain": (0.95, 0.99),
    # Modal verbs say "possible" without a number: the ICD 203 scale's wide middle.
    "may": (0.20, 0.80), "might": (0.20, 0.80), "could": (0.20, 0.80),
    "possibly": (0.20, 0.80), "potentially": (0.20, 0.80), "possible": (0.20, 0.80),
}


@dataclass(frozen=True, slots=True, kw_only=True)
class Source:
    """One link of a source chain, and the canonical entity it names.

    ``name`` is the text's own surface form, so that a chain reads as the document
    says it and scoring compares the words of the text. The canonical entity is held
    in fields of the same record rather than in a separate one the link refers to:
    the entity is per document (its surface forms are that document's), a claim
    needs it with every link, and fields with defaults keep every older record and
    report file readable (they load with None and ``()``, and
    :func:`geoclaims.claims.sources.canonical_source` fills them from the name).
    :func:`geoclaims.claims.sources.resolve_sources` sets them at extraction.
    """

    #: Name as the text gives it ("The Kyiv Post", "unnamed intelligence officials").
    name: str
    type: SourceType
    anonymous: bool = False
    #: Offsets of the name in the text (None for the publishing outlet from metadata).
    start: int | None = None
    end: int | None = None
    #: Organisation a titled speaker speaks for ("Kremlin" of "Kremlin spokesperson
    #: Dmitry Peskov") and the person the name shows ("Dmitry Peskov"), as
    #: :func:`geoclaims.claims.attribution.speaker_affiliation` reads them at
    #: extraction; None when the name shows none, or the record predates the fields.
    affiliation: str | None = None
    person: str | None = None
    #: Stable id of the canonical entity: the alias table's id ("ua-hur") or the slug
    #: of the name's normalised key ("matthew-miller"); the same in every document.
    source_id: str | None = None
    #: Name maps, briefs and tables show ("Defence Intelligence of Ukraine (HUR)").
    canonical: str | None = None
    #: One of :data:`SOURCE_KINDS`.
    kind: SourceKind | None = None
    #: Title of a person ("spokesperson", "Defense Minister"), None for bodies.
    role: str | None = None
    #: Canonical name of the organisation a person speaks for ("US State Department").
    organisation: str | None = None
    #: Every surface form of the entity seen in the document, first seen first
    #: ("U.S. State Department spokesperson Matthew Miller", "Miller").
    surface_forms: tuple[str, ...] = ()
    #: For words that refer back ("he", "the agency", "Kirby", "the AA"): the name of
    #: the earlier source they refer to, which gives the entity; ``name`` keeps the
    #: text's words. None for a source named in full.
    refers_to: str | None = None

    @property
    def referent(self) -> str:
        """The name the source stands for: :attr:`refers_to`, else :attr:`name`."""
        return self.refers_to or self.name

    def __post_init__(self) -> None:
        if self.kind is not None and self.kind not in SOURCE_KINDS:
            raise ValueError(
                f"Source.kind must be one of {', '.join(SOURCE_KINDS)}; got {self.kind!r}")


@dataclass(frozen=True, slots=True, kw_only=True)
class Claim:
    """An asserted proposition with its provenance and geography."""

    claim_id: str
    start: int
    end: int
    statement: str
    #: Outermost first: publishing outlet, reporting outlet or speaker, cited sources.
    sources: tuple[Source, ...]
    confidence: Confidence
    #: Words that justify the grade and the attribution ("reportedly", "according to").
    cues: tuple[str, ...] = ()
    #: Estimative word ("likely", "may") and its ICD 203 probability range.
    likelihood: str | None = None
    likelihood_range: tuple[float, float] | None = None
    #: Event date (ISO) and its precision ("day": coarser dates are noted in
    #: ``date_note``, not used, see :mod:`geoclaims.claims.event_dates`), or why it is
    #: unknown.
    event_date: str | None = None
    date_precision: str | None = None
    date_note: str = ""
    quantities: tuple[dict[str, Any], ...] = ()
    #: GeoNames ids of the places the claim is about, and indices of its footprints.
    places: tuple[int, ...] = ()
    footprints: tuple[int, ...] = ()
    #: Location precision code (UCDP GED convention, 1 exact location ... 7
    #: international waters) of the claim's most precise located evidence: its
    #: footprints if it has any, else its places
    #: (:func:`geoclaims.geometry.precision.claim_precision`); None without a
    #: location, or in a record older than the field.
    location_precision: int | None = None
    #: The claim this one answers (a denial or doubt of another claim).
    responds_to: str | None = None
    #: Document-level modifiers that changed the grade ("lowered by: ...").
    modifiers: tuple[str, ...] = field(default=())
    #: Language of the document the claim was read from ("en", "ru", "uk"; "und" when
    #: undetermined, :func:`geoclaims.text.language.detect_language`).
    lang: str = "en"

    @property
    def reporting_source(self) -> str | None:
        """The outlet or speaker that carries the claim (after the publisher)."""
        return self.sources[1].name if len(self.sources) > 1 else (
            self.sources[0].name if self.sources else None
        )

    @property
    def cited_sources(self) -> tuple[str, ...]:
        """Names of the chain after the publishing outlet."""
        return tuple(s.name for s in self.sources[1:])

    @property
    def speakers(self) -> tuple[str, ...]:
        """Who the chain after the publishing outlet is: each link's
        :attr:`Source.referent` ("Donald Trump" where the text says "he")."""
        return tuple(s.referent for s in self.sources[1:])

    @property
    def source_affiliations(self) -> tuple[str, ...]:
        """Organisations the reporting and cited sources speak for, each once.

        The :attr:`Source.affiliation` of the chain after the publishing outlet (of
        the outlet when it is the only source), in chain order.
        """
        speakers = self.sources[1:] or self.sources[:1]
        return tuple(dict.fromkeys(s.affiliation for s in speakers if s.affiliation))

    def _canonical_links(self) -> tuple[Source, ...]:
        """The chain after the publishing outlet, each with its canonical entity."""
        from geoclaims.claims.sources import canonical_source

        return tuple(s if s.source_id else canonical_source(s) for s in self.sources[1:])

    @property
    def source_ids(self) -> tuple[str, ...]:
        """:attr:`Source.source_id` of the chain after the publishing outlet."""
        return tuple(s.source_id or "" for s in self._canonical_links())

    @property
    def canonical_sources(self) -> tuple[str, ...]:
        """:attr:`Source.canonical` of the chain after the publishing outlet.

        One per :attr:`cited_sources` name, in the same order; records made before
        the fields existed get them from the name alone.
        """
        return tuple(s.canonical or s.name for s in self._canonical_links())

    @property
    def source_kinds(self) -> tuple[str, ...]:
        """:attr:`Source.kind` of the chain after the publishing outlet."""
        return tuple(s.kind or "other" for s in self._canonical_links())

    @property
    def source_organisations(self) -> tuple[str, ...]:
        """Canonical organisations the cited people speak for, each once, in chain order."""
        return tuple(dict.fromkeys(
            s.organisation for s in self._canonical_links() if s.organisation))

    @property
    def anonymous_source(self) -> bool:
        """True when the innermost source is anonymous."""
        return bool(self.sources) and self.sources[-1].anonymous
