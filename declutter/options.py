"""Options for ``declutter.clean``: a frozen, keyword-only dataclass."""

from __future__ import annotations

from dataclasses import dataclass

from .languages import checked_code
from .model import Kind

# The values of ``Options.html_extractor``.
HTML_EXTRACTORS = ("trafilatura", "declutter")


@dataclass(frozen=True, kw_only=True, slots=True)
class Options:
    """How to clean a page. Every field has a default that suits most pages.

    kind: force the page kind; ``None`` sniffs it from the content (and the file name).
    language: force the language (ISO 639-1 code, e.g. ``"it"``, or ISO 639-3 where a
        language has none; ``declutter.languages`` lists them: an unknown code is a
        ValueError); ``None`` detects it from the text with jusText's stoplists.
    keep_title: put the page title first in the output text.
    html_extractor: who chooses an HTML page's content: ``"declutter"`` (declutter's
        own: every block of the page with its structure, decided by declutter's rules,
        classifier and assembler, see ``declutter.sources.dom``; trafilatura's
        extraction only where declutter's region holds almost nothing, see
        ``declutter.assemble.fallback``) or ``"trafilatura"`` (trafilatura's extraction, then
        declutter's rules on its paragraphs).
    learned: let the learned block scorer (``declutter.learned``) have the last word on
        each block of an HTML page; ``False`` keeps the rules' and assembler's decisions.
    metadata: also read the page's metadata (author, publication date, site name,
        canonical URL, description: ``Result.metadata``, see ``declutter.metadata``).
        Off by default: it costs about as much time as the cleaning itself.
    """

    kind: Kind | None = None
    language: str | None = None
    keep_title: bool = True
    html_extractor: str = "declutter"
    learned: bool = True
    metadata: bool = False

    def __post_init__(self) -> None:
        if self.language is not None:  # a known code, lower-cased
            object.__setattr__(self, "language", checked_code(self.language))
        if self.html_extractor not in HTML_EXTRACTORS:
            raise ValueError(
                f"unknown HTML extractor {self.html_extractor!r}: "
                f"one of {', '.join(HTML_EXTRACTORS)}"
            )


DEFAULT_OPTIONS = Options()
