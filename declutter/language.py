"""Language of a page from its own words, using jusText's stoplists (about 100 languages).

Each word of the sample votes for every stoplist that contains it; the language whose
stoplist covers the most words wins. Stoplists are loaded once per process.
"""

from __future__ import annotations

from collections import Counter
from functools import lru_cache
from itertools import chain

import justext

from .model import Document
from .tokens import lowered
from .tokens import words as split_words

# jusText's stoplist names for the languages that have ISO 639-1 codes we use for
# lexicon files; other languages are reported by their jusText name, lower-cased.
ISO_CODES = {
    "English": "en", "Italian": "it", "German": "de", "French": "fr", "Spanish": "es",
    "Portuguese": "pt", "Dutch": "nl", "Russian": "ru", "Polish": "pl", "Czech": "cs",
    "Swedish": "sv", "Danish": "da", "Norwegian_Bokmal": "no", "Finnish": "fi",
    "Hungarian": "hu", "Romanian": "ro", "Turkish": "tr", "Greek": "el", "Ukrainian": "uk",
    "Bulgarian": "bg", "Croatian": "hr", "Serbian": "sr", "Slovak": "sk", "Slovenian": "sl",
    "Catalan": "ca", "Arabic": "ar", "Persian": "fa", "Hebrew": "he", "Hindi": "hi",
    "Indonesian": "id", "Vietnamese": "vi", "Korean": "ko", "Estonian": "et",
    "Latvian": "lv", "Lithuanian": "lt",
}
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


@lru_cache(maxsize=1)
def _word_index() -> dict[str, tuple[str, ...]]:
    index: dict[str, list[str]] = {}
    for name, words in _stoplists().items():
        for word in words:
            index.setdefault(word, []).append(name)
    return {word: tuple(names) for word, names in index.items()}


def code_of(name: str) -> str:
    """ISO 639-1 code for a jusText stoplist name where we know one, else the name."""
    return ISO_CODES.get(name, name.lower())


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
    chosen, words = [], 0
    for block in sorted(doc.blocks, key=_prose_first, reverse=True):
        chosen.append(block.text)
        words += block.text.count(" ") + 1
        if words >= SAMPLE_WORDS:
            break
    return "\n".join(chosen)


def _prose_first(block) -> tuple[bool, int]:
    text = block.text
    return (text[-1:] in SENTENCE_END and not text.startswith("<"), len(text))


def detect(text: str) -> str | None:
    """Detect the language of ``text``; ISO code (or jusText name), None when unsure."""
    index = _word_index()
    words = split_words(text)[:SAMPLE_WORDS]
    if not words:
        return None
    # One vote per word for each stoplist holding it, counted in one pass; one-letter
    # words (variables, initials) do not vote.
    voters = [word for word in lowered(words) if len(word) > 1]
    votes = Counter(chain.from_iterable(filter(None, map(index.get, voters))))
    if not votes:
        return None
    hits = votes.most_common(1)[0][1]
    if hits / len(words) < MIN_COVERAGE:
        return None
    sizes = _stoplist_sizes()
    near = [name for name, count in votes.items() if count >= NEAR_TIE * hits]
    return code_of(min(near, key=lambda name: (sizes[name], name)))


@lru_cache(maxsize=1)
def _stoplist_sizes() -> dict[str, int]:
    return {name: len(words) for name, words in _stoplists().items()}
