"""``python -m declutter.bench``: every system on every page, one process, one table.

    python -m declutter.bench --data ../shared/bench                      # everything
    python -m declutter.bench --data ../shared/bench --quick \\
        --systems declutter-dump,declutter-inscriptis                     # while tuning
    python -m declutter.bench --data ../shared/bench --write BENCHMARKS.md \\
        --csv bench-out/pages.csv --worst 20                              # make bench

Exit status: 0 on a finished run, 2 when the data is missing or an argument is wrong.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from . import data as bench_data
from . import metadata
from .report import command_line, environment, report, write_csv, write_markdown
from .runner import DEFAULT_TIMEOUT, memory_sample, peak_memory, run_all
from .systems import SYSTEMS
from .worst import SYSTEM as WORST_DEFAULT
from .worst import WORST_SYSTEMS, worst_report

DEFAULT_DATA = Path("../shared/bench")
MEMORY_PAGES = 8


def _names(text: str, known: Sequence[str], what: str) -> list[str]:
    names = [n.strip() for n in text.split(",") if n.strip()]
    unknown = [n for n in names if n not in known]
    if unknown or not names:
        raise argparse.ArgumentTypeError(
            f"unknown {what} {', '.join(unknown) or '(none given)'}; known: {', '.join(known)}"
        )
    return names


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m declutter.bench",
        description="Quality and speed of declutter beside its peers on the shared corpora.",
    )
    p.add_argument(
        "--data",
        type=Path,
        default=DEFAULT_DATA,
        help="folder of the *.jsonl.gz corpora (default: ../shared/bench)",
    )
    p.add_argument(
        "--quick",
        action="store_true",
        help=f"the fixed sample: {bench_data.QUICK_PAGES} pages per corpus and half, "
        "chosen by SHA-1 of corpus/id",
    )
    p.add_argument(
        "--corpus", default="", help="comma-separated corpora to run (default: all found)"
    )
    p.add_argument(
        "--half",
        choices=(*bench_data.HALVES, "both"),
        default="both",
        help="the pages of one half only (tune: to look at and tune on; check: to judge); "
        "default both",
    )
    p.add_argument(
        "--systems",
        default="",
        help="comma-separated systems (default: all): " + ", ".join(SYSTEMS),
    )
    p.add_argument(
        "--limit",
        type=int,
        default=0,
        help="at most this many pages per corpus (after --quick), for trials",
    )
    p.add_argument(
        "--write",
        type=Path,
        metavar="PATH",
        help="rewrite this Markdown file (e.g. BENCHMARKS.md), keeping its '## History' section",
    )
    p.add_argument("--csv", type=Path, metavar="PATH", help="per page x system CSV")
    p.add_argument(
        "--worst",
        type=int,
        default=0,
        metavar="N",
        help="list the N pages where declutter (--worst-system) loses most F1, with the "
        "offending blocks and their reasons",
    )
    p.add_argument(
        "--worst-system",
        choices=WORST_SYSTEMS,
        default=WORST_DEFAULT,
        help=f"the system --worst lists (default {WORST_DEFAULT})",
    )
    p.add_argument(
        "--jobs",
        type=int,
        default=1,
        help="worker processes (pages are spread; each call still on one core)",
    )
    p.add_argument(
        "--timeout",
        type=float,
        default=DEFAULT_TIMEOUT,
        help=f"per page and system time limit in seconds (default {DEFAULT_TIMEOUT:g})",
    )
    p.add_argument(
        "--memory-pages",
        type=int,
        default=None,
        help=f"pages of the tracemalloc peak-memory pass (default {MEMORY_PAGES}, "
        "0 with --quick; 0 skips it)",
    )
    p.add_argument("--quiet", action="store_true", help="no progress lines on stderr")
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    halves: tuple[str, ...] = bench_data.HALVES
    try:
        systems = _names(args.systems, list(SYSTEMS), "system") if args.systems else list(SYSTEMS)
        files = bench_data.corpus_files(args.data)
        corpora = _names(args.corpus, list(files), "corpus") if args.corpus else list(files)
        started = time.perf_counter()
        halves = bench_data.HALVES if args.half == "both" else (args.half,)
        pages = bench_data.load(
            args.data, corpora=corpora, quick=args.quick, limit=args.limit, halves=halves
        )
    except (bench_data.DataError, argparse.ArgumentTypeError) as exc:
        print(f"declutter.bench: {exc}", file=sys.stderr)
        return 2
    if not args.quiet:
        print(
            f"  bench: {len(pages)} pages loaded in {time.perf_counter() - started:.1f} s, "
            f"{len(systems)} systems",
            file=sys.stderr,
            flush=True,
        )
    rows = run_all(pages, systems, limit=args.timeout, jobs=args.jobs, quiet=args.quiet)
    memory_pages = args.memory_pages
    if memory_pages is None:
        memory_pages = 0 if args.quick else MEMORY_PAGES
    memory = {}
    if memory_pages > 0:
        memory = peak_memory(memory_sample(pages, memory_pages), systems, args.timeout)
    body = report(rows, systems, corpora, memory, memory_pages, args.timeout)
    if metadata.CORPUS in corpora and "check" in halves:
        body += metadata.section(args.data, quick=args.quick)
    env = environment(command_line(argv), time.perf_counter() - started, args.jobs)
    title = "## declutter bench" + (" (quick sample)" if args.quick else "")
    print(f"{title}\n\n{env}\n\n{body}")
    if args.worst > 0:
        print(worst_report(rows, pages, args.worst, args.worst_system))
    if args.csv:
        write_csv(args.csv, rows)
    if args.write:
        write_markdown(args.write, body, env)
    return 0
