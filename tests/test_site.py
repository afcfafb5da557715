"""Site templates (issue 16): what a site's other pages show, learned in a count pass.

Sites here are made of invented pages: the same header, notice, related list and footer
around different articles (and copies of one article, for the duplicate guard).
"""

from __future__ import annotations

import gzip
import io
import json
import random
import shutil
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from declutter import clean, cli
from declutter.model import Block, Kind
from declutter.options import Options
from declutter.site import MIN_PAGES, SiteEvidence
from declutter.site.counts import SiteCounts
from declutter.site.evidence import evidence_for
from declutter.site.fingerprint import normalise, page_print
from declutter.site.key import SiteKey, host, page_address, site_of
from declutter.site.learn import SiteSetup, learn_pages
from declutter.site.profile import ProfileError, load, save
from declutter.site.template import RULE, strip_site_parts

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
HEADER = ("Home", "World news", "Politics", "Business and money", "Sign in to your account")
# Reads as good prose: removed only because it stands on (nearly) every page.
APPEAL = ("Our reporting is paid for by readers like you, and every gift, large or small, "
          "helps us to keep our journalists in the towns and the courts where the news is, "
          "so thank you to all of you who have given to us this year.")
RELATED = ("More from the Gazette", "Harbour fees to rise next year",
           "Library opens on Sundays again")
FOOTER = ("About us", "Contact the newsroom", "Copyright 2024 Example Gazette Ltd")
TEMPLATE = (*HEADER, APPEAL, *RELATED, *FOOTER)
NOUNS = ("council", "harbour", "school", "bridge", "market", "river", "library", "station",
         "museum", "hospital", "garden", "factory", "village", "theatre", "stadium")
ADJECTIVES = ("old", "new", "busy", "quiet", "small", "large", "famous", "local")


def _article(seed: int) -> list[str]:
    """A title and four paragraphs of plain English prose, different for every seed."""
    rng = random.Random(seed)

    def sentence() -> str:
        a, b = rng.sample(NOUNS, 2)
        return (f"The {rng.choice(ADJECTIVES)} {a} near the {b} was closed for {rng.randint(2, 90)}"
                f" days, and the people who live there said that they would like to know why "
                f"it took so long to open it again.")

    title = f"The {rng.choice(ADJECTIVES)} {rng.choice(NOUNS)} story number {seed}"
    return [title] + [" ".join(sentence() for _ in range(3)) for _ in range(4)]


def _dump(article: list[str], url: str | None = None) -> str:
    top = [url] if url else []
    return "\n\n".join([*top, article[0], *HEADER, *article, APPEAL, *RELATED, *FOOTER]) + "\n"


def _html(article: list[str], url: str) -> str:
    head = "".join(f'<div><a href="/{i}">{line}</a></div>' for i, line in enumerate(HEADER))
    body = "".join(f"<p>{p}</p>" for p in article[1:])
    related = "".join(f'<li><a href="/r">{line}</a></li>' for line in RELATED[1:])
    foot = "".join(f"<p>{line}</p>" for line in FOOTER)
    return (f'<html><head><title>{article[0]}</title><link rel="canonical" href="{url}">'
            f"</head><body><div>{head}</div><div><h1>{article[0]}</h1>{body}<p>{APPEAL}</p>"
            f"</div><div><h3>{RELATED[0]}</h3><ul>{related}</ul></div><div>{foot}</div>"
            "</body></html>")


def _site_folder(root: Path, articles: list[list[str]], name: str = "gazette") -> Path:
    folder = root / name
    folder.mkdir(parents=True)
    for number, article in enumerate(articles):
        (folder / f"page{number:02d}.txt").write_text(_dump(article), encoding="utf-8")
    return folder


def _lines(text: str) -> set[str]:
    return {line.strip() for line in text.split("\n") if line.strip()}


# --- fingerprints, keys, counts ------------------------------------------------------


def test_normalising_keeps_letters_and_reads_digit_runs_as_one() -> None:
    assert normalise("© 2024 Example  Media — All rights reserved.") == (
        "0 example media all rights reserved")
    assert normalise("Copyright 1999 Example") == normalise("copyright 2024 EXAMPLE!")
    assert normalise("* * *") == ""


@pytest.mark.parametrize(
    ("url", "expected"),
    [("https://www.Example.org/a/b?x=1", "example.org"),
     ("http://news.bbc.co.uk/", "news.bbc.co.uk"), ("not a url", None), ("", None),
     ("http://[::1", None)],
)
def test_the_host_of_an_address(url: str, expected: str | None) -> None:
    assert host(url) == expected


