"""The one word tokeniser every stage shares, so cue lookups and statistics agree.

Words are ``\\w+`` runs, except in scripts written without spaces (Chinese, Japanese,
Thai...), where each character counts as a word. The plain ``\\w+`` scan is several
times faster, so the per-character tokeniser only runs on text that holds such scripts.
"""

from __future__ import annotations

import re

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
    if text.isascii() or not _MAYBE_UNSPACED.search(text) or not _UNSPACED_CHAR.search(text):
        return _PLAIN_WORD.findall(text)
    return _UNSPACED_WORD.findall(text)


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
