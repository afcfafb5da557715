"""The one data model that flows through every stage.

raw bytes -> decoded text -> ``Block`` list (a ``Document``) -> ``BlockStats`` per block
-> rule ``Mark``s with ``Reason``s -> kept/removed decision per block -> ``Result``.

A ``Block`` declares every field up front: the facts its source gave (text, position,
layout, HTML structure), then the decision fields that the classifier and assembler fill
in (``stats``, ``marks``, ``kept``, ``reason``). Nothing is bolted on later.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from functools import lru_cache
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from lxml import etree

    from .lexicons import BlockTexts


class Kind(str, Enum):
    """What a raw page is."""

    TEXT = "text"
    HTML = "html"


class Source(Enum):
    """Where a document's blocks come from: it decides how the assembler reads them."""

    TEXT = "text"  # the lines of a text dump (``sources.text``)
    DOM = "dom"  # every block of an HTML page, with its element path (``sources.dom``)
    EXTRACTED = "extracted"  # the content an extractor chose (trafilatura's), no structure


@dataclass(frozen=True, slots=True)
class Reason:
    """Why a block was kept or removed: the rule that decided and the cue it saw.

    ``rule`` is a stable identifier, one of ``rules.ids.RuleId`` (a ``str`` enum:
    ``"newsletter"``, ``"related_list"``, ``"statistics"``...); ``cue`` is a short
    human-readable description of the evidence
    (``"phrase 'iscriviti alla newsletter' (newsletter/it)"``).
    """

    rule: str  # a ``RuleId``: the model stays below the rules, so typed as its ``str``
    cue: str

    def __str__(self) -> str:
        return f"{self.rule}: {self.cue}"


# Distinct reasons a page's decisions hold: a few dozen cue texts, most shared by
# many blocks; a cap keeps the cache small whatever cues a page makes.
SHARED_REASONS = 4096


@lru_cache(maxsize=SHARED_REASONS)
def shared_reason(rule: str, cue: str) -> Reason:
    """``Reason(rule, cue)``, one object for all the blocks decided alike: a reason per
    block (some 110 bytes with its cue) was a tenth of a page of small blocks' peak
    memory (issue 14). Reasons are frozen, so sharing one changes nothing."""
    return Reason(rule, cue)


@dataclass(frozen=True, slots=True)
class Mark:
    """A rule's finding: block ``index`` is boilerplate of the family named in ``reason``."""

    index: int
    reason: Reason


@dataclass(slots=True)
class BlockStats:
    """Statistics of one block's text, computed once by ``declutter.features``.

    The character ratios (``digit_ratio``, ``upper_ratio``, ``alpha_ratio``) are read by
    no decision, only by ``--explain``: they are computed from ``text`` when asked for.
    """

    n_chars: int
    n_words: int
    stopword_density: float  # share of words found in the page language's stoplist
    ends_with_punct: bool  # last character is terminal punctuation (. ! ? : ; ... closing quote)
    title_case_ratio: float  # words starting with a capital / words starting with a letter
    has_digit: bool  # the text holds a digit (counters and dates all do)
    text: str = field(repr=False)  # the block's text, for the ratios below

    @property
    def digit_ratio(self) -> float:
        """Digits / non-space characters."""
        return _character_ratios(self.text)[0]

    @property
    def upper_ratio(self) -> float:
        """Upper-case letters / letters."""
        return _character_ratios(self.text)[1]

    @property
    def alpha_ratio(self) -> float:
        """Word characters other than digits / non-space characters."""
        return _character_ratios(self.text)[2]


def _character_ratios(text: str) -> tuple[float, float, float]:
    from .features import character_ratios  # features builds on this module: imported late

    return character_ratios(text)


@dataclass(slots=True)
class Block:
    """One paragraph-like unit of a page, with the facts its source knows about it."""

    index: int  # position among the page's blocks, 0-based
    text: str  # the block's text, stripped of surrounding whitespace
    line: int = 0  # text path: 1-based line number in the decoded text
    gap_before: bool = True  # a blank line (or block element boundary) precedes the block
    indent: int = 0  # leading spaces of the line (text path)
    bullet: bool = False  # the line starts with a list bullet ("* ", "- ", "• ")
    # Structural facts, where HTML gives them.
    tag: str | None = None  # the block element's tag name ("p", "h2", "li" ...)
    path: str | None = None  # element path from the root, e.g. "html/body/div[2]/p[3]"
    heading: int = 0  # heading level 1-6, 0 when not a heading
    in_list: bool = False  # inside <ul>/<ol>/<dl>
    link_density: float = 0.0  # characters inside <a> / all characters
    class_tokens: frozenset[str] = frozenset()  # class/id tokens of the element and ancestors
    # Decision, filled in by the pipeline.
    stats: BlockStats | None = None
    marks: list[Reason] = field(default_factory=list)  # boilerplate cues found by rules
    kept: bool = False
    reason: Reason | None = None  # what decided ``kept``
    score: float | None = None  # the learned scorer's probability of article text

    def to_json(self) -> dict[str, Any]:
        """The block as ``--explain`` writes it."""
        out: dict[str, Any] = {
            "index": self.index,
            "kept": self.kept,
            "rule": self.reason.rule if self.reason else None,
            "cue": self.reason.cue if self.reason else None,
            "text": self.text,
        }
        if self.path is not None:
            out["path"] = self.path
        if self.line:
            out["line"] = self.line
        if self.marks:
            out["marks"] = [str(m) for m in self.marks]
        if self.score is not None:
            out["score"] = round(self.score, 3)
        if self.stats is not None:
            s = self.stats
            out["stats"] = {
                "chars": s.n_chars,
                "words": s.n_words,
                "stopword_density": round(s.stopword_density, 3),
                "ends_with_punct": s.ends_with_punct,
                "digit_ratio": round(s.digit_ratio, 3),
                "upper_ratio": round(s.upper_ratio, 3),
                "title_case_ratio": round(s.title_case_ratio, 3),
            }
            if self.tag is not None:
                out["stats"]["link_density"] = round(self.link_density, 3)
        return out