def test_a_page_gives_its_address_by_canonical_og_url_or_url_line() -> None:
    html = '<html><head><meta property="og:url" content="https://a.example/x"></head></html>'
    assert page_address(html, Kind.HTML) == "https://a.example/x"
    canonical = "<link href='https://b.example/y' rel='canonical'>"
    assert page_address(canonical, Kind.HTML) == "https://b.example/y"
    assert page_address("URL: https://c.example/z\n\nTitle", Kind.TEXT) == "https://c.example/z"
    assert page_address("Title\n\nText", Kind.TEXT) is None


@pytest.mark.parametrize(
    ("mode", "url", "expected"),
    [(SiteKey.AUTO, "https://x.example/1", "x.example"), (SiteKey.AUTO, None, "dir"),
     (SiteKey.HOST, None, None), (SiteKey.FOLDER, "https://x.example/1", "dir")],
)
def test_site_key_modes(mode: SiteKey, url: str | None, expected: str | None) -> None:
    assert site_of(mode, "Title\n\nText", Kind.TEXT, url, "dir") == expected
    assert site_of(SiteKey.NONE, "x", Kind.TEXT, url, "dir") == site_of(
        SiteKey.NONE, "y", Kind.TEXT, None, "other")


def _print(site: str, texts: list[str]):
    return page_print(site, [Block(index=i, text=t) for i, t in enumerate(texts)])


def test_exact_and_near_copies_count_once() -> None:
    counts = SiteCounts()
    article = _article(1)
    assert counts.add(_print("s", [*HEADER, *article]))
    assert not counts.add(_print("s", [*HEADER, *article]))  # the same page again
    assert not counts.add(_print("s", [*HEADER, *article[:-1]]))  # a paragraph dropped
    assert counts.add(_print("s", [*HEADER, *_article(2)]))  # another article
    counts.freeze()
    assert counts.pages == {"s": 2}
    home = _print("s", ["Home"]).fingerprints[0]
    assert counts.count(home) == 2
    paragraph = _print("s", [article[1]]).fingerprints[0]
    assert counts.count(paragraph) == 1


def test_a_long_line_on_every_page_does_not_make_pages_copies() -> None:
    counts = SiteCounts()
    for seed in range(6):
        assert counts.add(_print("s", [APPEAL, *_article(seed)]))
    assert counts.freeze().pages == {"s": 6}


def test_the_same_line_on_two_sites_is_counted_apart() -> None:
    counts = SiteCounts()
    counts.add(_print("a", ["Home", *_article(1)]))
    counts.add(_print("b", ["Home", *_article(2)]))
    counts.freeze()
    assert counts.count(_print("a", ["Home"]).fingerprints[0]) == 1


def _evidence(pages: list[list[str]], site: str = "s") -> SiteEvidence:
    counts = SiteCounts()
    for texts in pages:
        counts.add(_print(site, texts))
    found = evidence_for(counts.freeze(), site)
    assert found is not None
    return found


def test_strong_body_text_needs_a_larger_share_than_a_menu_line() -> None:
    # 10 articles; the appeal on 6 of them (a share of 0.6): over MIN_SHARE, under
    # STRONG_SHARE, so it stays while "Home" (on all 10) goes.
    pages = [["Home", *([APPEAL] if seed < 6 else []), *_article(seed)] for seed in range(10)]
    evidence = _evidence(pages)
    page = "\n\n".join(["Title", "Home", *_article(3)[1:], APPEAL])
    result = clean(page, options=Options(kind=Kind.TEXT), site=evidence)
    removed = {b.text for b in result.blocks if b.reason and b.reason.rule == RULE}
    assert "Home" in removed and APPEAL not in removed
    assert APPEAL in result.text


def test_a_site_of_fewer_pages_than_min_pages_gets_no_evidence() -> None:
    counts = SiteCounts()
    for seed in range(MIN_PAGES - 1):
        counts.add(_print("s", ["Home", *_article(seed)]))
    assert evidence_for(counts.freeze(), "s") is None


def test_the_page_headline_is_never_template() -> None:
    # Page 0's headline stands in every other page's related list.
    headline = _article(0)[0]
    pages = [[headline, *_article(0)[1:]]] + [[*_article(s), headline] for s in range(1, 8)]
    evidence = _evidence(pages)
    result = clean("\n\n".join(_article(0)), options=Options(kind=Kind.TEXT), site=evidence)
    assert headline in result.text


# --- runs ----------------------------------------------------------------------------


