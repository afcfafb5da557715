"""Stamps (``declutter.stamps``) and page sniffing (``declutter.sniff``) as functions."""

from __future__ import annotations

import gzip

import pytest

from declutter import Options, stamps
from declutter.errors import TooLargeError
from declutter.model import Kind
from declutter.sniff import by_name, forced_kind, gunzip, head_of, is_html, matches, suffix

KEY = stamps.options_key(Options(), "txt", False)
OUTS = ("a.clean.txt",)


def _stamp(raw: bytes = b"page", key: str = KEY, outputs=OUTS) -> stamps.Stamp:
    return stamps.stamp_for(raw, key, outputs)


def test_stamp_round_trips() -> None:
    stamp = _stamp()
    assert stamps.parse(stamp.to_bytes()) == stamp


@pytest.mark.parametrize("data", [b"", b"\xff", b"[]", b'{"version": 1}', b"{}"])
def test_damaged_stamps_are_no_stamps(data: bytes) -> None:
    assert stamps.parse(data) is None


def test_why_redo_in_reason_order() -> None:
    new, present = _stamp(), frozenset(OUTS)
    assert stamps.why_redo(new, new, present) is None
    assert stamps.why_redo(None, new, frozenset()) == stamps.NEW
    assert stamps.why_redo(None, new, present) == stamps.STAMP_MISSING  # made before stamps
    assert stamps.why_redo(new, new, frozenset()) == stamps.OUTPUT_MISSING
    old = stamps.Stamp("0.0.1", new.raw_sha256, new.options, OUTS)
    assert stamps.why_redo(old, new, present) == stamps.VERSION_CHANGED
    other = stamps.options_key(Options(keep_title=False), "txt", False)
    assert stamps.why_redo(_stamp(key=other), new, present) == stamps.OPTIONS_CHANGED
    assert stamps.why_redo(_stamp(b"old page"), new, present) == stamps.RAW_CHANGED


@pytest.mark.parametrize(
    ("change", "same"),
    [
        ({"fmt": "markdown"}, False),
        ({"explain": True}, False),
        ({"options": Options(language="it")}, False),
        ({"options": Options(kind=Kind.HTML)}, True),  # the kind follows from the page
    ],
)
def test_options_key_holds_what_shapes_outputs(change, same) -> None:
    args = {"options": Options(), "fmt": "txt", "explain": False} | change
    assert (stamps.options_key(**args) == KEY) is same


@pytest.mark.parametrize(
    ("name", "ext", "verdict"),
    [
        ("a.html", ".html", "page"),
        ("A.HTM", ".htm", "page"),
        ("a.txt", ".txt", "page"),
        ("index.php", ".php", "sniff"),
        ("article.aspx?id=3&x=.jpg", ".aspx", "sniff"),
        ("page.shtml", ".shtml", "sniff"),
        ("about", "", "sniff"),
        ("feed.html.gz", ".html", "page"),
        ("data.gz", "", "sniff"),
        ("v1.0-final-release", "", "sniff"),
        ("photo.jpg", ".jpg", "no"),
        ("style.css", ".css", "no"),
        ("notes.md", ".md", "no"),
    ],
)
def test_names(name: str, ext: str, verdict: str) -> None:
    assert suffix(name) == ext
    assert by_name(name) == verdict


def test_forced_kind() -> None:
    assert forced_kind("a.html.gz") is Kind.HTML
    assert forced_kind("a.txt") is None and forced_kind("index.php") is None


@pytest.mark.parametrize(
    ("head", "html"),
    [
        (b"<!DOCTYPE html><html><body><p>x</p></body></html>", True),
        (b"\xef\xbb\xbf\n  <html><head><title>t</title></head>", True),
        (b"Plain text notes\nwith two lines\n", False),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00<html>", False),  # a JPEG
        (b"", False),
    ],
)
def test_is_html(head: bytes, html: bool) -> None:
    assert is_html(head) is html


def test_include_exclude_patterns() -> None:
    assert matches(("*.php",), "sub/index.php")
    assert not matches(("sub/*.php",), "other/index.php")
    assert matches(("sub/*.php",), "sub/index.php")
    assert not matches((), "a.html")


def test_gunzip_applies_the_size_limit_after_decompression() -> None:
    bomb = gzip.compress(b"<p>" + b"a" * 100_000)
    assert len(bomb) < 1000
    assert gunzip(bomb, max_bytes=200_000).startswith(b"<p>aaa")
    with pytest.raises(TooLargeError, match="once decompressed"):
        gunzip(bomb, max_bytes=50_000)
    with pytest.raises(ValueError, match="not gzip"):
        gunzip(b"<html>", max_bytes=10)
    with pytest.raises(ValueError, match="damaged"):
        gunzip(bomb[: len(bomb) // 2], max_bytes=200_000)


def test_head_of_a_gz_page_is_decompressed() -> None:
    page = b"<html><body>" + b"x" * 10_000
    assert head_of(gzip.compress(page), True) == page[:4096]
    assert head_of(b"not gzip", True) == b""
    assert head_of(page, False) == page[:4096]
