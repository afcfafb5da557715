"""Saved counts (``--site-profile FILE``): a daily crawl of known sites is cleaned with
what was learned before.

**Format.** A numpy ``.npz`` archive (a zip of ``.npy`` arrays, compressed; read with
``numpy.load(FILE, allow_pickle=False)``) holding:

- ``header``: UTF-8 JSON, ``{"format": "declutter-site-profile", "format_version": 1,
  "declutter": VERSION, "settings": {...}, "groups": N, "pages": {SITE: PAGES}}``;
  ``settings`` are those that shape the counts (``SiteSetup.settings``: the site key, the
  HTML extractor, the fingerprint version, the long-block size and sample size);
  ``pages`` counts each site's pages, near-duplicates once; ``groups``, all sites' pages;
- ``keys`` (uint64, sorted) and ``counts`` (uint32): each block fingerprint (site mixed in,
  ``fingerprint.block_fingerprint``) and on how many pages it stands;
- ``owner_keys`` (uint64) and ``owner_groups`` (int64): the near-duplicate index (a page's
  sampled long blocks and whole-page hash -> its group; -1: seen in two groups), so the
  same pages crawled again are not counted twice.

A profile written by another declutter version, or with other settings, is refused
(``ProfileError``, with what differs): its fingerprints would not match this run's.
"""

from __future__ import annotations

import json
import os
from typing import Any

import numpy as np

from .. import __version__
from .counts import FingerprintTable, SiteCounts
from .learn import SiteSetup

FORMAT = "declutter-site-profile"
FORMAT_VERSION = 1


class ProfileError(Exception):
    """A site profile that cannot be used: unreadable, or made with other settings."""


def header(counts: SiteCounts, setup: SiteSetup) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "declutter": __version__,
        "settings": setup.settings(),
        "groups": counts.groups,
        "pages": counts.pages,
    }


def save(path: str, counts: SiteCounts, setup: SiteSetup) -> None:
    """Write ``counts`` to ``path`` whole or not at all (a temporary file, renamed)."""
    counts.freeze()
    owner_keys = np.fromiter(counts.owner.keys(), dtype=np.uint64, count=len(counts.owner))
    owner_groups = np.fromiter(counts.owner.values(), dtype=np.int64, count=len(counts.owner))
    meta = json.dumps(header(counts, setup), ensure_ascii=False, sort_keys=True)
    folder, name = os.path.split(os.path.abspath(path))
    temp = os.path.join(folder, f".{name}.{os.getpid()}.tmp")
    try:
        with open(temp, "wb") as out:
            np.savez_compressed(out, header=np.frombuffer(meta.encode("utf-8"), dtype=np.uint8),
                                keys=counts.table.keys, counts=counts.table.counts,
                                owner_keys=owner_keys, owner_groups=owner_groups)
        os.replace(temp, path)
    finally:
        if os.path.exists(temp):
            os.unlink(temp)


def load(path: str, setup: SiteSetup) -> SiteCounts:
    """The counts saved in ``path``; ``ProfileError`` for a file that is no profile of
    this version and these settings."""
    try:
        with np.load(path, allow_pickle=False) as arrays:
            meta = json.loads(arrays["header"].tobytes().decode("utf-8"))
            _check(meta, setup, path)
            counts = SiteCounts()
            counts.table = FingerprintTable(arrays["keys"].astype(np.uint64),
                                            arrays["counts"].astype(np.uint32))
            owner = zip(arrays["owner_keys"].tolist(), arrays["owner_groups"].tolist())
    except (OSError, ValueError, KeyError, UnicodeDecodeError) as exc:
        raise ProfileError(f"{path}: not a site profile ({exc})") from None
    counts.owner = dict(owner)
    counts.pages = {str(site): int(n) for site, n in meta["pages"].items()}
    counts.groups = int(meta["groups"])
    return counts


def _check(meta: Any, setup: SiteSetup, path: str) -> None:
    if not isinstance(meta, dict) or meta.get("format") != FORMAT:
        raise ProfileError(f"{path}: not a site profile")
    if meta.get("format_version") != FORMAT_VERSION or meta.get("declutter") != __version__:
        raise ProfileError(
            f"{path}: a site profile of declutter {meta.get('declutter')} (format "
            f"{meta.get('format_version')}), not of this version {__version__}: its "
            "fingerprints may not match; remove it or give another file to learn anew"
        )
    theirs, ours = meta.get("settings") or {}, setup.settings()
    if theirs != ours:
        diff = ", ".join(f"{k}={theirs.get(k)!r} (this run: {ours.get(k)!r})"
                         for k in sorted(set(theirs) | set(ours)) if theirs.get(k) != ours.get(k))
        raise ProfileError(f"{path}: a site profile made with other settings: {diff}; "
                           "run with the same settings, or give another file")
