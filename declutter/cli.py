"""The ``declutter`` command: clean folders of scraped pages, or one page from stdin.

``main(argv) -> int`` does the work and returns the exit code, so tests call it directly;
``entry()`` is the console script. Exit codes are decided in one place, ``EXIT``.
"""

from __future__ import annotations

import argparse
import itertools
import os
import re
import signal
import sys
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from functools import partial
from typing import IO, Any

from . import __version__
from .jsonl import Answer, learn_sites, line_tasks
from .jsonl import answers as stream_answers
from .languages import checked_code
from .limits import DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT, available_cpus, default_jobs
from .options import HTML_EXTRACTORS, Options
from .outputs import (
    CLEAN_SUFFIX,
    EXCLUDED,
    NOT_A_PAGE,
    Page,
    Plan,
    Skipped,
    discover,
    remove_temps_of,
    sweep_tree,
)
from .pipeline import clean
from .render import DEFAULT_FORMAT, FORMATS
from .runner import (
    Failure,
    PageReport,
    Settings,
    clean_data,
    clean_file,
    print_file,
    run_ordered,
)
from .site import MIN_PAGES, MIN_SHARE, profile
from .site.counts import SiteCounts
from .site.key import SiteKey
from .site.learn import SiteRun, SiteSetup, count, enough_pages, site_run
from .warc import is_warc, page_tasks

PROG = "declutter"
# The exit codes, all of them.
EXIT = {"ok": 0, "failed": 1, "usage": 2, "interrupted": 130, "terminated": 143}

EPILOG = f"""\
pages:
  A file is a page by its name (.txt, .html, .htm, .xhtml, any case, and those
  names with .gz: decompressed, --max-bytes applied after), or by its content: HTML
  in a server-side page name (.php, .asp, .aspx, .shtml, .jsp, .cfm ...) or a name
  without extension, as wget mirrors leave them (a URL query is no extension:
  item.aspx?id=3). --include GLOB takes more files, --exclude GLOB leaves files and
  folders out (a GLOB with / matches the path below the PATH, else the name). The
  summary counts the files passed over ("412 files not pages: use --include GLOB").

outputs:
  A page DIR/NAME.EXT is cleaned to DIR/NAME{CLEAN_SUFFIX} beside it (--format
  markdown: NAME.clean.md; json: NAME.clean.record.json), and DIR/NAME.clean.json
  with --explain; the raw file is never changed. -o OUT writes them into OUT
  instead, mirroring each PATH's tree (OUT inside a PATH is not walked). When
  another page in the same folder wants the same output name (a.txt and a.html),
  every page involved keeps its whole name: a.txt{CLEAN_SUFFIX}, a.html{CLEAN_SUFFIX}.
  The rule depends only on the names in the folder, not on the walk order or on the
  PATHs given. Never taken as input: declutter's outputs (*.clean.txt, *.clean.md,
  *.clean.record.json, *.clean.json), *.expected.txt, and hidden files and folders
  (.name) met while walking a directory. A .txt page holding HTML is read as HTML.

re-runs:
  Beside its outputs a page gets a hidden stamp, .NAME.clean.stamp: the SHA-256 of
  its bytes, the options that shape the outputs (--format, --explain, --no-title,
  --language, --html-extractor, --no-learned and the learned model) and the declutter
  version. A page is skipped only
  when all three are unchanged and its outputs are there (--force redoes it); the
  summary says why pages were redone: no stamp, version changed, options changed,
  site evidence changed (the site counts a page was cleaned with), output missing, raw
  changed. Outputs are written to a hidden temporary file and
  renamed, the stamp last, so a killed run leaves no partial output; the next run
  removes its temporary files and finishes the job.

streams (--jsonl, WARC):
  One JSON line per record, in input order, to stdout or -o FILE: a cleaned page
  {{id, ...fields passed through..., text, title, language, kind, page_type}} (--format
  markdown: text in Markdown; json: every metadata field too), or an error record
  ({{id, line, error}} for JSON Lines; {{id, url, warc_record_id, warc_date, error}} for
  WARC), each error also on stderr as "{PROG}: PATH:LINE: reason". --jobs, --timeout
  and --max-bytes apply per record. Exit status 1 when any record failed.

site templates:
  Folders, JSON Lines and WARC runs take two passes. The first counts, for each
  site, on how many pages each block stands (64-bit fingerprints of its normalised
  text; near-duplicate pages, those sharing most of their long blocks, count once);
  the second cleans each page with those counts: a block seen on at least
  {MIN_PAGES} pages and {MIN_SHARE:.0%} of its site's pages is a template block
  (site_template in --explain: "seen on 37 of 40 pages of example.org"). A page's
  site (--site-key auto): the host of its record's url (JSON Lines, WARC), else of its
  canonical or og:url (HTML) or a URL line at its top (a dump), else its folder below
  the PATH (a stream: its file). Sites of fewer than {MIN_PAGES} pages, single pages and
  stdin are cleaned as without it. --site-profile FILE adds the counts saved in FILE
  (if it exists) and saves the sum back to it.

links:
  Symbolic links met in a walk are not followed unless --follow-links, and then only
  when they stay inside the PATH given; a PATH named on the command line is used even
  when it is a link.

limits:
  The defaults fit together: a page needs up to about 24 times its size in memory
  and up to about 5 s per MB (the worst kinds measured), so --timeout is 1.5 times
  the time of a --max-bytes page, and --jobs is at most the number of such pages'
  worst case that half the available memory holds.

exit status:
  0 every page cleaned or up to date; 1 some page failed (each named on stderr as
  "{PROG}: PATH: reason"); 2 usage error (bad option, missing PATH); 130 interrupted
  (Ctrl-C) and 143 terminated (SIGTERM), both after the summary of what was done.
"""


