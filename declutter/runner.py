"""Parallel execution: pages run in worker processes that can be stopped mid-page.

An HTML parser written in C does not return to Python until it is done, so no in-process
timer can stop a runaway page; only killing the process can. ``run_ordered`` keeps a
small pool of ``multiprocessing`` workers, one pipe each, sends a worker one task at a
time with a deadline, and kills and replaces a worker that overruns or dies; the other
workers go on. Results come back in the order of the tasks, whatever order the workers
finish in, so a run's report is deterministic.

``clean_file`` is what a worker does with one raw page: read it (size limit, links),
clean it with the page-cleaning function it is given (``declutter.clean`` unless a
caller passes another), and write the outputs atomically.
"""

from __future__ import annotations

import itertools
import multiprocessing
import os
import signal
import sys
import threading
import time
import traceback
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Sized
from dataclasses import dataclass, field, replace
from multiprocessing.connection import Connection, wait
from typing import Any, TypeVar

from . import sniff, stamps
from .decode import decode, sniff_kind
from .errors import DeclutterError
from .limits import DEFAULT_MAX_BYTES
from .model import Result
from .options import Options
from .outputs import LinkError, Page, open_out_folder, read_page, stamp_found, write_atomic_at
from .render import explain, for_format, render
from .site.evidence import SiteEvidence
from .site.fingerprint import PagePrint
from .site.learn import NO_PRINT, SiteRun, SiteSetup, print_page
from .sniff import gunzip

T = TypeVar("T")
CleanFn = Callable[..., Result]

# Tasks per job taken ahead of the next result yielded: enough to keep every worker
# busy while one page runs long, few enough that a stream's memory stays bounded.
WINDOW_PER_JOB = 4
# Seconds a stopped worker gets to remove its temporary files before it is killed: on a
# loaded machine (two workers and the parent beside other jobs on two cores) unwinding took
# over 1 s now and then, and the killed worker left its temporary file to the next run's
# sweep. A worker that unwinds at once costs nothing more.
TERMINATE_GRACE = 3.0
# Seconds after which a SIGTERM that struck inside a finaliser is raised again (a worker
# is then out of the finaliser, and well inside TERMINATE_GRACE).
REDELIVER_EXIT_AFTER = 0.01
# Seconds between a worker's checks that its parent still runs (the portable fallback to
# the kernel's parent-death signal): a worker outlives a killed parent by at most this.
PARENT_POLL_S = 0.25
# prctl(2) option: the signal the kernel sends this process when its parent dies (Linux).
PR_SET_PDEATHSIG = 1
# The exit code of a worker that ends because its parent is gone.
ORPHANED_EXIT = 128 + signal.SIGKILL


@dataclass(frozen=True, slots=True)
class Failure:
    """A task that produced no result: the reason, and the worker stopped, if any."""

    reason: str
    pid: int | None = None


@dataclass(frozen=True, slots=True)
class Settings:
    """What every page of a run shares."""

    options: Options = Options()
    explain: bool = False
    max_bytes: int = DEFAULT_MAX_BYTES
    follow_links: bool = False
    fmt: str = "txt"  # the output format (``declutter.render``)
    force: bool = False  # clean pages whose stamp says their outputs stand
    site: SiteRun | None = None  # the count pass's counts (``declutter.site``), if any


@dataclass(frozen=True, slots=True)
class PageReport:
    """What became of one page: cleaned (with blocks removed per rule) or failed."""

    ok: bool
    reason: str = ""
    removed: dict[str, int] = field(default_factory=dict)
    language: str | None = None
    title: str | None = None
    text: str | None = None  # only for pages given as data (stdin), not files
    skipped: bool = False  # the outputs stand: same raw bytes, options and version
    redone: str | None = None  # why outputs made before were made again (stamps.REASONS)


# --- one page ------------------------------------------------------------------------

# A test seam: when set, called with each page in the worker right before the page is
# opened (after the listing), so a test can swap folders and files for links mid-run.
# Workers are forked, so a callable set here before the run is seen by every worker.
BEFORE_OPEN: Callable[[Page], None] | None = None


