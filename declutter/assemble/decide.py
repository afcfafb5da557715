"""Keep or drop every block once the article region is known.

Everything before and after the region goes, even a line that reads like prose, except
a standfirst right above it, a closing note and a source line ("(Fonte: RIA Novosti)")
right after it. Inside the region, marked blocks go; a long block that is no prose (a
table row, a list of names) stays, since the prose around it outweighed it; short blocks
stay when they read as a heading of the prose that follows, a list item or a data line.
"""

from __future__ import annotations

from .. import lexicons
from ..classify import PROSE, Label
from ..model import Block, Document, Reason, Source, shared_reason
from ..rules.ids import Role, RuleId, all_have_role
from ..tokens import words_up_to
from .container import LINKED_SENTENCE, decide_in_container, linked_sentence

# A short block inside the region is kept as a heading when it is this short.
HEADING_MAX_WORDS = 20
# A source credit after the article is looked for this many blocks past its end.
SOURCE_LINE_LOOKAHEAD = 2
SOURCE_LINE_MAX_WORDS = 12
# A standfirst under the headline may lack a full stop ('"...", said the senator'): it
# is kept above the article when it is this long and this rich in stopwords.
STANDFIRST_MIN_WORDS = 8
STANDFIRST_STOPWORDS = 0.25
# The same for an author's note right below the article; a byline is shorter.
CLOSING_NOTE_MIN_WORDS = 12
# A "Label: value" line inside the article is a line of its fact box or spec list when
# the label and the value are this many words at most (longer: a headline after a kicker).
DATA_LABEL_MAX_WORDS = 3
DATA_VALUE_MAX_WORDS = 12
# A short line between prose blocks is kept as a list item or data unless it is
# title-cased like the headlines of a teaser list.
LIST_ITEM_MAX_TITLE_CASE = 0.5

# A text dump's byline may be the author's name alone, between the standfirst and the
# article's first full paragraph (with the lead picture's caption): a given name (data:
# ``lexicons/_given_names/``) and one or two more capitalised words.
NAME_LINE_MIN_WORDS = 2
NAME_LINE_MAX_WORDS = 3
# ... within this many blocks below the region's first block (the standfirst).
BYLINE_ZONE_BLOCKS = 3
BARE_NAME = Reason(RuleId.METADATA, "byline: a bare name above the article's first paragraph")
DATA_LINE = Reason(RuleId.CONTENT, "data line inside the article (label: value)")
NOT_A_HEADING = Reason(RuleId.STATISTICS, "short line inside the article, not a heading")
BETWEEN_KEPT = Reason(RuleId.CONTENT, "short line between kept blocks (list item, data, signature)")
CLOSING_NOTE = Reason(RuleId.CONTENT, "closing note right below the article")
NO_PROSE = Reason(RuleId.CONTENT, "unmarked line of a page without an article")


def keep_all_unmarked(doc: Document) -> None:
    """No article region: the page is its lines (a list, a table, a short note)."""
    for block in doc.blocks:
        if block.reason.rule == RuleId.REGION:
            block.kept, block.reason = True, NO_PROSE


def keep_extracted(doc: Document, labels: list[Label]) -> None:
    """An extractor already chose the content: keep its blocks that no rule marked."""
    for block, lab in zip(doc.blocks, labels):
        if block.reason:
            continue
        block.kept = lab is not Label.MARKED
        block.reason = (
            block.marks[0] if block.marks else shared_reason(RuleId.CONTENT, "extracted body")
        )


