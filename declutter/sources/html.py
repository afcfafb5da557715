"""HTML pages -> blocks, from a tree parsed here.

Two extractors (``Options.html_extractor``):

- ``"declutter"`` (default): every visible block of the page with its structural facts
  (``declutter.sources.dom``); declutter's rules, classifier and assembler decide. The
  title is ``og:title``, else ``<title>`` (its heading copy in the body is found by
  the assembler).
- ``"trafilatura"``: trafilatura chooses the main content; its paragraphs become blocks,
  which then go through declutter's own rule modules. The page title comes from
  trafilatura's metadata.

Safety, for pages from the open web:

- The page is parsed here, not by trafilatura, with an lxml ``HTMLParser`` that never
  touches the network (``no_network=True``) and keeps libxml2's resource limits
  (``huge_tree=False``). trafilatura is handed the tree and does not parse the page
  again. libxml2's HTML parser loads no DTD and no external entity, and expands no
  ``<!ENTITY>`` declaration: an XXE or "billion laughs" document is inert, its entity
  references stay literal text (``&xxe;``). An internal DTD subset
  (``<!DOCTYPE x [ ... ]>``) is cut out before parsing, so its declarations do not
  show up as page text.
- libxml2 stops parsing at 256 levels of nesting and silently drops the rest of the
  page. Such a page is parsed again with its markup flattened (block elements become
  paragraph breaks, inline and unknown elements are dropped): a degraded but correct
  result, the page's own text. If even that fails, ``HtmlParseError``.
- Pages over ``FAST_ABOVE_CHARS`` go through trafilatura's fast mode, without
  metadata extraction: its time grows with the page, about 3 s per MB in full mode.
- A page with no visible text (only markup, ``<script>`` or ``<style>``) raises
  ``EmptyPageError``: there is nothing to clean. A page with visible text in which
  trafilatura finds no main content gives an empty result.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

import trafilatura
from lxml import etree
from lxml import html as lxml_html
from trafilatura.metadata import examine_meta, extract_title

from ..errors import EmptyPageError, HtmlParseError
from ..metadata import from_trafilatura
from ..model import Block, Document, Kind, PageSignals
from . import dom

# Characters lxml refuses in a string (control characters, noncharacters, surrogates).
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
# "<!DOCTYPE name [" near the start of the page: an internal DTD subset follows.
_DOCTYPE_SUBSET = re.compile(r"<!doctype[^\[>]{0,1000}\[", re.IGNORECASE)
DOCTYPE_SEARCH_CHARS = 4096
# Elements whose text is not visible page text.
INVISIBLE = ("script", "style", "noscript", "template", "head")
# For the flattened re-parse: block elements become paragraph breaks, the elements
# kept as they are cannot nest in libxml2's HTML parser; every other tag is dropped.
_BREAK_RUN = re.compile(r"(?:<p>\s*){2,}")
# Linear: a tag name cannot be cut short, and a tag does not run past the next "<".
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9:_-]*)(?![a-zA-Z0-9:_-])[^<>]*>")
_FLAT_KEEP = frozenset(
    "html head body title meta p br h1 h2 h3 h4 h5 h6 script style noscript".split()
)
_FLAT_BREAK = frozenset(
    "div section article main header footer nav aside table tbody thead tfoot tr td th "
    "ul ol li dl dt dd blockquote form fieldset figure figcaption pre address center "
    "details summary caption hr".split()
)


# Above this size trafilatura skips its fallback extractors (readability, jusText) and
# its metadata extraction (dates, authors: ~40% of its time), the title being taken
# from the meta tags or the title element alone: bounded time on multi-megabyte pages.
FAST_ABOVE_CHARS = 2_000_000
# Above this size (characters of the decoded page) small cells of a table row wider than
# ``dom.WIDE_ROW_CELLS`` cells are joined into blocks (``dom.SMALL_CELL_CHARS``): the
# memory of a page of many small cells stays in proportion. Smaller pages keep a block
# per cell whatever their rows, so their results do not change.
MERGE_CELLS_ABOVE_CHARS = 1_000_000
MERGED_CELLS_NOTE = (
    f"a page over {MERGE_CELLS_ABOVE_CHARS:,} characters: small cells of a table row of "
    f"over {dom.WIDE_ROW_CELLS} cells are joined into blocks ({{merged}} cells joined to "
    "the cell before them)"
)
NO_VISIBLE_TEXT = "HTML page has no visible text (only markup, scripts or styles)"
# libxml2's message when a page nests deeper than it allows (256 levels).
DEPTH_LIMIT = "Excessive depth"
# Is there a non-blank text node outside the invisible elements?
_INVISIBLE_TEST = " or ".join(f"self::{name}" for name in INVISIBLE)
_VISIBLE_TEXT = etree.XPath(
    f"boolean(//text()[normalize-space()][not(ancestor::*[{_INVISIBLE_TEST}])])"
)


def _parser(plain: bool = False) -> etree.HTMLParser:
    """A fresh parser per page: its error log is the page's own.

    ``plain`` elements are lxml's own, without ``lxml.html``'s Python-level element
    classes: the DOM walker needs none of their methods, and they cost a Python call
    for every element it visits.
    """
    parser_class = etree.HTMLParser if plain else lxml_html.HTMLParser
    return parser_class(
        encoding="utf-8",
        no_network=True,
        huge_tree=False,
        recover=True,
        remove_comments=True,
        remove_pis=True,
        collect_ids=False,
        default_doctype=False,
    )


def parse(
    decoded: str, *, require_visible: bool = True, plain: bool = False
) -> lxml_html.HtmlElement:
    """The page's tree, parsed safely; see the module docstring.

    Raises ``EmptyPageError`` for a page without visible text (checked only with
    ``require_visible``: the DOM walker finds that out by itself, at no cost) and
    ``HtmlParseError`` for one that libxml2 cannot parse, even flattened. ``plain``: see
    ``_parser``.
    """
    text = _strip_internal_subset(_XML_INVALID.sub("", decoded))
    tree, limit = _parse_once(text, plain)
    if limit and DEPTH_LIMIT in limit:
        tree, limit = _parse_once(_flatten(text), plain)
    if limit:
        raise HtmlParseError(f"HTML beyond the parser's limits: {limit}")
    if tree is None or (require_visible and not _VISIBLE_TEXT(tree)):
        raise EmptyPageError(NO_VISIBLE_TEXT)
    return tree


def _parse_once(text: str, plain: bool) -> tuple[lxml_html.HtmlElement | None, str | None]:
    """The tree (None for a document without elements) and the limit hit, if any."""
    parser = _parser(plain)
    # Bytes with the encoding fixed, so that a <meta charset> or an XML declaration in
    # the already decoded text is not obeyed a second time.
    try:
        tree = etree.fromstring(text.encode("utf-8"), parser)
    except etree.LxmlError as exc:
        limit = _limit_error(parser)
        if limit:
            return None, limit
        raise HtmlParseError(f"HTML cannot be parsed: {str(exc).splitlines()[0]}") from None
    return tree, _limit_error(parser)


def _limit_error(parser: lxml_html.HTMLParser) -> str | None:
    """libxml2's message for a resource limit it hit (it then drops the rest of the page)."""
    for error in parser.error_log:
        if error.type_name == "ERR_RESOURCE_LIMIT" or DEPTH_LIMIT in error.message:
            message = error.message.strip().removeprefix("Resource limit exceeded: ")
            return message.split(", use XML_PARSE_HUGE")[0].split(", try XML_PARSE_HUGE")[0]
    return None


