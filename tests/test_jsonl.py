"""The JSON Lines adapter: one answer per record, in order, failures per record."""

from __future__ import annotations

import bz2
import gzip
import io
import json
import lzma
import signal
import subprocess
import sys
import time
import tracemalloc

import pytest
from conftest import time_limit

from declutter import cli
from declutter.jsonl import clean_records

ARTICLE = (
    "A headline for the test\n\n"
    "This paragraph is the body of the article and it is long enough, with plenty of the "
    "small words that prose is made of, to be kept by the classifier as the article.\n\n"
    "Iscriviti alla newsletter per ricevere tutti i nostri aggiornamenti\n"
)


def test_text_record_is_cleaned_with_its_id() -> None:
    [out] = clean_records([json.dumps({"id": "a1", "text": ARTICLE})])
    assert out["id"] == "a1" and out["kind"] == "text" and out["title"] == "A headline for the test"
    assert "body of the article" in out["text"]
    assert "newsletter" not in out["text"]
    assert "error" not in out


def test_html_record_is_read_as_html() -> None:
    body = ARTICLE.split("\n\n")[1]
    html = f"<html><head><title>T</title></head><body><p>{body}</p></body></html>"
    [out] = clean_records([json.dumps({"id": 7, "html": html})])
    assert out["kind"] == "html" and "body of the article" in out["text"]


@pytest.mark.parametrize(
    ("line", "error"),
    [
        ("not json", "invalid JSON"),
        ("[1, 2]", "a record must be a JSON object"),
        (json.dumps({"id": 3}), "no page"),
        (json.dumps({"id": 4, "text": "   "}), "EmptyPageError"),
    ],
)
def test_a_bad_record_gives_an_error_record(line: str, error: str) -> None:
    [out] = clean_records([line])
    assert error in out["error"]
    assert "text" not in out


def test_bad_records_do_not_stop_the_stream_and_order_is_kept() -> None:
    good = [json.dumps({"id": n, "text": ARTICLE}) for n in (1, 3)]
    lines = [good[0], "{oops", "", good[1]]
    out = list(clean_records(lines))
    assert [o["id"] for o in out] == [1, None, 3]  # the blank line gets no answer
    assert "error" in out[1] and out[1]["line"] == 2


def test_cli_jsonl_streams_stdin_to_stdout(monkeypatch, capsys) -> None:
    records = [json.dumps({"id": 1, "text": ARTICLE}), json.dumps({"id": 2, "text": ""})]
    data = ("\n".join(records) + "\n").encode("utf-8")
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BufferedReader(io.BytesIO(data))))
    code = cli.main(["--jsonl", "-"])
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [line["id"] for line in lines] == [1, 2]
    assert "error" not in lines[0] and "EmptyPageError" in lines[1]["error"]
    assert code == 1  # some record failed


def test_cli_jsonl_all_good_exits_0(tmp_path, capsys) -> None:
    path = tmp_path / "pages.jsonl"
    path.write_text(json.dumps({"id": "x", "text": ARTICLE}) + "\n", encoding="utf-8")
    assert cli.main(["--jsonl", str(path)]) == 0
    [line] = capsys.readouterr().out.splitlines()
    assert json.loads(line)["id"] == "x"


# --- hostile input, compression, pass-through, workers ------------------------------

