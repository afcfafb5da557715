"""Which kind of page this is: article, forum, product, collection, listing,
documentation or service; decided from the page itself, with the cue that decided.

The evidence is read in order of how directly it names the page, the first that names
a type decides (``STEPS``; the order measured on the tune half of wcxb-dev, see
``declutter.bench.page_types``):

1. **schema.org types** (JSON-LD ``@type``, ``@graph`` and ``mainEntity`` entities, then
   top-level microdata ``itemtype``s): the publisher's own statement of what the page
   is, written for search engines, which check it. A type that names a page kind
   (``Product``, ``DiscussionForumPosting``, ``TechArticle``...) decides; generic ones
   (``WebPage``, ``Organization``, ``BreadcrumbList``) say nothing. An article's
   ``Product`` entities are what it reviews; three or more Products make a collection.
2. **A site's front page** (an empty URL path) is no article: a shop's front (many
   prices), a news front (dated entries) or, most often, a page about what the company
   offers (service).
3. **URL path words** (``/products/<name>``, ``/threads/<name>``, ``docs.`` hosts,
   ``/blog/<post>``) of the URL given with the page (a JSONL or WARC record's), else its
   canonical link or ``og:url``: the site's own filing of the page; the folder nearest
   the page decides.
4. **og:type** ``product`` or ``product.group``: also the publisher's, but ``article``
   and ``website`` are what most CMSs write on any page, so only the product values
   decide.
5. **An article's schema.org type**, read after the URL: CMSs call many pages
   ``Article``, forum threads and documentation among them.
6. **Structure**, from the blocks the source made: many code blocks (in a text dump,
   lines that start as code), one to three "add to cart" lines, many short price lines,
   the same linked card repeated on a page of links. These only hint, so they come last.
7. **Offer words in the URL** ("/generative-ai-consulting-services/").
8. Nothing else: ``article``, the most common kind, with the cue saying so.

The cue words are data: ``lexicons/_page_types/`` (see the lexicons README). A text
dump has no markup: the URL given with it and its lines (prices, dates, cart buttons,
code) are read, so a dump without a URL and without such lines is an ``article``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from urllib.parse import urlsplit

import regex

from . import lexicons
from .model import Block, Document, Kind

ARTICLE = "article"
FORUM = "forum"
PAGE_TYPES = (ARTICLE, FORUM, "product", "collection", "listing", "documentation", "service")
# Where a type's cue words are kept: lexicons/_page_types/<family>_<type>.txt.
WORDS_FOLDER = "_page_types"
# A URL word ending so names the path's last part; one ending so, the host's first label.
LAST_PART, HOST_LABEL = "$", "."
# File extensions left out of a path's last part (/viewtopic.php -> viewtopic).
PAGE_EXTENSIONS = (".php", ".html", ".htm", ".aspx", ".asp", ".jsp", ".cfm")


@dataclass(frozen=True, slots=True)
class PageType:
    """The page's kind (one of ``PAGE_TYPES``) and the evidence that decided it."""

    name: str
    cue: str


Step = Callable[[Document, str | None], PageType | None]


def detect(doc: Document, url: str | None = None) -> PageType:
    """The page type of ``doc``; ``url`` is the page's address where the caller knows it."""
    for step in STEPS:
        found = step(doc, url)
        if found is not None:
            return found
    return PageType(ARTICLE, "no other type's evidence (default)")


def _words(family: str, name: str) -> frozenset[str]:
    """The cue words of one family for one type; none when the type has no such file."""
    stem = f"{family}_{name}"
    if not resources.files(lexicons).joinpath(WORDS_FOLDER, stem + ".txt").is_file():
        return frozenset()
    return lexicons.word_list(WORDS_FOLDER, stem)


@cache
def _lookup(family: str) -> dict[str, str]:
    """Cue word -> page type, for one family (``schema``, ``og``, ``url``); a word listed
    for two types is an error in the data."""
    table: dict[str, str] = {}
    for name in PAGE_TYPES:
        for word in _words(family, name):
            if table.setdefault(word, name) != name:
                raise ValueError(f"{family} word {word!r} listed for {table[word]} and {name}")
    return table


# -- 1. schema.org types ---------------------------------------------------------------
# Types that name the page (one product, one thread) over those that a page of another
# kind also carries (a shop's Product list): order of precedence.
SCHEMA_PRECEDENCE = ("forum", "documentation", "product", "collection", "listing", "service")
# This many Product entities make a page a shop's category, not one product's page.
COLLECTION_PRODUCTS = 3


