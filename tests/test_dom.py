"""declutter's own HTML extractor: the DOM walker's facts, the structure rule, --explain."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import declutter
from declutter import Kind, Options
from declutter.features import add_stats
from declutter.model import Document
from declutter.rules import structure
from declutter.sources import dom
from declutter.sources.html import parse, segment

# The default extractor (declutter's own) with the rules and assembler deciding alone:
# these tests pin what the DOM walker, rules and assembler do. The learned scorer that
# has the last word by default is tested in test_learned.py and measured in the bench.
DOM = Options(kind=Kind.HTML, learned=False)

PAGE = """<html><head><title>A quiet harbour reopens | Daily Paper</title>
<script>var hidden = "script text";</script></head><body>
<nav id="top"><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li></ul></nav>
<div id="main"><article class="post">
<h1>A quiet harbour reopens</h1>
<p>The harbour of the old town opened again on Monday, after a winter in which the
boats stayed in the bay and the fishermen waited for the storms to end.</p>
<h2>What <a href="#changes">changed</a></h2>
<p>The town council paid for a new wall, and the fishermen say that it is the first
time in years that they can leave the port without fear of the waves.</p>
<ul><li>New wall</li><li>New <a href="/lights">lights</a> on the pier</li></ul>
<table><tr><td>Boats</td><td>42</td></tr></table>
<div class="share-buttons"><a href="/fb">Facebook</a> <a href="/tw">Twitter</a></div>
<p hidden>Hidden paragraph</p><p style="display: none">Also hidden</p>
</article>
<div class="sidebar"><p>Read our other stories about the harbour and the sea.</p></div>
</div>
<footer><p>Daily Paper, 1 Harbour Road</p></footer>
</body></html>"""


def _blocks() -> list[declutter.model.Block]:
    return dom.blocks(parse(PAGE))


def _block(text: str) -> declutter.model.Block:
    return next(b for b in _blocks() if b.text.startswith(text))


def test_one_block_per_run_of_own_text_in_document_order() -> None:
    texts = [b.text for b in _blocks()]
    assert texts[:3] == ["Home", "World", "A quiet harbour reopens"]
    assert "What changed" in texts  # inline <a> text belongs to its heading
    assert "New lights on the pier" in texts
    assert [b.index for b in _blocks()] == list(range(len(texts)))


def test_invisible_text_is_skipped() -> None:
    texts = " ".join(b.text for b in _blocks())
    for invisible in ("script text", "Hidden paragraph", "Also hidden", "Daily Paper |"):
        assert invisible not in texts


def test_a_short_noscript_notice_is_skipped_beside_the_article() -> None:
    page = PAGE.replace("<body>", "<body><noscript><p>Please enable JavaScript.</p></noscript>")
    texts = " ".join(b.text for b in dom.blocks(parse(page)))
    assert "Please enable JavaScript" not in texts
    assert "The harbour of the old town" in texts


def test_a_page_whose_text_all_sits_in_noscript_is_read() -> None:
    # An unclosed <noscript> in the head swallows the whole body (libxml2 nests it there).
    page = PAGE.replace("<body>", "<body><noscript>").replace("</body>", "</noscript></body>")
    texts = [b.text for b in dom.blocks(parse(page, require_visible=False))]
    assert any(t.startswith("The harbour of the old town") for t in texts)
    result = declutter.clean(page, options=DOM)
    assert "The harbour of the old town opened again" in result.text


def test_a_short_page_all_in_noscript_keeps_its_text_without_the_fallback() -> None:
    # Under the fallback's 50 words, and trafilatura reads no <noscript>: ours stands.
    note = "The museum is closed on Monday for the holiday, and opens again on Tuesday."
    page = f"<html><head><title>Notice</title></head><body><noscript><p>{note}</p></noscript>"
    result = declutter.clean(page + "</body></html>", options=DOM)
    assert note in result.text


def test_tag_heading_and_list_facts() -> None:
    assert _block("A quiet harbour").tag == "h1"
    assert _block("A quiet harbour").heading == 1
    assert _block("What changed").heading == 2
    assert _block("The harbour").heading == 0
    assert _block("New wall").tag == "li" and _block("New wall").in_list
    assert not _block("The harbour").in_list
    assert _block("Boats").tag == "td"


def test_path_names_the_element_with_its_number_id_and_classes() -> None:
    assert _block("The harbour").path == "html/body/div#main/article.post/p"
    assert _block("The town council").path == "html/body/div#main/article.post/p[2]"
    assert _block("Home").path == "html/body/nav#top/ul/li"
    assert _block("World").path == "html/body/nav#top/ul/li[2]"


def test_link_density() -> None:
    assert _block("Home").link_density == 1.0
    assert _block("The harbour").link_density == 0.0
    heading = _block("What changed")
    assert heading.link_density == pytest.approx(len("changed") / len("Whatchanged"))


def test_class_tokens_split_names_and_leave_out_page_wide_wrappers() -> None:
    assert {"share", "buttons"} <= _block("Facebook").class_tokens
    assert "sidebar" in _block("Read our other").class_tokens
    # div#main and article.post hold most of the page's text: page-wide wrappers.
    assert "main" not in _block("The harbour").class_tokens
    assert "post" not in _block("The harbour").class_tokens


def test_an_element_inside_the_article_is_no_page_wide_wrapper() -> None:
    # A photo gallery inside the article holds most of the page's text: its class words
    # still name it, and the structure rule marks its slides.
    slides = "".join(
        f"<li><h2>{n}/20 Slide headline</h2><p>{'A caption of the slide. ' * 6}</p></li>"
        for n in range(1, 21)
    )
    html = (
        "<html><body><article><h1>Seven secrets</h1>"
        f"<p>{'The article text runs here. ' * 8}</p>"
        f'<div class="slides-widget"><ul>{slides}</ul></div>'
        f"<p>{'The article text goes on. ' * 8}</p></article></body></html>"
    )
    doc = Document(kind=Kind.HTML, blocks=dom.blocks(parse(html)))
    slide = next(b for b in doc.blocks if b.text.startswith("A caption"))
    assert {"slides", "widget"} <= slide.class_tokens
    marks = {m.index: m.reason.cue for m in structure.find(doc)}
    assert marks[slide.index] == "class token 'widget' on div.slides-widget"
    assert not any(b.text.startswith("The article") and b.index in marks for b in doc.blocks)


def test_topic_labels_of_a_post_are_no_role() -> None:
    # WordPress names a post's tags and categories in its classes: "tag-social-media".
    tree = parse(
        '<html><body><div class="sidebar-box"><p>' + "other " * 50 + "</p></div>"
        '<div class="post tag-social-media category-sidebar-news"><p>'
        + "words " * 50
        + "</p></div></body></html>"
    )
    post = dom.blocks(tree)[1]
    assert "post" in post.class_tokens
    assert not {"tag", "social", "category", "sidebar"} & post.class_tokens


def test_camel_case_names_split_and_slugs_are_no_role() -> None:
    tree = parse(
        '<html><body><div class="relatedPosts"><p>One</p></div>'
        '<div id="sharing-with-a-single-developer"><p>Two</p></div>'
        + "<p>"
        + "words " * 50
        + "</p></body></html>"
    )
    one, two = dom.blocks(tree)[:2]
    assert {"related", "posts"} <= one.class_tokens
    assert "sharing" not in two.class_tokens


def test_step_helpers() -> None:
    assert dom.step_tag("div[2]#main.post-body") == "div"
    assert dom.step_tokens("div[2]#main.post-body") == {"main", "post", "body"}


def _structure_reasons() -> dict[str, str]:
    doc = Document(kind=Kind.HTML, blocks=_blocks())
    return {doc.blocks[m.index].text: m.reason.cue for m in structure.find(doc)}


def test_structure_rule_names_its_cue() -> None:
    reasons = _structure_reasons()
    assert reasons["Home"] == "inside <nav> (nav#top)"
    assert reasons["Facebook Twitter"] == "class token 'share' on div.share-buttons"
    assert reasons["Read our other stories about the harbour and the sea."] == (
        "class token 'sidebar' on div.sidebar"
    )
    assert reasons["Daily Paper, 1 Harbour Road"] == "inside <footer> (footer)"
    assert "The harbour of the old town" not in " ".join(reasons)


def test_link_dense_block_is_marked_but_not_a_heading() -> None:
    tree = parse(
        '<html><body><p><a href="/a">A story elsewhere on the site</a></p>'
        '<h2><a href="#s">Section</a></h2><p>' + "prose words " * 40 + "</p></body></html>"
    )
    doc = Document(kind=Kind.HTML, blocks=dom.blocks(tree))
    cues = {doc.blocks[m.index].text: m.reason.cue for m in structure.find(doc)}
    assert cues == {"A story elsewhere on the site": "links make 100% of the text"}


def test_content_name_inside_furniture_name_wins() -> None:
    tree = parse(
        '<html><body><div class="widget"><div class="post-body"><p>Kept</p></div>'
        "<p>Gone</p></div><p>" + "prose words " * 60 + "</p></body></html>"
    )
    doc = Document(kind=Kind.HTML, blocks=dom.blocks(tree))
    marked = {doc.blocks[m.index].text for m in structure.find(doc)}
    assert marked == {"Gone"}


def test_structure_rule_ignores_text_pages() -> None:
    doc = segment(PAGE, "declutter")
    doc.kind = Kind.TEXT
    assert list(structure.find(doc)) == []


def test_extractor_keeps_the_article_and_drops_the_furniture() -> None:
    result = declutter.clean(PAGE, options=DOM)
    assert result.title == "A quiet harbour reopens"
    kept = result.text
    assert kept.startswith("A quiet harbour reopens\n\nThe harbour of the old town")
    assert kept.count("A quiet harbour reopens") == 1  # the h1 is the title, not repeated
    for inside in ("What changed", "New wall", "New lights on the pier", "Boats"):
        assert inside in kept
    for furniture in ("Home", "Facebook", "Read our other", "Harbour Road"):
        assert furniture not in kept


def test_title_from_og_title_then_title_element() -> None:
    og = '<html><head><meta property="og:title" content="OG headline"><title>T</title>'
    tree = parse(og + "</head><body><p>text</p></body></html>")
    from declutter.sources.html import page_title

    assert page_title(tree) == "OG headline"
    assert page_title(parse("<html><head><title> A  b </title></head><body>x</body></html>")) == (
        "A b"
    )
    assert page_title(parse("<html><body><p>x</p></body></html>")) is None


def test_unknown_extractor_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown HTML extractor"):
        Options(html_extractor="magic")


def test_explain_json_shows_element_paths_for_html(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(PAGE, encoding="utf-8")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "declutter",
            "--explain",
            "--html-extractor",
            "declutter",
            "-j",
            "1",
            str(page),
        ],
        check=True,
        capture_output=True,
    )
    explained = json.loads((tmp_path / "page.clean.json").read_text(encoding="utf-8"))
    by_text = {b["text"]: b for b in explained["blocks"]}
    share = by_text["Facebook Twitter"]
    assert share["path"] == "html/body/div#main/article.post/div.share-buttons"
    assert share["rule"] == "structure" and not share["kept"]
    assert by_text["New wall"]["path"] == "html/body/div#main/article.post/ul/li"
    assert by_text["New wall"]["kept"]


def test_trafilatura_extractor_stays_selectable() -> None:
    result = declutter.clean(PAGE, options=Options(kind=Kind.HTML, html_extractor="trafilatura"))
    assert result.blocks and all(b.path is None for b in result.blocks)
    assert "The harbour of the old town" in result.text


def test_a_region_of_few_words_falls_back_to_trafilatura_and_says_so() -> None:
    page = (
        "<html><head><title>Links</title></head><body>"
        + "".join(f'<p><a href="/{i}">Link number {i}</a></p>' for i in range(30))
        + "</body></html>"
    )
    result = declutter.clean(page, options=DOM)
    kept = [b for b in result.blocks if b.kept]
    assert kept, "trafilatura's extraction keeps the link lines"
    assert all(b.reason is not None and b.reason.rule == "fallback" for b in kept)
    assert "region held 0 words (< 50)" in kept[0].reason.cue


@pytest.mark.parametrize(("heading", "title_in_text"), [("", False), ("<h1>Links</h1>", True)])
def test_the_fallback_heads_its_text_with_the_title_only_where_a_heading_shows_it(
    heading: str, title_in_text: bool
) -> None:
    page = (
        "<html><head><title>Links</title></head><body>"
        + heading
        + "".join(f'<p><a href="/{i}">Link number {i}</a></p>' for i in range(30))
        + "</body></html>"
    )
    result = declutter.clean(page, options=DOM)
    assert result.title == "Links"
    assert any(b.reason and b.reason.rule == "fallback" for b in result.blocks)
    assert result.text.startswith("Links\n\n") is title_in_text
    assert result.text.startswith("Link number 0") is not title_in_text


BODY = "".join(
    f"<p>Paragraph {n} of the report tells how the river rose in the night and how the "
    "people of the valley carried their furniture to the upper floors of their homes.</p>"
    for n in range(8)
)


def test_headline_whose_inline_parts_lost_their_separator_is_the_title() -> None:
    page = (
        '<html><head><title>Floods - "The river came at night"</title></head><body>'
        '<h1><span>Floods</span><span>"The river came at night"</span></h1>'
        f"{BODY}</body></html>"
    )
    result = declutter.clean(page, options=DOM)
    title_blocks = [b for b in result.blocks if b.reason and b.reason.rule == "title"]
    assert [b.text for b in title_blocks] == ['Floods"The river came at night"']
    assert result.text.count("The river came at night") == 1


# A row of share links and a standfirst, for the pages around a headline below.
SHARE_LIST = "".join(f'<li><a href="/s{i}">Share on network {i}</a></li>' for i in range(6))
STANDFIRST = (
    '<p class="standfirst">After three days of rain the river left its bed, and the '
    "villages of the lower valley spent the night on their roofs waiting for help.</p>"
)


def test_lead_between_headline_and_body_is_kept_furniture_between_is_not() -> None:
    page = (
        "<html><head><title>The valley floods | Paper</title></head><body>"
        '<div class="head"><h1>The valley floods</h1>'
        f"{STANDFIRST}"
        f'</div><div class="author">By Ann Reporter</div><ul class="share">{SHARE_LIST}</ul>'
        f'<div class="story">{BODY}</div></body></html>'
    )
    result = declutter.clean(page, options=DOM)
    lead = next(b for b in result.blocks if b.text.startswith("After three days"))
    assert lead.kept and lead.reason is not None and "lead" in lead.reason.cue
    assert "Share on network" not in result.text
    assert "Ann Reporter" not in result.text


def test_section_headings_with_short_paragraphs_are_no_teaser_list_on_html() -> None:
    from declutter.rules import related

    sections = "".join(
        f"<h2>Part {n}</h2><p>Section {n} explains one more property of the matrix.</p>"
        for n in range(5)
    )
    teasers = "".join(
        f'<h3><a href="/s{n}">Story {n}</a></h3><p>Summary {n} of another story here.</p>'
        for n in range(5)
    )
    for body, marked in ((sections, False), (teasers, True)):
        doc = segment(f"<html><body>{body}</body></html>", "declutter")
        add_stats(doc)
        found = {doc.blocks[m.index].text for m in related.find(doc)}
        assert any(t.startswith("Summary") or t.startswith("Section") for t in found) is marked


def test_headings_over_no_text_at_the_article_end_go() -> None:
    tail = (
        "<h2>More from the valley</h2><h3>The mill reopens</h3><h3>A new bridge</h3>"
        '<ul><li><a href="/a">Next</a></li><li><a href="/b">Previous</a></li></ul>'
    )
    page = (
        "<html><head><title>The valley floods</title></head><body><article>"
        f"<h1>The valley floods</h1>{BODY}<h2>What comes next</h2>{BODY}{tail}"
        "</article></body></html>"
    )
    result = declutter.clean(page, options=DOM)
    assert "What comes next" in result.text  # a heading of the article's text stays
    for heading in ("More from the valley", "The mill reopens", "A new bridge"):
        assert heading not in result.text


def test_of_several_stories_the_one_under_the_headline_is_the_article() -> None:
    other = BODY.replace("the river rose", "the market opened").replace("valley", "city")
    page = (
        "<html><head><title>The valley floods | Paper</title></head><body>"
        f"<article><h1>The valley floods</h1>{BODY[: len(BODY) // 2]}</article>"
        f"<article><h1>The city market</h1>{other}{other}</article></body></html>"
    )
    result = declutter.clean(page, options=DOM)
    assert result.title == "The valley floods"
    assert "the river rose" in result.text
    assert "the market opened" not in result.text


def test_a_gallery_inside_the_article_does_not_cut_off_its_end() -> None:
    slides = "".join(
        f"<li><h2>{n}/20 Slide headline</h2><p>{'A caption of the slide. ' * 6}</p></li>"
        for n in range(1, 21)
    )
    second = BODY.replace("the river rose", "the water fell")[: len(BODY) // 2]
    page = (
        "<html><head><title>The valley floods</title></head><body><article>"
        f'<h1>The valley floods</h1><div class="text">{BODY}'
        f'<div class="gallery-widget"><ul>{slides}</ul></div>{second}</div>'
        "</article></body></html>"
    )
    result = declutter.clean(page, options=DOM)
    assert "the water fell" in result.text  # the article's end, below the gallery
    assert "A caption of the slide" not in result.text
    end = next(b for b in result.blocks if "the water fell" in b.text)
    assert end.reason.rule == "content"


def test_a_sentence_of_links_inside_the_article_stays_a_call_to_action_after_it_goes() -> None:
    cited = (
        '<li>We have just landed <a href="/b/1">Bug 1553982, which prevents starting an '
        'update while another instance is running</a>, thanks to <a href="/u">the team</a>.</li>'
    )
    teaser = '<p><a href="/s">The river will rise again and the valley is not ready yet.</a></p>'
    cta = '<p>Visit <a href="/">the Daily Paper for breaking news and the weather</a> too.</p>'
    page = (
        "<html><head><title>The valley floods</title></head><body><article>"
        f"<h1>The valley floods</h1>{BODY}<ul>{cited}</ul>{teaser}{BODY}{cta}"
        "</article></body></html>"
    )
    result = declutter.clean(page, options=DOM)
    by_text = {b.text[:20]: b for b in result.blocks}
    kept = by_text["We have just landed "]
    assert kept.kept and kept.reason.cue == "a sentence of links inside the article, prose after it"
    assert not by_text["The river will rise "].kept  # a whole link: a teaser headline
    dropped = by_text["Visit the Daily Pape"]  # below the last paragraph: a call to action
    assert not dropped.kept and dropped.reason.cue.startswith("links make")


def test_long_blocks_dense_in_names_inside_the_article_stay() -> None:
    names = "Anna Berg, Carl Dorn, Emil Falk, Greta Holm, Ivan Jung, Karl Lenz, Maria Nord"
    page = (
        "<html><head><title>The valley floods</title></head><body><article>"
        f"<h1>The valley floods</h1>{BODY}"
        f"<p>Helpers Were {names}, Otto Pohl, Rita Sand And Tom Uhl From Lower Vale.</p>"
        f"<p>{names}, {names}, {names}</p>{BODY}</article></body></html>"
    )
    result = declutter.clean(page, options=DOM)
    assert "Helpers Were Anna Berg" in result.text
    assert f"{names}, {names}" in result.text  # a list of names, as the text path keeps


def test_a_lead_full_of_names_is_kept_too() -> None:
    lead = (
        "Team Captain Anna Berg Named Carl Dorn, Emil Falk, Greta Holm, Ivan Jung, Karl "
        "Lenz, Maria Nord, Otto Pohl And Rita Sand For The Cup In Rio (4 And 5 March)."
    )
    page = (
        "<html><head><title>The team is named | Paper</title></head><body>"
        f'<div class="head"><h1>The team is named</h1><p>{lead}</p></div>'
        f'<ul class="share">{SHARE_LIST}</ul><div class="story">{BODY}</div></body></html>'
    )
    result = declutter.clean(page, options=DOM)
    assert lead in result.text


def test_without_a_title_copy_the_lead_is_looked_for_under_the_last_h1() -> None:
    page = (
        "<html><head><title>Paper: home of the news</title></head><body>"
        '<div class="head"><h1>The valley floods</h1>'
        f"{STANDFIRST}"
        f'</div><ul class="share">{SHARE_LIST}</ul>'
        f'<div class="story">{BODY}</div></body></html>'
    )
    result = declutter.clean(page, options=DOM)
    assert "After three days of rain" in result.text


def test_a_title_no_heading_shows_is_metadata_not_text() -> None:
    page = (
        "<html><head><title>Paper: home of the news</title></head><body>"
        f'<div class="story"><h1>The valley floods</h1>{BODY}</div></body></html>'
    )
    result = declutter.clean(page, options=DOM)
    assert result.title == "Paper: home of the news"
    assert "home of the news" not in result.text
    assert result.text.startswith("The valley floods\n\nParagraph 0")


def test_a_related_list_after_a_lead_in_ends_at_the_headline() -> None:
    page = (
        "<html><head><title>The valley floods</title></head><body>"
        "<div><h3>Top Stories</h3><p><a href='/a'>Facebook</a></p><p><a href='/b'>Twitter</a></p>"
        f"<h1>The valley floods</h1><p>Anna Writer</p>{BODY}</div></body></html>"
    )
    result = declutter.clean(page, options=DOM)
    headline = next(b for b in result.blocks if b.text == "The valley floods")
    assert not [m for m in headline.marks if m.rule == "related_list"]
    assert headline.reason.rule == "title"
    assert result.text.startswith("The valley floods\n\n")


@pytest.mark.parametrize(
    "head",
    [
        "<head><title>The valley floods | Paper</title></head>",  # a heading shows the title
        "",  # no <title>, no og:title: the first h1 is the title
    ],
)
def test_the_headline_heads_the_text_once(head: str) -> None:
    page = (
        f"<html>{head}<body><nav><a href='/'>Home</a></nav>"
        f"<h1>The valley floods</h1>{BODY}</body></html>"
    )
    result = declutter.clean(page, options=DOM)
    assert result.title == "The valley floods"
    assert result.text.startswith("The valley floods\n\nParagraph 0")
    assert result.text.count("The valley floods") == 1


@pytest.mark.parametrize(
    ("name", "token"),
    [
        ("article-rating", "rating"),
        ("post-tags", "tags"),
        ("reading-time", "reading"),
        ("paywall-box", "paywall"),
        ("user-login", "login"),
        ("photo-credits", "credits"),
        ("kommentare", "kommentare"),
        ("press-contact", "contact"),
        ("donation-box", "donation"),
        ("latest-news", "latest"),
        ("crumbs", "crumbs"),
        ("view-count", "count"),
        ("photo-gallery", "gallery"),
        ("teaser-carousel", "carousel"),
        ("search-form", "form"),
        ("tip-icon", "icon"),
        ("player-overlay", "overlay"),
        ("news-timeline", "timeline"),
    ],
)
def test_reader_widget_class_names_are_furniture(name: str, token: str) -> None:
    tree = parse(
        "<html><body><div class='entry'><p>" + "prose words " * 60 + "</p>"
        f"<div class='{name}'><p>Widget line</p></div></div></body></html>"
    )
    doc = Document(kind=Kind.HTML, blocks=dom.blocks(tree))
    cues = {doc.blocks[m.index].text: m.reason.cue for m in structure.find(doc)}
    assert cues == {"Widget line": f"class token '{token}' on div.{name}"}


def _caption_marks(html: str) -> dict[str, list[str]]:
    result = declutter.clean(html, options=DOM)
    return {b.text: [m.cue for m in b.marks if m.rule == "caption"] for b in result.blocks}


CREDIT_PAGE = (
    "<html><body><article><h1>Fire in the old mill</h1>"
    "<div class='body'><p>" + "The old mill burned for hours on Sunday night. " * 6 + "</p>"
    "<p>Firefighters saved three people from the burning house on the hill.</p></div>"
    "<p class='source'>Photo: Jane Doe</p>"
    "<figure><figcaption><p>The mill seen from the river at dawn.</p>"
    "<p>Photo: John Roe</p></figcaption></figure>"
    "<p>" + "Investigators are looking into the cause of the fire. " * 6 + "</p>"
    "</article></body></html>"
)


def test_line_above_a_credit_is_a_caption_only_in_the_credits_box() -> None:
    marks = _caption_marks(CREDIT_PAGE)
    above = "caption: the line above a photo credit"
    assert above not in marks["Firefighters saved three people from the burning house on the hill."]
    assert above in marks["The mill seen from the river at dawn."]

