"""Block classes from statistics and rule marks, and the weight each brings to a region.

Like jusText's classifier, a block is first judged alone from its length and stopword
density (with terminal punctuation as extra evidence for text dumps, which have no link
density); a block that a rule marked is boilerplate whatever its statistics. The
assembler then looks for the article as the region of best total weight.
"""

from __future__ import annotations

from enum import Enum

from .model import Block, BlockStats, Document
from .rules.ids import Role, all_have_role


class Label(Enum):
    """How a block looks on its own."""

    GOOD = "good"  # long, stopword-rich prose
    NEARGOOD = "neargood"  # prose, shorter or less certain
    SHORT = "short"  # too short to judge alone: headings, credits, menu items
    BAD = "bad"  # long but not prose: lists of names, link farms, tables of numbers
    MARKED = "marked"  # a rule found a boilerplate cue


# The labels of prose: what an article is made of.
PROSE = (Label.GOOD, Label.NEARGOOD)

# Blocks under this many characters are too short to judge from statistics (jusText: 70).
LENGTH_LOW = 70
# Prose above this many characters is good; below it only near-good (jusText: 200).
LENGTH_HIGH = 200
# Stopword densities that separate prose from lists, with the page's stoplist (jusText).
STOPWORDS_HIGH = 0.30
STOPWORDS_LOW = 0.22
# A punctuated block needs only this density: product names and numbers crowd it.
STOPWORDS_PUNCTUATED = 0.12
# Without a stoplist (language unknown) prose is told by punctuation and word count.
MIN_WORDS_UNKNOWN_LANGUAGE = 12

# Title-cased words above this share make a long block a list of headlines, not prose
# (German capitalises nouns, about a third of its words), unless it is a punctuated
# sentence with the stopwords of prose.
MAX_TITLE_CASE_RATIO = 0.6
TITLE_CASE_MIN_WORDS = 8

# Region weights: a marked block costs at least this much, so a lone cue line inside a
# long article does not split it, while a legal notice or sign-up block ends the region.
MARKED_MIN_COST = 10.0
# Captions, bylines, dates and counters (``Role.INLINE``) sit inside articles too: they
# cost little, so the region runs through them; sectional boilerplate (lists, notices,
# sign-ups) does not.
INLINE_MARK_COST = 3.0
# A short block costs a little: runs of menu items add up, a lone heading does not.
SHORT_COST = 2.0
# Near-good prose counts half, bad blocks count against the region at half their size.
NEARGOOD_SHARE = 0.75
BAD_SHARE = 0.5
# One block counts at most this many words, so a single long disclaimer cannot outweigh
# an article of many paragraphs.
MAX_BLOCK_WEIGHT = 60.0


def label(block: Block, has_stoplist: bool) -> Label:
    """The class of one block from its marks and statistics."""
    stats = block.stats
    assert stats is not None, "features.add_stats runs before classify"
    if block.marks:
        return Label.MARKED
    if stats.n_chars < LENGTH_LOW:
        return Label.SHORT
    if stats.n_chars < LENGTH_HIGH and not stats.ends_with_punct:
        return Label.SHORT  # a headline or a link text, not a paragraph
    if (
        stats.n_words >= TITLE_CASE_MIN_WORDS
        and stats.title_case_ratio > MAX_TITLE_CASE_RATIO
        and not (has_stoplist and _is_stopword_rich_sentence(stats))
    ):
        return Label.BAD
    if has_stoplist:
        return _label_by_stopwords(stats)
    return _label_by_punctuation(stats)


def _is_stopword_rich_sentence(stats: BlockStats) -> bool:
    """A punctuated sentence with the stopwords of prose: a German lead full of nouns
    and names ("Teamchef Michael Kohlmann hat die Mannschaft ... bekanntgegeben.") is
    prose however many of its words are capitalised; a list of headlines is not."""
    return stats.ends_with_punct and stats.stopword_density >= STOPWORDS_LOW


def _label_by_stopwords(stats: BlockStats) -> Label:
    density = stats.stopword_density
    if density >= STOPWORDS_HIGH or (density >= STOPWORDS_LOW and stats.ends_with_punct):
        return Label.GOOD if stats.n_chars > LENGTH_HIGH else Label.NEARGOOD
    if density >= STOPWORDS_LOW:
        return Label.NEARGOOD
    if density >= STOPWORDS_PUNCTUATED and stats.ends_with_punct:
        return Label.NEARGOOD  # sentences dense in names and figures
    return Label.BAD


def _label_by_punctuation(stats: BlockStats) -> Label:
    if stats.ends_with_punct and stats.n_words >= MIN_WORDS_UNKNOWN_LANGUAGE:
        return Label.GOOD if stats.n_chars > LENGTH_HIGH else Label.NEARGOOD
    if stats.ends_with_punct:
        return Label.NEARGOOD
    return Label.BAD


def block_weight(block: Block, block_label: Label) -> float:
    """What a block adds to (or takes from) the article region around it."""
    assert block.stats is not None
    words = float(block.stats.n_words)
    if block_label is Label.GOOD:
        return min(words, MAX_BLOCK_WEIGHT)
    if block_label is Label.NEARGOOD:
        return min(words, MAX_BLOCK_WEIGHT) * NEARGOOD_SHARE
    if block_label is Label.SHORT:
        return 0.0 if block.stats.ends_with_punct else -SHORT_COST
    if block_label is Label.BAD:
        return -words * BAD_SHARE
    if all_have_role(block.marks, Role.INLINE):
        return -INLINE_MARK_COST
    return -max(words, MARKED_MIN_COST)


def classify(doc: Document) -> tuple[list[Label], list[float]]:
    """Labels and region weights of every block of ``doc``."""
    has_stoplist = bool(doc.stoplist)
    labels = [label(block, has_stoplist) for block in doc.blocks]
    weights = [block_weight(block, lab) for block, lab in zip(doc.blocks, labels)]
    return labels, weights