def test_a_folder_run_removes_the_site_template_and_explains_it(tmp_path: Path) -> None:
    folder = _site_folder(tmp_path, [_article(seed) for seed in range(8)])
    assert cli.main([str(tmp_path), "--explain", "-j", "2"]) == 0  # in worker processes
    text = (folder / "page03.clean.txt").read_text(encoding="utf-8")
    lines = _lines(text)
    assert not lines & set(TEMPLATE)
    assert set(_article(3)[1:]) <= lines
    blocks = json.loads((folder / "page03.clean.json").read_text())["blocks"]
    cues = {b["text"]: b["cue"] for b in blocks if b["rule"] == "site_template"}
    assert cues["Politics"] == f"seen on 8 of 8 pages of {folder}"
    assert APPEAL in cues


def test_copies_of_one_article_do_not_make_it_template(tmp_path: Path) -> None:
    # 11 pages: 7 copies of one article (3 with a paragraph dropped), 4 others.
    copied = _article(0)
    variants = [copied if n < 4 else copied[:-1] for n in range(7)]
    folder = _site_folder(tmp_path, variants + [_article(seed) for seed in (1, 2, 3, 4)])
    assert cli.main([str(tmp_path), "--explain", "-j", "1"]) == 0
    lines = _lines((folder / "page00.clean.txt").read_text(encoding="utf-8"))
    assert set(copied[1:]) <= lines
    blocks = json.loads((folder / "page00.clean.json").read_text())["blocks"]
    cues = {b["text"]: b["cue"] for b in blocks}
    assert cues["Home"] == f"seen on 5 of 5 pages of {folder}"  # the copies counted once
    assert {b["text"] for b in blocks if b["rule"] == "site_template"} == set(TEMPLATE) - {
        copied[0]}  # 5 distinct articles: the template still learned


def test_without_evidence_outputs_are_as_without_site_learning(tmp_path: Path) -> None:
    # A site of MIN_PAGES - 1 pages, and the same pages with --no-site: byte-identical.
    articles = [_article(seed) for seed in range(MIN_PAGES - 1)]
    learned = _site_folder(tmp_path / "a", articles)
    alone = _site_folder(tmp_path / "b", articles)
    assert cli.main([str(tmp_path / "a"), "-j", "1"]) == 0
    assert cli.main([str(tmp_path / "b"), "--no-site", "-j", "1"]) == 0
    for page in sorted(learned.glob("*.clean.txt")):
        assert page.read_bytes() == (alone / page.name).read_bytes()
    stamps = sorted(learned.glob(".*.stamp"))
    assert stamps and all(s.read_bytes() == (alone / s.name).read_bytes() for s in stamps)


def test_the_fixtures_come_out_as_expected_from_a_folder_run(tmp_path: Path) -> None:
    # The fixtures are one folder of pages of different sites: nothing recurs enough.
    for raw in FIXTURES.iterdir():
        if raw.suffix in (".txt", ".html") and ".expected" not in raw.name:
            shutil.copy(raw, tmp_path / raw.name)
    assert cli.main([str(tmp_path), "-j", "1"]) == 0
    for expected in FIXTURES.glob("*.expected.txt"):
        stem = expected.name[: -len(".expected.txt")]
        out = tmp_path / f"{stem}.clean.txt"
        assert out.read_bytes() == expected.read_bytes(), stem


def test_a_rerun_redoes_pages_whose_site_evidence_changed(tmp_path: Path, capsys) -> None:
    folder = _site_folder(tmp_path, [_article(seed) for seed in range(6)])
    assert cli.main([str(tmp_path), "-j", "1"]) == 0
    assert cli.main([str(tmp_path), "-j", "1"]) == 0
    assert "0 cleaned, 6 skipped" in capsys.readouterr().err
    (folder / "page06.txt").write_text(_dump(_article(6)), encoding="utf-8")
    assert cli.main([str(tmp_path), "-j", "1"]) == 0
    assert "7 cleaned (6 redone: 6 site evidence changed), 0 skipped" in capsys.readouterr().err


def test_jsonl_gzip_records_learn_their_site_from_url(tmp_path: Path) -> None:
    path = tmp_path / "pages.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as out:
        for seed in range(6):
            record = {"id": seed, "url": f"https://www.gazette.example/{seed}",
                      "text": _dump(_article(seed))}
            out.write(json.dumps(record) + "\n")
        out.write(json.dumps({"id": "other", "url": "https://other.example/",
                              "text": _dump(_article(9))}) + "\n")
    out_path = tmp_path / "out.jsonl"
    assert cli.main(["--jsonl", str(path), "-o", str(out_path), "-j", "1"]) == 0
    answers = [json.loads(line) for line in out_path.read_text().splitlines()]
    assert not _lines(answers[2]["text"]) & set(TEMPLATE)
    assert set(_article(2)[1:]) <= _lines(answers[2]["text"])
    alone = clean(_dump(_article(9)), options=Options(kind=Kind.TEXT)).text
    assert answers[6]["text"] == alone  # a site of one page: as without site learning


