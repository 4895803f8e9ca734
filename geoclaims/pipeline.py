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
    #: "ru", "uk", or "und" when undetermined or unsupported (analysed as English).
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
    from geoclaims.places.geoparse import geoparse
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
    claims = extract_claims(
        text, outlet=outlet, published=published_date, resolutions=resolutions,
        footprints=footprints, doc_id=doc_id, segmentation=seg,
    )
    return Report(
        doc_id=doc_id, text=text, outlet=outlet,
        published=published_date.isoformat() if published_date else None,
        resolutions=tuple(resolutions), expressions=tuple(expressions),
        footprints=tuple(footprints), claims=tuple(claims), gazetteer_version=gaz.version,
        lang=seg.language.code,
        meta={"url": url} if url else {},
    )
