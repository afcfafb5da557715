"""Navigation: menu items, share buttons, tags, breadcrumbs, "skip to content"."""

from __future__ import annotations

import re
from collections.abc import Iterator

import regex

from ..model import Document, Mark, Reason
from ._lexical import phrase_marks

RULE = "navigation"
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


def find(doc: Document) -> Iterator[Mark]:
    yield from phrase_marks(doc, "navigation", RULE, MAX_WORDS)
    for block in doc.blocks:
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
