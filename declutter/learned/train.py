"""``make train``: rebuild the learned block scorer's models from the tune halves.

    python -m declutter.learned.train --data ../shared/bench            # the HTML model
    python -m declutter.learned.train --data ../shared/bench --loco     # + leave-one-corpus-out
    python -m declutter.learned.train --kind text --loco                # the (unshipped) text model

Training data: the *tune* half (``declutter.bench.data.half``) of every gold-text corpus
of ``../shared/bench``, never a check page. Each page is cleaned by the rules and the
assembler alone (``pipeline.analyse``); each block becomes a row of
``features.FEATURE_NAMES`` labelled *article text* when at least half of its 4-token
shingles are in the gold (a block under 4 tokens: its tokens as a run of the gold), as
``declutter.bench.worst`` judges blocks; blocks the score never decides (``scorable``)
are left out. The snippet corpus's tune half adds the blocks its snippets label (a
must-have snippet inside: article text; a block mostly made of a must-not snippet:
boilerplate; any other block is left out). A row weighs its share of its page's tokens,
so every page counts the same, as in the page-averaged F1 the bench reports. The HTML
model learns from the ``html`` field, the text model from ``dump`` and
``dump_inscriptis``. LightGBM trains with fixed parameters and seed on one thread, so
the same data gives the same model file.

``--loco`` prints, per gold corpus, the page-averaged F1 on its *check* half of blocks
kept by the rules alone and by a model trained on the other corpora's tune halves
(text = the kept blocks, title aside): how well the scorer carries to pages of a kind it
never saw.

Needs the ``train`` extra (``lightgbm``); the package itself only reads the JSON models.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import pickle
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..bench.data import CHECK, TUNE, WORD_F1_CORPORA, Page, load
from ..bench.metric import SHINGLE, TOKEN, corpus_score, page_score, squash, word_f1
from ..bench.worst import in_gold
from ..errors import DeclutterError
from ..model import Kind, Source
from ..options import Options
from ..page_type import ARTICLE, PAGE_TYPES
from ..pipeline import analyse
from ..sources import segment
from . import model_path, scorable
from .features import FEATURE_NAMES, page_features
from .trees import from_lightgbm

GOLD_CORPORA = ("cleaneval", "cleanportaleval", "dragnet", "readability", "wcxb-dev")
# The snippet corpus has no gold text, but its snippets label the blocks they fall in: a
# block holding a must-have snippet is article text, one mostly made of a must-not snippet
# is not, any other block is left out (multilingual pages the gold corpora lack).
SNIPPET_CORPORA = ("trafilatura-eval",)
TRAINING_CORPORA = GOLD_CORPORA + SNIPPET_CORPORA
# A must-not snippet labels a block boilerplate only when it makes at least this share of
# the block's characters (a menu word inside a paragraph condemns nothing).
NOT_SNIPPET_SHARE = 0.5
FIELDS = {Kind.HTML: ("html",), Kind.TEXT: ("dump", "dump_inscriptis")}
# A block is article text when at least this share of its shingles is in the gold.
IN_GOLD = 0.5
THRESHOLD = 0.5  # keep a block whose probability is at least this
# Pages that are no article (a forum thread, a shop's grid, a docs page, a service page)
# keep a block from this lower probability: their content is many short, varied blocks,
# and a reader came for all of them (3-fold cross-validation on the tune pages: word F1
# on wcxb-dev +0.003, the other corpora, mostly articles, unchanged; History).
TYPE_THRESHOLDS = {t: 0.4 for t in PAGE_TYPES if t != ARTICLE}
PARAMS = {
    "objective": "binary",
    "learning_rate": 0.08,
    "num_leaves": 15,
    "max_depth": 6,
    "min_data_in_leaf": 40,
    "feature_fraction": 0.9,
    "lambda_l2": 1.0,
    "num_threads": 1,
    "deterministic": True,
    "force_row_wise": True,
    "seed": 7,
    "verbosity": -1,
}
ROUNDS = 250


@dataclass(slots=True)
class PageRows:
    """One page's scorable blocks: features, labels, weights, texts, and the rules' say."""

    corpus: str
    gold: str
    rows: list[list[float]]
    labels: list[int]
    weights: list[float]
    texts: list[str]
    rules_kept: list[bool]


def page_rows(page: Page, field: str, kind: Kind) -> PageRows | None:
    """The training rows of one page's ``field`` (None: nothing to learn from)."""
    text = getattr(page, field)
    if not text.strip() or not (page.snippets or (page.gold or "").strip()):
        return None
    try:
        doc = segment(text, kind, "declutter")
        labels, weights, _ = analyse(doc, Options(kind=kind, learned=False))
    except DeclutterError:  # a page the pipeline refuses (empty, binary) teaches nothing
        return None
    if doc.source is Source.EXTRACTED:
        return None
    label = _snippet_label(page) if page.snippets else _gold_label(page.gold or "")
    out = PageRows(page.corpus, page.gold or "", [], [], [], [], [])
    rows = page_features(doc, labels, weights)
    for block, row in zip(doc.blocks, rows):
        n = len(TOKEN.findall(block.text))
        y = label(block.text) if n and scorable(block) else None
        if y is None:
            continue
        out.rows.append(row)
        out.labels.append(y)
        out.weights.append(n)
        out.texts.append(block.text)
        out.rules_kept.append(block.kept)
    total = sum(out.weights) or 1
    out.weights = [n / total for n in out.weights]  # every page weighs the same
    return out if out.rows else None