def decide_by_region(doc: Document, labels: list[Label], region: tuple[int, int] | None) -> None:
    """Keep or drop every block not decided yet, by where it stands to ``region``."""
    start, end = region if region else (len(doc.blocks), -1)
    if region:
        start = _extend_with_lead_sentences(doc, labels, start)
        end = _extend_with_source_line(doc, _extend_with_closing_note(doc, labels, end))
    between_prose = _prose_on_both_sides(labels)
    next_unmarked = _next_not_inline(doc)
    last_prose = _last_prose(doc, labels, start, end)
    first_good = next((i for i in range(start, end + 1) if labels[i] is Label.GOOD), end)
    byline_zone = range(start + 1, min(first_good, start + 1 + BYLINE_ZONE_BLOCKS))
    dom = doc.source is Source.DOM
    for block, lab in zip(doc.blocks, labels):
        if block.reason:  # already decided: the title and its copies
            continue
        if not dom and block.index in byline_zone and _is_bare_name(block):
            block.reason = BARE_NAME
            continue
        if block.marks and start <= block.index < last_prose and linked_sentence(block):
            block.kept, block.reason = True, LINKED_SENTENCE
        elif block.marks:
            block.reason = block.marks[0]
        elif not start <= block.index <= end:
            where = "before" if block.index < start else "after"
            block.reason = shared_reason(RuleId.REGION, f"{where} the article region")
        elif (source := _source_cue(doc, block)) is not None:
            block.kept, block.reason = True, shared_reason(RuleId.SOURCE, source.describe())
        elif dom:
            nxt = next_unmarked[block.index]
            if block.heading:  # a heading heads text: look past the subheadings below it
                while nxt is not None and nxt <= end and doc.blocks[nxt].heading:
                    nxt = next_unmarked[nxt]
            following = doc.blocks[nxt] if nxt is not None and nxt <= end else None
            block.kept, block.reason = decide_in_container(block, lab, following)
        else:
            decision = _decide_in_text_region(labels, between_prose, next_unmarked, block, lab)
            block.kept, block.reason = decision
    _keep_lines_between_kept(doc)
    _keep_data_lines(doc)


def _last_prose(doc: Document, labels: list[Label], start: int, end: int) -> int:
    """Index of the last unmarked prose block in start..end (-1 if none)."""
    for i in range(end, start - 1, -1):
        if labels[i] in PROSE and not doc.blocks[i].reason:
            return i
    return -1


def _is_bare_name(block: Block) -> bool:
    """A given name and one or two more capitalised words, nothing else ("Marie
    Rövekamp"): a name, not a sub-heading ("Bus Lines Extended")."""
    if block.marks or block.stats is None or block.stats.stopword_density > 0:
        return False
    words = block.text.split(None, NAME_LINE_MAX_WORDS)  # more: too many, whatever they are
    return (
        NAME_LINE_MIN_WORDS <= len(words) <= NAME_LINE_MAX_WORDS
        and all(word[:1].isupper() and word.isalpha() for word in words)
        and words[0].lower() in lexicons.given_names()
    )


def _keep_data_lines(doc: Document) -> None:
    """Short "Label: value" lines inside the article, two or more in a row, are its fact
    box or spec list ("Laufzeit: fünf Jahre", "Eintritt: 3 Euro"), not page furniture."""
    blocks = doc.blocks
    for block in blocks:
        if block.reason != NOT_A_HEADING or not _is_data_line(block.text):
            continue
        i = block.index
        neighbours = blocks[max(i - 1, 0) : i] + blocks[i + 1 : i + 2]
        if any(_is_data_line(other.text) for other in neighbours):
            block.kept, block.reason = True, DATA_LINE


def _keep_lines_between_kept(doc: Document) -> None:
    """A short line with a kept block right above and right below it is part of that
    passage: a list item, the label of a data line, a signature under a paragraph.

    Not a line ending in a colon: that is the lead-in of what follows ("Sources:",
    "More topics:"), kept only as the heading of prose.
    """
    kept = [block.kept for block in doc.blocks]
    for block in doc.blocks[1:-1]:
        if (
            block.reason == NOT_A_HEADING
            and not block.text.endswith(":")
            and kept[block.index - 1]
            and kept[block.index + 1]
        ):
            block.kept, block.reason = True, BETWEEN_KEPT


def _decide_in_text_region(
    labels: list[Label],
    between_prose: list[bool],
    next_unmarked: list[int | None],
    block: Block,
    lab: Label,
) -> tuple[bool, Reason]:
    """Keep or drop an unmarked block inside a text dump's article region (on an HTML
    page: ``container.decide_in_container``)."""
    if lab in PROSE:
        return True, shared_reason(RuleId.CONTENT, f"{lab.value} prose")
    if lab is Label.BAD:  # the region ran through it: prose on both sides outweighs it
        return True, shared_reason(
            RuleId.CONTENT, "long non-prose block inside the article (table, list)"
        )
    assert block.stats is not None
    if _ends_as_sentence(block):
        return True, shared_reason(RuleId.CONTENT, "short sentence inside the article")
    nxt = labels[next_unmarked[block.index]] if next_unmarked[block.index] is not None else None
    if block.stats.n_words <= HEADING_MAX_WORDS and nxt in PROSE:
        return True, shared_reason(RuleId.CONTENT, "heading of the prose that follows")
    if block.stats.title_case_ratio <= LIST_ITEM_MAX_TITLE_CASE and between_prose[block.index]:
        return True, shared_reason(
            RuleId.CONTENT, "short line between prose blocks (list item, data)"
        )
    return False, NOT_A_HEADING


