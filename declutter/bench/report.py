"""The benchmark's tables: quality per corpus, speed per system, failures; CSV; BENCHMARKS.md."""

from __future__ import annotations

import csv
import os
import platform
import re
import sys
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from importlib import metadata
from pathlib import Path

from .data import CHECK, TUNE, WORD_F1_CORPORA
from .metric import CorpusScore, PageScore, SnippetCounts, corpus_score
from .runner import Row
from .systems import REFERENCE, SYSTEMS

HISTORY = "## History"
HISTORY_INTRO = (
    "Record each step's effect here: date, commit, what changed, the quick- or full-bench "
    "numbers before and after. `--write` keeps everything from this heading on."
)


@dataclass(slots=True)
class Quality:
    """One system on one corpus."""

    precision: float
    recall: float
    f1: float
    pages: int
    failures: int
    counts: SnippetCounts | None = None  # the snippet corpus only
    word_f1: float | None = None  # mean per-page word F1, on the corpora scored by it


@dataclass(slots=True)
class Speed:
    """One system over all pages of the run."""

    pages: int
    cpu: float
    wall: float
    bytes: int
    failures: int
    empty_inputs: int
    ref_cpu: float | None = None  # the reference system's CPU seconds on the same pages

    @property
    def pages_per_s(self) -> float:
        return self.pages / self.cpu if self.cpu else float("inf")

    @property
    def mb_per_s(self) -> float:
        return self.bytes / 1e6 / self.cpu if self.cpu else float("inf")

    @property
    def vs_reference(self) -> float | None:
        """How many times faster than the reference (trafilatura) on the same pages."""
        return self.ref_cpu / self.cpu if self.ref_cpu and self.cpu else None


def quality(rows: Sequence[Row]) -> dict[tuple[str, str], Quality]:
    """(system, corpus) -> quality."""
    groups: dict[tuple[str, str], list[Row]] = defaultdict(list)
    for row in rows:
        groups[row.system, row.corpus].append(row)
    out = {}
    for key, group in groups.items():
        failures = sum(1 for r in group if r.error)
        if isinstance(group[0].score, SnippetCounts):
            counts = sum((r.score for r in group), SnippetCounts())
            out[key] = Quality(
                counts.precision, counts.recall, counts.f1, len(group), failures, counts
            )
        else:
            s: CorpusScore = corpus_score(r.score for r in group)
            out[key] = Quality(s.precision, s.recall, s.f1, s.pages, failures)
            out[key].word_f1 = mean_word_f1(group)
    return out


def mean_word_f1(rows: Sequence[Row]) -> float | None:
    """The mean of the rows' per-page word F1 (None where none is scored by it)."""
    values = [r.word_f1 for r in rows if r.word_f1 is not None]
    return sum(values) / len(values) if values else None


def of_half(rows: Sequence[Row], half: str) -> list[Row]:
    return [r for r in rows if r.half == half]


def speed(rows: Sequence[Row]) -> dict[str, Speed]:
    """system -> speed over the pages it ran (empty inputs excluded)."""
    by_system: dict[str, list[Row]] = defaultdict(list)
    for row in rows:
        by_system[row.system].append(row)
    ref_cpu_by_page = {(r.corpus, r.id): r.cpu for r in by_system.get(REFERENCE, [])}
    out = {}
    for name, group in by_system.items():
        ran = [r for r in group if not r.empty_input]
        s = Speed(
            pages=len(ran),
            cpu=sum(r.cpu for r in ran),
            wall=sum(r.wall for r in ran),
            bytes=sum(r.size for r in ran),
            failures=sum(1 for r in group if r.error),
            empty_inputs=len(group) - len(ran),
        )
        if ref_cpu_by_page:
            s.ref_cpu = sum(ref_cpu_by_page.get((r.corpus, r.id), 0.0) for r in ran)
        out[name] = s
    return out


def _f(x: float | None, digits: int = 3) -> str:
    return "—" if x is None else f"{x:.{digits}f}"


def _rate(x: float) -> str:
    if x == float("inf"):
        return "∞"
    return f"{x:.0f}" if x >= 100 else f"{x:.1f}" if x >= 10 else f"{x:.2f}"


def _table(header: Sequence[str], rows: Sequence[Sequence[str]], align: str = "") -> str:
    align = align or "l" + "r" * (len(header) - 1)
    rule = ["---:" if a == "r" else "---" for a in align]
    lines = ["| " + " | ".join(header) + " |", "| " + " | ".join(rule) + " |"]
    lines += ["| " + " | ".join(r) + " |" for r in rows]
    return "\n".join(lines)