def clean_file(page: Page, settings: Settings, clean_fn: CleanFn) -> PageReport:
    """Read, clean and write one raw page; every expected failure becomes a report.

    The page is read and its outputs written through descriptors opened from the PATH's
    folder, refusing links at every component (``outputs.read_page``). A page whose stamp
    says its outputs were made from the same bytes, options, site evidence and version is
    skipped (``declutter.stamps``) unless ``settings.force``."""
    if BEFORE_OPEN is not None:
        BEFORE_OPEN(page)
    raw = read_raw(page, settings)
    if isinstance(raw, PageReport):
        return raw
    names = _output_names(page, settings)
    try:
        text, site = _site_evidence(page, raw, settings)
    except DeclutterError as exc:
        return PageReport(ok=False, reason=str(exc))
    key = stamps.options_key(settings.options, settings.fmt, settings.explain)
    digest = settings.site.digest if site is not None and settings.site else None
    stamp = stamps.stamp_for(raw, key, names, site=digest)
    redo = None
    if not settings.force:
        old, present = stamp_found(page, names, follow_links=settings.follow_links)
        redo = stamps.why_redo(old, stamp, present)
        if redo is None:
            return PageReport(ok=True, skipped=True)
    try:
        text = decode(raw) if text is None else text
        options = _page_options(page, text, settings)
        # (``site`` only where there is evidence: a caller's clean_fn need not take it)
        result = clean_fn(text, options=options, **({"site": site} if site else {}))
    except DeclutterError as exc:
        return PageReport(ok=False, reason=str(exc))
    hold_termination()  # from here the page is finished and reported, even if stopped
    outputs = [render(result, settings.fmt).encode("utf-8")]
    if settings.explain:
        outputs.append(explain(result).encode("utf-8"))
    failed = _write(page, settings, zip(names, outputs), stamp)
    if failed:
        return PageReport(ok=False, reason=failed)
    return replace(_report(result), redone=None if redo == stamps.NEW else redo)


def _site_evidence(page: Page, raw: bytes, settings: Settings
                   ) -> tuple[str | None, SiteEvidence | None]:
    """The decoded page and its site evidence, in a run with a count pass (before the
    stamp, which names the evidence); ``(None, None)`` without one (decoded later, only
    when the page is cleaned)."""
    if settings.site is None:
        return None, None
    text = decode(raw)
    kind = _page_options(page, text, settings).kind
    return text, settings.site.evidence(text, kind, None, page_folder(page))


def read_raw(page: Page, settings: Settings) -> bytes | PageReport:
    """The raw bytes of ``page`` (decompressed), or the report of why they cannot be read."""
    try:
        raw = read_page(page, max_bytes=settings.max_bytes, follow_links=settings.follow_links)
        if page.gzipped:
            raw = gunzip(raw, max_bytes=settings.max_bytes)
    except LinkError as exc:
        return PageReport(ok=False, reason=exc.strerror)
    except DeclutterError as exc:
        return PageReport(ok=False, reason=str(exc))
    except ValueError as exc:  # a .gz page that is no gzip stream
        return PageReport(ok=False, reason=f"cannot decompress: {exc}")
    except OSError as exc:
        return PageReport(ok=False, reason=f"cannot read: {exc.strerror or exc}")
    return raw


def page_folder(page: Page) -> str:
    """The folder a page lies in, as found below its PATH (its site by folder)."""
    root, parts = page.place()
    return os.path.normpath(os.path.join(root, *parts[:-1]))


def print_file(page: Page, settings: Settings, setup: SiteSetup) -> PagePrint | str:
    """The count pass's work on one raw page (``declutter.site.learn``): its prints, or
    ``NO_PRINT`` where there are none (a page that cannot be read: the cleaning pass
    reports it)."""
    raw = read_raw(page, settings)
    if isinstance(raw, PageReport):
        return NO_PRINT
    return print_page(raw, page.kind, None, page_folder(page), setup) or NO_PRINT


def _output_names(page: Page, settings: Settings) -> tuple[str, ...]:
    names = [os.path.basename(page.out)]
    if settings.explain:
        names.append(os.path.basename(page.explain))
    return tuple(names)


def _page_options(page: Page, text: str, settings: Settings) -> Options:
    """The run's options for this page: its kind (forced by its name, else sniffed from
    its content; a .php page holding HTML is HTML) and what the format needs."""
    kind = page.kind
    if kind is None:
        kind = sniff_kind(text, sniff.suffix(os.path.basename(page.raw)))
    return for_format(replace(settings.options, kind=kind), settings.fmt)


