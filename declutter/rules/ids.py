"""Every rule id a ``Reason`` carries, and the one table of the roles each family plays.

A block's ``Reason.rule`` names who decided it: a boilerplate family (the rules that mark
blocks, ``rules/*.py``) or a step of the assembler. The ids are the strings ``--explain``
and the run summary show, so ``RuleId`` is a ``str`` enum whose values are those strings.

Beyond marking a block, some families mean something for the article around the mark:
``ROLES`` says which (a caption sits inside an article, a comments cue may end it, a run of
legal lines is a footer). Adding a boilerplate family is a ``RuleId`` member, a row of
``ROLES`` and its module in ``rules.RULES``.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import Enum

from ..model import Block, Reason


class RuleId(str, Enum):
    """Who decided a block: the value is the id shown by ``--explain``."""

    # Boilerplate families: the rules mark blocks with these.
    METADATA = "metadata"  # dates, bylines, counters, reading times (rules/metadata.py)
    CAPTION = "caption"  # image captions and photo credits (rules/metadata.py)
    AUTHOR_BOX = "author_box"
    COMMENTS = "comments"
    NEWSLETTER = "newsletter"
    PROMO = "promo"
    LEGAL = "legal"
    RELATED_LIST = "related_list"
    NAVIGATION = "navigation"
    STRUCTURE = "structure"  # what the markup says: class words, link density (HTML)
    # Recurs across the site's other pages (``declutter.site``; only with site evidence).
    SITE_TEMPLATE = "site_template"
    # The assembler's decisions.
    TITLE = "title"
    DUPLICATE_TITLE = "duplicate_title"
    CONTENT = "content"
    STATISTICS = "statistics"
    REGION = "region"
    SOURCE = "source"  # a source credit kept after the article ("Quelle: dpa")
    FALLBACK = "fallback"  # kept from trafilatura's extraction (see ``assemble.fallback``)
    LEARNED = "learned"  # the learned block scorer overruled the above (``declutter.learned``)

    # The value, not "RuleId.METADATA", wherever the id is written (``str(reason)``, JSON):
    # on Python 3.11+ a ``str`` mix-in enum would format as its name.
    def __str__(self) -> str:
        return str.__str__(self)

    __format__ = str.__format__


class Role(Enum):
    """What a family's mark means for the article around the marked block."""

    # Sits inside articles (a caption, a date): costs little in a region, is stepped over
    # when looking for the next block or a lead, and does not bar a heading from being
    # a copy of the title.
    INLINE = "inline"
    # Its first cue below prose ends the article when only a short tail follows (a share
    # bar, a sign-up line, a comments heading). A related-list lead-in is no end: its box
    # often stands before the last paragraph.
    ENDS_ARTICLE = "ends the article"
    # A run of such lines (imprint, privacy, terms) is a text dump's page footer.
    FOOTER = "footer"
    # Its cue after some prose may open the comment section ("Comments", "Leave a reply").
    OPENS_COMMENTS = "opens the comment section"
    # Heads one comment of a thread ("Jacob says:", the comment's date).
    COMMENT_HEADER = "comment header"
    # Names a box of page furniture by its markup: set aside when weighing the element
    # that holds the article (``assemble.container``).
    FURNITURE_BOX = "furniture box"


# The roles of each boilerplate family; the assembler's ids play none.
ROLES: dict[str, frozenset[Role]] = {
    RuleId.METADATA: frozenset({Role.INLINE, Role.COMMENT_HEADER}),
    RuleId.CAPTION: frozenset({Role.INLINE}),
    RuleId.AUTHOR_BOX: frozenset(),
    RuleId.COMMENTS: frozenset({Role.ENDS_ARTICLE, Role.OPENS_COMMENTS, Role.COMMENT_HEADER}),
    RuleId.NEWSLETTER: frozenset({Role.ENDS_ARTICLE}),
    RuleId.PROMO: frozenset({Role.ENDS_ARTICLE}),
    RuleId.LEGAL: frozenset({Role.FOOTER}),
    RuleId.RELATED_LIST: frozenset(),
    RuleId.NAVIGATION: frozenset({Role.ENDS_ARTICLE}),
    RuleId.STRUCTURE: frozenset({Role.FURNITURE_BOX}),
}
# ``RuleId.SITE_TEMPLATE`` has no row on purpose: a template line may stand anywhere,
# inside an article too ("Advertisement"), so it plays no role; and the learned scorer
# takes one feature per row (``learned.features.MARK_RULES``), while its model was trained
# without site evidence. Its marks are final after the scorer (``site.template``).
_NO_ROLES: frozenset[Role] = frozenset()


def has_role(reason: Reason, role: Role) -> bool:
    """The rule that gave ``reason`` plays ``role`` (see ``ROLES``)."""
    return role in ROLES.get(reason.rule, _NO_ROLES)


def all_have_role(marks: Iterable[Reason], role: Role) -> bool:
    """Every mark (none at all included) is of a family that plays ``role``."""
    return all(has_role(mark, role) for mark in marks)


def any_has_role(marks: Iterable[Reason], role: Role) -> bool:
    """Some mark is of a family that plays ``role``."""
    return any(has_role(mark, role) for mark in marks)


# The assembler's decisions that no later stage changes: the title and its copies.
TITLE_RULES = frozenset({RuleId.TITLE, RuleId.DUPLICATE_TITLE})


def decision_settled(block: Block) -> bool:
    """No later stage (the learned scorer, the site templates) changes this block: it is
    the title or a copy of it, or a byline, date, counter or caption that a rule removed
    (the inline families are out of the text by the product's contract)."""
    if block.reason is not None and block.reason.rule in TITLE_RULES:
        return True
    return not block.kept and any_has_role(block.marks, Role.INLINE)
