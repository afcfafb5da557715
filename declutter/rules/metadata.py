"""Counters, lone dates, bylines and image captions.

- counters: a number alone or with a unit from the ``counter`` lexicon ("1513",
  "1,513 views", "5 min read", "12 commenti");
- dates: a short block that is mostly a date ("2 aprile 2022", "05/04/2013 10:30");
- bylines and timestamps: cues of the ``metadata`` lexicon on a short block, and a
  byline word of the ``byline`` lexicon before capitalised names ("By Maria Lopez,
  Transport correspondent", "Von Hanna Berger");
- captions: cues of the ``caption`` lexicon ("Foto:", "Getty Images"), or a block whose
  first word is doubled ("Conversazione Conversazione telefonica..."), the trace of an
  image's alt text written before its caption.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

import regex

from .. import lexicons
from ..model import Block, Document, Mark, Reason
from ..sources.dom import in_element
from ._lexical import phrase_marks
from .ids import RuleId

RULE = RuleId.METADATA
# Captions and photo credits are a family of their own, found here beside the dates.
CAPTION_RULE = RuleId.CAPTION
COUNTER = Reason(RULE, "counter: a number alone or with a unit")
# Bylines, timestamps and counters are a handful of words.
MAX_WORDS = 12
# A date line may carry a time and a place, not a sentence.
MAX_DATE_WORDS = 8
# Captions are a sentence or two.
MAX_CAPTION_WORDS = 40
# A bare credit line ("Foto: dpa", "(Bild: Hersteller)") is a few words; the line right
# above it is the caption when it is no longer than a caption sentence.
MAX_CREDIT_WORDS = 6
MAX_CAPTION_ABOVE_CREDIT_WORDS = 25
# A caption describes the picture in a few words at least; "erb/ots" is an author tag.
MIN_CAPTION_ABOVE_CREDIT_WORDS = 3

NUMBER = r"[#+]?\d[\d.,'\u00a0 ]*[kKmM]?"
NUMERIC_DATE = r"\d{1,4}[./-]\d{1,2}[./-]\d{1,4}"
TIME_OF_DAY = r"\b\d{1,2}:\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?\b)?"
_TIME_OF_DAY = regex.compile(TIME_OF_DAY, regex.IGNORECASE)
# Comment threads head each comment with one; the assembler counts them.
TIMESTAMP_CUE = "timestamp: a short block holding a date and a time of day"
DOUBLED_FIRST_WORD = regex.compile(r"\A(\w{3,})\s+\1\b")
# A name: one to four capitalised words ("Maria Lopez", "J. R. Smith", "Anne-Marie Roy").
NAME = r"\p{Lu}[\p{L}'’.-]*(?:\s+\p{Lu}[\p{L}'’.-]*){0,3}"
# Between two names: a comma, "&" or a short lower-case word ("and", "und", "et", "y").
NAME_JOINER = r"\s*(?:,|&|\p{Ll}{1,3})\s+"
# After the names: nothing, or a separator and a role or a date ("· Transport correspondent").
BYLINE_TAIL = r"(?:\s*[,|•·–—/(-].*)?"
BYLINE_CUE = "byline: a byline word before a capitalised name"


@lru_cache(maxsize=1)
def _counter() -> regex.Pattern[str]:
    units = lexicons.alternation("counter") or r"(?!)"
    return regex.compile(
        rf"\A\W*(?:{NUMBER}\s*(?:{units})?|(?:{units})\s*:?\s*{NUMBER})\W*\Z",
        regex.IGNORECASE,
    )


@lru_cache(maxsize=1)
def _date() -> regex.Pattern[str]:
    months = lexicons.alternation("months") or r"(?!)"
    day = r"\d{1,2}(?:st|nd|rd|th|er|º)?\.?"
    of = r"(?:de\s+)?"  # "5 de mayo de 2013", "3 de março"
    return regex.compile(
        rf"{NUMERIC_DATE}|{TIME_OF_DAY}|\b{day}\s+{of}(?:{months})\b"
        rf"|\b(?:{months})\s+{day}(?!\w)|\b(?:{months})\s+{of}\d{{4}}\b",
        regex.IGNORECASE,
    )


@lru_cache(maxsize=1)
def _byline() -> regex.Pattern[str]:
    words = lexicons.alternation("byline") or r"(?!)"
    return regex.compile(
        rf"\A(?i:{words})\s+{NAME}(?:{NAME_JOINER}{NAME})*{BYLINE_TAIL}\Z", regex.DOTALL
    )


def find(doc: Document) -> Iterator[Mark]:
    yield from phrase_marks(doc, "metadata", RULE, MAX_WORDS)
    yield from _bylines(doc)
    credits = list(phrase_marks(doc, "caption", CAPTION_RULE, MAX_CAPTION_WORDS))
    yield from credits
    yield from _captions_above_credits(doc, credits)
    counter, date = _counter(), _date()
    for block in doc.blocks:
        stats = block.stats
        n_words = stats.n_words if stats is not None else len(block.text.split())
        has_digit = stats is None or stats.has_digit  # every counter and date has one
        if has_digit and n_words <= MAX_WORDS and counter.match(block.text):
            yield Mark(block.index, COUNTER)
        elif (
            has_digit
            and n_words <= MAX_DATE_WORDS
            and date.search(block.text)
            and not _is_long_sentence(block)
        ):
            if _TIME_OF_DAY.search(block.text):
                yield Mark(block.index, Reason(RULE, TIMESTAMP_CUE))
            else:
                yield Mark(block.index, Reason(RULE, "date: a short block holding a date"))
        elif n_words <= MAX_CAPTION_WORDS and _doubled_first_word(block.text):
            yield Mark(block.index, Reason(CAPTION_RULE, "caption: first word doubled (alt text)"))


def _bylines(doc: Document) -> Iterator[Mark]:
    """Short blocks that read "By Name[, role]": a byline ends with no sentence stop."""
    byline = _byline()
    for block in doc.blocks:
        stats = block.stats
        if stats is not None and (stats.n_words > MAX_WORDS or stats.ends_with_punct):
            continue
        if byline.match(block.text):
            yield Mark(block.index, Reason(RULE, BYLINE_CUE))


def _doubled_first_word(text: str) -> bool:
    # The regex only when the first three characters come again: most blocks fail that.
    return text.find(text[:3], 4) != -1 and DOUBLED_FIRST_WORD.match(text) is not None


def _captions_above_credits(doc: Document, credits: list[Mark]) -> Iterator[Mark]:
    """A short block right above a bare photo credit ("(Bild: Hersteller)") is its caption."""
    for mark in credits:
        credit = doc.blocks[mark.index]
        if mark.index == 0 or credit.stats is None or credit.stats.n_words > MAX_CREDIT_WORDS:
            continue
        above = doc.blocks[mark.index - 1]
        words = above.stats.n_words if above.stats is not None else 0
        lo, hi = MIN_CAPTION_ABOVE_CREDIT_WORDS, MAX_CAPTION_ABOVE_CREDIT_WORDS
        if lo <= words <= hi and _same_box(above, credit):
            yield Mark(above.index, Reason(CAPTION_RULE, "caption: the line above a photo credit"))


def _same_box(above: Block, credit: Block) -> bool:
    """In HTML a caption and its credit share an element (a figure, a caption box): a
    sentence whose parent does not hold the credit is article text above a photo."""
    if above.path is None or credit.path is None or not _is_long_sentence(above):
        return True
    return in_element(credit.path, above.path.rpartition("/")[0])


def _is_long_sentence(block: Block) -> bool:
    """A sentence of more than five words: article text, not a caption's short line."""
    return block.stats is not None and block.stats.ends_with_punct and block.stats.n_words > 5