def _is_data_line(text: str) -> bool:
    """"Label: value", a short label of words (a date before a colon heads a timeline
    entry or a dated headline) and a short value: a line of a fact box or spec list."""
    label, colon, value = text.partition(": ")
    return (
        bool(colon)
        and 1 <= words_up_to(label, DATA_LABEL_MAX_WORDS) <= DATA_LABEL_MAX_WORDS
        and 1 <= words_up_to(value, DATA_VALUE_MAX_WORDS) <= DATA_VALUE_MAX_WORDS
        and not any(ch.isdigit() for ch in label)
    )


def _prose_on_both_sides(labels: list[Label]) -> list[bool]:
    """Per block: the nearest non-short blocks before and after it are both prose."""
    before: list[Label | None] = []
    last: Label | None = None
    for lab in labels:
        before.append(last)
        if lab is not Label.SHORT:
            last = lab
    both = [False] * len(labels)
    last = None
    for i in range(len(labels) - 1, -1, -1):
        both[i] = before[i] in PROSE and last in PROSE
        if labels[i] is not Label.SHORT:
            last = labels[i]
    return both


def _next_not_inline(doc: Document) -> list[int | None]:
    """Per block, the index of the next block that is no caption, date or counter."""
    following: list[int | None] = [None] * len(doc.blocks)
    nxt: int | None = None
    for block in reversed(doc.blocks):
        following[block.index] = nxt
        if not (block.marks and _marked_inline(block)):
            nxt = block.index
    return following


def _extend_with_lead_sentences(doc: Document, labels: list[Label], start: int) -> int:
    """Take in the short sentences right above the region: a standfirst, a lead line,
    and a lead-in ending in a colon right above the first paragraph ("Das Beste kommt
    jetzt:"), which introduces it.

    Inline marks (a caption, a date) between them and the region are stepped over.
    """
    new_start = start
    for i in range(start - 1, -1, -1):
        block = doc.blocks[i]
        if block.marks and _marked_inline(block):
            continue
        lead_in = i == start - 1 and block.text.endswith(":")
        if block.reason or labels[i] is not Label.SHORT or not (lead_in or _is_lead(block)):
            break  # the headline, or a block that is no lead sentence
        new_start = i
    return new_start


def _extend_with_closing_note(doc: Document, labels: list[Label], end: int) -> int:
    """Take in one short sentence right below the region: an author's note, a last line."""
    i = end + 1
    if i < len(doc.blocks):
        block = doc.blocks[i]
        stats = block.stats
        assert stats is not None
        if (
            not block.marks
            and labels[i] is Label.SHORT
            and stats.n_words >= CLOSING_NOTE_MIN_WORDS
            and stats.stopword_density >= STANDFIRST_STOPWORDS
        ):
            block.kept, block.reason = True, CLOSING_NOTE
            return i
    return end


def _marked_inline(block: Block) -> bool:
    """Every mark of the block is an inline one: a caption, a date, a counter."""
    return all_have_role(block.marks, Role.INLINE)


def _ends_as_sentence(block: Block) -> bool:
    """Ends with terminal punctuation, but not with the colon of a lead-in ("Sources:")."""
    assert block.stats is not None
    return block.stats.ends_with_punct and not block.text.endswith(":")


def _is_lead(block: Block) -> bool:
    """A sentence, or a standfirst that runs on without a full stop."""
    assert block.stats is not None
    stats = block.stats
    return _ends_as_sentence(block) or (
        stats.n_words >= STANDFIRST_MIN_WORDS and stats.stopword_density >= STANDFIRST_STOPWORDS
    )


def _extend_with_source_line(doc: Document, end: int) -> int:
    """Take in a source credit closing the article ("Quelle: dpa", "(Fonte: ANSA)")."""
    for block in doc.blocks[end + 1 : end + 1 + SOURCE_LINE_LOOKAHEAD]:
        if _source_cue(doc, block) is not None:
            return block.index
    return end


def _source_cue(doc: Document, block: Block) -> lexicons.Cue | None:
    """The source-credit cue of a short unmarked block, if it is one."""
    if block.marks or block.stats is None or block.stats.n_words > SOURCE_LINE_MAX_WORDS:
        return None
    if doc.cue_texts is None:
        return lexicons.load("source").find(block.text)
    key, words = doc.cue_texts.keys[block.index], doc.cue_texts.words[block.index]
    return lexicons.load("source").find(block.text, key, words)
