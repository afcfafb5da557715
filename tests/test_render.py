"""Renderers: one ``Result`` in each output format (``declutter.render``)."""

from __future__ import annotations

import json

import pytest
from conftest import HTML_PAGE, TEXT_PAGE

import declutter
from declutter import Options, render
from declutter.model import Metadata

ARTICLE = (
    "The council met on Tuesday and talked for hours about the budget of the city, "
    "the schools and the bridge that needs repairs before the winter comes.",
    "Members of the opposition said the plan was too optimistic about the tax income of "
    "the next years, but agreed that the bridge could not wait any longer.",
)
STRUCTURED = (
    "<html><head><title>Budget news | Example</title></head><body>"
    "<nav><ul><li><a href='/'>Home</a></li><li><a href='/n'>News</a></li></ul></nav>"
    "<article><h1>Budget news</h1>"
    f"<p>{ARTICLE[0]}</p><h2>What comes next</h2><p>{ARTICLE[1]}</p>"
    "<ul><li>The first item of the plan is the bridge over the river</li>"
    "<li>The second item is the school<ul><li>with a new roof on the gym</li></ul></li></ul>"
    "<ol><li>Spring: the works start on the bridge</li><li>Autumn: the works end</li></ol>"
    "<blockquote><p>We cannot wait another winter for this bridge, said the mayor.</p>"
    "</blockquote><pre>total = 12000000</pre>"
    "<table><tr><th>Item of the plan</th><th>Cost of the item</th></tr>"
    "<tr><td>Bridge over the river</td><td>Twelve million | euro</td></tr></table>"
    f"<p># The hash sign starts this line of the article, which goes on for a while.</p>"
    "</article><footer><p>Copyright 2024 Example News.</p></footer></body></html>"
)


def test_txt_is_the_clean_text() -> None:
    result = declutter.clean(TEXT_PAGE)
    assert render.render(result, "txt") == result.text


def test_parts_make_the_text() -> None:
    for page in (TEXT_PAGE, HTML_PAGE, STRUCTURED):
        result = declutter.clean(page)
        assert "\n\n".join(p.text for p in result.parts) + "\n" == result.text


def test_markdown_keeps_headings_lists_quotes_code_and_tables() -> None:
    md = render.render(declutter.clean(STRUCTURED), "markdown")
    assert md.startswith("# Budget news\n\n")
    assert "\n\n## What comes next\n\n" in md
    assert (
        "- The first item of the plan is the bridge over the river\n"
        "- The second item is the school\n"
        "  - with a new roof on the gym\n\n"
    ) in md
    assert "1. Spring: the works start on the bridge\n1. Autumn: the works end\n" in md
    assert "> We cannot wait another winter for this bridge, said the mayor.\n" in md
    assert "```\ntotal = 12000000\n```" in md
    assert (
        "| Item of the plan | Cost of the item |\n| --- | --- |\n"
        "| Bridge over the river | Twelve million \\| euro |\n"
    ) in md
    assert "\n\n\\# The hash sign" in md
    assert "Home" not in md and "Copyright" not in md  # boilerplate stays out
    assert md.endswith("\n") and not md.endswith("\n\n")


def test_markdown_of_a_text_dump_is_its_paragraphs() -> None:
    result = declutter.clean(TEXT_PAGE)
    md = render.markdown(result)
    paragraphs = result.text.strip().split("\n\n")
    assert md == "# " + paragraphs[0] + "\n\n" + "\n\n".join(paragraphs[1:]) + "\n"


def test_markdown_without_title_starts_with_the_article() -> None:
    md = render.markdown(declutter.clean(STRUCTURED, options=Options(keep_title=False)))
    assert md.startswith(ARTICLE[0])


def test_json_holds_text_and_metadata() -> None:
    page = STRUCTURED.replace(
        "<head>",
        "<head><meta name='author' content='Jane Doe'><meta property='og:site_name' "
        "content='Example News'><meta name='description' content='The budget.'>"
        "<link rel='canonical' href='https://example.org/budget'>"
        "<meta property='article:published_time' content='2024-03-05T10:00:00Z'>",
    )
    result = declutter.clean(page, options=Options(metadata=True))
    doc = json.loads(render.render(result, "json"))
    assert list(doc) == ["text", *render.METADATA_FIELDS, "kind"]
    assert doc["text"] == result.text
    assert doc["title"] == "Budget news"
    assert doc["author"] == "Jane Doe"
    assert doc["date_published"] == "2024-03-05"
    assert doc["site_name"] == "Example News"
    assert doc["canonical_url"] == "https://example.org/budget"
    assert doc["description"] == "The budget."
    assert doc["language"] == "en"
    assert doc["page_type"] == result.page_type and doc["kind"] == "html"


def test_json_of_a_page_cleaned_without_metadata_has_null_fields() -> None:
    doc = json.loads(render.as_json(declutter.clean(HTML_PAGE)))
    assert doc["title"] and doc["author"] is None and doc["date_published"] is None


@pytest.mark.parametrize(
    ("language", "code"), [("en", "en"), ("piedmontese", None), (None, None), ("EN", None)]
)
def test_json_language_is_iso_639_1_or_null(language, code) -> None:
    assert render.iso_639_1(language) == code


def test_explain_is_the_result_explain_document() -> None:
    result = declutter.clean(TEXT_PAGE)
    assert json.loads(render.render(result, "explain")) == result.explain()


def test_record_fields_per_format() -> None:
    result = declutter.clean(STRUCTURED, options=Options(metadata=True))
    txt = render.record_fields(result, "txt")
    assert txt == {"text": result.text, "title": result.title, "language": "en",
                   "kind": "html", "page_type": result.page_type}
    assert render.record_fields(result, "markdown")["text"] == render.markdown(result)
    assert render.record_fields(result, "json") == render.json_fields(result)


def test_unknown_format_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown format 'pdf'"):
        render.render(declutter.clean(TEXT_PAGE), "pdf")


def test_metadata_is_read_only_when_asked() -> None:
    page = HTML_PAGE.replace("<head>", "<head><meta name='author' content='Jane Doe'>")
    assert declutter.clean(page).metadata == Metadata()
    assert declutter.clean(page, options=Options(metadata=True)).metadata.author == "Jane Doe"
