"""Re-runs that notice changes: the stamp an output was made with.

Beside a page's outputs, the hidden file ``.NAME.clean.stamp`` records what they were
made from, as one JSON object: the declutter version, the SHA-256 of the raw bytes
(after decompressing a ``.gz`` page), the options that shape the outputs (``Options``,
the format, ``--explain``), the output files written and, for a page cleaned with site
evidence (``declutter.site``), a digest of the run's site counts: a page is redone when
what its site's pages showed changed (any count of the run: coarse, but never stale).
A re-run skips a page only when all of these are the same and every output named is
still there; otherwise the page is redone, for the first reason found in ``REASONS``
order. The stamp is written after the outputs, so a run killed in between leaves an old
stamp and the next run redoes the page.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass

from . import __version__, learned
from .options import Options

STAMP_SUFFIX = ".clean.stamp"
# Why a page cleaned before is redone, in the order they are checked.
STAMP_MISSING = "no stamp"  # outputs without a stamp: an older declutter, or it was removed
OUTPUT_MISSING = "output missing"
VERSION_CHANGED = "version changed"
OPTIONS_CHANGED = "options changed"
SITE_CHANGED = "site evidence changed"
RAW_CHANGED = "raw changed"
REASONS = (STAMP_MISSING, VERSION_CHANGED, OPTIONS_CHANGED, SITE_CHANGED, OUTPUT_MISSING,
           RAW_CHANGED)
# A page cleaned for the first time: no stamp and no output (not counted as redone).
NEW = "new"


@dataclass(frozen=True, slots=True)
class Stamp:
    """What a page's outputs were made from."""

    version: str
    raw_sha256: str
    options: str  # ``options_key``
    outputs: tuple[str, ...]  # the output files' names, in their folder
    site: str | None = None  # the site counts' digest; None: cleaned without evidence

    def to_bytes(self) -> bytes:
        fields = asdict(self)
        fields["outputs"] = list(self.outputs)
        if self.site is None:  # (so a page without evidence has the stamp it always had)
            del fields["site"]
        return (json.dumps(fields, ensure_ascii=False, sort_keys=True) + "\n").encode("utf-8")


def options_key(options: Options, fmt: str, explain: bool) -> str:
    """The options that shape a page's outputs, as one canonical string. The page kind
    is left out: it follows from the page (its name or its content), not from the run."""
    fields = {
        "language": options.language,
        "keep_title": options.keep_title,
        "html_extractor": options.html_extractor,
        "metadata": options.metadata,
        "learned": learned.fingerprint() if options.learned else None,
        "format": fmt,
        "explain": explain,
    }
    return json.dumps(fields, sort_keys=True)


def stamp_for(raw: bytes, key: str, outputs: tuple[str, ...], site: str | None = None) -> Stamp:
    return Stamp(__version__, hashlib.sha256(raw).hexdigest(), key, outputs, site)


def parse(data: bytes) -> Stamp | None:
    """The stamp in ``data``; None when it is no stamp (damaged, or another program's)."""
    try:
        fields = json.loads(data.decode("utf-8"))
        stamp = Stamp(
            version=fields["version"],
            raw_sha256=fields["raw_sha256"],
            options=fields["options"],
            outputs=tuple(fields["outputs"]),
            site=fields.get("site"),
        )
    except (UnicodeDecodeError, json.JSONDecodeError, KeyError, TypeError):
        return None
    typed = all(isinstance(v, str) for v in (stamp.version, stamp.raw_sha256, stamp.options))
    typed = typed and isinstance(stamp.site, (str, type(None)))
    return stamp if typed and all(isinstance(o, str) for o in stamp.outputs) else None


def why_redo(old: Stamp | None, new: Stamp, present: frozenset[str]) -> str | None:
    """Why the page must be cleaned (``NEW`` or one of ``REASONS``), or None when its
    outputs stand.

    ``old``: the stamp found (None: none, or unreadable); ``present``: which of the
    outputs ``new`` names exist now.
    """
    if old is None:
        return STAMP_MISSING if present else NEW
    if old.version != new.version:
        return VERSION_CHANGED
    if old.options != new.options:
        return OPTIONS_CHANGED
    if old.site != new.site:
        return SITE_CHANGED
    if not set(new.outputs) <= present:
        return OUTPUT_MISSING
    if old.raw_sha256 != new.raw_sha256:
        return RAW_CHANGED
    return None
