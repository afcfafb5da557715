"""Keep the article region: choose the title, find the best region, decide every block.

The article is one contiguous region of blocks: the segment with the largest total
weight (a maximum-sum segment over the classifier's weights). Everything before and
after it goes, even a line that reads like prose, except a closing source line
("(Fonte: RIA Novosti)") right after it. Inside the region, marked blocks go; a long
block that is no prose (a table row, a list of names) stays, since the prose around it
outweighed it; short blocks stay when they read as a heading of the prose that follows.
"""

from __future__ import annotations

from . import lexicons
from .classify import Label
from .container import (
    LEAD,
    LINKED_SENTENCE,
    grow_to_container,
    headline_article,
    inside_container,
    lead_paragraphs,
    linked_sentence,
    structural_weights,
)
from .model import Block, Document, Kind, Reason
from .regions import best_region
from .rules.ids import Role, RuleId, all_have_role, any_has_role, has_role
from .rules.metadata import COUNTER

# A page title is a line, not a paragraph.
TITLE_MAX_WORDS = 30
# A heading copy of the title must have this many words to be trusted as the title.
TITLE_COPY_MIN_WORDS = 2
# A heading may follow the headline with a little more: "Headline 545" (a comment count).
HEADING_COPY_EXTRA_WORDS = 2
# "Headline | Site", "Headline - Site": the site part is this many words at most.
SITE_SUFFIX_MAX_WORDS = 4
TITLE_SEPARATORS = (" | ", " - ", " – ", " — ", " :: ", " » ", " · ")
# A short block inside the region is kept as a heading when it is this short.
HEADING_MAX_WORDS = 20
# A source credit after the article is looked for this many blocks past its end.
SOURCE_LINE_LOOKAHEAD = 2
SOURCE_LINE_MAX_WORDS = 12

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

PROSE = (Label.GOOD, Label.NEARGOOD)
# A standfirst under the headline may lack a full stop ('"...", said the senator'): it
# is kept above the article when it is this long and this rich in stopwords.
STANDFIRST_MIN_WORDS = 8
STANDFIRST_STOPWORDS = 0.25
# The same for an author's note right below the article; a byline is shorter.
CLOSING_NOTE_MIN_WORDS = 12
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

TITLE = Reason(RuleId.TITLE, "page title")
DATA_LINE = Reason(RuleId.CONTENT, "data line inside the article (label: value)")
NOT_A_HEADING = Reason(RuleId.STATISTICS, "short line inside the article, not a heading")
BETWEEN_KEPT = Reason(RuleId.CONTENT, "short line between kept blocks (list item, data, signature)")
CLOSING_NOTE = Reason(RuleId.CONTENT, "closing note right below the article")
DUPLICATE_TITLE = Reason(RuleId.DUPLICATE_TITLE, "repeats the page title")
NO_PROSE = Reason(RuleId.CONTENT, "unmarked line of a page without an article")


def assemble(doc: Document, labels: list[Label], weights: list[float]) -> str | None:
    """Set ``kept`` and ``reason`` on every block; return the title."""
    title_index, title = _choose_title(doc, labels)
    _drop_title_copies(doc, title, title_index)
    structured = doc.from_dom
    if doc.kind is Kind.HTML and not structured:
        _keep_unmarked(doc, labels)  # an extractor already chose the content
    else:
        weights = [0.0 if b.reason else w for b, w in zip(doc.blocks, weights)]
        if structured:
            weights = structural_weights(doc, labels, weights)
        own = list(weights)  # the blocks' own weights, without the headline's bonus
        if title_index:  # a heading repeats the page title: the article starts below it
            _anchor_below(weights, labels, title_index)
        region = best_region(weights[: _comments_start(doc, weights)])
        if region and doc.kind is Kind.TEXT and not structured:
            region = _before_footer(doc, weights, own, region)
        if region and doc.kind is Kind.TEXT and _weight(weights, region) < MIN_ARTICLE_WEIGHT:
            region = None  # less than a paragraph of prose: the page is its lines
        if region and not structured:
            region = _end_at_closing_cue(doc, own, region, title_index)
        lead: list[int] = []
        if structured:
            region = headline_article(doc, weights, title_index, region)
            core = region or ((title_index, title_index) if title_index is not None else None)
            region = grow_to_container(doc, labels, weights, core)
            lead = lead_paragraphs(doc, labels, title_index, region)
        _decide_by_region(doc, labels, region)
        if region is None and doc.kind is Kind.TEXT:
            _keep_all_unmarked(doc)
        for i in lead:
            doc.blocks[i].kept, doc.blocks[i].reason = True, LEAD
    if title_index is not None:
        doc.blocks[title_index].kept = True
        doc.blocks[title_index].reason = TITLE
    return title


