"""The quality gate: declutter's F1 per corpus on the quick sample's check half (and its
word F1 on wcxb-dev) never falls below the floors pinned in ``tests/quality_floors.json``
(raise them when declutter improves: ``python -m declutter.bench.floors --raise --why
"..."``; lowering one needs a reason in the file's ``log``).

Needs the shared benchmark data (``../shared/bench`` beside the repository, or the folder
named by ``DECLUTTER_BENCH_DATA``); skipped when it is absent. Only declutter runs here.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from declutter.bench.data import WORD_F1_CORPORA
from declutter.bench.floors import DATA, FLOORS, measure, read_floors, word_key

BENCH = Path(os.environ.get("DECLUTTER_BENCH_DATA") or DATA)
FLOOR_DOC = read_floors(FLOORS)
CASES = sorted(
    (system, corpus, floor)
    for system, by_corpus in FLOOR_DOC["floors"].items()
    for corpus, floor in by_corpus.items()
)

pytestmark = pytest.mark.skipif(
    not BENCH.is_dir(), reason=f"benchmark data not found at {BENCH} (quality gate skipped)"
)


@pytest.fixture(scope="module")
def measured() -> dict[str, dict[str, float]]:
    return measure(BENCH, systems=sorted(FLOOR_DOC["floors"]), jobs=2)


def test_floors_cover_every_declutter_system_and_corpus():
    corpora = {p.name[: -len(".jsonl.gz")] for p in BENCH.glob("*.jsonl.gz")}
    corpora |= {word_key(c) for c in corpora & WORD_F1_CORPORA}
    for system in ("declutter-dump", "declutter-inscriptis", "declutter-html"):
        assert set(FLOOR_DOC["floors"].get(system, {})) == corpora, system


@pytest.mark.parametrize(("system", "corpus", "floor"), CASES)
def test_f1_at_or_above_floor(measured, system, corpus, floor):
    got = measured.get(system, {}).get(corpus)
    assert got is not None, f"{system} was not measured on {corpus}"
    assert got >= floor, (
        f"{system} on {corpus} (quick sample): F1 {got:.4f} fell below its floor {floor:.3f}"
    )
