"""Text processing: normalisation, tokens and toponym candidates (no gazetteer, no geometry)."""
