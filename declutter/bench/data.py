"""Reading the shared benchmark corpora (``../shared/bench``, see its README.md).

Each corpus is one ``NAME.jsonl.gz`` file, one JSON record a line, sorted by ``id``.
Gold-text corpora carry ``gold``; the snippet corpus carries ``with``/``without``.

**Tune and check halves.** Every page belongs to one fixed half, by the first byte of
the SHA-256 of ``"corpus/id"`` (UTF-8): below 128 it is a *tune* page, else a *check*
page (``half``). The split is never changed: rules are looked at and tuned on tune pages
only (``--worst`` lists tune pages, fixtures come from tune pages), and only the check
halves' figures decide whether a change stays; the headline table is the check halves.

The quick sample is fixed and deterministic: per corpus and half, the ``QUICK_PAGES``
records whose SHA-1 of ``"corpus/id"`` sorts first (SHA-1, not the SHA-256 of the split,
so the sample's rank is independent of its half). It never changes between runs or
machines, so quick-sample numbers (and the quality floors pinned from them) stay
comparable.

**Title convention per corpus** (``TITLE_IN_GOLD``): declutter's output puts the page
title first, as the seeds' contract wants, but some corpora's gold leaves the title out;
each corpus is scored by its own convention (declutter with ``keep_title=False`` where the
gold leaves it out). Decided from the gold: on every 4th page of the first 400, the share
of pages whose gold holds the first three words of the page ``<title>`` within its first
60 tokens — readability 0.04 and wcxb-dev 0.06 (their gold is the body alone: Readability
keeps the title apart, WCXB's README says so), against cleanportaleval 0.83 and dragnet
0.75. CleanEval (0.37: its `<title>` is often a site name, but its gold keeps the page's
headings) and the snippet corpus (snippets are body sentences) keep the title.
"""

from __future__ import annotations

import gzip
import hashlib
import heapq
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

SNIPPET_CORPORA = frozenset({"trafilatura-eval"})
# Corpora whose gold leaves the page title out: declutter is scored without its title.
TITLE_OUT_OF_GOLD = frozenset({"readability", "wcxb-dev"})
# Corpora also scored by their own benchmark's headline metric, word F1 (see metric.py).
WORD_F1_CORPORA = frozenset({"wcxb-dev"})
QUICK_PAGES = 40  # per corpus and half
TUNE, CHECK = "tune", "check"
HALVES = (TUNE, CHECK)

# Records start with {"id": "…", "corpus": "…": the id can be read without parsing the
# whole (large) line, which keeps --quick loading fast.
_ID = re.compile(rb'^\{"id":\s*"((?:[^"\\]|\\.)*)"')


class DataError(Exception):
    """The benchmark data cannot be used (missing folder, no corpus, unknown name)."""


@dataclass(slots=True)
class Page:
    """One benchmark record, reduced to what the systems and the scores need."""

    corpus: str
    id: str
    html: str
    dump: str
    dump_inscriptis: str
    gold: str | None = None
    page_type: str | None = None  # wcxb-dev: article, forum, product, …
    url: str | None = None  # the page's address, where the corpus gives it
    with_: list[str] = field(default_factory=list)
    without: list[str] = field(default_factory=list)
    # UTF-8 sizes of each input field, for MB/s (computed once).
    sizes: dict[str, int] = field(default_factory=dict)

    @property
    def key(self) -> str:
        return f"{self.corpus}/{self.id}"

    @property
    def snippets(self) -> bool:
        return self.gold is None

    @property
    def half(self) -> str:
        return half(self.corpus, self.id)

    @property
    def title_in_gold(self) -> bool:
        return self.corpus not in TITLE_OUT_OF_GOLD


def half(corpus: str, page_id: str) -> str:
    """The page's fixed half: ``tune`` or ``check`` (first byte of SHA-256 of corpus/id)."""
    first = hashlib.sha256(f"{corpus}/{page_id}".encode()).digest()[0]
    return TUNE if first < 128 else CHECK


def quick_rank(corpus: str, page_id: str) -> str:
    """The sort key of the quick sample: SHA-1 of ``corpus/id``."""
    return hashlib.sha1(f"{corpus}/{page_id}".encode()).hexdigest()


