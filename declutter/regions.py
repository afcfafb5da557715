"""The maximum-sum segment: the article region over per-block weights."""

from __future__ import annotations


def best_region(weights: list[float]) -> tuple[int, int] | None:
    """The ``(start, end)`` (inclusive) of the maximum-sum segment; None if none is positive."""
    best, best_span = 0.0, None
    running, start = 0.0, 0
    for i, w in enumerate(weights):
        if running <= 0:
            running, start = 0.0, i
        running += w
        if running > best:
            best, best_span = running, (start, i)
    return best_span
