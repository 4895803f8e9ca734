"""Claims: attribution, confidence grades, and scoring against gold claims."""
