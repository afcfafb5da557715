"""The JSON Lines adapter: one answer per record, in order, failures per record."""

from __future__ import annotations

import io
import json

import pytest

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
    monkeypatch.setattr("sys.stdin", io.StringIO("\n".join(records) + "\n"))
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