class UsageError(Exception):
    """A command line that cannot be run (exit code 2)."""


class _Terminated(KeyboardInterrupt):
    """SIGTERM: stop like Ctrl-C, with its own exit code."""


@dataclass
class Tally:
    """What a run did, for the one summary line and the exit code."""

    cleaned: int = 0
    skipped: int = 0
    failed: int = 0
    not_done: int | None = 0  # None: unknown (a stream, read as it goes)
    removed: Counter[str] = field(default_factory=Counter)
    redone: Counter[str] = field(default_factory=Counter)  # why pages cleaned before were again
    passed: Counter[str] = field(default_factory=Counter)  # files not taken, per reason
    stopped: str | None = None  # "interrupted" / "terminated"

    def summary(self, what: str = "") -> str:
        what = f" {what}" if what else ""
        line = f"{self.cleaned}{what} cleaned"
        if self.redone:
            reasons = ", ".join(f"{n} {why}" for why, n in _by_count(self.redone))
            line += f" ({sum(self.redone.values())} redone: {reasons})"
        line += f", {self.skipped} skipped, {self.failed} failed"
        if self.stopped:
            left = "the rest" if self.not_done is None else self.not_done
            line += f", {left} not done ({self.stopped})"
        others, excluded = self.passed[NOT_A_PAGE], self.passed[EXCLUDED]
        if others:
            files = "1 file not a page" if others == 1 else f"{others} files not pages"
            line += f"; {files}: use --include GLOB"
        if excluded:
            line += f"; {excluded} file{'s' if excluded > 1 else ''} excluded (--exclude)"
        if self.removed:
            line += "; removed: " + ", ".join(f"{rule} {n}" for rule, n in _by_count(self.removed))
        return line

    def exit_code(self) -> int:
        if self.stopped:
            return EXIT[self.stopped]
        return EXIT["failed"] if self.failed else EXIT["ok"]