def _strip_internal_subset(text: str) -> str:
    match = _DOCTYPE_SUBSET.search(text, 0, DOCTYPE_SEARCH_CHARS)
    if not match:
        return text
    end = text.find("]>", match.end())
    if end < 0:
        return text
    return text[: match.start()] + "<!DOCTYPE html>" + text[end + 2 :]


def _flatten(text: str) -> str:
    def replace(match: re.Match[str]) -> str:
        name = match.group(2).lower()
        if name in _FLAT_KEEP:
            return match.group()
        return "<p>" if name in _FLAT_BREAK else " "

    return _BREAK_RUN.sub("<p>", _TAG.sub(replace, text))


def segment(decoded: str, extractor: str = "declutter", *, metadata: bool = False) -> Document:
    """The blocks of ``decoded`` as the chosen extractor gives them.

    With ``metadata`` the document keeps what the metadata readers need: the tree, as
    ``lxml.html`` elements (htmldate reads no other), or what trafilatura read.
    """
    if extractor == "declutter":
        return segment_dom(decoded, keep_tree=metadata)
    if extractor == "trafilatura":
        return segment_trafilatura(decoded, metadata=metadata)
    raise ValueError(f"unknown HTML extractor {extractor!r}")


def segment_dom(decoded: str, *, keep_tree: bool = False) -> Document:
    """Every visible block of ``decoded`` with its structural facts (``sources.dom``).

    ``keep_tree``: the document keeps the page's tree (``Document.tree``), parsed into
    ``lxml.html`` elements for the metadata readers, else into lxml's plain elements.
    """
    tree = parse(decoded, require_visible=False, plain=not keep_tree)
    blocks, merged = dom.blocks_merging_cells(tree, len(decoded) > MERGE_CELLS_ABOVE_CHARS)
    if not blocks and not _VISIBLE_TEXT(tree):
        raise EmptyPageError(NO_VISIBLE_TEXT)
    kept = tree if keep_tree else None
    return Document(
        kind=Kind.HTML,
        blocks=blocks,
        title=page_title(tree),
        signals=page_signals(tree, decoded),
        tree=kept,
        notes=(MERGED_CELLS_NOTE.format(merged=merged),) if merged else (),
    )


_OG_TITLE = etree.XPath('string(//meta[@property="og:title"][1]/@content)')
_TITLE = etree.XPath("string(//title[1])")


