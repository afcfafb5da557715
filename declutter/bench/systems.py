"""The systems the benchmark compares: declutter and its peers, each a ``str -> str``.

Every system reads one field of a record (``SYSTEMS[name].field``): ``dump`` or
``dump_inscriptis`` for the text path, ``html`` for the HTML path, and returns the text
it keeps. Speed is measured around that one call, so all a system's own preparation
(stoplist choice, wrapping a dump in HTML) is inside its time.

Choices made for the peers, so that the comparison is honest and reproducible:

- **jusText** has no language detection of its own. We pick, per page, the stoplist
  (of its 100) that covers the most word tokens of the page's text (lower-cased ``\\w+``,
  first 3000 tokens; ties to the alphabetically first name). With no overlap at all
  (e.g. Chinese, Japanese) jusText runs language-independent: empty stoplist with
  ``stopwords_low = stopwords_high = 0``, as its documentation says.
- **jusText on the dump**: each blank-line-separated block of the dump becomes a ``<p>``
  (single newlines inside a block become ``<br>``), so jusText sees the dump's own blocks.
- **trafilatura on the dump**: the same ``<p>``-per-block HTML, ``trafilatura.extract``
  with default settings: how trafilatura fares when all it has is text.
- **readability-lxml**: ``Document(html).summary(html_partial=True)`` rendered to text
  with a newline after ``<br>`` and a blank line around block elements (as html-text does),
  so adjacent blocks never glue words together.
- **C4 line filter** (Raffel et al. 2020, simplified to its line rules): keep a line when
  it ends in terminal punctuation (``. ! ? "`` plus ``” … 。 ！ ？``) and has at least 5
  whitespace-separated words; drop a line that mentions ``javascript``, ``cookie``,
  ``privacy policy`` or ``terms of use`` (case-insensitive).
- **dump**: the uncleaned dump, as is: the floor every text system must beat on precision.
- **declutter and each corpus's title convention**: declutter's output puts the title
  first (the seeds' contract), while the gold of some corpora leaves the page title out
  (``data.TITLE_OUT_OF_GOLD``: readability, wcxb-dev). On those corpora every declutter
  system runs with ``keep_title=False`` (``--no-title``), so each corpus is scored by its
  own convention; on the others, with the title.
- **resiliparse**: ``extract_plain_text(html, main_content=True)`` (its main-content
  extraction with default settings), the fast C++ peer.
"""

from __future__ import annotations

import html as html_lib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache, partial

import regex

import declutter
from declutter import Kind, Options

_TEXT = Options(kind=Kind.TEXT)
_HTML = Options(kind=Kind.HTML)
_TEXT_NO_TITLE = Options(kind=Kind.TEXT, keep_title=False)
_HTML_NO_TITLE = Options(kind=Kind.HTML, keep_title=False)


@dataclass(frozen=True, slots=True)
class System:
    name: str
    field: str  # the record field the system reads: "dump", "dump_inscriptis" or "html"
    run: Callable[[str], str]
    about: str
    # The same system without the page title, for corpora whose gold leaves it out
    # (None: the system gives no title of its own, one run serves every corpus).
    run_no_title: Callable[[str], str] | None = None

    def runner(self, title_in_gold: bool) -> Callable[[str], str]:
        """The call that scores this system by a corpus's title convention."""
        if title_in_gold or self.run_no_title is None:
            return self.run
        return self.run_no_title


# --- declutter ---------------------------------------------------------------------


def _declutter(options: Options, page: str) -> str:
    return declutter.clean(page, options=options).text


declutter_text = partial(_declutter, _TEXT)
declutter_html = partial(_declutter, _HTML)
declutter_text_no_title = partial(_declutter, _TEXT_NO_TITLE)
declutter_html_no_title = partial(_declutter, _HTML_NO_TITLE)
_RULES_ONLY = {"learned": False}
declutter_text_rules = partial(_declutter, Options(kind=Kind.TEXT, **_RULES_ONLY))
declutter_text_rules_no_title = partial(
    _declutter, Options(kind=Kind.TEXT, keep_title=False, **_RULES_ONLY)
)
declutter_html_rules = partial(_declutter, Options(kind=Kind.HTML, **_RULES_ONLY))
declutter_html_rules_no_title = partial(
    _declutter, Options(kind=Kind.HTML, keep_title=False, **_RULES_ONLY)
)


