"""One ``Result``, rendered in each output format: the one output seam.

- ``txt``: the clean text (``Result.text``): the title, then the kept paragraphs, one per
  line, separated by blank lines.
- ``markdown``: the same paragraphs with their structure, where the page's HTML gives it
  (``Block.tag``, ``heading``, ``in_list``, ``path``): the title and headings as ``#``
  headings of their level, list items as ``-`` or ``1.`` items (nested lists indented),
  table rows as Markdown table rows, block quotes as ``>`` lines, ``<pre>`` as fenced
  code. A text dump's paragraphs stay paragraphs (its bullet lines become list items).
- ``json``: one JSON object: ``text`` (as ``txt``) and the page's metadata (``title``,
  ``author``, ``date_published``, ``site_name``, ``canonical_url``, ``description``,
  ``language`` as an ISO 639-1 code or null, ``page_type``, ``kind``). The names differ
  from a crawl record's usual ``date`` and ``url``, which JSON Lines answers pass
  through. The metadata is read only when the page is cleaned with
  ``Options(metadata=True)``; the fields are null otherwise.
- ``explain``: the ``--explain`` document, every block with its decision and reason.

The directory CLI, ``--jsonl`` and the Dask adapter call these, so every path writes
the same bytes for the same page.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from .assemble import TITLE
from .model import Part, Result
from .options import Options
from .sources.dom import step_tag

# The formats, in the order ``--format`` lists them; the first is the default.
FORMATS = ("txt", "markdown", "json")
DEFAULT_FORMAT = FORMATS[0]
# The metadata fields of the json format, in output order (after "text").
METADATA_FIELDS = (
    "title", "author", "date_published", "site_name", "canonical_url", "description",
    "language", "page_type",
)
_ISO_639_1 = re.compile(r"[a-z]{2}")
# A paragraph starting like Markdown syntax (a heading, a quote, a list item, a rule):
# its first character is escaped, so that the paragraph stays a paragraph.
_MARKDOWN_START = re.compile(r"(?:[#>+*=-]|\d+[.)](?:\s|\Z)|```|~~~)")
# Inside a table cell a pipe would end the cell.
_PIPE = re.compile(r"\|")
LIST_TAGS = frozenset({"ul", "ol", "menu", "dl"})
CELL_TAGS = frozenset({"td", "th"})


def for_format(options: Options, fmt: str) -> Options:
    """``options`` for a page rendered as ``fmt``: json reads the page's metadata."""
    if fmt not in RENDERERS:
        raise ValueError(f"unknown format {fmt!r}: one of {', '.join(RENDERERS)}")
    return replace(options, metadata=True) if fmt == "json" else options


def render(result: Result, fmt: str) -> str:
    """``result`` in format ``fmt`` (``FORMATS`` or ``"explain"``), as an output file's text."""
    try:
        renderer = RENDERERS[fmt]
    except KeyError:
        raise ValueError(f"unknown format {fmt!r}: one of {', '.join(RENDERERS)}") from None
    return renderer(result)


def txt(result: Result) -> str:
    return result.text


def as_json(result: Result) -> str:
    return _dumps(json_fields(result))


def explain(result: Result) -> str:
    """The ``--explain`` document (``Result.explain``), as written to ``NAME.clean.json``."""
    return _dumps(result.explain())


def _dumps(document: dict[str, Any]) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def json_fields(result: Result) -> dict[str, Any]:
    """The json format's object: the text, then the metadata fields, then the kind."""
    meta = result.metadata
    fields: dict[str, Any] = {
        "text": result.text,
        "title": result.title,
        "author": meta.author,
        "date_published": meta.date,
        "site_name": meta.site_name,
        "canonical_url": meta.url,
        "description": meta.description,
        "language": iso_639_1(result.language),
        "page_type": result.page_type,
    }
    fields["kind"] = result.kind.value
    return fields


