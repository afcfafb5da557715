"""The scores of the shared benchmark (see ``../shared/bench/README.md``).

Gold-text corpora: the Scrapinghub article-extraction metric. Both texts are tokenised
as ``\\w+`` matches (Unicode, case-sensitive) and turned into bags of 4-token shingles;
per page TP = shared shingles (with multiplicity), FP = extra predicted ones, FN = missed
gold ones, normalised so TP + FP + FN = 1. Precision is the mean over pages with
TP + FP > 0, recall the mean over pages with TP + FN > 0, F1 the harmonic mean of the two
means. A text of fewer than 4 tokens is one shingle of all its tokens.

Word F1 (WCXB's headline metric, for ``wcxb-dev``): per page, both texts lower-cased and
tokenised as ``\\w+`` matches, compared as bags of words; precision = shared / predicted
words, recall = shared / gold words, F1 their harmonic mean (an empty prediction scores 0,
an empty gold with an empty prediction 1). The corpus figure is the mean of the per-page
values.

Snippet corpus: trafilatura's counting. Whitespace is normalised in both texts; a
``with`` snippet found is a TP, missing a FN; a ``without`` snippet found is a FP,
absent a TN; counts are summed over the corpus.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

import regex

TOKEN = regex.compile(r"\w+")
SHINGLE = 4


def shingles(text: str, size: int = SHINGLE) -> Counter[tuple[str, ...]]:
    """The bag of ``size``-token shingles of ``text``."""
    tokens = TOKEN.findall(text)
    if not tokens:
        return Counter()
    if len(tokens) < size:
        return Counter([tuple(tokens)])
    return Counter(tuple(tokens[i : i + size]) for i in range(len(tokens) - size + 1))


@dataclass(frozen=True, slots=True)
class PageScore:
    """One page's normalised counts (tp + fp + fn == 1 unless all are 0)."""

    tp: float
    fp: float
    fn: float

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp > 0 else None

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn > 0 else None

    @property
    def f1(self) -> float:
        p, r = self.precision or 0.0, self.recall or 0.0
        return 2 * p * r / (p + r) if p + r > 0 else 0.0


def page_score(predicted: str, gold: str) -> PageScore:
    """Shingle counts of one page, normalised to sum to 1."""
    pred, ref = shingles(predicted), shingles(gold)
    tp = sum((pred & ref).values())
    fp = sum(pred.values()) - tp
    fn = sum(ref.values()) - tp
    total = tp + fp + fn
    if total == 0:
        return PageScore(0.0, 0.0, 0.0)
    return PageScore(tp / total, fp / total, fn / total)


def word_f1(predicted: str, gold: str) -> float:
    """WCXB's per-page bag-of-words F1 (lower-cased ``\\w+`` tokens)."""
    pred = Counter(TOKEN.findall(predicted.lower()))
    ref = Counter(TOKEN.findall(gold.lower()))
    if not pred or not ref:
        return 1.0 if not pred and not ref else 0.0
    shared = sum((pred & ref).values())
    if not shared:
        return 0.0
    p, r = shared / sum(pred.values()), shared / sum(ref.values())
    return 2 * p * r / (p + r)


@dataclass(frozen=True, slots=True)
class CorpusScore:
    precision: float
    recall: float
    f1: float
    pages: int


def corpus_score(pages: Iterable[PageScore]) -> CorpusScore:
    """Mean precision and recall over the pages where each is defined; F1 of the means."""
    precisions, recalls, n = [], [], 0
    for page in pages:
        n += 1
        if page.precision is not None:
            precisions.append(page.precision)
        if page.recall is not None:
            recalls.append(page.recall)
    p = sum(precisions) / len(precisions) if precisions else 0.0
    r = sum(recalls) / len(recalls) if recalls else 0.0
    f1 = 2 * p * r / (p + r) if p + r > 0 else 0.0
    return CorpusScore(p, r, f1, n)


@dataclass(frozen=True, slots=True)
class SnippetCounts:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0

    def __add__(self, other: SnippetCounts) -> SnippetCounts:
        return SnippetCounts(
            self.tp + other.tp, self.fp + other.fp, self.fn + other.fn, self.tn + other.tn
        )

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        denominator = 2 * self.tp + self.fp + self.fn
        return 2 * self.tp / denominator if denominator else 0.0


_WHITESPACE = regex.compile(r"\s+")


def squash(text: str) -> str:
    """``text`` with runs of white space made one space, ends stripped."""
    return _WHITESPACE.sub(" ", text).strip()


def snippet_counts(predicted: str, with_: list[str], without: list[str]) -> SnippetCounts:
    """trafilatura's counts for one page of the snippet corpus."""
    text = squash(predicted)
    tp = sum(1 for s in with_ if squash(s) in text)
    fp = sum(1 for s in without if squash(s) in text)
    return SnippetCounts(tp=tp, fn=len(with_) - tp, fp=fp, tn=len(without) - fp)
