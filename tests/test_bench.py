"""The benchmark harness end to end on a tiny corpus made here (never the shared data)."""

from __future__ import annotations

import csv
import gzip
import json
import time

import pytest

import declutter
from declutter.bench import cli, data, floors, report, runner, systems, worst
from declutter.bench.metric import PageScore, SnippetCounts

ARTICLE = (
    "The river council met on Tuesday to discuss the new bridge over the old harbour. "
    "Members agreed that the repairs would start in the spring and last for two years. "
    "The mayor said that the town had waited far too long for a safe crossing."
)
MORE = (
    "Local shops expect more visitors once the bridge is open again, and the ferry will "
    "keep running until the work is finished, the council said in a statement."
)
NAV = ["Home", "News", "Sport", "Weather", "Contact us"]
FOOTER = "Copyright 2024 River Times. All rights reserved. Privacy policy. Terms of use."


def _html(title: str, body: list[str]) -> str:
    nav = "".join(f"<li><a href='/{n}'>{n}</a></li>" for n in NAV)
    paragraphs = "".join(f"<p>{p}</p>" for p in body)
    return (
        f"<html><head><title>{title}</title></head><body><ul>{nav}</ul>"
        f"<article><h1>{title}</h1>{paragraphs}</article><footer>{FOOTER}</footer></body></html>"
    )


def _dump(title: str, body: list[str]) -> str:
    return "\n\n".join([title, *NAV, title, *body, FOOTER])


def _record(corpus: str, page_id: str, title: str, body: list[str], **extra) -> dict:
    return {
        "id": page_id,
        "corpus": corpus,
        "url": None,
        "encoding": "utf-8",
        "html": _html(title, body),
        "dump": _dump(title, body),
        "dump_inscriptis": "\n".join([title, *(f"  * {n}" for n in NAV), title, *body, FOOTER]),
        **extra,
    }


def _write(path, records) -> None:
    with gzip.open(path, "wt", encoding="utf-8") as f:
        for r in records:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")


@pytest.fixture(scope="module")
def bench_dir(tmp_path_factory):
    folder = tmp_path_factory.mktemp("bench")
    _write(
        folder / "mini.jsonl.gz",
        [
            _record(
                "mini",
                "a-1",
                "Bridge works to start",
                [ARTICLE, MORE],
                gold="Bridge works to start\n\n" + ARTICLE + "\n\n" + MORE,
            ),
            _record("mini", "b-2", "Harbour news", [MORE], gold=MORE),
            _record("mini", "c-0", "Ferry news", [ARTICLE], gold=ARTICLE),  # a check page
        ],
    )
    _write(  # wcxb-dev: gold without the title, word F1 per page type
        folder / "wcxb-dev.jsonl.gz",
        [
            _record("wcxb-dev", "w0", "Bridge works", [ARTICLE], gold=ARTICLE, page_type="article"),
            _record("wcxb-dev", "w1", "Harbour forum", [MORE], gold=MORE, page_type="forum"),
        ],
    )
    _write(
        folder / "trafilatura-eval.jsonl.gz",
        [
            _record(
                "trafilatura-eval",
                "0abc",
                "Bridge works",
                [ARTICLE],
                **{
                    "with": ["repairs would start in the spring"],
                    "without": ["All rights reserved"],
                },
            )
        ],
    )
    return folder


