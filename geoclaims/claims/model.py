"""Claim records: who says what, citing whom, how sure, when, how many, where."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Literal

SourceType = Literal["outlet", "official", "government body", "anonymous", "document", "person"]


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
    """One link of a source chain."""

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
    #: Event date (ISO) and its precision (day, week, month, year), or why it is unknown.
    event_date: str | None = None
    date_precision: str | None = None
    date_note: str = ""
    quantities: tuple[dict[str, Any], ...] = ()
    #: GeoNames ids of the places the claim is about, and indices of its footprints.
    places: tuple[int, ...] = ()
    footprints: tuple[int, ...] = ()
    #: The claim this one answers (a denial or doubt of another claim).
    responds_to: str | None = None
    #: Document-level modifiers that changed the grade ("lowered by: ...").
    modifiers: tuple[str, ...] = field(default=())

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
    def source_affiliations(self) -> tuple[str, ...]:
        """Organisations the reporting and cited sources speak for, each once.

        The :attr:`Source.affiliation` of the chain after the publishing outlet (of
        the outlet when it is the only source), in chain order.
        """
        speakers = self.sources[1:] or self.sources[:1]
        return tuple(dict.fromkeys(s.affiliation for s in speakers if s.affiliation))

    @property
    def anonymous_source(self) -> bool:
        """True when the innermost source is anonymous."""
        return bool(self.sources) and self.sources[-1].anonymous
