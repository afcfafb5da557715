"""Per-block statistics: the numbers the classifier and the rules reason with."""

from __future__ import annotations

import regex

from .model import BlockStats, Document

# Scripts written without spaces count one word per character; others by \w+ runs.
UNSPACED = r"\p{Han}\p{Hiragana}\p{Katakana}\p{Thai}\p{Lao}\p{Khmer}\p{Myanmar}"
WORD = regex.compile(rf"[{UNSPACED}]|[^\W{UNSPACED}]+")
SPACE = regex.compile(r"\s")
LETTER = regex.compile(r"\p{L}")
UPPER = regex.compile(r"\p{Lu}")
DIGIT = regex.compile(r"\d")
# Characters that end a sentence or a clause that stands on its own; closing quotes and
# brackets are looked through (``... stabilizzazione".`` and ``(Fonte: RIA Novosti)``).
TERMINAL_PUNCT = frozenset(".!?:;…。！？")
CLOSERS = frozenset("\"'”’»)]›")


def block_stats(text: str, stoplist: frozenset[str]) -> BlockStats:
    """Statistics of one block's text against the page language's stoplist."""
    words = WORD.findall(text)
    n_words = len(words)
    stop = sum(1 for w in words if w.lower() in stoplist) if stoplist else 0
    alphabetic = [w for w in words if w[0].isalpha()]
    capitalised = sum(1 for w in alphabetic if w[0].isupper())
    n_compact = len(text) - len(SPACE.findall(text)) or 1
    letters = len(LETTER.findall(text))
    upper = len(UPPER.findall(text))
    digits = len(DIGIT.findall(text))
    return BlockStats(
        n_chars=len(text),
        n_words=n_words,
        stopword_density=stop / n_words if n_words else 0.0,
        ends_with_punct=_ends_with_punct(text),
        digit_ratio=digits / n_compact,
        upper_ratio=upper / letters if letters else 0.0,
        title_case_ratio=capitalised / len(alphabetic) if alphabetic else 0.0,
        alpha_ratio=letters / n_compact,
    )


def _ends_with_punct(text: str) -> bool:
    end = text.rstrip()
    while end and end[-1] in CLOSERS:
        if end[-1] == ")" and end.startswith("("):
            return True  # a whole parenthetical line, e.g. a source credit
        end = end[:-1].rstrip()
    return bool(end) and end[-1] in TERMINAL_PUNCT


def add_stats(doc: Document) -> None:
    """Fill in ``stats`` for every block of ``doc``."""
    for block in doc.blocks:
        block.stats = block_stats(block.text, doc.stoplist)
