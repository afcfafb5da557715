"""Running the systems over the pages: timed, time-limited, scored.

Each call is timed alone with ``time.process_time`` (CPU seconds of this process, so
other load on a shared machine barely moves it) and ``time.perf_counter`` (wall clock).
A call that runs past the per-page limit is interrupted by SIGALRM and counted as a
failure, as is any exception; a failed call scores as an empty output. An empty input
field (e.g. a blank ``dump_inscriptis``) is not given to the system: it scores as an
empty output and is counted apart, not as a failure.

With ``jobs > 1`` pages are spread over forked worker processes; every system still runs
on one core, in the same process as the other systems for that page.
"""

from __future__ import annotations

import multiprocessing
import signal
import sys
import threading
import time
import tracemalloc
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from .data import WORD_F1_CORPORA, Page, quick_rank
from .metric import PageScore, SnippetCounts, page_score, snippet_counts, word_f1
from .systems import SYSTEMS

DEFAULT_TIMEOUT = 10.0


class PageTimeout(Exception):
    """A system ran past the per-page time limit."""


@dataclass(slots=True)
class Row:
    """One system on one page."""

    corpus: str
    id: str
    system: str
    cpu: float  # CPU seconds of the call
    wall: float  # wall-clock seconds of the call
    size: int  # UTF-8 bytes of the system's input
    score: PageScore | SnippetCounts
    error: str = ""  # exception or timeout; "" when the call succeeded
    empty_input: bool = False
    half: str = ""  # "tune" or "check" (data.half)
    page_type: str | None = None  # wcxb-dev's page type
    word_f1: float | None = None  # WCXB's word F1, on the corpora scored by it


def _on_alarm(signum, frame):  # noqa: ARG001 - signal handler signature
    raise PageTimeout


def _call(run: Callable[[str], str], text: str, limit: float) -> tuple[str, str]:
    """``run(text)`` under the time limit: (output, error)."""
    timed = limit > 0 and threading.current_thread() is threading.main_thread()
    if timed:
        previous = signal.signal(signal.SIGALRM, _on_alarm)
        signal.setitimer(signal.ITIMER_REAL, limit)
    try:
        return run(text), ""
    except PageTimeout:
        return "", f"timeout > {limit:g} s"
    except Exception as exc:  # noqa: BLE001 - every failure is counted, none stops the run
        message = f"{type(exc).__name__}: {exc}".replace("\n", " ")
        return "", message[:200]
    finally:
        if timed:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)


def score(page: Page, output: str) -> PageScore | SnippetCounts:
    if page.snippets:
        return snippet_counts(output, page.with_, page.without)
    return page_score(output, page.gold or "")


def _row(page: Page, name: str, output: str, **timing) -> Row:
    """One system's scored row for ``page``."""
    words = word_f1(output, page.gold or "") if page.corpus in WORD_F1_CORPORA else None
    return Row(
        page.corpus,
        page.id,
        name,
        score=score(page, output),
        half=page.half,
        page_type=page.page_type,
        word_f1=words,
        **timing,
    )


def run_page(page: Page, systems: Sequence[str], limit: float) -> list[Row]:
    rows = []
    for name in systems:
        system = SYSTEMS[name]
        text = getattr(page, system.field)
        if not text.strip():
            rows.append(_row(page, name, "", cpu=0.0, wall=0.0, size=0, empty_input=True))
            continue
        run = system.runner(page.title_in_gold)
        wall0, cpu0 = time.perf_counter(), time.process_time()
        output, error = _call(run, text, limit)
        cpu, wall = time.process_time() - cpu0, time.perf_counter() - wall0
        size = page.sizes[system.field]
        rows.append(_row(page, name, output or "", cpu=cpu, wall=wall, size=size, error=error))
    return rows