# --- trafilatura -------------------------------------------------------------------


def trafilatura_default(html: str) -> str:
    import trafilatura

    return trafilatura.extract(html) or ""


def trafilatura_precision(html: str) -> str:
    import trafilatura

    return trafilatura.extract(html, favor_precision=True) or ""


_BLANK_LINES = regex.compile(r"\n\s*\n")


def dump_blocks(dump: str) -> list[str]:
    """The dump's blank-line-separated blocks, stripped, without empty ones."""
    return [b.strip() for b in _BLANK_LINES.split(dump) if b.strip()]


def dump_as_html(dump: str) -> str:
    """A minimal HTML page with one ``<p>`` per dump block (``<br>`` for inner newlines)."""
    paragraphs = (
        "<p>" + "<br>".join(html_lib.escape(line) for line in block.split("\n")) + "</p>"
        for block in dump_blocks(dump)
    )
    return "<html><body>\n" + "\n".join(paragraphs) + "\n</body></html>"


def trafilatura_dump(dump: str) -> str:
    import trafilatura

    if not dump.strip():
        return ""
    return trafilatura.extract(dump_as_html(dump)) or ""


# --- resiliparse ------------------------------------------------------------------


def resiliparse_html(html: str) -> str:
    from resiliparse.extract.html2text import extract_plain_text

    return extract_plain_text(html, main_content=True)


# --- jusText -----------------------------------------------------------------------

_WORD = regex.compile(r"\w+")
_TAGS = regex.compile(r"(?is)<(script|style)\b.*?</\1\s*>|<!--.*?-->|<[^>]*>")
_LANGUAGE_SAMPLE = 3000


@lru_cache(maxsize=1)
def _stoplist_index() -> tuple[dict[str, tuple[str, ...]], dict[str, frozenset[str]]]:
    """word -> the jusText stoplists containing it; and every stoplist by name."""
    import justext

    lists = {
        name: frozenset(justext.get_stoplist(name)) for name in sorted(justext.get_stoplists())
    }
    index: dict[str, list[str]] = {}
    for name, words in lists.items():
        for word in words:
            index.setdefault(word, []).append(name)
    return {w: tuple(names) for w, names in index.items()}, lists


def best_stoplist(text: str) -> tuple[str | None, frozenset[str]]:
    """The jusText stoplist covering most of ``text``'s word tokens (None: no overlap)."""
    index, lists = _stoplist_index()
    counts: Counter[str] = Counter()
    for i, match in enumerate(_WORD.finditer(text)):
        if i >= _LANGUAGE_SAMPLE:
            break
        for name in index.get(match.group().lower(), ()):
            counts[name] += 1
    if not counts:
        return None, frozenset()
    best = max(counts.values())
    name = min(n for n, c in counts.items() if c == best)
    return name, lists[name]


def _justext(html: str, language_text: str) -> str:
    import justext

    name, stoplist = best_stoplist(language_text)
    if name is None:
        paragraphs = justext.justext(html, frozenset(), stopwords_low=0, stopwords_high=0)
    else:
        paragraphs = justext.justext(html, stoplist)
    return "\n\n".join(p.text for p in paragraphs if not p.is_boilerplate)


def justext_html(html: str) -> str:
    if not html.strip():
        return ""
    return _justext(html, _TAGS.sub(" ", html))


def justext_dump(dump: str) -> str:
    if not dump.strip():
        return ""
    return _justext(dump_as_html(dump), dump)


# --- readability-lxml --------------------------------------------------------------

