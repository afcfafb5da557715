"""Sources turn a decoded page into a ``Document`` of blocks: one module per page kind."""

from __future__ import annotations

from ..model import Document, Kind
from . import html, text

SEGMENTERS = {Kind.TEXT: text.segment, Kind.HTML: html.segment}


def segment(decoded: str, kind: Kind) -> Document:
    """Split a decoded page into blocks with the segmenter of its kind."""
    return SEGMENTERS[kind](decoded)
