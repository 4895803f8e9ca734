"""Scoring geoclaims against gold corpora.

:mod:`geoclaims.evaluation.toponyms`
    toponym recognition (P/R/F1, strict and overlap) and resolution (acc@161, AUC).
:mod:`geoclaims.evaluation.claims`
    claim extraction: claim spans, cited sources, grades, likelihoods, places, dates.
:mod:`geoclaims.evaluation.polnear`
    attributions of PolNeAR (political news): content, source and cue of who says what.
:mod:`geoclaims.evaluation.matching`
    the one greedy matcher of all three, lenient source names, likelihood words and
    the PolNeAR name and cue rules.
:mod:`geoclaims.evaluation.tables`
    markdown tables of the results (benchmarks, ``geoclaims eval --markdown``).

The scorers read gold and predicted JSON Lines with one reader (``_readers``) and
report precision, recall and F1 with one function and one score record
(``_scores``). The package sits in layer L6: it imports the gazetteer helpers and
nothing above the pipeline.
"""
