"""The shared step of the phrase-driven rules: mark short blocks that carry a cue."""

from __future__ import annotations

from collections.abc import Iterator

from .. import lexicons
from ..model import Document, Mark, Reason


def phrase_marks(doc: Document, family: str, rule: str, max_words: int) -> Iterator[Mark]:
    """Marks for blocks of at most ``max_words`` words that hold a cue of ``family``.

    Longer blocks are prose that merely mentions the topic ("the newsletter reported"),
    so a single cue does not condemn them.
    """
    lexicon = lexicons.load(family)
    if not lexicon:
        return
    keys = doc.keys or [lexicons.normalise(block.text) for block in doc.blocks]
    vocab = doc.vocab or [None] * len(doc.blocks)
    for block, key, words in zip(doc.blocks, keys, vocab):
        if block.stats is not None and block.stats.n_words > max_words:
            continue
        cue = lexicon.find(block.text, key, words)
        if cue is not None:
            yield Mark(block.index, Reason(rule, cue.describe()))
