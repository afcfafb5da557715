"""The one word tokeniser every stage shares, so cue lookups and statistics agree.

Words are ``\\w+`` runs, except in scripts written without spaces (Chinese, Japanese,
Thai...), where each character counts as a word. The plain ``\\w+`` scan is several
times faster, so the per-character tokeniser only runs on text that holds such scripts.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

import regex

UNSPACED = r"\p{Han}\p{Hiragana}\p{Katakana}\p{Thai}\p{Lao}\p{Khmer}\p{Myanmar}"
_UNSPACED_CHAR = regex.compile(rf"[{UNSPACED}]")
_UNSPACED_WORD = regex.compile(rf"[{UNSPACED}]|[^\W{UNSPACED}]+")
_PLAIN_WORD = re.compile(r"\w+")
# Those scripts all lie at or above U+0E00 and outside U+2000-U+2E7F (punctuation and
# symbols: curly quotes, dashes): a fast ``re`` range test spares most texts the script test.
_MAYBE_UNSPACED = re.compile("[\u0e00-\u1fff\u2e80-\U0010ffff]")


def words(text: str) -> list[str]:
    """The words of ``text`` in order."""
    return tokeniser(text)(text)


def tokeniser(text: str) -> Callable[[str], list[str]]:
    """The ``findall`` that ``words`` uses for ``text`` (decided on the whole text)."""
    if text.isascii() or not _MAYBE_UNSPACED.search(text) or not _UNSPACED_CHAR.search(text):
        return _PLAIN_WORD.findall
    return _UNSPACED_WORD.findall


def words_of_all(texts: list[str]) -> tuple[list[list[str]], bool]:
    """``words`` of each text, and whether all were found by the plain ``\\w+`` scan (no
    text holds an unspaced script): one script test for all the texts."""
    joined = "".join(texts)
    if joined.isascii() or not _MAYBE_UNSPACED.search(joined) or not _UNSPACED_CHAR.search(joined):
        return list(map(_PLAIN_WORD.findall, texts)), True
    return list(map(words, texts)), False


def lowered(words: list[str]) -> list[str]:
    """``words`` lower-cased, each as ``str.lower`` gives it, in one call for all."""
    # The words hold no space, and a space ends the context of a final sigma as the end
    # of a word does: lower-casing the joined words is lower-casing each word.
    return " ".join(words).lower().split(" ") if words else []


# A text longer than this is tokenised a piece at a time, cut at whitespace (which no word
# spans, and which ends a final sigma as a text's end does): no list of every word of a
# huge block (a 50 MB hard-wrapped paragraph) is held at once.
PIECE_CHARS = 1 << 16
WHITESPACE = re.compile(r"\s")
WORD_CHAR = re.compile(r"\w")
# ``re``'s ``\s`` is exactly ``str.isspace``, what ``str.split()`` splits at.
_WHITESPACE_RUN = re.compile(r"\s+")


def pieces(text: str, at: re.Pattern[str] = WHITESPACE) -> Iterator[str]:
    """``text`` in pieces of about ``PIECE_CHARS`` characters, each after the first
    starting at a character that ``at`` matches: cut at whitespace, every word of
    ``text`` is a word of exactly one piece."""
    start = 0
    while len(text) - start > PIECE_CHARS:
        cut = at.search(text, start + PIECE_CHARS)
        if cut is None:
            break
        yield text[start : cut.start()]
        start = cut.start()
    yield text[start:] if start else text


def words_up_to(text: str, limit: int) -> int:
    """``min(len(text.split()), limit + 1)``: enough of a count to compare with ``limit``,
    without a list of every word of a huge text."""
    return len(text.split(None, limit))


def count_split_words(text: str) -> int:
    """``len(text.split())``, a piece at a time."""
    return sum(len(piece.split()) for piece in pieces(text))


def visible_chars(text: str) -> int:
    """``len("".join(text.split()))``: the characters that are not whitespace."""
    return sum(len("".join(piece.split())) for piece in pieces(text))


def collapse_whitespace(text: str) -> str:
    """``" ".join(text.split())``, a piece at a time (cut before a word character, so
    no run of whitespace is cut)."""
    if len(text) <= PIECE_CHARS:
        return " ".join(text.split())
    return "".join(_WHITESPACE_RUN.sub(" ", piece) for piece in pieces(text, WORD_CHAR)).strip()


def first_words(text: str, n: int) -> list[str]:
    """``words(text)[:n]``, tokenising only as much of ``text`` as it takes."""
    found: list[str] = []
    tokenise = tokeniser(text)
    for piece in pieces(text):
        found += tokenise(piece)
        if len(found) >= n:
            break
    return found[:n]


def lower_word_set(text: str) -> frozenset[str]:
    """``frozenset(lowered(words(text)))``, a piece at a time."""
    tokenise = tokeniser(text)
    if len(text) <= PIECE_CHARS:
        return frozenset(lowered(tokenise(text)))
    return frozenset().union(*(lowered(tokenise(piece)) for piece in pieces(text)))
