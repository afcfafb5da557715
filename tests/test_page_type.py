"""Page-type detection: each kind of evidence, their order, and where the type shows."""

from __future__ import annotations

import json

import pytest

import declutter
from declutter import page_type
from declutter.jsonl import answer_page, clean_records
from declutter.model import Kind
from declutter.options import Options

PROSE = (
    "The council said on Monday that the repairs to the old bridge would start in the "
    "spring and take about eight months, while a ferry keeps the two banks connected."
)


def _page(head: str = "", body: str = "") -> str:
    return (
        f"<html><head><title>A page</title>{head}</head><body>"
        f"<h1>A page</h1><p>{PROSE}</p>{body}</body></html>"
    )


def _json_ld(data: object) -> str:
    return f'<script type="application/ld+json">{json.dumps(data)}</script>'


def _detected(html: str, url: str | None = None) -> tuple[str | None, str | None]:
    result = declutter.clean(html, url=url)
    return result.page_type, result.page_type_cue


def test_a_page_without_evidence_is_an_article_and_says_so() -> None:
    assert _detected(_page()) == ("article", "no other type's evidence (default)")


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ({"@context": "https://schema.org", "@type": "Product", "name": "Mug"}, "Product"),
        ({"@graph": [{"@type": "WebPage"}, {"@type": ["Thing", "ProductGroup"]}]}, "ProductGroup"),
        ([{"@type": "BreadcrumbList"}, {"@type": "Product"}], "Product"),
    ],
)
def test_json_ld_type_names_the_page(data: object, expected: str) -> None:
    assert _detected(_page(_json_ld(data))) == ("product", f"schema.org @type {expected}")


def test_broken_json_ld_says_nothing() -> None:
    head = '<script type="application/ld+json">{"@type": "Product",</script>'
    assert _detected(_page(head))[0] == "article"


def test_microdata_item_names_the_page_but_not_a_nested_property() -> None:
    item = '<div itemscope itemtype="https://schema.org/DiscussionForumPosting"><p>Hi</p></div>'
    assert _detected(_page(body=item)) == ("forum", "schema.org @type DiscussionForumPosting")
    nested = (
        '<div itemscope itemtype="https://schema.org/Event">'
        '<div itemprop="offers" itemscope itemtype="https://schema.org/Product">x</div></div>'
    )
    assert _detected(_page(body=nested))[0] == "article"


def test_a_thread_is_a_forum_even_where_it_carries_products() -> None:
    head = _json_ld([{"@type": "Product"}, {"@type": "DiscussionForumPosting"}])
    assert _detected(_page(head))[0] == "forum"


@pytest.mark.parametrize(
    ("url", "expected", "cue"),
    [
        ("https://shop.example/products/blue-mug", "product", "URL path /products/"),
        ("https://example.org/viewtopic.php?t=3", "forum", "URL path ends /viewtopic"),
        ("https://docs.example.org/start/", "documentation", "URL host docs."),
        ("https://example.com/news", "listing", "URL path ends /news"),
        ("https://example.com/news/bridge-repairs", "article", "URL path /news/"),
        ("https://example.com/products", "article", "no other type's evidence (default)"),
    ],
)
def test_url_words(url: str, expected: str, cue: str) -> None:
    assert _detected(_page(), url=url) == (expected, cue)


def test_canonical_link_is_read_when_no_url_is_given() -> None:
    head = '<link rel="canonical" href="https://example.com/threads/bridge.12/">'
    assert _detected(_page(head)) == ("forum", "URL path /threads/")
    # The URL given with the page wins over the page's own link.
    assert _detected(_page(head), url="https://example.com/docs/bridge")[0] == "documentation"


def test_schema_type_comes_before_the_url() -> None:
    head = _json_ld({"@type": "QAPage"})
    assert _detected(_page(head), url="https://example.com/products/x")[0] == "forum"


