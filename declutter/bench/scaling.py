"""``python -m declutter.bench.scaling``: time and peak memory against page size.

For each kind of synthetic page (a text dump, hard-wrapped text with one sentence per
line, an HTML article, an HTML page that is one one-row table) and each size (1, 5, 20
and 50 MB by default), the page is generated here, written to a temporary file, and
cleaned by ``declutter.clean`` in a fresh subprocess. The subprocess loads declutter and
cleans a small page of the same kind first (``WARM_BYTES``: lexicons, models and cue
patterns loaded), resets the process's high-water mark to its present RSS (Linux's
``/proc/self/clear_refs``) and notes that RSS as the interpreter's base, reads the page,
cleans it and notes the peak. The peak is Linux's ``VmHWM`` (the high-water mark of this
process image; ``ru_maxrss`` carries the generating parent's peak across ``exec``, so it
serves only where there is no ``/proc``). Where the mark cannot be reset the base is the
peak so far, which hides a small page's peak under the peaks of loading (the figures of
issue 14's first measurement, before 2026-12-08 03:00 UTC, were taken so). The table gives
the seconds (wall clock, and the CPU time of the process, which a shared machine's load
disturbs less), the peak above the base, and that peak as a multiple of the page size.
With ``--repeat N`` each page is cleaned N times, each in a fresh process, the sizes of a
kind in turn, and the least seconds and the greatest peak are shown (the load of a shared
machine only adds time).

The acceptance figures of issue 14: time linear in size (the 50 MB page at most 12x the
5 MB page's time) and the peak at most 8x the page above the base.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
from collections.abc import Callable

MB = 1 << 20
DEFAULT_SIZES = (1, 5, 20, 50)
# Words of the synthetic pages: common English, so the language is found and stopword
# statistics look like prose.
WORDS = (
    "the council approved new budget on tuesday after long debate about public transport "
    "schools and repair of old harbour bridge members opposition said that plan was too "
    "optimistic tax income but they agreed could not wait another winter mayor first works "
    "would start in spring residents be told road closures at least two weeks advance city "
    "river people year government report market water history family health work life "
    "said with from this have were which their there been more when will would other"
).split()
SEED = 14  # the number: the same pages on every run
# Bytes of the page of the same kind cleaned before the base is noted.
WARM_BYTES = 64 << 10

CHILD = r"""
import gc, json, resource, sys, time
import declutter
from declutter.options import Options
from declutter.model import Kind

