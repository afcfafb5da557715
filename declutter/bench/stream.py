"""``python -m declutter.bench.stream``: ``declutter --jsonl`` throughput and peak memory.

Writes N small records (the first ``PAGE_CHARS`` characters of pages of a bench corpus,
as ``text`` records, cycled, each with its own id and a field to pass through), runs
``declutter --jsonl`` on them once per ``--jobs`` value, and prints pages per second and
the peak memory of the whole process tree (the sum of the processes' proportional set
sizes, so memory the forked workers share with the parent counts once; and the sum of
their resident sizes, which counts it in every process), sampled every
``SAMPLE_SECONDS``.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# Characters of each page kept: a small record, as a pipeline of short pages sends them.
PAGE_CHARS = 1000
# Distinct pages cycled through the records.
DISTINCT_PAGES = 500
# How often the memory of the process tree is read.
SAMPLE_SECONDS = 0.2


def write_records(corpus: Path, count: int, target: Path) -> None:
    pages = []
    with gzip.open(corpus, "rt", encoding="utf-8") as lines:
        for line in lines:
            dump = json.loads(line).get("dump")
            if isinstance(dump, str) and dump.strip():
                pages.append(dump[:PAGE_CHARS])
            if len(pages) == DISTINCT_PAGES:
                break
    with target.open("w", encoding="utf-8") as out:
        for n in range(count):
            out.write(json.dumps({"id": n, "shard": "bench", "text": pages[n % len(pages)]}))
            out.write("\n")


def _tree(pid: int) -> list[int]:
    """``pid`` and its descendants."""
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        try:
            children = Path(f"/proc/{current}/task/{current}/children").read_text().split()
        except OSError:
            continue
        todo.extend(int(child) for child in children)
    return found


def _memory(pids: list[int]) -> tuple[int, int]:
    """The sum of PSS and of RSS of ``pids``, in bytes."""
    pss = rss = 0
    for pid in pids:
        try:
            rollup = Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()
        except OSError:
            continue
        for line in rollup:
            name, _, value = line.partition(":")
            if name in ("Pss", "Rss"):
                kib = int(value.split()[0]) * 1024
                pss += kib if name == "Pss" else 0
                rss += kib if name == "Rss" else 0
    return pss, rss


def measure(records: Path, jobs: int, count: int) -> dict[str, float]:
    command = [sys.executable, "-m", "declutter", "--jsonl", "--jobs", str(jobs), str(records)]
    start = time.monotonic()
    peak_pss = peak_rss = 0
    with open(os.devnull, "wb") as sink:
        proc = subprocess.Popen(command, stdout=sink, stderr=subprocess.PIPE)
        while proc.poll() is None:
            pss, rss = _memory(_tree(proc.pid))
            peak_pss, peak_rss = max(peak_pss, pss), max(peak_rss, rss)
            time.sleep(SAMPLE_SECONDS)
        summary = proc.stderr.read().decode().strip().splitlines()[-1]
    seconds = time.monotonic() - start
    return {"jobs": jobs, "seconds": round(seconds, 1), "pages_per_s": round(count / seconds, 1),
            "peak_pss_mb": round(peak_pss / 2**20), "peak_rss_sum_mb": round(peak_rss / 2**20),
            "summary": summary}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m declutter.bench.stream")
    parser.add_argument("--corpus", type=Path, default=Path("../shared/bench/wcxb-dev.jsonl.gz"))
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        records = Path(folder) / "records.jsonl"
        write_records(args.corpus, args.records, records)
        print(f"{args.records} records, {records.stat().st_size / 2**20:.0f} MiB", flush=True)
        for jobs in args.jobs:
            print(json.dumps(measure(records, jobs, args.records)), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