def summary_table(
    systems: Sequence[str],
    corpora: Sequence[str],
    q: dict[tuple[str, str], Quality],
    sp: dict[str, Speed],
    memory: dict[str, float],
) -> str:
    """One row per system: F1 per corpus (and word F1 where a corpus has it), then speed."""
    worded = [c for c in corpora if c in WORD_F1_CORPORA]
    header = ["system", "input", *(f"{c} F1" for c in corpora)]
    header += [f"{c} word F1" for c in worded]
    header += ["pages/s", "MB/s", f"× {REFERENCE}", "peak MiB*", "failures"]
    rows = []
    for name in systems:
        s = sp[name]
        row = [f"`{name}`", SYSTEMS[name].field]
        row += [_f(q[name, c].f1) if (name, c) in q else "—" for c in corpora]
        row += [_f(q[name, c].word_f1) if (name, c) in q else "—" for c in worded]
        row += [
            _rate(s.pages_per_s),
            _rate(s.mb_per_s),
            _f(s.vs_reference, 2),
            _f(memory.get(name), 1),
            str(s.failures),
        ]
        rows.append(row)
    return _table(header, rows, "ll" + "r" * (len(header) - 2))


def halves_table(
    systems: Sequence[str],
    corpora: Sequence[str],
    by_half: dict[str, dict[tuple[str, str], Quality]],
) -> str:
    """F1 per corpus of each half side by side (tune | check), one row per system."""
    header = ["system"]
    for c in corpora:
        header += [f"{c} tune", f"{c} check"]
    rows = []
    for name in systems:
        row = [f"`{name}`"]
        for c in corpora:
            row += [_f(by_half[h][name, c].f1) if (name, c) in by_half[h] else "—"
                    for h in (TUNE, CHECK)]
        rows.append(row)
    return _table(header, rows)


def page_type_table(rows: Sequence[Row], systems: Sequence[str], corpus: str) -> str:
    """Word F1 per page type (and over all pages) of ``corpus``, one row per system."""
    mine = [r for r in rows if r.corpus == corpus and r.word_f1 is not None]
    types = sorted({r.page_type or "—" for r in mine})
    counts = {t: len({r.id for r in mine if (r.page_type or "—") == t}) for t in types}
    header = ["system", f"all ({len({r.id for r in mine})})"]
    header += [f"{t} ({counts[t]})" for t in types]
    table = []
    for name in systems:
        own = [r for r in mine if r.system == name]
        if not own:
            continue
        row = [f"`{name}`", _f(mean_word_f1(own))]
        row += [_f(mean_word_f1([r for r in own if (r.page_type or "—") == t])) for t in types]
        table.append(row)
    return _table(header, table)


def corpus_table(corpus: str, systems: Sequence[str], q: dict[tuple[str, str], Quality]) -> str:
    """P, R, F1 (and snippet counts) of every system on one corpus."""
    snippets = any(q[s, corpus].counts is not None for s in systems if (s, corpus) in q)
    worded = corpus in WORD_F1_CORPORA
    header = ["system", "P", "R", "F1"]
    header += ["word F1"] if worded else []
    header += ["TP", "FP", "FN", "TN"] if snippets else []
    header += ["pages", "failures"]
    rows = []
    for name in systems:
        x = q.get((name, corpus))
        if x is None:
            continue
        row = [f"`{name}`", _f(x.precision), _f(x.recall), f"**{x.f1:.3f}**"]
        if worded:
            row.append(_f(x.word_f1))
        if snippets and x.counts is not None:
            c = x.counts
            row += [str(c.tp), str(c.fp), str(c.fn), str(c.tn)]
        row += [str(x.pages), str(x.failures)]
        rows.append(row)
    return _table(header, rows)


def failure_list(rows: Sequence[Row], per_system: int = 10) -> str:
    """Failures per system (exceptions and timeouts), and empty inputs, as a list."""
    failed: dict[str, list[Row]] = defaultdict(list)
    empty: dict[str, int] = defaultdict(int)
    for r in rows:
        if r.error:
            failed[r.system].append(r)
        if r.empty_input:
            empty[r.system] += 1
    lines = []
    for name in sorted(failed):
        group = failed[name]
        lines.append(f"- `{name}`: {len(group)} failed")
        for r in group[:per_system]:
            lines.append(f"  - {r.corpus}/{r.id}: {r.error[:120]}")
        if len(group) > per_system:
            lines.append(f"  - … and {len(group) - per_system} more (see the CSV)")
    if not lines:
        lines.append("- none: no exception and no timeout in any system")
    for name in sorted(empty):
        lines.append(
            f"- `{name}`: {empty[name]} page(s) with an empty input field, "
            "scored as an empty output (not failures)"
        )
    return "\n".join(lines)


