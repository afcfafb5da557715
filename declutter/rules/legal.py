"""Publisher and legal notices: press registration, copyright, cookies, privacy, contacts."""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Document, Mark
from ._lexical import phrase_marks
from .ids import RuleId

RULE = RuleId.LEGAL
# Registration and cookie notices run to a few sentences, longer than other footers.
MAX_WORDS = 80


def find(doc: Document) -> Iterator[Mark]:
    return phrase_marks(doc, "legal", RULE, MAX_WORDS)
