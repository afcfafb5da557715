"""The assembler's decisions inside and around the article region, on small text dumps:
each kept or removed block carries the reason that decided it."""

from __future__ import annotations

import declutter
from declutter import Kind, Options, Reason

TITLE = "Council approves budget for the harbour bridge"
PROSE = (
    "The city council approved the new budget on Tuesday after a long debate about public "
    "transport, schools and the repair of the old harbour bridge, which has been closed "
    "to lorries since the spring.",
    "Members of the opposition said that the plan was too optimistic about tax income, "
    "but they agreed that the bridge could not wait another winter and voted for it.",
    "The works are to start in March and should take about two years, the mayor said, "
    "and the ferry will run more often while the bridge is closed to all traffic.",
)
# A long block of names and figures, no prose: a table row or a list of the article.
ROW = (
    "Harbour Bridge Repair 12.4 Million Euro 2024 2025 Public Works Department "
    "North Quay Ferry Service 1.8 Million Euro 2024 Port Authority "
    "Old Town Tram Line 6.2 Million Euro 2025 2026 Transport Office Total 20.4"
)


def clean(*blocks: str) -> declutter.Result:
    return declutter.clean(
        "\n\n".join(blocks) + "\n", options=Options(kind=Kind.TEXT, language="en")
    )


def block(result: declutter.Result, text: str) -> declutter.Block:
    matches = [b for b in result.blocks if b.text == text]
    assert matches, f"no block {text!r}"
    return matches[0]


def test_a_table_row_between_article_paragraphs_is_kept() -> None:
    result = clean(TITLE, PROSE[0], ROW, PROSE[1], PROSE[2])
    found = block(result, ROW)
    assert found.kept
    assert found.reason == Reason(
        "content", "long non-prose block inside the article (table, list)"
    )


def test_a_table_row_after_the_article_is_not() -> None:
    result = clean(TITLE, PROSE[0], PROSE[1], PROSE[2], ROW)
    found = block(result, ROW)
    assert not found.kept
    assert found.reason == Reason("region", "after the article region")


def test_a_line_between_kept_blocks_is_kept_a_colon_lead_in_is_not() -> None:
    # Title-cased short lines: no headings of prose, no list items between prose blocks.
    item, heading = "Ferry Times From March", "Bus Lines Extended"
    lead_in = "More On The Harbour:"
    result = clean(TITLE, PROSE[0], item, heading, PROSE[1], lead_in, heading, PROSE[2])
    assert block(result, heading).reason == Reason("content", "heading of the prose that follows")
    found = block(result, item)
    assert found.kept
    assert found.reason == Reason(
        "content", "short line between kept blocks (list item, data, signature)"
    )
    assert not block(result, lead_in).kept
    assert block(result, lead_in).reason == Reason(
        "statistics", "short line inside the article, not a heading"
    )


def test_the_headline_is_the_title_copy_with_the_article_below_not_the_site_name() -> None:
    # Both parts of the page title come again as lines: the headline above the article
    # and the (longer) site name above an "about us" box further down.
    site = "The Harbour City Herald"
    about = (
        "The Harbour City Herald is an independent newspaper that has reported on the "
        "city and its port since 1890, and it is owned by a foundation of its readers."
    )
    result = clean(f"Bridge reopens - {site}", "Home", "Bridge reopens", *PROSE, site, about)
    assert result.title == "Bridge reopens"
    assert block(result, "Bridge reopens").reason == Reason("title", "page title")


def test_the_title_copy_that_starts_the_title_wins_over_a_site_name_above_prose() -> None:
    # "Headline - Site - Slogan": the site name heads a description box at the top of the
    # page (prose below it too); the headline, the title's first part, heads the article.
    site = "The Harbour City Herald"
    about = (
        "The Harbour City Herald is an independent newspaper that has reported on the "
        "city and its port since 1890, and it is owned by a foundation of its readers."
    )
    page_title = f"Bridge reopens - {site} - News from the port"
    result = clean(page_title, site, about, "Home", "Bridge reopens", *PROSE)
    assert result.title == "Bridge reopens"
    assert block(result, "Bridge reopens").reason == Reason("title", "page title")


def test_a_page_without_prose_keeps_its_unmarked_lines() -> None:
    # No block reads as prose, so no article region: the page is its lines.
    result = clean("Opening hours", "Home", "Monday to Friday 9 to 17", "Saturday 10 to 14")
    no_prose = Reason("content", "unmarked line of a page without an article")
    assert block(result, "Monday to Friday 9 to 17").kept
    assert block(result, "Monday to Friday 9 to 17").reason == no_prose
    assert block(result, "Saturday 10 to 14").reason == no_prose
    assert not block(result, "Home").kept


