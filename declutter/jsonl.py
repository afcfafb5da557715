"""JSON Lines in, JSON Lines out: the streaming adapter for data pipelines.

Each input line is a JSON object holding a page as ``"html"`` (an HTML page) or
``"text"`` (a plain-text dump), and optionally an ``"id"``. Each output line answers one
input line, in order (blank lines get none):

- a cleaned page: ``{"id", ...the record's other fields..., "text", "title",
  "language", "kind", "page_type"}``; a record's (or a WARC record's) ``"url"`` is a
  clue to the page type. Every input field that declutter does not consume is passed
  through unchanged, in its order; ``html`` and ``text`` (the page) are consumed, and
  fields named like declutter's own (``title``, ``language``, ``kind``, ``error``,
  ``line``) are replaced by declutter's or left out.
- a record that cannot be cleaned: ``{"id", "line", "error"}``, always these three keys
  (``line``: the 1-based input line, ``null`` for records given as objects; ``id``:
  the record's id, ``null`` where there is none or it cannot be written back).

``fmt`` (``--format``) renders the answers (``declutter.render.record_fields``): ``txt``
(the default) and ``markdown`` give ``text`` in that format; ``json`` gives the plain
text and every metadata field (author, date, site_name, url, description, language as
an ISO 639-1 code or null, page_type) and reads the page's metadata to fill them; a
record's own ``url`` field, passed through, then gives way to the page's canonical URL.

One bad line never stops the stream: bytes that are not UTF-8, a line that is no strict
JSON (``NaN``, a number of more digits than Python reads, nesting deeper than the parser
goes), a lone surrogate in a field that must be written back, a line over the size
limit (skipped in pieces, never held whole) are each answered by an error record. Pages
are cleaned in worker processes (``declutter.runner.run_ordered``), a few lines in flight
at a time, answers in input order. WARC archives (``declutter.warc``) come through the
same tasks and answers.
"""

from __future__ import annotations

import bz2
import gzip
import itertools
import json
import lzma
import sys
import zlib
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from functools import partial
from typing import IO, Any, Protocol

from .decode import decode
from .errors import DeclutterError
from .model import Kind, Result
from .options import DEFAULT_OPTIONS, Options
from .pipeline import clean
from .render import DEFAULT_FORMAT, for_format, record_fields
from .runner import Failure, run_ordered
from .site.counts import SiteCounts
from .site.fingerprint import PagePrint
from .site.learn import NO_PRINT, SiteRun, SiteSetup, count, print_page, site_run

# Where a record keeps its page, in order of preference, and the kind each field holds
# (None: sniffed, so a "text" field holding HTML is still read as HTML).
PAGE_FIELDS = (("html", Kind.HTML), ("text", None))
# The fields a cleaned page's answer adds, after the record's own.
RESULT_FIELDS = ("text", "title", "language", "kind", "page_type")
# Input fields never passed through: the page, declutter's own answer fields, and the
# error-record keys (so ``"error" in answer`` always means that the record failed).
NOT_PASSED = frozenset({"id", "line", "error", *RESULT_FIELDS, *(f for f, _ in PAGE_FIELDS)})
# The keys of every JSONL error record, in order.
ERROR_FIELDS = ("id", "line", "error")
# Bytes read from a line at a time: an over-long line is skipped in pieces this size.
LINE_CHUNK = 1 << 20
# Input compressions, by file extension (lower-cased).
OPENERS: dict[str, Callable[[str], IO[bytes]]] = {
    ".gz": partial(gzip.open, mode="rb"),
    ".bz2": partial(bz2.open, mode="rb"),
    ".xz": partial(lzma.open, mode="rb"),
}
# What reading a compressed input that is cut off or corrupt raises.
READ_ERRORS = (OSError, EOFError, zlib.error, lzma.LZMAError)
UTF8_BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True, slots=True)
class Answer:
    """One output line, ready to write (UTF-8 JSON and a newline), and what it says."""

    line: bytes
    where: str  # the input it answers, for messages: "pages.jsonl:3"
    error: str | None = None  # why the record failed
    skipped: str | None = None  # why the input was passed over (not a failure)


class Task(Protocol):
    """One input to answer: run in a worker process, so it must pickle."""

    where: str

    def answer(self, options: Options, fmt: str = DEFAULT_FORMAT,
               site: SiteRun | None = None) -> Answer: ...

    def identity(self) -> dict[str, Any]:
        """The keys of this input's error record, without ``error``."""
        ...

    def prints(self, setup: SiteSetup) -> PagePrint | None:
        """The count pass's prints of this input's page (``declutter.site``), if any."""
        ...


