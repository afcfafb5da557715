"""The article's container on an HTML page: the element that holds the article region.

The text path's maximum-sum region finds the article's core: the run of blocks of the
largest total weight. On an HTML page that run can stop short of the article's end,
cut by a table of contents, a pull quote or a box of links inside the article. The
innermost element that holds the whole core is the article's container; the region
grows to all of that element's blocks when they weigh, together, at least
``MIN_CONTAINER_SHARE`` of the core (a container that mostly holds furniture, such as
``body`` around a core that crosses into a sidebar, is not taken).
"""

from __future__ import annotations

from ..classify import PROSE, Label
from ..model import Block, Document, Reason, shared_reason
from ..rules.ids import Role, RuleId, any_has_role
from ..rules.structure import MAX_LINK_DENSITY, only_link_marked
from ..sources.dom import common_ancestor, in_element, step_tag
from .region import best_region

# Inside the article, these elements hold text that is no prose but belongs to it:
# code, tables, and their captions.
VERBATIM_TAGS = frozenset({"pre", "td", "th", "caption"})
# Image captions are no part of the article's text.
CAPTION_TAGS = frozenset({"figcaption"})
# Growth stops below the page's own elements.
PAGE_TAGS = frozenset({"html", "body", ""})
# The container's blocks must weigh at least this share of the core region's weight.
MIN_CONTAINER_SHARE = 0.5
# A lead (standfirst, teaser, intro) sits between the headline and the article body,
# with a byline, a date or a photo between: it is looked for only when the body starts
# within this many blocks below the headline (further down, the page holds more).
MAX_LEAD_GAP = 30
LEAD = Reason(RuleId.CONTENT, "lead paragraph between the headline and the article")
# A sentence of the article most of whose words are links (a list item naming the bugs
# fixed, a paragraph citing its sources) is no menu item: it is at least this long, ends
# as a sentence, has the stopwords of prose (those of a standfirst) and some words that
# are no link. Teaser headlines, whole links, have none of the last.
LINKED_SENTENCE_MIN_WORDS = 8
LINKED_SENTENCE_STOPWORDS = 0.25
LINKED_SENTENCE_MAX_DENSITY = 0.8
LINKED_SENTENCE = Reason(RuleId.CONTENT, "a sentence of links inside the article, prose after it")
# The story under the headline must weigh this much (a short news item: 50 words and up).
MIN_STORY_WEIGHT = 50.0
# A box inside the container (a photo gallery, a video player: furniture by its class
# words) does not count against the container when the container's own prose outside the
# core weighs this much: the box cut the article in two (a paragraph or two below it).
MIN_CUT_OFF_WEIGHT = 50.0


def container_region(
    doc: Document,
    labels: list[Label],
    weights: list[float],
    region: tuple[int, int] | None,
    headline: int | None,
) -> tuple[tuple[int, int] | None, list[int]]:
    """An HTML page's article region from the best one (``region``): the story under the
    headline, grown to its container; and the lead paragraphs between the headline and
    that region."""
    region = headline_article(doc, weights, headline, region)
    core = region or ((headline, headline) if headline is not None else None)
    region = grow_to_container(doc, labels, weights, core)
    return region, lead_paragraphs(doc, labels, headline, region)


def structural_weights(doc: Document, labels: list[Label], weights: list[float]) -> list[float]:
    """Region weights with what the markup says: code and table cells that read as no
    prose are the article's data, not furniture, and weigh nothing either way."""
    return [
        0.0 if label is Label.BAD and block.tag in VERBATIM_TAGS else w
        for block, label, w in zip(doc.blocks, labels, weights)
    ]


def grow_to_container(
    doc: Document, labels: list[Label], weights: list[float], core: tuple[int, int] | None
) -> tuple[int, int] | None:
    """``core`` grown to the blocks of the innermost element holding all of it, then to
    each enclosing element whose further blocks weigh more for the article than against
    it (an intro or a second part of the article in a sibling element).

    Short blocks do not count against an element: inside an article they are its
    headings and list items.
    """
    if core is None:
        return None
    first, last = core
    prefix = common_ancestor(doc.blocks[first].path or "", doc.blocks[last].path or "")
    if first == last:  # one paragraph: its container is its parent
        prefix = prefix.rpartition("/")[0]
    if not prefix:
        return core
    start, end = _span(doc, prefix, first, last)
    if not _holds_article(doc, labels, weights, (start, end), core):
        return core
    while True:
        parent = prefix.rpartition("/")[0]
        if step_tag(parent.rpartition("/")[2]) in PAGE_TAGS:
            return start, end
        new_start, new_end = _span(doc, parent, start, end)
        added = _container_weight(doc, labels, weights, new_start, start - 1)
        added += _container_weight(doc, labels, weights, end + 1, new_end)
        if added <= 0:
            return start, end
        prefix, start, end = parent, new_start, new_end


def _holds_article(
    doc: Document,
    labels: list[Label],
    weights: list[float],
    span: tuple[int, int],
    core: tuple[int, int],
) -> bool:
    """The element's blocks (``span``) weigh at least ``MIN_CONTAINER_SHARE`` of the core;
    or do so with its furniture boxes set aside, which then cut off at least
    ``MIN_CUT_OFF_WEIGHT`` of its prose from the core."""
    least = MIN_CONTAINER_SHARE * sum(weights[core[0] : core[1] + 1])
    if _container_weight(doc, labels, weights, *span) >= least:
        return True
    without_boxes = _container_weight(doc, labels, weights, *span, boxes_aside=True)
    cut_off = without_boxes - _container_weight(doc, labels, weights, *core, boxes_aside=True)
    return without_boxes >= least and cut_off >= MIN_CUT_OFF_WEIGHT


