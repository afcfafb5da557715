"""When declutter's own HTML extractor finds (almost) no article: trafilatura's.

A page where the article region holds only a few words is mostly a miss of the
region, not a page without text: a link page, a gallery, a page of short lines. For
those pages declutter falls back to trafilatura's extraction (cleaned by declutter's
rules, as ``html_extractor="trafilatura"`` does) and says so in every kept block's
reason.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from ..model import Block, Reason, Result
from ..rules.ids import RuleId
from ..tokens import count_split_words

# An article region under this many words (title aside) is taken for a miss: a short
# news item has a hundred words or more, a link page or a gallery a handful.
FALLBACK_BELOW_WORDS = 50


# trafilatura's table handling costs, per row, the square of its cells (it counts a
# row's cells once per cell, and lxml counts an element's children by walking them). A
# page whose rows would cost more than this many steps per character of the page, beyond
# a floor that ordinary pages stay far below, is not given to it: declutter's own result
# stands, with a note (a one-row table of 10 000 cells took seconds; of 100 000, minutes).
TABLE_STEPS_PER_CHAR = 2
TABLE_STEPS_FLOOR = 4_000_000
_TABLE_TAG = re.compile(r"<(t[rdh])\b", re.IGNORECASE)


def table_steps(html: str) -> int:
    """The sum over the page's table rows of their cells squared (a linear scan)."""
    total = cells = 0
    for match in _TABLE_TAG.finditer(html):
        if match.group(1).lower() == "tr":
            total += cells * cells
            cells = 0
        else:
            cells += 1
    return total + cells * cells


def fallback_affordable(html: str) -> bool:
    """trafilatura's extraction of ``html`` runs in time linear in its size (see above)."""
    return table_steps(html) <= TABLE_STEPS_FLOOR + TABLE_STEPS_PER_CHAR * len(html)


def without_fallback(result: Result, own_words: int) -> Result:
    """``result`` (declutter's own) with a note that the fallback was not tried."""
    note = (
        f"declutter's article region held {own_words} words (< {FALLBACK_BELOW_WORDS}), "
        "but the page's tables are too wide for trafilatura's extraction in linear time: "
        "declutter's own result stands"
    )
    return replace(result, notes=(*result.notes, note))


def kept_words(blocks: Iterable[Block]) -> int:
    """Words of the kept blocks, the title aside."""
    return sum(
        count_split_words(b.text)
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