def test_a_page_with_less_than_a_paragraph_of_prose_keeps_its_lines() -> None:
    # A list of changes with one short sentence: no article region worth keeping alone.
    items = ["Added granite and diorite blocks", "Added the ocean monument", "Added banners"]
    note = "Villagers will now harvest crops and plant new ones in their fields."
    result = clean("Version 1.8 release notes", *items, note, "Contact")
    for item in items:
        assert block(result, item).kept
        assert block(result, item).reason == Reason(
            "content", "unmarked line of a page without an article"
        )
    assert block(result, note).kept


BIO = (
    "Anna Berg is a reporter who has covered the city council, its budgets and its "
    "quarrels for the local paper since 2015."
)


def test_a_short_tail_of_prose_after_a_share_line_is_cut_from_the_article() -> None:
    # The bio outweighs the share line, so the maximum-sum region runs through both.
    result = clean(TITLE, *PROSE, "Share", BIO)
    share = block(result, "Share")
    assert block(result, BIO).reason == Reason(
        "region", f"after the end-of-article cue in block {share.index}"
    )
    assert not block(result, BIO).kept
    assert all(block(result, text).kept for text in PROSE)


def test_a_share_line_with_most_of_the_article_below_it_ends_nothing() -> None:
    result = clean(TITLE, PROSE[0], "Share", PROSE[1], PROSE[2], BIO)
    assert not block(result, "Share").kept
    assert all(block(result, text).kept for text in (*PROSE, BIO))


def test_label_value_lines_in_a_row_inside_the_article_are_its_fact_box() -> None:
    facts = ["Length: 212 Metres", "Architect: Anna Berg", "Cost: 12 Million Euro"]
    result = clean(TITLE, PROSE[0], *facts, PROSE[1], PROSE[2])
    data = Reason("content", "data line inside the article (label: value)")
    assert block(result, facts[0]).reason == data
    assert block(result, facts[1]).reason == data
    assert all(block(result, text).kept for text in facts)


def test_a_lone_kicker_headline_or_a_dated_line_is_no_data_line() -> None:
    kicker, other = "Harbour: Ferry Timetable Changes", "Old Town Tram Works"
    dated = ["Spring 2024: Works Begin", "Autumn 2025: Bridge Reopens"]
    result = clean(TITLE, PROSE[0], kicker, other, *dated, "More Photos", PROSE[1], PROSE[2])
    for text in (kicker, *dated):
        assert not block(result, text).kept, block(result, text).reason


def test_a_related_box_before_the_last_paragraph_ends_nothing() -> None:
    # "More on this" and its one link interrupt the article; the closing paragraph stays.
    link = "Bridge Repairs Start In The Spring"
    result = clean(TITLE, PROSE[0], PROSE[1], "More on this topic", link, PROSE[2])
    assert not block(result, "More on this topic").kept and not block(result, link).kept
    assert all(block(result, text).kept for text in PROSE)


def test_a_later_cue_of_another_family_still_ends_the_article() -> None:
    # The share line above most of the article ends nothing; the sign-up line after it,
    # the first of its family, cuts off the short tail below it.
    result = clean(TITLE, PROSE[0], "Share", PROSE[1], PROSE[2], "Sign up for our newsletter", BIO)
    cue = block(result, "Sign up for our newsletter")
    assert block(result, BIO).reason == Reason(
        "region", f"after the end-of-article cue in block {cue.index}"
    )
    assert all(block(result, text).kept for text in PROSE)


DIALOG = (
    "Please sign in with the e-mail address and the password of your account here.",
    "The password must be at least eight characters long and hold one number.",
    "This e-mail address is not known to us, please check it and try again later.",
    "Your registration did not work this time, please check what you entered.",
    "You will soon get an e-mail from us with a link to set a new password.",
    "Your password was changed and you can now sign in with the new password.",
    "We ask you for a moment of patience until your account has been activated.",
)


def test_an_article_above_the_footer_wins_over_a_dialog_below_it() -> None:
    footer = ["Imprint", "Privacy policy", "Terms of use"]
    result = clean(TITLE, "Home", TITLE, PROSE[0], *footer, *DIALOG)
    assert block(result, PROSE[0]).kept
    dropped = block(result, DIALOG[1])
    assert not dropped.kept
    assert dropped.reason == Reason("region", "after the article region")



# Long paragraphs (over 60 words: each weighs a full paragraph) and a short comment thread.
LONG = tuple(f"{a} {b}" for a in PROSE for b in PROSE if a != b)
THREAD = (
    "Jacob says:",
    "I drive over that bridge every day and I am glad that they finally found the money.",
    "Maria says:",
    "The ferry was always late last winter, so I hope that they really add more boats.",
    "Peter says:",
    "Two years is a long time for the shops on the quay, who will help them in the meantime?",
)