def _write(page: Page, settings: Settings, outputs: Iterable[tuple[str, bytes]],
           stamp: stamps.Stamp) -> str | None:
    """Write the outputs, then the stamp (a run killed between them leaves an old stamp:
    the page is redone); the reason of a failure, or None."""
    target = os.path.basename(page.out)
    try:
        folder = open_out_folder(page, follow_links=settings.follow_links)
        try:
            for target, data in outputs:
                write_atomic_at(folder, target, data)
            target = os.path.basename(page.stamp)
            write_atomic_at(folder, target, stamp.to_bytes())
        finally:
            os.close(folder)
    except OSError as exc:
        return f"cannot write {target}: {exc.strerror or exc}"
    return None


def clean_data(data: bytes, settings: Settings, clean_fn: CleanFn) -> PageReport:
    """Clean one page given as bytes (stdin); the clean text comes back in the report."""
    try:
        result = clean_fn(data, options=for_format(settings.options, settings.fmt))
    except DeclutterError as exc:
        return PageReport(ok=False, reason=str(exc))
    return replace(_report(result), text=render(result, settings.fmt))


def _report(result: Result) -> PageReport:
    removed = Counter(b.reason.rule if b.reason else "unknown" for b in result.blocks if not b.kept)
    return PageReport(ok=True, removed=dict(removed), language=result.language, title=result.title)


# --- the pool ------------------------------------------------------------------------


def run_ordered(
    fn: Callable[[T], Any],
    items: Iterable[T],
    *,
    jobs: int = 1,
    timeout: float | None = None,
    on_done: Callable[[], None] | None = None,
    on_result: Callable[[int, Any], None] | None = None,
    window: int | None = None,
) -> Iterator[tuple[int, Any]]:
    """Yield ``(index, fn(item) or Failure)`` for every item, in the items' order.

    ``on_result(index, outcome)`` is called as each outcome arrives, in any order, and
    also for the outcomes of pages that finished while the run was being stopped (which
    are never yielded): a caller that counts them there loses none.

    With ``jobs == 1`` and no ``timeout`` the items run in this process. Otherwise each
    runs in a worker process; one that overruns ``timeout`` seconds is killed (SIGKILL,
    which also stops C code) and replaced, and its item yields a ``Failure``. Workers
    ignore SIGINT: on Ctrl-C (``KeyboardInterrupt`` here) every worker is stopped before
    the exception goes on. An unexpected exception in ``fn`` (a bug) yields a
    ``Failure`` carrying the traceback, so one page cannot sink a long run.

    ``items`` may be any iterable, read lazily: at most ``window`` items (default
    ``WINDOW_PER_JOB`` per job) are taken from it and not yet yielded at any time, so a
    stream of any length runs in bounded memory.
    """
    source = iter(items)
    first = next(source, _NOTHING)
    if first is _NOTHING:
        return
    source = itertools.chain((first,), source)
    if jobs <= 1 and timeout is None:
        for index, item in enumerate(source):
            outcome = _call(fn, item)
            if on_result:
                on_result(index, outcome)
            if on_done:
                on_done()
            yield index, outcome
        return
    size = max(jobs, 1)
    if isinstance(items, Sized):
        size = min(size, len(items))
    pool = _Pool(fn, size, timeout, on_result)
    try:
        yield from pool.run(source, on_done, window or WINDOW_PER_JOB * size)
    finally:
        pool.close()


_NOTHING = object()


def _call(fn: Callable[[T], Any], item: T) -> Any:
    try:
        return fn(item)
    except Exception as exc:  # a bug: reported with its traceback, never hidden
        detail = "".join(traceback.format_exception(exc)).rstrip()
        return Failure(f"internal error ({type(exc).__name__}: {exc}); please report:\n{detail}")


def _context() -> Any:
    methods = multiprocessing.get_all_start_methods()
    # fork: workers start at once with everything already imported and loaded.
    return multiprocessing.get_context("fork" if "fork" in methods else None)


def _serve(conn: Connection, fn: Callable[[Any], Any], parent: int) -> None:
    """A worker's life: run the tasks sent until the pipe closes or None arrives."""
    die_with_parent(parent)
    worker_signals()
    while True:
        try:
            item = conn.recv()
        except (EOFError, OSError):  # the parent is gone
            return
        if item is None:
            return
        outcome = _call(fn, item)
        try:
            conn.send(outcome)
        except OSError:  # the parent is gone; the page's outputs are complete anyway
            return
        finally:
            release_termination()  # a SIGTERM held meanwhile strikes now


