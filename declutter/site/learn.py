"""The count pass: every page of a run fingerprinted, in worker processes, and counted.

``print_page`` is what a worker does with one page (segment it as ``clean`` does, and
fingerprint its blocks); ``count`` gathers the prints, in order, into ``SiteCounts``;
``SiteRun`` is what the cleaning pass then reads: the counts, frozen, and how a page's
site is found.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from ..decode import decode, normalise_text, sniff_kind
from ..errors import DeclutterError
from ..model import Kind
from ..sources import segment
from .counts import SiteCounts
from .evidence import SiteEvidence, Thresholds, evidence_for
from .fingerprint import FINGERPRINT_VERSION, LONG_BLOCK_WORDS, SKETCH_SIZE, PagePrint, page_print
from .key import SiteKey, site_of

T = TypeVar("T")


# What the count pass's work on a page without prints returns through the worker pool
# (``runner.run_ordered`` reads None as "no outcome yet").
NO_PRINT = "no print"


@dataclass(frozen=True, slots=True)
class SiteSetup:
    """How a run learns its sites: what shapes the counts, and the thresholds."""

    mode: SiteKey = SiteKey.AUTO
    html_extractor: str = "declutter"
    thresholds: Thresholds = Thresholds()

    def settings(self) -> dict[str, Any]:
        """What shapes the counts: a profile made with other settings is refused."""
        return {
            "site_key": self.mode.value,
            "html_extractor": self.html_extractor,
            "fingerprint": FINGERPRINT_VERSION,
            "long_block_words": LONG_BLOCK_WORDS,
            "sketch_size": SKETCH_SIZE,
        }


def print_page(raw: bytes | str, kind: Kind | None, url: str | None, folder: str,
               setup: SiteSetup, charset: str | None = None) -> PagePrint | None:
    """The prints of one page, segmented as ``clean`` segments it; None for a page with
    no site or that cannot be cleaned (the cleaning pass reports it)."""
    try:
        text = decode(raw, charset=charset) if isinstance(raw, bytes) else normalise_text(raw)
        if not text or text.isspace():
            return None
        kind = kind or sniff_kind(text)
        site = site_of(setup.mode, text, kind, url, folder)
        if site is None:
            return None
        doc = segment(text, kind, setup.html_extractor, metadata=False)
    except DeclutterError:
        return None
    return page_print(site, doc.blocks)


def count(prints: Iterable[tuple[int, Any]], counts: SiteCounts | None = None) -> SiteCounts:
    """Count the prints (``run_ordered``'s outcomes: anything but a ``PagePrint``, a page
    that failed, is passed over) on top of ``counts`` (a profile's) or from nothing."""
    counts = counts or SiteCounts()
    for _, outcome in prints:
        if isinstance(outcome, PagePrint):
            counts.add(outcome)
    return counts.freeze()


@dataclass(frozen=True, slots=True)
class SiteRun:
    """What the cleaning pass reads: the counts and how a page's site is found."""

    counts: SiteCounts
    setup: SiteSetup = SiteSetup()
    digest: str = field(default="", compare=False)  # ``counts_digest``, for the stamps
    # The fingerprints on at least ``min_pages`` pages (``SiteCounts.frequent``): every
    # other block is no template block, whatever its site.
    frequent: dict[int, int] = field(default_factory=dict, compare=False, repr=False)

    def evidence(self, text: str, kind: Kind | None, url: str | None,
                 folder: str) -> SiteEvidence | None:
        """The evidence for one decoded page; None where its site has too few pages."""
        if not self.counts.pages:
            return None
        kind = kind or sniff_kind(text)
        site = site_of(self.setup.mode, text, kind, url, folder)
        return evidence_for(self.counts, site, self.setup.thresholds, self.frequent)


def learn_pages(pages: Iterable[tuple[bytes | str, Kind | None, str | None, str]],
                setup: SiteSetup = SiteSetup()) -> SiteRun:
    """The count pass in this process over ``(raw, kind, url, folder)`` pages (``kind``
    None: sniffed; ``url``, ``folder``: for the page's site, ``key.site_of``)."""
    return site_run(count(enumerate(print_page(raw, kind, url, folder, setup)
                                    for raw, kind, url, folder in pages)), setup)


def site_run(counts: SiteCounts, setup: SiteSetup) -> SiteRun:
    frequent = counts.frequent(setup.thresholds.min_pages)
    return SiteRun(counts.freeze(), setup, counts_digest(counts, setup), frequent)


def counts_digest(counts: SiteCounts, setup: SiteSetup) -> str:
    """A short hash of the counts and thresholds: a page cleaned with other evidence is
    redone (``declutter.stamps``)."""
    digest = hashlib.sha256()
    digest.update(json.dumps([setup.settings(), sorted(counts.pages.items()),
                              list(_thresholds(setup.thresholds))]).encode())
    digest.update(counts.table.keys.tobytes())
    digest.update(counts.table.counts.tobytes())
    return digest.hexdigest()[:16]


def _thresholds(thresholds: Thresholds) -> tuple[float, ...]:
    return (thresholds.min_pages, thresholds.min_share, thresholds.strong_share)


def enough_pages(pages: int, setup: SiteSetup, known: SiteCounts | None) -> bool:
    """Whether a count pass can find anything: a run of fewer pages than a site needs
    learns nothing (unless a profile brings counts)."""
    return known is not None or pages >= setup.thresholds.min_pages
