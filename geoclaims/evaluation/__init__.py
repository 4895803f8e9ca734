"""Scoring geoclaims against gold corpora.

:mod:`geoclaims.evaluation.toponyms`
    toponym recognition (P/R/F1, strict and overlap) and resolution (acc@161, AUC).
:mod:`geoclaims.evaluation.claims`
    claim extraction: claim spans, cited sources, grades, likelihoods, places, dates.
:mod:`geoclaims.evaluation.matching`
    lenient comparison of source names and likelihood words.

Both scorers read gold and predicted JSON Lines the same way and report P/R/F1 the
same way. This package sits above :mod:`geoclaims.pipeline` and imports nothing that
renders maps.
"""