@pytest.fixture(scope="module")
def full_run(bench_dir, tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    md = out / "BENCHMARKS.md"
    md.write_text("# old\n\nold table\n\n## History\n\n- 2024-01-01: kept line\n", encoding="utf-8")
    argv = [
        "--data",
        str(bench_dir),
        "--write",
        str(md),
        "--csv",
        str(out / "pages.csv"),
        "--worst",
        "2",
        "--memory-pages",
        "1",
        "--quiet",
    ]
    return argv, md, out / "pages.csv"


def test_every_system_on_every_corpus_in_table_csv_and_markdown(full_run, capsys):
    argv, md, csv_path = full_run
    assert cli.main(argv) == 0
    out = capsys.readouterr().out
    summary = out.split("### Summary", 1)[1].split("###", 1)[0]
    for name in systems.SYSTEMS:
        assert f"`{name}`" in summary, name
        # summary, both halves, 2 page-type tables, systems, 3 corpus tables (+ metadata)
        assert out.count(f"| `{name}` |") == 8 + (name == "trafilatura"), name
    assert "mini F1" in summary and "trafilatura-eval F1" in summary
    assert "wcxb-dev word F1" in summary
    assert "### wcxb-dev: word F1 by page type (check half)" in out
    metadata = out.split("### Metadata (wcxb-dev, check half)", 1)[1]
    assert "| `declutter` |" in metadata and "| `trafilatura` |" in metadata
    assert "| system | all (1) | article (1) |" in out  # w0 is the check page
    assert "| system | all (1) | forum (1) |" in out  # w1 the tune page
    assert "### mini" in out and "### trafilatura-eval" in out
    assert "| TP | FP | FN | TN |" in out  # snippet counts on the snippet corpus
    assert "pages/s" in out and "× trafilatura" in out

    with csv_path.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == 6 * len(systems.SYSTEMS)
    assert {r["system"] for r in rows} == set(systems.SYSTEMS)
    assert {(r["corpus"], r["id"], r["half"]) for r in rows} == {
        ("mini", "a-1", "tune"),
        ("mini", "b-2", "tune"),
        ("mini", "c-0", "check"),
        ("trafilatura-eval", "0abc", "check"),
        ("wcxb-dev", "w0", "check"),
        ("wcxb-dev", "w1", "tune"),
    }
    wcxb = [r for r in rows if r["corpus"] == "wcxb-dev" and r["system"] == "declutter-html"]
    assert all(float(r["word_f1"]) > 0.9 for r in wcxb)  # the body, without the title
    assert all(r["word_f1"] == "" for r in rows if r["corpus"] == "mini")
    assert all(r["error"] == "" for r in rows)
    raw = [r for r in rows if r["system"] == "dump" and r["corpus"] == "trafilatura-eval"][0]
    assert (raw["tp"], raw["fp"], raw["fn"], raw["tn"]) == ("1", "1", "0", "0")

    written = md.read_text(encoding="utf-8")
    assert written.startswith("# Benchmarks")
    assert "old table" not in written
    assert "## History\n\n- 2024-01-01: kept line" in written
    assert "- versions: declutter" in written and "- machine: " in written
    assert "- command: `python -m declutter.bench --data" in written
    for name in systems.SYSTEMS:
        assert f"`{name}`" in written


def test_worst_lists_pages_with_offending_blocks_and_reasons(full_run, capsys):
    argv, _, _ = full_run
    assert cli.main(argv) == 0
    out = capsys.readouterr().out
    listing = out.split("worst pages of `declutter-dump`", 1)[1]
    assert "mini/a-1" in listing and "mini/b-2" in listing
    assert "trafilatura-eval/" not in listing  # gold corpora only
    assert "mini/c-0" not in listing and "wcxb-dev/w0" not in listing  # tune pages only
    assert "removed body:" in listing and "kept boilerplate:" in listing
    assert "Tokens lost over these pages, by the rule that decided" in listing
    # every listed block is one line: "- N tok  [rule: cue]  text"
    for line in listing.splitlines():
        if line.strip().startswith("- ") and " tok " in line:
            assert "[" in line and "]" in line and len(line) < 200


def test_quick_filters_for_the_tuning_loop(bench_dir, capsys):
    argv = [
        "--data",
        str(bench_dir),
        "--quick",
        "--corpus",
        "mini",
        "--systems",
        "declutter-dump,declutter-inscriptis",
        "--memory-pages",
        "0",
        "--quiet",
    ]
    assert cli.main(argv) == 0
    out = capsys.readouterr().out
    assert "(quick sample)" in out
    assert "`declutter-dump`" in out and "`declutter-inscriptis`" in out
    assert "`trafilatura`" not in out and "trafilatura-eval" not in out


def test_missing_data_folder_is_one_line_and_exit_2(tmp_path, capsys):
    assert cli.main(["--data", str(tmp_path / "nowhere")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "benchmark data not found" in err
    assert "Traceback" not in err


def test_folder_without_corpora_and_unknown_names_exit_2(bench_dir, tmp_path, capsys):
    assert cli.main(["--data", str(tmp_path)]) == 2
    assert cli.main(["--data", str(bench_dir), "--corpus", "nope"]) == 2
    assert cli.main(["--data", str(bench_dir), "--systems", "nope"]) == 2
    err = capsys.readouterr().err
    assert "no *.jsonl.gz" in err and "unknown corpus nope" in err and "unknown system nope" in err


def test_module_entry_point_reports_missing_data(tmp_path):
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "declutter.bench", "--data", str(tmp_path / "x")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2
    assert done.stderr.strip().startswith("declutter.bench: benchmark data not found")
    assert "Traceback" not in done.stderr


# --- pieces -------------------------------------------------------------------------


def test_quick_sample_is_the_lowest_hashes_in_id_order(tmp_path):
    ids = [f"p{i:02d}" for i in range(12)]
    _write(tmp_path / "c.jsonl.gz", [_record("c", i, "T", [MORE], gold=MORE) for i in ids])
    chosen = [p.id for p in data.load_corpus(tmp_path / "c.jsonl.gz", quick=5)]
    expected = sorted(
        i
        for half in ("tune", "check")
        for i in sorted(
            (i for i in ids if data.half("c", i) == half), key=lambda i: data.quick_rank("c", i)
        )[:5]
    )
    assert chosen == expected
    assert [p.id for p in data.load_corpus(tmp_path / "c.jsonl.gz", quick=5)] == chosen


def _fake(monkeypatch, name, run):
    monkeypatch.setitem(systems.SYSTEMS, name, systems.System(name, "dump", run, "test"))


def test_timeouts_and_exceptions_are_failures_empty_input_is_not(monkeypatch):
    def slow(text):
        time.sleep(5)
        return text

    def broken(text):
        raise ValueError("bad\npage")

    _fake(monkeypatch, "slow", slow)
    _fake(monkeypatch, "broken", broken)
    page = data._page(_record("mini", "x", "T", [MORE], gold=MORE))
    started = time.perf_counter()
    rows = runner.run_page(page, ["slow", "broken", "dump"], limit=0.2)
    assert time.perf_counter() - started < 2
    by = {r.system: r for r in rows}
    assert by["slow"].error.startswith("timeout")
    assert by["broken"].error == "ValueError: bad page"
    assert by["slow"].score.recall == 0.0 and by["slow"].score.precision is None
    assert by["dump"].error == "" and by["dump"].score.recall == 1.0

    page.dump = "  \n"
    (row,) = runner.run_page(page, ["broken"], limit=1)
    assert row.empty_input and row.error == ""
    failures = report.failure_list(rows + [row])
    assert "`slow`: 1 failed" in failures and "empty input field" in failures


def test_speed_ratio_is_against_trafilatura_on_the_same_pages():
    def row(system, page_id, cpu):
        return runner.Row("c", page_id, system, cpu, cpu, 1000, PageScore(1.0, 0.0, 0.0))

    rows = [
        row("trafilatura", "1", 0.2),
        row("trafilatura", "2", 0.2),
        row("fast", "1", 0.05),
        row("fast", "2", 0.05),
    ]
    sp = report.speed(rows)
    assert sp["fast"].pages_per_s == pytest.approx(20.0)
    assert sp["fast"].mb_per_s == pytest.approx(0.02)
    assert sp["fast"].vs_reference == pytest.approx(4.0)


def test_quality_sums_snippets_and_averages_gold():
    rows = [
        runner.Row("s", "1", "x", 0, 0, 0, SnippetCounts(1, 0, 1, 2)),
        runner.Row("s", "2", "x", 0, 0, 0, SnippetCounts(1, 2, 0, 0)),
        runner.Row("g", "1", "x", 0, 0, 0, PageScore(1.0, 0.0, 0.0)),
        runner.Row("g", "2", "x", 0, 0, 0, PageScore(0.0, 0.0, 1.0), error="timeout"),
    ]
    q = report.quality(rows)
    assert q["x", "s"].counts == SnippetCounts(2, 2, 1, 2)
    assert q["x", "s"].f1 == pytest.approx(4 / 7)
    assert (q["x", "g"].precision, q["x", "g"].recall, q["x", "g"].failures) == (1.0, 0.5, 1)


def test_history_is_created_then_kept(tmp_path):
    md = tmp_path / "B.md"
    report.write_markdown(md, "table one\n", "- env")
    assert "table one" in md.read_text() and "## History" in md.read_text()
    md.write_text(md.read_text() + "- step 1: +0.01 F1\n")
    report.write_markdown(md, "table two\n", "- env")
    text = md.read_text()
    assert "table two" in text and "table one" not in text and "- step 1: +0.01 F1" in text
    assert text.splitlines().count("## History") == 1


def test_stoplist_by_best_overlap():
    assert systems.best_stoplist("the cat and the dog are in the house with us")[0] == "English"
    assert systems.best_stoplist("der Hund und die Katze sind nicht in dem Haus")[0] == "German"
    assert systems.best_stoplist("今天天气很好") == (None, frozenset())


def test_dump_as_html_escapes_and_keeps_blocks():
    html = systems.dump_as_html("Title <b>\n\nline one\nline & two\n\n\n")
    assert "<p>Title &lt;b&gt;</p>" in html and "<p>line one<br>line &amp; two</p>" in html


def test_readability_rendering_never_glues_blocks():
    import lxml.html

    root = lxml.html.fromstring("<div><h2>Head</h2><p>one<br>two</p><p>three <b>x</b></p></div>")
    assert systems.render_text(root) == "Head\n\none\ntwo\n\nthree x"


def test_c4_line_filter():
    text = "\n".join(
        [
            "Short line.",
            "This line has enough words and ends well.",
            "This line has enough words but no end",
            "Please enable JavaScript to view the comments here.",
            "We use cookies to give you the best experience, okay?",
        ]
    )
    assert systems.c4_dump(text) == "This line has enough words and ends well."


def test_worst_block_classification():
    gold = "The council met on Tuesday to discuss the bridge. Tiny head"
    assert worst.in_gold("council met on Tuesday to discuss", *_gold_index(gold)) == 1.0
    assert worst.in_gold("Share this on Facebook now", *_gold_index(gold)) == 0.0
    assert worst.in_gold("Tiny head", *_gold_index(gold)) == 1.0
    assert worst.in_gold("Tiny", *_gold_index(gold)) == 1.0
    assert worst.in_gold("...", *_gold_index(gold)) == 0.0


def _gold_index(gold):
    tokens = worst.TOKEN.findall(gold)
    grams = {tuple(tokens[i : i + 4]) for i in range(len(tokens) - 3)}
    return grams, f" {' '.join(tokens)} "


def test_floors_are_raised_never_lowered():
    current = {"declutter-dump": {"a": 0.80, "b": 0.90}}
    measured = {"declutter-dump": {"a": 0.85, "b": 0.70}}
    new = floors.raised(measured, current)
    assert new["declutter-dump"]["a"] == pytest.approx(0.845)
    assert new["declutter-dump"]["b"] == 0.90
    assert floors.shortfalls(measured, current) == ["declutter-dump on b: F1 0.7000 < floor 0.900"]


def test_worst_system_lists_the_html_path_from_its_html(bench_dir, capsys):
    argv = [
        "--data",
        str(bench_dir),
        "--corpus",
        "mini",
        "--systems",
        "declutter-html",
        "--worst",
        "1",
        "--worst-system",
        "declutter-html",
        "--memory-pages",
        "0",
        "--quiet",
    ]
    assert cli.main(argv) == 0
    listing = capsys.readouterr().out.split("worst pages of `declutter-html`", 1)[1]
    assert listing.count("\n 1. mini/") == 1
    assert "mini/c-0" not in listing  # a check page is never listed
    assert "removed body:" in listing and "kept boilerplate:" in listing
    # the listed page's blocks were found again from its HTML, not from its dump
    page_id = listing.split("\n 1. mini/", 1)[1].split()[0]
    title, body = {
        "a-1": ("Bridge works to start", [ARTICLE, MORE]),
        "b-2": ("Harbour news", [MORE]),
    }[page_id]
    from_html = declutter.clean(
        _html(title, body), options=declutter.Options(kind=declutter.Kind.HTML)
    )
    from_dump = declutter.clean(
        _dump(title, body), options=declutter.Options(kind=declutter.Kind.TEXT)
    )
    assert len(from_html.blocks) != len(from_dump.blocks)
    assert f"    {len(from_html.blocks)} blocks, " in listing


def test_worst_system_must_be_a_declutter_system(bench_dir, capsys):
    with pytest.raises(SystemExit):
        cli.main(["--data", str(bench_dir), "--worst", "1", "--worst-system", "trafilatura"])
    assert "invalid choice" in capsys.readouterr().err


def test_declutter_runs_without_its_title_where_the_gold_leaves_it_out():
    html, dump = (
        _html("Bridge works to start", [ARTICLE, MORE]),
        _dump("Bridge works to start", [ARTICLE, MORE]),
    )
    for name, page in (("declutter-html", html), ("declutter-dump", dump)):
        system = systems.SYSTEMS[name]
        with_title = system.runner(title_in_gold=True)(page)
        assert with_title.startswith("Bridge works to start\n\n")
        assert system.runner(title_in_gold=False)(page) == with_title.split("\n\n", 1)[1]
    # a peer gives no title of its own: one run for every corpus
    assert systems.SYSTEMS["trafilatura"].runner(title_in_gold=False) is systems.trafilatura_default
    assert data.Page("wcxb-dev", "1", "", "", "").title_in_gold is False
    assert data.Page("dragnet", "1", "", "", "").title_in_gold is True


def test_halves_are_fixed_by_sha256_of_corpus_and_id():
    import hashlib

    for corpus, page_id in (("mini", "a-1"), ("wcxb-dev", "0001"), ("dragnet", "T123")):
        first = hashlib.sha256(f"{corpus}/{page_id}".encode()).digest()[0]
        assert data.half(corpus, page_id) == ("tune" if first < 128 else "check")
    # pinned: the split must never change (these pages' halves were read once and kept)
    assert [data.half("mini", i) for i in ("a-1", "b-2", "c-0")] == ["tune", "tune", "check"]
    ids = [f"p{i:03d}" for i in range(400)]
    tune = sum(data.half("c", i) == "tune" for i in ids)
    assert 160 < tune < 240  # about half


def test_quick_sample_takes_each_half_and_a_half_alone(tmp_path):
    ids = [f"p{i:02d}" for i in range(30)]
    _write(tmp_path / "c.jsonl.gz", [_record("c", i, "T", [MORE], gold=MORE) for i in ids])
    path = tmp_path / "c.jsonl.gz"
    check = [p.id for p in data.load_corpus(path, quick=3, halves=("check",))]
    tune = [p.id for p in data.load_corpus(path, quick=3, halves=("tune",))]
    assert len(check) == len(tune) == 3
    assert all(data.half("c", i) == "check" for i in check)
    assert all(data.half("c", i) == "tune" for i in tune)
    assert sorted(check + tune) == [p.id for p in data.load_corpus(path, quick=3)]
    everything = [p.id for p in data.load_corpus(path, halves=("check",))]
    assert everything == sorted(i for i in ids if data.half("c", i) == "check")


def test_word_f1_is_wcxbs_bag_of_words_f1():
    from declutter.bench.metric import word_f1

    assert word_f1("The cat sat", "the CAT sat") == 1.0
    assert word_f1("a b", "a b c d") == pytest.approx(2 * 1.0 * 0.5 / 1.5)
    assert word_f1("", "gold words") == 0.0
    assert word_f1("", "") == 1.0
    assert word_f1("x x", "x") == pytest.approx(2 * 0.5 * 1.0 / 1.5)  # bags, not sets
