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
from .ids import ROLES, Role, RuleId, all_have_role, any_has_role, has_role

__all__ = [
    "RULES",
    "ROLES",
    "Role",
    "Rule",
    "RuleId",
    "all_have_role",
    "any_has_role",
    "apply",
    "has_role",
]

Rule = Callable[[Document], Iterator[Mark]]

# The order changes decisions, not only which reason is reported first (a block's first
# mark is its reason; the most specific families come first): a rule may read the marks
# of the rules before it. ``related`` reads ``metadata``'s marks (a dated headline +
# summary card starts with a date line), so ``metadata`` must run before it.
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
