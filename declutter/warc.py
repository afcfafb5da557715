"""Crawl archives: the HTML pages of a WARC file, as tasks for the JSON Lines answers.

WARC 1.0 and 1.1, uncompressed or gzipped (one gzip member per record, as Common Crawl,
wget ``--warc-file`` and Heritrix write them, or the whole file in one member), are read
with warcio. Every ``response`` (or ``resource``) record whose HTTP ``Content-Type`` is
HTML (or absent) is a page: its payload (chunked and content encodings undone) is
decoded with the header's charset as a hint where the page declares none
(``declutter.decode``), cleaned, and answered as ``{"id", "url", "warc_record_id",
"warc_date", "text", "title", "language", "kind", "page_type"}`` (``id``: the record id, else the
URL). In the same stream, in archive order:

- a page that cannot be cleaned, a record cut off by the end of the archive, and a
  broken record are answered ``{"id", "url", "warc_record_id", "warc_date", "error"}``
  (these keys every time; null where unknown) and count as failures. After a broken
  record the reading goes on at the next line that starts a WARC record.
- a response that is no HTML page (an image, a PDF, robots.txt) or has no 2xx status is
  answered ``{"id", "url", "warc_record_id", "warc_date", "skipped"}``: passed over,
  not a failure.
- records of other types (``request``, ``metadata``, ``warcinfo``, ``revisit``...) hold
  no page and get no answer.
"""

from __future__ import annotations

import io
import json
import re
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO, Any

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.recordloader import ArcWarcRecord
from warcio.statusandheaders import StatusAndHeadersParserException

from .jsonl import READ_ERRORS, Answer, Ready, Where, answer_page, answers, encode, open_input
from .model import Kind
from .options import Options
from .render import DEFAULT_FORMAT
from .runner import Settings
from .site.fingerprint import PagePrint
from .site.learn import SiteRun, SiteSetup, print_page

# File names read as WARC archives (lower-cased endings).
WARC_SUFFIXES = (".warc", ".warc.gz")
# Record types that hold a fetched document.
PAGE_RECORDS = frozenset({"response", "resource"})
# Media types of an HTML page (a record without a Content-Type is sniffed as well).
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
# The keys of every WARC answer, before the page's fields or the error.
IDENTITY_FIELDS = ("id", "url", "warc_record_id", "warc_date")
# zlib's wbits for a gzip member (header and trailer checked).
GZIP_WBITS = 16 + zlib.MAX_WBITS
GZIP_MAGIC = b"\x1f\x8b"
# Bytes read from the archive at a time.
READ_CHUNK = 1 << 16
# A line that starts a WARC record: where reading resumes after a broken record.
RECORD_START = re.compile(rb"WARC/1\.[01]\r?\n")
# What warcio raises for a record it cannot parse (AttributeError, TypeError: headers
# it needs, such as WARC-Target-URI, missing or cut off).
BROKEN_RECORD = (ArchiveLoadFailed, StatusAndHeadersParserException, ValueError,
                 AttributeError, TypeError, *READ_ERRORS)
_CHARSET = re.compile(r"""charset\s*=\s*["']?([\w.:-]+)""", re.IGNORECASE)


def clean_archive(
    path: str, *, options: Options | None = None, max_bytes: int | None = None
) -> Iterator[dict[str, Any]]:
    """Every answer of the WARC archive at ``path`` (see above), lazily, in archive
    order, cleaned in this process; ``max_bytes``: the size limit of a page (default:
    the CLI's ``--max-bytes``)."""
    limit = max_bytes or Settings().max_bytes
    for answer in answers(page_tasks(path, path, limit), options=options):
        yield json.loads(answer.line)


def is_warc(path: str) -> bool:
    return path.lower().endswith(WARC_SUFFIXES)


