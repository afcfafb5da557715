"""JSON Lines in, JSON Lines out: the streaming adapter for data pipelines.

Each input line is a JSON object holding a page as ``"html"`` (an HTML page) or
``"text"`` (a plain-text dump), and optionally an ``"id"``. Each output line answers one
input line, in order: ``{"id", "text", "title", "language", "kind"}``, or
``{"id", "error"}`` for a record that cannot be cleaned (an empty page, a line that is no
JSON object...). One bad record never stops the stream.
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

# Where a record keeps its page, in order of preference, and the kind each field holds
# (None: sniffed, so a "text" field holding HTML is still read as HTML).
PAGE_FIELDS = (("html", Kind.HTML), ("text", None))


def clean_records(lines: Iterable[str], *, options: Options | None = None) -> Iterator[dict]:
    """One output record per non-blank input line, lazily."""
    options = options or DEFAULT_OPTIONS
    for number, line in enumerate(lines, start=1):
        if line.strip():
            yield _clean_line(line, number, options)


def _clean_line(line: str, number: int, options: Options) -> dict[str, Any]:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        return {"id": None, "line": number, "error": f"invalid JSON: {exc.msg}"}
    if not isinstance(record, dict):
        return {"id": None, "line": number, "error": "a record must be a JSON object"}
    out: dict[str, Any] = {"id": record.get("id")}
    fields = (f for f in PAGE_FIELDS if isinstance(record.get(f[0]), str))
    page = next(((record[name], kind) for name, kind in fields), None)
    if page is None:
        out.update(line=number, error="no page: the record needs an 'html' or a 'text' string")
        return out
    raw, kind = page
    try:
        result = clean(raw, options=replace(options, kind=kind or options.kind))
    except DeclutterError as exc:
        out["error"] = f"{type(exc).__name__}: {exc}"
        return out
    out.update(
        text=result.text, title=result.title, language=result.language, kind=result.kind.value
    )
    return out
