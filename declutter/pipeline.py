"""``clean``: the whole algorithm as a handful of named steps.

decode -> segment -> language -> features -> page type -> rules -> classify -> assemble.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import replace

from . import learned, rules
from .assemble import (
    DUPLICATE_TITLE,
    FALLBACK_BELOW_WORDS,
    TITLE,
    assemble,
    fallback_affordable,
    kept_words,
    mark_fallback,
    without_fallback,
)
from .classify import Label, classify
from .decode import decode, normalise_text, sniff_kind
from .errors import EmptyPageError
from .features import add_stats, page_words
from .language import detect_page, stoplist_for
from .metadata import read_metadata
from .model import Block, Document, Kind, Part, Result
from .options import DEFAULT_OPTIONS, Options
from .page_type import detect as detect_page_type
from .site import SiteEvidence, template
from .sources import html, segment


def clean(
    raw: bytes | str,
    *,
    options: Options | None = None,
    url: str | None = None,
    site: SiteEvidence | None = None,
) -> Result:
    """Clean one page (HTML or a plain-text dump) and say why each block went.

    ``raw`` is the page's bytes (decoded here, see ``declutter.decode``) or text; ``url``
    its address where known (a JSONL record's or a WARC's), one more clue to the page
    type (``declutter.page_type``); ``site`` what the page's site's other pages showed
    (``declutter.site``: its template blocks are removed). Raises a
    ``declutter.errors.DeclutterError`` for a page that cannot be cleaned (empty, binary,
    undecodable).
    """
    with _cyclic_gc_paused():
        return _clean(raw, options or DEFAULT_OPTIONS, url, site)


@contextmanager
def _cyclic_gc_paused() -> Iterator[None]:
    """Python's cyclic collector paused while a page is cleaned. Its full collections
    scan every live object, and a page's blocks are many live objects, so their cost grew
    with the page times its allocations: a 20 MB page took 20 s instead of 10. A page's
    objects are freed by reference counting; the collector runs as before afterwards."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _clean(
    raw: bytes | str, options: Options, url: str | None, site: SiteEvidence | None
) -> Result:
    text = _text_of(raw)
    kind = options.kind or sniff_kind(text)
    doc = segment(text, kind, options.html_extractor, metadata=options.metadata)
    # The decoded page is not held while its blocks are decided: it was one page size
    # of the peak memory (issue 14). The rare fallback below decodes it again.
    del text
    result = _clean_doc(doc, kind, options, url=url, site=site)
    if kind is Kind.HTML and options.html_extractor == "declutter":
        kept = kept_words(result.blocks)
        if kept < FALLBACK_BELOW_WORDS:  # our region missed: trafilatura's extraction
            text = _text_of(raw)
            if not fallback_affordable(text):  # (unless it would take quadratic time)
                return without_fallback(result, kept)
            try:
                extracted = html.segment_trafilatura(text, metadata=False)
            except EmptyPageError:  # all the text is where trafilatura does not read
                extracted = None  # (<noscript>, see ``sources.dom``): ours stands
            if extracted is not None:
                shown = _shows_title(result.blocks)  # our DOM blocks saw whether it shows
                fallback = mark_fallback(
                    _clean_doc(extracted, kind, options, shown, site=site), kept
                )
                # The page type is the page's, read from our DOM blocks and its markup.
                result = replace(
                    fallback, page_type=result.page_type, page_type_cue=result.page_type_cue
                )
    if options.metadata:
        result = replace(result, metadata=read_metadata(doc))
    return result


def _text_of(raw: bytes | str) -> str:
    """The page's text: ``raw`` decoded (bytes) or normalised (text); never empty."""
    text = decode(raw) if isinstance(raw, bytes) else normalise_text(raw)
    if not text or text.isspace():  # (not text.strip(): a copy of the page)
        raise EmptyPageError("page holds only whitespace" if text else "empty page")
    return text


def _clean_doc(
    doc: Document,
    kind: Kind,
    options: Options,
    title_shown: bool | None = None,
    url: str | None = None,
    site: SiteEvidence | None = None,
) -> Result:
    """``clean`` after segmenting: every step from the language to the output text.

    ``title_shown``: whether a heading of the page shows its title, when the caller knows
    it from the page's DOM blocks (the fallback's blocks come from trafilatura).
    """
    labels, weights, title = analyse(doc, options, url, site)
    doc.cue_texts = None  # the rules' lookup texts (a copy of every block's text): done
    if options.learned:
        learned.rescore(doc, labels, weights)
    if site is not None:  # a template mark is final: no score brings the block back
        template.finalise(doc)
        title = template.strip_site_parts(title, site) if title else title
    # The title stands where its block stood (first, but for a kicker kept above a later
    # headline): nothing is reordered. A title that is no block goes first, unless the
    # page's DOM blocks show that no heading of the page holds it: such a <title> is the
    # page's metadata (``Result.title``), not its text ("Forum - Thread - Page 3").
    show_title = bool(title and options.keep_title)
    parts = [
        Part(title, b) if b.reason == TITLE else Part(b.text, b)
        for b in doc.blocks
        if b.kept and (b.reason != TITLE or show_title)
    ]
    if title_shown is None:
        title_shown = not doc.from_dom or _shows_title(doc.blocks)
    if show_title and title_shown and not any(b.reason == TITLE for b in doc.blocks):
        parts.insert(0, Part(title, None))
    return Result(
        text=_joined([part.text for part in parts]),
        title=title,
        language=doc.language,
        kind=kind,
        blocks=tuple(doc.blocks),
        parts=tuple(parts),
        page_type=doc.page_type,
        page_type_cue=doc.page_type_cue,
        notes=doc.notes,
    )


def analyse(
    doc: Document, options: Options, url: str | None = None, site: SiteEvidence | None = None
) -> tuple[list[Label], list[float], str | None]:
    """Every step after segmenting up to the assembler's decision: ``kept`` and ``reason``
    set on the blocks; the blocks' labels and region weights, and the title. (The learned
    scorer reads exactly this, in ``clean`` and in its training.)"""
    found = page_words(doc)  # the words of every block: for the language and the statistics
    doc.language = options.language or detect_page(doc, found)
    doc.stoplist = stoplist_for(doc.language)
    add_stats(doc, found)
    found_type = detect_page_type(doc, url)
    doc.page_type, doc.page_type_cue = found_type.name, found_type.cue
    rules.apply(doc)
    if site is not None:
        template.mark(doc, site)
    labels, weights = classify(doc)
    return labels, weights, assemble(doc, labels, weights)


def _joined(paragraphs: list[str]) -> str:
    """The paragraphs, a blank line between two, and a final newline ("" for none), made
    without a second copy of the whole text (adding the newline to the joined text made
    one, and the result's text is most of a page)."""
    if not paragraphs:
        return ""
    return "\n\n".join([*paragraphs[:-1], paragraphs[-1] + "\n"])


def _shows_title(blocks: Iterable[Block]) -> bool:
    """A block of the page is its title or a copy of it: the page shows the title."""
    return any(block.reason in (TITLE, DUPLICATE_TITLE) for block in blocks)


def clean_many(pages: Iterable[bytes | str], *, options: Options | None = None) -> Iterator[Result]:
    """Clean pages one by one, lazily: the streaming form for pipelines."""
    for page in pages:
        yield clean(page, options=options)
