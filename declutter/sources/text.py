"""Plain-text dumps -> blocks: every non-blank line is a block.

Scrapers separate paragraphs by blank lines (html-text) or by single newlines
(inscriptis, many crawlers), so a line is the unit; whether a blank line preceded it is
kept as ``gap_before``. List bullets are recorded and removed from the text.
"""

from __future__ import annotations

import regex

from ..model import Block, Document, Kind

# "* item", "+ sub-item", "- item", "• item": inscriptis and markdown-ish list bullets.
# Not the dashes "–" / "—", which open quoted speech in many languages.
BULLET = regex.compile(r"\A[*+\-•·◦▪►]\s+(?=\S)")


def segment(decoded: str) -> Document:
    """Blocks of a text dump; the first block is taken as the page title candidate."""
    blocks: list[Block] = []
    gap = True
    for number, line in enumerate(decoded.split("\n"), start=1):
        stripped = line.strip()
        if not stripped:
            gap = True
            continue
        bullet = BULLET.match(stripped)
        blocks.append(
            Block(
                index=len(blocks),
                text=stripped[bullet.end() :] if bullet else stripped,
                line=number,
                gap_before=gap,
                indent=len(line) - len(line.lstrip()),
                bullet=bullet is not None,
            )
        )
        gap = False
    return Document(kind=Kind.TEXT, blocks=blocks, title=blocks[0].text if blocks else None)