def _anchor_below(weights: list[float], labels: list[Label], heading: int) -> None:
    """Add a bonus to the first prose block under the headline, in place."""
    for i in range(heading + 1, min(heading + 1 + ANCHOR_LOOKAHEAD, len(labels))):
        if labels[i] in PROSE:
            weights[i] += ANCHOR_BONUS
            return


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
    if above and _weight(own, above) >= MIN_ARTICLE_WEIGHT:
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


def _weight(weights: list[float], region: tuple[int, int]) -> float:
    return sum(weights[region[0] : region[1] + 1])


def _comments_start(doc: Document, weights: list[float]) -> int:
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
    """A comment thread follows the comments cue in block ``start`` (see ``_comments_start``)."""
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


def _choose_title(doc: Document, labels: list[Label]) -> tuple[int | None, str | None]:
    """The block used as title (if any) and the title text."""
    if doc.kind is Kind.HTML:
        return _html_title(doc) if doc.from_dom else (None, doc.title)
    if not doc.blocks:
        return None, None
    first = doc.blocks[0]
    if first.marks or first.stats is None or first.stats.n_words > TITLE_MAX_WORDS:
        return None, None
    headline = strip_site_name(first.text)
    copies = [b for b in doc.blocks[1:] if _is_heading_copy(b, first.text, headline)]
    if not copies:  # the copy may differ in punctuation: "l’Etat" for "l'Etat", "Stats… Wow"
        parts = _title_part_letters(first.text)
        copies = [b for b in doc.blocks[1:] if _title_shaped(b) and _letters(b.text) in parts]
    if copies:
        # The headline has the article right below it; a menu item has not, nor the site
        # name in a footer. The first such copy: the site name in a sidebar comes later.
        # With no prose below any, the longest copy.
        below = [b for b in copies if _prose_below(labels, b.index)]
        leading = [b for b in below if _is_title_start(b, first.text, headline)]
        heading = (leading or below)[0] if below else max(copies, key=lambda b: len(b.text))
        first.reason = DUPLICATE_TITLE
        return heading.index, heading.text
    return 0, headline


def _is_title_start(block: Block, title: str, headline: str) -> bool:
    """The copy is the title's first part ("Headline - Site - Slogan"), not a later one."""
    return title.startswith(block.text) or block.text.startswith(headline)


def _prose_below(labels: list[Label], index: int) -> bool:
    """An unmarked prose block follows within ``ANCHOR_LOOKAHEAD`` blocks."""
    following = labels[index + 1 : index + 1 + ANCHOR_LOOKAHEAD]
    return any(lab in PROSE for lab in following)


