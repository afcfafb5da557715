"""The page title: the heading that repeats it, or its first line; its copies go.

An HTML page's title is its ``<title>`` (or ``og:title``); the heading that repeats it is
the article's headline, and the article starts below it. A text dump's first line is
its title when it is short and unmarked; a later heading that repeats it is the headline.
"""

from __future__ import annotations

from .. import lexicons
from ..classify import PROSE, Label
from ..model import Block, Document, Reason, Source
from ..rules.ids import Role, RuleId, all_have_role
from ..tokens import words_up_to
from .region import ANCHOR_LOOKAHEAD

# A page title is a line, not a paragraph.
TITLE_MAX_WORDS = 30
# A heading copy of the title must have this many words to be trusted as the title.
TITLE_COPY_MIN_WORDS = 2
# A heading may follow the headline with a little more: "Headline 545" (a comment count).
HEADING_COPY_EXTRA_WORDS = 2
# "Headline | Site", "Headline - Site": the site part is this many words at most.
SITE_SUFFIX_MAX_WORDS = 4
TITLE_SEPARATORS = (" | ", " - ", " – ", " — ", " :: ", " » ", " · ")
TITLE = Reason(RuleId.TITLE, "page title")
DUPLICATE_TITLE = Reason(RuleId.DUPLICATE_TITLE, "repeats the page title")


def choose_title(doc: Document, labels: list[Label]) -> tuple[int | None, str | None]:
    """The block used as title (if any) and the title text."""
    if doc.source is Source.DOM:
        return _dom_title(doc)
    if doc.source is Source.EXTRACTED:
        return None, doc.title
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


def _dom_title(doc: Document) -> tuple[int | None, str | None]:
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
    return TITLE_COPY_MIN_WORDS <= words_up_to(block.text, TITLE_MAX_WORDS) <= TITLE_MAX_WORDS


def _is_heading_copy(block: Block, title: str, headline: str) -> bool:
    """The block is the page title (or part of it), or the headline plus a count."""
    if block.text not in title and not block.text.startswith(headline):
        return False  # the cheap test first: most blocks are no copy
    if not _title_shaped(block):
        return False
    if block.text in title:
        return True
    rest = block.text[len(headline) :] if block.text.startswith(headline) else None
    extra = HEADING_COPY_EXTRA_WORDS
    return rest is not None and words_up_to(rest, extra) <= extra


def strip_site_name(title: str) -> str:
    """Drop a short site-name suffix: "Headline | BBC News" -> "Headline"."""
    for separator in TITLE_SEPARATORS:
        head, sep, tail = title.rpartition(separator)
        most = SITE_SUFFIX_MAX_WORDS
        if sep and head and words_up_to(tail, most) <= most < words_up_to(title, most):
            return head.strip()
    return title


def drop_title_copies(doc: Document, title: str | None, title_index: int | None) -> None:
    """Every other block that reads as the title (case and punctuation aside) repeats it."""
    if not title:
        return
    key = lexicons.normalise(title)
    keys = doc.cue_texts.keys if doc.cue_texts else [lexicons.normalise(b.text) for b in doc.blocks]
    for block in doc.blocks:
        if block.index != title_index and not block.reason:
            if keys[block.index] == key:
                block.reason = DUPLICATE_TITLE
