"""The numbers a learned block scorer reads: one row of ``FEATURE_NAMES`` per block.

Every feature is computed from what the pipeline already knows when the assembler has
decided: the block's own statistics and structure, the rule marks it received, the
assembler's decision and its reason, the same facts of its neighbours, where it stands
against the article region, how often its element shape repeats on the page (cards,
posts, menu items), the semantic elements that hold it (``<nav>``, ``<footer>``, ``<main>``
…) and the class/id words that name them, by group (``lexicons/_class_groups/``), and a
few facts of the whole page. Training (``train.py``) and
scoring (``__init__.py``) call the same function, so the two can never disagree.
"""

from __future__ import annotations

import math
import sys
from collections import Counter
from collections.abc import Iterable, Iterator

import regex

from .. import lexicons
from ..classify import Label
from ..model import Block, Document, Source
from ..page_type import PAGE_TYPES
from ..rules.ids import ROLES, RuleId

# The rule families whose marks are features (one flag each): every boilerplate family.
MARK_RULES = tuple(ROLES)
# The assembler's reasons that are features (one flag each); a mark as the reason is one
# of the MARK_RULES flags already.
REASON_RULES = (RuleId.CONTENT, RuleId.REGION, RuleId.STATISTICS, RuleId.SOURCE)
LABELS = (Label.GOOD, Label.NEARGOOD, Label.SHORT, Label.BAD, Label.MARKED)
# Tag families: a heading of any level is "h"; others fall to "other".
TAG_FAMILIES = ("p", "li", "h", "td", "pre", "div", "blockquote", "dd", "figcaption", "span")
# Neighbour distances beyond this are all "far".
MAX_DISTANCE = 20
# The semantic elements whose presence among a block's ancestors is a feature each.
ANCESTOR_TAGS = ("nav", "aside", "footer", "header", "main", "article", "form", "table", "figure")
# The class/id word groups (``lexicons/_class_groups/<group>.txt``), a feature each.
CLASS_GROUPS = (
    "navigation",
    "header_footer",
    "sidebar",
    "comments",
    "related",
    "social",
    "promo",
    "content",
    "product",
    "docs",
    "meta",
    "reviews",
)
_INDEX = regex.compile(r"\[\d+\]")
_STEP_TAG = regex.compile(r"[^\[#.]+")
_HEADING_TAG = regex.compile(r"h[1-6]\Z")


def _block_names() -> list[str]:
    names = [
        "log_words",
        "log_chars",
        "stopword_density",
        "ends_with_punct",
        "title_case_ratio",
        "has_digit",
        "link_density",
        "heading",
        "in_list",
        "indent",
        "bullet",
        "gap_before",
        "n_marks",
    ]
    names += [f"mark_{r}" for r in MARK_RULES]
    names += [f"label_{lab.value}" for lab in LABELS]
    names += [f"tag_{t}" for t in TAG_FAMILIES]
    return names


BLOCK_NAMES = tuple(_block_names())
CONTEXT_NAMES = ("kept", "weight", "label_rank")
FEATURE_NAMES: tuple[str, ...] = (
    *BLOCK_NAMES,
    *CONTEXT_NAMES,
    *(f"reason_{r}" for r in REASON_RULES),
    *(f"prev_{n}" for n in CONTEXT_NAMES),
    *(f"next_{n}" for n in CONTEXT_NAMES),
    "prev_log_words",
    "next_log_words",
    "prev_link_density",
    "next_link_density",
    "position",
    "kept_distance",
    "inside_kept_span",
    "inside_region_element",
    "path_depth",
    "depth_below_region",
    "log_shape_repeats",
    "shape_kept_share",
    "shape_words_share",
    "page_log_blocks",
    "page_log_words",
    "page_kept_share",
    "page_link_density",
    "page_is_dom",
    *(f"page_{t}" for t in PAGE_TYPES),
    *(f"under_{t}" for t in ANCESTOR_TAGS),
    *(f"class_{g}" for g in CLASS_GROUPS),
)
_LABEL_RANK = {
    Label.GOOD: 2.0,
    Label.NEARGOOD: 1.0,
    Label.SHORT: 0.0,
    Label.BAD: -1.0,
    Label.MARKED: -2.0,
}


def _log(x: float) -> float:
    return math.log1p(max(x, 0.0))


def _tag_family(tag: str | None) -> str:
    if tag is None:
        return ""
    return "h" if _HEADING_TAG.match(tag) else {"th": "td", "dt": "dd", "code": "pre"}.get(tag, tag)


def _own(block: Block, label: Label) -> list[float]:
    """The block's own facts (``BLOCK_NAMES``)."""
    s = block.stats
    assert s is not None, "features.add_stats runs before the scorer"
    rules = {m.rule for m in block.marks}
    tag = _tag_family(block.tag)
    row = [
        _log(s.n_words),
        _log(s.n_chars),
        s.stopword_density,
        float(s.ends_with_punct),
        s.title_case_ratio,
        float(s.has_digit),
        block.link_density,
        float(block.heading),
        float(block.in_list),
        float(min(block.indent, 16)),
        float(block.bullet),
        float(block.gap_before),
        float(len(block.marks)),
    ]
    row += [float(r in rules) for r in MARK_RULES]
    row += [float(label is lab) for lab in LABELS]
    row += [float(tag == t) for t in TAG_FAMILIES]
    return row


