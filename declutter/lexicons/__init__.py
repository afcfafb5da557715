"""Cue phrases as data: ``lexicons/<family>/<language>.txt``, one phrase a line.

Line syntax (case is ignored, runs of spaces match any whitespace):

- ``phrase``   the phrase anywhere in a block, on word boundaries;
- ``^phrase``  the phrase at the start of a block (after any bullet, punctuation or count);
- ``phrase$``  the phrase at the end of a block (before any closing punctuation);
- ``=phrase``  the whole block is the phrase (bullets, punctuation, spaces and a count
  around it ignored: ``=comments`` also matches "23 Comments" and "Comments (5)");
- ``# ...``    a comment; blank lines are ignored.

Adding a language is adding one file per family. All languages of a family are matched
together, since boilerplate is often in another language than the article (English
share buttons on an Italian page).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources
from itertools import compress, count

import regex

from ..tokens import WORD_CHAR, lower_word_set, pieces
from ..tokens import words as split_words

# Characters stripped from both ends of a block before an ``=`` comparison.
_EDGE = " \t\u00a0*•·-–—|>»«›‹:;,.!?()[]{}\"'“”‘’/\\#+=~_"
_SPACES = regex.compile(r"\s+")
# The separator of the joined block texts of a document (no text holds it: decoding
# removes control characters).
_SEPARATOR = "\x00"
# A count before or after a whole-block cue: "23 Comments", "Kommentare (12)", "Share 5".
# The key has no space before "(" (see ``normalise``): "comments (5)" is "comments(5".
_COUNT = regex.compile(r"\A\d[\d,.]*\s+|(?<!\s)(?:\s+\(?|\()\d[\d,.]*\)?\Z")


@dataclass(frozen=True, slots=True)
class Cue:
    """A matched cue: the phrase as written in the lexicon and the file it came from."""

    phrase: str
    family: str
    language: str

    def describe(self) -> str:
        return f"phrase '{self.phrase}' ({self.family}/{self.language})"


@dataclass(slots=True)
class BlockTexts:
    """A document's block texts, prepared once for the lookups of every family.

    ``words`` holds, per block, only its lower-cased words that are the key word of some
    phrase (see ``cue_words``): most blocks hold none, so most lookups end at a set test.
    """

    texts: list[str]
    keys: list[str]  # ``normalise(text)``: the key of ``=`` lookups
    bare_keys: list[str]  # the keys without a count: "23 comments" -> "comments"
    words: list[frozenset[str]]
    blocks_by_word: dict[str, list[int]]  # cue word -> the blocks holding it, in order
    # key or bare key -> the blocks having it, in order; only keys of whole-block phrases
    blocks_by_key: dict[str, list[int]]
    # The lower-cased words of block i, where the caller found them already (else None).
    words_of: Callable[[int], list[str]] | None = None


NO_WORDS: frozenset[str] = frozenset()  # the cue words of most blocks


def cue_words_in(lower_words: Iterable[str]) -> frozenset[str]:
    """The words among ``lower_words`` that are the key word of some phrase."""
    return cue_words().intersection(lower_words) or NO_WORDS


def block_texts(
    texts: list[str],
    cue_sets: list[frozenset[str]] | None = None,
    words_of: Callable[[int], list[str]] | None = None,
) -> BlockTexts:
    """``texts`` prepared for cue lookups; ``cue_sets`` are their ``cue_words_in``, and
    ``words_of(i)`` the lower-cased words of text i, if known."""
    if cue_sets is None:
        cue_sets = [cue_words_in(split_words(text.lower())) for text in texts]
    keys = normalise_all(texts)
    bare_keys = list(map(bare_key, keys))
    by_word: dict[str, list[int]] = {}
    for index, found in enumerate(cue_sets):
        for word in found:
            by_word.setdefault(word, []).append(index)
    # Only the blocks whose key or bare key is a whole-block phrase of some family (few).
    phrase_keys = whole_keys()
    indexed = set(compress(count(), map(phrase_keys.__contains__, keys)))
    indexed.update(compress(count(), map(phrase_keys.__contains__, bare_keys)))
    by_key: dict[str, list[int]] = {}
    for index in sorted(indexed):
        key, bare = keys[index], bare_keys[index]
        by_key.setdefault(key, []).append(index)
        if bare != key:
            by_key.setdefault(bare, []).append(index)
    return BlockTexts(texts, keys, bare_keys, cue_sets, by_word, by_key, words_of)


def normalise_all(texts: list[str]) -> list[str]:
    """``normalise`` of every text, done on the texts joined: a few passes per chunk of
    texts (``NORMALISE_CHUNK_CHARS``), so the copies made on the way stay small.

    A key runs from the first to the last character that is neither edge punctuation nor
    whitespace, so lower-casing and collapsing spaces before stripping the edges gives the
    same key; the separator, no letter, ends a final sigma as the end of a text does.
    """
    keys: list[str] = []
    start = 0
    while start < len(texts):
        end, chars = start, 0
        while end < len(texts) and (end == start or chars < NORMALISE_CHUNK_CHARS):
            chars += len(texts[end])
            end += 1
        keys += _normalise_joined(texts[start:end])
        start = end
    return keys


# Characters of block texts normalised in one pass (see ``normalise_all``).
NORMALISE_CHUNK_CHARS = 1 << 16
# Runs of whitespace: ``re``'s ``\s`` is exactly ``str.isspace``, what ``str.split()``
# splits at; collapsing them needs no list of every word (ten times the text's memory),
# and a piece of the text at a time (``tokens.pieces``) keeps the list of matches short.
_WHITESPACE_RUN = re.compile(r"\s+")


def _normalise_joined(texts: list[str]) -> list[str]:
    joined = _SEPARATOR.join(texts)
    if joined.count(_SEPARATOR) != max(len(texts) - 1, 0):
        return [normalise(text) for text in texts]  # a text holds the separator itself
    # Cut before a word character, no whitespace run or space before punctuation is cut.
    collapsed = "".join(
        _ONE_SPACE_BEFORE_PUNCT.sub("", _WHITESPACE_RUN.sub(" ", piece))
        for piece in pieces(joined.lower(), at=WORD_CHAR)
    ).strip()
    return [key.strip(_EDGE) for key in collapsed.split(_SEPARATOR)] if texts else []


def bare_key(key: str) -> str:
    """``key`` without a count before or after it ("23 comments", "comments (5)")."""
    # Only a key that starts with a digit or ends with a digit or ")" holds such a count.
    if key[:1].isdigit() or key[-1:].isdigit() or key.endswith(")"):
        return _COUNT.sub("", key)
    return key


def normalise(text: str) -> str:
    """Lower-case, whitespace collapsed, no space before punctuation, edge punctuation
    removed: the ``=`` comparison key ("Headline : Subtitle" and "Headline: Subtitle" agree).
    """
    key = " ".join(text.strip(_EDGE).lower().split()).strip(_EDGE)
    if " " in key and _SPACE_BEFORE_PUNCT.search(key):
        key = _SPACE_BEFORE_PUNCT.sub("", key)
    return key


class Lexicon:
    """All cue phrases of one family, compiled for fast lookup."""

    def __init__(self, family: str, entries: list[tuple[str, str]]):
        self.family = family
        self._whole: dict[str, Cue] = {}
        self._by_phrase: dict[str, Cue] = {}
        anywhere: list[str] = []
        leading: list[str] = []
        trailing: list[str] = []
        # A phrase can only match a block that holds each of its words, so its longest
        # (rarest) word is looked up first: a set lookup that spares most regex searches;
        # then the rest of its words. Phrases without a word (a bare "©") are looked for
        # as plain substrings.
        self._first_words: set[str] = set()
        self._phrase_words: dict[str, list[frozenset[str]]] = {}  # key word -> phrases' words
        self._wordless: list[str] = []
        for language, line in entries:
            kind, phrase = _split_kind(line)
            cue = Cue(phrase, family, language)
            key = normalise(phrase) if kind == "=" else _matched_key(phrase)
            if kind == "=":
                self._whole.setdefault(key, cue)
                continue
            self._by_phrase.setdefault(key, cue)
            {"^": leading, "$": trailing}.get(kind, anywhere).append(_pattern(phrase))
            phrase_words = split_words(phrase.lower())
            if phrase_words:
                key_word = max(phrase_words, key=len)
                self._first_words.add(key_word)
                self._phrase_words.setdefault(key_word, []).append(frozenset(phrase_words))
            else:
                self._wordless.append(phrase)
        self._anywhere = _compile(anywhere, r"(?<!\w)(?P<cue>{})(?!\w)")
        # A lead-in may follow a count: "46 Comments on ...", "3 Related articles".
        self._leading = _compile(leading, r"\A[\W_]*(?:\d+\s+)?(?P<cue>{})(?!\w)")
        # A closing cue: "Jacob says:", "Anonymous said...".
        self._trailing = _compile(trailing, r"(?<!\w)(?P<cue>{})[\W_]*\Z")

    @property
    def first_words(self) -> frozenset[str]:
        """The key word (the longest) of each phrase matched by pattern."""
        return frozenset(self._first_words)

    @property
    def whole_keys(self) -> frozenset[str]:
        """The keys of the whole-block (``=``) phrases."""
        return frozenset(self._whole)

    def __bool__(self) -> bool:
        return bool(self._whole or self._by_phrase)

    def find(
        self, text: str, key: str | None = None, vocab: frozenset[str] | None = None
    ) -> Cue | None:
        """The first cue of this family found in ``text``, or None.

        ``key`` is ``normalise(text)`` and ``vocab`` the set of its lower-cased words,
        when the caller already has them.
        """
        key = normalise(text) if key is None else key
        cue = self._whole.get(key) or self._whole.get(bare_key(key))
        if cue is not None:
            return cue
        if vocab is None:
            vocab = frozenset(split_words(text.lower()))
        return self._search(text) if self._may_hold_phrase(text, vocab) else None

    def find_all(
        self, blocks: BlockTexts, eligible: Callable[[int], bool]
    ) -> Iterator[tuple[int, Cue]]:
        """``(index, cue)`` of each ``eligible`` block that holds a cue, in block order.

        The same answer as ``find`` on each block, found from the whole document's word
        and key indexes: only the blocks that hold a key word or a whole-block key of this
        family are looked at.
        """
        candidates: set[int] = set()
        for key in self._whole.keys() & blocks.blocks_by_key.keys():
            candidates.update(blocks.blocks_by_key[key])
        for word in self._first_words & blocks.blocks_by_word.keys():
            candidates.update(blocks.blocks_by_word[word])
        for phrase in dict.fromkeys(self._wordless):  # "©" is in several languages' files
            # (no joined copy of all the texts to test first: it was a copy of the page)
            candidates.update(i for i, text in enumerate(blocks.texts) if phrase in text)
        if not candidates:
            return
        for index in sorted(filter(eligible, candidates)):
            key, bare = blocks.keys[index], blocks.bare_keys[index]
            cue = self._whole.get(key) or self._whole.get(bare)
            text = blocks.texts[index]
            words = blocks.words_of(index) if blocks.words_of else None
            if cue is None and self._may_hold_phrase(text, blocks.words[index], words):
                cue = self._search(text)
            if cue is not None:
                yield index, cue

    def _may_hold_phrase(
        self, text: str, vocab: frozenset[str], words: list[str] | None = None
    ) -> bool:
        """Whether ``text`` holds every word of some phrase, or a wordless phrase: only
        then can a phrase pattern match. ``vocab`` holds at least the text's key words;
        ``words`` are its lower-cased words, if known."""
        if any(p in text for p in self._wordless):
            return True
        key_words = vocab & self._first_words
        if not key_words:
            return False
        held = lower_word_set(text) if words is None else frozenset(words)
        return any(phrase <= held for word in key_words for phrase in self._phrase_words[word])

    def _search(self, text: str) -> Cue | None:
        """The first phrase cue in ``text``: leading, trailing, then anywhere."""
        for pattern in (self._leading, self._trailing, self._anywhere):
            if pattern is None:
                continue
            match = pattern.search(text)
            if match:
                return self._by_phrase.get(
                    _matched_key(match.group("cue")), Cue("?", self.family, "?")
                )
        return None


def _split_kind(line: str) -> tuple[str, str]:
    if line[0] in "^=":
        return line[0], line[1:].strip()
    if line.endswith("$") and len(line) > 1:
        return "$", line[:-1].strip()
    return "", line


def _pattern(phrase: str) -> str:
    """Words joined by any whitespace; space allowed before punctuation ("wrote :")."""
    return r"\s+".join(_part_pattern(part) for part in phrase.split())


def _part_pattern(part: str) -> str:
    out = []
    for i, char in enumerate(part):
        if i and not char.isalnum() and part[i - 1].isalnum():
            out.append(r"\s*")
        out.append(regex.escape(char))
    return "".join(out)


def _compile(alternatives: list[str], template: str) -> regex.Pattern[str] | None:
    if not alternatives:
        return None
    # Longest first, so a longer phrase wins over its own prefix.
    body = "|".join(sorted(set(alternatives), key=len, reverse=True))
    return regex.compile(template.format(body), regex.IGNORECASE)


_SPACE_BEFORE_PUNCT = regex.compile(r"(?<!\s)\s+(?=[^\w\s])")
# The same in text whose spaces are already collapsed to single spaces: a literal to scan for.
_ONE_SPACE_BEFORE_PUNCT = regex.compile(r" (?=[^\w\s])")


def _matched_key(matched: str) -> str:
    key = _SPACES.sub(" ", matched.strip(_EDGE + " ").lower())
    return _SPACE_BEFORE_PUNCT.sub("", key)


def families() -> list[str]:
    """The families that have at least one lexicon file."""
    root = resources.files(__package__)
    return sorted(p.name for p in root.iterdir() if p.is_dir() and not p.name.startswith("_"))


@cache
def phrases(family: str) -> tuple[tuple[str, str], ...]:
    """Every ``(language, line)`` of ``family``'s files, comments and blank lines dropped."""
    root = resources.files(__package__).joinpath(family)
    entries: list[tuple[str, str]] = []
    if root.is_dir():
        for path in sorted(root.iterdir(), key=lambda p: p.name):
            if not path.name.endswith(".txt"):
                continue
            language = path.name[: -len(".txt")]
            for raw in path.read_text(encoding="utf-8").splitlines():
                line = raw.strip()
                if line and not line.startswith("#"):
                    entries.append((language, line))
    return tuple(entries)


