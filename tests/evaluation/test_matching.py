"""Tests of geoclaims.evaluation.matching (span matching, lenient source names)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from geoclaims.evaluation.matching import (
    is_anonymous_source,
    is_same_source,
    match_spans,
)

_spans = st.lists(
    st.tuples(st.integers(0, 30), st.integers(1, 8)).map(lambda t: (t[0], t[0] + t[1])),
    max_size=8,
)


@pytest.mark.parametrize(
    ("gold", "pred", "expected"),
    [
        ([(0, 10)], [(0, 10)], [(0, 0)]),
        # The larger overlap ratio wins: 8/10 beats 4/10.
        ([(0, 10)], [(0, 4), (2, 10)], [(0, 1)]),
        # One prediction over two gold claims matches only one (ties: lower index).
        ([(0, 10), (10, 20)], [(0, 20)], [(0, 0)]),
        ([(0, 10), (10, 20)], [(5, 15)], [(0, 0)]),
        # A tie on ratio goes to the pair with more shared characters.
        ([(10, 30), (0, 35)], [(10, 50)], [(1, 0)]),
        # Best pairs first, then the remaining ones.
        ([(0, 10), (8, 20)], [(9, 20), (0, 9)], [(1, 0), (0, 1)]),
        ([(0, 10), (10, 20)], [(0, 20), (2, 10)], [(0, 1), (1, 0)]),
        # End exclusive: touching spans share no character.
        ([(0, 10)], [(10, 20)], []),
        ([], [(0, 5)], []),
    ],
)
def test_matching_match_spans_by_overlap(
    gold: list[tuple[int, int]],
    pred: list[tuple[int, int]],
    expected: list[tuple[int, int]],
) -> None:
    assert match_spans(gold, pred, prefer="overlap") == expected


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("Ukraine's Military Intelligence", "military intelligence (HUR)", True),
        ("Reuters", "Kremlin", False),
        ("unnamed intelligence officials", "intelligence sources (unnamed)", True),
        ("Volodymyr Zelenskyy", "Zelenskyy", True),
        ("Ukraine\u2019s General Staff", "the General Staff", True),
        ("U.S. government", "US government", True),
        ("Kyiv's General Staff", "General Staff of Ukraine", True),
        ("Moscow's Ministry of Defense", "Russian Ministry of Defense", True),
        ("Russian defense ministry", "Russian Ministry of Defense", True),
        ("Pentagon (Sabrina Singh)", "Sabrina Singh", True),
        ("David Cohen (CIA)", "CIA", True),
        ("Xinhua", "Xinhua News Agency", True),
        ("", "", True),
        ("", "Reuters", False),
        ("Russia", "Russian Ministry of Defense", False),
        ("Ukraine", "Russia", False),
        ("RBC", "Reuters", False),
        ("Israeli military", "Hamas", False),
        ("Institute for the Study of War", "officials (unnamed)", False),
    ],
)
def test_matching_is_same_source(a: str, b: str, expected: bool) -> None:
    assert is_same_source(a, b) is expected
    assert is_same_source(b, a) is expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("intelligence sources (unnamed)", True),
        ("a source close to the ministry", True),
        ("people familiar with the matter", True),
        ("reports (unnamed)", True),
        ("Western diplomats", True),
        ("Volodymyr Zelenskyy", False),
        ("Pentagon (Sabrina Singh)", False),
        ("", False),
    ],
)
def test_matching_is_anonymous_source(name: str, expected: bool) -> None:
    assert is_anonymous_source(name) is expected


@pytest.mark.parametrize(
    ("gold", "pred", "expected"),
    [
        # Identical spans pair first, whatever the text order of the others.
        ([(0, 10), (3, 5)], [(3, 5)], [(1, 0)]),
        ([(0, 10), (0, 10)], [(0, 10)], [(0, 0)]),
        # Then each gold span in text order takes the earliest free prediction.
        ([(10, 20), (0, 10)], [(5, 15)], [(1, 0)]),
        ([(0, 10), (10, 20)], [(0, 20), (2, 10)], [(0, 0)]),
        ([(0, 10)], [(10, 20)], []),
    ],
)
def test_matching_match_spans_by_text(
    gold: list[tuple[int, int]],
    pred: list[tuple[int, int]],
    expected: list[tuple[int, int]],
) -> None:
    assert match_spans(gold, pred, prefer="text") == expected


@given(_spans, _spans, st.sampled_from(["text", "overlap"]))
def test_matching_match_spans_is_one_to_one(
    gold: list[tuple[int, int]], pred: list[tuple[int, int]], prefer: str
) -> None:
    pairs = match_spans(gold, pred, prefer=prefer)  # type: ignore[arg-type]
    assert len({i for i, _ in pairs}) == len({j for _, j in pairs}) == len(pairs)
    for i, j in pairs:
        assert min(gold[i][1], pred[j][1]) > max(gold[i][0], pred[j][0])
    if prefer == "text":  # never below strict matching
        assert len(pairs) >= len(set(gold) & set(pred))


def test_matching_match_spans_rejects_unknown_order() -> None:
    with pytest.raises(ValueError, match="prefer"):
        match_spans([], [], prefer="longest")  # type: ignore[arg-type]