NOTES = (
    "Peers' settings (details in `declutter/bench/systems.py`): jusText takes, per page, the "
    "stoplist covering most word tokens (language-independent mode when none overlaps); "
    "`justext-dump` and `trafilatura-dump` see the dump as one `<p>` per blank-line block; "
    "the C4 filter keeps lines ending in terminal punctuation with at least 5 words and "
    "drops lines naming javascript, cookies, privacy policy or terms of use. Reading the "
    "table: the readability corpus's gold is Readability's own expected output (home "
    "advantage for `readability`), and CleanEval's gold keeps most of each page's text, so "
    "the uncleaned `dump` scores high there."
)


def systems_table(systems: Sequence[str]) -> str:
    rows = [[f"`{n}`", SYSTEMS[n].field, SYSTEMS[n].about] for n in systems]
    return _table(["system", "input", "what runs"], rows, "lll")


def _memory_note(pages: int) -> str:
    if pages <= 0:
        return "*peak MiB: not measured in this run (--memory-pages 0)."
    return (
        "*peak MiB: Python heap peak (tracemalloc; C allocations of lxml/libxml2 are not "
        f"traced), max over a sub-sample of {pages} pages (the biggest of the {4 * pages} "
        "first by SHA-1 rank), measured after the timed pass."
    )


def report(
    rows: Sequence[Row],
    systems: Sequence[str],
    corpora: Sequence[str],
    memory: dict[str, float],
    memory_pages: int,
    timeout: float,
) -> str:
    """The Markdown body: the check halves' summary (the headline), both halves side by
    side, word F1 per page type, per-corpus tables (check halves), notes, failures."""
    check = of_half(rows, CHECK)
    by_half = {h: quality(of_half(rows, h)) for h in (TUNE, CHECK)}
    sp = speed(rows)
    per_corpus = {
        c: (
            len({r.id for r in rows if r.corpus == c and r.half == TUNE}),
            len({r.id for r in check if r.corpus == c}),
        )
        for c in corpora
    }
    n_pages = sum(t + k for t, k in per_corpus.values())
    parts = [
        f"{n_pages} pages (tune + check): "
        + ", ".join(f"{c} {t} + {k}" for c, (t, k) in per_corpus.items())
        + ". Every corpus is split into a fixed *tune* half and *check* half by SHA-256 of "
        "`corpus/id` (`declutter/bench/data.py`); rules are tuned on tune pages only, and "
        "the headline figures are the **check halves**.",
        "",
        "### Summary (check halves)",
        "",
        summary_table(systems, corpora, by_half[CHECK], sp, memory),
        "",
        "F1: token 4-gram shingle F1 on gold-text corpora (mean P and mean R over pages, "
        "F1 of the means), snippet F1 on the snippet corpus; word F1: WCXB's headline metric "
        "(mean of per-page bag-of-words F1). Each corpus is scored by its own title "
        "convention: declutter runs without its title on the corpora whose gold leaves it "
        "out (readability, wcxb-dev). "
        f"pages/s and MB/s: CPU time of each system's own call, one core, over its own input "
        f"(dump bytes for text systems, HTML bytes for HTML systems), over both halves. "
        f"× {REFERENCE}: "
        f"{REFERENCE}'s CPU seconds on the same pages / this system's (> 1 is faster). "
        + _memory_note(memory_pages)
        + f" failures: exceptions and timeouts (> {timeout:g} s), scored as empty outputs.",
        "",
        "### Both halves (F1: tune | check)",
        "",
        halves_table(systems, corpora, by_half),
    ]
    for corpus in (c for c in corpora if c in WORD_F1_CORPORA):
        for half in (CHECK, TUNE):
            parts += [
                "",
                f"### {corpus}: word F1 by page type ({half} half)",
                "",
                page_type_table(of_half(rows, half), systems, corpus),
            ]
    parts += ["", "### Systems", "", systems_table(systems), "", NOTES]
    for corpus in corpora:
        table = corpus_table(corpus, systems, by_half[CHECK])
        parts += ["", f"### {corpus} (check half)", "", table]
    parts += ["", "### Failures", "", failure_list(rows)]
    return "\n".join(parts) + "\n"


