"""The worker pool: ordered results, per-task deadlines that stop C code, crashes, bugs."""

from __future__ import annotations

import ctypes
import os
import subprocess
import sys
import time
from functools import partial
from pathlib import Path

import pytest
from conftest import TEXT_PAGE, variant, write

import declutter
from declutter.outputs import discover
from declutter.runner import Failure, PageReport, Settings, clean_file, run_ordered

LIBC = ctypes.CDLL(None)


def square_slowly(n: int) -> int:
    time.sleep(0.05 * (n % 3))  # later items often finish first
    return n * n


def stuck_in_c(n: int) -> int:
    if n == 2:
        LIBC.sleep(60)  # C code: no Python signal handler or timer gets a say
    return n


def crash(n: int) -> int:
    if n == 1:
        os._exit(3)
    return n


def buggy(n: int) -> int:
    if n == 1:
        raise ZeroDivisionError("oops")
    return n


@pytest.mark.parametrize("jobs, timeout", [(1, None), (1, 5.0), (3, None), (3, 5.0)])
def test_results_in_order(jobs: int, timeout: float | None) -> None:
    done = []
    got = list(run_ordered(square_slowly, list(range(8)), jobs=jobs, timeout=timeout,
                           on_done=lambda: done.append(1)))
    assert got == [(i, i * i) for i in range(8)]
    assert len(done) == 8


@pytest.mark.parametrize("jobs", [1, 2])
def test_timeout_kills_a_worker_stuck_in_c(jobs: int) -> None:
    start = time.monotonic()
    got = dict(run_ordered(stuck_in_c, list(range(5)), jobs=jobs, timeout=0.5))
    assert time.monotonic() - start < 10
    assert isinstance(got.pop(2), Failure)
    assert got == {0: 0, 1: 1, 3: 3, 4: 4}  # the others were not held up


def test_timeout_failure_names_the_limit_and_worker() -> None:
    got = dict(run_ordered(stuck_in_c, [2], jobs=1, timeout=0.3))
    failure = got[0]
    assert isinstance(failure, Failure)
    assert "0.3 s" in failure.reason and "--timeout" in failure.reason
    assert failure.pid and failure.pid != os.getpid()


def test_a_dying_worker_is_replaced() -> None:
    got = dict(run_ordered(crash, list(range(4)), jobs=2, timeout=10))
    assert isinstance(got[1], Failure) and "exit code 3" in got[1].reason
    assert [got[i] for i in (0, 2, 3)] == [0, 2, 3]


@pytest.mark.parametrize("jobs, timeout", [(1, None), (2, 10.0)])
def test_a_bug_is_reported_with_its_traceback(jobs: int, timeout: float | None) -> None:
    got = dict(run_ordered(buggy, list(range(3)), jobs=jobs, timeout=timeout))
    assert isinstance(got[1], Failure)
    assert "ZeroDivisionError: oops" in got[1].reason and "Traceback" in got[1].reason
    assert got[0] == 0 and got[2] == 2


def test_empty_input() -> None:
    assert list(run_ordered(square_slowly, [], jobs=4, timeout=1)) == []


def test_clean_file_takes_the_cleaning_function(tmp_path: Path) -> None:
    raw = write(tmp_path / "a.txt", TEXT_PAGE)
    (page,) = discover(str(raw))
    seen = []

    def spy(text: str, *, options: declutter.Options) -> declutter.Result:
        seen.append(options.kind)
        return declutter.clean(text, options=options)

    report = clean_file(page, Settings(explain=True), spy)
    assert report.ok and report.removed["navigation"] == 1
    assert seen == [declutter.Kind.TEXT]
    assert (tmp_path / "a.clean.txt").read_text() == declutter.clean(TEXT_PAGE).text
    assert (tmp_path / "a.clean.json").exists()


def test_clean_file_in_a_pool_with_a_runaway_page(tmp_path: Path) -> None:
    pages = []
    for n in range(4):
        pages += discover(str(write(tmp_path / f"p{n}.txt", variant(n))))

    def runaway_on_p2(text: str, *, options: declutter.Options) -> declutter.Result:
        if "Tuesday the 2th" in text:
            LIBC.sleep(60)
        return declutter.clean(text, options=options)

    work = partial(clean_file, settings=Settings(), clean_fn=runaway_on_p2)
    got = dict(run_ordered(work, pages, jobs=2, timeout=1.0))
    assert isinstance(got[2], Failure)
    assert all(isinstance(got[i], PageReport) and got[i].ok for i in (0, 1, 3))
    assert not (tmp_path / "p2.clean.txt").exists()
    assert (tmp_path / "p3.clean.txt").exists()


def test_a_worker_that_died_while_idle_is_replaced(monkeypatch) -> None:
    from declutter import runner

    real_give = runner._Worker.give
    failed = []

    def give_once_broken(self, index, item, timeout):
        if not failed:
            failed.append(index)
            self.proc.kill()
            self.proc.join()
            raise BrokenPipeError("worker gone")
        return real_give(self, index, item, timeout)

    monkeypatch.setattr(runner._Worker, "give", give_once_broken)
    got = list(run_ordered(square_slowly, list(range(3)), jobs=1, timeout=5))
    assert got == [(0, 0), (1, 1), (2, 4)] and failed == [0]


def test_sigterm_inside_a_finaliser_still_ends_the_worker_quietly() -> None:
    # Python prints an exception raised in __del__ as ignored and carries on; a worker
    # stopped there must still exit (143), with nothing on stderr.
    code = """
import os, signal, time
from declutter.runner import worker_signals
worker_signals()
class Finalised:
    def __del__(self):
        os.kill(os.getpid(), signal.SIGTERM)
        time.sleep(0.01)
Finalised()
time.sleep(5)
"""
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=30)
    assert (proc.returncode, proc.stderr) == (143, "")


@pytest.mark.parametrize("jobs, timeout", [(1, None), (2, 5.0)])
def test_items_are_taken_lazily_at_most_a_window_ahead(jobs: int, timeout: float | None) -> None:
    taken: list[int] = []

    def items():
        for n in range(20):
            taken.append(n)
            yield n

    results = run_ordered(square_slowly, items(), jobs=jobs, timeout=timeout, window=4)
    assert next(results) == (0, 0)
    assert len(taken) <= 4  # a stream of any length is read a window ahead, no further
    assert list(results) == [(i, i * i) for i in range(1, 20)]
