"""Rule modules, one per boilerplate family. Each exposes ``find(doc) -> Iterator[Mark]``.

A rule only marks blocks as boilerplate, with the cue it saw; the classifier weighs the
marks together with the statistics, and the assembler makes the final decision. Rules
run before any neighbour smoothing, so a sign-up line that reads like prose cannot be
pulled into the article by its neighbours.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from ..model import Document, Mark
from . import author, comments, legal, metadata, navigation, newsletter, promo, related, structure

Rule = Callable[[Document], Iterator[Mark]]

# Order matters only for which reason is reported first when two rules mark one block:
# the most specific families come first.
RULES: tuple[Rule, ...] = (
    metadata.find,
    author.find,
    comments.find,
    newsletter.find,
    promo.find,
    legal.find,
    related.find,
    navigation.find,
    structure.find,
)


def apply(doc: Document, rules: tuple[Rule, ...] = RULES) -> None:
    """Run every rule on ``doc`` and attach its marks to the blocks."""
    for rule in rules:
        for mark in rule(doc):
            doc.blocks[mark.index].marks.append(mark.reason)