def corpus_files(data: Path) -> dict[str, Path]:
    """The corpora found in ``data``, by name, sorted; raises ``DataError`` if none."""
    if not data.is_dir():
        raise DataError(
            f"benchmark data not found: {data} is not a folder "
            "(expected the shared corpora, e.g. ../shared/bench with *.jsonl.gz)"
        )
    files = {p.name[: -len(".jsonl.gz")]: p for p in sorted(data.glob("*.jsonl.gz"))}
    if not files:
        raise DataError(f"benchmark data not found: no *.jsonl.gz corpus in {data}")
    return files


def _page(record: dict) -> Page:
    page = Page(
        corpus=record["corpus"],
        id=str(record["id"]),
        html=record.get("html") or "",
        dump=record.get("dump") or "",
        dump_inscriptis=record.get("dump_inscriptis") or "",
        gold=record.get("gold"),
        page_type=record.get("page_type"),
        url=record.get("url"),
        with_=list(record.get("with") or []),
        without=list(record.get("without") or []),
    )
    if page.gold is None and not (page.with_ or page.without):
        page.gold = ""  # a gold corpus record with an empty gold: scored as such
    page.sizes = {
        "html": len(page.html.encode("utf-8", "surrogatepass")),
        "dump": len(page.dump.encode("utf-8", "surrogatepass")),
        "dump_inscriptis": len(page.dump_inscriptis.encode("utf-8", "surrogatepass")),
    }
    return page


def _record_id(line: bytes) -> str:
    match = _ID.match(line)
    if match:
        return json.loads(b'"' + match.group(1) + b'"')
    return str(json.loads(line)["id"])


def _read(path: Path, corpus: str, quick: int, halves: frozenset[str]) -> list[bytes]:
    """The corpus's lines of the chosen halves: all, or per half the ``quick`` ones of
    lowest rank (one pass, in id order)."""
    best: dict[str, list[tuple[str, int, bytes]]] = {h: [] for h in halves}  # max-heaps
    kept: list[tuple[int, bytes]] = []
    with gzip.open(path, "rb") as f:
        for n, line in enumerate(f):
            if not line.strip():
                continue
            page_id = _record_id(line)
            heap = best.get(half(corpus, page_id))
            if heap is None:
                continue
            if not quick:
                kept.append((n, line))
                continue
            item = (_negate(quick_rank(corpus, page_id)), n, line)
            if len(heap) < quick:
                heapq.heappush(heap, item)
            elif item > heap[0]:
                heapq.heapreplace(heap, item)
    for heap in best.values():
        kept.extend((n, line) for _, n, line in heap)
    return [line for _, line in sorted(kept, key=lambda x: x[0])]


def _negate(hexdigest: str) -> str:
    """A string whose order is the reverse of ``hexdigest``'s (same length, hex digits)."""
    return hexdigest.translate(_REVERSE_HEX)


_REVERSE_HEX = str.maketrans("0123456789abcdef", "fedcba9876543210")


def load_corpus(
    path: Path, *, quick: int = 0, limit: int = 0, halves: Iterable[str] = HALVES
) -> list[Page]:
    """The pages of one corpus file, of the chosen halves; ``quick`` > 0 keeps only the
    quick sample of that size per half, ``limit`` > 0 keeps the first ``limit`` pages (of
    the sample, in id order)."""
    corpus = path.name[: -len(".jsonl.gz")]
    pages = []
    for line in _read(path, corpus, quick, frozenset(halves)):
        record = json.loads(line)
        record.setdefault("corpus", corpus)
        pages.append(_page(record))
        if limit and len(pages) >= limit:
            break
    return pages


def load(
    data: Path,
    *,
    corpora: Iterable[str] | None = None,
    quick: bool = False,
    limit: int = 0,
    halves: Iterable[str] = HALVES,
) -> list[Page]:
    """All pages of the chosen corpora (all when ``corpora`` is None) and halves, corpus by
    corpus."""
    files = corpus_files(data)
    names = list(files) if not corpora else list(corpora)
    unknown = [n for n in names if n not in files]
    if unknown:
        raise DataError(f"unknown corpus {', '.join(unknown)}; found: {', '.join(files)} in {data}")
    pages: list[Page] = []
    for name in names:
        quick_pages = QUICK_PAGES if quick else 0
        pages.extend(load_corpus(files[name], quick=quick_pages, limit=limit, halves=halves))
    return pages
