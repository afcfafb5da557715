"""The learned block scorer: the last word on each block, trained on the tune halves.

After the rules have marked and the assembler has chosen the article region, a model of
gradient-boosted trees scores every block from ``features.FEATURE_NAMES`` (its own
statistics and structure, its marks, the assembler's decision, its neighbours, its place
against the region, how often its element shape repeats, the page's facts). A block
whose probability of being article text is at least the model's threshold (a lower one
on pages that are no article: ``train.TYPE_THRESHOLDS``) is kept, any other removed; but
the title stays as the assembler chose it, and a byline, date, counter or caption that a
rule removed stays out (the product's contract). Where the score overrules the assembler
the block's reason says so, with the score
(``learned: block score 0.83 >= 0.50; the rules said region: …``); every scored block
carries its score (``Block.score``, shown by ``--explain``).

One model is shipped: ``models/html.json``, for blocks from the DOM. Blocks that
trafilatura extracted (the fallback) are not scored, and text dumps are decided by the
rules alone: a text model trained the same way (``train.py --kind text``) moved no check
half by more than ±0.005 and lost on four of five (BENCHMARKS.md, History), so none is
shipped; ``models/text.json``, where present, would be used. The model is rebuilt by
``make train`` (``python -m declutter.learned.train``) from the tune halves of
``../shared/bench`` only.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from importlib import resources
from pathlib import Path

from ..classify import Label
from ..model import Block, Document, Kind, Source, shared_reason
from ..rules.ids import TITLE_RULES, RuleId, decision_settled
from .features import FEATURE_NAMES, iter_page_features
from .trees import Ensemble, load

RULE = RuleId.LEARNED
# The assembler's decisions that no score overrules: the title and its copies.
FIXED_RULES = TITLE_RULES


def model_path(kind: Kind) -> Path:
    return Path(str(resources.files(__package__) / "models" / f"{kind.value}.json"))


@lru_cache(maxsize=2)
def fingerprint(kind: Kind = Kind.HTML) -> str | None:
    """A short hash of the shipped model for ``kind`` (None when none is shipped): re-runs
    redo pages cleaned with another model (``declutter.stamps``)."""
    path = model_path(kind)
    if not path.is_file():
        return None
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16]


@lru_cache(maxsize=2)
def model_for(kind: Kind) -> Ensemble | None:
    """The shipped model for ``kind`` (None when none is shipped)."""
    path = model_path(kind)
    if not path.is_file():
        return None
    ensemble = load(path)
    if ensemble.features != FEATURE_NAMES:
        raise RuntimeError(
            f"{path}: the model was trained on other features than this version computes; "
            "rebuild it with `make train`"
        )
    return ensemble


def scorable(block: Block) -> bool:
    """The score decides this block: neither the title or a copy of it, nor a byline,
    date, counter or caption that a rule removed (out of the text by the product's
    contract, though some corpora's gold keeps them: ``rules.ids.decision_settled``)."""
    return not decision_settled(block)

def rescore(doc: Document, labels: list[Label], weights: list[float]) -> None:
    """Score every block of ``doc`` (after ``assemble``) and keep those the model keeps."""
    if doc.source is Source.EXTRACTED:
        return  # trafilatura's extraction: its blocks have no structure to score
    model = model_for(doc.kind)
    if model is None or not doc.blocks:
        return
    threshold = model.threshold_for(doc.page_type)
    for block, row in zip(doc.blocks, iter_page_features(doc, labels, weights)):
        if not scorable(block):
            continue
        score = model.probability(row)
        block.score = score
        keep = score >= threshold
        if keep != block.kept:
            sign = ">=" if keep else "<"
            said = f"; the rules said {block.reason}" if block.reason else ""
            block.kept = keep
            block.reason = shared_reason(
                RULE, f"block score {score:.2f} {sign} {threshold:.2f}{said}"
            )