def test_article_schema_comes_after_the_url() -> None:
    head = _json_ld({"@type": "Article"})
    assert _detected(_page(head), url="https://example.com/threads/x.1/")[0] == "forum"
    assert _detected(_page(head)) == ("article", "schema.org @type Article")


@pytest.mark.parametrize(
    ("og_type", "expected"), [("product", "product"), ("product.group", "collection")]
)
def test_og_type_product_values(og_type: str, expected: str) -> None:
    head = f'<meta property="og:type" content="{og_type}">'
    assert _detected(_page(head)) == (expected, f"og:type {og_type}")


def test_og_type_article_decides_nothing_against_structure() -> None:
    head = '<meta property="og:type" content="article">'
    code = "<pre>x = 1</pre>" * page_type.DOC_CODE_BLOCKS
    assert _detected(_page(head, code))[0] == "documentation"


def test_code_blocks_make_documentation() -> None:
    code = "<pre>x = 1</pre>" * page_type.DOC_CODE_BLOCKS
    assert _detected(_page(body=code)) == ("documentation", "3 code blocks")
    fewer = "<pre>x = 1</pre>" * (page_type.DOC_CODE_BLOCKS - 1)
    assert _detected(_page(body=fewer))[0] == "article"
    # A blog post with code stays an article: its URL files it.
    assert _detected(_page(body=code), url="https://example.com/blog/x")[0] == "article"


def _cards(n: int, price: bool) -> str:
    cards = "".join(
        f"<li><h3><a href='/i/{i}'>Entry number {i}</a></h3>"
        + (f"<p>${i}.99</p>" if price else "")
        + "</li>"
        for i in range(n)
    )
    return f"<ul>{cards}</ul>"


def test_many_price_lines_make_a_collection() -> None:
    body = _cards(page_type.COLLECTION_PRICES, price=True)
    assert _detected(_page(body=body)) == ("collection", "10 price lines")
    fewer = _cards(page_type.COLLECTION_PRICES - 1, price=True)
    assert _detected(_page(body=fewer))[0] != "collection"


def test_repeated_linked_cards_make_a_listing() -> None:
    body = _cards(page_type.LISTING_CARDS * 3, price=False)
    assert _detected(_page(body=body)) == ("listing", "24 repeated cards")
    assert _detected(_page(body=_cards(page_type.LISTING_CARDS - 1, price=False)))[0] == "article"


def test_a_text_dump_is_read_from_its_url_and_lines() -> None:
    dump = f"A page\n\n{PROSE}\n"
    result = declutter.clean(dump, options=Options(kind=Kind.TEXT), url="https://x.org/p/")
    assert (result.page_type, result.kind) == ("article", Kind.TEXT)
    result = declutter.clean(dump, options=Options(kind=Kind.TEXT), url="https://x.org/c/mugs")
    assert result.page_type == "collection"
    prices = "\n\n".join(f"Mug {i}\n\n€ {i},50" for i in range(page_type.COLLECTION_PRICES))
    result = declutter.clean(f"{dump}\n{prices}\n", options=Options(kind=Kind.TEXT))
    assert result.page_type == "collection"


def test_page_type_shows_in_explain_and_jsonl_and_not_in_the_text() -> None:
    html = _page(_json_ld({"@type": "Product"}))
    result = declutter.clean(html)
    explained = result.explain()
    assert explained["page_type"] == "product"
    assert explained["page_type_cue"] == "schema.org @type Product"
    assert result.text == declutter.clean(_page()).text  # detection only reports
    [record] = clean_records([json.dumps({"id": 1, "html": html})])
    assert record["page_type"] == "product"
    [record] = clean_records([json.dumps({"id": 2, "html": _page(), "url": "https://a.b/dp/1"})])
    assert record["page_type"] == "product"


@pytest.mark.parametrize("family", ["schema", "og", "url"])
def test_no_cue_word_is_listed_for_two_types(family: str) -> None:
    table = page_type._lookup(family)
    assert table and set(table.values()) <= set(page_type.PAGE_TYPES)


