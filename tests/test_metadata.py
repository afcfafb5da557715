"""Page metadata (``declutter.metadata``) and its benchmark (``declutter.bench.metadata``)."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from conftest import ARTICLE, HTML_PAGE, TEXT_PAGE

import declutter
from declutter import Options
from declutter import metadata as meta
from declutter.bench import data as bench_data
from declutter.bench import metadata as bench_meta
from declutter.model import Block

WITH_METADATA = Options(metadata=True)


def _page(head: str = "", body: str = "") -> str:
    return HTML_PAGE.replace("<head>", "<head>" + head).replace("<article>", "<article>" + body)


def test_meta_tags_give_the_metadata() -> None:
    head = (
        "<meta name='author' content='Jane Doe'><meta property='og:site_name' content='@ExNews'>"
        "<meta name='description' content='  The   budget. '>"
        "<link rel='canonical' href='https://example.org/budget'>"
        "<meta property='article:published_time' content='2024-03-05T10:00:00Z'>"
    )
    found = declutter.clean(_page(head), options=WITH_METADATA).metadata
    assert found.author == "Jane Doe"
    assert found.date == "2024-03-05"
    assert found.site_name == "ExNews"
    assert found.url == "https://example.org/budget"
    assert found.description == "The budget."


def test_json_ld_author_and_date() -> None:
    ld = {"@context": "https://schema.org", "@type": "NewsArticle",
          "author": {"@type": "Person", "name": "Ann Example"}, "datePublished": "2023-11-02"}
    head = f"<script type='application/ld+json'>{json.dumps(ld)}</script>"
    found = declutter.clean(_page(head), options=WITH_METADATA).metadata
    assert (found.author, found.date) == ("Ann Example", "2023-11-02")


def test_json_ld_that_trafilatura_cannot_read_leaves_the_meta_tags() -> None:
    # A list where trafilatura's reader expects an object: it raises AttributeError.
    ld = [{"@type": "Article", "publisher": ["x"], "author": "y"}]
    head = f"<meta name='author' content='Jane Doe'><script type='application/ld+json'>" \
           f"{json.dumps({'@graph': ld})}</script>"
    found = declutter.clean(_page(head), options=WITH_METADATA).metadata
    assert found.author == "Jane Doe"


def test_no_date_from_a_copyright_line_alone() -> None:
    body = "<p>Copyright 2019 Example News. All rights reserved.</p>"
    assert declutter.clean(_page("", body), options=WITH_METADATA).metadata.date is None


@pytest.mark.parametrize(
    ("found", "name"),
    [
        ("Luke Kim December", "Luke Kim"),
        ("Cazzy Magennis Last updated August 1", "Cazzy Magennis"),
        ("Author Ashley Biancuzzo", "Ashley Biancuzzo"),
        ("Drat 1", "Drat"),
        ("Tom May", "Tom May"),
        ("Name; Maya Perez", "Maya Perez"),
        ("Written by", None),
        ("The Author", None),
        ("Jared Newman; Sam Singleton", "Jared Newman; Sam Singleton"),
        (None, None),
    ],
)
def test_clean_author_cuts_bylines_to_the_name(found, name) -> None:
    assert meta.clean_author(found) == name


def _blocks(*lines: tuple[str, dict]) -> list[Block]:
    return [Block(index=i, text=text, **facts) for i, (text, facts) in enumerate(lines)]


def test_byline_block_names_the_author() -> None:
    blocks = _blocks(("Headline", {"heading": 1}), ("By Eric Ries", {}), (ARTICLE[0], {}))
    assert meta.byline_name(blocks) == "Eric Ries"


@pytest.mark.parametrize(
    "lines",
    [
        (("By Ann Smith", {"in_list": True}),),  # a teaser list's bylines
        (("By Company Size", {"heading": 3}),),  # a menu heading
        (("By Ann Smith", {"link_density": 1.0}),),  # a link to an author page
        (("By Ann Smith", {}), ("By Bob Jones", {})),  # two authors: a list of posts
        (("by the river", {}),),  # not a name
    ],
)
def test_byline_blocks_that_name_no_author(lines) -> None:
    assert meta.byline_name(_blocks(*lines)) is None


def test_byline_block_is_used_where_trafilatura_finds_no_author() -> None:
    page = _page("", "<p class='dek'>By Eric Ries</p>")
    assert declutter.clean(page, options=WITH_METADATA).metadata.author == "Eric Ries"


def test_text_dumps_and_extracted_pages_carry_what_their_source_read() -> None:
    assert declutter.clean(TEXT_PAGE, options=WITH_METADATA).metadata == meta.NO_METADATA
    page = _page("<meta name='author' content='Jane Doe'>")
    options = Options(metadata=True, html_extractor="trafilatura")
    assert declutter.clean(page, options=options).metadata.author == "Jane Doe"


# --- the benchmark -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("gold", "predicted", "field", "hit"),
    [
        ("Budget  News", "budget news", "title", True),
        ("Budget News", "Budget News | Site", "title", False),
        (None, None, "author", True),
        (None, "Jane Doe", "author", False),
        ("Jane Doe", None, "author", False),
        ("2024-03-05", "2024-03-05T10:00:00", "date", True),
        ("2024-03-05", "March 5, 2024", "date", False),
        (None, "", "title", True),
    ],
)
def test_exact_match_normalisation(gold, predicted, field, hit) -> None:
    assert bench_meta.matches(gold, predicted, field) is hit


def _corpus(folder: Path, records: list[dict]) -> Path:
    folder.mkdir(exist_ok=True)
    with gzip.open(folder / "wcxb-dev.jsonl.gz", "wt", encoding="utf-8") as out:
        for record in records:
            out.write(json.dumps(record) + "\n")
    return folder


def test_table_scores_both_systems_on_check_pages(tmp_path: Path, capsys) -> None:
    page = _page("<meta name='author' content='Jane Doe'>")
    records = [
        {"id": str(n), "corpus": "wcxb-dev", "html": page, "title_gold": "Council approves budget",
         "author_gold": "Jane Doe", "date_gold": None}
        for n in range(12)
    ]
    data = _corpus(tmp_path / "bench", records)
    pages = bench_meta.load(data)
    check = [r["id"] for r in records if bench_data.half("wcxb-dev", r["id"]) == "check"]
    assert [p.id for p in pages] == sorted(check) and pages
    table = bench_meta.metadata_table(pages)
    rows = {line.split("|")[1].strip(): line for line in table.splitlines()[2:]}
    assert set(rows) == {"`declutter`", "`trafilatura`"}
    assert "| 1.000 | 1.000 | 1.000 |" in rows["`declutter`"]
    assert bench_meta.main(["--data", str(data), "--half", "tune"]) == 0
    assert "tune half" in capsys.readouterr().out


def test_missing_corpus_exits_2(tmp_path: Path, capsys) -> None:
    _corpus(tmp_path / "bench", [])
    (tmp_path / "bench" / "wcxb-dev.jsonl.gz").rename(tmp_path / "bench" / "other.jsonl.gz")
    assert bench_meta.main(["--data", str(tmp_path / "bench")]) == 2
    assert "no wcxb-dev.jsonl.gz" in capsys.readouterr().err
