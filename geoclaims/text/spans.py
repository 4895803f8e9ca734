"""Offset lookups over a document's spans (mentions, expressions), sorted once.

A document's place mentions are looked up by offset from every sentence (claim scope)
and every spatial expression (footprint anchoring). :class:`SpanIndex` sorts them by
start once, so each lookup is a bisection: the work over a document stays linear in
its length instead of growing with its sentences times its mentions.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable
from typing import Generic, TypeVar

T = TypeVar("T")


class SpanIndex(Generic[T]):
    """Items of a document with ``[start, end)`` offsets, by start.

    Parameters
    ----------
    items : iterable of (key, item)
        The items with their keys (usually their positions in a document's list).
        Lookups return ``(key, item)`` pairs ordered by key.
    span : callable
        ``item -> (start, end)``.

    Examples
    --------
    >>> words = SpanIndex(enumerate([(0, 5), (6, 11), (12, 17)]), span=lambda s: s)
    >>> [k for k, _ in words.within(0, 11)]
    [0, 1]
    >>> [k for k, _ in words.overlapping(4, 7)]
    [0, 1]
    >>> [k for k, _ in words.starting_in(7, 17)]
    [2]
    """

    def __init__(self, items: Iterable[tuple[int, T]],
                 span: Callable[[T], tuple[int, int]]) -> None:
        rows = sorted(((span(item), key, item) for key, item in items),
                      key=lambda row: (row[0][0], row[1]))
        self._starts = [start for (start, _), _, _ in rows]
        self._ends = [end for (_, end), _, _ in rows]
        self._keyed = [(key, item) for _, key, item in rows]
        self._longest = max((e - s for s, e in zip(self._starts, self._ends, strict=True)),
                            default=0)

    def __len__(self) -> int:
        return len(self._keyed)

    def _pick(self, lo: int, hi: int, keep: Callable[[int], bool]) -> list[tuple[int, T]]:
        return sorted((self._keyed[i] for i in range(lo, hi) if keep(i)),
                      key=lambda pair: pair[0])

    def starting_in(self, start: int, end: int) -> list[tuple[int, T]]:
        """Items whose start is in ``[start, end)``."""
        lo = bisect.bisect_left(self._starts, start)
        hi = bisect.bisect_left(self._starts, end)
        return self._pick(lo, hi, lambda i: True)

    def within(self, start: int, end: int) -> list[tuple[int, T]]:
        """Items lying inside ``[start, end)``."""
        lo = bisect.bisect_left(self._starts, start)
        hi = bisect.bisect_left(self._starts, end)
        return self._pick(lo, hi, lambda i: self._ends[i] <= end)

    def overlapping(self, start: int, end: int) -> list[tuple[int, T]]:
        """Items sharing at least one character with ``[start, end)``."""
        lo = bisect.bisect_left(self._starts, start - self._longest)
        hi = bisect.bisect_left(self._starts, end)
        return self._pick(lo, hi, lambda i: self._ends[i] > start)