_BLOCK_TAGS = frozenset(
    "address article aside blockquote dd details div dl dt fieldset figcaption figure footer "
    "form h1 h2 h3 h4 h5 h6 header hr legend li main nav ol p pre section table td th title "
    "tr ul".split()
)
_SPACES = regex.compile(r"[ \t\r\f\v]+")
_NEWLINES = regex.compile(r"\n\s*\n\s*")


def render_text(root) -> str:
    """An lxml element's text with html-text-like line breaks."""
    parts: list[str] = []

    def walk(el) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        block = tag in _BLOCK_TAGS
        if tag in ("script", "style"):
            return
        if block:
            parts.append("\n\n")
        if tag == "br":
            parts.append("\n")
        if el.text and tag:
            parts.append(el.text)
        for child in el:
            walk(child)
            if child.tail:
                parts.append(child.tail)
        if block:
            parts.append("\n\n")

    walk(root)
    text = _SPACES.sub(" ", "".join(parts))
    lines = "\n".join(line.strip() for line in text.split("\n"))
    return _NEWLINES.sub("\n\n", lines).strip()


def readability_html(html: str) -> str:
    import lxml.html
    from readability import Document

    if not html.strip():
        return ""
    summary = Document(html).summary(html_partial=True)
    if not summary.strip():
        return ""
    return render_text(lxml.html.fromstring(summary))


# --- C4 line filter and the raw dump -----------------------------------------------

_C4_END = (".", "!", "?", '"', "”", "…", "。", "！", "？")
_C4_BAD = regex.compile(r"javascript|cookie|privacy policy|terms of use", regex.IGNORECASE)


def c4_dump(dump: str) -> str:
    kept = []
    for line in dump.split("\n"):
        line = line.strip()
        if line.endswith(_C4_END) and len(line.split()) >= 5 and not _C4_BAD.search(line):
            kept.append(line)
    return "\n".join(kept)


def raw_dump(dump: str) -> str:
    return dump


SYSTEMS: dict[str, System] = {
    s.name: s
    for s in (
        System(
            "declutter-dump",
            "dump",
            declutter_text,
            "declutter, Kind.TEXT, on `dump`",
            declutter_text_no_title,
        ),
        System(
            "declutter-inscriptis",
            "dump_inscriptis",
            declutter_text,
            "declutter, Kind.TEXT, on `dump_inscriptis`",
            declutter_text_no_title,
        ),
        System(
            "declutter-html",
            "html",
            declutter_html,
            "declutter, Kind.HTML, on `html`",
            declutter_html_no_title,
        ),
        System(
            "declutter-dump-rules",
            "dump",
            declutter_text_rules,
            "declutter on `dump`, rules alone (no learned scorer: `learned=False`)",
            declutter_text_rules_no_title,
        ),
        System(
            "declutter-html-rules",
            "html",
            declutter_html_rules,
            "declutter on `html`, rules alone (no learned scorer: `learned=False`)",
            declutter_html_rules_no_title,
        ),
        System("trafilatura", "html", trafilatura_default, "trafilatura.extract(html)"),
        System(
            "trafilatura-precision",
            "html",
            trafilatura_precision,
            "trafilatura.extract(html, favor_precision=True)",
        ),
        System("justext", "html", justext_html, "jusText on `html`, best-overlap stoplist"),
        System("readability", "html", readability_html, "readability-lxml summary, as text"),
        System(
            "resiliparse",
            "html",
            resiliparse_html,
            "resiliparse extract_plain_text(html, main_content=True)",
        ),
        System("dump", "dump", raw_dump, "the uncleaned `dump` (floor)"),
        System("justext-dump", "dump", justext_dump, "jusText on `dump` blocks as <p>"),
        System("c4-dump", "dump", c4_dump, "C4-style line filter on `dump`"),
        System(
            "trafilatura-dump",
            "dump",
            trafilatura_dump,
            "trafilatura.extract on `dump` blocks as <p>",
        ),
    )
}

DECLUTTER_SYSTEMS = ("declutter-dump", "declutter-inscriptis", "declutter-html")
REFERENCE = "trafilatura"  # speed ratios are against this system, on the same pages