@dataclass(frozen=True, slots=True)
class Metadata:
    """What a page says about itself (``declutter.metadata``), beyond title and language.

    Every field is None where the page does not say it (and for text dumps, which
    carry no metadata). ``date`` is ISO ``YYYY-MM-DD``.
    """

    author: str | None = None
    date: str | None = None  # publication date
    site_name: str | None = None
    url: str | None = None  # canonical URL
    description: str | None = None


NO_METADATA = Metadata()


@dataclass(frozen=True, slots=True)
class PageSignals:
    """What an HTML page's markup says about the whole page, read by the source from the
    tree it parsed: evidence of the page type (``declutter.page_type``)."""

    schema_types: tuple[str, ...] = ()  # schema.org types, JSON-LD then microdata, in order
    og_type: str = ""  # ``og:type``, lower-cased, spaces stripped
    url: str = ""  # the canonical link, else ``og:url``


@dataclass(slots=True)
class Document:
    """A page while it is being cleaned: its blocks and what is known about the whole."""

    kind: Kind
    blocks: list[Block]
    language: str | None = None  # ISO 639-1 code where known, else jusText's language name
    stoplist: frozenset[str] = frozenset()
    title: str | None = None  # the page title as found by the source (<title>, first line)
    # The block texts prepared for cue lookups (keys, cue words), computed once by
    # ``features.add_stats``.
    cue_texts: BlockTexts | None = None
    # The page's parsed tree (HTML read by ``sources.dom``), for its metadata
    # (``declutter.metadata``); None for text dumps and extracted blocks.
    tree: etree._Element | None = None
    # The page's metadata where the source already read it (trafilatura's extraction).
    metadata: Metadata | None = None
    signals: PageSignals | None = None  # HTML pages read by ``sources.dom``: see PageSignals
    page_type: str | None = None  # one of ``page_type.PAGE_TYPES``, set by the pipeline
    page_type_cue: str | None = None  # the evidence that decided ``page_type``
    # What the source says about how it read the page (``Result.notes``).
    notes: tuple[str, ...] = ()

    @property
    def from_dom(self) -> bool:
        """The blocks come from the page's DOM (``sources.dom``), with element paths."""
        return bool(self.blocks) and self.blocks[0].path is not None

    @property
    def source(self) -> Source:
        """Where the blocks come from: told by the kind and the blocks' element paths."""
        if self.kind is Kind.TEXT:
            return Source.TEXT
        return Source.DOM if self.from_dom else Source.EXTRACTED


class Part(NamedTuple):
    """One paragraph of the output text and the block it shows (None: the page title,
    shown though no block of the page holds it)."""

    text: str
    block: Block | None


@dataclass(frozen=True, slots=True)
class Result:
    """What ``declutter.clean`` returns."""

    text: str  # title, then the kept body paragraphs, separated by blank lines
    title: str | None
    language: str | None
    kind: Kind
    blocks: tuple[Block, ...]  # every block in order, with its decision and reason
    parts: tuple[Part, ...] = ()  # the paragraphs of ``text``, in order, with their blocks
    # The page's metadata: computed only when ``Options.metadata`` asks (it costs about
    # as much as the cleaning), else ``NO_METADATA``.
    metadata: Metadata = NO_METADATA
    page_type: str | None = None  # article, forum, product... (``declutter.page_type``)
    page_type_cue: str | None = None  # why: "schema.org @type Product", "URL path /forum/"
    # What the whole page's cleaning should say (a cheaper path taken for a huge page).
    notes: tuple[str, ...] = ()

    @property
    def removed(self) -> tuple[Block, ...]:
        return tuple(b for b in self.blocks if not b.kept)

    def explain(self) -> dict[str, Any]:
        """The ``--explain`` document: kind, language, title, page type, notes (where
        there are any) and every block's decision."""
        out: dict[str, Any] = {
            "kind": self.kind.value,
            "language": self.language,
            "title": self.title,
            "page_type": self.page_type,
            "page_type_cue": self.page_type_cue,
        }
        if self.notes:
            out["notes"] = list(self.notes)
        out["blocks"] = [b.to_json() for b in self.blocks]
        return out
