"""Sources turn a decoded page into a ``Document`` of blocks: one module per page kind."""

from __future__ import annotations

from ..model import Document, Kind
from . import html, text


def segment(
    decoded: str, kind: Kind, html_extractor: str = "declutter", *, metadata: bool = False
) -> Document:
    """Split a decoded page into blocks with the segmenter of its kind.

    ``html_extractor`` picks the HTML segmenter: see ``Options.html_extractor``;
    ``metadata``: the page's metadata will be read (see ``html.segment``).
    """
    if kind is Kind.TEXT:
        return text.segment(decoded)
    return html.segment(decoded, html_extractor, metadata=metadata)
