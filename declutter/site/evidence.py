"""What cleaning one page is told about its site: ``SiteEvidence``.

A block is a **template block** of its site when it is seen on at least ``min_pages``
pages and a share ``min_share`` of the site's pages (near-duplicates counted once, see
``counts``). Strong body text (a block the classifier alone would call good prose) must
recur on ``strong_share`` of the pages as well: repetition alone removes an article's
paragraph only when it stands on clearly different articles nearly everywhere.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .fingerprint import block_fingerprint, site_hash

if TYPE_CHECKING:
    from .counts import SiteCounts

# A template block is seen on at least this many pages of its site (near-duplicates once),
# and a site with fewer pages gets no evidence: below that, a shared line may be chance.
MIN_PAGES = 5
# ... and on at least this share of its site's pages: menus, footers, notices and appeals
# stand on nearly every page; a line of article text seldom on half of them.
MIN_SHARE = 0.5
# Strong body text must stand on this share of the pages: a recurring appeal or notice
# does, an article paragraph quoted by a few follow-up stories does not.
STRONG_SHARE = 0.8


@dataclass(frozen=True, slots=True)
class Thresholds:
    """When a recurring block is a template block (see the module doc)."""

    min_pages: int = MIN_PAGES
    min_share: float = MIN_SHARE
    strong_share: float = STRONG_SHARE


@dataclass(frozen=True, slots=True)
class SiteEvidence:
    """One site's counts, as ``declutter.clean(..., site=...)`` reads them."""

    site: str
    pages: int  # the site's pages, near-duplicates counted once
    counts: SiteCounts
    thresholds: Thresholds = Thresholds()
    # The counts of the fingerprints counted ``min_pages`` times or more (all that can be
    # template: ``SiteCounts.frequent``); None: looked up in ``counts``.
    frequent: Mapping[int, int] | None = field(default=None, repr=False)
    mix: int = field(init=False, repr=False)  # ``site_hash(site)``, computed once

    def __post_init__(self) -> None:
        object.__setattr__(self, "mix", site_hash(self.site))

    def fingerprint(self, text: str) -> int | None:
        """A block's fingerprint on this site (``fingerprint.block_fingerprint``)."""
        return block_fingerprint(text, self.mix)

    def seen_on(self, fingerprints: Sequence[int | None]) -> list[int]:
        """On how many of the site's pages a block of each fingerprint stands (0 for one
        below ``min_pages`` where ``frequent`` is given)."""
        if self.frequent is None:
            return self.counts.count_many(fingerprints)
        get = self.frequent.get
        return [0 if found is None else get(found, 0) for found in fingerprints]

    def is_template(self, seen: int, strong_body: bool) -> bool:
        limits = self.thresholds
        share = limits.strong_share if strong_body else limits.min_share
        return seen >= limits.min_pages and seen >= share * self.pages

    def cue(self, seen: int) -> str:
        return f"seen on {seen} of {self.pages} pages of {self.site}"


def evidence_for(counts: SiteCounts | None, site: str | None,
                 thresholds: Thresholds = Thresholds(),
                 frequent: Mapping[int, int] | None = None) -> SiteEvidence | None:
    """The evidence for a page of ``site``; None without counts, without a site, or for a
    site of fewer than ``min_pages`` pages (its pages are cleaned as before)."""
    if counts is None or site is None:
        return None
    pages = counts.pages.get(site, 0)
    if pages < thresholds.min_pages:
        return None
    return SiteEvidence(site, pages, counts, thresholds, frequent)