def from_schema(doc: Document, url: str | None) -> PageType | None:
    """The most specific page kind among the page's schema.org types.

    An article that carries Product entities is a review (its products are what it
    reviews): its Product types decide nothing, and its article type is read later.
    """
    if doc.signals is None or not doc.signals.schema_types:
        return None
    table = _lookup("schema")
    found: dict[str, str] = {}
    counts: Counter[str] = Counter()
    for name in doc.signals.schema_types:
        kind = table.get(name.lower())
        if kind is not None:
            found.setdefault(kind, name)
            counts[kind] += 1
    if ARTICLE in found:
        found.pop("product", None)
    elif counts["product"] >= COLLECTION_PRODUCTS:
        return PageType("collection", f"{counts['product']} schema.org products")
    for kind in SCHEMA_PRECEDENCE:
        if kind in found:
            return PageType(kind, f"schema.org @type {found[kind]}")
    return None


def from_schema_article(doc: Document, url: str | None) -> PageType | None:
    """An article's schema.org type: read after the URL, which files a forum thread or a
    documentation page that a CMS also calls ``Article`` where it belongs."""
    if doc.signals is None:
        return None
    table = _lookup("schema")
    for name in doc.signals.schema_types:
        if table.get(name.lower()) == ARTICLE:
            return PageType(ARTICLE, f"schema.org @type {name}")
    return None


# -- 3. URL path words -----------------------------------------------------------------
def from_url(doc: Document, url: str | None) -> PageType | None:
    """A page-kind word among the URL's folders, last part or host label."""
    address = url or (doc.signals.url if doc.signals else "")
    if not address:
        return None
    parts = urlsplit(address.strip())
    table = _lookup("url")
    for word in _url_words(parts.hostname or "", parts.path):
        kind = table.get(word)
        if kind is not None:
            return PageType(kind, f"URL {_describe(word)}")
    return None


def _url_words(host: str, path: str) -> Iterable[str]:
    """The URL's parts as url_* entries, nearest the page first: ``last$``, each
    ``folder`` from the innermost out, ``host.``."""
    segments = [s.lower() for s in path.split("/") if s]
    if segments:
        last = segments[-1]
        for extension in PAGE_EXTENSIONS:
            last = last.removesuffix(extension)
        yield last + LAST_PART
    yield from reversed(segments[:-1])  # folders, the innermost (the page's own) first
    if host.count(".") >= 2:  # a subdomain: forum.example.com, not example.com
        yield host.split(".", 1)[0].lower() + HOST_LABEL


def _describe(word: str) -> str:
    if word.endswith(LAST_PART):
        return f"path ends /{word[:-1]}"
    if word.endswith(HOST_LABEL):
        return f"host {word}"
    return f"path /{word}/"


# -- 2. front pages --------------------------------------------------------------------
# A site's front page (no path) is no article: a shop's front, a news front (a listing of
# dated entries) or, most often, a company's page about what it offers (on the tune half,
# 19 services, 8 listings, 7 shops and 2 articles among 38 front pages).
FRONT_PAGE_DATES = 5  # dated entries that make a front page a listing (a news front)
DATE_MAX_WORDS = 8  # a date line: "March 3, 2025", "Posted 2 hours ago by Ann"


def from_front_page(doc: Document, url: str | None) -> PageType | None:
    address = url or (doc.signals.url if doc.signals else "")
    if not address or urlsplit(address.strip()).path.strip("/"):
        return None
    prices = sum(1 for block in doc.blocks if _is_price(block))
    if prices >= COLLECTION_PRICES:
        return PageType("collection", f"site front page with {prices} price lines")
    dates = sum(1 for block in doc.blocks if _is_date(block))
    if dates >= FRONT_PAGE_DATES:
        return PageType("listing", f"site front page with {dates} dated entries")
    return PageType("service", "site front page")


@cache
def _date_pattern() -> regex.Pattern[str]:
    """A month name (lexicons/months) or a relative time ("3 hours ago")."""
    relative = "|".join(sorted(lexicons.word_list(WORDS_FOLDER, "relative_time")))
    return regex.compile(
        rf"(?<!\w)(?:{lexicons.alternation('months')}|\d+\s*(?:{relative}))(?!\w)",
        regex.IGNORECASE,
    )


def _is_date(block: Block) -> bool:
    return _short_line_matching(block, DATE_MAX_WORDS, _date_pattern())