def _context(block: Block, label: Label, weight: float) -> tuple[float, float, float]:
    # A tuple of shared floats: one is held per block of the page while rows are made.
    return (1.0 if block.kept else 0.0, weight, _LABEL_RANK[label])


def shape(path: str | None) -> str:
    """An element path without its sibling indices: the same shape for every card."""
    return _INDEX.sub("", path) if path else ""


def _common_prefix(paths: Iterable[str]) -> list[str]:
    """The element-path components that every one of ``paths`` starts with."""
    # One path split at a time: every path's parts at once were ~400 bytes a block.
    prefix: list[str] | None = None
    for path in paths:
        parts = path.split("/")
        if prefix is None:
            prefix = parts
            continue
        same = 0
        for mine, theirs in zip(prefix, parts):
            if mine != theirs:
                break
            same += 1
        del prefix[same:]
    return prefix or []


def _class_groups() -> list[frozenset[str]]:
    return [lexicons.word_list("_class_groups", g) for g in CLASS_GROUPS]


_GROUPS = _class_groups()


def _structure(block: Block, parts: list[str]) -> list[float]:
    """Which semantic elements hold the block (``parts``: its element path's steps), and
    which class/id word groups name them."""
    tags = {m.group() for m in map(_STEP_TAG.match, parts) if m}
    row = [float(t in tags) for t in ANCESTOR_TAGS]
    row += [float(not group.isdisjoint(block.class_tokens)) for group in _GROUPS]
    return row


def page_features(doc: Document, labels: list[Label], weights: list[float]) -> list[list[float]]:
    """One row of ``FEATURE_NAMES`` per block of ``doc`` (after ``assemble``)."""
    return list(iter_page_features(doc, labels, weights))


def iter_page_features(
    doc: Document, labels: list[Label], weights: list[float]
) -> Iterator[list[float]]:
    """``page_features`` one row at a time: a row (some 90 floats, ~3 KB) per block held
    at once was most of the peak memory of a page of many small blocks (issue 14).

    Everything a row reads of other blocks, or of the page, is taken before the first row
    is given, so the caller may change a block's ``kept`` and ``reason`` (``rescore``)
    once its row is out: the rows are those of the blocks as they were."""
    blocks = doc.blocks
    n = len(blocks)
    ctx = [_context(b, lab, w) for b, lab, w in zip(blocks, labels, weights)]
    words = [b.stats.n_words if b.stats else 0 for b in blocks]
    kept_index = [i for i, b in enumerate(blocks) if b.kept]
    distance = _kept_distances(n, kept_index)
    first, last = (kept_index[0], kept_index[-1]) if kept_index else (n, -1)
    region = _common_prefix(b.path for b in blocks if b.kept and b.path)
    # Interned: a page of many blocks has few shapes, one string each, not one a block.
    shapes = [sys.intern(shape(b.path)) for b in blocks]
    shape_count = Counter(shapes)
    shape_kept = Counter(s for s, b in zip(shapes, blocks) if b.kept)
    shape_words = Counter()
    for s, w in zip(shapes, words):
        shape_words[s] += w
    total_words = sum(words) or 1
    kept_words = sum(words[i] for i in kept_index)
    link_chars = sum(b.link_density * len(b.text) for b in blocks)
    page = [
        _log(n),
        _log(total_words),
        kept_words / total_words,
        link_chars / (sum(len(b.text) for b in blocks) or 1),
        float(doc.source is Source.DOM),
        *(float(doc.page_type == t) for t in PAGE_TYPES),
    ]
    none = (0.0, 0.0, 0.0)
    reasons = [block.reason.rule if block.reason else "" for block in blocks]
    for i, (block, label) in enumerate(zip(blocks, labels)):
        parts = block.path.split("/") if block.path else []
        inside = bool(region) and parts[: len(region)] == region
        rule = reasons[i]
        yield (
            [
                *_own(block, label),
                *ctx[i],
                *(float(rule == r) for r in REASON_RULES),
                *(ctx[i - 1] if i else none),
                *(ctx[i + 1] if i + 1 < n else none),
                _log(words[i - 1]) if i else 0.0,
                _log(words[i + 1]) if i + 1 < n else 0.0,
                blocks[i - 1].link_density if i else 0.0,
                blocks[i + 1].link_density if i + 1 < n else 0.0,
                i / n,
                float(distance[i]),
                float(first <= i <= last),
                float(inside),
                float(len(parts)),
                float(len(parts) - len(region)) if inside else -1.0,
                _log(shape_count[shapes[i]]),
                shape_kept[shapes[i]] / shape_count[shapes[i]],
                shape_words[shapes[i]] / total_words,
                *page,
                *_structure(block, parts),
            ]
        )


def _kept_distances(n: int, kept_index: list[int]) -> list[int]:
    """Per block, the distance in blocks to the nearest kept block (capped)."""
    distance = [MAX_DISTANCE] * n
    for i in kept_index:
        distance[i] = 0
    for i in range(1, n):
        distance[i] = min(distance[i], distance[i - 1] + 1)
    for i in range(n - 2, -1, -1):
        distance[i] = min(distance[i], distance[i + 1] + 1)
    return distance
