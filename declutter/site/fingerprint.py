"""Block fingerprints: a block's normalised text as a 64-bit hash, and a page's prints.

Two blocks are the same template line when their texts agree after ``normalise``:
case folded, every run of digits read as one ``0`` (the year of a copyright line, a
counter), everything but letters and digits dropped. A fingerprint is the first 8 bytes
of the BLAKE2b hash of that text, mixed with the site's own hash (``site_hash``), so the
counts of all sites share one table (``counts.FingerprintTable``) and the same line on two
sites is two entries.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import lru_cache

import regex

from ..model import Block

# Bumped whenever ``normalise`` or the hashing changes: profiles made before are refused.
FINGERPRINT_VERSION = 1
# A block of at least this many words is "long": long blocks tell one article from another
# (near-duplicate pages share most of them), template lines are mostly shorter.
LONG_BLOCK_WORDS = 20
# The long blocks sampled per page to find its near-duplicates: the smallest fingerprints
# (a min-hash sample: two copies of one article sample the same blocks), few enough that
# the index grows by at most this many entries a page; a copy may differ in two of them.
SKETCH_SIZE = 5
MASK64 = (1 << 64) - 1
# Blocks up to this long have their hash cached: menu and footer lines recur on every page
# (and in both passes), so most of a page's short blocks are hashed once a run.
CACHED_CHARS = 200
CACHE_SIZE = 1 << 14

_DIGITS = regex.compile(r"\d+")
_NOT_WORD = regex.compile(r"[^\p{L}\p{N}]+")


def normalise(text: str) -> str:
    """The text two copies of a template line share: case folded, digit runs as ``0``,
    only letters and digits, single spaces."""
    folded = _DIGITS.sub("0", text.casefold())
    return _NOT_WORD.sub(" ", folded).strip()


def hash64(text: str) -> int:
    return int.from_bytes(hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest(), "big")


def site_hash(site: str) -> int:
    """The hash every fingerprint of ``site`` is mixed with."""
    return hash64("site\x00" + site)


def block_fingerprint(text: str, site: int) -> int | None:
    """The fingerprint of a block's text on the site of hash ``site``; None for a block
    without a letter or digit (a separator line: no evidence either way)."""
    found = _cached_text_hash(text) if len(text) <= CACHED_CHARS else _text_hash(text)
    return None if found is None else found ^ site


def _text_hash(text: str) -> int | None:
    normal = normalise(text)
    return hash64(normal) if normal else None


_cached_text_hash = lru_cache(maxsize=CACHE_SIZE)(_text_hash)


@dataclass(frozen=True, slots=True)
class PagePrint:
    """What the count pass keeps of one page: no text, only fingerprints."""

    site: str
    fingerprints: tuple[int, ...]  # every distinct block fingerprint, sorted
    sketch: tuple[int, ...]  # the ``SKETCH_SIZE`` smallest fingerprints of long blocks
    whole: int  # the hash of all the page's fingerprints: exact copies share it


def page_print(site: str, blocks: list[Block]) -> PagePrint:
    """The fingerprints of a segmented page of ``site``."""
    mix = site_hash(site)
    prints: set[int] = set()
    long: set[int] = set()
    for block in blocks:
        found = block_fingerprint(block.text, mix)
        if found is None:
            continue
        prints.add(found)
        if len(block.text.split()) >= LONG_BLOCK_WORDS:
            long.add(found)
    ordered = tuple(sorted(prints))
    whole = hash64("page\x00" + ",".join(map(str, ordered))) ^ mix
    return PagePrint(site, ordered, tuple(sorted(long)[:SKETCH_SIZE]), whole)