# --- the public API ------------------------------------------------------------------


def clean_records(lines: Iterable[str | bytes], *, options: Options | None = None,
                  fmt: str = DEFAULT_FORMAT) -> Iterator[dict]:
    """One output record per non-blank input line, lazily, in this process (``fmt``: the
    answers' format, see the module docstring)."""
    options = options or DEFAULT_OPTIONS
    for number, line in enumerate(lines, start=1):
        if line.strip():
            yield _line_record(line, number, options, fmt)


def clean_record(record: Any, *, options: Options | None = None,
                 fmt: str = DEFAULT_FORMAT) -> dict[str, Any]:
    """One page record (``{"id", "html"}`` or ``{"id", "text"}``) -> its output record,
    in format ``fmt``.

    Never raises for a bad page or record: the answer is then ``{"id", "line", "error"}``
    with ``line`` null.
    """
    return _answer_record(record, None, options or DEFAULT_OPTIONS, fmt)


# --- one record ----------------------------------------------------------------------


class BadLine(ValueError):
    """A line that is no record: not UTF-8, not strict JSON."""


def parse_line(line: str | bytes) -> Any:
    """The JSON value of one line; ``BadLine`` with a reason for anything else."""
    if isinstance(line, bytes):
        try:
            line = line.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise BadLine(f"not UTF-8: byte 0x{line[exc.start]:02x} at offset {exc.start}"
                          ) from None
    try:
        return json.loads(line, parse_constant=_no_constant)
    except json.JSONDecodeError as exc:
        raise BadLine(f"invalid JSON: {exc.msg} (column {exc.colno})") from None
    except RecursionError:
        raise BadLine("invalid JSON: nested too deeply to read") from None
    except ValueError as exc:  # a number of more digits than int() reads, NaN
        raise BadLine(f"invalid JSON: {exc}") from None


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def _line_record(line: str | bytes, number: int | None, options: Options,
                 fmt: str = DEFAULT_FORMAT, site: Where | None = None) -> dict[str, Any]:
    try:
        record = parse_line(line)
    except BadLine as exc:
        return error_record(None, number, str(exc))
    return _answer_record(record, number, options, fmt, site)


def _answer_record(record: Any, number: int | None, options: Options,
                   fmt: str = DEFAULT_FORMAT, site: Where | None = None) -> dict[str, Any]:
    problem = _not_a_page(record)
    if problem:
        return error_record(_id(record), number, problem)
    raw, kind = _page_of(record)
    passed = {key: value for key, value in record.items() if key not in NOT_PASSED}
    return answer_page(record.get("id"), passed, raw, kind, options, line=number, fmt=fmt,
                       site=site)


def _page_of(record: dict[str, Any]) -> tuple[str, Kind | None]:
    """The page a record holds and its kind (``record`` holds one: ``_not_a_page``)."""
    return next((record[name], kind) for name, kind in PAGE_FIELDS if _holds(record, name))


@dataclass(frozen=True, slots=True)
class Where:
    """Site evidence for a record's page: the run's counts and the input it came from
    (its site by folder, ``declutter.site.key``)."""

    run: SiteRun
    source: str


def answer_page(
    page_id: Any,
    fields: dict[str, Any],
    raw: str | bytes,
    kind: Kind | None,
    options: Options,
    *,
    line: int | None = None,
    charset: str | None = None,
    fmt: str = DEFAULT_FORMAT,
    site: Where | None = None,
) -> dict[str, Any]:
    """Clean one page: ``{"id", **fields, "text", "title", "language", "kind",
    "page_type"}``, or the error record (``{"id", "line", "error"}``) of a page that
    cannot be cleaned.

    ``charset``: the encoding given outside the page (``decode``'s hint) for bytes; a
    ``"url"`` string among ``fields`` is the page's address (a clue to its page type, and
    its site); ``site``: the run's site counts, where a count pass ran.
    """
    url = fields.get("url")
    url = url if isinstance(url, str) else None
    try:
        text = decode(raw, charset=charset) if isinstance(raw, bytes) else raw
        kind = kind or options.kind
        evidence = site.run.evidence(text, kind, url, site.source) if site else None
        result = clean(
            text,
            options=for_format(replace(options, kind=kind), fmt),
            url=url,
            site=evidence,
        )
    except DeclutterError as exc:
        return error_record(page_id, line, f"{type(exc).__name__}: {exc}")
    return {"id": page_id, **fields, **result_fields(result, fmt)}