def _html_title(doc: Document) -> tuple[int | None, str | None]:
    """The heading that repeats the page title (else the title alone, else the first h1)."""
    if not doc.title:
        first_h1 = next((b for b in doc.blocks if b.heading == 1 and not b.marks), None)
        return (first_h1.index, first_h1.text) if first_h1 else (None, None)
    headline = strip_site_name(doc.title)
    copies = [b for b in doc.blocks if b.heading and _is_heading_copy(b, doc.title, headline)]
    if not copies:  # the heading's parts may sit in inline elements, glued: compare letters
        title_letters = _letters(doc.title)
        copies = [b for b in doc.blocks if b.heading and _is_glued_copy(b, title_letters)]
    if copies:
        heading = max(copies, key=lambda b: (b.heading == 1, len(b.text)))
        return heading.index, heading.text
    return None, headline


def _letters(text: str) -> str:
    """Letters and digits alone, lower-cased: "Part one - \"Part two\"" -> "partoneparttwo"."""
    return "".join(ch for ch in text.lower() if ch.isalnum())


def _title_part_letters(title: str) -> set[str]:
    """The letters (see ``_letters``) of the title and of its parts between separators,
    each part alone and the parts from the start: a copy repeats one of them whole (a
    teaser cut off after a few words of the headline repeats none)."""
    parts = [title]
    for separator in TITLE_SEPARATORS:
        parts = [piece for part in parts for piece in part.split(separator)]
    letters = {_letters(part) for part in parts}
    letters.update(_letters("".join(parts[: k + 1])) for k in range(len(parts)))
    letters.add(_letters(title))
    letters.discard("")
    return letters


def _is_glued_copy(block: Block, title_letters: str) -> bool:
    """The heading holds the title's letters in a run, punctuation and spaces aside: its
    inline parts ("<span>Kicker</span><span>Headline</span>") lost the separator."""
    if not _title_shaped(block):
        return False
    letters = _letters(block.text)
    return bool(letters) and letters in title_letters


def _title_shaped(block: Block) -> bool:
    """A line of title length with no mark but inline ones (a date in a headline, "Day in
    pictures: 24 July 2012", is no bar)."""
    if not all_have_role(block.marks, Role.INLINE):
        return False
    return TITLE_COPY_MIN_WORDS <= len(block.text.split()) <= TITLE_MAX_WORDS


def _is_heading_copy(block: Block, title: str, headline: str) -> bool:
    """The block is the page title (or part of it), or the headline plus a count."""
    if block.text not in title and not block.text.startswith(headline):
        return False  # the cheap test first: most blocks are no copy
    if not _title_shaped(block):
        return False
    if block.text in title:
        return True
    rest = block.text[len(headline) :] if block.text.startswith(headline) else None
    return rest is not None and len(rest.split()) <= HEADING_COPY_EXTRA_WORDS


def strip_site_name(title: str) -> str:
    """Drop a short site-name suffix: "Headline | BBC News" -> "Headline"."""
    for separator in TITLE_SEPARATORS:
        head, sep, tail = title.rpartition(separator)
        if sep and head and len(tail.split()) <= SITE_SUFFIX_MAX_WORDS < len(title.split()):
            return head.strip()
    return title


def _drop_title_copies(doc: Document, title: str | None, title_index: int | None) -> None:
    if not title:
        return
    key = lexicons.normalise(title)
    keys = doc.cue_texts.keys if doc.cue_texts else [lexicons.normalise(b.text) for b in doc.blocks]
    for block in doc.blocks:
        if block.index != title_index and not block.reason:
            if keys[block.index] == key:
                block.reason = DUPLICATE_TITLE


def _keep_all_unmarked(doc: Document) -> None:
    """No article region: the page is its lines (a list, a table, a short note)."""
    for block in doc.blocks:
        if block.reason.rule == RuleId.REGION:
            block.kept, block.reason = True, NO_PROSE


def _keep_unmarked(doc: Document, labels: list[Label]) -> None:
    for block, lab in zip(doc.blocks, labels):
        if block.reason:
            continue
        block.kept = lab is not Label.MARKED
        block.reason = block.marks[0] if block.marks else Reason(RuleId.CONTENT, "extracted body")


