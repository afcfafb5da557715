"""The CLI's per-page limits and how many pages run at once, derived from one another.

The rule (issue 14). A page of N bytes needs at most about ``PEAK_PER_BYTE`` x N bytes of
memory above a worker's base, and about ``SECONDS_PER_MB`` seconds per MiB, both the
worst kind of page measured (``python -m declutter.bench.scaling``, BENCHMARKS.md):

- ``--max-bytes`` (``DEFAULT_MAX_BYTES``) bounds a page, hence a worker's memory;
- ``--timeout`` (``DEFAULT_TIMEOUT``) lets the largest allowed page of the slowest kind
  finish with room to spare on a busy machine: ``TIMEOUT_MARGIN`` x its expected time;
- ``--jobs`` defaults to the CPUs, but no more workers than ``MEMORY_SHARE`` of the
  available memory holds at one worker's worst (``worker_peak``): on a 2-core 24 GB
  machine that is 2, on a 16-core one 16 with 17 GB or more available.
"""

from __future__ import annotations

import os

MIB = 1 << 20
# 16 MiB: far above any real page (the bench's largest is a few MB), and a page that
# size still fits the time limit below at the slowest measured speed.
DEFAULT_MAX_BYTES = 16 * MIB
# Peak memory above a worker's base per byte of page, worst kind measured, rounded up: a
# page whose every sentence is a block of its own (a table of many rows of one-sentence
# cells; before 2026-12-08 also a one-row table) needs ~21x, each block costing some 700
# bytes whatever its text. Since then HTML articles, one-row tables (their small cells
# joined on huge pages) and text dumps measure at most 7x (BENCHMARKS.md, History).
PEAK_PER_BYTE = 24
# A worker's own memory: the interpreter with declutter, its lexicons and models loaded
# (about 100 MB measured), rounded up.
WORKER_BASE_BYTES = 160 * MIB
# Seconds per MiB of the slowest kind measured (tables: 0.9 CPU s, 2.9 wall s on a 2-core
# machine at load 8), with room for a busier machine.
SECONDS_PER_MB = 5.0
# The time limit is this many times the largest page's expected time.
TIMEOUT_MARGIN = 1.5
DEFAULT_TIMEOUT = TIMEOUT_MARGIN * SECONDS_PER_MB * DEFAULT_MAX_BYTES / MIB  # 120 s
# Share of the available memory a run's workers may plan on (the rest: the system, the
# main process, other programs).
MEMORY_SHARE = 0.5


def worker_peak(max_bytes: int) -> int:
    """Bytes one worker may need for the largest page allowed."""
    return WORKER_BASE_BYTES + PEAK_PER_BYTE * max_bytes


def default_jobs(max_bytes: int, cpus: int | None = None, available: int | None = None) -> int:
    """Workers to run: the CPUs, fewer where memory would not hold them (at least 1)."""
    cpus = cpus if cpus is not None else available_cpus()
    available = available if available is not None else available_memory()
    if available is None:
        return cpus
    return max(1, min(cpus, int(available * MEMORY_SHARE) // worker_peak(max_bytes)))


def available_cpus() -> int:
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:
        return os.cpu_count() or 1


def available_memory() -> int | None:
    """Bytes of memory available for new work (Linux ``MemAvailable``, else the free
    physical pages), None where the system does not say."""
    try:
        with open("/proc/meminfo", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    try:
        return os.sysconf("SC_AVPHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    except (ValueError, OSError, AttributeError):
        return None
