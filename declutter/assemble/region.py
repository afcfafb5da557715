"""The article region: the maximum-sum segment over the blocks' weights, and where a text
dump's region ends (the comment section, the page footer, an end-of-article cue).

The article is one contiguous region of blocks: the segment with the largest total
weight over the classifier's weights. A headline that repeats the page title draws the
region below it; a comment thread after a comments cue is no part of it.
"""

from __future__ import annotations

import math

from ..classify import PROSE, Label
from ..model import Block, Document, Reason
from ..page_type import FORUM
from ..rules.ids import Role, RuleId, any_has_role, has_role
from ..rules.metadata import COUNTER

# A comment-section cue ends the article only after this much prose weight: a comment
# count in the header above the article must not cut it off.
MIN_PROSE_BEFORE_COMMENTS = 40.0
# A comment is headed by a comments cue ("Jacob says:") or a metadata line (its date).
# A comment thread shows at least this many comment headers between its paragraphs.
MIN_COMMENT_HEADERS = 2
# ... and about one header per few paragraphs: a long article with a few dated captions
# or a "Received / Published" history is no thread.
COMMENT_HEADER_SHARE = 0.2
# A comment count ("44 Kommentare") stands in an article's header too, under the byline:
# it heads a thread only when a comment header comes within this much prose after it
# (five full paragraphs; a comment is shorter, an article below its header is not).
MAX_COMMENT_WEIGHT = 300.0
# The headline that repeats the page title sits right above the article: the first prose
# block within this many blocks below it gets this bonus, which outweighs a teaser list
# or a live ticker elsewhere on the page but not a long article elsewhere.
ANCHOR_LOOKAHEAD = 12
ANCHOR_BONUS = 60.0
# A text page whose best region weighs less than a sentence or two of prose (about 20
# words; the headline's bonus counts) has no article: it is a list, a recipe, a table of
# lines, and keeps its unmarked lines like a page without prose.
MIN_ARTICLE_WEIGHT = 20.0
# An end-of-article cue inside the region (``Role.ENDS_ARTICLE``: a share bar, a sign-up
# or call-to-action line, a comments heading; the first of each family) ends the article
# when little prose follows it: at most two paragraphs' weight, and under half the prose
# above it. That tail is an author's bio box, a teaser or a sign-up text.
END_TAIL_MAX_WEIGHT = 120.0
END_TAIL_MAX_SHARE = 0.5
# A run of this many legal links in a row (``Role.FOOTER``) is the page footer of
# a text dump; what follows it is a dialog (login, consent) shown over the page, so an
# article above the footer wins over a region below it.
FOOTER_MIN_LEGAL = 3


# A text dump of several sections (a service page's offer, features and questions; the
# entries of a list; the posts of a thread) has more than one region of prose: a further
# region that weighs at least this share of the best one is content too, and the article
# region widens to take it in (the blocks between are decided as inside the article:
# marked blocks and short lines that head nothing still go). An article's teaser list or
# comment excerpt weighs far less than the article.
FURTHER_REGION_SHARE = 0.5
# At most this many further regions are taken in: each is one pass over the page.
MAX_FURTHER_REGIONS = 10


def best_region(weights: list[float]) -> tuple[int, int] | None:
    """The ``(start, end)`` (inclusive) of the maximum-sum segment; None if none is positive."""
    best, best_span = 0.0, None
    running, start = 0.0, 0
    for i, w in enumerate(weights):
        if running <= 0:
            running, start = 0.0, i
        running += w
        if running > best:
            best, best_span = running, (start, i)
    return best_span


def anchor_below(weights: list[float], labels: list[Label], heading: int) -> None:
    """Add a bonus to the first prose block under the headline, in place."""
    for i in range(heading + 1, min(heading + 1 + ANCHOR_LOOKAHEAD, len(labels))):
        if labels[i] in PROSE:
            weights[i] += ANCHOR_BONUS
            return


def text_region(
    doc: Document,
    weights: list[float],
    own: list[float],
    region: tuple[int, int] | None,
    headline: int | None,
) -> tuple[int, int] | None:
    """A text dump's article region from the best one (``region``, over ``weights``, the
    headline's bonus in): above the page footer; none when it weighs less than
    ``MIN_ARTICLE_WEIGHT``; cut before an end-of-article cue. ``own``: the blocks' own
    weights, without the bonus."""
    if region:
        region = _before_footer(doc, weights, own, region)
    if region and region_total(weights, region) < MIN_ARTICLE_WEIGHT:
        return None  # less than a paragraph of prose: the page is its lines
    if region and doc.page_type != FORUM:  # a thread's posts follow its "Reply" lines
        region = _end_at_closing_cue(doc, own, region, headline)
    return region


def widen_text_region(
    doc: Document, content: list[float], region: tuple[int, int]
) -> tuple[int, int]:
    """A text dump's article region widened over its further regions of prose
    (``with_further_regions``) above the first legal line below it (a copyright line, the
    footer's links), below which a dialog stands (cookie consent, login)."""
    footer = next(
        (
            block.index
            for block in doc.blocks[region[1] + 1 : len(content)]
            if any_has_role(block.marks, Role.FOOTER)
        ),
        len(content),
    )
    return with_further_regions(content[:footer], region)


