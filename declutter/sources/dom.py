"""A parsed HTML tree -> blocks with their structural facts, in one walk.

Every block-level element (``p``, ``h1``-``h6``, ``li``, ``td``, ``blockquote``,
``pre``, a ``div``'s own text ...) gives one block per run of its own text: text of
inline descendants (``a``, ``span``, ``em`` ...) belongs to it, a nested block element
or a ``<br>`` starts a new block. Each block carries the facts the rules and the
classifier use as evidence:

- ``tag``: the block element that owns the text; ``heading`` its level for ``h1``-``h6``;
- ``path``: the element path from the root, each step ``tag[n]#id.class1.class2``
  (``[n]``, the element's number among its block siblings of that tag, from 2 on), so
  that a path names one element;
- ``in_list``: inside ``ul``/``ol``/``dl``;
- ``link_density``: share of the block's characters (spaces aside) inside ``<a>``;
- ``class_tokens``: the words of the class and id attributes of the element and its
  ancestors ("post-body relatedPosts" -> post, body, related, posts), leaving out
  page-wide wrappers (``html``, ``body`` and any element holding over
  ``WRAPPER_SHARE`` of the page's text), whose names say nothing about one block.

Invisible text is skipped: ``script``, ``style``, ``noscript``, ``template``, form
controls, embedded objects, and elements marked ``hidden`` or styled ``display:none``.
A page whose visible text outside ``<noscript>`` is less than ``NOSCRIPT_PAGE_CHARS`` is
read with its ``<noscript>`` content: the page is served for browsers without scripts
(or an unclosed ``<noscript>`` swallowed the body).
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from functools import lru_cache

from lxml import etree

from ..model import Block
from ..tokens import collapse_whitespace, visible_chars

# Elements whose own text makes a block.
BLOCK_TAGS = frozenset(
    "address article aside blockquote body caption center dd details dialog div dl dt "
    "fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header html li main menu nav "
    "ol p pre section summary table tbody td tfoot th thead tr ul".split()
)
# Elements that end the current block without holding text of their own.
BREAK_TAGS = frozenset({"br", "hr"})
# Elements whose text is never shown as page text (with everything inside them).
SKIP_TAGS = frozenset(
    "script style noscript template head title iframe frame frameset svg math canvas "
    "object embed applet audio video map select option optgroup button input textarea "
    "datalist".split()
)
# The same, with ``<noscript>`` read: for a page whose text all sits inside it.
SKIP_TAGS_READING_NOSCRIPT = SKIP_TAGS - {"noscript"}
# Below this many visible characters outside <noscript> (less than a short paragraph), a
# page's <noscript> content is read, and kept when it holds more text.
NOSCRIPT_PAGE_CHARS = 200
LIST_TAGS = frozenset({"ul", "ol", "dl", "menu"})
# Small cells of a row of more than WIDE_ROW_CELLS cells (wider than any data table a
# reader scrolls through; the one-row tables of issue 14 had tens of thousands), on a
# huge page (``sources.html.MERGE_CELLS_ABOVE_CHARS``), are joined into blocks: a block
# costs some 700 bytes whatever its text (its object, path, statistics, decision), so a
# page of cells of a sentence each needed 15-20x its size (issue 14). A cell under
# SMALL_CELL_CHARS (two sentences) joins the small cells before it in the row, up to
# MERGED_CELL_CHARS a block (a paragraph's length).
WIDE_ROW_CELLS = 100
CELL_TAGS = frozenset({"td", "th"})
SMALL_CELL_CHARS = 200
MERGED_CELL_CHARS = 1000
HEADING_LEVELS = {f"h{level}": level for level in range(1, 7)}
# An element holding more than this share of the page's text is a page-wide wrapper
# ("wrapper-with-sidebar", "page-content"): its class names say nothing about a block.
WRAPPER_SHARE = 0.6
# Elements that hold the article: an element inside one is part of the article (a gallery,
# a box), never a page-wide wrapper, however much of the page's text it holds.
ARTICLE_TAGS = frozenset({"article", "main"})
# A class or id of more words than this is a slug ("sharing-with-a-single-developer").
MAX_NAME_WORDS = 4
# Class names with these prefixes label the topics of a post (WordPress's post classes
# "tag-social-media", "category-news"), not its role: their words are left out.
TAXONOMY_PREFIXES = ("tag-", "category-")
# Inline styles that hide an element.
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
# Shared by every block without class words: an empty frozenset is an object per call
# (216 bytes a block on a page of many blocks, issue 14).
NO_TOKENS: frozenset[str] = frozenset()
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
_NON_WORD = re.compile(r"[^a-z0-9]+")


@dataclass(slots=True)
class _Frame:
    """One open block element during the walk."""

    tag: str
    step: str  # its path step, "div#main.content"
    tokens: frozenset[str]  # words of its class and id
    heading: int
    in_list: bool
    chars: int = 0  # characters of text (spaces aside) in its blocks, for WRAPPER_SHARE
    children: dict[str, int] = field(default_factory=dict)  # block children seen, per tag
    wide_row: bool = False  # a ``tr`` of more than WIDE_ROW_CELLS cells, cells merging


@dataclass(slots=True)
class _Run:
    """A block's text as collected, before the page-wide facts are known."""

    text: str
    link_chars: int
    chars: int
    frames: tuple[_Frame, ...]