# -- 4. og:type (and 5. an article's schema type, above) ------------------------------
def from_og_type(doc: Document, url: str | None) -> PageType | None:
    """``og:type`` where it names a kind other than an article (CMS default)."""
    if doc.signals is None or not doc.signals.og_type:
        return None
    kind = _lookup("og").get(doc.signals.og_type)
    if kind is None or kind == ARTICLE:
        return None
    return PageType(kind, f"og:type {doc.signals.og_type}")


# -- 6. structure ----------------------------------------------------------------------
# Code blocks (<pre>) that make a page documentation: a blog post shows one or two, a
# reference page many (on the tune half, 9 of 13 documentation pages that reach this
# step have 3 or more, and 9 of the 253 articles, most of them filed under /blog/).
DOC_CODE_BLOCKS = 3
# Lines that read as code that make a text dump documentation (its <pre> blocks are lines:
# on the tune half, 6 of the 13 documentation dumps that reach this step have 9 or more,
# 2 of the 244 articles).
DUMP_CODE_LINES = 9
# "Add to cart" lines on one product's page: its own button, a bundle's, a sticky bar's.
PRODUCT_MAX_CARTS = 3
CART_MAX_WORDS = 5  # "In den Warenkorb legen", "Add to bag - $25"
# Short lines holding a price that make a page a shop's category (one product page shows
# a few: its price, a discount, a bundle's).
COLLECTION_PRICES = 10
# ... unless the page also holds more than this many long paragraphs: a buying guide.
COLLECTION_MAX_PROSE = 6
PRICE_MAX_WORDS = 8  # a price line: "$24.99", "From £120 / month", "Was 49,00 € now 39,00 €"
PROSE_MIN_WORDS = 40  # a paragraph of prose, not a card's blurb
# Repeated cards that make a page a listing: this many headings of one shape (the same
# element path but for sibling numbers), linked, on a page whose words are mostly links.
LISTING_CARDS = 8
LISTING_LINK_SHARE = 0.5
CARD_LINK_DENSITY = 0.5  # a card's heading is a link to its entry
CARD_HEADINGS = range(2, 5)  # h2-h4: the level of an entry's title
_SIBLING_NUMBER = regex.compile(r"\[\d+\]")


def from_code_blocks(doc: Document, url: str | None) -> PageType | None:
    """Code blocks (``<pre>``), or in a text dump lines that read as code."""
    if doc.kind is Kind.TEXT:
        lines = sum(1 for block in doc.blocks if _code_line().match(block.text))
        if lines >= DUMP_CODE_LINES:
            return PageType("documentation", f"{lines} code lines")
        return None
    code = sum(1 for block in doc.blocks if block.tag == "pre")
    if code >= DOC_CODE_BLOCKS:
        return PageType("documentation", f"{code} code blocks")
    return None


@cache
def _code_line() -> regex.Pattern[str]:
    """A line that starts as code does (``code_starts.txt``), after its indent."""
    starts = []
    for word in sorted(lexicons.word_list(WORDS_FOLDER, "code_starts"), key=len, reverse=True):
        # A keyword must end where the word does ("def x", not "define").
        starts.append(regex.escape(word) + (r"(?!\w)" if word[-1].isalnum() else ""))
    # Block texts are stripped: the line's own start, no run of spaces to backtrack over.
    return regex.compile(rf"\A(?:{'|'.join(starts)})")


# A text dump's lines that forum software repeats around every post (``thread_forum.txt``:
# "Joined", "Reply with quote", "Improve this answer") or a post's number ("#3"): this
# many of them, of at least two kinds, make the dump a forum thread (on the tune half, 20
# of 47 forum dumps and 1 of 1,689 others: a Stack Exchange page of the snippet corpus).
THREAD_LINES = 4
THREAD_LINE_KINDS = 2
THREAD_LINE_MAX_WORDS = 5
_DIGITS = regex.compile(r"\d+")
_POST_NUMBER = regex.compile(r"\A#\s?\d+\Z")


def from_thread_lines(doc: Document, url: str | None) -> PageType | None:
    """A text dump whose short lines are a forum's post furniture (a page's markup says
    so itself: HTML pages are left to the steps above)."""
    if doc.kind is not Kind.TEXT:
        return None
    furniture = lexicons.word_list(WORDS_FOLDER, "thread_forum")
    found: Counter[str] = Counter()
    for i, block in enumerate(doc.blocks):
        if _words_in(block) > THREAD_LINE_MAX_WORDS:
            continue
        key = "#0" if _POST_NUMBER.match(block.text) else _DIGITS.sub("0", _key(doc, i))
        if key in furniture or key == "#0":
            found[key] += 1
    if sum(found.values()) >= THREAD_LINES and len(found) >= THREAD_LINE_KINDS:
        kinds = ", ".join(f"'{key}'" for key, _ in found.most_common(2))
        return PageType("forum", f"{sum(found.values())} forum post lines ({kinds}...)")
    return None


