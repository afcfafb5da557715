"""Structure: HTML blocks whose markup says they are page furniture.

Three cues, each only where the page is HTML (a text dump has no markup):

- a class or id word of an enclosing element names furniture (``related``, ``share``,
  ``newsletter``, ``sidebar``, ``comments`` ...; data in
  ``lexicons/_class_tokens/boilerplate.txt``), as in ``div.sidebar``;
- an enclosing ``nav``, ``aside`` or ``footer`` element;
- links make most of the block's text: a menu item, a teaser, a tag cloud.

Page-wide wrappers are no evidence: ``declutter.sources.dom`` leaves their class words
out of ``Block.class_tokens``.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache, lru_cache

from .. import lexicons
from ..model import Block, Document, Kind, Mark, Reason
from ..sources.dom import ARTICLE_TAGS, step_tag, step_tokens
from .ids import RuleId

RULE = RuleId.STRUCTURE
# Elements that hold navigation, asides and page footers.
FURNITURE_TAGS = frozenset({"nav", "aside", "footer"})
# Elements that hold the article (``sources.dom.ARTICLE_TAGS``): inside them, an outer
# element's furniture name ("widget", "sidebar-layout") says nothing about the block.
CONTENT_TAGS = ARTICLE_TAGS
# A block with more of its text inside links than this is a link, not a paragraph
# (Readability and trafilatura draw the line near one half as well).
MAX_LINK_DENSITY = 0.5
# A class/id word that starts with a furniture word this long names that furniture
# ("commentbody", "sidebarleft"); shorter words ("ad", "nav") start too many others.
MIN_PREFIX_CHARS = 6


def class_tokens(kind: str) -> frozenset[str]:
    """Class/id words of one kind: ``boilerplate`` (furniture) or ``content``."""
    return lexicons.word_list("_class_tokens", kind)


def find(doc: Document) -> Iterator[Mark]:
    if doc.kind is not Kind.HTML:
        return
    for block in doc.blocks:
        if block.path is None:
            continue
        cue = _markup_cue(block) or _link_cue(block)
        if cue is not None:
            yield Mark(block.index, Reason(RULE, cue))


@cache
def roles(word: str) -> frozenset[str]:
    """The role words a class/id word names: itself if it is one; the furniture words
    (of ``MIN_PREFIX_CHARS`` or more) it starts with ("commentbody" -> comment)."""
    furniture, content = class_tokens("boilerplate"), class_tokens("content")
    if word in furniture or word in content:
        return frozenset({word})
    return frozenset(f for f in furniture if len(f) >= MIN_PREFIX_CHARS and word.startswith(f))


def _markup_cue(block: Block) -> str | None:
    """The innermost enclosing element that names its role decides.

    A furniture name wins over a content name on the same element ("comment-body").
    Names of page-wide wrappers (absent from ``block.class_tokens``) are passed over.
    """
    assert block.path is not None
    for step in reversed(block.path.split("/")):
        role = _step_role(step)
        if role is None:
            continue
        kind, word, source = role
        if source and source not in block.class_tokens:
            continue
        if kind == "content":
            return None
        if source:
            return f"class token '{word}' on {step}"
        return f"inside <{word}> ({step})"
    return None


@lru_cache(maxsize=8192)
def _step_role(step: str) -> tuple[str, str, str] | None:
    """``(kind, role word, class/id word)`` an element's path step names, if any.

    kind is ``furniture`` or ``content``; the class/id word is empty for a tag.
    """
    tag = step_tag(step)
    if tag in FURNITURE_TAGS:
        return "furniture", tag, ""
    if tag in CONTENT_TAGS:
        return "content", tag, ""
    furniture = class_tokens("boilerplate")
    found: tuple[str, str, str] | None = None
    for word in sorted(step_tokens(step)):
        for role in sorted(roles(word)):
            if role in furniture:
                return "furniture", role, word
            found = found or ("content", role, word)
    return found


LINK_CUE = "links make {:.0%} of the text"


def _link_cue(block: Block) -> str | None:
    # A heading that links to itself (an anchor) is still the article's heading.
    if block.link_density > MAX_LINK_DENSITY and not block.heading:
        return LINK_CUE.format(block.link_density)
    return None


def only_link_marked(block: Block) -> bool:
    """The block's one mark is this rule's link cue: no markup or phrase names it furniture."""
    return (
        len(block.marks) == 1
        and block.marks[0].rule == RULE
        and block.marks[0].cue == LINK_CUE.format(block.link_density)
    )