def _gold_label(gold: str) -> Callable[[str], int | None]:
    """Article text (1) when at least ``IN_GOLD`` of a block's shingles are in the gold."""
    gold_tokens = TOKEN.findall(gold)
    gold_shingles = {
        tuple(gold_tokens[i : i + SHINGLE]) for i in range(len(gold_tokens) - SHINGLE + 1)
    }
    joined = f" {' '.join(gold_tokens)} "
    return lambda text: int(in_gold(text, gold_shingles, joined) >= IN_GOLD)


def _snippet_label(page: Page) -> Callable[[str], int | None]:
    """1 for a block holding a must-have snippet, 0 for one mostly made of a must-not
    snippet, None (left out) for the others."""
    wanted = [squash(s) for s in page.with_ if s.strip()]
    unwanted = [squash(s) for s in page.without if s.strip()]

    def label(text: str) -> int | None:
        text = squash(text)
        if any(s in text for s in wanted):
            return 1
        if any(s in text and len(s) >= NOT_SNIPPET_SHARE * len(text) for s in unwanted):
            return 0
        return None

    return label


def _task(args: tuple[Page, str, Kind]) -> PageRows | None:
    return page_rows(*args)


def collect(
    pages: Sequence[Page], kind: Kind, jobs: int, cache: Path | None = None
) -> list[PageRows]:
    """The rows of every page (read from ``cache`` when it holds them, for trials)."""
    if cache is not None and cache.is_file():
        with cache.open("rb") as f:
            return pickle.load(f)
    tasks = [(p, f, kind) for p in pages for f in FIELDS[kind]]
    with multiprocessing.get_context("fork").Pool(jobs) as pool:
        out = [r for r in pool.map(_task, tasks, chunksize=8) if r is not None]
    if cache is not None:
        cache.parent.mkdir(parents=True, exist_ok=True)
        with cache.open("wb") as f:
            pickle.dump(out, f)
    return out


def fit(data: Sequence[PageRows]):
    import lightgbm
    import numpy

    rows = numpy.array([r for p in data for r in p.rows], dtype=numpy.float64)
    labels = numpy.array([y for p in data for y in p.labels])
    weights = numpy.array([w for p in data for w in p.weights])
    names = list(FEATURE_NAMES)
    dataset = lightgbm.Dataset(rows, label=labels, weight=weights, feature_name=names)
    return lightgbm.train(PARAMS, dataset, num_boost_round=ROUNDS)


def save(booster, kind: Kind, data: Sequence[PageRows], path: Path) -> None:
    from importlib.metadata import version

    doc = {
        "about": {
            "what": f"declutter's learned block scorer for {kind.value} pages",
            "trained_on": "tune halves of " + ", ".join(TRAINING_CORPORA),
            "fields": list(FIELDS[kind]),
            "pages": len(data),
            "blocks": sum(len(p.rows) for p in data),
            "lightgbm": version("lightgbm"),
            "params": PARAMS,
            "rounds": ROUNDS,
            "rebuild": "make train",
        },
        "features": list(FEATURE_NAMES),
        "threshold": THRESHOLD,
        "type_thresholds": TYPE_THRESHOLDS,
        "trees": from_lightgbm(booster.dump_model()),
    }
    path.write_text(json.dumps(doc, separators=(",", ":")) + "\n", encoding="utf-8")