@dataclass(frozen=True, slots=True)
class WarcPage:
    """One HTML record's payload, to clean in a worker."""

    where: str
    fields: dict[str, Any]  # IDENTITY_FIELDS but id
    body: bytes
    charset: str | None
    kind: Kind | None  # HTML by its Content-Type, or None: sniffed
    source: str = ""  # the archive, as shown

    def answer(self, options: Options, fmt: str = DEFAULT_FORMAT,
               site: SiteRun | None = None) -> Answer:
        record = answer_page(self.fields["warc_record_id"] or self.fields["url"],
                             self.fields, self.body, self.kind, options, charset=self.charset,
                             fmt=fmt, site=Where(site, self.source) if site else None)
        if "error" in record:
            record = {**self.identity(), "error": record["error"]}
        return encode(record, self.where, self.identity())

    def identity(self) -> dict[str, Any]:
        return {"id": self.fields["warc_record_id"] or self.fields["url"], **self.fields}

    def prints(self, setup: SiteSetup) -> PagePrint | None:
        return print_page(self.body, self.kind, self.fields["url"], self.source, setup,
                          charset=self.charset)


def page_tasks(path: str, shown: str, max_bytes: int) -> Iterator[WarcPage | Ready]:
    """The tasks of one WARC archive, lazily, in archive order."""
    try:
        stream = open_input(path) if path == "-" else open(path, "rb")  # noqa: SIM115
    except OSError as exc:
        yield _problem(shown, {}, f"cannot read: {exc.strerror or exc}")
        return
    try:
        gunzip = _Gunzip(stream) if _peek(stream).startswith(GZIP_MAGIC) else None
        plain = io.BufferedReader(gunzip, READ_CHUNK) if gunzip else stream
        last = None
        for last in _records(plain, shown, max_bytes):
            yield last
        if gunzip and gunzip.cut_off and not (isinstance(last, Ready) and last.cut_off):
            yield _problem(shown, {}, "the archive is cut off in the middle of a gzip "
                           f"member, after {gunzip.produced} bytes of data", cut_off=True)
    finally:
        if path != "-":
            stream.close()


def _peek(stream: IO[bytes]) -> bytes:
    peek = getattr(stream, "peek", None)
    if peek is not None:
        return peek(2)[:2]
    return b""


def _records(stream: IO[bytes], shown: str, max_bytes: int) -> Iterator[WarcPage | Ready]:
    """The answers of every record; after a broken one, resume at the next record."""
    source: IO[bytes] | None = stream
    first = True  # no record read yet
    while source is not None:
        records = ArchiveIterator(source)
        while True:
            try:
                record = next(records, None)
            except BROKEN_RECORD as exc:
                source = _resume(records.reader)
                yield _problem(shown, {}, f"{_broken(records.offset, first, source)}: "
                               f"{_one_line(exc)}", cut_off=not source)
                break
            if record is None:
                return
            first = False
            task = _task(record, shown, max_bytes)
            if task is not None:
                yield task


def _broken(offset: int, first: bool, rest: IO[bytes] | None) -> str:
    """What a record that warcio cannot read at ``offset`` says of the archive."""
    if first and not offset and rest is None:
        return "not a WARC archive (no record could be read)"
    reason = f"broken record at byte {offset} of the archive's data"
    if rest is None:  # nothing follows: the archive is cut off in it
        return f"record cut off: the archive ends inside it ({reason})"
    return reason