def _by_count(counts: Counter[str]) -> list[tuple[str, int]]:
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog=PROG,
        description="Strip boilerplate from scraped web pages (HTML and plain-text dumps).",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("paths", nargs="+", metavar="PATH",
                   help="a raw page, a folder to walk, or - for one page on stdin "
                        "(clean text on stdout); put -- before names starting with -")
    p.add_argument("-j", "--jobs", type=_positive_int, default=None, metavar="N",
                   help="worker processes (default: the CPUs, here "
                        f"{available_cpus()}, fewer where the available memory would not "
                        "hold that many pages of --max-bytes; see limits below)")
    p.add_argument("--timeout", type=_seconds, default=DEFAULT_TIMEOUT, metavar="SECONDS",
                   help="stop a page after this long and count it failed; 0: no limit "
                        "(default: %(default)g)")
    p.add_argument("--max-bytes", type=_size, default=DEFAULT_MAX_BYTES, metavar="N",
                   help="fail pages larger than N bytes (suffixes K, M, G allowed; "
                        f"default: {DEFAULT_MAX_BYTES >> 20}M)")
    p.add_argument("--explain", action="store_true",
                   help="also write NAME.clean.json: every block, kept or removed, and why")
    p.add_argument("-f", "--force", action="store_true",
                   help="clean pages whose outputs are already up to date")
    p.add_argument("--format", choices=FORMATS, default=DEFAULT_FORMAT, dest="fmt",
                   help="output format: txt (clean text), markdown (headings, lists, tables, "
                        "quotes, code kept), json (text and the page's metadata: title, "
                        "author, date_published, site_name, canonical_url, description, "
                        "language, page_type); for streams, the records' text, json adding "
                        "the metadata fields (default: %(default)s)")
    p.add_argument("--include", action="append", default=[], metavar="GLOB",
                   help="also take files matching GLOB as pages, whatever their name (a GLOB "
                        "with / matches the path below the PATH, else the file name); "
                        "repeatable")
    p.add_argument("--exclude", action="append", default=[], metavar="GLOB",
                   help="never take files (nor walk folders) matching GLOB; repeatable")
    p.add_argument("--follow-links", action="store_true",
                   help="follow symbolic links inside the PATHs given")
    p.add_argument("--language", metavar="CODE", type=_language,
                   help="force the language (ISO 639-1, e.g. it; ISO 639-3 where a language "
                        "has none; a wrong code lists the known ones); default: detected")
    p.add_argument("--no-title", action="store_true", help="leave the title out of the text")
    p.add_argument("--no-learned", action="store_true",
                   help="HTML pages: the rules and assembler decide alone, without the "
                        "learned block scorer")
    p.add_argument("--html-extractor", choices=HTML_EXTRACTORS, default="declutter",
                   help="who chooses an HTML page's content: declutter's own extractor, "
                        "or trafilatura, then declutter's rules (default: %(default)s)")
    p.add_argument("--no-site", action="store_true",
                   help="no count pass: clean each page alone, without what its site's "
                        "other pages show (see site templates below)")
    p.add_argument("--site-key", choices=[key.value for key in SiteKey], default="auto",
                   help="a page's site: its address's host, else its folder (auto); only "
                        "its host; only its folder; none: every page on one site "
                        "(default: %(default)s)")
    p.add_argument("--site-profile", metavar="FILE",
                   help="site counts learned before (FILE, if it exists) are added to this "
                        "run's, and the sum saved to FILE (refused if made by another "
                        "version or with another --site-key or --html-extractor)")
    p.add_argument("--jsonl", action="store_true",
                   help="each PATH (- for stdin; .gz, .bz2, .xz decompressed) is JSON Lines "
                        "of {id, html|text, ...} records; write one JSON line per record "
                        "(other fields passed through; failures as {id, line, error})")
    p.add_argument("--warc", action="store_true",
                   help="each PATH (- for stdin) is a WARC archive, as PATHs ending in "
                        ".warc or .warc.gz are: one JSON line per HTML response record")
    p.add_argument("-o", "--output", metavar="FILE|DIR",
                   help="with --jsonl or WARC input: write the JSON lines to FILE (default: "
                        "stdout); with page folders: write the outputs into DIR, mirroring "
                        "each PATH's tree, e.g. for read-only raw folders (default: beside "
                        "each raw page)")
    p.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    return p


def main(argv: list[str] | None = None) -> int:
    """Run the command line ``argv`` (default: ``sys.argv[1:]``); return the exit code."""
    try:
        args = build_parser().parse_args(argv)
    except SystemExit as exc:  # --help, --version, or a usage error already printed
        return exc.code if isinstance(exc.code, int) else EXIT["usage"]
    if args.jobs is None:  # the CPUs, fewer where memory is short (``declutter.limits``)
        args.jobs = default_jobs(args.max_bytes)
    if args.jsonl or args.warc or all(is_warc(path) for path in args.paths):
        try:
            return _run_stream(args)
        except UsageError as exc:
            _say(str(exc))
            return EXIT["usage"]
    if any(is_warc(path) for path in args.paths):
        _say("WARC archives and page folders cannot be mixed in one run (or use --jsonl)")
        return EXIT["usage"]
    tally = Tally()
    try:
        with _sigterm_stops():
            _run(args, tally)
    except UsageError as exc:
        _say(str(exc))
        return EXIT["usage"]
    except KeyboardInterrupt as exc:
        tally.stopped = "terminated" if isinstance(exc, _Terminated) else "interrupted"
    _say(tally.summary())
    return tally.exit_code()


