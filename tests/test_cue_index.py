"""The whole-document cue lookup (``Lexicon.find_all``) agrees with ``Lexicon.find`` per block."""

from __future__ import annotations

import pytest

from declutter import lexicons
from declutter.tokens import lowered, words

BLOCKS = [
    "Leave a Reply",
    "23 Comments",
    "Comments (5)",
    "The council said the newsletter reported a rise in rents last year.",
    "Iscriviti alla newsletter",
    "© 2023 Example Media. All rights reserved.",
    "Read more: City council approves the budget",
    "Foto: dpa",
    "Jacob says:",
    "Share",
    "ΟΔΟΣ ΣΧΟΛΙΑ",
    "Plain prose with no cue at all, which should stay unmarked.",
]


CUE_FAMILIES = ("caption", "comments", "legal", "metadata", "navigation", "newsletter",
                "promo", "related", "source")


@pytest.mark.parametrize("family", CUE_FAMILIES)
def test_find_all_agrees_with_find_on_every_block(family):
    lexicon = lexicons.load(family)
    cue_sets = [lexicons.cue_words_in(lowered(words(text))) for text in BLOCKS]
    texts = lexicons.block_texts(BLOCKS, cue_sets)
    expected = [(i, lexicon.find(text)) for i, text in enumerate(BLOCKS)]
    expected = [(i, cue) for i, cue in expected if cue is not None]
    assert list(lexicon.find_all(texts, lambda i: True)) == expected


def test_find_all_skips_blocks_that_are_not_eligible():
    lexicon = lexicons.load("comments")
    texts = lexicons.block_texts(BLOCKS)
    found = [i for i, _ in lexicon.find_all(texts, lambda i: i != 0)]
    assert 0 not in found and 1 in found


def test_bare_key_drops_a_count_only():
    assert lexicons.bare_key("23 comments") == "comments"
    assert lexicons.bare_key("comments (5)") == "comments"
    assert lexicons.bare_key("covid-19") == "covid-19"
    assert lexicons.bare_key("comments") == "comments"


def test_lowered_words_match_str_lower_per_word():
    sample = words("ΟΔΟΣ ΣΟΦΟΣ İstanbul Straße NEWS ǅemal")
    assert lowered(sample) == [word.lower() for word in sample]
    assert lowered([]) == []


def test_normalise_all_is_normalise_of_each_text():
    texts = ["ΟΔΟΣ.", " - Foo : bar -", "Comments\n(5)", "", "  ", "a\u00a0\tb ,c", "İstanbul"]
    assert lexicons.normalise_all(texts) == [lexicons.normalise(text) for text in texts]
    assert lexicons.normalise_all(["a\x00b", "c"]) == ["a\x00b", "c"]
    assert lexicons.normalise_all([]) == []


def test_the_fast_range_test_covers_every_unspaced_character():
    import regex

    from declutter import tokens

    script = regex.compile(f"[{tokens.UNSPACED}]")
    missed = [c for c in range(0x110000) if script.match(chr(c)) and not
              tokens._MAYBE_UNSPACED.match(chr(c))]
    assert missed == []
    assert tokens.words("Ciao “mondo” — 東京") == ["Ciao", "mondo", "東", "京"]


def test_a_phrase_regex_runs_only_on_a_block_holding_all_its_words():
    lexicon = lexicons.Lexicon("test", [("en", "read more"), ("en", "©")])
    assert not lexicon._may_hold_phrase("More news today", frozenset({"more", "news", "today"}))
    assert lexicon._may_hold_phrase("Read more", frozenset({"read", "more"}))
    assert lexicon._may_hold_phrase("© 2024", frozenset())
    assert lexicon.find("More news today") is None
    assert lexicon.find("Read more: the budget").phrase == "read more"