def status(field):
    try:
        with open("/proc/self/status") as fh:
            for line in fh:
                if line.startswith(field + ":"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return None

def peak():
    # VmHWM starts afresh at exec; ru_maxrss would carry the parent's peak over it
    found = status("VmHWM")
    if found is not None:
        return found
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # KiB on Linux

def reset_peak():
    # Linux: "5" to clear_refs sets VmHWM to the present VmRSS; False where it cannot
    try:
        with open("/proc/self/clear_refs", "w") as fh:
            fh.write("5")
    except OSError:
        return False
    return True

kind = Kind(sys.argv[2]) if sys.argv[2] else None
with open(sys.argv[3], "rb") as fh:
    declutter.clean(fh.read(), options=Options(kind=kind))
gc.collect()
base = status("VmRSS") if reset_peak() else None
base = base if base is not None else peak()
with open(sys.argv[1], "rb") as fh:
    raw = fh.read()
start, cpu = time.perf_counter(), time.process_time()
result = declutter.clean(raw, options=Options(kind=kind))
seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
print(json.dumps({"seconds": seconds, "cpu": cpu, "base": base, "peak": peak(),
                  "out": len(result.text)}))
"""


def _sentence(rng: random.Random) -> str:
    words = rng.choices(WORDS, k=rng.randint(8, 22))
    return " ".join(words).capitalize() + "."


def _paragraph(rng: random.Random) -> str:
    return " ".join(_sentence(rng) for _ in range(rng.randint(2, 6)))


def text_dump(size: int, rng: random.Random) -> str:
    """A scraper's text dump: title, menu, then paragraphs with boilerplate between."""
    parts = ["Council approves budget for the harbour bridge", "Home | News | Sport | Weather"]
    total = 0
    while total < size:
        block = _paragraph(rng) if rng.random() < 0.8 else rng.choice(
            ["Subscribe to our newsletter", "Related articles", "Share this article",
             "Copyright 2024 Example News. All rights reserved."])
        parts.append(block)
        total += len(block) + 2
    return "\n\n".join(parts) + "\n"


# Columns of hard-wrapped text (mail, <pre>): lines are broken at the last space before.
WRAP_WIDTH = 72


def wrapped_text(size: int, rng: random.Random) -> str:
    """Hard-wrapped text at its worst: one paragraph, lower-case sentences, broken at
    ``WRAP_WIDTH`` columns, so every line carries on the one above it."""
    lines = ["Council approves budget for the harbour bridge", ""]
    line: list[str] = []
    width = total = 0
    while total < size:
        for word in rng.choices(WORDS, k=64):
            if width + len(word) > WRAP_WIDTH and line:
                lines.append(" ".join(line))
                total += width + 1
                line, width = [], 0
            line.append(word)
            width += len(word) + 1
    return "\n".join(lines) + "\n"


def _filled(head: str, piece: Callable[[], str], tail: str, size: int) -> str:
    """``head``, then pieces made by ``piece`` until ``size`` characters, then ``tail``."""
    parts = [head]
    total = len(head)
    while total < size:
        parts.append(piece())
        total += len(parts[-1])
    parts.append(tail)
    return "".join(parts)


def html_article(size: int, rng: random.Random) -> str:
    """An article page: nav, many paragraphs inside <article>, a footer."""
    head = ("<!doctype html><html><head><title>Council approves budget | Example News</title>"
            "</head><body><nav><ul><li><a href='/'>Home</a></li><li><a href='/news'>News</a>"
            "</li></ul></nav><article><h1>Council approves budget</h1>")
    tail = "</article><footer><p>Copyright 2024 Example News.</p></footer></body></html>"
    return _filled(head, lambda: f"<p>{_paragraph(rng)}</p>", tail, size)


def html_table(size: int, rng: random.Random) -> str:
    """A page that is one table of one row: every cell a sentence."""
    head = "<!doctype html><html><head><title>Table</title></head><body><table><tr>"
    return _filled(head, lambda: f"<td>{_sentence(rng)}</td>", "</tr></table></body></html>",
                   size)


# kind name -> (generator, the kind forced on clean: "" sniffs)
PAGES: dict[str, tuple[Callable[[int, random.Random], str], str]] = {
    "text": (text_dump, "text"),
    "text-wrapped": (wrapped_text, "text"),
    "html": (html_article, "html"),
    "html-table": (html_table, "html"),
}


def measure(kind: str, size_mb: float) -> dict[str, float]:
    make, forced = PAGES[kind]
    data = make(int(size_mb * MB), random.Random(SEED)).encode("utf-8")
    warm = make(WARM_BYTES, random.Random(SEED + 1)).encode("utf-8")
    paths = []
    try:
        for content in (data, warm):
            with tempfile.NamedTemporaryFile(suffix=".page", delete=False) as fh:
                fh.write(content)
            paths.append(fh.name)
        out = subprocess.run([sys.executable, "-c", CHILD, paths[0], forced, paths[1]],
                             capture_output=True, text=True, check=True)
    finally:
        for path in paths:
            os.unlink(path)
    got = json.loads(out.stdout)
    above = got["peak"] - got["base"]
    return {"bytes": len(data), "seconds": got["seconds"], "cpu": got["cpu"],
            "above_mb": above / MB,
            "ratio": above / len(data), "base_mb": got["base"] / MB}


def measure_sizes(kind: str, sizes: list[float], repeat: int) -> list[dict[str, float]]:
    """Per size, ``measure`` ``repeat`` times, the sizes taken in turn in each round (so a
    change of the machine's load falls on every size alike): the least seconds and the
    greatest peak of each."""
    runs: list[list[dict[str, float]]] = [[] for _ in sizes]
    for _ in range(max(1, repeat)):
        for size, found in zip(sizes, runs):
            found.append(measure(kind, size))
    return [_least_time_greatest_peak(rows) for rows in runs]


def _least_time_greatest_peak(rows: list[dict[str, float]]) -> dict[str, float]:
    best = dict(max(rows, key=lambda row: row["above_mb"]))
    best["seconds"] = min(row["seconds"] for row in rows)
    best["cpu"] = min(row["cpu"] for row in rows)
    return best


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m declutter.bench.scaling", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--sizes", type=float, nargs="+", default=DEFAULT_SIZES, metavar="MB")
    p.add_argument("--kinds", nargs="+", choices=sorted(PAGES), default=list(PAGES))
    p.add_argument(
        "--repeat",
        type=int,
        default=1,
        metavar="N",
        help="clean each page N times (each in a fresh process, the sizes in turn): the least "
        "seconds and the greatest peak are shown (a busy machine only ever adds time)",
    )
    args = p.parse_args(argv)
    print("| page | MB | wall s | CPU s | CPU s / MB | peak above base (MB) | x page | base (MB) |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for kind in args.kinds:
        for row in measure_sizes(kind, args.sizes, args.repeat):
            mb = row["bytes"] / MB
            print(f"| {kind} | {mb:.1f} | {row['seconds']:.2f} | {row['cpu']:.2f} "
                  f"| {row['cpu'] / mb:.3f} "
                  f"| {row['above_mb']:.0f} | {row['ratio']:.1f} | {row['base_mb']:.0f} |",
                  flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