def from_cart(doc: Document, url: str | None) -> PageType | None:
    """A few "add to cart" lines: one product's page (a category shows one per card)."""
    phrases = lexicons.word_list(WORDS_FOLDER, "cart")
    found = [i for i, b in enumerate(doc.blocks) if _is_short(b) and _key(doc, i) in phrases]
    if 1 <= len(found) <= PRODUCT_MAX_CARTS:
        return PageType("product", f"cart line '{doc.blocks[found[0]].text}'")
    return None


def _is_short(block: Block) -> bool:
    stats = block.stats
    return (stats.n_words if stats is not None else len(block.text.split())) <= CART_MAX_WORDS


def _key(doc: Document, index: int) -> str:
    if doc.cue_texts is not None:
        return doc.cue_texts.keys[index]
    return lexicons.normalise(doc.blocks[index].text)


def from_prices(doc: Document, url: str | None) -> PageType | None:
    prices = sum(1 for block in doc.blocks if _is_price(block))
    if prices < COLLECTION_PRICES:
        return None
    prose = sum(1 for block in doc.blocks if _words_in(block) >= PROSE_MIN_WORDS)
    if prose > COLLECTION_MAX_PROSE:
        return None
    return PageType("collection", f"{prices} price lines")


def from_cards(doc: Document, url: str | None) -> PageType | None:
    words = sum(_words_in(block) for block in doc.blocks)
    linked = sum(_words_in(block) * block.link_density for block in doc.blocks)
    if not words or linked / words < LISTING_LINK_SHARE:
        return None
    cards = _repeated_cards(doc.blocks)
    if cards >= LISTING_CARDS:
        return PageType("listing", f"{cards} repeated cards")
    return None


def _repeated_cards(blocks: list[Block]) -> int:
    """The most linked entry headings that share one shape (path but sibling numbers)."""
    shapes: dict[str, set[str]] = {}
    for block in blocks:
        linked = block.link_density >= CARD_LINK_DENSITY
        if linked and block.heading in CARD_HEADINGS and block.path:
            shapes.setdefault(_SIBLING_NUMBER.sub("", block.path), set()).add(block.path)
    return max(map(len, shapes.values()), default=0)


def _words_in(block: Block) -> int:
    return block.stats.n_words if block.stats is not None else len(block.text.split())


@cache
def _price_pattern() -> regex.Pattern[str]:
    """A currency symbol or code right before or after a number."""
    units = lexicons.word_list(WORDS_FOLDER, "currency")
    alternation = "|".join(regex.escape(unit) for unit in sorted(units, key=len, reverse=True))
    return regex.compile(
        rf"(?<!\w)(?:{alternation})\s?\d|\d(?:[\d.,]*\d)?\s?(?:{alternation})(?!\w)",
        regex.IGNORECASE,
    )


def _is_price(block: Block) -> bool:
    return _short_line_matching(block, PRICE_MAX_WORDS, _price_pattern())


def _short_line_matching(block: Block, max_words: int, pattern: regex.Pattern[str]) -> bool:
    """A line of at most ``max_words`` words, with a digit, that ``pattern`` finds in
    (the statistics rule most blocks out before any regex search)."""
    stats = block.stats
    if stats is not None and (stats.n_words > max_words or not stats.has_digit):
        return False
    return pattern.search(block.text) is not None


# -- 7. words of the URL's slug ---------------------------------------------------------
_SLUG_SPLIT = regex.compile(r"[^\p{L}]+")


def from_slug_words(doc: Document, url: str | None) -> PageType | None:
    """A word of an offer inside the path ("/generative-ai-consulting-services/")."""
    address = url or (doc.signals.url if doc.signals else "")
    if not address:
        return None
    table = _lookup("slug")
    for word in _SLUG_SPLIT.split(urlsplit(address.strip()).path.lower()):
        kind = table.get(word)
        if kind is not None:
            return PageType(kind, f"URL word '{word}'")
    return None


# The order of the evidence: see the module docstring. The publisher's own statements
# first; an article's schema type after the URL (a CMS calls many pages ``Article``);
# structure last, as it only hints.
STEPS: tuple[Step, ...] = (
    from_schema,
    from_front_page,
    from_url,
    from_og_type,
    from_schema_article,
    from_thread_lines,
    from_code_blocks,
    from_cart,
    from_prices,
    from_cards,
    from_slug_words,
)