GOOD = json.dumps({"id": "good", "text": ARTICLE}).encode()
HOSTILE = {
    "a byte that is not UTF-8": (b'{"id": "x", "text": "caf\xe9"}', "not UTF-8: byte 0xe9"),
    "a lone surrogate in the id": (
        json.dumps({"id": "\ud800", "text": ARTICLE}).encode(), "lone surrogate"),
    "a lone surrogate as the page": (b'{"id": "s", "text": "\\ud800"}', "EmptyPageError"),
    "100,000 nested brackets": (b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
    "a 5,000-digit number": (
        b'{"id": "n", "text": "x", "size": ' + b"9" * 5000 + b"}", "invalid JSON"),
    "a NaN id": (b'{"id": NaN, "text": "' + ARTICLE.encode().replace(b"\n", b"\\n") + b'"}',
                 "NaN is not a JSON number"),
    "an infinite number": (
        b'{"id": "i", "text": "' + ARTICLE.encode().replace(b"\n", b"\\n") + b'", "w": 1e999}',
        "Out of range float"),
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_a_hostile_line_is_answered_in_order_by_an_error_record(tmp_path, capsys, case) -> None:
    line, reason = HOSTILE[case]
    path = tmp_path / "pages.jsonl"
    path.write_bytes(b"\n".join([GOOD, line, GOOD]) + b"\n")
    code = cli.main(["--jsonl", "--jobs", "2", str(path)])
    out = capsys.readouterr().out.encode("utf-8")
    answers = [json.loads(row, parse_constant=_refuse) for row in out.splitlines()]
    assert code == 1
    assert [a.get("id") for a in (answers[0], answers[2])] == ["good", "good"]
    assert list(answers[1]) == ["id", "line", "error"]  # the error record's keys, always
    assert answers[1]["line"] == 2 and reason in answers[1]["error"]
    assert answers[1]["id"] in (None, "x", "s", "n", "i")


def _refuse(name: str) -> None:
    raise AssertionError(f"{name} in the output: not JSON")


def test_a_line_over_max_bytes_is_skipped_in_pieces_never_held(monkeypatch) -> None:
    """A 100 MB line against a 1 MB limit: read on in pieces, never held whole."""
    from declutter import jsonl

    line_size = 100 << 20

    class Endless:
        """A 100 MB line, then a good one, made as they are read."""

        def __init__(self) -> None:
            self.left = line_size
            self.rest = [GOOD + b"\n"]

        def readline(self, size: int) -> bytes:
            if not self.left:
                return self.rest.pop() if self.rest else b""
            piece = min(size, self.left)
            self.left -= piece
            return b"a" * piece + (b"" if self.left else b"\n")

    tracemalloc.start()
    lines = list(jsonl.read_lines(Endless(), 1 << 20))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert lines == [(1, line_size + 1), (2, GOOD + b"\n")]
    assert peak < 8 << 20  # a few pieces of a megabyte, not the line


def test_cli_max_bytes_applies_to_a_line(tmp_path, capsys) -> None:
    path = tmp_path / "pages.jsonl"
    big = json.dumps({"id": "big", "text": ARTICLE * 100}).encode()
    path.write_bytes(b"\n".join([GOOD, big, GOOD]) + b"\n")
    assert cli.main(["--jsonl", "--max-bytes", "4K", str(path)]) == 1
    answers = [json.loads(row) for row in capsys.readouterr().out.splitlines()]
    assert [a["id"] for a in answers] == ["good", None, "good"]
    assert "over the --max-bytes limit of 4096" in answers[1]["error"]


@pytest.mark.parametrize("suffix, compress", [(".gz", gzip.compress), (".bz2", bz2.compress),
                                              (".xz", lzma.compress)])
def test_compressed_input_by_extension(tmp_path, capsys, suffix, compress) -> None:
    path = tmp_path / f"pages.jsonl{suffix}"
    path.write_bytes(compress(b"\n".join([GOOD, GOOD]) + b"\n"))
    assert cli.main(["--jsonl", str(path)]) == 0
    answers = [json.loads(row) for row in capsys.readouterr().out.splitlines()]
    assert [a["id"] for a in answers] == ["good", "good"]


def test_a_cut_off_gzip_input_answers_what_it_holds_then_an_error(tmp_path, capsys) -> None:
    path = tmp_path / "pages.jsonl.gz"
    data = gzip.compress(b"\n".join([GOOD] * 50) + b"\n")
    path.write_bytes(data[: len(data) - 30])
    assert cli.main(["--jsonl", str(path)]) == 1
    captured = capsys.readouterr()
    answers = [json.loads(row) for row in captured.out.splitlines()]
    assert all(a["id"] == "good" for a in answers[:-1]) and len(answers) > 1
    assert "cut off" in answers[-1]["error"] and "cut off" in captured.err


def test_fields_not_consumed_are_passed_through_unchanged() -> None:
    record = {"url": "https://e.org/a", "crawl": {"date": "2024-05-01", "shard": 7},
              "id": "p", "score": 0.25, "text": ARTICLE, "title": "input title"}
    [out] = clean_records([json.dumps(record)])
    assert list(out) == [
        "id", "url", "crawl", "score", "text", "title", "language", "kind", "page_type"
    ]
    assert out["url"] == record["url"] and out["crawl"] == record["crawl"]
    assert out["score"] == 0.25 and out["title"] == "A headline for the test"


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_workers_answer_in_input_order(tmp_path, capsys, jobs) -> None:
    html = "<html><body><article>{}</article></body></html>"
    records = []
    for n in range(40):  # pages of very different sizes finish out of order
        body = "".join(f"<p>{ARTICLE.splitlines()[2]} {k}</p>" for k in range(1 + 30 * (n % 4)))
        records.append(json.dumps({"id": n, "html": html.format(body), "shard": f"s{n}"}))
    path = tmp_path / "pages.jsonl"
    path.write_text("\n".join(records) + "\n", encoding="utf-8")
    assert cli.main(["--jsonl", "--jobs", jobs, str(path)]) == 0
    answers = [json.loads(row) for row in capsys.readouterr().out.splitlines()]
    assert [(a["id"], a["shard"]) for a in answers] == [(n, f"s{n}") for n in range(40)]


def test_sigterm_leaves_no_output_file_and_no_temporary(tmp_path) -> None:
    """-o FILE is written whole or not at all: a stopped run leaves neither it nor its
    temporary file, and its workers are gone."""
    path = tmp_path / "pages.jsonl"
    path.write_bytes(b"\n".join([GOOD] * 5000) + b"\n")
    target = tmp_path / "clean.jsonl"
    proc = subprocess.Popen(
        [sys.executable, "-m", "declutter", "--jsonl", "--jobs", "2", "-o", str(target),
         str(path)], stderr=subprocess.PIPE, text=True)
    with time_limit(120, "the run's first answers"):
        while not any(p.name.endswith(".tmp") and p.stat().st_size for p in tmp_path.iterdir()):
            time.sleep(0.05)
    proc.send_signal(signal.SIGTERM)
    with time_limit(60, "stopping"):
        _, err = proc.communicate()
    assert proc.returncode == 143
    assert "the rest not done (terminated)" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pages.jsonl"]
