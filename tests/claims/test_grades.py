"""Tests of geoclaims.claims.grades: one row per grade rule, each needing its rule."""

from __future__ import annotations

import pytest

from geoclaims.claims.grades import RULES, cue_grade
from geoclaims.claims.model import Confidence

C = Confidence

#: (rule, sentence, the grade its cue words give or None for no cue grade), id = the rule.
ROWS = [
    pytest.param("negated_denial", "Kyiv has also not denied being behind the strikes.",
                 None, id="negated_denial"),
    pytest.param("negated_denial", "The army neither confirmed nor denied that it burned.",
                 None, id="negated_denial"),
    pytest.param("denial", "The Kremlin denied that any depot near Kursk was hit.",
                 C.DENIED, id="denial"),
    pytest.param("not_true", "The governor said reports of a breakthrough were untrue.",
                 C.DENIED, id="not_true"),
    pytest.param("not_true", "A spokesman said the claim about the bridge is not true.",
                 C.DENIED, id="not_true"),
    pytest.param("cannot_confirm", "The agency could not independently confirm the toll.",
                 C.DISPUTED, id="cannot_confirm"),
    pytest.param("not_confirmed", "Kyiv has not confirmed the capture of the village.",
                 C.DISPUTED, id="not_confirmed"),
    pytest.param("not_confirmed", "Claims of the capture were not confirmed by the army.",
                 C.DISPUTED, id="not_confirmed"),
    pytest.param("no_evidence", "The ministry has not provided any evidence of the strike.",
                 C.DISPUTED, id="no_evidence"),
    pytest.param("no_evidence", "Analysts have not found visual evidence to support these claims.",
                 C.DISPUTED, id="no_evidence"),
    pytest.param("no_information", "The fleet said it did not have information to confirm it.",
                 C.DISPUTED, id="no_information"),
    pytest.param("no_information", "The army said its inquiry showed “no indication” of a raid.",
                 C.DISPUTED, id="no_information"),
    pytest.param("not_seen", "The embassy has not seen foreign troops at the front.",
                 C.DISPUTED, id="not_seen"),
    pytest.param("if_true", "If true, it would be the deepest raid of the war.",
                 C.DISPUTED, id="if_true"),
    pytest.param("contested_by_a_party", "Moscow disputed the account of the raid.",
                 C.DISPUTED, id="contested_by_a_party"),
]

#: Sentences no rule may grade: words of the rules in another sense.
NOT_GRADED = [
    "Fighting went on around the fiercely contested eastern city.",
    "The talks touched on a dispute regarding the shoal.",
    "An area contested between the two armies lies east of the river.",
    "Officials confirmed that the bridge reopened on Monday.",
    "There was no information on casualties by late evening.",
]


@pytest.mark.parametrize(("name", "sentence", "grade"), ROWS)
def test_grades_rule_row(name: str, sentence: str, grade: Confidence | None) -> None:
    found = cue_grade(sentence)
    assert (found[0] if found else None) is grade
    # The row needs its rule: without it the sentence is graded otherwise.
    others = [r for r in RULES if r.name != name]
    without = cue_grade(sentence, others)
    assert (without[0] if without else None) is not grade, f"{name} decides nothing here"


def test_grades_every_rule_has_a_row() -> None:
    assert {r.name for r in RULES} == {p.values[0] for p in ROWS}


@pytest.mark.parametrize("sentence", NOT_GRADED)
def test_grades_other_senses_are_not_cues(sentence: str) -> None:
    assert cue_grade(sentence) is None


def test_grades_give_the_cue_words() -> None:
    assert cue_grade("Kyiv has not confirmed the capture.") == (
        C.DISPUTED, "has not confirmed")
