"""Promotion, donation, paywall and call-to-action blocks: "Sostienici", "Donate now"."""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Document, Mark
from ._lexical import phrase_marks
from .ids import RuleId

RULE = RuleId.PROMO
# Appeals are short; a long paragraph that mentions a subscription is article text.
MAX_WORDS = 40


def find(doc: Document) -> Iterator[Mark]:
    return phrase_marks(doc, "promo", RULE, MAX_WORDS)