def _options(args: argparse.Namespace) -> Options:
    return Options(
        language=args.language,
        keep_title=not args.no_title,
        html_extractor=args.html_extractor,
        learned=not args.no_learned,
    )


def _run_stream(args: argparse.Namespace) -> int:
    """JSON Lines or WARC PATHs -> one JSON line per record (stdout or ``-o FILE``);
    failures also on stderr; exit 1 when any record failed."""
    tally = Tally(not_done=None)
    max_bytes = args.max_bytes

    def tasks() -> Iterator[Any]:
        return itertools.chain.from_iterable(
            (page_tasks if is_warc(path) or args.warc else line_tasks)(
                path, shown(path), max_bytes)
            for path in args.paths
        )

    try:
        with _sigterm_stops(), _output(args.output) as out:
            site = _learn_stream(args, tasks)
            answers = stream_answers(tasks(), options=_options(args), jobs=args.jobs,
                                     timeout=args.timeout or None, fmt=args.fmt, site=site)
            for answer in answers:
                out.write(answer.line)
                _count_answer(tally, answer)
    except KeyboardInterrupt as exc:
        tally.stopped = "terminated" if isinstance(exc, _Terminated) else "interrupted"
    except OSError as exc:  # the reader went away (``| head``), a full disk...
        _say(f"cannot write the output: {exc.strerror or exc}")
        sys.stdout = open(os.devnull, "w")  # nothing more to flush at exit
        tally.failed += 1
    _say(tally.summary("records"))
    return tally.exit_code()


def _site_setup(args: argparse.Namespace) -> SiteSetup:
    return SiteSetup(mode=SiteKey(args.site_key), html_extractor=args.html_extractor)


def _known_sites(args: argparse.Namespace, setup: SiteSetup) -> SiteCounts | None:
    """The counts of ``--site-profile FILE`` where it exists (refused: a usage error)."""
    if not args.site_profile or not os.path.exists(args.site_profile):
        return None
    try:
        return profile.load(args.site_profile, setup)
    except profile.ProfileError as exc:
        raise UsageError(f"--site-profile {exc}") from None


def _learned(args: argparse.Namespace, setup: SiteSetup, counts: SiteCounts) -> SiteRun:
    """The count pass's result; saved to ``--site-profile FILE`` where given."""
    if args.site_profile:
        try:
            profile.save(args.site_profile, counts, setup)
        except OSError as exc:
            raise UsageError(f"--site-profile {shown(args.site_profile)}: cannot write: "
                             f"{exc.strerror or exc}") from None
    return site_run(counts, setup)


def _learn_stream(args: argparse.Namespace, tasks: Any) -> SiteRun | None:
    """The count pass over the streams (read twice: none for stdin)."""
    if args.no_site or "-" in args.paths:
        return None
    setup = _site_setup(args)
    known = _known_sites(args, setup)
    run = learn_sites(tasks(), setup, known=known, jobs=args.jobs,
                      timeout=args.timeout or None)
    return _learned(args, setup, run.counts)


def _learn_folders(args: argparse.Namespace, settings: Settings, todo: list[Page],
                   timeout: float | None) -> SiteRun | None:
    """The count pass over the pages of a folder run (none for fewer pages than a site
    needs, unless a profile brings counts)."""
    if args.no_site:
        return None
    setup = _site_setup(args)
    known = _known_sites(args, setup)
    if not enough_pages(len(todo), setup, known):
        return None
    work = partial(print_file, settings=settings, setup=setup)
    counts = count(run_ordered(work, todo, jobs=args.jobs, timeout=timeout), known)
    return _learned(args, setup, counts)