@dataclass(slots=True)
class _Walker:
    runs: list[_Run] = field(default_factory=list)
    stack: list[_Frame] = field(default_factory=list)
    pieces: list[str] = field(default_factory=list)
    link_chars: int = 0
    in_link: int = 0
    skip: frozenset[str] = SKIP_TAGS
    merge_cells: bool = False  # small cells of a row join one block (``MERGE_CELLS_ABOVE``)
    open_cells: _Run | None = None  # the last run, while small cells may still join it
    merged: int = 0  # cells joined to the block before them

    def add(self, text: str | None) -> None:
        if text:
            self.pieces.append(text)
            if self.in_link:
                self.link_chars += _visible_chars(text)

    def flush(self) -> None:
        if not self.pieces:
            return
        text = collapse_whitespace("".join(self.pieces))
        self.pieces = []
        link_chars, self.link_chars = self.link_chars, 0
        if not text:
            return
        chars = _visible_chars(text)
        for frame in self.stack:
            frame.chars += chars
        last = self.open_cells
        if last is not None and self._joins(last, text):
            last.text = f"{last.text} {text}"  # at most MERGED_CELL_CHARS: linear
            last.link_chars += link_chars
            last.chars += chars
            self.merged += 1
            return
        run = _Run(text, link_chars, chars, tuple(self.stack))
        self.runs.append(run)
        self.open_cells = run if self.merge_cells and self._small_cell(text) else None

    def _small_cell(self, text: str) -> bool:
        """The text is a small cell's own, directly inside a table row."""
        stack = self.stack
        return (
            len(text) < SMALL_CELL_CHARS
            and len(stack) >= 2
            and stack[-1].tag in CELL_TAGS
            and stack[-2].wide_row
        )

    def _joins(self, last: _Run, text: str) -> bool:
        """A small cell's text joins ``last``: a run of small cells of the same row."""
        return (
            self._small_cell(text)
            and last.frames[-2] is self.stack[-2]
            and len(last.text) + 1 + len(text) <= MERGED_CELL_CHARS
        )

    def walk(self, element: etree._Element) -> None:
        tag = element.tag
        if not isinstance(tag, str):  # a comment or processing instruction left over
            self.add(element.tail)
            return
        if tag in self.skip or _hidden(element):
            self.add(element.tail)
            return
        if tag in BREAK_TAGS:
            self.flush()
        elif tag in BLOCK_TAGS:
            self.flush()
            self.stack.append(self._frame(element, tag))
            self._walk_inside(element)
            self.flush()
            self.stack.pop()
        elif tag == "a":
            self.in_link += 1
            self._walk_inside(element)
            self.in_link -= 1
        else:
            self._walk_inside(element)
        self.add(element.tail)

    def _walk_inside(self, element: etree._Element) -> None:
        self.add(element.text)
        for child in element:
            self.walk(child)

    def _frame(self, element: etree._Element, tag: str) -> _Frame:
        tag = sys.intern(tag)  # lxml gives a new string per element: one per block held
        parent = self.stack[-1] if self.stack else None
        ident = element.get("id") or ""
        classes = element.get("class") or ""
        number = 1
        if parent is not None:
            number = parent.children.get(tag, 0) + 1
            parent.children[tag] = number
        return _Frame(
            tag=tag,
            step=_step(tag, number, ident, classes),
            tokens=_tokens(f"{classes} {ident}") if tag not in ("html", "body") else NO_TOKENS,
            heading=HEADING_LEVELS.get(tag, 0),
            in_list=tag in LIST_TAGS or (parent is not None and parent.in_list),
            wide_row=self.merge_cells and tag == "tr" and len(element) > WIDE_ROW_CELLS,
        )


def blocks(root: etree._Element) -> list[Block]:
    """The blocks of the page under ``root``, in document order."""
    return blocks_merging_cells(root, merge_cells=False)[0]


