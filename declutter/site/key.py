"""The site of a page: the key its fingerprints are counted under.

``auto`` (the default): the host of the page's address — the ``url`` of its JSON Lines
or WARC record (where it was fetched: a syndicated copy's canonical names another site),
else its ``<link rel=canonical>`` or ``og:url`` (HTML) or a URL line near the top (a text
dump: ``URL: https://…`` or a bare address) — and where none is found, the
folder it lies in below the PATH given (for a stream: the input file). ``host`` takes
only addresses (a page without one has no site), ``folder`` only folders, and ``none``
puts every page of the run on one site.
"""

from __future__ import annotations

from enum import Enum
from urllib.parse import urlsplit

import regex

from ..model import Kind


class SiteKey(str, Enum):
    """How a page's site is found (``--site-key``)."""

    AUTO = "auto"
    HOST = "host"
    FOLDER = "folder"
    NONE = "none"


# The site of every page when pages are not told apart (``SiteKey.NONE``).
ONE_SITE = "(all pages)"
# Characters of an HTML page searched for its canonical address: the <head> comes first.
HEAD_CHARS = 65536
# Lines at the top of a text dump searched for its address.
URL_LINES = 5
_LINK_TAG = regex.compile(r"<(?:link|meta)\b[^>]{0,2000}>", regex.IGNORECASE)
_CANONICAL = regex.compile(
    r"""\b(?:rel\s*=\s*["']?canonical\b|property\s*=\s*["']?og:url\b)""", regex.IGNORECASE
)
_ADDRESS = regex.compile(r"""\b(?:href|content)\s*=\s*["']?(https?://[^"'\s>]+)""",
                         regex.IGNORECASE)
_URL_LINE = regex.compile(r"(?:url\s*:\s*)?(https?://\S+)", regex.IGNORECASE)


def host(url: str | None) -> str | None:
    """The host of an address, lower-cased, without ``www.``; None for no address."""
    if not url:
        return None
    try:
        name = urlsplit(url.strip()).hostname
    except ValueError:  # a malformed address (an unclosed IPv6 bracket)
        return None
    if not name or "." not in name:
        return None
    return name.removeprefix("www.")


def page_address(text: str, kind: Kind) -> str | None:
    """The address a page gives itself: canonical or ``og:url`` (HTML), a URL line near
    the top (a text dump)."""
    if kind is Kind.HTML:
        for tag in _LINK_TAG.finditer(text, 0, HEAD_CHARS):
            if _CANONICAL.search(tag.group()) and (found := _ADDRESS.search(tag.group())):
                return found.group(1)
        return None
    for line in text.lstrip().splitlines()[:URL_LINES]:
        if found := _URL_LINE.fullmatch(line.strip()):
            return found.group(1)
    return None


def site_of(mode: SiteKey, text: str, kind: Kind, url: str | None, folder: str) -> str | None:
    """The site of a page (``text``: decoded, of ``kind``; ``url``: its record's address;
    ``folder``: where it lies), or None when ``mode`` finds none."""
    if mode is SiteKey.NONE:
        return ONE_SITE
    if mode is SiteKey.FOLDER:
        return folder
    found = host(url) or host(page_address(text, kind))
    if found is None and mode is SiteKey.AUTO:
        return folder
    return found