def _count_answer(tally: Tally, answer: Answer) -> None:
    if answer.error:
        tally.failed += 1
        _say(f"{answer.where}: {answer.error}")
    elif answer.skipped:
        tally.skipped += 1
    else:
        tally.cleaned += 1


@contextmanager
def _output(path: str | None) -> Iterator[IO[bytes]]:
    """Where the answers go: stdout, or FILE written whole or not at all (a temporary
    file beside it, renamed at the end; removed when the run stops early)."""
    if path is None or path == "-":
        out = sys.stdout.buffer
        yield out
        out.flush()
        return
    folder, name = os.path.split(os.path.abspath(path))
    temp = os.path.join(folder, f".{name}.{os.getpid()}.tmp")
    try:
        with open(temp, "wb") as out:
            yield out
        os.replace(temp, path)
    finally:
        if os.path.exists(temp):
            os.unlink(temp)


def entry() -> None:
    sys.exit(main())


# --- running -------------------------------------------------------------------------


def _run(args: argparse.Namespace, tally: Tally) -> None:
    settings = Settings(
        options=_options(args),
        explain=args.explain,
        max_bytes=args.max_bytes,
        follow_links=args.follow_links,
    )
    timeout = args.timeout or None
    if "-" in args.paths:
        if len(args.paths) > 1:
            raise UsageError("- (stdin) cannot be combined with other PATHs")
        if args.explain:
            raise UsageError("--explain needs file PATHs, not - (stdin)")
        if args.output is not None:
            raise UsageError("-o needs file PATHs (or --jsonl), not - (stdin)")
        _run_stdin(replace(settings, fmt=args.fmt), timeout, tally)
        return
    for path in args.paths:
        if not os.path.exists(path):
            raise UsageError(f"{shown(path)}: no such file or directory")
    settings = replace(settings, fmt=args.fmt, force=args.force)
    plan = Plan(fmt=args.fmt, out_dir=_out_dir(args.output), include=tuple(args.include),
                exclude=tuple(args.exclude))
    todo = list(_pages(args.paths, settings.follow_links, plan, tally))
    tally.not_done = len(todo)
    settings = replace(settings, site=_learn_folders(args, settings, todo, timeout))
    work = partial(clean_file, settings=settings, clean_fn=clean)
    arrived: dict[int, Any] = {}  # outcomes in, not yet counted (they are counted in order)
    try:
        with _progress(len(todo)) as tick:
            for index, outcome in run_ordered(work, todo, jobs=args.jobs, timeout=timeout,
                                              on_done=tick, on_result=arrived.__setitem__):
                _settle(tally, todo[index], arrived.pop(index, outcome), args.follow_links)
    finally:  # stopped: pages finished meanwhile still count
        for index in sorted(arrived):
            _settle(tally, todo[index], arrived[index], args.follow_links)


def _settle(tally: Tally, page: Page, outcome: Any, follow_links: bool) -> None:
    if isinstance(outcome, Failure) and outcome.pid is not None:
        remove_temps_of(page, outcome.pid, follow_links=follow_links)
    _count(tally, page.raw, outcome)


def _out_dir(output: str | None) -> str:
    """The -o folder, made if missing ("" without -o)."""
    if not output:
        return ""
    try:
        os.makedirs(output, exist_ok=True)
    except OSError as exc:
        reason = exc.strerror or exc
        raise UsageError(f"-o {shown(output)}: cannot make the folder: {reason}") from None
    sweep_tree(output)  # temporary files of a killed earlier run
    return output


def _pages(paths: list[str], follow_links: bool, plan: Plan, tally: Tally) -> Iterator[Page]:
    """The pages under every PATH, in order, each once; notices for what is left out
    (a folder that cannot be listed counts as a failure: its pages would be missed)."""
    seen: set[str] = set()
    for path in paths:
        for found in discover(path, follow_links=follow_links, plan=plan):
            if isinstance(found, Skipped):
                if found.counted:
                    tally.passed[found.counted] += 1
                elif found.failed:
                    tally.failed += 1
                    _say(f"{shown(found.path)}: {found.reason}")
                else:
                    _say(f"note: {shown(found.path)}: {found.reason}")
                continue
            key = os.path.normpath(os.path.abspath(found.raw))
            if key not in seen:
                seen.add(key)
                yield found


