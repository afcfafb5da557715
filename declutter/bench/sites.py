"""``python -m declutter.bench.sites``: what learning each site's template gains (issue 16).

    python -m declutter.bench.sites --data ../shared/bench                 # all three parts
    python -m declutter.bench.sites --data ../shared/bench --part scale --pages 100000

Three parts, each cleaned in this process with and without site learning:

- ``portal``: cleanportaleval (69 pages of 4 sites; the site is the host of the
  record's ``url``), the dump and the HTML: shingle F1 as ``make bench`` scores it, per
  half. Corpora of one page per site get no evidence, so they are unchanged by design
  (``tests/test_site.py`` checks the byte-identity).
- ``synthetic``: 20 sites of 30 pages built at run time from bench pages: each site takes
  a language, its header and footer lines from the boilerplate lines of one bench page of
  that language (dump lines not in its gold), a notice line, and a related list (a heading
  and the titles of other pages); its articles are the golds of other bench pages of that
  language. A third of each site's pages are copies of one article (exact, or one
  paragraph dropped). Scored: F1 against the article, shared lines left in the output,
  article lines lost (all and by ``site_template``), as dumps and as HTML.
- ``scale``: one synthetic site of ``--pages`` distinct pages (articles of shuffled bench
  sentences) as dumps: the count pass's time and peak memory over all of them, and the
  cleaning time with and without evidence on the first ``--timed`` pages; then the CLI
  on a temporary folder of ``--folder`` such pages, with and without ``--no-site``.

Nothing from the bench pages is written into the repository: the sites live in memory
(the ``scale`` folder in a temporary folder, removed after).
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import io
import json
import random
import resource
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from html import escape
from pathlib import Path

import regex

from .. import clean, cli
from ..language import detect
from ..model import Kind
from ..options import Options
from ..site.counts import SiteCounts
from ..site.fingerprint import normalise
from ..site.key import SiteKey, host
from ..site.learn import SiteRun, SiteSetup, learn_pages, print_page, site_run
from ..site.template import RULE
from . import data as bench_data
from .metric import corpus_score, page_score

DEFAULT_DATA = Path("../shared/bench")
SITES = 20
PAGES_PER_SITE = 30
DUPLICATE_SHARE = 1 / 3  # of each site's pages: copies of one article
# Article sources: gold-text corpora; an article needs this many paragraphs and words.
ARTICLE_CORPORA = ("readability", "dragnet", "cleaneval", "wcxb-dev")
# The sites' languages: English from the gold corpora; German from the snippet corpus
# (no gold: an article is the text declutter keeps of the page, cleaned alone).
SITE_LANGUAGES = ("en",) * 15 + ("de",) * 5
SNIPPET_CORPUS = "trafilatura-eval"
SNIPPET_PAGES = 80  # German pages of the snippet corpus taken (the first by id)
MIN_PARAGRAPHS = 4
MIN_WORDS = 150
# A site's template: up to this many header and footer lines from its template page.
HEADER_LINES = 12
FOOTER_LINES = 8
RELATED_ITEMS = 4
NOTICE_MIN_WORDS = 8
SEED = 16
_BLANK = regex.compile(r"\n\s*\n")
_SENTENCE = regex.compile(r"(?<=[.!?])\s+(?=\p{Lu})")


@dataclass(frozen=True, slots=True)
class Article:
    title: str
    paragraphs: tuple[str, ...]

    @property
    def gold(self) -> str:
        return "\n\n".join((self.title, *self.paragraphs))


@dataclass(frozen=True, slots=True)
class Template:
    header: tuple[str, ...]
    footer: tuple[str, ...]
    notice: str
    related: tuple[str, ...]  # heading, then items

    @property
    def lines(self) -> tuple[str, ...]:
        return (*self.header, self.notice, *self.related, *self.footer)


def shared_lines(page: SyntheticPage) -> set[str]:
    """The page's template lines as scored: normalised, those with a letter or digit (a
    rule line has no fingerprint), the article's own title aside."""
    lines = {normalise(line) for line in page.template.lines}
    return lines - {"", normalise(page.article.title)}


