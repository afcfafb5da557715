"""JSON Lines in, JSON Lines out: the streaming adapter for data pipelines.

Each input line is a JSON object holding a page as ``"html"`` (an HTML page) or
``"text"`` (a plain-text dump), and optionally an ``"id"``. Each output line answers one
input line, in order: ``{"id", "text", "title", "language", "kind"}``, or
``{"id", "error"}`` for a record that cannot be cleaned (an empty page, a line that is no
JSON object...). One bad record never stops the stream.

``fmt`` (``--format``) renders the record (``declutter.render.record_fields``): ``txt``
(the default) and ``markdown`` give ``text`` in that format; ``json`` gives the plain
text and every metadata field (author, date, site_name, url, description, page_type,
language as an ISO 639-1 code), and reads the page's metadata to fill them.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import Any

from .errors import DeclutterError
from .model import Kind
from .options import DEFAULT_OPTIONS, Options
from .pipeline import clean
from .render import DEFAULT_FORMAT, for_format, record_fields

# Where a record keeps its page, in order of preference, and the kind each field holds
# (None: sniffed, so a "text" field holding HTML is still read as HTML).
PAGE_FIELDS = (("html", Kind.HTML), ("text", None))


def clean_records(
    lines: Iterable[str], *, options: Options | None = None, fmt: str = DEFAULT_FORMAT
) -> Iterator[dict]:
    """One output record per non-blank input line, lazily."""
    options = options or DEFAULT_OPTIONS
    for number, line in enumerate(lines, start=1):
        if line.strip():
            yield _clean_line(line, number, options, fmt)


def _clean_line(line: str, number: int, options: Options, fmt: str) -> dict[str, Any]:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        return {"id": None, "line": number, "error": f"invalid JSON: {exc.msg}"}
    problem = _not_a_page(record)
    if problem:  # the line number helps find a record that is no page at all
        return {"id": _id(record), "line": number, "error": problem}
    return clean_record(record, options=options, fmt=fmt)


def clean_record(
    record: Any, *, options: Options | None = None, fmt: str = DEFAULT_FORMAT
) -> dict[str, Any]:
    """One page record (``{"id", "html"}`` or ``{"id", "text"}``) -> its output record,
    rendered as ``fmt`` (see the module docstring).

    Never raises for a bad page or record: the answer is then ``{"id", "error"}``.
    """
    options = for_format(options or DEFAULT_OPTIONS, fmt)
    problem = _not_a_page(record)
    if problem:
        return {"id": _id(record), "error": problem}
    raw, kind = next((record[name], kind) for name, kind in PAGE_FIELDS if _holds(record, name))
    out: dict[str, Any] = {"id": record.get("id")}
    try:
        result = clean(raw, options=replace(options, kind=kind or options.kind))
    except DeclutterError as exc:
        out["error"] = f"{type(exc).__name__}: {exc}"
        return out
    out.update(record_fields(result, fmt))
    return out


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