# --- environment ------------------------------------------------------------------------


def _version(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "not installed"


def versions() -> dict[str, str]:
    return {
        "declutter": _version("declutter-text"),
        "trafilatura": _version("trafilatura"),
        "justext": _version("justext"),
        "readability-lxml": _version("readability-lxml"),
        "lxml": _version("lxml"),
        "python": platform.python_version(),
    }


def cpu_model() -> str:
    try:
        text = Path("/proc/cpuinfo").read_text()
    except OSError:
        return platform.processor() or platform.machine()
    match = re.search(r"^model name\s*:\s*(.+)$", text, re.MULTILINE)
    return match.group(1).strip() if match else platform.machine()


def machine() -> str:
    try:
        load = "load average {:.2f} {:.2f} {:.2f}".format(*os.getloadavg())
    except OSError:
        load = "load average unknown"
    return (
        f"{os.cpu_count()} cores, {cpu_model()}, {platform.system()} {platform.release()}; {load}"
    )


def environment(command: str, elapsed: float, jobs: int) -> str:
    v = versions()
    return "\n".join(
        [
            f"- date: {datetime.now(timezone.utc).strftime('%Y-%m-%d %H:%M UTC')}",
            f"- command: `{command}`",
            "- versions: " + ", ".join(f"{k} {x}" for k, x in v.items()),
            f"- machine: {machine()} (at the end of the run)",
            f"- run: {elapsed:.0f} s wall in all, {jobs} worker process(es)",
        ]
    )


# --- BENCHMARKS.md and CSV ------------------------------------------------------------


def history(path: Path) -> str:
    """The ``## History`` section of an existing BENCHMARKS.md (a fresh one if none)."""
    if path.exists():
        text = path.read_text(encoding="utf-8")
        match = re.search(rf"^{re.escape(HISTORY)}[ \t]*$", text, re.MULTILINE)
        if match:
            return text[match.start() :]
    return f"{HISTORY}\n\n{HISTORY_INTRO}\n"


def write_markdown(path: Path, body: str, env: str) -> None:
    """Rewrite ``path`` with the tables and environment, keeping its ``## History``."""
    kept = history(path)
    text = "\n".join(
        [
            "# Benchmarks",
            "",
            "Written by `python -m declutter.bench --write` (`make bench`); everything above "
            f"`{HISTORY}` is rewritten on each run, the history is kept.",
            "",
            env,
            "",
            "## Results",
            "",
            body.rstrip("\n"),
            "",
            kept.rstrip("\n"),
            "",
        ]
    )
    path.write_text(text, encoding="utf-8")


CSV_FIELDS = (
    "corpus id half page_type system precision recall f1 word_f1 tp fp fn tn cpu_s wall_s "
    "input_bytes error empty_input"
).split()


def _csv_row(r: Row) -> dict[str, object]:
    row: dict[str, object] = {
        "corpus": r.corpus,
        "id": r.id,
        "half": r.half,
        "page_type": r.page_type or "",
        "system": r.system,
        "word_f1": "" if r.word_f1 is None else f"{r.word_f1:.6f}",
        "cpu_s": f"{r.cpu:.6f}",
        "wall_s": f"{r.wall:.6f}",
        "input_bytes": r.size,
        "error": r.error,
        "empty_input": int(r.empty_input),
    }
    s = r.score
    if isinstance(s, PageScore):
        row.update(
            precision=_f(s.precision, 6) if s.precision is not None else "",
            recall=_f(s.recall, 6) if s.recall is not None else "",
            f1=f"{s.f1:.6f}",
            tp=f"{s.tp:.6f}",
            fp=f"{s.fp:.6f}",
            fn=f"{s.fn:.6f}",
            tn="",
        )
    else:
        row.update(
            precision=f"{s.precision:.6f}",
            recall=f"{s.recall:.6f}",
            f1=f"{s.f1:.6f}",
            tp=s.tp,
            fp=s.fp,
            fn=s.fn,
            tn=s.tn,
        )
    return row


def write_csv(path: Path, rows: Sequence[Row]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=CSV_FIELDS)
        writer.writeheader()
        for r in rows:
            writer.writerow(_csv_row(r))


def command_line(argv: Sequence[str] | None) -> str:
    args = list(sys.argv[1:] if argv is None else argv)
    return " ".join(["python -m declutter.bench", *args])
