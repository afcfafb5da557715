"""The quality gate's floors: declutter's F1 per corpus on the quick sample's check half.

``tests/quality_floors.json`` holds, per declutter system and corpus, the F1 that the
check half of the quick sample must reach (only check-half figures judge a change; see
``data.py``), and for the corpora scored by word F1 also that figure (key
``"CORPUS word F1"``); ``tests/test_quality_gate.py`` checks it in ``make test``.
Floors are raised whenever declutter improves, and never lowered without saying why (in
the file's ``log``).

    python -m declutter.bench.floors --data ../shared/bench            # measured vs floors
    python -m declutter.bench.floors --data ../shared/bench --raise \\
        --why "what improved"                                           # raise, never lower
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections.abc import Sequence
from datetime import datetime, timezone
from pathlib import Path

from .data import CHECK, DataError, load
from .report import quality
from .runner import run_all
from .systems import DECLUTTER_SYSTEMS

ROOT = Path(__file__).resolve().parents[2]
FLOORS = ROOT / "tests" / "quality_floors.json"
DATA = ROOT / ".." / "shared" / "bench"
MARGIN = 0.005


def read_floors(path: Path = FLOORS) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def measure(
    data: Path, systems: Sequence[str] = DECLUTTER_SYSTEMS, jobs: int = 1
) -> dict[str, dict[str, float]]:
    """F1 (and word F1 where scored) per system and corpus on the quick sample's check half."""
    pages = load(data, quick=True, halves=(CHECK,))
    rows = run_all(pages, systems, jobs=jobs, quiet=True)
    out: dict[str, dict[str, float]] = {s: {} for s in systems}
    for (system, corpus), q in sorted(quality(rows).items()):
        out[system][corpus] = q.f1
        if q.word_f1 is not None:
            out[system][word_key(corpus)] = q.word_f1
    return out


def word_key(corpus: str) -> str:
    """The floors' key of a corpus's word F1."""
    return f"{corpus} word F1"


def shortfalls(
    measured: dict[str, dict[str, float]], floors: dict[str, dict[str, float]]
) -> list[str]:
    """One line per (system, corpus) under its floor, or missing from the measurement."""
    lines = []
    for system, by_corpus in sorted(floors.items()):
        for corpus, floor in sorted(by_corpus.items()):
            got = measured.get(system, {}).get(corpus)
            if got is None:
                lines.append(f"{system} on {corpus}: not measured (floor {floor:.3f})")
            elif got < floor:
                lines.append(f"{system} on {corpus}: F1 {got:.4f} < floor {floor:.3f}")
    return lines


def floor3(x: float) -> float:
    """``x`` rounded down to 3 decimals, so a floor keeps at least the full margin."""
    return math.floor(x * 1000 + 1e-9) / 1000


def raised(
    measured: dict[str, dict[str, float]], floors: dict[str, dict[str, float]]
) -> dict[str, dict[str, float]]:
    """Floors raised to measured - MARGIN where that is higher; never lowered."""
    out = {s: dict(c) for s, c in floors.items()}
    for system, by_corpus in measured.items():
        for corpus, f1 in by_corpus.items():
            candidate = floor3(f1 - MARGIN)
            if candidate > out.setdefault(system, {}).get(corpus, 0.0):
                out[system][corpus] = candidate
    return out


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m declutter.bench.floors", description=__doc__)
    p.add_argument("--data", type=Path, default=DATA)
    p.add_argument("--floors", type=Path, default=FLOORS)
    p.add_argument("--jobs", type=int, default=2)
    p.add_argument(
        "--raise",
        dest="raise_",
        action="store_true",
        help=f"raise floors to measured F1 - {MARGIN} where higher",
    )
    p.add_argument("--why", default="", help="the log line for a raise")
    args = p.parse_args(argv)
    try:
        measured = measure(args.data, jobs=args.jobs)
    except DataError as exc:
        print(f"declutter.bench.floors: {exc}", file=sys.stderr)
        return 2
    doc = read_floors(args.floors)
    floors = doc["floors"]
    for system, by_corpus in measured.items():
        for corpus, f1 in by_corpus.items():
            floor = floors.get(system, {}).get(corpus)
            shown = "—" if floor is None else f"{floor:.3f}"
            print(f"{system:22} {corpus:18} F1 {f1:.4f}  floor {shown}")
    if args.raise_:
        new = raised(measured, floors)
        if new != floors:
            doc["floors"] = new
            today = datetime.now(timezone.utc).strftime("%Y-%m-%d")
            doc.setdefault("log", []).append(f"{today}: raised to measured - {MARGIN}. {args.why}")
            args.floors.write_text(json.dumps(doc, indent=2) + "\n", encoding="utf-8")
            print(f"floors raised in {args.floors}")
        else:
            print("no floor to raise")
    problems = shortfalls(measured, floors)
    for line in problems:
        print("BELOW FLOOR: " + line)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
