"""Per-site counts of block fingerprints, with near-duplicate pages counted once.

``SiteCounts.add`` takes one page's prints (``fingerprint.PagePrint``) at a time, so the
count pass streams: what it holds grows with the distinct fingerprints, never with the
pages' text. The fingerprints' counts live in one compact table (``FingerprintTable``:
two sorted numpy arrays, 12 bytes an entry); the near-duplicate index holds at most
``SKETCH_SIZE + 1`` entries a page.

**Near-duplicates.** The same article scraped twice, or a syndicated copy, must not make
its own paragraphs look like template. Pages are gathered into groups of near-duplicates
as they come: a page joins the group of an earlier page when it is an exact copy of it
(``PagePrint.whole``), or when most of its sampled long blocks (``PagePrint.sketch``) were
first seen in that group. A page that joins a group adds nothing to the counts: each
fingerprint is counted once per group, and a site's page count is its number of groups.
A sampled long block that turns up in two groups is no article's own (a donation appeal
on every page): it is set aside and no longer votes.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np

from .fingerprint import PagePrint

# Fingerprints buffered before they are merged into the sorted table: large enough that
# merging is rare, small enough (8 bytes each) that the buffer stays a few MB.
MERGE_EVERY = 1 << 19
# The index value of a sampled long block seen in two groups: it votes for none.
SHARED = -1


class FingerprintTable:
    """How many groups hold each fingerprint: sorted unique keys and their counts."""

    def __init__(self, keys: np.ndarray | None = None, counts: np.ndarray | None = None) -> None:
        self.keys = keys if keys is not None else np.empty(0, dtype=np.uint64)
        self.counts = counts if counts is not None else np.empty(0, dtype=np.uint32)
        self._pending: list[np.ndarray] = []
        self._pending_size = 0

    def __len__(self) -> int:
        self.merge()
        return int(self.keys.size)

    def add(self, fingerprints: Iterable[int]) -> None:
        """Count each fingerprint once more (the caller gives each once per group)."""
        added = np.fromiter(fingerprints, dtype=np.uint64)
        self._pending.append(added)
        self._pending_size += added.size
        if self._pending_size >= MERGE_EVERY:
            self.merge()

    def merge(self) -> None:
        """Fold the buffered fingerprints into the sorted table."""
        if not self._pending:
            return
        keys = np.concatenate([self.keys, *self._pending])
        counts = np.concatenate(
            [self.counts, np.ones(self._pending_size, dtype=np.uint32)]
        )
        self._pending, self._pending_size = [], 0
        order = np.argsort(keys, kind="stable")
        keys, counts = keys[order], counts[order]
        starts = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]])
        self.keys = keys[starts]
        self.counts = np.add.reduceat(counts, starts).astype(np.uint32)

    def count(self, fingerprint: int) -> int:
        """The count of one fingerprint (0 when never seen); ``merge`` first."""
        return self.count_many([fingerprint])[0]

    def count_many(self, fingerprints: Sequence[int | None]) -> list[int]:
        """The counts of many fingerprints at once (None: 0); ``merge`` first."""
        if not self.keys.size or not fingerprints:
            return [0] * len(fingerprints)
        wanted = np.fromiter((f or 0 for f in fingerprints), dtype=np.uint64,
                             count=len(fingerprints))
        at = np.minimum(np.searchsorted(self.keys, wanted), self.keys.size - 1)
        found = np.where(self.keys[at] == wanted, self.counts[at], 0)
        return [0 if f is None else int(n) for f, n in zip(fingerprints, found.tolist())]


class SiteCounts:
    """Everything the count pass learns: per site, its pages (groups of near-duplicates)
    and how many of them hold each block fingerprint."""

    def __init__(self) -> None:
        self.table = FingerprintTable()
        self.pages: dict[str, int] = {}  # groups per site
        self.owner: dict[int, int] = {}  # sampled long block or whole page -> its group
        self.groups = 0

    def add(self, page: PagePrint) -> bool:
        """Count one page; False when it is a near-duplicate of a page counted before
        (then nothing is counted)."""
        if self.group_of(page) is not None:
            return False
        group = self.groups
        self.groups += 1
        for sampled in page.sketch:
            known = self.owner.get(sampled)
            self.owner[sampled] = group if known is None else SHARED
        self.owner[page.whole] = group
        self.pages[page.site] = self.pages.get(page.site, 0) + 1
        self.table.add(page.fingerprints)
        return True

    def group_of(self, page: PagePrint) -> int | None:
        """The group of an earlier page that ``page`` nearly duplicates, or None."""
        exact = self.owner.get(page.whole)
        if exact is not None and exact != SHARED:
            return exact
        votes: dict[int, int] = {}
        for sampled in page.sketch:
            group = self.owner.get(sampled)
            if group is not None and group != SHARED:
                votes[group] = votes.get(group, 0) + 1
        if not votes:
            return None
        group, most = max(votes.items(), key=lambda kv: (kv[1], -kv[0]))
        return group if 2 * most > len(page.sketch) else None

    def freeze(self) -> SiteCounts:
        """Ready for look-ups (the buffer merged); returns itself."""
        self.table.merge()
        return self

    def count(self, fingerprint: int) -> int:
        return self.table.count(fingerprint)

    def frequent(self, at_least: int) -> dict[int, int]:
        """The fingerprints counted at least ``at_least`` times, with their counts: the
        few that can be template, for fast look-ups while cleaning."""
        self.freeze()
        table = self.table
        chosen = table.counts >= at_least
        return dict(zip(table.keys[chosen].tolist(), table.counts[chosen].tolist()))

    def count_many(self, fingerprints: Sequence[int | None]) -> list[int]:
        return self.table.count_many(fingerprints)
