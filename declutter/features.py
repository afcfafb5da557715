"""Per-block statistics: the numbers the classifier and the rules reason with."""

from __future__ import annotations

from operator import itemgetter

import regex

from . import lexicons
from .model import BlockStats, Document
from .tokens import lowered
from .tokens import words as split_words

UPPER = regex.compile(r"\p{Lu}")
DIGIT = regex.compile(r"\d")
# The same two classes in ASCII text.
ASCII_DIGITS = b"0123456789"
ASCII_CAPITALS = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ"
# Characters that end a sentence or a clause that stands on its own; closing quotes and
# brackets are looked through (``... stabilizzazione".`` and ``(Fonte: RIA Novosti)``).
TERMINAL_PUNCT = frozenset(".!?:;…。！？")
CLOSERS = frozenset("\"'”’»)]›")
# A short parenthesised credit closing a paragraph: "(bsc)", "(dpa)", "(AP Photo)".
TRAILING_CREDIT = regex.compile(r"\s\([^()]{1,30}\)\Z")
_first_char = itemgetter(0)


def block_stats(
    text: str, words: list[str], lower_words: list[str], stoplist: frozenset[str]
) -> BlockStats:
    """Statistics of one block's text (its words, also lower-cased) against the stoplist."""
    n_words = len(words)
    stop = sum(map(stoplist.__contains__, lower_words)) if stoplist else 0
    initials = "".join(filter(str.isalpha, map(_first_char, words)))  # words' initial letters
    capitalised = sum(map(str.isupper, initials))
    n_compact = len(text) - text.count(" ") or 1
    digits, upper = _digits_and_capitals(text)
    letters = sum(map(len, words)) - digits
    return BlockStats(  # by position, in the fields' order: twice as fast as by keyword
        len(text),  # n_chars
        n_words,
        stop / n_words if n_words else 0.0,  # stopword_density
        _ends_with_punct(text),
        digits / n_compact,  # digit_ratio
        upper / letters if letters > 0 else 0.0,  # upper_ratio
        capitalised / len(initials) if initials else 0.0,  # title_case_ratio
        max(letters, 0) / n_compact,  # alpha_ratio
    )


def _digits_and_capitals(text: str) -> tuple[int, int]:
    """How many digits and upper-case letters ``text`` holds."""
    if text.isascii():  # most blocks: byte deletions count them several times faster
        raw = text.encode("ascii")
        return (
            len(raw) - len(raw.translate(None, ASCII_DIGITS)),
            len(raw) - len(raw.translate(None, ASCII_CAPITALS)),
        )
    return len(DIGIT.findall(text)), len(UPPER.findall(text))


def _ends_with_punct(text: str) -> bool:
    end = text.rstrip()
    credit = TRAILING_CREDIT.search(end) if end.endswith(")") else None
    if credit and credit.start() > 0:
        end = end[: credit.start()].rstrip()  # "... voraus. (bsc)": the author's initials
    while end and end[-1] in CLOSERS:
        if end[-1] == ")" and end.startswith("("):
            return True  # a whole parenthetical line, e.g. a source credit
        end = end[:-1].rstrip()
    return bool(end) and end[-1] in TERMINAL_PUNCT


def add_stats(doc: Document) -> None:
    """Fill in ``stats`` for every block of ``doc``, and the document's cue lookup texts."""
    cue_sets = []
    for block in doc.blocks:  # each block's words are dropped once counted: a small peak
        words = split_words(block.text)
        lower_words = lowered(words)
        block.stats = block_stats(block.text, words, lower_words, doc.stoplist)
        cue_sets.append(lexicons.cue_words_in(lower_words))
    doc.cue_texts = lexicons.block_texts([block.text for block in doc.blocks], cue_sets)
