"""Page-type detection measured on wcxb-dev's labelled pages (``declutter.page_type``).

    python -m declutter.bench.page_types --data ../shared/bench [--half tune|check]
        [--field html|dump] [--wrong]

Prints the accuracy, the 7x7 confusion matrix (rows: the label, columns: the detected
type) with each type's precision and recall, how often each kind of cue decided, and the
detector's mean CPU time per page (reading the markup's signals plus ``detect``; CPU time,
as wall time on a shared machine counts other processes' turns). Each page
is prepared as ``declutter.clean`` prepares it (source, language, statistics), with the
record's ``url`` given as a JSONL record's would be. Tune on the tune half only; the check
half is for the final figure.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import DeclutterError
from ..features import add_stats, page_words
from ..language import detect_page, stoplist_for
from ..model import Document, Kind
from ..page_type import PAGE_TYPES, PageType, detect
from ..sources import dom, html, text
from . import data as bench_data

CORPUS = "wcxb-dev"
DEFAULT_DATA = Path("../shared/bench")


@dataclass(slots=True)
class Tally:
    """Detections against labels, the cues that decided, and the time spent."""

    confusion: Counter[tuple[str, str]] = field(default_factory=Counter)
    cues: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0
    pages: int = 0
    failed: int = 0
    wrong: list[str] = field(default_factory=list)

    def add(self, page: bench_data.Page, found: PageType, seconds: float) -> None:
        label = page.page_type or "?"
        self.confusion[label, found.name] += 1
        self.cues[_cue_kind(found.cue)] += 1
        self.seconds += seconds
        self.pages += 1
        if label != found.name:
            self.wrong.append(f"{page.id} {label} -> {found.name} ({found.cue}) {page.url}")


def _cue_kind(cue: str) -> str:
    """The cue without its particular value: "schema.org @type Product" -> "schema.org"."""
    if cue[:1].isdigit():
        return cue.split(" ", 1)[1]
    return cue.split(" ")[0] if not cue.startswith("no ") else cue


def prepared(page: bench_data.Page, source: str) -> tuple[Document, float]:
    """The page's document as ``clean`` prepares it before the page type, and the time
    spent reading the markup's signals (part of the detector's cost)."""
    spent = 0.0
    if source == "html":
        tree = html.parse(page.html, require_visible=False, plain=True)
        start = time.process_time()
        signals = html.page_signals(tree, page.html)
        spent = time.process_time() - start
        doc = Document(kind=Kind.HTML, blocks=dom.blocks(tree), signals=signals)
    else:
        doc = text.segment(page.dump)
    found = page_words(doc)
    doc.language = detect_page(doc, found)
    doc.stoplist = stoplist_for(doc.language)
    add_stats(doc, found)
    return doc, spent


def measure(pages: list[bench_data.Page], source: str) -> Tally:
    tally = Tally()
    for page in pages:
        try:
            doc, spent = prepared(page, source)
        except DeclutterError:
            tally.failed += 1
            continue
        start = time.process_time()
        found = detect(doc, page.url)
        tally.add(page, found, spent + time.process_time() - start)
    return tally


def report(tally: Tally) -> str:
    matrix = tally.confusion
    right = sum(matrix[t, t] for t in PAGE_TYPES)
    lines = [
        f"pages {tally.pages} (failed {tally.failed}); accuracy {right / max(tally.pages, 1):.3f}; "
        f"detector {1000 * tally.seconds / max(tally.pages, 1):.3f} ms/page",
        "",
        "label \\ detected " + " ".join(f"{t[:6]:>6}" for t in PAGE_TYPES) + "  recall",
    ]
    for label in PAGE_TYPES:
        row = [matrix[label, found] for found in PAGE_TYPES]
        recall = matrix[label, label] / max(sum(row), 1)
        lines.append(f"{label:>16} " + " ".join(f"{n:6d}" for n in row) + f"  {recall:6.2f}")
    precision = [
        matrix[t, t] / max(sum(matrix[label, t] for label in PAGE_TYPES), 1) for t in PAGE_TYPES
    ]
    lines.append(f"{'precision':>16} " + " ".join(f"{p:6.2f}" for p in precision))
    lines += ["", "decided by: " + ", ".join(f"{k} {n}" for k, n in tally.cues.most_common())]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m declutter.bench.page_types")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--half", choices=bench_data.HALVES, default=bench_data.TUNE)
    parser.add_argument("--field", choices=("html", "dump"), default="html")
    parser.add_argument("--wrong", action="store_true", help="list the pages detected wrong")
    args = parser.parse_args(argv)
    try:
        pages = bench_data.load(args.data, corpora=[CORPUS], halves=[args.half])
    except bench_data.DataError as exc:
        print(f"page_types: {exc}", file=sys.stderr)
        return 2
    tally = measure(pages, args.field)
    print(f"{CORPUS}, {args.half} half, from the {args.field}")
    print(report(tally))
    if args.wrong:
        print("\n".join(["", *tally.wrong]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
