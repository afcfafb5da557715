"""Navigation: menu items, share buttons, tags, breadcrumbs, "skip to content", and
links to other pages marked by an arrow ("← Previous post title", "All tours »")."""

from __future__ import annotations

import re
from collections.abc import Iterator

import regex

from ..model import Document, Mark, Reason
from ._lexical import phrase_marks
from .ids import RuleId

RULE = RuleId.NAVIGATION
# Menu items and share buttons are a few words; longer blocks are not navigation items.
MAX_WORDS = 12
# "Home > News > World", "Start » Politik » Ausland", "Home | About | Contact",
# "Boutique ▪ Annonces ▪ Cours": a '>' needs spaces around it, bar and bullet signs do not.
SEPARATOR = regex.compile(r" [>»›|·•▪■●◆‣] |\s?[|·•▪■●◆‣]\s?")
SEPARATOR_CHARS = frozenset(">»›|·•▪■●◆‣")
# Whether a text holds one of them: a character-set scan, faster than a set test per character.
_HAS_SEPARATOR = re.compile(f"[{re.escape(''.join(sorted(SEPARATOR_CHARS)))}]").search
# A bar needs this many items, each of at most this many words.
MIN_ITEMS = 3
MAX_ITEM_WORDS = 5
# A link with an arrow sign before or after it: a pager ("← Older post title"), a "more"
# link ("All London tours »"). At most a long headline; a guillemet pair is a quotation.
ARROW_LINK = regex.compile(r"\A(?:←|«|‹|<<?)\s|\s(?:→|»|›|>>?)\Z")
MAX_ARROW_LINK_WORDS = 15
ARROW_CHARS = frozenset("←→«»‹›<>")


def find(doc: Document) -> Iterator[Mark]:
    yield from phrase_marks(doc, "navigation", RULE, MAX_WORDS)
    for block in doc.blocks:
        if _is_arrow_link(block.text, block.stats.n_words if block.stats else None):
            yield Mark(block.index, Reason(RULE, "link to another page, marked by an arrow"))
            continue
        if not _HAS_SEPARATOR(block.text):  # the cheap test first: most blocks hold none
            continue
        if block.stats is not None and block.stats.n_words > MIN_ITEMS * MAX_ITEM_WORDS * 3:
            continue
        # Runs of spaces collapsed first: column layouts hold long ones.
        items = [item for item in SEPARATOR.split(" ".join(block.text.split())) if item.strip()]
        if len(items) >= MIN_ITEMS and all(len(i.split()) <= MAX_ITEM_WORDS for i in items):
            yield Mark(
                block.index,
                Reason(RULE, f"item bar: {len(items)} short items between separators"),
            )


def _is_arrow_link(text: str, n_words: int | None) -> bool:
    if ARROW_CHARS.isdisjoint(text):
        return False  # the cheap test first: most blocks hold no arrow sign
    if n_words is not None and n_words > MAX_ARROW_LINK_WORDS:
        return False
    stripped = text.strip()
    if ARROW_CHARS.issuperset(stripped.replace(" ", "")):
        return True  # arrows alone ("»»»", ">>"): a "read on" link after a teaser
    if "«" in text and "»" in text:
        return False  # a quotation in guillemets
    return ARROW_LINK.search(stripped) is not None
