"""Keep the article: choose the title, find the article region, decide every block.

One job per module, as in ``sources``:

- ``title``: the page title and the heading that repeats it; its copies go;
- ``region``: the maximum-sum region over the blocks' weights, and where a text dump's
  article ends (the comment section, the footer, an end-of-article cue);
- ``container``: on an HTML page, the element that holds the region (the article's
  container), the lead above it and the decisions inside it;
- ``decide``: every block kept or dropped by where it stands to the region;
- ``fallback``: trafilatura's extraction where declutter's own region missed.

How each step reads a page depends on where its blocks come from (``Document.source``):
a text dump's lines, an HTML page's DOM blocks, or an extractor's chosen content.
"""

from __future__ import annotations

from ..classify import Label
from ..model import Document, Source
from ..page_type import FORUM
from .container import LEAD, container_region, structural_weights
from .decide import decide_by_region, keep_all_unmarked, keep_extracted
from .fallback import (
    FALLBACK_BELOW_WORDS,
    fallback_affordable,
    kept_words,
    mark_fallback,
    without_fallback,
)
from .region import (
    anchor_below,
    best_region,
    comments_start,
    text_region,
    widen_text_region,
)
from .title import DUPLICATE_TITLE, TITLE, choose_title, drop_title_copies, strip_site_name

__all__ = [
    "DUPLICATE_TITLE",
    "FALLBACK_BELOW_WORDS",
    "TITLE",
    "assemble",
    "best_region",
    "fallback_affordable",
    "kept_words",
    "mark_fallback",
    "strip_site_name",
    "without_fallback",
]


def assemble(doc: Document, labels: list[Label], weights: list[float]) -> str | None:
    """Set ``kept`` and ``reason`` on every block; return the title."""
    title_index, title = choose_title(doc, labels)
    drop_title_copies(doc, title, title_index)
    if doc.source is Source.EXTRACTED:
        keep_extracted(doc, labels)  # an extractor already chose the content
    else:
        region, lead = _article_region(doc, labels, weights, title_index)
        decide_by_region(doc, labels, region)
        if region is None and doc.source is Source.TEXT:
            keep_all_unmarked(doc)
        for i in lead:
            doc.blocks[i].kept, doc.blocks[i].reason = True, LEAD
    if title_index is not None:
        doc.blocks[title_index].kept = True
        doc.blocks[title_index].reason = TITLE
    return title


def _thread_end(doc: Document, weights: list[float]) -> int:
    """Where the page's content ends at the latest: before its comment section, except on a
    text dump of a forum thread, whose posts are its content (an HTML page's comment cues
    are read by its container and its learned score)."""
    if _is_thread_dump(doc):
        return len(doc.blocks)
    return comments_start(doc, weights)


def _is_thread_dump(doc: Document) -> bool:
    return doc.source is Source.TEXT and doc.page_type == FORUM


def _article_region(
    doc: Document, labels: list[Label], weights: list[float], title_index: int | None
) -> tuple[tuple[int, int] | None, list[int]]:
    """The article region (None if the page has none) and, on an HTML page, the lead
    paragraphs above it."""
    weights = [0.0 if b.reason else w for b, w in zip(doc.blocks, weights)]
    dom = doc.source is Source.DOM
    if dom:
        weights = structural_weights(doc, labels, weights)
    own = list(weights)  # the blocks' own weights, without the headline's bonus
    if title_index:  # a heading repeats the page title: the article starts below it
        anchor_below(weights, labels, title_index)
    content = weights[: _thread_end(doc, weights)]
    region = best_region(content)
    if dom:
        return container_region(doc, labels, weights, region, title_index)
    region = text_region(doc, weights, own, region, title_index)
    return (widen_text_region(doc, content, region) if region else None), []