def article_lines(page: SyntheticPage) -> set[str]:
    """The article's lines as scored, those that also stand in the template aside (a
    "Search" line of an article is indistinguishable from the template's)."""
    lines = {normalise(line) for line in page.article.paragraphs}
    return lines - {normalise(line) for line in page.template.lines} - {""}


@dataclass(frozen=True, slots=True)
class SyntheticPage:
    site: str
    article: Article
    template: Template

    def dump(self) -> str:
        t = self.template
        return "\n\n".join((self.article.title, *t.header, self.article.title,
                            *self.article.paragraphs, t.notice, *t.related, *t.footer))

    def html(self) -> str:
        t, a = self.template, self.article
        head = "".join(f'<div><a href="/s{i}">{escape(line)}</a></div>'
                       for i, line in enumerate(t.header))
        body = "".join(f"<p>{escape(p)}</p>" for p in a.paragraphs)
        items = "".join(f'<li><a href="/r{i}">{escape(item)}</a></li>'
                        for i, item in enumerate(t.related[1:]))
        foot = "".join(f"<p>{escape(line)}</p>" for line in t.footer)
        return (f'<html><head><meta charset="utf-8"><title>{escape(a.title)}</title></head>'
                f"<body><div>{head}</div><div><h1>{escape(a.title)}</h1>{body}"
                f"<p>{escape(t.notice)}</p></div><div><h3>{escape(t.related[0])}</h3>"
                f"<ul>{items}</ul></div><div>{foot}</div></body></html>")


# --- learning and cleaning, in this process ------------------------------------------


def clean_both(text: str, kind: Kind, url: str | None, folder: str, run: SiteRun,
               options: Options) -> tuple[str, str, int]:
    """The text without and with site learning, and the blocks ``site_template`` removed."""
    plain = clean(text, options=options).text
    evidence = run.evidence(text, kind, url, folder)
    if evidence is None:
        return plain, plain, 0
    learned = clean(text, options=options, site=evidence)
    removed = sum(1 for b in learned.blocks if b.reason is not None and b.reason.rule == RULE)
    return plain, learned.text, removed


# --- cleanportaleval -----------------------------------------------------------------


def portal(data: Path) -> list[str]:
    pages = bench_data.load(data, corpora=["cleanportaleval"])
    lines = ["| input | half | pages | F1 without | F1 with | gain |", "|---|---|---|---|---|---|"]
    for field, kind in (("dump", Kind.TEXT), ("html", Kind.HTML)):
        run = learn_pages([(getattr(p, field), kind, p.url, "cleanportaleval") for p in pages],
                    SiteSetup(mode=SiteKey.AUTO))
        scores: dict[str, tuple[list, list]] = defaultdict(lambda: ([], []))
        for page in pages:
            plain, learned, _ = clean_both(getattr(page, field), kind, page.url,
                                           "cleanportaleval", run, Options(kind=kind))
            half = bench_data.half(page.corpus, page.id)
            for key in (half, "all"):
                scores[key][0].append(page_score(plain, page.gold or ""))
                scores[key][1].append(page_score(learned, page.gold or ""))
        for half in (*bench_data.HALVES, "all"):
            without, with_ = (corpus_score(s) for s in scores[half])
            lines.append(f"| {field} | {half} | {without.pages} | {without.f1:.4f} | "
                         f"{with_.f1:.4f} | {with_.f1 - without.f1:+.4f} |")
    sites = sorted({host(p.url) or "" for p in pages})
    lines.append(f"\nSites: {', '.join(sites)}.")
    return lines


# --- synthetic sites -----------------------------------------------------------------


def _paragraphs(text: str) -> list[str]:
    return [" ".join(p.split()) for p in _BLANK.split(text) if p.strip()]


@dataclass(frozen=True, slots=True)
class Source:
    """A bench page as a synthetic site's material: its language and its article text
    (its gold, or what declutter keeps of it)."""

    page: bench_data.Page
    language: str
    text: str