def _task(record: ArcWarcRecord, shown: str, max_bytes: int) -> WarcPage | Ready | None:
    if record.rec_type not in PAGE_RECORDS:
        return None
    fields = {
        "url": record.rec_headers.get_header("WARC-Target-URI"),
        "warc_record_id": record.rec_headers.get_header("WARC-Record-ID"),
        "warc_date": record.rec_headers.get_header("WARC-Date"),
    }
    where = f"{shown}: {fields['url'] or fields['warc_record_id']}"
    try:
        body = record.content_stream().read(max_bytes + 1)
    except READ_ERRORS as exc:  # a corrupt content encoding, a broken gzip member
        return _problem(where, fields, f"cannot read the record: {_one_line(exc)}")
    missing = getattr(record.raw_stream, "limit", 0)
    if missing and len(body) <= max_bytes:
        return _problem(where, fields, f"record cut off: the archive ends {missing} bytes "
                        "before the record's end", cut_off=True)
    http = record.http_headers
    content_type = (http.get_header("Content-Type") if http else record.content_type) or ""
    media = content_type.split(";")[0].strip().lower()
    status = http.get_statuscode() if http and record.rec_type == "response" else "200"
    if not str(status).startswith("2"):
        return _skip(where, fields, f"HTTP status {status}")
    if media and media not in HTML_TYPES:
        return _skip(where, fields, f"not an HTML page ({media})")
    if len(body) > max_bytes:
        return _problem(where, fields, f"page is over the --max-bytes limit of {max_bytes}")
    charset = _CHARSET.search(content_type)
    return WarcPage(where, fields, body, charset.group(1) if charset else None,
                    Kind.HTML if media else None, shown)


def _problem(where: str, fields: dict[str, Any], reason: str, *, cut_off: bool = False
             ) -> Ready:
    return Ready(where, {**_identity(fields), "error": reason}, cut_off=cut_off)


def _skip(where: str, fields: dict[str, Any], reason: str) -> Ready:
    return Ready(where, {**_identity(fields), "skipped": reason})


def _identity(fields: dict[str, Any]) -> dict[str, Any]:
    page_id = fields.get("warc_record_id") or fields.get("url")
    return {"id": page_id, **{key: fields.get(key) for key in IDENTITY_FIELDS[1:]}}


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split()) or type(exc).__name__


def _resume(reader: Any) -> IO[bytes] | None:
    """The rest of the archive from the next line that starts a record, or None."""
    while True:
        try:
            line = reader.readline()
        except READ_ERRORS:
            return None
        if not line:
            return None
        if RECORD_START.fullmatch(line):
            return io.BufferedReader(_Chain(line, reader), READ_CHUNK)


class _Chain(io.RawIOBase):
    """``head``, then the rest of ``reader``."""

    def __init__(self, head: bytes, reader: Any) -> None:
        self.head = head
        self.reader = reader

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self.head[: len(buffer)] if self.head else self.reader.read(len(buffer))
        self.head = self.head[len(data):] if self.head else b""
        buffer[: len(data)] = data
        return len(data)


class _Gunzip(io.RawIOBase):
    """A gzip stream of any number of members, read as one; an end cut off in a member
    reads as the end of the data, with ``cut_off`` set (Python's ``gzip`` raises then,
    and warcio takes that for the end of the archive, losing the records read ahead)."""

    def __init__(self, raw: IO[bytes]) -> None:
        self.raw = raw
        self.unzip = zlib.decompressobj(GZIP_WBITS)
        self.pending = b""  # compressed bytes not yet given to ``unzip``
        self.cut_off = False
        self.ended = False
        self.produced = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        while not self.ended:
            data = self._decompress(len(buffer))
            if data is None:
                self.ended = True
            if data:
                buffer[: len(data)] = data
                self.produced += len(data)
                return len(data)
        return 0

    def _decompress(self, size: int) -> bytes | None:
        """Up to ``size`` bytes (b"" when more input is needed), None at the end."""
        if self.unzip.eof:  # a member ended: the next one starts in its unused data
            self.pending = self.unzip.unused_data + self.pending
            self.unzip = zlib.decompressobj(GZIP_WBITS)
            if not self.pending.strip(b"\0"):
                self.pending = self.raw.read(READ_CHUNK)
                if not self.pending.strip(b"\0"):
                    return None
        if not self.pending and not self.unzip.unconsumed_tail:
            self.pending = self.raw.read(READ_CHUNK)
            if not self.pending:  # output held back inside zlib, else a cut-off member
                rest = self.unzip.decompress(b"", size)
                if not rest and not self.unzip.eof:
                    self.cut_off = True
                    return None
                return rest
        source = self.unzip.unconsumed_tail or self.pending
        if not self.unzip.unconsumed_tail:
            self.pending = b""
        return self.unzip.decompress(source, size)
