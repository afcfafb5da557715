"""When declutter's own HTML extractor finds (almost) no article: trafilatura's.

A page where the article region holds only a few words is mostly a miss of the
region, not a page without text: a link page, a gallery, a page of short lines. For
those pages declutter falls back to trafilatura's extraction (cleaned by declutter's
rules, as ``html_extractor="trafilatura"`` does) and says so in every kept block's
reason.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..model import Block, Reason, Result
from ..rules.ids import RuleId

# An article region under this many words (title aside) is taken for a miss: a short
# news item has a hundred words or more, a link page or a gallery a handful.
FALLBACK_BELOW_WORDS = 50


def kept_words(blocks: Iterable[Block]) -> int:
    """Words of the kept blocks, the title aside."""
    return sum(
        len(b.text.split())
        for b in blocks
        if b.kept and (b.reason is None or b.reason.rule != RuleId.TITLE)
    )


def mark_fallback(result: Result, own_words: int) -> Result:
    """``result`` (trafilatura's extraction) with its kept blocks' reasons saying why."""
    cue = (
        f"declutter's article region held {own_words} words (< {FALLBACK_BELOW_WORDS}): "
        "trafilatura's extraction"
    )
    for block in result.blocks:
        if block.kept and block.reason is not None and block.reason.rule == RuleId.CONTENT:
            block.reason = Reason(RuleId.FALLBACK, cue)
    return result