def _sources(data: Path) -> list[Source]:
    """The bench pages the sites are built from (``SITE_LANGUAGES``)."""
    found = []
    for page in bench_data.load(data, corpora=list(ARTICLE_CORPORA)):
        if page.gold and detect(page.gold) == "en":
            found.append(Source(page, "en", page.gold))
    german = [p for p in bench_data.load(data, corpora=[SNIPPET_CORPUS])
              if detect(p.dump[:3000]) == "de"][:SNIPPET_PAGES]
    found.extend(Source(p, "de", clean(p.html).text) for p in german)
    return found


def _articles(sources: list[Source]) -> dict[str, list[Article]]:
    """Article texts long enough to be articles, by language."""
    found: dict[str, list[Article]] = defaultdict(list)
    for source in sources:
        paragraphs = _paragraphs(source.text)
        if len(paragraphs) <= MIN_PARAGRAPHS or len(source.text.split()) < MIN_WORDS:
            continue
        found[source.language].append(Article(paragraphs[0][:150], tuple(paragraphs[1:])))
    return found


def _boilerplate(source: Source) -> tuple[list[str], list[str]]:
    """A page's dump lines not in its article: those above its article, those below."""
    page = source.page
    gold = {normalise(p) for p in _paragraphs(source.text)}
    gold_text = normalise(source.text)
    above: list[str] = []
    below: list[str] = []
    seen_article = False
    for line in _paragraphs(page.dump):
        normal = normalise(line)
        if not normal or len(line.split()) > 25:
            continue
        if normal in gold or normal in gold_text:
            seen_article = True
            continue
        (below if seen_article else above).append(line)
    return list(dict.fromkeys(above)), list(dict.fromkeys(below))


def _template(source: Source, others: list[Article], rng: random.Random
              ) -> Template | None:
    above, below = _boilerplate(source)
    lines = above + below
    if len(lines) < 8:
        return None
    notices = [line for line in lines if len(line.split()) >= NOTICE_MIN_WORDS]
    notice = notices[0] if notices else " ".join(lines[:NOTICE_MIN_WORDS])
    rest = [line for line in lines if line != notice]
    header = tuple(rest[:HEADER_LINES])
    footer = tuple(rest[HEADER_LINES:][-FOOTER_LINES:]) or tuple(rest[-2:])
    heading = min(rest, key=len)
    items = tuple(a.title for a in rng.sample(others, RELATED_ITEMS))
    return Template(header, footer, notice, (heading, *items))


def _near_copy(article: Article, rng: random.Random) -> Article:
    """The article, or (every other copy) without one of its paragraphs."""
    if rng.random() < 0.5 or len(article.paragraphs) < 3:
        return article
    drop = rng.randrange(len(article.paragraphs))
    return Article(article.title, article.paragraphs[:drop] + article.paragraphs[drop + 1:])


def synthetic_sites(data: Path) -> list[SyntheticPage]:
    """``SITES`` sites of ``PAGES_PER_SITE`` pages (see the module doc)."""
    rng = random.Random(SEED)
    sources = _sources(data)
    by_language = _articles(sources)
    distinct = PAGES_PER_SITE - round(PAGES_PER_SITE * DUPLICATE_SHARE)
    template_pages = list(sources)
    rng.shuffle(template_pages)
    out: list[SyntheticPage] = []
    for number, language in enumerate(SITE_LANGUAGES[:SITES]):
        chosen = rng.sample(by_language[language], distinct + RELATED_ITEMS)
        articles, others = chosen[:distinct], chosen[distinct:]
        template = None
        while template is None:
            candidate = template_pages.pop()
            if candidate.language == language:
                template = _template(candidate, others, rng)
        site = f"site{number:02d}-{language}.example"
        copies = [_near_copy(articles[0], rng) for _ in range(PAGES_PER_SITE - distinct)]
        site_pages = [SyntheticPage(site, a, template) for a in articles + copies]
        rng.shuffle(site_pages)
        out.extend(site_pages)
    return out


def _blocks(text: str) -> set[str]:
    return {normalise(p) for p in _paragraphs(text)}


