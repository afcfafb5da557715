"""What a page says about itself: author, publication date, site name, canonical URL,
description (``Result.metadata``), read from the tree ``sources.dom`` already parsed.

The readers are trafilatura's (meta tags, OpenGraph, JSON-LD, bylines) and htmldate's
(publication dates), composed as ``trafilatura.metadata.extract_metadata`` composes them,
but on declutter's own tree (the page is not parsed a second time) and with three
changes, each measured on the wcxb-dev pages (``python -m declutter.bench.metadata``):

- the date comes from the page's dated markup only (meta tags, JSON-LD, ``<time>``,
  the URL), without htmldate's extensive search of the text, which dates undated pages
  by their copyright line ("2025-01-01");
- trafilatura's byline search reads a whole byline element: the name is cut before a
  date, an update note or a reviewer ("Luke Kim December" -> "Luke Kim"), after a lead
  ("Author Ashley Biancuzzo" -> "Ashley Biancuzzo"), and a label read as a name
  ("Written by", "The Author") is no author;
- where trafilatura finds no author, a "By NAME" line among the page's blocks names one.

Read only when ``Options.metadata`` asks: it costs about as much as the cleaning
(htmldate and trafilatura's byline search each copy and walk the tree).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime

from htmldate import find_date
from lxml import etree
from trafilatura.metadata import (
    examine_meta,
    extract_author,
    extract_meta_json,
    extract_sitename,
    extract_url,
)
from trafilatura.settings import Document as TrafilaturaDocument

from .model import NO_METADATA, Block, Document, Metadata

# A meta-tag author without a space is a handle or a login name, not an author's name
# (trafilatura drops it for the same reason).
AUTHOR_MIN_WORDS = 2
# What trafilatura's JSON-LD reader raises on JSON-LD shapes it does not expect.
JSON_LD_READER_ERRORS = (AttributeError, TypeError, KeyError, IndexError, ValueError)
# trafilatura joins several authors with this.
AUTHOR_SEPARATOR = "; "
# Words that lead into a byline, not part of the name ("Written by", "Author:").
_BYLINE_LEAD = re.compile(
    r"\A(?:(?:article|post|story|this post was written) by|written by|posted by|author"
    r"|by)\b[\s:]*",
    re.IGNORECASE,
)
# (May is left out: a month name that is also a family name, "Tom May".)
_MONTHS = (
    "january february march april june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec"
).split()
# What follows the name in a byline element read whole: a date, an update note, a
# reviewer, a count ("Luke Kim December", "Cazzy Magennis Last updated August 1").
_BYLINE_TAIL = re.compile(
    rf"\s(?:(?:{'|'.join(_MONTHS)}|last updated|updated|reviewed by|published)\b|\d).*\Z",
    re.IGNORECASE | re.DOTALL,
)
# Labels that trafilatura's byline search reads as names: never an author.
NOT_NAMES = frozenset(
    {"author", "the author", "about the author", "written by", "name", "sign in"}
)
# A "By NAME" block: the name is two to four capitalised words.
_NAME_WORD = r"[A-Z][\w.'’-]*"  # no space inside: the words of a name split one way only
_BY_NAME = re.compile(
    rf"\A(?i:by|written by|posted by)\s+({_NAME_WORD}(?:\s+{_NAME_WORD}){{1,3}})\s*\Z"
)
# The byline block is among the page's first blocks (above the article, or just in it).
BYLINE_SEARCH_BLOCKS = 80
# A byline that is mostly a link is a teaser's link to an author page.
MAX_BYLINE_LINK_SHARE = 0.5


def read_metadata(doc: Document) -> Metadata:
    """The metadata of the page ``doc`` was segmented from (``NO_METADATA`` for a text
    dump, which carries none; what the extractor read for extracted blocks)."""
    if doc.metadata is not None:
        return doc.metadata
    if doc.tree is None:
        return NO_METADATA
    found = from_tree(doc.tree)
    if found.author is None:
        found = replace(found, author=byline_name(doc.blocks))
    return found


def from_tree(tree: etree._Element) -> Metadata:
    """Metadata from the page's tree (an ``lxml.html`` tree, left unchanged)."""
    found = examine_meta(tree)
    if found.author and len(found.author.split()) < AUTHOR_MIN_WORDS:
        found.author = None
    found = _json_ld(tree, found)
    found.author = clean_author(found.author or extract_author(tree))
    found.url = found.url or extract_url(tree)
    found.date = find_date(
        tree,
        url=found.url,
        original_date=True,
        extensive_search=False,
        max_date=datetime.now().astimezone().strftime("%Y-%m-%d"),
    )
    found.sitename = found.sitename or extract_sitename(tree)
    if found.sitename:
        found.sitename = found.sitename.lstrip("@")  # a Twitter handle
    return from_trafilatura(found)


def _json_ld(tree: etree._Element, found: TrafilaturaDocument) -> TrafilaturaDocument:
    """``found`` completed from the page's JSON-LD by trafilatura's reader, which fails on
    some shapes of valid JSON-LD (a list where it expects an object): those pages keep
    what their meta tags say (trafilatura's ``extract_metadata`` does the same)."""
    try:
        return extract_meta_json(tree, found)
    except JSON_LD_READER_ERRORS:
        return found


def clean_author(authors: str | None) -> str | None:
    """trafilatura's author string with each name cut to the name (see module doc)."""
    if not authors:
        return None
    names = []
    for name in authors.split(AUTHOR_SEPARATOR):
        name = _BYLINE_TAIL.sub("", _BYLINE_LEAD.sub("", name.strip())).strip()
        if name and name.casefold() not in NOT_NAMES and name not in names:
            names.append(name)
    return AUTHOR_SEPARATOR.join(names) or None


def byline_name(blocks: Sequence[Block]) -> str | None:
    """The name of the "By NAME" line among the page's first blocks, if it names one
    author: not a list item, a heading or a link (the bylines of a list of teasers)."""
    names = {
        " ".join(match.group(1).split())
        for block in blocks[:BYLINE_SEARCH_BLOCKS]
        if not (block.in_list or block.heading or block.link_density > MAX_BYLINE_LINK_SHARE)
        and (match := _BY_NAME.match(block.text))
    }
    return names.pop() if len(names) == 1 else None


def from_trafilatura(found: TrafilaturaDocument) -> Metadata:
    """Our fields of trafilatura's metadata document (spaces collapsed, empty -> None)."""
    return Metadata(
        author=_collapse(found.author),
        date=_collapse(found.date),
        site_name=_collapse(found.sitename),
        url=_collapse(found.url),
        description=_collapse(found.description),
    )


def _collapse(value: str | None) -> str | None:
    return " ".join(value.split()) or None if value else None
