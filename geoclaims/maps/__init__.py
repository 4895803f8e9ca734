"""Maps of claims: shared style, static briefs (matplotlib) and interactive maps."""