def synthetic(data: Path) -> list[str]:
    pages = synthetic_sites(data)
    languages = sorted({p.site.split("-")[1].split(".")[0] for p in pages})
    lines = [f"{SITES} sites x {PAGES_PER_SITE} pages ({len(pages)}), languages: "
             f"{', '.join(languages)}; a third of each site's pages copies of one article.", "",
             "| input | F1 without | F1 with | gain | shared lines left without / with "
             "| article lines lost without / with | article lines marked site_template |",
             "|---|---|---|---|---|---|---|"]
    for field, kind in (("dump", Kind.TEXT), ("html", Kind.HTML)):
        texts = [getattr(p, field)() for p in pages]
        run = learn_pages([(t, kind, None, p.site) for t, p in zip(texts, pages)],
                    SiteSetup(mode=SiteKey.FOLDER))
        lines.append(_synthetic_row(field, kind, pages, texts, run))
    return lines


def _synthetic_row(field: str, kind: Kind, pages: list[SyntheticPage], texts: list[str],
                   run: SiteRun) -> str:
    scores: tuple[list, list] = ([], [])
    shared_left, lost, by_site = [0, 0], [0, 0], 0
    shared_total = article_total = 0
    for page, text in zip(pages, texts):
        plain, learned, _ = clean_both(text, kind, None, page.site, run, Options(kind=kind))
        shared, article = shared_lines(page), article_lines(page)
        for i, output in enumerate((plain, learned)):
            scores[i].append(page_score(output, page.article.gold))
            blocks = _blocks(output)
            shared_left[i] += len(shared & blocks)
            lost[i] += len(article - blocks)
        by_site += _marked_article_lines(text, kind, page, run)
        shared_total += len(shared)
        article_total += len(article)
    without, with_ = corpus_score(scores[0]), corpus_score(scores[1])
    return (f"| {field} | {without.f1:.3f} | {with_.f1:.3f} | {with_.f1 - without.f1:+.3f} | "
            f"{shared_left[0]} / {shared_left[1]} of {shared_total} | {lost[0]} / {lost[1]} of "
            f"{article_total} | {by_site} |")


def _marked_article_lines(text: str, kind: Kind, page: SyntheticPage, run: SiteRun) -> int:
    evidence = run.evidence(text, kind, None, page.site)
    if evidence is None:
        return 0
    result = clean(text, options=Options(kind=kind), site=evidence)
    article = article_lines(page)
    return sum(1 for b in result.blocks if b.reason is not None and b.reason.rule == RULE
               and normalise(b.text) in article)


# --- scale ---------------------------------------------------------------------------


def _scale_material(data: Path) -> tuple[list[str], Template]:
    """Sentences of dragnet's golds and one template, read record by record (so the
    process holds no page: its peak memory is the count pass's and the interpreter's)."""
    rng = random.Random(SEED)
    sentences: list[str] = []
    template = None
    path = bench_data.corpus_files(data)["dragnet"]
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            gold = record.get("gold") or ""
            sentences.extend(s for para in _paragraphs(gold) for s in _SENTENCE.split(para)
                             if len(s.split()) >= 6)
            if template is None and gold:
                page = bench_data.Page("dragnet", record["id"], "", record["dump"], "", gold)
                others = [Article(f"Headline {n}", ()) for n in range(RELATED_ITEMS)]
                template = _template(Source(page, "en", gold), others, rng)
    assert template is not None, "no dragnet page gives a template"
    return sentences, template


def scale_pages(sentences: list[str], template: Template, count: int) -> Iterator[str]:
    """``count`` distinct dumps of one site: its template, articles of shuffled sentences."""
    rng = random.Random(SEED)
    for _ in range(count):
        title = rng.choice(sentences)
        paragraphs = tuple(" ".join(rng.sample(sentences, 3)) for _ in range(8))
        yield SyntheticPage("scale.example", Article(title, paragraphs), template).dump()