def result_fields(result: Result, fmt: str = DEFAULT_FORMAT) -> dict[str, Any]:
    """What an answer says of a cleaned page, in format ``fmt``
    (``declutter.render.record_fields``)."""
    return record_fields(result, fmt)


def error_record(page_id: Any, line: int | None, reason: str) -> dict[str, Any]:
    return dict(zip(ERROR_FIELDS, (page_id, line, reason)))


def _holds(record: dict, name: str) -> bool:
    return isinstance(record.get(name), str)


def _id(record: Any) -> Any:
    return record.get("id") if isinstance(record, dict) else None


def _not_a_page(record: Any) -> str | None:
    """Why ``record`` holds no page, or None when it does."""
    if not isinstance(record, dict):
        return "a record must be a JSON object"
    if not any(_holds(record, name) for name, _ in PAGE_FIELDS):
        return "no page: the record needs an 'html' or a 'text' string"
    return None


# --- answers as lines ----------------------------------------------------------------


def encode(record: dict[str, Any], where: str, fallback: dict[str, Any]) -> Answer:
    """``record`` as one strict JSON line; where it cannot be written (a lone surrogate,
    NaN, nesting too deep for the encoder), ``fallback`` (an error record without
    ``error``) answers with the reason, and without its id if that is what failed."""
    try:
        return Answer(_dumps(record), where, record.get("error"), record.get("skipped"))
    except (UnicodeEncodeError, ValueError, RecursionError) as exc:
        reason = f"cannot be written as JSON: {_unwritable(exc)}"
    for page_id in (fallback.get("id"), None):
        try:
            return Answer(_dumps({**fallback, "id": page_id, "error": reason}), where, reason)
        except (UnicodeEncodeError, ValueError, RecursionError):
            continue
    raise AssertionError("an error record without id is always writable")


def _dumps(record: dict[str, Any]) -> bytes:
    return json.dumps(record, ensure_ascii=False, allow_nan=False).encode("utf-8") + b"\n"


def _unwritable(exc: Exception) -> str:
    if isinstance(exc, UnicodeEncodeError):
        return f"a string holds a lone surrogate ({exc.object[exc.start]!r}), which is not Unicode"
    if isinstance(exc, RecursionError):
        return "a field is nested too deeply"
    return str(exc)  # "Out of range float values are not JSON compliant"


# --- JSONL input as tasks ------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class LineTask:
    """One line of JSON Lines input (``data``: its bytes, or its size when over the
    size limit and skipped unread)."""

    where: str
    number: int
    data: bytes | int
    max_bytes: int = 0
    source: str = ""  # the input it comes from, as shown

    def answer(self, options: Options, fmt: str = DEFAULT_FORMAT,
               site: SiteRun | None = None) -> Answer:
        if isinstance(self.data, int):
            record = error_record(None, self.number, f"line of {self.data} bytes is over the "
                                  f"--max-bytes limit of {self.max_bytes}: skipped")
        else:
            where = Where(site, self.source) if site else None
            record = _line_record(self.data, self.number, options, fmt, where)
        return encode(record, self.where, self.identity())

    def identity(self) -> dict[str, Any]:
        return {"id": None, "line": self.number}

    def prints(self, setup: SiteSetup) -> PagePrint | None:
        if isinstance(self.data, int):
            return None
        try:
            record = parse_line(self.data)
        except BadLine:
            return None
        if _not_a_page(record):
            return None
        raw, kind = _page_of(record)
        url = record.get("url")
        return print_page(raw, kind, url if isinstance(url, str) else None, self.source, setup)


@dataclass(frozen=True, slots=True)
class Ready:
    """An input answered already (a file that cannot be read, a cut-off archive)."""

    where: str
    record: dict[str, Any]
    cut_off: bool = False  # the input ends here, cut off

    def answer(self, options: Options, fmt: str = DEFAULT_FORMAT,
               site: SiteRun | None = None) -> Answer:
        return encode(self.record, self.where, self.identity())

    def identity(self) -> dict[str, Any]:
        return {k: v for k, v in self.record.items() if k not in ("error", "skipped")}

    def prints(self, setup: SiteSetup) -> PagePrint | None:
        return None


def open_input(path: str) -> IO[bytes]:
    """A JSONL (or WARC) input as bytes: ``-`` is stdin, ``.gz``/``.bz2``/``.xz``
    are decompressed."""
    if path == "-":
        return sys.stdin.buffer
    suffix = path[path.rfind("."):].lower() if "." in path else ""
    opener = OPENERS.get(suffix)
    return opener(path) if opener else open(path, "rb")  # noqa: SIM115


