"""Options for ``declutter.clean``: a frozen, keyword-only dataclass."""

from __future__ import annotations

from dataclasses import dataclass

from .model import Kind


@dataclass(frozen=True, kw_only=True, slots=True)
class Options:
    """How to clean a page. Every field has a default that suits most pages.

    kind: force the page kind; ``None`` sniffs it from the content (and the file name).
    language: force the language (ISO 639-1 code, e.g. ``"it"``); ``None`` detects it
        from the text with jusText's stoplists.
    keep_title: put the page title first in the output text.
    """

    kind: Kind | None = None
    language: str | None = None
    keep_title: bool = True


DEFAULT_OPTIONS = Options()
