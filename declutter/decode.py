"""Raw bytes -> text, and which kind of page the text is.

Order of evidence for the encoding: byte-order mark; strict UTF-8; a UTF-16 byte
pattern without BOM; the charset the page declares (``<meta charset>``, http-equiv,
XML declaration); then charset-normalizer's best guess. Latin-1 / ASCII declarations
are read as windows-1252, as browsers do. Bytes that are no text at all (images,
archives, PDFs) are refused with a clear error instead of being decoded into noise.
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from .errors import BinaryPageError, DecodeError, EmptyPageError
from .model import Kind

# Leading bytes of common binary formats that scrapers save under a page extension.
BINARY_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"%PDF-", "PDF document"),
    (b"\x1f\x8b", "gzip archive"),
    (b"PK\x03\x04", "zip archive"),
    (b"\x7fELF", "ELF executable"),
    (b"BZh", "bzip2 archive"),
    (b"\xfd7zXZ\x00", "xz archive"),
    (b"RIFF", "RIFF media file"),
    (b"OggS", "Ogg media file"),
    (b"\x00\x00\x01\x00", "icon image"),
    (b"wOFF", "web font"),
    (b"wOF2", "web font"),
)

BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: it starts with the same bytes
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# How far into the page a charset declaration or an HTML signature is looked for.
SNIFF_BYTES = 4096
# Share of control bytes above which a page is binary (text has almost none).
BINARY_CONTROL_SHARE = 0.10
# In UTF-16 without BOM, about half the bytes of Latin text are NUL at one parity.
UTF16_NUL_SHARE = 0.35

_DECLARED_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]+)"""
    rb"""|<\?xml[^>]+encoding\s*=\s*["']([a-zA-Z0-9_.:-]+)""",
    re.IGNORECASE,
)
# Browsers read these declarations as windows-1252.
_AS_WINDOWS_1252 = {"iso-8859-1", "latin-1", "latin1", "l1", "us-ascii", "ascii", "iso8859-1"}
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13))
_CONTROL_CHARS = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f]")
_HTML_SIGNATURE = re.compile(
    r"\A\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b",
    re.IGNORECASE | re.DOTALL,
)
_HTML_TAG = re.compile(r"</?(?:p|div|span|a|br|table|td|li|ul|script|meta|link|img)\b", re.I)
# A text sniffed as HTML without a signature needs this many tags per kilobyte.
HTML_TAGS_PER_KB = 2.0
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml", ".shtml"})


def decode(raw: bytes) -> str:
    """Decode a page's bytes to text with newlines normalised to ``\\n``.

    Raises ``EmptyPageError``, ``BinaryPageError`` or ``DecodeError`` with a reason.
    """
    if not raw.strip():
        raise EmptyPageError("empty page" if not raw else "page holds only whitespace")
    text = _decode_bytes(raw)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL_CHARS.sub("", text)
    if not text.strip():
        raise EmptyPageError("page holds only whitespace or control characters")
    return text


def _decode_bytes(raw: bytes) -> str:
    for bom, encoding in BOMS:
        if raw.startswith(bom):
            return _strict(raw[len(bom) :], encoding)
    _refuse_binary(raw)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    utf16 = _utf16_without_bom(raw)
    if utf16:
        return _strict(raw, utf16)
    declared = _declared_charset(raw)
    if declared:
        try:
            return raw.decode(declared)
        except (UnicodeDecodeError, LookupError):
            pass
    best = from_bytes(raw[: 1 << 20]).best()
    if best is not None and best.encoding:
        return raw.decode(best.encoding, errors="replace")
    # Every byte sequence decodes as windows-1252 save five unassigned bytes.
    return raw.decode("cp1252", errors="replace")


def _strict(raw: bytes, encoding: str) -> str:
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError as exc:
        raise DecodeError(f"invalid {encoding} at byte {exc.start}") from None


def _refuse_binary(raw: bytes) -> None:
    for magic, name in BINARY_MAGIC:
        if raw.startswith(magic):
            raise BinaryPageError(f"binary content ({name}), not a web page")
    head = raw[:SNIFF_BYTES]
    if _utf16_without_bom(raw):
        return
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    if controls / len(head) > BINARY_CONTROL_SHARE:
        raise BinaryPageError(
            f"binary content ({controls} control bytes in the first {len(head)}), not text"
        )


def _utf16_without_bom(raw: bytes) -> str | None:
    head = raw[:SNIFF_BYTES]
    if len(head) < 4:
        return None
    even, odd = head[0::2], head[1::2]
    if odd.count(0) / len(odd) > UTF16_NUL_SHARE and even.count(0) < len(even) * 0.05:
        return "utf-16-le"
    if even.count(0) / len(even) > UTF16_NUL_SHARE and odd.count(0) < len(odd) * 0.05:
        return "utf-16-be"
    return None


def _declared_charset(raw: bytes) -> str | None:
    match = _DECLARED_CHARSET.search(raw[:SNIFF_BYTES])
    if not match:
        return None
    name = (match.group(1) or match.group(2)).decode("ascii", "replace").lower()
    if name in _AS_WINDOWS_1252:
        return "cp1252"
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def sniff_kind(text: str, suffix: str = "") -> Kind:
    """HTML for an HTML file name or an HTML signature/markup density, else a text dump."""
    if suffix.lower() in HTML_SUFFIXES:
        return Kind.HTML
    head = text[:SNIFF_BYTES]
    if _HTML_SIGNATURE.match(head):
        return Kind.HTML
    tags = len(_HTML_TAG.findall(head))
    if tags and tags / max(len(head) / 1024, 1.0) >= HTML_TAGS_PER_KB and "<" in head[:200]:
        return Kind.HTML
    return Kind.TEXT
