"""Column layouts in text dumps: a page laid out as a table, read column by column.

Some scrapers (inscriptis) write a table row's cells side by side, padded with spaces, so
a layout table (a menu column beside the article column) interleaves the menu with the
article line by line. In a layout grid the cells are regrouped column by column, left to
right, each cell keeping its line number. A data table (prices, fees, results) has
several cells on nearly every line and is read by rows, as it is written.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import regex

from ..tokens import words_up_to

# Cells on one line are separated by at least this many spaces; prose has no such run.
CELL_GAP = 4
_GAP = regex.compile(rf"(?<=\S) {{{CELL_GAP},}}(?=\S)")
# Matches wherever ``_GAP`` does (a non-space character is neither a space nor a newline);
# a plain ``re`` character set scans a page several times faster than ``_GAP``.
_MAYBE_GAP = re.compile(rf"[^ \n] {{{CELL_GAP},}}(?=[^ \n])")
_CELL = regex.compile(rf"\S(?:.*?\S)?(?= {{{CELL_GAP},}}|\s*\Z)")
# A layout grid holds a paragraph of the article in one of its cells ...
LAYOUT_CELL_MIN_WORDS = 25
# ... and lines with one cell (a cell running over several lines) beside those with
# several; a data table has several cells on nearly every line.
LAYOUT_MAX_MULTI_CELL_SHARE = 0.8


def numbered_lines(decoded: str) -> Iterator[tuple[int, str]]:
    """The text's lines as ``(1-based line number, text)``, layout grids by column."""
    lines = enumerate(decoded.split("\n"), start=1)
    # The substring test is much faster than the pattern and settles half the pages.
    gap_lines = _lines_with_gap(decoded) if " " * CELL_GAP in decoded else set()
    if not gap_lines:  # no line holds two cells (most pages): no grid
        return lines
    return _by_columns(lines, gap_lines)


def _lines_with_gap(decoded: str) -> set[int]:
    """The numbers of the lines that may hold a gap between two cells: every line that
    does, perhaps a few more (``is_layout_grid`` decides)."""
    found: set[int] = set()
    line, position = 1, 0
    for gap in _MAYBE_GAP.finditer(decoded):
        line += decoded.count("\n", position, gap.start())
        position = gap.start()
        found.add(line)
    return found


def _by_columns(
    lines: Iterator[tuple[int, str]], gap_lines: set[int]
) -> Iterator[tuple[int, str]]:
    group: list[tuple[int, str]] = []
    for number, line in lines:
        if line.strip():
            group.append((number, line))
            continue
        yield from _read(group, gap_lines)
        group = []
        yield number, line
    yield from _read(group, gap_lines)


def _read(group: list[tuple[int, str]], gap_lines: set[int]) -> list[tuple[int, str]]:
    """A run of non-blank lines, by column if it is a layout grid."""
    if gap_lines.isdisjoint(number for number, _ in group):
        return group  # no line of the run holds two cells: no grid (the common case)
    if not is_layout_grid([line for _, line in group]):
        return group
    columns: dict[int, list[tuple[int, str]]] = {}
    for number, line in group:
        for cell in _CELL.finditer(line):
            columns.setdefault(cell.start(), []).append((number, cell.group()))
    return [cell for start in sorted(columns) for cell in columns[start]]


def is_layout_grid(lines: list[str]) -> bool:
    """Lines laid out in columns around a paragraph-long cell, not a data table."""
    multi_cell = [line for line in lines if _GAP.search(line.strip())]
    if not multi_cell or len(multi_cell) >= LAYOUT_MAX_MULTI_CELL_SHARE * len(lines):
        return False
    return any(
        words_up_to(cell, LAYOUT_CELL_MIN_WORDS) >= LAYOUT_CELL_MIN_WORDS
        for line in multi_cell
        for cell in _CELL.findall(line)
    )
