"""Comment sections: their headings ("Leave a Reply", "Comments", "Kommentare") and the
header of each comment ("Anonymous wrote:").

A comments mark is also a boundary for the assembler: readers' comments are never the
article, so the article region does not run past the first one that follows the prose.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Document, Mark
from ._lexical import phrase_marks
from .ids import RuleId

RULE = RuleId.COMMENTS
# Comment headings and headers are short, though a heading may quote the title:
# "46 Comments on “Can 187,586 Buyers Be Wrong? Consumer Reports Thinks So”".
MAX_WORDS = 25


def find(doc: Document) -> Iterator[Mark]:
    return phrase_marks(doc, "comments", RULE, MAX_WORDS)