def _run_stdin(settings: Settings, timeout: float | None, tally: Tally) -> None:
    data = sys.stdin.buffer.read(settings.max_bytes + 1)
    tally.not_done = 1
    if len(data) > settings.max_bytes:
        outcome: Any = PageReport(
            ok=False, reason=f"page is over the --max-bytes limit of {settings.max_bytes}"
        )
    else:
        work = partial(clean_data, settings=settings, clean_fn=clean)
        outcome = next(run_ordered(work, [data], jobs=1, timeout=timeout))[1]
    if isinstance(outcome, PageReport) and outcome.ok and outcome.text is not None:
        try:
            _write_stdout(outcome.text)
        except OSError as exc:  # the reader went away (``| head``), a full disk...
            outcome = PageReport(ok=False, reason=f"cannot write to stdout: {exc.strerror}")
            sys.stdout = open(os.devnull, "w")  # nothing more to flush at exit
    _count(tally, "-", outcome)


def _write_stdout(text: str) -> None:
    out = getattr(sys.stdout, "buffer", None)
    if out is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    sys.stdout.flush()
    out.write(text.encode("utf-8"))
    out.flush()


def _count(tally: Tally, path: str, outcome: Any) -> None:
    tally.not_done -= 1
    if isinstance(outcome, PageReport) and outcome.ok:
        if outcome.skipped:
            tally.skipped += 1
            return
        tally.cleaned += 1
        tally.removed.update(outcome.removed)
        if outcome.redone:
            tally.redone[outcome.redone] += 1
        return
    tally.failed += 1
    reason = outcome.reason if isinstance(outcome, (PageReport, Failure)) else str(outcome)
    _say(f"{shown(path)}: {reason}")


# --- small helpers -------------------------------------------------------------------

_BAR: Any = None


def _say(message: str) -> None:
    """One message line on stderr (above the progress bar when one is drawn)."""
    line = f"{PROG}: {message}"
    if _BAR is not None:
        _BAR.write(line, file=sys.stderr)
    else:
        print(line, file=sys.stderr, flush=True)


@contextmanager
def _progress(total: int) -> Iterator[Any]:
    global _BAR
    if not total or not _isatty(sys.stderr):
        yield lambda: None
        return
    from tqdm import tqdm

    with tqdm(total=total, unit="page", file=sys.stderr, leave=False, dynamic_ncols=True) as bar:
        _BAR = tqdm  # tqdm.write prints above the bar
        try:
            yield bar.update
        finally:
            _BAR = None


def _isatty(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


@contextmanager
def _sigterm_stops() -> Iterator[None]:
    """SIGTERM stops the run like Ctrl-C does (workers stopped, summary printed)."""
    def handler(signum: int, frame: Any) -> None:
        raise _Terminated()

    try:
        previous = signal.signal(signal.SIGTERM, handler)
    except ValueError:  # not the main thread: leave signals alone
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


_UNPRINTABLE = re.compile("[\x00-\x1f\x7f\udc80-\udcff]")


def shown(path: str) -> str:
    """A path as printed on one line: control characters (newlines...) and bytes that
    are not UTF-8 (kept by Python as lone surrogates) escaped as ``\\n``, ``\\xe9``."""
    return _UNPRINTABLE.sub(_escape, path)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code >= 0xDC80:
        return f"\\x{code - 0xDC00:02x}"
    return repr(match.group())[1:-1]


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1: {text!r}")
    return value


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {text!r}") from None
    if not value >= 0 or value == float("inf"):
        raise argparse.ArgumentTypeError(f"must be 0 (no limit) or more: {text!r}")
    return value


def _language(text: str) -> str:
    try:
        return checked_code(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


_UNITS = {"": 1, "K": 1 << 10, "M": 1 << 20, "G": 1 << 30}


def _size(text: str) -> int:
    match = re.fullmatch(r"\s*(\d+)\s*([KMG]?)(?:I?B)?\s*", text, re.IGNORECASE)
    if not match:
        raise argparse.ArgumentTypeError(f"not a size in bytes: {text!r}")
    value = int(match.group(1)) * _UNITS[match.group(2).upper()]
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1 byte: {text!r}")
    return value


__all__ = ["EXIT", "UsageError", "build_parser", "entry", "main"]
