"""Language of a page from its own words, using jusText's stoplists (about 100 languages).

Each word of the sample (one-letter words aside) votes for every stoplist that contains
it; of the stoplists within ``NEAR_TIE`` of the best vote count, the smallest wins.
Stoplists are loaded once per process.
"""

from __future__ import annotations

from functools import lru_cache

import justext

from .features import PageWords
from .languages import stoplist_names
from .model import Document
from .tokens import first_words, lowered

# Stoplists that duplicate a bigger one and would only split its votes.
SKIPPED_STOPLISTS = frozenset({"Simple_English", "Serbo_Croatian", "Belarusian_Taraskievica"})
# Words sampled from the page: enough for a stable vote, bounded cost on huge pages.
SAMPLE_WORDS = 500
# Below this share of sampled words in the winning stoplist, the language is unknown.
MIN_COVERAGE = 0.08
# Stoplists within this share of the best vote count match as well, and the smallest of
# them wins: big stoplists (Marathi, Finnish, Uzbek, Sundanese) hold many English words
# besides their own, so they outvote English on English text.
NEAR_TIE = 0.9
# Prose ends with one of these; the sample prefers such blocks to menus and markup.
SENTENCE_END = frozenset(".!?…。！？")



@lru_cache(maxsize=1)
def _stoplists() -> dict[str, frozenset[str]]:
    names = sorted(set(justext.get_stoplists()) - SKIPPED_STOPLISTS)
    return {name: frozenset(justext.get_stoplist(name)) for name in names}


# The votes are counted in one integer sum: each stoplist owns a lane of ``LANE_BITS``
# bits, and a word's vote number holds a 1 in the lane of every stoplist containing it.
# Summing the sample's vote numbers counts every stoplist's votes at once; a lane counts
# at most ``SAMPLE_WORDS`` votes, so none overflows into the next.
LANE_BITS = 16
LANE_MASK = (1 << LANE_BITS) - 1
assert SAMPLE_WORDS <= LANE_MASK


@lru_cache(maxsize=1)
def _vote_numbers() -> tuple[dict[str, int], tuple[str, ...]]:
    """Each stoplist word's vote number, and the stoplist names in lane order."""
    names = tuple(_stoplists())
    numbers: dict[str, int] = {}
    for lane, name in enumerate(names):
        vote = 1 << (lane * LANE_BITS)
        for word in _stoplists()[name]:
            numbers[word] = numbers.get(word, 0) | vote
    return numbers, names


def code_of(name: str) -> str:
    """The code of a jusText stoplist name (``declutter.languages``: ISO 639-1, else
    ISO 639-3), or the name lower-cased for a stoplist that no code names."""
    return _codes().get(name, name.lower())


@lru_cache(maxsize=1)
def _codes() -> dict[str, str]:
    return {name: code for code, name in stoplist_names().items()}


@lru_cache(maxsize=256)
def stoplist_for(code: str | None) -> frozenset[str]:
    """The stoplist of a language given as ISO code or jusText name; empty if unknown."""
    if not code:
        return frozenset()
    lists = _stoplists()
    for name, words in lists.items():
        if code_of(name) == code or name.lower() == code.lower():
            return words
    return frozenset()


def language_sample(doc: Document) -> str:
    """The page's longest sentence-ending blocks (then the longest others), up to about
    ``SAMPLE_WORDS`` words: prose, not menus, month lists or leaked markup."""
    return "\n".join(doc.blocks[i].text for i in _sample_blocks(doc))


def _sample_blocks(doc: Document) -> list[int]:
    """The indexes of the blocks of ``language_sample``, longest first."""
    order = [_prose_first(block.text) for block in doc.blocks]
    chosen, words = [], 0
    for index in sorted(range(len(order)), key=order.__getitem__, reverse=True):
        chosen.append(index)
        words += doc.blocks[index].text.count(" ") + 1
        if words >= SAMPLE_WORDS:
            break
    return chosen


def _prose_first(text: str) -> tuple[bool, int]:
    return (text[-1:] in SENTENCE_END and not text.startswith("<"), len(text))


def detect_page(doc: Document, found: PageWords | None) -> str | None:
    """``detect(language_sample(doc))``, from the page's words where found already."""
    if found is None or not found.plain:  # else the sample is tokenised as one text
        return detect(language_sample(doc))
    sample: list[str] = []
    for index in _sample_blocks(doc):
        sample += found.of_block(index)
        if len(sample) >= SAMPLE_WORDS:
            break
    return _vote(sample[:SAMPLE_WORDS])


def detect(text: str) -> str | None:
    """Detect the language of ``text``: its code (``declutter.languages``), None when
    unsure."""
    return _vote(lowered(first_words(text, SAMPLE_WORDS)))


def _vote(words: list[str]) -> str | None:
    """The language of the lower-cased ``words``, None when unsure."""
    if not words:
        return None
    numbers, names = _vote_numbers()
    # One-letter words (variables, initials) do not vote.
    total = sum(filter(None, map(numbers.get, (w for w in words if len(w) > 1))))
    if not total:
        return None
    votes = [(total >> (lane * LANE_BITS)) & LANE_MASK for lane in range(len(names))]
    hits = max(votes)
    if hits / len(words) < MIN_COVERAGE:
        return None
    sizes = _stoplist_sizes()
    near = [names[lane] for lane, n in enumerate(votes) if n and n >= NEAR_TIE * hits]
    return code_of(min(near, key=lambda name: (sizes[name], name)))


@lru_cache(maxsize=1)
def _stoplist_sizes() -> dict[str, int]:
    return {name: len(words) for name, words in _stoplists().items()}
