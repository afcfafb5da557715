"""Reading the shared benchmark corpora (``../shared/bench``, see its README.md).

Each corpus is one ``NAME.jsonl.gz`` file, one JSON record a line, sorted by ``id``.
Gold-text corpora carry ``gold``; the snippet corpus carries ``with``/``without``.

The quick sample is fixed and deterministic: per corpus, the ``QUICK_PAGES`` records
whose SHA-1 of ``"corpus/id"`` sorts first. It never changes between runs or machines,
so quick-sample numbers (and the quality floors pinned from them) stay comparable.
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
QUICK_PAGES = 40

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


def _read(path: Path, corpus: str, quick: int) -> list[bytes]:
    """The corpus's lines: all, or the ``quick`` ones of lowest rank (one pass, in id order)."""
    with gzip.open(path, "rb") as f:
        if not quick:
            return [line for line in f if line.strip()]
        best: list[tuple[str, int, bytes]] = []  # a max-heap of (negated) ranks, size quick
        for n, line in enumerate(f):
            if not line.strip():
                continue
            rank = quick_rank(corpus, _record_id(line))
            item = (_negate(rank), n, line)
            if len(best) < quick:
                heapq.heappush(best, item)
            elif item > best[0]:
                heapq.heapreplace(best, item)
    return [line for _, _, line in sorted(best, key=lambda x: x[1])]


def _negate(hexdigest: str) -> str:
    """A string whose order is the reverse of ``hexdigest``'s (same length, hex digits)."""
    return hexdigest.translate(_REVERSE_HEX)


_REVERSE_HEX = str.maketrans("0123456789abcdef", "fedcba9876543210")


def load_corpus(path: Path, *, quick: int = 0, limit: int = 0) -> list[Page]:
    """The pages of one corpus file; ``quick`` > 0 keeps only the quick sample of that size,
    ``limit`` > 0 keeps the first ``limit`` pages (of the sample, in id order)."""
    corpus = path.name[: -len(".jsonl.gz")]
    pages = []
    for line in _read(path, corpus, quick):
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
) -> list[Page]:
    """All pages of the chosen corpora (all when ``corpora`` is None), corpus by corpus."""
    files = corpus_files(data)
    names = list(files) if not corpora else list(corpora)
    unknown = [n for n in names if n not in files]
    if unknown:
        raise DataError(f"unknown corpus {', '.join(unknown)}; found: {', '.join(files)} in {data}")
    pages: list[Page] = []
    for name in names:
        pages.extend(load_corpus(files[name], quick=QUICK_PAGES if quick else 0, limit=limit))
    return pages