def scale(data: Path, count: int, timed: int, folder_pages: int, jobs: int) -> list[str]:
    sentences, template = _scale_material(data)
    setup = SiteSetup(mode=SiteKey.NONE)
    counts = SiteCounts()
    before_mb = _rss_mb()
    start = time.process_time()
    for text in scale_pages(sentences, template, count):
        found = print_page(text, Kind.TEXT, None, "", setup)
        if found is not None:
            counts.add(found)
    run = site_run(counts, setup)
    count_s = time.process_time() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    options = Options(kind=Kind.TEXT)
    plain_s = learned_s = 0.0
    for text in scale_pages(sentences, template, timed):  # interleaved: load drifts alike
        start = time.process_time()
        clean(text, options=options)
        middle = time.process_time()
        clean(text, options=options, site=run.evidence(text, Kind.TEXT, None, ""))
        plain_s, learned_s = plain_s + middle - start, learned_s + time.process_time() - middle
    per_count = count_s / count
    ratio = (per_count * timed + learned_s) / plain_s
    return [f"{count} distinct pages of one site (dumps of {len(template.lines)} template "
            f"lines and 8 paragraphs): count pass {count_s:.1f} s ({per_count * 1000:.2f} ms "
            f"a page, making the pages included), {len(counts.table)} distinct fingerprints; "
            f"the process's peak memory {peak_mb:.0f} MB ({before_mb:.0f} MB before the pass).",
            f"Cleaning {timed} of them in this process: {plain_s / timed * 1000:.2f} ms a page "
            f"without site learning, {learned_s / timed * 1000:.2f} ms with evidence; count "
            f"pass + cleaning with evidence = {ratio:.2f}x cleaning without.",
            folder_timing(sentences, template, folder_pages, jobs)]


def folder_timing(sentences: list[str], template: Template, pages: int, jobs: int
                  ) -> str:
    """The CLI on a folder of ``pages`` synthetic dumps (in a temporary folder), with and
    without site learning (each cleaning every page: ``--force``), wall-clock."""
    times = {}
    with tempfile.TemporaryDirectory(prefix="declutter-sites-") as folder:
        for number, text in enumerate(scale_pages(sentences, template, pages)):
            Path(folder, f"page{number:06d}.txt").write_text(text, encoding="utf-8")
        for name, extra in (("without", ["--no-site"]), ("with", []), ("without", ["--no-site"]),
                            ("with", [])):
            start = time.perf_counter()
            with contextlib.redirect_stderr(io.StringIO()):
                cli.main([folder, "--force", "-j", str(jobs), *extra])
            times[name] = min(times.get(name, float("inf")), time.perf_counter() - start)
    return (f"The CLI on a folder of {pages} of these pages, --jobs {jobs} (best of two): "
            f"{times['without']:.1f} s with --no-site, {times['with']:.1f} s with site "
            f"learning = {times['with'] / times['without']:.2f}x.")


def _rss_mb() -> float:
    """The process's resident memory now (Linux), in MB; 0 where unknown."""
    try:
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[1]) * resource.getpagesize() / (1 << 20)
    except OSError:
        return 0.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m declutter.bench.sites",
                                     description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--part", choices=("portal", "synthetic", "scale", "all"),
                        default="all")
    parser.add_argument("--pages", type=int, default=100_000, help="scale: pages counted")
    parser.add_argument("--timed", type=int, default=2000, help="scale: pages cleaned")
    parser.add_argument("--folder", type=int, default=2000,
                        help="scale: pages of the folder the CLI cleans")
    parser.add_argument("--jobs", type=int, default=2, help="scale: the CLI's --jobs")
    args = parser.parse_args(argv)
    try:
        parts = {"portal": lambda: portal(args.data),
                 "synthetic": lambda: synthetic(args.data),
                 "scale": lambda: scale(args.data, args.pages, args.timed, args.folder,
                                        args.jobs)}
        for name, part in parts.items():
            if args.part in (name, "all"):
                print(f"## {name}\n")
                print("\n".join(part()) + "\n", flush=True)
    except bench_data.DataError as exc:
        print(f"declutter.bench.sites: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
