"""--format on the command line: folders, --jsonl and stdin render through declutter.render."""

from __future__ import annotations

import io
import json
import sys

import pytest
from conftest import HTML_PAGE, TEXT_PAGE

import declutter
from declutter import Options, cli, render

AUTHORED = HTML_PAGE.replace("<head>", "<head><meta name='author' content='Jane Doe'>")


class _Std(io.TextIOWrapper):
    pass


def _stdio(monkeypatch, data: bytes) -> io.BytesIO:
    out = io.BytesIO()
    monkeypatch.setattr(sys, "stdin", _Std(io.BytesIO(data), encoding="utf-8"))
    monkeypatch.setattr(sys, "stdout", _Std(out, encoding="utf-8", write_through=True))
    return out


def _jsonl(monkeypatch, capsys, *args: str) -> list[dict]:
    records = [{"id": 1, "html": AUTHORED, "url": "u", "date": "2024-01-02"},
               {"id": 2, "text": TEXT_PAGE}]
    data = "".join(json.dumps(r) + "\n" for r in records).encode()
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BufferedReader(io.BytesIO(data))))
    assert cli.main(["--jsonl", "-", "--jobs", "1", *args]) == 0
    return [json.loads(line) for line in capsys.readouterr().out.splitlines()]


def test_jsonl_txt_is_the_default_record(monkeypatch, capsys) -> None:
    default = _jsonl(monkeypatch, capsys)
    assert _jsonl(monkeypatch, capsys, "--format", "txt") == default
    assert list(default[0]) == ["id", "url", "date", "text", "title", "language", "kind",
                                "page_type"]
    assert default[1]["text"] == declutter.clean(TEXT_PAGE).text


def test_jsonl_markdown_renders_the_text(monkeypatch, capsys) -> None:
    out = _jsonl(monkeypatch, capsys, "--format", "markdown")
    assert out[0]["text"] == render.markdown(declutter.clean(AUTHORED))
    assert out[0]["text"].startswith("# Council approves budget\n\n")


def test_jsonl_json_adds_the_metadata_fields(monkeypatch, capsys) -> None:
    out = _jsonl(monkeypatch, capsys, "--format", "json")
    assert list(out[0]) == ["id", "url", "date", "text", *render.METADATA_FIELDS, "kind"]
    assert out[0]["author"] == "Jane Doe" and out[0]["language"] == "en"
    assert (out[0]["url"], out[0]["date"]) == ("u", "2024-01-02")  # passed through
    assert out[0]["text"] == declutter.clean(AUTHORED).text
    assert out[1]["author"] is None and out[1]["kind"] == "text"


@pytest.mark.parametrize("fmt", ["markdown", "json"])
def test_stdin_in_each_format(monkeypatch, capsys, fmt: str) -> None:
    out = _stdio(monkeypatch, AUTHORED.encode())
    assert cli.main(["-", "--format", fmt]) == 0
    want = render.render(declutter.clean(AUTHORED, options=Options(metadata=True)), fmt)
    assert out.getvalue().decode() == want


def test_unknown_format_is_a_usage_error(capsys) -> None:
    assert cli.main(["--format", "pdf", "-"]) == 2
    assert "invalid choice: 'pdf'" in capsys.readouterr().err
