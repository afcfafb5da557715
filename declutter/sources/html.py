"""HTML pages -> blocks, for now through trafilatura's extraction.

trafilatura chooses the main content; its paragraphs become blocks, which then go
through declutter's own rule modules. The page title comes from trafilatura's metadata.
"""

from __future__ import annotations

import trafilatura

from ..model import Block, Document, Kind


def segment(decoded: str) -> Document:
    """Blocks of the main content trafilatura finds in ``decoded``."""
    extracted = trafilatura.bare_extraction(
        decoded, include_comments=False, include_tables=True, with_metadata=True
    )
    body = (extracted.text if extracted is not None else "") or ""
    title = extracted.title if extracted is not None else None
    blocks: list[Block] = []
    for number, line in enumerate(body.split("\n"), start=1):
        stripped = line.strip()
        if stripped:
            blocks.append(Block(index=len(blocks), text=stripped, line=number, tag="p"))
    return Document(kind=Kind.HTML, blocks=blocks, title=title)
