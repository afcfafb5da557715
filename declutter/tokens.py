"""The one word tokeniser every stage shares, so cue lookups and statistics agree."""

from __future__ import annotations

import regex

# Scripts written without spaces count one word per character; others by \w+ runs.
UNSPACED = r"\p{Han}\p{Hiragana}\p{Katakana}\p{Thai}\p{Lao}\p{Khmer}\p{Myanmar}"
WORD = regex.compile(rf"[{UNSPACED}]|[^\W{UNSPACED}]+")


def words(text: str) -> list[str]:
    """The words of ``text`` in order."""
    return WORD.findall(text)
