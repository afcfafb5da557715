"""Per-block statistics: the numbers the classifier and the rules reason with.

They are computed for the whole document at once: the blocks' words are found block by
block, then every per-word fact (stopword, initial letter) is a flag over all the words
of the page, and a block's count is the difference of two running totals. So the cost
per block is a few C-level steps, not a Python function per block. The character ratios
that only ``--explain`` shows are computed when asked for (``BlockStats``).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import accumulate, chain, compress, count
from operator import and_, itemgetter, sub

import regex

from . import lexicons
from .model import Block, BlockStats, Document
from .tokens import lowered, pieces, tokeniser, words_of_all
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


def character_ratios(text: str) -> tuple[float, float, float]:
    """``(digit_ratio, upper_ratio, alpha_ratio)`` of ``text`` (see ``BlockStats``)."""
    n_compact = len(text) - text.count(" ") or 1
    digits, upper = _digits_and_capitals(text)
    letters = sum(map(len, split_words(text))) - digits
    return (
        digits / n_compact,
        upper / letters if letters > 0 else 0.0,
        max(letters, 0) / n_compact,
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


def ends_with_punct(text: str) -> bool:
    """The text ends a sentence, looking through closing quotes, brackets and a credit."""
    last = text[-1:]
    if last in TERMINAL_PUNCT:
        return True
    if last not in CLOSERS and not last.isspace():
        return False  # most blocks are settled by their last character
    end = text.rstrip()
    credit = TRAILING_CREDIT.search(end) if end.endswith(")") else None
    if credit and credit.start() > 0:
        end = end[: credit.start()].rstrip()  # "... voraus. (bsc)": the author's initials
    while end and end[-1] in CLOSERS:
        if end[-1] == ")" and end.startswith("("):
            return True  # a whole parenthetical line, e.g. a source credit
        end = end[:-1].rstrip()
    return bool(end) and end[-1] in TERMINAL_PUNCT


@dataclass(slots=True)
class PageWords:
    """The words of a page's blocks, found once for the language vote and the statistics."""

    words: list[str]  # every word of the page, block after block
    lower: list[str]  # the same words lower-cased
    ends: list[int]  # per block, the index in ``words`` where its words end
    plain: bool  # found by the plain ``\w+`` scan: the page holds no unspaced script

    def of_block(self, index: int) -> list[str]:
        """The lower-cased words of block ``index``."""
        return self.lower[self.ends[index - 1] if index else 0 : self.ends[index]]


# A page of more blocks than this, or of more characters than CHUNK_CHARS, has its
# statistics counted a chunk of blocks at a time, so that the words of one chunk are held
# at once, not those of a huge page (a 50 MB dump); a block longer than CHUNK_CHARS is
# a chunk alone, counted a piece at a time (``tokens.pieces``). Each word costs some 60
# bytes as a str in a list, with its lower-cased copy and running totals some 30 times its
# characters: held for a whole page, they were most of its peak memory; for 64 K
# characters they are 2 MB.
CHUNK_BLOCKS = 2000
CHUNK_CHARS = 1 << 16


def page_words(doc: Document) -> PageWords | None:
    """The words of every block of ``doc``, to share between the language vote and the
    statistics; None for a page of more than ``CHUNK_BLOCKS`` blocks or ``CHUNK_CHARS``
    characters."""
    if len(doc.blocks) > CHUNK_BLOCKS or _chars(doc.blocks) > CHUNK_CHARS:
        return None
    return _words_of(doc.blocks)


def _chars(blocks: list[Block]) -> int:
    return sum(len(block.text) for block in blocks)


def _chunks(blocks: list[Block]) -> Iterator[list[Block]]:
    """``blocks`` in runs of at most ``CHUNK_BLOCKS`` blocks and about ``CHUNK_CHARS``
    characters (a longer block alone)."""
    chunk: list[Block] = []
    chars = 0
    for block in blocks:
        if chunk and (len(chunk) == CHUNK_BLOCKS or chars + len(block.text) > CHUNK_CHARS):
            yield chunk
            chunk, chars = [], 0
        chunk.append(block)
        chars += len(block.text)
    if chunk:
        yield chunk


def _words_of(blocks: list[Block]) -> PageWords:
    word_lists, plain = words_of_all([block.text for block in blocks])
    all_words = list(chain.from_iterable(word_lists))
    ends = list(accumulate(map(len, word_lists)))
    return PageWords(all_words, lowered(all_words), ends, plain)