def _warc(path: Path, pages: list[tuple[str, str]]) -> None:
    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=True)
        for url, html in pages:
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                                       protocol="HTTP/1.1")
            record = writer.create_warc_record(url, "response", payload=io.BytesIO(
                html.encode("utf-8")), http_headers=headers)
            writer.write_record(record)


def test_a_warc_archive_learns_its_sites(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    _warc(path, [(f"https://gazette.example/{seed}", _html(_article(seed),
                                                         f"https://gazette.example/{seed}"))
                 for seed in range(6)])
    out_path = tmp_path / "out.jsonl"
    assert cli.main([str(path), "-o", str(out_path), "-j", "2"]) == 0  # in worker processes
    answers = [json.loads(line) for line in out_path.read_text().splitlines()]
    assert len(answers) == 6
    for seed, answer in enumerate(answers):
        lines = _lines(answer["text"])
        assert not lines & (set(TEMPLATE) - {RELATED[0]}) - {answer["title"]}
        assert set(_article(seed)[1:]) <= lines


def test_a_profile_is_saved_reused_and_refused(tmp_path: Path, capsys) -> None:
    _site_folder(tmp_path / "crawl1", [_article(seed) for seed in range(6)])
    profile = tmp_path / "sites.profile"
    assert cli.main([str(tmp_path / "crawl1"), "--site-profile", str(profile), "-j", "1"]) == 0
    # The next day, one new page of the same site, cleaned alone with what was learned.
    single = tmp_path / "crawl1" / "gazette" / "page09.txt"
    single.write_text(_dump(_article(9)), encoding="utf-8")
    assert cli.main([str(single), "--site-profile", str(profile), "-j", "1"]) == 0
    text = (single.parent / "page09.clean.txt").read_text(encoding="utf-8")
    assert not _lines(text) & set(TEMPLATE) and set(_article(9)[1:]) <= _lines(text)
    capsys.readouterr()
    assert cli.main([str(single), "--site-profile", str(profile), "--site-key", "host"]) == 2
    err = capsys.readouterr().err
    assert "made with other settings: site_key='auto' (this run: 'host')" in err
    profile.write_bytes(b"not a profile")
    assert cli.main([str(single), "--site-profile", str(profile)]) == 2
    assert "not a site profile" in capsys.readouterr().err


def test_a_profile_round_trips_and_knows_its_pages(tmp_path: Path) -> None:
    counts = SiteCounts()
    for seed in range(5):
        counts.add(_print("s", ["Home", *_article(seed)]))
    setup = SiteSetup()
    save(str(tmp_path / "p"), counts, setup)
    again = load(str(tmp_path / "p"), setup)
    assert again.pages == {"s": 5} and again.count(_print("s", ["Home"]).fingerprints[0]) == 5
    assert not again.add(_print("s", ["Home", *_article(2)]))  # known: not counted twice
    with pytest.raises(ProfileError, match="other settings"):
        load(str(tmp_path / "p"), SiteSetup(html_extractor="trafilatura"))


def test_the_python_api_learns_pages_and_cleans_one_with_its_evidence() -> None:
    pages = [(_dump(_article(seed)), None, f"https://gazette.example/{seed}", "")
             for seed in range(6)]
    run = learn_pages(pages)
    text = _dump(_article(2))
    evidence = run.evidence(text, None, "https://gazette.example/2", "")
    assert evidence is not None and evidence.pages == 6
    assert not _lines(clean(text, site=evidence).text) & set(TEMPLATE)
    assert run.evidence(text, None, "https://other.example/", "") is None


def test_the_title_loses_the_site_names_learned_from_the_site() -> None:
    pages = [["Real Time Brussels", "WSJ", *_article(seed)] for seed in range(6)]
    evidence = _evidence(pages)
    assert strip_site_parts("Banks Fail - Real Time Brussels - WSJ", evidence) == "Banks Fail"
    assert strip_site_parts("WSJ | Banks Fail", evidence) == "Banks Fail"
    assert strip_site_parts("Banks Fail - Opinion", evidence) == "Banks Fail - Opinion"
    assert strip_site_parts("Real Time Brussels", evidence) == "Real Time Brussels"
