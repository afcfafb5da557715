"""Plain-text dumps -> blocks: every non-blank line is a block, except hard-wrapped lines.

Scrapers separate paragraphs by blank lines (html-text) or by single newlines
(inscriptis, many crawlers), so a line is the unit; whether a blank line preceded it is
kept as ``gap_before``. List bullets are recorded and removed from the text. A line
that carries on the sentence of the line above it (mail and ``<pre>`` text wrapped at a
fixed width) joins that line's block, keeping its newline. A page laid out as a table
of columns is read column by column (``columns``).
"""

from __future__ import annotations

import regex

from ..model import Block, Document, Kind
from .columns import numbered_lines

# "* item", "+ sub-item", "- item", "• item": inscriptis and markdown-ish list bullets.
# Not the dashes "–" / "—", which open quoted speech in many languages.
BULLET = regex.compile(r"\A[*+\-•·◦▪►]\s+(?=\S)")
BULLET_CHARS = frozenset("*+-•·◦▪►")
# A line that starts in lower case right under a line that does not end a sentence is the
# same paragraph, hard-wrapped; both lines must be this long, so menu items never merge.
WRAP_MIN_WORDS = 4
WRAP_STOPS = frozenset(".!?:;…。！？\"”»)")


def _continues(previous: str, long_enough: bool, line: str) -> bool:
    """``line`` carries on the sentence of ``previous`` (the last line of a block of
    ``WRAP_MIN_WORDS`` words or more when ``long_enough``): hard-wrapped prose."""
    return (
        line[0].islower()
        and previous[-1] not in WRAP_STOPS
        and long_enough
        and line.count(" ") + 1 >= WRAP_MIN_WORDS
    )


def segment(decoded: str) -> Document:
    """Blocks of a text dump; the first block is taken as the page title candidate.

    Linear in the page: a hard-wrapped paragraph's lines are gathered in a list and
    joined once, and whether its block is long enough to be joined is known from its
    first line (a joined block always is), never recounted on the growing text."""
    blocks: list[Block] = []
    lines: list[str] = []  # the lines of the last block, joined when it is complete
    long_enough = False  # the last block has WRAP_MIN_WORDS words or more
    gap = True
    for number, line in numbered_lines(decoded):  # layout grids column by column
        stripped = line.strip()
        if not stripped:
            gap = True
            continue
        bullet = BULLET.match(stripped) if stripped[0] in BULLET_CHARS else None
        if not gap and not bullet and lines and _continues(lines[-1], long_enough, stripped):
            lines.append(stripped)  # a hard-wrapped line of the same paragraph
            continue
        if len(lines) > 1:
            blocks[-1].text = "\n".join(lines)
        text = stripped[bullet.end() :] if bullet else stripped
        blocks.append(
            Block(  # by position, in the fields' order: twice as fast as by keyword
                len(blocks),  # index
                text,  # text
                number,  # line
                gap,  # gap_before
                len(line) - len(line.lstrip()),  # indent
                bullet is not None,  # bullet
            )
        )
        lines = [text]
        long_enough = text.count(" ") + 1 >= WRAP_MIN_WORDS
        gap = False
    if len(lines) > 1:
        blocks[-1].text = "\n".join(lines)
    return Document(kind=Kind.TEXT, blocks=blocks, title=blocks[0].text if blocks else None)
