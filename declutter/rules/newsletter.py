"""Newsletter and follow-us sign-ups: "Iscriviti alla newsletter", "Follow us on"."""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Document, Mark
from ._lexical import phrase_marks
from .ids import RuleId

RULE = RuleId.NEWSLETTER
# A sign-up line is a sentence or two; a longer block only mentions a newsletter.
MAX_WORDS = 40


def find(doc: Document) -> Iterator[Mark]:
    return phrase_marks(doc, "newsletter", RULE, MAX_WORDS)