def die_with_parent(parent: int) -> None:
    """End this worker when process ``parent`` dies, however it dies (``kill -9``
    included): the kernel's parent-death signal where there is one (Linux), and a
    thread that watches the parent's pid everywhere (checked every ``PARENT_POLL_S``).
    The pipe alone is no guard: other workers hold copies of the parent's end of it."""
    _set_parent_death_signal()
    if os.getppid() != parent:  # it died before the signal was asked for
        os._exit(ORPHANED_EXIT)
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True,
                     name="declutter-parent-watch").start()


def _set_parent_death_signal() -> None:
    if not sys.platform.startswith("linux"):
        return
    import ctypes

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):  # no prctl here: the watching thread suffices
        pass


def _watch_parent(parent: int) -> None:
    if hasattr(signal, "pthread_sigmask"):  # SIGTERM is the main thread's (hold_termination)
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM})
    while os.getppid() == parent:
        time.sleep(PARENT_POLL_S)
    os._exit(ORPHANED_EXIT)  # no unwinding: the main thread may be deep in C code


_IN_WORKER = False  # set in a worker process: only workers hold SIGTERM back


def hold_termination() -> None:
    """In a worker: hold SIGTERM back while a finished page's outputs are written and its
    report sent, so a run stopped meanwhile still counts the page (the parent waits
    ``TERMINATE_GRACE`` and reads the report). Elsewhere nothing is held."""
    if _IN_WORKER and hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM})


def release_termination() -> None:
    if _IN_WORKER and hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM})


def worker_signals() -> None:
    """A worker's signal handling: Ctrl-C is the parent's to handle; SIGTERM unwinds,
    so temporary files are removed, even when it strikes inside a finaliser."""
    global _IN_WORKER
    _IN_WORKER = True
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _exit_now)
    signal.signal(signal.SIGALRM, _exit_terminated)
    sys.unraisablehook = _exit_after_finaliser


def _exit_now(signum: int, frame: Any) -> None:
    raise SystemExit(128 + signum)


def _exit_after_finaliser(unraisable: Any) -> None:
    """A SIGTERM that struck inside a finaliser (``__del__``) cannot unwind from there:
    Python would print it as ignored and carry on. It is raised again a moment later,
    once out of the finaliser (an alarm: a signal raised now would strike here again)."""
    if isinstance(unraisable.exc_value, SystemExit):
        signal.setitimer(signal.ITIMER_REAL, REDELIVER_EXIT_AFTER)
        return
    sys.__unraisablehook__(unraisable)


def _exit_terminated(signum: int, frame: Any) -> None:
    raise SystemExit(128 + signal.SIGTERM)


class _Worker:
    def __init__(self, ctx: Any, fn: Callable[[Any], Any]) -> None:
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_serve, args=(child, fn, os.getpid()), daemon=True)
        self.proc.start()
        child.close()
        self.index: int | None = None  # the task it runs
        self.deadline: float | None = None

    def give(self, index: int, item: Any, timeout: float | None) -> None:
        self.index = index
        self.deadline = time.monotonic() + timeout if timeout is not None else None
        self.conn.send(item)

    def stop(
        self, *, kill: bool, last_word: Callable[[_Worker], None] | None = None
    ) -> None:
        if self.proc.is_alive():
            if kill:
                self.proc.kill()
            else:
                self.proc.terminate()
                self.proc.join(TERMINATE_GRACE)
                if self.proc.is_alive():
                    self.proc.kill()
        self.proc.join()
        if last_word is not None:
            last_word(self)
        self.conn.close()


class _Feed:
    """The tasks of a run, taken lazily from the items, at most ``window`` ahead of the
    next result to yield (results are yielded in order, so the ones that finish early
    wait in memory)."""

    def __init__(self, items: Iterator[Any], window: int) -> None:
        self.items = enumerate(items)
        self.window = max(window, 1)
        self.retried: deque[tuple[int, Any]] = deque()
        self.taken = 0  # items taken from ``items``
        self.next_out = 0  # the index of the next result to yield
        self.exhausted = False

    def take(self) -> tuple[int, Any] | None:
        if self.retried:
            return self.retried.popleft()
        if self.exhausted or self.taken - self.next_out >= self.window:
            return None
        task = next(self.items, None)
        if task is None:
            self.exhausted = True
            return None
        self.taken += 1
        return task

    def retry(self, task: tuple[int, Any]) -> None:
        self.retried.appendleft(task)

    def more(self) -> bool:
        """Whether tasks may be left for a worker (a replaced worker is then needed)."""
        return bool(self.retried) or not self.exhausted

    def finished(self, busy: bool) -> bool:
        return self.exhausted and not busy and not self.retried and self.next_out == self.taken