@cache
def cue_words() -> frozenset[str]:
    """The key word (longest word) of every phrase of every family: the words worth
    indexing in a document."""
    return frozenset().union(*(load(family).first_words for family in families()))


@cache
def whole_keys() -> frozenset[str]:
    """The key of every whole-block (``=``) phrase of every family: the keys worth
    indexing in a document."""
    return frozenset().union(*(load(family).whole_keys for family in families()))


@cache
def load(family: str) -> Lexicon:
    """The lexicon of ``family``, every language's file merged; empty if there is none."""
    return Lexicon(family, list(phrases(family)))


def alternation(family: str) -> str:
    """A regex alternation of ``family``'s phrases (longest first), for use in patterns."""
    alternatives = {_pattern(phrase) for _, phrase in phrases(family)}
    return "|".join(sorted(alternatives, key=len, reverse=True))


@cache
def word_list(folder: str, name: str | None = None) -> frozenset[str]:
    """The words of a word list (not a cue family): ``<folder>/<name>.txt``, or every file
    of ``folder``; one lower-case word a line, ``#`` comments and blank lines dropped."""
    root = resources.files(__package__).joinpath(folder)
    paths = [root.joinpath(f"{name}.txt")] if name else list(root.iterdir())
    words: set[str] = set()
    for path in paths:
        if path.name.endswith(".txt"):
            lines = (line.strip() for line in path.read_text(encoding="utf-8").splitlines())
            words.update(line for line in lines if line and not line.startswith("#"))
    return frozenset(words)


def given_names() -> frozenset[str]:
    """Common given names of every language (``_given_names/<lang>.txt``), lower-cased."""
    return word_list("_given_names")