def with_further_regions(weights: list[float], region: tuple[int, int]) -> tuple[int, int]:
    """``region`` widened over every further region of prose that weighs at least
    ``FURTHER_REGION_SHARE`` of it (see there); ``weights`` end where the content may end
    (before a comment section)."""
    least = FURTHER_REGION_SHARE * region_total(weights, region)
    start, end = region
    masked = list(weights)
    for _ in range(MAX_FURTHER_REGIONS):
        masked[start : end + 1] = [-math.inf] * (end + 1 - start)  # the region found so far
        further = best_region(masked)
        if further is None or region_total(weights, further) < least:
            break
        start, end = min(start, further[0]), max(end, further[1])
    return start, end


def _end_at_closing_cue(
    doc: Document, weights: list[float], region: tuple[int, int], headline: int | None
) -> tuple[int, int]:
    """The region cut before an end-of-article cue (see ``Role.ENDS_ARTICLE``) when only a
    short tail of prose follows it; the tail's blocks are told so. Only a cue below the
    headline counts: the article starts under the headline. Of each cue family only the
    first cue below prose is a candidate: a "read on" link or a share bar after every
    entry of a list is no end."""
    start, end = region
    first = max(start, headline) if headline is not None else start
    before, after = 0.0, sum(max(w, 0.0) for w in weights[first : end + 1])
    passed: set[str] = set()  # families whose first cue below prose did not end the region
    for i in range(first, end + 1):
        after -= max(weights[i], 0.0)
        families = _end_cue_families(doc.blocks[i]) - passed
        if families:
            if 0 < after <= END_TAIL_MAX_WEIGHT and after < END_TAIL_MAX_SHARE * before:
                _mark_tail(doc, i, end)
                return start, max(j for j in range(first, i) if weights[j] > 0)
            if before > 0:
                passed |= families
        before += max(weights[i], 0.0)
    return region


def _before_footer(
    doc: Document, weights: list[float], own: list[float], region: tuple[int, int]
) -> tuple[int, int]:
    """The best region above the page footer when the region found reaches below it
    and the part above the footer holds an article by its own weight (a teaser line
    under a headline copy in the menu is none)."""
    footer = _footer_start(doc, weights)
    if footer is None or region[1] < footer:
        return region
    above = best_region(weights[:footer])
    if above and region_total(own, above) >= MIN_ARTICLE_WEIGHT:
        return above
    return region


def _footer_start(doc: Document, weights: list[float]) -> int | None:
    """Index of the first run of ``FOOTER_MIN_LEGAL`` legal lines in a row below prose."""
    run, prose = 0, False
    for block, w in zip(doc.blocks, weights):
        run = run + 1 if any_has_role(block.marks, Role.FOOTER) else 0
        if run >= FOOTER_MIN_LEGAL and prose:
            return block.index - run + 1
        prose = prose or w > 0
    return None


def _mark_tail(doc: Document, cue: int, end: int) -> None:
    reason = Reason(RuleId.REGION, f"after the end-of-article cue in block {cue}")
    for block in doc.blocks[cue + 1 : end + 1]:
        if not block.reason and not block.marks:
            block.reason = reason


def _end_cue_families(block: Block) -> set[str]:
    return {reason.rule for reason in block.marks if has_role(reason, Role.ENDS_ARTICLE)}


def region_total(weights: list[float], region: tuple[int, int]) -> float:
    """The total weight of the blocks of ``region``."""
    return sum(weights[region[0] : region[1] + 1])


def comments_start(doc: Document, weights: list[float]) -> int:
    """Index where a comment section starts (else the page end).

    A comments cue ("Comments", "Leave a reply") starts the comment section when prose
    precedes it and the best region after it is interleaved with comment headers
    (dates, "wrote:", "Reply"), as comment threads are; a "Comments" menu link above a
    story is no such boundary.
    """
    prose = 0.0
    for block, w in zip(doc.blocks, weights):
        if prose >= MIN_PROSE_BEFORE_COMMENTS and any_has_role(block.marks, Role.OPENS_COMMENTS):
            if _thread_follows(doc, weights, block.index):
                return block.index
        prose += max(w, 0.0)
    return len(doc.blocks)


def _thread_follows(doc: Document, weights: list[float], start: int) -> bool:
    """A comment thread follows the comments cue in block ``start`` (see ``comments_start``)."""
    after = best_region(weights[start + 1 :])
    if after is None:
        return True
    first, last = after[0] + start + 1, after[1] + start + 1
    inner = doc.blocks[first + 1 : last]
    headers = sum(1 for b in inner if _is_comment_header(b))
    paragraphs = sum(1 for i in range(first, last + 1) if weights[i] > 0)
    if headers < max(MIN_COMMENT_HEADERS, COMMENT_HEADER_SHARE * paragraphs):
        return False
    if COUNTER not in doc.blocks[start].marks:
        return True
    return _prose_before_first_header(doc, weights, first, last) <= MAX_COMMENT_WEIGHT


def _prose_before_first_header(doc: Document, weights: list[float], first: int, last: int) -> float:
    """The prose weight in blocks ``first..last`` before the first comment header."""
    prose = 0.0
    for i in range(first, last + 1):
        if _is_comment_header(doc.blocks[i]):
            break
        prose += max(weights[i], 0.0)
    return prose


def _is_comment_header(block: Block) -> bool:
    return any_has_role(block.marks, Role.COMMENT_HEADER)