class _Pool:
    def __init__(
        self,
        fn: Callable[[Any], Any],
        size: int,
        timeout: float | None,
        on_result: Callable[[int, Any], None] | None = None,
    ) -> None:
        self.fn = fn
        self.on_result = on_result
        self.ctx = _context()
        self.timeout = timeout
        self.workers = [_Worker(self.ctx, fn) for _ in range(size)]

    def run(
        self, items: Iterator[Any], on_done: Callable[[], None] | None, window: int
    ) -> Iterator[tuple[int, Any]]:
        feed = _Feed(items, window)
        done: dict[int, Any] = {}
        while not feed.finished(self._busy()):
            self._dispatch(feed)
            for index, outcome in self._collect(feed.more()):
                done[index] = outcome
                if self.on_result:
                    self.on_result(index, outcome)
                if on_done:
                    on_done()
            while feed.next_out in done:
                yield feed.next_out, done.pop(feed.next_out)
                feed.next_out += 1

    def _busy(self) -> bool:
        return any(w.index is not None for w in self.workers)

    def _dispatch(self, feed: _Feed) -> None:
        for slot, worker in enumerate(self.workers):
            if worker.index is not None:
                continue
            task = feed.take()
            if task is None:
                return
            try:
                worker.give(*task, self.timeout)
            except OSError:  # the worker died while idle: replace it, retry the task
                worker.stop(kill=True)
                self.workers[slot] = _Worker(self.ctx, self.fn)
                feed.retry(task)

    def _collect(self, more: bool) -> list[tuple[int, Any]]:
        busy = [w for w in self.workers if w.index is not None]
        if not busy:  # a task went back to the queue: dispatch again
            return []
        deadlines = [w.deadline for w in busy if w.deadline is not None]
        wait_s = max(0.0, min(deadlines) - time.monotonic()) if deadlines else None
        ready = set(wait([w.conn for w in busy] + [w.proc.sentinel for w in busy], wait_s))
        finished = []
        for worker in busy:
            index = worker.index
            outcome = None
            if worker.conn in ready:
                try:
                    outcome = worker.conn.recv()
                except (EOFError, OSError):
                    outcome = self._replace(worker, more, self._died(worker))
            elif worker.proc.sentinel in ready:
                outcome = self._replace(worker, more, self._died(worker))
            elif worker.deadline is not None and time.monotonic() >= worker.deadline:
                reason = f"took longer than {self.timeout:g} s (--timeout); worker stopped"
                outcome = self._replace(worker, more, Failure(reason, worker.proc.pid))
            if outcome is not None:
                worker.index = worker.deadline = None
                finished.append((index, outcome))
        return finished

    def _died(self, worker: _Worker) -> Failure:
        worker.proc.join(TERMINATE_GRACE)
        code = worker.proc.exitcode
        how = f"signal {-code}" if code is not None and code < 0 else f"exit code {code}"
        return Failure(f"worker process died ({how})", worker.proc.pid)

    def _replace(self, worker: _Worker, more: bool, failure: Failure) -> Failure:
        worker.stop(kill=True)
        slot = self.workers.index(worker)
        if more:
            self.workers[slot] = _Worker(self.ctx, self.fn)
        else:  # no task left for a replacement
            del self.workers[slot]
        return failure

    def close(self) -> None:
        """Stop every worker: idle ones are told to leave, busy ones are terminated."""
        for worker in self.workers:
            if worker.index is None and worker.proc.is_alive():
                try:
                    worker.conn.send(None)
                except OSError:
                    pass
        for worker in self.workers:
            if worker.index is None:
                worker.proc.join(TERMINATE_GRACE)
            worker.stop(kill=False, last_word=self._last_word)

    def _last_word(self, worker: _Worker) -> None:
        """The report of a page that a stopped worker finished (see hold_termination)."""
        if worker.index is None or self.on_result is None:
            return
        try:
            if not worker.conn.poll(0):
                return
            outcome = worker.conn.recv()
        except (EOFError, OSError):
            return
        self.on_result(worker.index, outcome)

