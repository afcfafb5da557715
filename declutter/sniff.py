"""Which files of a folder are pages: by name, and by content where the name says nothing.

A crawl mirrored by wget or HTTrack names its pages after their URLs: ``index.php``,
``page.shtml``, ``article.aspx?id=3``, ``about`` (no extension), ``feed.html.gz``. So:

- a name's extension is read without the URL's query (``a.php?id=3`` -> ``.php``) and
  under a ``.gz`` (``a.html.gz`` -> ``.html``, the page decompressed);
- ``RAW_SUFFIXES`` are pages by name (``.txt``, ``.html``, ``.htm``, ``.xhtml``);
- ``SNIFFED_SUFFIXES`` (server-side page names) and names without an extension are pages
  when their first bytes are HTML (``decode.sniff_kind``'s signature or tag density);
- any other file is *not a page*: counted in the run's summary, never cleaned, unless an
  ``--include`` pattern names it (it is then cleaned, its kind sniffed).
"""

from __future__ import annotations

import gzip
import io
import os
import zlib
from fnmatch import fnmatchcase

from .decode import SNIFF_BYTES, sniff_kind
from .errors import TooLargeError
from .model import Kind

# Page extensions, and the kind each one forces (None: sniffed from the content).
RAW_SUFFIXES: dict[str, Kind | None] = {
    ".txt": None,
    ".html": Kind.HTML,
    ".htm": Kind.HTML,
    ".xhtml": Kind.HTML,
}
# Server-side page names: pages when their content is HTML.
SNIFFED_SUFFIXES = frozenset(
    {".php", ".php3", ".php5", ".asp", ".aspx", ".shtml", ".shtm", ".jsp", ".jspx",
     ".cfm", ".cgi", ".pl", ".do", ".action"}
)
GZIP_SUFFIX = ".gz"
# Compressed bytes read to sniff a .gz file: enough for its first SNIFF_BYTES of page.
HEAD_READ_BYTES = 1 << 16
# A suffix longer than this is no extension ("report.final-version-2"): the name has none.
MAX_SUFFIX_CHARS = 8
_GZIP_MAGIC = b"\x1f\x8b"


def inner_name(name: str) -> tuple[str, bool]:
    """The name without a ``.gz`` suffix, and whether it had one."""
    if name.lower().endswith(GZIP_SUFFIX) and len(name) > len(GZIP_SUFFIX):
        return name[: -len(GZIP_SUFFIX)], True
    return name, False


def suffix(name: str) -> str:
    """The extension of a page name, lower-cased, without a URL query or ``.gz``;
    "" for none (``"a.php?id=3"`` -> ``".php"``, ``"a.html.gz"`` -> ``".html"``)."""
    base = inner_name(name)[0].split("?", 1)[0]
    ext = os.path.splitext(base)[1].lower()
    return ext if len(ext) <= MAX_SUFFIX_CHARS and ext[1:].isalnum() else ""


def short_stem(name: str) -> str:
    """The name without ``.gz``, a URL query and the extension ("a.php?id=3" -> "a");
    the whole name where that leaves nothing."""
    base = inner_name(name)[0].split("?", 1)[0]
    ext = suffix(name)
    stem = base[: -len(ext)] if ext and base.lower().endswith(ext) else base
    return stem or name


def by_name(name: str) -> str:
    """``"page"`` (a page by its name), ``"sniff"`` (read its first bytes) or ``"no"``."""
    ext = suffix(name)
    if ext in RAW_SUFFIXES:
        return "page"
    if ext in SNIFFED_SUFFIXES or not ext:
        return "sniff"
    return "no"


def forced_kind(name: str) -> Kind | None:
    """The kind a page's name forces (HTML for ``.html`` ...); None: sniff the content."""
    return RAW_SUFFIXES.get(suffix(name))


def is_html(head: bytes) -> bool:
    """The first bytes of a file are an HTML page (binary data never is)."""
    if b"\x00" in head:
        return False
    text = head.decode("utf-8", "replace").lstrip("\ufeff \t\r\n")
    return sniff_kind(text[:SNIFF_BYTES]) is Kind.HTML


def matches(patterns: tuple[str, ...], relative: str) -> bool:
    """Whether a path (relative to the PATH given, "/"-separated) matches a pattern: a
    pattern with a "/" is matched against the whole relative path, else the file name."""
    name = relative.rsplit("/", 1)[-1]
    return any(fnmatchcase(relative if "/" in p else name, p) for p in patterns)


def gunzip(data: bytes, *, max_bytes: int) -> bytes:
    """``data`` decompressed (gzip), refused once it grows over ``max_bytes``.

    Raises ``TooLargeError`` over the limit and ``ValueError`` for data that is no gzip
    stream (damaged, truncated)."""
    if not data.startswith(_GZIP_MAGIC):
        raise ValueError("not gzip data")
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as stream:
            out = stream.read(max_bytes + 1)
    except (OSError, EOFError, zlib.error) as exc:
        raise ValueError(f"damaged gzip data: {exc}") from None
    if len(out) > max_bytes:
        raise TooLargeError(
            f"page is over the --max-bytes limit of {max_bytes} once decompressed; not cleaned"
        )
    return out


def head_of(data: bytes, gzipped: bool) -> bytes:
    """The first ``SNIFF_BYTES`` of a file's page (decompressed for a ``.gz``); b"" when
    a ``.gz`` is no gzip stream."""
    if not gzipped:
        return data[:SNIFF_BYTES]
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as stream:
            return stream.read(SNIFF_BYTES)
    except (OSError, EOFError, zlib.error):
        return b""
