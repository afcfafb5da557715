"""Related-article lists and teasers.

Three cues:
- a lead-in from the ``related`` lexicon ("Leggi anche", "Read more", "Lesen Sie auch"),
  and the run of short title-like blocks that follows a lead-in heading;
- a teaser entry: the block holds the next block's text twice, at its start and its end
  ("Title di Author Title" followed by "Title"), the shape a list of article cards
  leaves in a dump; the entry and the bare title both go;
- a repeated title: a short block equal to the one two places above it, inside a list of
  entries of that shape.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Block, Document, Mark, Reason
from ..sources.dom import common_ancestor, in_element
from ..tokens import words_up_to
from ._lexical import phrase_marks
from .ids import RuleId
from .structure import MAX_LINK_DENSITY

RULE = RuleId.RELATED_LIST
# A lead-in is a heading or a one-line link: "Read more: <title>".
MAX_LEAD_IN_WORDS = 25
# Items of a related list after a lead-in heading: short, no sentence punctuation, and
# not more than a related box holds.
MAX_ITEM_WORDS = 20
MAX_LIST_ITEMS = 15
# A lead-in heading ("Related articles", "Leggi anche") is a few words; a longer lead-in
# is a one-line link ("Read more: <title>") with no list after it.
MAX_HEADING_WORDS = 5
# A lead-in heading that heads a section is an h2 or below (an h1 heads a story, and on
# pages with sectioned h1s, often the page's own column); 0 is no heading element.
MIN_LEAD_IN_RANK = 2
# A section under a lead-in heading sits below html/body: a section that is the page's
# body (or html) is the whole page, not a related box.
MIN_SECTION_DEPTH = 2
# A teaser list: at least this many headline + one-sentence-summary pairs in a row, the
# summaries short (an article's sections run to longer paragraphs, and usually several).
MIN_TEASER_PAIRS = 4
MAX_HEADLINE_WORDS = 20
MIN_SUMMARY_WORDS = 6
MAX_SUMMARY_WORDS = 35
# Dated cards (a dateline, a headline, a one-sentence summary): this many in a row make a
# news list; the date makes two enough.
MIN_DATED_CARDS = 2
# Teasers cut off with an ellipsis: this many in a row, each at most this long.
MIN_TRUNCATED_RUN = 2
MAX_TRUNCATED_WORDS = 40
# A teaser's title must be long enough that finding it twice is no accident.
MIN_TITLE_WORDS = 2


def find(doc: Document) -> Iterator[Mark]:
    for mark in phrase_marks(doc, "related", RULE, MAX_LEAD_IN_WORDS):
        yield mark
        if _is_heading(doc.blocks[mark.index]):
            yield from _list_after(doc.blocks, mark.index)
            yield from _section_after(doc.blocks, mark.index)
    yield from _teasers(doc.blocks)
    yield from _teaser_runs(doc.blocks)
    yield from _dated_cards(doc.blocks)
    yield from _truncated_runs(doc.blocks)


def _is_heading(block: Block) -> bool:
    return block.stats is not None and block.stats.n_words <= MAX_HEADING_WORDS


def _list_after(blocks: list[Block], start: int) -> Iterator[Mark]:
    """The run of short, unpunctuated blocks right after a lead-in heading (at most
    ``MAX_LIST_ITEMS``: a menu heading must not swallow the page). On an HTML page the
    run ends at an ``h1``: the page's headline is no list item."""
    for block in blocks[start + 1 : start + 1 + MAX_LIST_ITEMS]:
        stats = block.stats
        if stats is None or stats.n_words > MAX_ITEM_WORDS or stats.ends_with_punct:
            return
        if block.heading == 1:
            return
        yield Mark(block.index, Reason(RULE, f"item of the list after lead-in block {start}"))


def _section_after(blocks: list[Block], start: int) -> Iterator[Mark]:
    """On an HTML page, the rest of the element a lead-in heading heads.

    The lead-in must be a heading element (a "Read more" link or button may unfold the
    article's own rest). The element is the innermost one holding the heading and the
    block after it; the heading must be its first block (a lead-in inside the article's
    text heads nothing) and the only heading of its rank or higher in it (the page's
    headline or a second section heading says the element is a column, not a box).
    """
    if start + 1 >= len(blocks) or blocks[start].path is None:
        return
    if blocks[start].heading < MIN_LEAD_IN_RANK:
        return
    section = common_ancestor(blocks[start].path or "", blocks[start + 1].path or "")
    if section.count("/") < MIN_SECTION_DEPTH:
        return
    if start > 0 and in_element(blocks[start - 1].path, section):
        return
    end = start + 1
    while end < len(blocks) and in_element(blocks[end].path, section):
        end += 1
    level = blocks[start].heading
    if any(0 < block.heading <= level for block in blocks[start + 1 : end]):
        return  # a heading of its rank further down: a column of sections, no related box
    reason = Reason(RULE, f"inside the section headed by lead-in block {start}")
    for block in blocks[start + 1 : end]:
        yield Mark(block.index, reason)