def add_stats(doc: Document, found: PageWords | None = None) -> None:
    """Fill in ``stats`` for every block of ``doc``, and the document's cue lookup texts.

    ``found`` is ``page_words(doc)``, when the caller already has it.
    """
    found = found or page_words(doc)
    if found is not None:
        cue_sets = _add_stats(doc.blocks, found, doc.stoplist)
        words_of = found.of_block
    else:  # a huge page, chunk by chunk; cue lookups find the words of a block again
        cue_sets = []
        for chunk in _chunks(doc.blocks):
            if len(chunk[0].text) > CHUNK_CHARS:  # one huge block, a piece at a time
                cue_sets.append(_add_stats_in_pieces(chunk[0], doc.stoplist))
            else:
                cue_sets += _add_stats(chunk, _words_of(chunk), doc.stoplist)
        words_of = None
    texts = [block.text for block in doc.blocks]
    doc.cue_texts = lexicons.block_texts(texts, cue_sets, words_of)


def _add_stats(
    blocks: list[Block], found: PageWords, stoplist: frozenset[str]
) -> list[frozenset[str]]:
    """Fill in ``stats`` for ``blocks``, whose words are ``found``; return their cue words."""
    texts = [block.text for block in blocks]
    ends = found.ends
    n_words = list(map(sub, ends, [0, *ends[:-1]]))
    per_block = _block_sums(ends)

    if stoplist:
        stop = per_block(map(stoplist.__contains__, found.lower))
    else:
        stop = [0] * len(texts)
    initials = "".join(map(_first_char, found.words))  # each word's first character
    alpha_flags = list(map(str.isalpha, initials))
    alpha = per_block(alpha_flags)
    capitalised = per_block(map(and_, alpha_flags, map(str.isupper, initials)))

    stats = map(
        BlockStats,  # by position, in the fields' order: twice as fast as by keyword
        map(len, texts),  # n_chars
        n_words,
        [s / n if n else 0.0 for s, n in zip(stop, n_words)],  # stopword_density
        map(ends_with_punct, texts),
        [c / a if a else 0.0 for c, a in zip(capitalised, alpha)],  # title_case_ratio
        [DIGIT.search(text) is not None for text in texts],  # has_digit
        texts,
    )
    for block, block_stats in zip(blocks, stats):
        block.stats = block_stats
    return _cue_sets(found.lower, ends)


def _add_stats_in_pieces(block: Block, stoplist: frozenset[str]) -> frozenset[str]:
    """``_add_stats`` of one huge block, its words found a piece at a time: the same
    statistics and cue words, never all its words at once."""
    text = block.text
    tokenise = tokeniser(text)
    n_words = stop = alpha = capitalised = 0
    cue_words: set[str] = set()
    for piece in pieces(text):
        words = tokenise(piece)
        lower = lowered(words)
        n_words += len(words)
        stop += sum(map(stoplist.__contains__, lower)) if stoplist else 0
        initials = "".join(map(_first_char, words))
        alpha_flags = list(map(str.isalpha, initials))
        alpha += sum(alpha_flags)
        capitalised += sum(map(and_, alpha_flags, map(str.isupper, initials)))
        cue_words.update(lexicons.cue_words().intersection(lower))
    block.stats = BlockStats(
        len(text),
        n_words,
        stop / n_words if n_words else 0.0,
        ends_with_punct(text),
        capitalised / alpha if alpha else 0.0,
        DIGIT.search(text) is not None,
        text,
    )
    return frozenset(cue_words) if cue_words else lexicons.NO_WORDS


def _block_sums(ends: list[int]):
    """A function summing a per-word flag over each block, the blocks' words ending at
    ``ends`` (running totals): ``sum(flags[start:end])`` for every block at once."""
    starts = [0, *ends[:-1]]

    def sums(flags) -> list[int]:
        totals = list(accumulate(flags, initial=0))
        return list(map(sub, map(totals.__getitem__, ends), map(totals.__getitem__, starts)))

    return sums


def _cue_sets(lower_words: list[str], ends: list[int]) -> list[frozenset[str]]:
    """Per block, ``lexicons.cue_words_in`` its words: found among all the page's words,
    then given to the blocks that hold them."""
    cue_sets = [lexicons.NO_WORDS] * len(ends)
    found: dict[int, set[str]] = {}
    for position in compress(count(), map(lexicons.cue_words().__contains__, lower_words)):
        found.setdefault(bisect_right(ends, position), set()).add(lower_words[position])
    # Blocks holding the same cue words share one set: a set per block was some 200
    # bytes of every block of a page of small blocks (issue 14).
    shared: dict[frozenset[str], frozenset[str]] = {}
    for index, words in found.items():
        words_set = frozenset(words)
        cue_sets[index] = shared.setdefault(words_set, words_set)
    return cue_sets