def record_fields(result: Result, fmt: str = DEFAULT_FORMAT) -> dict[str, Any]:
    """The fields of a JSON Lines output record for ``result``: ``text`` rendered as
    ``fmt`` (txt or markdown; json's text is txt's), ``title``, ``language``, ``kind``,
    ``page_type``, and for json every metadata field too (``json_fields``)."""
    if fmt == "json":
        return json_fields(result)
    return {
        "text": render(result, fmt),
        "title": result.title,
        "language": result.language,
        "kind": result.kind.value,
        "page_type": result.page_type,
    }


def iso_639_1(language: str | None) -> str | None:
    """``language`` where it is a two-letter ISO 639-1 code, else None (a language
    without one is reported by its ISO 639-3 code, ``declutter.languages``)."""
    return language if language and _ISO_639_1.fullmatch(language) else None


# --- markdown ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Line:
    """A paragraph as Markdown: its text, and the group it joins without a blank line
    (the items of one list; for a table cell, its table and its row)."""

    text: str
    group: str | None = None
    row: str | None = None  # table cells only: the path of their row


def markdown(result: Result) -> str:
    """The kept paragraphs as Markdown (see the module docstring)."""
    chunks: list[str] = []
    lines = [_markdown_line(part) for part in result.parts]
    start = 0
    while start < len(lines):
        end = start + 1
        group = lines[start].group
        while group is not None and end < len(lines) and lines[end].group == group:
            end += 1
        run = lines[start:end]
        chunks.append(_table(run) if run[0].row is not None else "\n".join(x.text for x in run))
        start = end
    return "\n\n".join(chunks) + "\n" if chunks else ""


def _markdown_line(part: Part) -> _Line:
    block = part.block
    if block is None or block.reason == TITLE:
        return _Line("# " + part.text)
    steps = block.path.split("/") if block.path else []
    tags = [step_tag(step) for step in steps]
    quote = "> " if "blockquote" in tags else ""
    if block.heading:
        return _Line(quote + "#" * block.heading + " " + part.text)
    if block.tag == "pre":
        return _Line(_quoted(quote, "```\n" + part.text + "\n```"))
    if block.tag in CELL_TAGS and "tr" in tags:
        row = len(tags) - 1 - tags[::-1].index("tr")
        cell = _PIPE.sub(r"\\|", part.text)
        return _Line(cell, group="table:" + "/".join(steps[:row]), row="/".join(steps[: row + 1]))
    lists = [i for i, tag in enumerate(tags) if tag in LIST_TAGS]
    if block.in_list and lists:
        marker = "1." if tags[lists[-1]] == "ol" else "-"
        indent = "  " * (len(lists) - 1)  # nested lists, two spaces a level
        group = "list:" + "/".join(steps[: lists[0] + 1])
        return _Line(quote + indent + f"{marker} {part.text}", group=group)
    if block.bullet:  # a text dump's bullet line
        return _Line(f"- {part.text}", group="bullets")
    return _Line(quote + _escaped(part.text))


def _table(cells: list[_Line]) -> str:
    """The cells of one table, in page order, as a Markdown table (the first row heads it)."""
    rows: list[list[str]] = []
    previous = None
    for cell in cells:
        if cell.row != previous:
            rows.append([])
            previous = cell.row
        rows[-1].append(cell.text)
    width = max(len(row) for row in rows)
    lines = ["| " + " | ".join(row + [""] * (width - len(row))) + " |" for row in rows]
    lines.insert(1, "|" + " --- |" * width)
    return "\n".join(lines)


def _escaped(text: str) -> str:
    return "\\" + text if _MARKDOWN_START.match(text) else text


def _quoted(quote: str, text: str) -> str:
    if not quote:
        return text
    return "\n".join(quote + line for line in text.split("\n"))


RENDERERS: dict[str, Callable[[Result], str]] = {
    "txt": txt,
    "markdown": markdown,
    "json": as_json,
    "explain": explain,  # not a --format: --explain writes it beside the chosen format
}
