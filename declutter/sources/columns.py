"""Column layouts in text dumps: a page laid out as a table, read column by column.

Some scrapers (inscriptis) write a table row's cells side by side, padded with spaces, so
a layout table (a menu column beside the article column) interleaves the menu with the
article line by line. In a layout grid the cells are regrouped column by column, left to
right, each cell keeping its line number. A data table (prices, fees, results) has
several cells on nearly every line and is read by rows, as it is written.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

# Cells on one line are separated by at least this many spaces; prose has no such run.
CELL_GAP = 4
_GAP = regex.compile(rf"(?<=\S) {{{CELL_GAP},}}(?=\S)")
_CELL = regex.compile(rf"\S(?:.*?\S)?(?= {{{CELL_GAP},}}|\s*\Z)")
# A layout grid holds a paragraph of the article in one of its cells ...
LAYOUT_CELL_MIN_WORDS = 25
# ... and lines with one cell (a cell running over several lines) beside those with
# several; a data table has several cells on nearly every line.
LAYOUT_MAX_MULTI_CELL_SHARE = 0.8


def numbered_lines(decoded: str) -> Iterator[tuple[int, str]]:
    """The text's lines as ``(1-based line number, text)``, layout grids by column."""
    lines = enumerate(decoded.split("\n"), start=1)
    if _GAP.search(decoded) is None:  # no line holds two cells (most pages): no grid
        return lines
    return _by_columns(lines)


def _by_columns(lines: Iterator[tuple[int, str]]) -> Iterator[tuple[int, str]]:
    group: list[tuple[int, str]] = []
    for number, line in lines:
        if line.strip():
            group.append((number, line))
            continue
        yield from _read(group)
        group = []
        yield number, line
    yield from _read(group)


def _read(group: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """A run of non-blank lines, by column if it is a layout grid."""
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
        len(cell.split()) >= LAYOUT_CELL_MIN_WORDS
        for line in multi_cell
        for cell in _CELL.findall(line)
    )