def warm_up(systems: Sequence[str]) -> None:
    """One untimed call per system: imports, lazily built tables, first-call caches."""
    page = (
        "<html><head><title>Warm up</title></head><body><p>"
        + "This is a short sentence for the warm-up of every system in the bench. " * 5
        + "</p></body></html>"
    )
    text = "Warm up\n\n" + "This is a short sentence for the warm-up of every system. " * 5
    for name in systems:
        system = SYSTEMS[name]
        _call(system.run, page if system.field == "html" else text, 30.0)


# --- the pass over all pages ----------------------------------------------------------

_POOL_PAGES: Sequence[Page] = ()
_POOL_ARGS: tuple[Sequence[str], float] = ((), 0.0)


def _pool_task(i: int) -> list[Row]:
    systems, limit = _POOL_ARGS
    return run_page(_POOL_PAGES[i], systems, limit)


def _pool_init() -> None:
    warm_up(_POOL_ARGS[0])


def _progress(done: int, total: int, started: float, quiet: bool) -> None:
    if quiet or total < 50:
        return
    step = max(1, total // 10)
    if done % step == 0 or done == total:
        print(
            f"  bench: {done}/{total} pages, {time.perf_counter() - started:.0f} s",
            file=sys.stderr,
            flush=True,
        )


def run_all(
    pages: Sequence[Page],
    systems: Sequence[str],
    *,
    limit: float = DEFAULT_TIMEOUT,
    jobs: int = 1,
    quiet: bool = False,
) -> list[Row]:
    """Every system on every page; rows in page order, then system order."""
    global _POOL_PAGES, _POOL_ARGS
    started = time.perf_counter()
    rows: list[Row] = []
    if jobs <= 1 or len(pages) < 2:
        warm_up(systems)
        for i, page in enumerate(pages, 1):
            rows.extend(run_page(page, systems, limit))
            _progress(i, len(pages), started, quiet)
        return rows
    _POOL_PAGES, _POOL_ARGS = pages, (tuple(systems), limit)
    per_page: list[list[Row]] = [[] for _ in pages]
    context = multiprocessing.get_context("fork")
    with context.Pool(jobs, initializer=_pool_init) as pool:
        # Biggest pages first, so that a slow page does not trail at the end.
        order = sorted(range(len(pages)), key=lambda i: -pages[i].sizes["html"])
        results = pool.imap_unordered(_indexed_task, order, chunksize=1)
        for done, (i, page_rows) in enumerate(results, 1):
            per_page[i] = page_rows
            _progress(done, len(pages), started, quiet)
    _POOL_PAGES = ()
    for page_rows in per_page:
        rows.extend(page_rows)
    return rows


def _indexed_task(i: int) -> tuple[int, list[Row]]:
    return i, _pool_task(i)


# --- peak memory on a small sub-sample ------------------------------------------------


def memory_sample(pages: Sequence[Page], n: int) -> list[Page]:
    """The ``n`` biggest (by HTML size) of the run's ``4 n`` first pages in quick-sample
    order: deterministic, and big enough pages for a peak to mean something."""
    first = sorted(pages, key=lambda p: quick_rank(p.corpus, p.id))[: 4 * n]
    return sorted(first, key=lambda p: -p.sizes["html"])[:n]


def peak_memory(
    pages: Sequence[Page], systems: Sequence[str], limit: float = DEFAULT_TIMEOUT
) -> dict[str, float]:
    """Peak traced Python allocation (MiB) per system, max over ``pages``, one call at a time.

    Run after (never during) the timed pass: tracemalloc slows every allocation.
    """
    peaks: dict[str, float] = {}
    for name in systems:
        system = SYSTEMS[name]
        peak = 0
        tracemalloc.start()
        try:
            for page in pages:
                text = getattr(page, system.field)
                if not text.strip():
                    continue
                tracemalloc.reset_peak()
                _call(system.run, text, limit)
                peak = max(peak, tracemalloc.get_traced_memory()[1])
        finally:
            tracemalloc.stop()
        peaks[name] = peak / 2**20
    return peaks
