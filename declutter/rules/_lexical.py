"""The shared step of the phrase-driven rules: mark short blocks that carry a cue."""

from __future__ import annotations

from collections.abc import Iterator

from .. import lexicons
from ..model import Document, Mark, Reason
from .ids import RuleId


def phrase_marks(doc: Document, family: str, rule: RuleId, max_words: int) -> Iterator[Mark]:
    """Marks for blocks of at most ``max_words`` words that hold a cue of ``family``.

    Longer blocks are prose that merely mentions the topic ("the newsletter reported"),
    so a single cue does not condemn them.
    """
    lexicon = lexicons.load(family)
    if not lexicon:
        return
    if doc.cue_texts is None:
        doc.cue_texts = lexicons.block_texts([block.text for block in doc.blocks])
    blocks = doc.blocks

    def short_enough(index: int) -> bool:
        stats = blocks[index].stats
        return stats is None or stats.n_words <= max_words

    for index, cue in lexicon.find_all(doc.cue_texts, short_enough):
        yield Mark(index, Reason(rule, cue.describe()))
