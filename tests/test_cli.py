"""The command line: naming, re-runs, stdin, exit codes, --explain, parallel runs."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import HTML_PAGE, TEXT_PAGE, age, snapshot, variant, write

import declutter
from declutter import cli


def test_cleans_every_raw_page_beside_it(tmp_path: Path, run) -> None:
    raws = {
        "a.txt": TEXT_PAGE, "b.html": HTML_PAGE, "c.HTM": HTML_PAGE,
        "sub/d.xhtml": HTML_PAGE, "sub/deeper/e.txt": variant(5), "notes.md": TEXT_PAGE,
    }
    for name, content in raws.items():
        write(tmp_path / name, content)
    before = snapshot(tmp_path)
    code, err = run(tmp_path)
    assert code == 0
    after = snapshot(tmp_path)
    assert {k: after[k] for k in before} == before  # raw files untouched
    outputs = ["a", "b", "c", "sub/d", "sub/deeper/e"]
    stamps = [os.path.join(os.path.dirname(o), f".{os.path.basename(o)}.clean.stamp")
              for o in outputs]
    assert sorted(set(after) - set(before)) == sorted(
        [o + ".clean.txt" for o in outputs] + stamps
    )
    assert after["a.clean.txt"] == declutter.clean(TEXT_PAGE).text.encode()
    assert err == [
        "declutter: 5 cleaned, 0 skipped, 0 failed; 1 file not a page: use --include GLOB; "
        "removed: structure 6, legal 5, navigation 5, newsletter 2, related_list 2"
    ]


def test_same_stem_pages_keep_their_extensions(tmp_path: Path, run) -> None:
    write(tmp_path / "a.txt", TEXT_PAGE)
    write(tmp_path / "a.html", HTML_PAGE)
    write(tmp_path / "b.txt", TEXT_PAGE)
    assert run(tmp_path)[0] == 0
    assert (tmp_path / "a.txt.clean.txt").read_text() == declutter.clean(TEXT_PAGE).text
    assert (tmp_path / "a.html.clean.txt").read_text() == declutter.clean(HTML_PAGE).text
    assert not (tmp_path / "a.clean.txt").exists()
    assert (tmp_path / "b.clean.txt").exists()


def test_a_single_file_gets_the_name_it_gets_in_its_folder(tmp_path: Path, run) -> None:
    write(tmp_path / "a.txt", TEXT_PAGE)
    write(tmp_path / "a.html", HTML_PAGE)
    assert run(tmp_path / "a.html")[0] == 0
    assert sorted(os.listdir(tmp_path)) == [
        ".a.html.clean.stamp", "a.html", "a.html.clean.txt", "a.txt"
    ]


def test_help_documents_the_rules() -> None:
    out = subprocess.run([sys.executable, "-m", "declutter", "--help"],
                         capture_output=True, text=True)
    assert out.returncode == 0
    for needle in ("a.txt.clean.txt", "--timeout", "default: 120", "default: 16M",
                   "--follow-links", "*.expected.txt", "130"):
        assert needle in out.stdout


def test_outputs_and_fixtures_are_never_inputs(tmp_path: Path, run) -> None:
    write(tmp_path / "a.txt", TEXT_PAGE)
    write(tmp_path / "a.expected.txt", TEXT_PAGE)
    write(tmp_path / "old.clean.txt", TEXT_PAGE)
    write(tmp_path / "old.clean.json", "{}")
    write(tmp_path / ".hidden.txt", TEXT_PAGE)
    for _ in range(2):
        assert run(tmp_path, "--explain", "--force")[0] == 0
    assert sorted(os.listdir(tmp_path)) == [
        ".a.clean.stamp", ".hidden.txt", "a.clean.json", "a.clean.txt", "a.expected.txt",
        "a.txt", "old.clean.json", "old.clean.txt",
    ]


def test_txt_holding_html_is_cleaned_as_html(tmp_path: Path, run) -> None:
    write(tmp_path / "page.txt", HTML_PAGE)
    write(tmp_path / "dump.txt", TEXT_PAGE)
    write(tmp_path / "markup.html", TEXT_PAGE)  # the extension decides
    assert run(tmp_path, "--explain")[0] == 0
    kinds = {n: json.loads((tmp_path / f"{n}.clean.json").read_text())["kind"]
             for n in ("page", "dump", "markup")}
    assert kinds == {"page": "html", "dump": "text", "markup": "html"}
    assert (tmp_path / "page.clean.txt").read_text() == declutter.clean(HTML_PAGE).text


def test_rerun_skips_pages_made_from_the_same_bytes_options_and_version(
    tmp_path: Path, run
) -> None:
    a = write(tmp_path / "a.txt", TEXT_PAGE)
    write(tmp_path / "b.txt", variant(2))
    assert run(tmp_path)[1][-1].startswith("declutter: 2 cleaned, 0 skipped")
    assert run(tmp_path)[1] == ["declutter: 0 cleaned, 2 skipped, 0 failed"]
    # File times alone change nothing: the stamp holds the raw bytes' hash.
    age(tmp_path / "a.clean.txt", 100)
    age(a, -100)
    assert run(tmp_path)[1] == ["declutter: 0 cleaned, 2 skipped, 0 failed"]
    # Other options: every page redone, and the summary says why.
    assert run(tmp_path, "--no-title")[1][-1].startswith(
        "declutter: 2 cleaned (2 redone: 2 options changed), 0 skipped"
    )
    assert not (tmp_path / "a.clean.txt").read_text().startswith("Council approves")
    assert run(tmp_path, "--no-title")[1][-1].startswith("declutter: 0 cleaned, 2 skipped")
    write(a, variant(7))  # the raw page changed
    (tmp_path / "b.clean.txt").unlink()  # an output removed
    assert run(tmp_path, "--no-title")[1][-1].startswith(
        "declutter: 2 cleaned (2 redone: 1 output missing, 1 raw changed), 0 skipped"
    )
    # --explain is another option; --force redoes all, without reasons.
    assert run(tmp_path, "--no-title", "--explain")[1][-1].startswith(
        "declutter: 2 cleaned (2 redone: 2 options changed)"
    )
    assert run(tmp_path, "--no-title", "--explain", "--force")[1][-1].startswith(
        "declutter: 2 cleaned, 0 skipped"
    )


def test_rerun_redoes_pages_of_another_version_or_without_stamp(
    tmp_path: Path, run, monkeypatch
) -> None:
    write(tmp_path / "a.txt", TEXT_PAGE)
    write(tmp_path / "b.txt", variant(2))
    assert run(tmp_path)[0] == 0
    (tmp_path / ".b.clean.stamp").unlink()  # outputs made by a declutter without stamps
    monkeypatch.setattr("declutter.stamps.__version__", "99.0")
    assert run(tmp_path)[1][-1].startswith(
        "declutter: 2 cleaned (2 redone: 1 no stamp, 1 version changed), 0 skipped"
    )

def test_explain_document(tmp_path: Path, run) -> None:
    write(tmp_path / "a.txt", TEXT_PAGE)
    write(tmp_path / "b.html", HTML_PAGE)
    assert run(tmp_path, "--explain")[0] == 0
    doc = json.loads((tmp_path / "a.clean.json").read_text(encoding="utf-8"))
    assert doc == declutter.clean(TEXT_PAGE).explain()
    assert doc["kind"] == "text" and doc["language"] == "en"
    assert doc["title"] == "Council approves budget for the harbour bridge"
    blocks = doc["blocks"]
    assert [b["index"] for b in blocks] == list(range(len(blocks)))
    assert all(b["rule"] and b["cue"] and "stats" in b for b in blocks)
    removed = {b["rule"] for b in blocks if not b["kept"]}
    assert {"navigation", "newsletter", "legal"} <= removed
    assert any(b["kept"] and b["rule"] == "content" for b in blocks)
    html = json.loads((tmp_path / "b.clean.json").read_text())
    assert html["kind"] == "html" and all("link_density" in b["stats"] for b in html["blocks"])


def test_jobs_2_is_byte_identical_to_jobs_1(tmp_path: Path, run) -> None:
    for n in range(12):
        write(tmp_path / "one" / f"p{n:02}.txt", variant(n))
        write(tmp_path / "one" / f"h{n:02}.html", HTML_PAGE.replace("Tuesday", f"day {n}"))
    write(tmp_path / "one" / "bad.txt", "")
    os.system(f"cp -a {tmp_path / 'one'} {tmp_path / 'two'}")
    code1, err1 = run(tmp_path / "one", "--jobs", "1", "--explain")
    code2, err2 = run(tmp_path / "two", "--jobs", "2", "--explain")
    assert code1 == code2 == 1
    assert snapshot(tmp_path / "one") == snapshot(tmp_path / "two")
    assert [e.replace("/one/", "/x/") for e in err1] == [e.replace("/two/", "/x/") for e in err2]


def test_failures_are_named_and_the_run_goes_on(tmp_path: Path, run) -> None:
    write(tmp_path / "a.txt", TEXT_PAGE)
    write(tmp_path / "empty.txt", "")
    write(tmp_path / "image.html", b"\x89PNG\r\n\x1a\n" + bytes(200))
    code, err = run(tmp_path)
    assert code == 1
    assert err == [
        f"declutter: {tmp_path / 'empty.txt'}: empty page",
        f"declutter: {tmp_path / 'image.html'}: binary content (PNG image), not a web page",
        "declutter: 1 cleaned, 0 skipped, 2 failed; removed: legal 1, navigation 1, "
        "newsletter 1, related_list 1",
    ]
    assert (tmp_path / "a.clean.txt").exists() and not (tmp_path / "empty.clean.txt").exists()


@pytest.mark.parametrize(
    "argv",
    [["--jobs", "0", "."], ["--bogus", "."], ["--timeout", "-1", "."], ["--max-bytes", "x", "."],
     [], ["-", "other"]],
)
def test_usage_errors_exit_2(argv: list[str], run, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert run(*argv)[0] == 2


def test_missing_path_exits_2_before_cleaning_anything(tmp_path: Path, run) -> None:
    write(tmp_path / "a.txt", TEXT_PAGE)
    code, err = run(tmp_path, tmp_path / "nope")
    assert code == 2
    assert err == [f"declutter: {tmp_path / 'nope'}: no such file or directory"]
    assert not (tmp_path / "a.clean.txt").exists()


def test_explicit_non_page_is_noted_not_failed(tmp_path: Path, run) -> None:
    write(tmp_path / "a.txt", TEXT_PAGE)
    write(tmp_path / "notes.md", TEXT_PAGE)
    code, err = run(tmp_path / "a.txt", tmp_path / "notes.md", tmp_path / "a.txt", tmp_path)
    assert code == 0
    assert err[0].startswith(f"declutter: note: {tmp_path / 'notes.md'}: not a page (")
    assert err[1:] == [
        "declutter: 1 cleaned, 0 skipped, 0 failed; 1 file not a page: use --include GLOB; "
        "removed: legal 1, navigation 1, newsletter 1, related_list 1",
    ]


def test_max_bytes(tmp_path: Path, run) -> None:
    write(tmp_path / "big.txt", TEXT_PAGE * 3)
    write(tmp_path / "small.txt", "Short page.\n\nWith two paragraphs of text here.\n")
    code, err = run(tmp_path, "--max-bytes", "1K")
    assert code == 1
    size = len((TEXT_PAGE * 3).encode())
    assert err[0] == (f"declutter: {tmp_path / 'big.txt'}: page is {size} bytes, over the "
                      "--max-bytes limit of 1024; not cleaned")
    assert err[-1].startswith("declutter: 1 cleaned, 0 skipped, 1 failed")
    assert not (tmp_path / "big.clean.txt").exists()


def test_language_and_no_title(tmp_path: Path, run) -> None:
    write(tmp_path / "a.txt", TEXT_PAGE)
    assert run(tmp_path, "--no-title", "--language", "en", "--explain")[0] == 0
    assert (tmp_path / "a.clean.txt").read_text().startswith("The city council")
    assert json.loads((tmp_path / "a.clean.json").read_text())["language"] == "en"


def test_an_unknown_language_is_a_usage_error_that_lists_the_codes(tmp_path: Path, run) -> None:
    write(tmp_path / "a.txt", TEXT_PAGE)
    code, err = run(tmp_path, "--language", "zz")
    assert code == 2
    assert "unknown language code 'zz'" in err[-1] and "en, eo, es" in err[-1]
    assert not (tmp_path / "a.clean.txt").exists()


# --- stdin ---------------------------------------------------------------------------


class _Std(io.TextIOWrapper):
    """A text stream over bytes, with ``.buffer`` like the real sys.stdin/stdout."""


def _stdio(monkeypatch, data: bytes) -> io.BytesIO:
    out = io.BytesIO()
    monkeypatch.setattr(sys, "stdin", _Std(io.BytesIO(data), encoding="utf-8"))
    monkeypatch.setattr(sys, "stdout", _Std(out, encoding="utf-8", write_through=True))
    return out


@pytest.mark.parametrize("page", [TEXT_PAGE, HTML_PAGE])
def test_stdin_to_stdout(monkeypatch, capsys, page: str) -> None:
    out = _stdio(monkeypatch, page.encode())
    assert cli.main(["-"]) == 0
    assert out.getvalue().decode() == declutter.clean(page).text
    assert capsys.readouterr().err.startswith("declutter: 1 cleaned, 0 skipped, 0 failed")


def test_stdin_failure(monkeypatch, capsys) -> None:
    out = _stdio(monkeypatch, b"   \n")
    assert cli.main(["-", "--timeout", "0"]) == 1
    assert out.getvalue() == b""
    assert capsys.readouterr().err.splitlines()[0] == "declutter: -: page holds only whitespace"


def test_stdin_too_large(monkeypatch, capsys) -> None:
    _stdio(monkeypatch, TEXT_PAGE.encode())
    assert cli.main(["-", "--max-bytes", "10"]) == 1
    assert "over the --max-bytes limit of 10" in capsys.readouterr().err


def test_stdin_explain_is_a_usage_error(monkeypatch) -> None:
    _stdio(monkeypatch, TEXT_PAGE.encode())
    assert cli.main(["-", "--explain"]) == 2


def test_stdin_subprocess() -> None:
    out = subprocess.run([sys.executable, "-m", "declutter", "-"], input=TEXT_PAGE.encode(),
                         capture_output=True)
    assert out.returncode == 0
    assert out.stdout.decode() == declutter.clean(TEXT_PAGE).text
    assert out.stderr.decode().count("\n") == 1


def test_demo_cleans_a_copy_and_reports(tmp_path: Path, capsys) -> None:
    from declutter import demo

    write(tmp_path / "a.txt", TEXT_PAGE)
    write(tmp_path / "a.expected.txt", declutter.clean(TEXT_PAGE).text)
    write(tmp_path / "sub" / "b.html", HTML_PAGE)
    write(tmp_path / "empty.txt", "")
    before = snapshot(tmp_path)
    assert demo.main([str(tmp_path), "--jobs", "2"]) == 1
    assert snapshot(tmp_path) == before  # the folder itself is never written
    out = capsys.readouterr().out
    assert "a.txt  [text, en]  8 lines / 104 words -> 4 lines / 82 words" in out
    assert "vs a.expected.txt: identical" in out
    assert "sub/b.html  [html, en]" in out and "empty.txt: failed" in out
    assert "declutter: empty.txt: empty page" in out
    assert out.rstrip().splitlines()[-1].startswith("declutter: 2 cleaned, 0 skipped, 1 failed")


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_stdout_write_failure_is_a_page_failure() -> None:
    with open("/dev/full", "wb") as full:
        out = subprocess.run([sys.executable, "-m", "declutter", "-"], input=TEXT_PAGE.encode(),
                             stdout=full, stderr=subprocess.PIPE, text=False)
    assert out.returncode == 1
    assert out.stderr.decode().splitlines() == [
        "declutter: -: cannot write to stdout: No space left on device",
        "declutter: 0 cleaned, 0 skipped, 1 failed",
    ]
