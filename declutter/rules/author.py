"""Author boxes: a heading ("About the author", "Über den Autor") and the bio below it.

The bio is prose about the writer, not the article; it sits under the article, after
the share bar or the tags, where the article region would otherwise take it in.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Block, Document, Mark, Reason
from ._lexical import phrase_marks
from .ids import RuleId

RULE = RuleId.AUTHOR_BOX
# The heading is a few words; the box holds a name line or two and a bio paragraph.
MAX_HEADING_WORDS = 5
MAX_BOX_BLOCKS = 3
# A bio is a paragraph of a few sentences; a longer block is the article again.
MAX_BIO_WORDS = 80
# A name line is short; the first longer block is the bio and ends the box.
MAX_NAME_WORDS = 6


def find(doc: Document) -> Iterator[Mark]:
    for mark in phrase_marks(doc, "author", RULE, MAX_HEADING_WORDS):
        yield mark
        yield from _box_after(doc.blocks, mark.index)


def _box_after(blocks: list[Block], heading: int) -> Iterator[Mark]:
    reason = Reason(RULE, f"author's box under heading block {heading}")
    for block in blocks[heading + 1 : heading + 1 + MAX_BOX_BLOCKS]:
        words = block.stats.n_words if block.stats is not None else 0
        if words > MAX_BIO_WORDS:
            return
        yield Mark(block.index, reason)
        if words > MAX_NAME_WORDS:
            return  # the bio: the box ends with it
