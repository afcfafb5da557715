"""The benchmark metric on hand-worked examples (see ``declutter/bench/metric.py``)."""

from __future__ import annotations

import pytest

from declutter.bench.metric import (
    CorpusScore,
    PageScore,
    SnippetCounts,
    corpus_score,
    page_score,
    shingles,
    snippet_counts,
)

approx = pytest.approx


def test_empty_gold_and_empty_prediction_score_nothing():
    s = page_score("", "")
    assert (s.tp, s.fp, s.fn) == (0.0, 0.0, 0.0)
    assert s.precision is None and s.recall is None and s.f1 == 0.0


def test_empty_prediction_has_no_precision_and_zero_recall():
    s = page_score("", "one two three four five")
    assert (s.tp, s.fp, s.fn) == (0.0, 0.0, 1.0)
    assert s.precision is None
    assert s.recall == 0.0


def test_prediction_against_empty_gold_has_zero_precision_and_no_recall():
    s = page_score("one two three four five", "")
    assert (s.tp, s.fp, s.fn) == (0.0, 1.0, 0.0)
    assert s.precision == 0.0
    assert s.recall is None


def test_identical_texts_are_perfect_whatever_the_spacing_and_punctuation():
    s = page_score("The cat sat on the mat.", "The  cat\nsat, on the mat")
    assert s.precision == 1.0 and s.recall == 1.0 and s.f1 == 1.0


def test_half_the_gold_gives_recall_one_half():
    # gold: a b c d e f -> 3 shingles; prediction a b c d e -> 2 shingles, both in gold
    s = page_score("a b c d e", "a b c d e f")
    assert (s.tp, s.fp, s.fn) == approx((2 / 3, 0.0, 1 / 3))
    assert s.precision == 1.0
    assert s.recall == approx(2 / 3)
    assert s.f1 == approx(0.8)


def test_repeated_tokens_count_with_multiplicity():
    # 6 x "a" -> 3 shingles (a,a,a,a); 5 x "a" -> 2 of the same: tp 2, fp 1, fn 0
    assert shingles("a a a a a a") == {("a", "a", "a", "a"): 3}
    s = page_score("a a a a a a", "a a a a a")
    assert (s.tp, s.fp, s.fn) == approx((2 / 3, 1 / 3, 0.0))
    assert s.precision == approx(2 / 3) and s.recall == 1.0


def test_tokens_are_case_sensitive():
    s = page_score("The cat sat on", "the cat sat on")
    assert s.tp == 0.0 and s.f1 == 0.0


def test_cyrillic_words_are_tokens():
    gold = "Привет, мир! Как дела сегодня?"
    assert len(shingles(gold)) == 2
    s = page_score("Привет мир как дела", gold)  # "как" lower-case: no shared shingle
    assert s.tp == 0.0
    s = page_score("Привет мир Как дела", gold)  # first shingle only
    assert (s.tp, s.fp, s.fn) == approx((0.5, 0.0, 0.5))
    assert s.precision == 1.0 and s.recall == 0.5


def test_unspaced_chinese_runs_are_single_tokens():
    # \w+ does not split Chinese words: a clause is one token, so a sentence of two
    # clauses is a single (short) shingle.
    gold = "今天天气很好，我们去公园。"
    assert shingles(gold) == {("今天天气很好", "我们去公园"): 1}
    assert page_score("今天天气很好。我们去公园", gold).f1 == 1.0
    assert page_score("今天天气很好", gold).f1 == 0.0


def test_arabic_words_with_diacritics_are_tokens():
    gold = "ذَهَبَ الولد إلى المدرسة صباحا"
    assert sum(shingles(gold).values()) == 2
    s = page_score("الولد إلى المدرسة صباحا", gold)
    assert (s.tp, s.fp, s.fn) == approx((0.5, 0.0, 0.5))


def test_texts_under_four_tokens_are_one_shingle_of_all_their_tokens():
    assert shingles("hello world") == {("hello", "world"): 1}
    assert page_score("hello world", "hello world").f1 == 1.0
    # a 2-token shingle never matches a 3-token one
    s = page_score("hello world", "hello world again")
    assert (s.tp, s.fp, s.fn) == (0.0, 0.5, 0.5)
    assert s.f1 == 0.0


def test_text_without_word_characters_has_no_shingle():
    assert shingles("... --- !!!") == {}
    assert page_score("!!!", "one two three four").recall == 0.0


def test_corpus_mean_leaves_empty_predictions_out_of_precision():
    perfect = page_score("a b c d e", "a b c d e")
    empty = page_score("", "a b c d e")
    score = corpus_score([perfect, empty])
    assert score.pages == 2
    assert score.precision == 1.0  # the empty prediction has no precision
    assert score.recall == 0.5  # but scores recall 0
    assert score.f1 == approx(2 * 1.0 * 0.5 / 1.5)


def test_corpus_f1_is_the_harmonic_mean_of_the_means_not_the_mean_of_f1():
    pages = [PageScore(0.5, 0.5, 0.0), PageScore(0.5, 0.0, 0.5)]  # P 0.5/1, R 1/0.5
    score = corpus_score(pages)
    assert score.precision == approx(0.75) and score.recall == approx(0.75)
    assert score.f1 == approx(0.75)
    assert sum(p.f1 for p in pages) / 2 == approx(2 / 3)


def test_corpus_of_nothing_is_zero():
    assert corpus_score([]) == CorpusScore(0.0, 0.0, 0.0, 0)
    assert corpus_score([PageScore(0.0, 0.0, 0.0)]) == CorpusScore(0.0, 0.0, 0.0, 1)


def test_snippets_found_after_whitespace_normalisation():
    counts = snippet_counts(
        "The body  text\nsays hello.\n\nShare on Facebook",
        with_=["body text says", "missing sentence"],
        without=["Share on   Facebook", "Cookie policy"],
    )
    assert counts == SnippetCounts(tp=1, fp=1, fn=1, tn=1)


def test_snippet_counts_sum_and_score():
    total = SnippetCounts(tp=3, fp=1, fn=1, tn=5) + SnippetCounts(tp=1, fp=1, fn=0, tn=0)
    assert total == SnippetCounts(tp=4, fp=2, fn=1, tn=5)
    assert total.precision == approx(4 / 6)
    assert total.recall == approx(4 / 5)
    assert total.f1 == approx(8 / 11)
    assert SnippetCounts().f1 == 0.0 and SnippetCounts().precision == 0.0


def test_empty_output_finds_no_snippet():
    assert snippet_counts("", ["a b"], ["c d"]) == SnippetCounts(tp=0, fp=0, fn=1, tn=1)