def test_a_comment_count_in_the_article_header_cuts_nothing() -> None:
    # "12 Comments" under the byline: the first comment header comes only after the
    # whole article, so the count heads no thread and the article below it stays.
    page = (f"{TITLE} - The Herald", "Home", TITLE, PROSE[0], "By Anna Berg", "12 Comments")
    result = clean(*page, *LONG, *THREAD)
    assert all(block(result, text).kept for text in LONG)
    assert block(result, "12 Comments").reason == Reason(
        "metadata", "counter: a number alone or with a unit"
    )


def test_a_comment_count_above_a_thread_still_ends_the_article() -> None:
    result = clean(f"{TITLE} - The Herald", "Home", TITLE, *LONG[:2], "12 Comments", *THREAD)
    assert block(result, LONG[1]).kept
    comment = block(result, THREAD[1])
    assert not comment.kept
    assert comment.reason == Reason("region", "after the article region")


def test_a_headline_copy_that_differs_only_in_punctuation_is_the_title() -> None:
    # The page title has a straight apostrophe, the headline above the article a curly one.
    headline = "The mayor’s bridge plan wins the vote"
    result = clean("The mayor's bridge plan wins the vote - The Herald", "Home", headline, *PROSE)
    assert result.title == headline
    assert block(result, headline).reason == Reason("title", "page title")


def test_a_teaser_cut_off_after_a_few_words_of_the_headline_is_no_title_copy() -> None:
    teaser = "The mayor's bridge plan..."
    page = ("The mayor’s bridge plan wins the vote - The Herald", "Home", teaser, *PROSE)
    result = clean(*page)
    assert block(result, teaser).reason != Reason("title", "page title")


def test_a_colon_lead_in_right_above_the_first_paragraph_is_kept() -> None:
    # "Here is the plan:" introduces the article's first paragraph; a colon line further
    # up ("Contents:") introduces nothing of the article.
    page = (f"{TITLE} - The Herald", "Home", TITLE, "Contents:", "Here is the plan:", *PROSE)
    result = clean(*page)
    lead_in = block(result, "Here is the plan:")
    assert lead_in.kept
    assert lead_in.reason == Reason("content", "heading of the prose that follows")
    assert not block(result, "Contents:").kept


# A standfirst (a sentence under the headline) and a first paragraph rich in stopwords.
STANDFIRST = (
    "After a winter in which the bridge was closed to all of them, the people of the town "
    "will be able to cross it again in the spring."
)
FIRST_PARAGRAPH = (
    "It is the first time in more than ten years that the people of the town will be able "
    "to cross the river on foot, and many of them said that they had waited for this day "
    "for a very long time, as it was not easy for them to get to work."
)


def test_a_bare_name_between_standfirst_and_first_paragraph_is_a_byline() -> None:
    result = clean(TITLE, STANDFIRST, "Anna Berger", FIRST_PARAGRAPH, *PROSE[1:])
    name = block(result, "Anna Berger")
    assert not name.kept
    cue = "byline: a bare name above the article's first paragraph"
    assert name.reason == Reason("metadata", cue)
    assert block(result, STANDFIRST).kept and block(result, FIRST_PARAGRAPH).kept


def test_a_capitalised_heading_that_is_no_name_stays() -> None:
    result = clean(TITLE, STANDFIRST, "Bus Lines Extended", FIRST_PARAGRAPH, *PROSE[1:])
    assert block(result, "Bus Lines Extended").kept


def test_a_forum_threads_posts_after_a_comments_cue_are_its_content() -> None:
    # The same page as above, with a forum's post lines: the posts below the comments
    # cue (and below a "Reply" line, an end-of-article cue) are what the reader came for.
    posts = [
        line
        for i, (header, text) in enumerate(zip(THREAD[::2], LONG[2:]))
        for line in (header, "Joined", f"#{i + 1}", text, "Reply")
    ]
    article = clean(f"{TITLE} - The Herald", "Home", TITLE, *LONG[:2], "12 Comments", *THREAD)
    forum = clean(f"{TITLE} - The Herald", "Home", TITLE, *LONG[:2], "12 Comments", *posts)
    assert (article.page_type, forum.page_type) == ("article", "forum")
    assert not block(article, THREAD[1]).kept
    assert all(block(forum, text).kept for text in LONG[2:5])


def test_a_further_region_of_half_the_weight_widens_a_text_region() -> None:
    from declutter.assemble.region import with_further_regions

    # Two sections of a service page, a sign-up box between them; a short teaser below.
    weights = [50.0, 50.0, -200.0, 40.0, 30.0, -200.0, 10.0]
    assert with_further_regions(weights, (0, 1)) == (0, 4)
    # A region under half the best one's weight is no section of the content.
    assert with_further_regions([100.0, -200.0, 40.0], (0, 0)) == (0, 0)
