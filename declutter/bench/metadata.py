"""Metadata beside trafilatura's: exact-match rates of title, author and date on wcxb-dev.

    python -m declutter.bench.metadata --data ../shared/bench [--quick] [--half tune]

wcxb-dev's records carry the annotators' ``title_gold``, ``author_gold`` and
``date_gold`` (null where the page has none). For each page, declutter
(``declutter.clean`` with ``Options(metadata=True)``: ``Result.title``,
``Result.metadata.author`` / ``.date``) and trafilatura (``trafilatura.extract_metadata``
on the HTML) each predict the three fields; a prediction matches when, normalised, it
equals the gold: text case-folded with runs of white space collapsed to one space, a date
as ISO ``YYYY-MM-DD``; a null gold is matched by a null prediction only. A page that a
system cannot read (declutter's ``DeclutterError``) predicts null for every field.

Only the check half is reported by default (``declutter.bench.data.half``): the
metadata readers were tuned on tune pages. ``metadata_table(pages)`` is the Markdown
table; ``load(data)`` reads the pages.
"""

from __future__ import annotations

import argparse
import gzip
import heapq
import json
import re
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import trafilatura

from .. import DeclutterError, Kind, Options, clean
from . import data as bench_data

CORPUS = "wcxb-dev"
FIELDS = ("title", "author", "date")
# Pages in the --quick sample (the lowest quick ranks of the half): enough to see a
# difference of a few points, in well under a minute.
QUICK_PAGES = 120
# Declutter reads metadata only when asked; the bench asks, as --format json does.
OPTIONS = Options(kind=Kind.HTML, metadata=True)
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True, slots=True)
class MetadataPage:
    """One wcxb-dev page with the annotators' metadata."""

    id: str
    html: str
    title: str | None
    author: str | None
    date: str | None


Prediction = tuple[str | None, str | None, str | None]  # title, author, date


def load(
    data: Path, *, quick: bool = False, halves: Iterable[str] = (bench_data.CHECK,)
) -> list[MetadataPage]:
    """The wcxb-dev pages of the chosen halves (``quick``: the fixed sample of them)."""
    path = bench_data.corpus_files(data).get(CORPUS)
    if path is None:
        raise bench_data.DataError(f"no {CORPUS}.jsonl.gz in {data}: no metadata gold")
    wanted = frozenset(halves)
    pages = []
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            page_id = str(record["id"])
            if bench_data.half(CORPUS, page_id) in wanted:
                pages.append(
                    MetadataPage(
                        id=page_id,
                        html=record.get("html") or "",
                        title=record.get("title_gold"),
                        author=record.get("author_gold"),
                        date=record.get("date_gold"),
                    )
                )
    if quick:
        pages = heapq.nsmallest(
            QUICK_PAGES, pages, key=lambda p: bench_data.quick_rank(CORPUS, p.id)
        )
    return sorted(pages, key=lambda p: p.id)


def declutter_metadata(html: str) -> Prediction:
    try:
        result = clean(html, options=OPTIONS)
    except DeclutterError:
        return None, None, None
    return result.title, result.metadata.author, result.metadata.date


def trafilatura_metadata(html: str) -> Prediction:
    found = trafilatura.extract_metadata(html)
    return found.title, found.author, found.date


SYSTEMS: dict[str, Callable[[str], Prediction]] = {
    "declutter": declutter_metadata,
    "trafilatura": trafilatura_metadata,
}


def normalise_text(value: str | None) -> str | None:
    """Case-folded, white space collapsed; None for None or a blank string."""
    if value is None:
        return None
    return " ".join(value.casefold().split()) or None


def normalise_date(value: str | None) -> str | None:
    """ISO ``YYYY-MM-DD`` (the date part of an ISO timestamp); None if it is no date."""
    if not value or not _ISO_DATE.match(value.strip()):
        return None
    try:
        return date.fromisoformat(value.strip()[:10]).isoformat()
    except ValueError:
        return None


NORMALISE = {"title": normalise_text, "author": normalise_text, "date": normalise_date}


def matches(gold: str | None, predicted: str | None, field: str) -> bool:
    """Whether ``predicted`` is ``gold`` once both are normalised (None matches None)."""
    normalise = NORMALISE[field]
    return normalise(gold) == normalise(predicted)


@dataclass(frozen=True, slots=True)
class Score:
    """One system's exact-match rates and its time per page."""

    system: str
    rates: dict[str, float]
    pages: int
    ms_per_page: float


def score(system: str, pages: Sequence[MetadataPage]) -> Score:
    predict = SYSTEMS[system]
    hits = dict.fromkeys(FIELDS, 0)
    spent = 0.0
    for page in pages:
        start = time.process_time()
        predicted = predict(page.html)
        spent += time.process_time() - start
        gold = (page.title, page.author, page.date)
        for field, want, got in zip(FIELDS, gold, predicted):
            hits[field] += matches(want, got, field)
    n = max(len(pages), 1)
    return Score(system, {f: hits[f] / n for f in FIELDS}, len(pages), 1000 * spent / n)


def metadata_table(pages: Sequence[MetadataPage]) -> str:
    """The Markdown table of exact-match rates, declutter beside trafilatura."""
    lines = [
        "| system | title | author | date | pages | ms/page |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for system in SYSTEMS:
        s = score(system, pages)
        rates = " | ".join(f"{s.rates[f]:.3f}" for f in FIELDS)
        lines.append(f"| `{system}` | {rates} | {s.pages} | {s.ms_per_page:.0f} |")
    return "\n".join(lines) + "\n"


NOTE = (
    "Exact match on wcxb-dev's annotated metadata: case-folded, white space collapsed, "
    "dates as YYYY-MM-DD; a null gold matches only a null prediction. ms/page: CPU time "
    "of the whole call (declutter: cleaning and metadata, `Options(metadata=True)`; "
    "trafilatura: `extract_metadata`, parse included)."
)


def section(data: Path, *, quick: bool = False) -> str:
    """The bench report's metadata section: the check half of wcxb-dev."""
    pages = load(data, quick=quick, halves=(bench_data.CHECK,))
    title = f"### Metadata ({CORPUS}, check half{', quick sample' if quick else ''})"
    return f"\n{title}\n\n{metadata_table(pages)}\n{NOTE}\n"


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(
        prog="python -m declutter.bench.metadata",
        description="Metadata exact-match rates on wcxb-dev, declutter beside trafilatura.",
    )
    p.add_argument("--data", type=Path, default=Path("../shared/bench"),
                   help="folder of the *.jsonl.gz corpora (default: ../shared/bench)")
    p.add_argument("--quick", action="store_true",
                   help=f"the fixed sample: {QUICK_PAGES} pages of the half")
    p.add_argument("--half", choices=bench_data.HALVES, default=bench_data.CHECK,
                   help="which half of the pages (default: %(default)s)")
    args = p.parse_args(argv)
    try:
        pages = load(args.data, quick=args.quick, halves=(args.half,))
    except bench_data.DataError as exc:
        print(f"declutter.bench.metadata: {exc}", file=sys.stderr)
        return 2
    print(f"### Metadata ({CORPUS}, {args.half} half{', quick' if args.quick else ''})\n")
    print(metadata_table(pages))
    print(NOTE)
    return 0


if __name__ == "__main__":
    sys.exit(main())
