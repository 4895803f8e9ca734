"""analyze(): text -> places, spatial expressions and their footprints, in one Report."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from geoclaims.errors import InputError

if TYPE_CHECKING:
    from geoclaims.claims.model import Claim
    from geoclaims.geometry.footprints import Footprint
    from geoclaims.places.gazetteer import Gazetteer
    from geoclaims.places.resolve import Resolution
    from geoclaims.text.segment import Segmentation
    from geoclaims.text.spatial import SpatialExpression


@dataclass(frozen=True, slots=True, kw_only=True)
class Report:
    """Everything geoclaims found in one document."""

    doc_id: str
    text: str
    outlet: str | None = None
    published: str | None = None
    #: Place mentions and the entries they resolve to (place None when unresolved).
    resolutions: tuple[Resolution, ...] = ()
    #: Spatial expressions; those without a footprint carry their ``problems``.
    expressions: tuple[SpatialExpression, ...] = ()
    footprints: tuple[Footprint, ...] = ()
    claims: tuple[Claim, ...] = ()
    #: Gazetteer version used (provenance).
    gazetteer_version: str = ""
    #: Language of the text (:func:`geoclaims.text.language.detect_language`): "en",
    #: "ru", "uk", or "und" when undetermined or unsupported; an unsupported text
    #: has ``meta["language_note"]`` saying why (Latin-script text is still read by
    #: the English recogniser, other Cyrillic text gives no place).
    lang: str = "en"
    meta: dict[str, str] = field(default_factory=dict)


def analyze(
    text: str,
    *,
    doc_id: str = "doc",
    outlet: str | None = None,
    published: str | None = None,
    url: str | None = None,
    gazetteer: Gazetteer | None = None,
) -> Report:
    """Geoparse a document and turn its spatial expressions into footprints.

    Parameters
    ----------
    text : str
        The document.
    doc_id, outlet, published : str, optional
        Metadata kept on the report.
    url : str, optional
        Where the document came from; kept in ``Report.meta["url"]``.
    gazetteer : Gazetteer, optional
        Defaults to :meth:`Gazetteer.default`.

    Raises
    ------
    InputError
        If ``text`` is not a str or ``published`` is not a date (YYYY-MM-DD).

    Examples
    --------
    >>> report = analyze("Drones hit a depot 12 km from the border in Belgorod region.")
    ...                                                       # doctest: +SKIP
    >>> [f.rule for f in report.footprints]                   # doctest: +SKIP
    ['from_border.v1']
    """
    from geoclaims.claims.extract import extract_claims
    from geoclaims.geometry.context import place_spans
    from geoclaims.geometry.footprints import build_footprints
    from geoclaims.places.gazetteer import Gazetteer
    from geoclaims.places.geoparse import analysed_language, geoparse
    from geoclaims.text.dates import parse_published
    from geoclaims.text.segment import segment
    from geoclaims.text.spatial import find_spatial_expressions

    if not isinstance(text, str):
        raise InputError(f"text must be str, got {type(text).__name__}")
    published_date = parse_published(published)
    gaz = gazetteer if gazetteer is not None else Gazetteer.default()
    # One segmentation for every step: "the same sentence" means one span to all.
    seg = segment(text)
    resolutions = geoparse(text, gazetteer=gaz, segmentation=seg)
    expressions, footprints = build_footprints(
        text, find_spatial_expressions(text, place_spans(resolutions)), resolutions, gaz,
        segmentation=seg,
    )
    # A Cyrillic text of another language (Belarusian, Serbian ...) has no reading:
    # its words of saying are unknown, so every sentence would pass for a confirmed
    # fact. No claim is made of it (the report's language note says so). Latin-script
    # text the language rule calls unsupported is still read with the English rules:
    # the rule says so of English tweets, address lists and pinyin-laden articles too.
    claims = [] if analysed_language(seg) is None else extract_claims(
        text, outlet=outlet, published=published_date, resolutions=resolutions,
        footprints=footprints, doc_id=doc_id, segmentation=seg,
    )
    return Report(
        doc_id=doc_id, text=text, outlet=outlet,
        published=published_date.isoformat() if published_date else None,
        resolutions=tuple(resolutions), expressions=tuple(expressions),
        footprints=tuple(footprints), claims=tuple(claims), gazetteer_version=gaz.version,
        lang=seg.language.code,
        meta=_meta(url, seg),
    )


def _unsupported(seg: Segmentation) -> bool:
    """True for a text of a language geoclaims does not read (not one too short to tell)."""
    language = seg.language
    return not language.supported and not language.reason.startswith("only ")


def _meta(url: str | None, seg: Segmentation) -> dict[str, str]:
    """The report's metadata: the address, and a note for an unsupported language."""
    from geoclaims.places.geoparse import analysed_language

    meta = {"url": url} if url else {}
    if _unsupported(seg):
        read = ("no places or claims were read" if analysed_language(seg) is None
                else "read with the English rules")
        meta["language_note"] = f"unsupported language: {seg.language.reason}; {read}"
    return meta