def test_the_url_of_a_warc_or_jsonl_record_is_a_clue() -> None:
    # answer_page serves both: a WARC record's target URI and a JSONL record's url field.
    fields = {"url": "https://example.com/threads/bridge.12/"}
    out = answer_page("r1", fields, _page().encode(), Kind.HTML, Options())
    assert (out["url"], out["page_type"]) == (fields["url"], "forum")


def _dump(*lines: str) -> str:
    return "\n\n".join(("A page", PROSE, *lines)) + "\n"


def test_one_to_three_cart_lines_make_a_product_page() -> None:
    text = Options(kind=Kind.TEXT)
    result = declutter.clean(_dump("Blue mug", "Add to Cart"), options=text)
    assert (result.page_type, result.page_type_cue) == ("product", "cart line 'Add to Cart'")
    many = ["Add to cart"] * (page_type.PRODUCT_MAX_CARTS + 1)
    assert declutter.clean(_dump(*many), options=text).page_type == "article"
    # A sentence that mentions the cart is no button.
    assert declutter.clean(_dump("Add to cart any mug you like."), options=text).page_type == (
        "article"
    )


def test_code_lines_make_a_text_dump_documentation() -> None:
    text = Options(kind=Kind.TEXT)
    code = [f"import module_{i}" for i in range(page_type.DUMP_CODE_LINES)]
    result = declutter.clean(_dump(*code), options=text)
    assert (result.page_type, result.page_type_cue) == ("documentation", "9 code lines")
    assert declutter.clean(_dump(*code[1:]), options=text).page_type == "article"
    # Prose that starts with a keyword's letters is no code.
    prose = [f"Defined terms, number {i}." for i in range(page_type.DUMP_CODE_LINES)]
    assert declutter.clean(_dump(*prose), options=text).page_type == "article"


def test_a_site_front_page_is_a_service_page_unless_it_lists_or_sells() -> None:
    front = "https://example.com/"
    assert _detected(_page(), url=front) == ("service", "site front page")
    dated = "".join(f"<p>March {i}, 2025</p>" for i in range(1, page_type.FRONT_PAGE_DATES + 1))
    assert _detected(_page(body=dated), url=front)[0] == "listing"
    priced = _cards(page_type.COLLECTION_PRICES, price=True)
    assert _detected(_page(body=priced), url=front)[0] == "collection"
    # A path, however short, is a page of the site.
    assert _detected(_page(), url="https://example.com/bridge")[0] == "article"


def test_offer_words_in_the_url_are_read_last() -> None:
    url = "https://example.com/generative-ai-consulting-services/"
    assert _detected(_page(), url=url) == ("service", "URL word 'consulting'")
    # Any earlier evidence wins: here the URL's folder.
    blog = "https://example.com/blog/our-consulting-services"
    assert _detected(_page(), url=blog) == ("article", "URL path /blog/")


def test_forum_post_lines_make_a_text_dump_a_forum_thread() -> None:
    text = Options(kind=Kind.TEXT)
    post = ["Joined", "Mar 3, 2021", "Messages", "1,204", "#2"]
    result = declutter.clean(_dump(*post, *post), options=text)
    assert (result.page_type, result.page_type_cue) == (
        "forum",
        "6 forum post lines ('joined', 'messages'...)",
    )
    # One kind of line, however often, is a menu or a label: no thread.
    assert declutter.clean(_dump(*["Messages"] * 6), options=text).page_type == "article"
    # A post's number is "#N" alone on its line, not a hashtag.
    tags = ["#2", "#3", "#bridge", "#ferry"]
    assert declutter.clean(_dump(*tags, "Joined"), options=text).page_type == "article"
    # An HTML page's markup says what it is: its lines are not read for this.
    page = _page(body="".join(f"<p>{line}</p>" for line in post * 2))
    assert _detected(page)[0] == "article"