def page_title(tree: lxml_html.HtmlElement) -> str | None:
    """The page title: ``og:title``, else ``<title>``, spaces collapsed; None if neither."""
    for query in (_OG_TITLE, _TITLE):
        title = " ".join(str(query(tree)).split())
        if title:
            return title
    return None


JSON_LD_TYPE = "application/ld+json"
_ITEM_TYPES = etree.XPath("//@itemtype")
# A search of the whole tree costs about a millisecond on a large page: each is made only
# when the page's text holds the word it looks for (a substring test costs far less).
JSON_LD_MARK, MICRODATA_MARK = "ld+json", "itemtype"


def page_signals(tree: etree._Element, decoded: str) -> PageSignals:
    """What the markup of ``tree`` (parsed from ``decoded``) says about the whole page: its
    schema.org types (JSON-LD, then top-level microdata items), ``og:type`` and URL (the
    canonical link, else ``og:url``, read in ``<head>``); see ``declutter.page_type``."""
    types: list[str] = []
    if JSON_LD_MARK in decoded:
        for script in tree.iter("script"):  # twice as fast as an XPath with the type test
            if script.text and (script.get("type") or "").strip().lower() == JSON_LD_TYPE:
                types.extend(_json_ld_types(script.text))
    if MICRODATA_MARK in decoded:
        types.extend(
            _schema_name(name)
            for value in _ITEM_TYPES(tree)
            if value.getparent().get("itemprop") is None  # a property of another item: not
            for name in value.split()  # the page's own entity (a Product's Offer, Brand)
        )
    head = tree.find("head")
    meta = _head_meta(head) if head is not None else {}
    url = meta.get("canonical") or meta.get("og:url") or ""
    og_type = "".join(meta.get("og:type", "").split()).lower()
    return PageSignals(schema_types=tuple(t for t in types if t), og_type=og_type, url=url)


def _head_meta(head: etree._Element) -> dict[str, str]:
    """``og:type``, ``og:url`` and ``canonical`` as the first of each in ``<head>`` says."""
    found: dict[str, str] = {}
    for element in head.iter("meta", "link"):
        if element.tag == "meta":
            name, value = element.get("property") or "", element.get("content")
        else:
            name, value = element.get("rel") or "", element.get("href")
        name = name.strip().lower()
        if name in ("og:type", "og:url", "canonical") and value and value.strip():
            found.setdefault(name, value.strip())
    return found


def _json_ld_types(script: str) -> list[str]:
    """The ``@type``s of a JSON-LD script's entities; none when it is no valid JSON."""
    try:
        data = json.loads(script)
    except ValueError:  # broken JSON-LD is common: it says nothing then
        return []
    return list(_entity_types(data, depth=0))


# JSON-LD keys whose objects are the page's own entities, not properties of one.
_ENTITY_KEYS = ("@graph", "mainEntity")
# JSON-LD entity nesting read: top level, ``@graph`` and ``mainEntity`` (its list too).
MAX_ENTITY_DEPTH = 3


def _entity_types(data: object, depth: int) -> Iterator[str]:
    if depth > MAX_ENTITY_DEPTH:
        return
    if isinstance(data, list):
        for item in data:
            yield from _entity_types(item, depth + 1)
        return
    if not isinstance(data, dict):
        return
    kind = data.get("@type")
    for name in kind if isinstance(kind, list) else [kind]:
        if isinstance(name, str):
            yield _schema_name(name)
    for key in _ENTITY_KEYS:
        if key in data:
            yield from _entity_types(data[key], depth + 1)


def _schema_name(value: str) -> str:
    """"https://schema.org/Product" or "schema:Product" -> "Product"."""
    return value.strip().rstrip("/").rsplit("/", 1)[-1].rsplit(":", 1)[-1]


def segment_trafilatura(decoded: str, *, metadata: bool = True) -> Document:
    """Blocks of the main content trafilatura finds in ``decoded``.

    Without ``metadata`` (dates, authors: ~40% of trafilatura's time) the title is taken
    from the meta tags or the title element alone.
    """
    tree = parse(decoded)
    big = len(decoded) > FAST_ABOVE_CHARS
    try:
        extracted = trafilatura.bare_extraction(
            tree,
            include_comments=False,
            include_tables=True,
            with_metadata=metadata and not big,
            fast=big,
        )
        title = extracted.title if extracted is not None else None
        if big or not metadata:
            title = examine_meta(tree).title or extract_title(tree)
    except RecursionError:
        raise HtmlParseError("HTML nested too deeply to extract its content") from None
    body = (extracted.text if extracted is not None else "") or ""
    blocks: list[Block] = []
    for number, line in enumerate(body.split("\n"), start=1):
        stripped = line.strip()
        if stripped:
            blocks.append(Block(index=len(blocks), text=stripped, line=number, tag="p"))
    found = from_trafilatura(extracted) if extracted is not None and metadata else None
    return Document(kind=Kind.HTML, blocks=blocks, title=title, metadata=found)