def _decide_by_region(doc: Document, labels: list[Label], region: tuple[int, int] | None) -> None:
    start, end = region if region else (len(doc.blocks), -1)
    if region:
        start = _extend_with_lead_sentences(doc, labels, start)
        end = _extend_with_source_line(doc, _extend_with_closing_note(doc, labels, end))
    between_prose = _prose_on_both_sides(labels)
    next_unmarked = _next_not_inline(doc)
    last_prose = _last_prose(doc, labels, start, end)
    first_good = next((i for i in range(start, end + 1) if labels[i] is Label.GOOD), end)
    byline_zone = range(start + 1, min(first_good, start + 1 + BYLINE_ZONE_BLOCKS))
    for block, lab in zip(doc.blocks, labels):
        if block.reason:  # already decided: the title and its copies
            continue
        if block.path is None and block.index in byline_zone and _is_bare_name(block):
            block.reason = BARE_NAME
            continue
        if block.marks and start <= block.index < last_prose and linked_sentence(block):
            block.kept, block.reason = True, LINKED_SENTENCE
        elif block.marks:
            block.reason = block.marks[0]
        elif not start <= block.index <= end:
            where = "before" if block.index < start else "after"
            block.reason = Reason(RuleId.REGION, f"{where} the article region")
        elif (source := _source_cue(doc, block)) is not None:
            block.kept, block.reason = True, Reason(RuleId.SOURCE, source.describe())
        elif block.path is not None:
            nxt = next_unmarked[block.index]
            if block.heading:  # a heading heads text: look past the subheadings below it
                while nxt is not None and nxt <= end and doc.blocks[nxt].heading:
                    nxt = next_unmarked[nxt]
            following = doc.blocks[nxt] if nxt is not None and nxt <= end else None
            block.kept, block.reason = inside_container(block, lab, following)
        else:
            block.kept, block.reason = _inside(labels, between_prose, next_unmarked, block, lab)
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
    words = block.text.split()
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


def _inside(
    labels: list[Label],
    between_prose: list[bool],
    next_unmarked: list[int | None],
    block: Block,
    lab: Label,
):
    if lab in (Label.GOOD, Label.NEARGOOD):
        return True, Reason(RuleId.CONTENT, f"{lab.value} prose")
    if lab is Label.BAD:  # the region ran through it: prose on both sides outweighs it
        return True, Reason(RuleId.CONTENT, "long non-prose block inside the article (table, list)")
    assert block.stats is not None
    if block.stats.ends_with_punct and not block.text.endswith(":"):
        return True, Reason(RuleId.CONTENT, "short sentence inside the article")
    nxt = labels[next_unmarked[block.index]] if next_unmarked[block.index] is not None else None
    if block.stats.n_words <= HEADING_MAX_WORDS and nxt in PROSE:
        return True, Reason(RuleId.CONTENT, "heading of the prose that follows")
    if block.stats.title_case_ratio <= LIST_ITEM_MAX_TITLE_CASE and between_prose[block.index]:
        return True, Reason(RuleId.CONTENT, "short line between prose blocks (list item, data)")
    return False, NOT_A_HEADING


def _is_data_line(text: str) -> bool:
    """"Label: value", a short label of words (a date before a colon heads a timeline
    entry or a dated headline) and a short value: a line of a fact box or spec list."""
    label, colon, value = text.partition(": ")
    return (
        bool(colon)
        and 1 <= len(label.split()) <= DATA_LABEL_MAX_WORDS
        and 1 <= len(value.split()) <= DATA_VALUE_MAX_WORDS
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
    return all_have_role(block.marks, Role.INLINE)


def _is_sentence(block: Block) -> bool:
    assert block.stats is not None
    return block.stats.ends_with_punct and not block.text.endswith(":")


def _is_lead(block: Block) -> bool:
    """A sentence, or a standfirst that runs on without a full stop."""
    assert block.stats is not None
    stats = block.stats
    return _is_sentence(block) or (
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