def _teasers(blocks: list[Block]) -> Iterator[Mark]:
    for entry, title in zip(blocks, blocks[1:]):
        text, bare = entry.text, title.text
        if len(text) < 2 * len(bare) or words_up_to(bare, MIN_TITLE_WORDS) < MIN_TITLE_WORDS:
            continue
        if text.startswith(bare) and text.endswith(bare):
            yield Mark(entry.index, Reason(RULE, "teaser: entry holds the next title twice"))
            yield Mark(title.index, Reason(RULE, "teaser title repeated after its entry"))


def _teaser_runs(blocks: list[Block]) -> Iterator[Mark]:
    """Runs of (headline, short summary) pairs: the cards of a news or related list."""
    starts = [_is_teaser_pair(blocks, i) for i in range(len(blocks))]  # each block once
    if sum(starts) < MIN_TEASER_PAIRS:
        return  # too few pairs on the page for any run (most pages)
    i = 0
    while i < len(blocks) - 1:
        pairs = 0
        while i + 2 * pairs < len(blocks) and starts[i + 2 * pairs]:
            pairs += 1
        if pairs >= MIN_TEASER_PAIRS:
            reason = Reason(RULE, f"teaser list: {pairs} headline + summary pairs in a row")
            for block in blocks[i : i + 2 * pairs]:
                yield Mark(block.index, reason)
            i += 2 * pairs
        else:
            i += 1


def _is_teaser_pair(blocks: list[Block], i: int) -> bool:
    if i + 1 >= len(blocks):
        return False
    headline, summary = blocks[i].stats, blocks[i + 1].stats
    if headline is None or summary is None:
        return False
    if blocks[i].path is not None and blocks[i].link_density <= MAX_LINK_DENSITY:
        return False  # on an HTML page a teaser's headline links to its story
    return (
        1 <= headline.n_words <= MAX_HEADLINE_WORDS
        and not blocks[i].text.endswith(".")  # headlines may ask or exclaim, not state
        and MIN_SUMMARY_WORDS <= summary.n_words <= MAX_SUMMARY_WORDS
        and summary.ends_with_punct
    )


def _dated_cards(blocks: list[Block]) -> Iterator[Mark]:
    """Runs of (dateline, headline, summary) cards: the entries of a news list."""
    i = 0
    while i < len(blocks) - 2:
        cards = 0
        while _is_dated_card(blocks, i + 3 * cards):
            cards += 1
        if cards >= MIN_DATED_CARDS:
            reason = Reason(RULE, f"news list: {cards} dated headline + summary cards in a row")
            for block in blocks[i + 1 : i + 3 * cards]:
                yield Mark(block.index, reason)  # the datelines keep their own mark
            i += 3 * cards
        else:
            i += 1


def _is_dated_card(blocks: list[Block], i: int) -> bool:
    if i + 2 >= len(blocks) or not blocks[i].marks:
        return False
    # ``metadata`` runs before this rule (see ``rules.RULES``): its date line heads the card.
    dated = all(r.rule == RuleId.METADATA for r in blocks[i].marks)
    return dated and _is_teaser_pair(blocks, i + 1)


def _truncated_runs(blocks: list[Block]) -> Iterator[Mark]:
    """Runs of teasers cut off mid-sentence ("... will Lazarett auf Schienen als...")."""
    if not any("..." in block.text or "…" in block.text for block in blocks):
        return  # no ellipsis on the page (a cheap test first)
    run: list[Block] = []
    for block in [*blocks, None]:
        if block is not None and _is_truncated(block):
            run.append(block)
            continue
        if len(run) >= MIN_TRUNCATED_RUN:
            reason = Reason(RULE, f"teaser list: {len(run)} teasers cut off with an ellipsis")
            yield from (Mark(b.index, reason) for b in run)
        run = []


def _is_truncated(block: Block) -> bool:
    text = block.text.rstrip()
    stem = text[:-3] if text.endswith("...") else text[:-1] if text.endswith("…") else None
    return (
        stem is not None
        and stem[-1:].isalnum()  # cut inside a word or right after one, not after a stop
        and block.stats is not None
        and block.stats.n_words <= MAX_TRUNCATED_WORDS
    )