def _span(doc: Document, prefix: str, first: int, last: int) -> tuple[int, int]:
    """The run of blocks inside the element ``prefix`` around blocks first..last."""
    start, end = first, last
    while start > 0 and in_element(doc.blocks[start - 1].path, prefix):
        start -= 1
    while end + 1 < len(doc.blocks) and in_element(doc.blocks[end + 1].path, prefix):
        end += 1
    return start, end


def _container_weight(
    doc: Document,
    labels: list[Label],
    weights: list[float],
    start: int,
    end: int,
    *,
    boxes_aside: bool = False,
) -> float:
    """Total weight of blocks start..end, short and link blocks aside (and, with
    ``boxes_aside``, the blocks marked as furniture boxes: ``Role.FURNITURE_BOX``).

    A table of contents or a box of links inside the article does not make its element
    furniture; those blocks stay marked (and dropped) one by one.
    """
    return sum(
        weights[i]
        for i in range(start, end + 1)
        if labels[i] is not Label.SHORT
        and doc.blocks[i].link_density <= MAX_LINK_DENSITY
        and not (boxes_aside and any_has_role(doc.blocks[i].marks, Role.FURNITURE_BOX))
    )


def _long_sentence(block: Block, label: Label) -> bool:
    """A long block that ends as a sentence, dense in names (a lead full of them)."""
    return label is Label.BAD and block.stats is not None and block.stats.ends_with_punct


def lead_paragraphs(
    doc: Document, labels: list[Label], headline: int | None, region: tuple[int, int] | None
) -> list[int]:
    """Prose blocks between the headline and the article region: the lead.

    The region starts at the body; a standfirst above it is cut off by the byline, the
    date, the photo and its caption between them. Only unmarked prose comes back (no
    caption, no link block): the furniture between stays out.
    """
    if region is None:
        return []
    if headline is None:  # no heading repeats the title: the last h1 above the article
        h1s = [b.index for b in doc.blocks[: region[0]] if b.heading == 1]
        headline = h1s[-1] if h1s else None
    if headline is None or not 0 < region[0] - headline <= MAX_LEAD_GAP:
        return []
    return [
        i
        for i in range(headline + 1, region[0])
        if (labels[i] in PROSE or _long_sentence(doc.blocks[i], labels[i]))
        and not doc.blocks[i].reason
        and doc.blocks[i].tag not in CAPTION_TAGS
        and doc.blocks[i].link_density <= MAX_LINK_DENSITY
    ]


def headline_article(
    doc: Document, weights: list[float], headline: int | None, region: tuple[int, int] | None
) -> tuple[int, int] | None:
    """The article region inside the ``<article>`` element that holds the headline.

    A page that runs several stories one after the other (an endless news feed) gives
    each its own ``<article>``; the page's story is the one under the headline that
    repeats the page title, not the longest one. Its region must weigh at least
    ``MIN_STORY_WEIGHT``: an ``<article>`` that wraps only the headline and byline is
    no story of its own.
    """
    if headline is None or region is None:
        return region
    steps = (doc.blocks[headline].path or "").split("/")
    tags = [step_tag(step) for step in steps]
    if "article" not in tags:
        return region
    depth = len(tags) - tags[::-1].index("article")
    start, end = _span(doc, "/".join(steps[:depth]), headline, headline)
    if start <= region[0] and region[1] <= end:
        return region
    span = best_region(weights[start : end + 1])
    if span is None:
        return region
    story = (start + span[0], start + span[1])
    return story if sum(weights[story[0] : story[1] + 1]) >= MIN_STORY_WEIGHT else region


def linked_sentence(block: Block) -> bool:
    """A sentence of the article whose only mark is the link cue (see ``LINKED_SENTENCE_*``).

    Kept only with the article's prose after it (the caller checks): below the last
    paragraph, such a line is a call to action ("Visit ... for breaking news", "If you
    enjoyed this post, subscribe ...").
    """
    stats = block.stats
    return (
        block.path is not None
        and stats is not None
        and only_link_marked(block)
        and stats.n_words >= LINKED_SENTENCE_MIN_WORDS
        and stats.ends_with_punct
        and stats.stopword_density >= LINKED_SENTENCE_STOPWORDS
        and block.link_density <= LINKED_SENTENCE_MAX_DENSITY
    )


def decide_in_container(block: Block, label: Label, following: Block | None) -> tuple[bool, Reason]:
    """Keep or drop an unmarked block inside the article region of an HTML page.

    List items and short lines inside the article's element are its own, and so are
    headings of unmarked text (``following``: the next block that is no caption or
    date, inside the region); so is a long block that is no prose (a list of names, a
    table row): link farms are marked by the structure rule, not kept here.
    """
    if block.tag in CAPTION_TAGS:
        return False, shared_reason(RuleId.CAPTION, f"<{block.tag}>: an image caption")
    if label in PROSE:
        return True, shared_reason(RuleId.CONTENT, f"{label.value} prose")
    if block.heading and following is not None and not following.marks:
        return True, shared_reason(RuleId.CONTENT, f"h{block.heading} heading inside the article")
    if block.heading:
        return False, shared_reason(
            RuleId.STRUCTURE, f"h{block.heading} heading of no article text"
        )
    if label is Label.BAD:  # the article's element holds it: a list of names, a table row
        return True, shared_reason(
            RuleId.CONTENT, "long non-prose block inside the article (list, data)"
        )
    return True, shared_reason(RuleId.CONTENT, f"<{block.tag}> inside the article")