def _matrix(rows: list[list[float]]):
    import numpy

    return numpy.array(rows, dtype=numpy.float64)


def _kept_text(page: PageRows, kept: Sequence[bool]) -> str:
    return "\n\n".join(t for t, k in zip(page.texts, kept) if k)


_TYPE_COLUMNS = [(t, FEATURE_NAMES.index(f"page_{t}")) for t in PAGE_TYPES]


def page_threshold(row: Sequence[float]) -> float:
    """The threshold for the page of a block's feature ``row`` (its page-type flags)."""
    page_type = next((t for t, i in _TYPE_COLUMNS if row[i] == 1.0), ARTICLE)
    return TYPE_THRESHOLDS.get(page_type, THRESHOLD)


def page_f1s(pages: Sequence[PageRows], booster=None) -> tuple[float, float | None]:
    """Page-averaged shingle F1 (and word F1 where the corpus has it) of the kept blocks."""
    scores, words = [], []
    for p in pages:
        if booster is None:
            kept = p.rules_kept
        else:
            threshold = page_threshold(p.rows[0])
            kept = [x >= threshold for x in booster.predict(_matrix(p.rows))]
        text = _kept_text(p, kept)
        scores.append(page_score(text, p.gold))
        if p.corpus in WORD_F1_CORPORA:
            words.append(word_f1(text, p.gold))
    return corpus_score(scores).f1, (sum(words) / len(words) if words else None)


def loco(data: Path, kind: Kind, tune: list[PageRows], jobs: int, cache: Path | None) -> list[str]:
    check_pages = load(data, corpora=GOLD_CORPORA, halves=(CHECK,))
    check = collect(check_pages, kind, jobs, cache and cache / f"check-{kind.value}.pkl")
    lines = [f"leave-one-corpus-out, {kind.value} model, check halves (F1 of kept blocks):"]
    for corpus in GOLD_CORPORA:
        held = [p for p in check if p.corpus == corpus]
        booster = fit([p for p in tune if p.corpus != corpus])
        rules_f1, rules_w = page_f1s(held)
        model_f1, model_w = page_f1s(held, booster)
        line = f"  {corpus:16} rules {rules_f1:.4f}  learned {model_f1:.4f}"
        line += f"  ({model_f1 - rules_f1:+.4f})"
        if rules_w is not None and model_w is not None:
            line += f"  word F1 rules {rules_w:.4f} learned {model_w:.4f}"
            line += f" ({model_w - rules_w:+.4f})"
        lines.append(line)
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m declutter.learned.train", description=__doc__)
    p.add_argument("--data", type=Path, default=Path("../shared/bench"))
    p.add_argument(
        "--kind",
        choices=("html", "text", "both"),
        default="html",
        help="html: the shipped model; text: a text-dump model (not shipped: it gained "
        "nothing on the check halves)",
    )
    p.add_argument("--jobs", type=int, default=2)
    p.add_argument("--loco", action="store_true", help="also leave-one-corpus-out figures")
    p.add_argument(
        "--cache",
        type=Path,
        help="keep the computed rows in this folder, for trials (a "
        "stale cache gives a stale model: not for `make train`)",
    )
    args = p.parse_args(argv)
    kinds = [Kind.HTML, Kind.TEXT] if args.kind == "both" else [Kind(args.kind)]
    pages = load(args.data, corpora=TRAINING_CORPORA, halves=(TUNE,))
    for kind in kinds:
        cache = args.cache and args.cache / f"tune-{kind.value}.pkl"
        tune = collect(pages, kind, args.jobs, cache)
        booster = fit(tune)
        save(booster, kind, tune, model_path(kind))
        n = sum(len(x.rows) for x in tune)
        print(f"{kind.value}: {len(tune)} tune pages, {n} blocks -> {model_path(kind)}")
        if args.loco:
            print("\n".join(loco(args.data, kind, tune, args.jobs, args.cache)), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