def blocks_merging_cells(root: etree._Element, merge_cells: bool) -> tuple[list[Block], int]:
    """``blocks``, and how many cells were joined to the block before them: with
    ``merge_cells``, a run of small cells of one wide table row (``WIDE_ROW_CELLS``; each
    under ``SMALL_CELL_CHARS``) is one block of their texts, a space between two, up to
    ``MERGED_CELL_CHARS``; its path and tag are its first cell's."""
    walker = _walk(root, SKIP_TAGS, merge_cells)
    total = sum(run.chars for run in walker.runs)
    if total < NOSCRIPT_PAGE_CHARS and root.find(".//noscript") is not None:
        with_noscript = _walk(root, SKIP_TAGS_READING_NOSCRIPT, merge_cells)
        noscript_total = sum(run.chars for run in with_noscript.runs)
        if noscript_total > total:
            walker, total = with_noscript, noscript_total
    wrapper_chars = WRAPPER_SHARE * total
    out: list[Block] = []
    for run in walker.runs:
        owner = run.frames[-1] if run.frames else None
        tokens = NO_TOKENS
        in_article = False
        for frame in run.frames:
            if frame.tokens and (in_article or frame.chars <= wrapper_chars):
                tokens = tokens | frame.tokens if tokens else frame.tokens
            in_article = in_article or frame.tag in ARTICLE_TAGS
        out.append(
            Block(
                index=len(out),
                text=run.text,
                tag=owner.tag if owner else None,
                path="/".join(frame.step for frame in run.frames),
                heading=owner.heading if owner else 0,
                in_list=owner.in_list if owner else False,
                link_density=run.link_chars / run.chars if run.link_chars else 0.0,
                class_tokens=tokens,
            )
        )
    return out, walker.merged


def _walk(root: etree._Element, skip: frozenset[str], merge_cells: bool = False) -> _Walker:
    walker = _Walker(skip=skip, merge_cells=merge_cells)
    walker.walk(root)
    walker.flush()
    return walker


def _visible_chars(text: str) -> int:
    return visible_chars(text)


def _hidden(element: etree._Element) -> bool:
    if element.get("hidden") is not None:
        return True
    style = element.get("style")
    return bool(style) and _HIDDEN_STYLE.search(style) is not None


@lru_cache(maxsize=4096)
def _tokens(names: str) -> frozenset[str]:
    """Words of class and id values: "post-body relatedPosts" -> post, body, related, posts.

    A name of more than ``MAX_NAME_WORDS`` words is a slug made from a heading
    ("sharing-with-a-single-developer"), not a role: its words are left out.
    """
    words: set[str] = set()
    for name in names.split():
        if name.lower().startswith(TAXONOMY_PREFIXES):
            continue
        parts = [t for t in _NON_WORD.split(_CAMEL.sub(" ", name).lower()) if t]
        if len(parts) <= MAX_NAME_WORDS:
            words.update(parts)
    return frozenset(words)


@lru_cache(maxsize=4096)
def _step(tag: str, number: int, ident: str, classes: str) -> str:
    """``tag[number]#id.class1.class2``: the number (among same-tag siblings) from 2 on."""
    step = tag if number == 1 else f"{tag}[{number}]"
    ident, classes = ident.replace("/", "-"), classes.replace("/", "-")  # "/" parts paths
    if ident.strip():
        step += "#" + ident.strip().split()[0]
    if classes.strip():
        step += "".join("." + name for name in classes.split())
    return step


def common_ancestor(a: str, b: str) -> str:
    """The path of the innermost element that holds both paths' elements."""
    common: list[str] = []
    for step_a, step_b in zip(a.split("/"), b.split("/")):
        if step_a != step_b:
            break
        common.append(step_a)
    return "/".join(common)


def in_element(path: str | None, prefix: str) -> bool:
    """``path`` is the element at ``prefix`` or one inside it."""
    return path is not None and (path == prefix or path.startswith(prefix + "/"))


@lru_cache(maxsize=8192)
def step_tag(step: str) -> str:
    """The tag of one path step ("div[2]#main.post" -> div)."""
    end = len(step)
    for mark in "[#.":
        found = step.find(mark)
        if 0 <= found < end:
            end = found
    return step[:end]


@lru_cache(maxsize=8192)
def step_tokens(step: str) -> frozenset[str]:
    """The class and id words of one path step ("div#main.post-body" -> main, post, body)."""
    names = step[len(step_tag(step)) :].lstrip("[0123456789]")
    return _tokens(names.replace(".", " ").replace("#", " "))
