"""Claims as plain records: the claims-jsonl format used for scoring and other tools."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from geoclaims.claims.model import Claim
    from geoclaims.geometry.footprints import Footprint


def claim_record(claim: Claim, footprints: tuple[Footprint, ...] = ()) -> dict[str, Any]:
    """One claim in the claims-jsonl format (offsets into the document text)."""
    return {
        "claim_id": claim.claim_id,
        "start": claim.start,
        "end": claim.end,
        "statement": claim.statement,
        "confidence": claim.confidence.value,
        "likelihood": claim.likelihood,
        "likelihood_range": list(claim.likelihood_range) if claim.likelihood_range else None,
        "reporting_source": claim.reporting_source,
        "cited_sources": list(claim.cited_sources),
        "source_chain": [
            {"name": s.name, "type": s.type, "anonymous": s.anonymous,
             "affiliation": s.affiliation, "person": s.person,
             "source_id": s.source_id, "canonical": s.canonical, "kind": s.kind,
             "role": s.role, "organisation": s.organisation,
             "surface_forms": list(s.surface_forms), "refers_to": s.refers_to}
            for s in claim.sources
        ],
        "cues": list(claim.cues),
        "event_date": claim.event_date,
        "date_precision": claim.date_precision,
        "date_note": claim.date_note,
        "quantities": [dict(q) for q in claim.quantities],
        "places": list(claim.places),
        "location_precision": claim.location_precision,
        "footprints": [footprints[i].__geo_interface__ for i in claim.footprints
                       if i < len(footprints)],
        "responds_to": claim.responds_to,
        "modifiers": list(claim.modifiers),
        "lang": claim.lang,
    }
