"""Crawl archives: WARC files written here with warcio, read back by ``declutter``."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from declutter import cli
from declutter.decode import decode

ARTICLE_FR = (
    "Le café du village est très bon, dit la maîtresse d'école, et les élèves naïfs "
    "l'écoutent avec attention pendant que le garçon apporte les croissants. "
)
# Windows-1252 declared only in the HTTP header: the page has no <meta charset>.
PAGE_1252 = (
    "<html><head><title>Le café</title></head><body><nav><a href='/'>Accueil</a></nav>"
    f"<article><h1>Le café</h1><p>{ARTICLE_FR * 3}</p><p>Prix : 3 € – « déjà vu »</p>"
    "</article></body></html>"
).encode("cp1252")
# Few non-ASCII bytes: too little evidence to guess a code page, so only the header's
# charset reads "Łódź" (0xA3 is "£" in windows-1252).
ARTICLE_PL = "The city of Łódź lies in the middle of Poland and it is the third largest one. "
PAGE_1250 = (
    f"<html><body><article><h1>Łódź</h1><p>{ARTICLE_PL * 3}</p></article></body></html>"
).encode("cp1250")
PAGE_UTF8 = (
    b"<html><head><meta charset='utf-8'><title>Bridge</title></head><body><article>"
    b"<p>The council said on Monday that the repairs to the old bridge would start in the "
    b"spring and take about eight months, while a ferry keeps the two banks connected.</p>"
    b"</article></body></html>"
)


def response(writer: WARCWriter, url: str, body: bytes, content_type: str,
             status: str = "200 OK"):
    http = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
    return writer.create_warc_record(url, "response", payload=io.BytesIO(body),
                                     http_headers=http)


def records(version: str = "1.0") -> list[bytes]:
    """Each record of the test crawl, as uncompressed WARC bytes, in order."""
    parts = []
    for make in (
        lambda w: w.create_warcinfo_record("crawl.warc.gz", {"software": "test"}),
        lambda w: response(w, "http://example.fr/cafe", PAGE_1252,
                           "text/html; charset=windows-1252"),
        lambda w: response(w, "http://example.fr/logo.png", b"\x89PNG\r\n\x1a\n....", "image/png"),
        lambda w: response(w, "http://example.pl/lodz", PAGE_1250,
                           "text/html;charset=windows-1250"),
        lambda w: response(w, "http://example.com/gone", b"<html>Gone</html>", "text/html",
                           "404 Not Found"),
        lambda w: response(w, "http://example.com/bridge", PAGE_UTF8, "text/html"),
    ):
        out = io.BytesIO()
        writer = WARCWriter(out, gzip=False, warc_version=version)
        writer.write_record(make(writer))
        parts.append(out.getvalue())
    return parts


def archive(parts: list[bytes], how: str) -> bytes:
    if how == "gzip per record":
        return b"".join(gzip.compress(part) for part in parts)
    if how == "gzip whole":
        return gzip.compress(b"".join(parts))
    return b"".join(parts)


def run(tmp_path: Path, data: bytes, capsys, *args: str, name: str = "crawl.warc.gz"):
    path = tmp_path / name
    path.write_bytes(data)
    code = cli.main([*args, str(path)])
    captured = capsys.readouterr()
    return code, [json.loads(line) for line in captured.out.splitlines()], captured.err


@pytest.mark.parametrize("version", ["1.0", "1.1"])
@pytest.mark.parametrize("how", ["gzip per record", "gzip whole", "plain"])
def test_html_responses_are_cleaned_with_their_warc_fields(tmp_path, capsys, how, version
                                                           ) -> None:
    parts = records(version)
    assert parts[1].startswith(f"WARC/{version}\r\n".encode())
    name = "crawl.warc" if how == "plain" else "crawl.warc.gz"
    code, out, _ = run(tmp_path, archive(parts, how), capsys, "--jobs", "2", name=name)
    assert code == 0
    assert [o["url"] for o in out] == [
        "http://example.fr/cafe", "http://example.fr/logo.png", "http://example.pl/lodz",
        "http://example.com/gone", "http://example.com/bridge",
    ]
    cafe = out[0]
    assert cafe["id"] == cafe["warc_record_id"] and cafe["warc_record_id"].startswith("<urn:")
    assert cafe["warc_date"] and cafe["kind"] == "html" and cafe["language"] == "fr"
    assert "Le café du village est très bon" in cafe["text"]
    assert "élèves naïfs" in cafe["text"] and "3 € – « déjà vu »" in cafe["text"]
    assert "Łódź lies in the middle" in out[2]["text"]
    assert "repairs to the old bridge" in out[4]["text"]


def test_the_http_charset_is_what_reads_the_polish_page() -> None:
    assert "Łódź" not in decode(PAGE_1250)  # the test's premise: no guess reads it
    assert "Łódź" in decode(PAGE_1250, charset="windows-1250")


def test_pages_that_are_no_html_are_skipped_not_failed(tmp_path, capsys) -> None:
    code, out, err = run(tmp_path, archive(records(), "gzip per record"), capsys)
    assert code == 0
    assert out[1]["skipped"] == "not an HTML page (image/png)" and "text" not in out[1]
    assert out[3]["skipped"] == "HTTP status 404"
    assert "3 records cleaned, 2 skipped, 0 failed" in err


@pytest.mark.parametrize("cut", [40, 300, 700])  # bytes cut from the end of the archive
def test_a_truncated_tail_is_one_error_record_after_the_pages_before_it(
    tmp_path, capsys, cut
) -> None:
    data = archive(records(), "gzip per record")
    code, out, err = run(tmp_path, data[:-cut], capsys)
    assert code == 1
    assert [o["url"] for o in out[:3]] == [
        "http://example.fr/cafe", "http://example.fr/logo.png", "http://example.pl/lodz",
    ]
    assert "Łódź" in out[2]["text"]
    *_, last = out
    assert set(last) == {"id", "url", "warc_record_id", "warc_date", "error"}
    assert "cut off" in last["error"] and "cut off" in err
    assert sum("error" in o for o in out) == 1


def test_a_broken_record_is_reported_and_the_next_one_is_read(tmp_path, capsys) -> None:
    parts = records()
    parts[2] = parts[2].replace(b"WARC/1.0\r\n", b"WARC/9.X\r\n", 1)  # the PNG's record
    parts[2] = parts[2].replace(b"WARC/1.1\r\n", b"WARC/9.X\r\n", 1)
    code, out, err = run(tmp_path, archive(parts, "gzip per record"), capsys)
    assert code == 1
    assert out[0]["url"] == "http://example.fr/cafe" and "text" in out[0]
    assert "broken record" in out[1]["error"]
    assert set(out[1]) == {"id", "url", "warc_record_id", "warc_date", "error"}
    assert [o["url"] for o in out[2:]] == [
        "http://example.pl/lodz", "http://example.com/gone", "http://example.com/bridge",
    ]
    assert "broken record" in err


def test_output_file(tmp_path, capsys) -> None:
    target = tmp_path / "clean.jsonl"
    code, out, _ = run(tmp_path, archive(records(), "gzip per record"), capsys,
                       "-o", str(target))
    assert code == 0 and out == []
    lines = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]
    assert len(lines) == 5 and "Łódź" in lines[2]["text"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["clean.jsonl", "crawl.warc.gz"]


def test_warc_from_stdin(monkeypatch, capsys) -> None:
    data = archive(records(), "gzip per record")
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BufferedReader(io.BytesIO(data))))
    assert cli.main(["--warc", "-"]) == 0
    out = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert len(out) == 5 and "Le café" in out[0]["text"]


def test_a_page_that_cannot_be_cleaned_is_an_error_record_with_the_warc_keys(
    tmp_path, capsys
) -> None:
    out_bytes = io.BytesIO()
    writer = WARCWriter(out_bytes, gzip=True)
    writer.write_record(response(writer, "http://example.com/empty", b"  \n ", "text/html"))
    writer.write_record(response(writer, "http://example.com/bridge", PAGE_UTF8, "text/html"))
    code, out, err = run(tmp_path, out_bytes.getvalue(), capsys)
    assert code == 1
    assert list(out[0]) == ["id", "url", "warc_record_id", "warc_date", "error"]
    assert out[0]["url"] == "http://example.com/empty" and "EmptyPageError" in out[0]["error"]
    assert "http://example.com/empty: EmptyPageError" in err
    assert "repairs to the old bridge" in out[1]["text"]


def test_clean_archive_in_python(tmp_path) -> None:
    from declutter.warc import clean_archive

    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(archive(records(), "gzip per record"))
    out = list(clean_archive(str(path)))
    assert [o.get("skipped", "") for o in out] == [
        "", "not an HTML page (image/png)", "", "HTTP status 404", ""]
    assert "Łódź lies" in out[2]["text"]


def test_warc_archives_and_page_folders_do_not_mix(tmp_path, capsys) -> None:
    (tmp_path / "pages").mkdir()
    code, out, err = run(tmp_path, archive(records(), "plain"), capsys, str(tmp_path / "pages"),
                         name="crawl.warc")
    assert code == 2 and out == [] and "cannot be mixed" in err


def test_a_gzip_content_encoded_payload_is_decoded(tmp_path, capsys) -> None:
    """As wget stores a response it asked for compressed: the HTTP payload in gzip."""
    out_bytes = io.BytesIO()
    writer = WARCWriter(out_bytes, gzip=True)
    http = StatusAndHeaders("200 OK", [("Content-Type", "text/html"),
                                       ("Content-Encoding", "gzip")], protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record(
        "http://example.com/bridge", "response", payload=io.BytesIO(gzip.compress(PAGE_UTF8)),
        http_headers=http))
    code, out, _ = run(tmp_path, out_bytes.getvalue(), capsys)
    assert code == 0 and "repairs to the old bridge" in out[0]["text"]


def test_a_file_that_is_no_warc_archive_says_so(tmp_path, capsys) -> None:
    code, out, err = run(tmp_path, b"<html><body>not an archive</body></html>\n", capsys,
                         name="page.warc")
    assert code == 1 and len(out) == 1
    assert out[0]["error"].startswith("not a WARC archive") and "not a WARC archive" in err