def line_tasks(path: str, shown: str, max_bytes: int) -> Iterator[LineTask | Ready]:
    """The tasks of one JSONL input, lazily; a file that cannot be opened or read to
    its end gives an error answer and ends its tasks."""
    number = 0
    try:
        stream = open_input(path)
    except OSError as exc:
        yield Ready(shown, error_record(None, None, f"cannot read: {exc.strerror or exc}"))
        return
    try:
        for number, data in read_lines(stream, max_bytes):
            if isinstance(data, int) or not (data.isspace() or not data):
                yield LineTask(f"{shown}:{number}", number, data, max_bytes, shown)
    except READ_ERRORS as exc:
        reason = f"cannot read on after line {number}: {_read_error(exc)}"
        yield Ready(shown, error_record(None, number + 1, reason))
    finally:
        if stream is not sys.stdin.buffer:
            stream.close()


def _read_error(exc: BaseException) -> str:
    if isinstance(exc, EOFError):
        return "the compressed input is cut off"
    return getattr(exc, "strerror", None) or str(exc)


def read_lines(stream: IO[bytes], max_bytes: int) -> Iterator[tuple[int, bytes | int]]:
    """``(number, line)`` for every line, or ``(number, size)`` for a line over
    ``max_bytes`` bytes (its line break aside), which is read on in ``LINE_CHUNK``
    pieces and dropped, never held whole. A UTF-8 byte-order mark at the start is
    dropped."""
    for number in itertools.count(1):
        data = _read_line(stream, max_bytes)
        if data is None:
            return
        if number == 1 and isinstance(data, bytes) and data.startswith(UTF8_BOM):
            data = data[len(UTF8_BOM):]
        yield number, data


def _read_line(stream: IO[bytes], max_bytes: int) -> bytes | int | None:
    """The next line, its size when over ``max_bytes``, or None at the end."""
    pieces: list[bytes] = []
    size = 0
    keep = True
    while True:
        piece = stream.readline(LINE_CHUNK)
        size += len(piece)
        if keep:
            pieces.append(piece)
            if size > max_bytes + len(b"\r\n"):  # over even with its line break
                keep, pieces = False, []
        if not piece or piece.endswith(b"\n"):
            break
    if not size:
        return None
    if not keep:
        return size
    line = b"".join(pieces)
    content = len(line) - (2 if line.endswith(b"\r\n") else line.endswith(b"\n"))
    return line if content <= max_bytes else content


# --- running tasks -------------------------------------------------------------------


def answers(
    tasks: Iterable[Task],
    *,
    options: Options | None = None,
    jobs: int = 1,
    timeout: float | None = None,
    fmt: str = DEFAULT_FORMAT,
    site: SiteRun | None = None,
) -> Iterator[Answer]:
    """Answer every task, in order; with ``jobs`` worker processes (or in this process
    when ``jobs == 1`` and no ``timeout``), a few tasks in flight per worker. A task that
    overruns ``timeout`` or kills its worker is answered by its error record. ``site``:
    the counts of a count pass over the same tasks (``learn_sites``)."""
    # Where each task in flight comes from and its error record's keys, oldest first
    # (not the tasks: they hold the pages).
    pending: deque[tuple[str, dict[str, Any]]] = deque()

    def taken() -> Iterator[Task]:
        for task in tasks:
            pending.append((task.where, task.identity()))
            yield task

    work = partial(_answer_task, options=options or DEFAULT_OPTIONS, fmt=fmt, site=site)
    for _, outcome in run_ordered(work, taken(), jobs=jobs, timeout=timeout):
        where, identity = pending.popleft()
        if isinstance(outcome, Failure):
            outcome = encode({**identity, "error": outcome.reason}, where, identity)
        yield outcome


def _answer_task(task: Task, options: Options, fmt: str, site: SiteRun | None) -> Answer:
    return task.answer(options, fmt, site) if site else task.answer(options, fmt)


def learn_sites(tasks: Iterable[Task], setup: SiteSetup, *, known: SiteCounts | None = None,
                jobs: int = 1, timeout: float | None = None) -> SiteRun:
    """The count pass over a stream's tasks (``declutter.site``): every page's prints,
    counted on top of ``known`` (a profile's counts)."""
    work = partial(_task_prints, setup=setup)
    return site_run(count(run_ordered(work, tasks, jobs=jobs, timeout=timeout), known), setup)


def _task_prints(task: Task, setup: SiteSetup) -> PagePrint | str:
    return task.prints(setup) or NO_PRINT
