"""``python -m declutter.demo [FOLDER]``: the CLI on a copy of a folder, before and after.

The folder (default ``fixtures``) is copied to a temporary directory, so nothing in it is
written; ``declutter --explain --force`` runs on the copy; then each page is shown with
its language, raw lines/words -> clean lines/words, the first lines of the clean text and,
where a reviewed ``NAME.expected.txt`` sits beside it, how close the output is to it.
The run's summary line comes last.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import shutil
import sys
import tempfile
import textwrap

from .bench.metric import page_score
from .cli import main as cli_main
from .outputs import Page, discover

SHOWN_LINES = 3  # first lines of the clean text shown per page
WIDTH = 100


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m declutter.demo", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", nargs="?", default="fixtures", help="default: %(default)s")
    parser.add_argument("--jobs", default=str(os.cpu_count() or 1), help="worker processes")
    args = parser.parse_args(argv)
    if not os.path.isdir(args.folder):
        print(f"declutter.demo: {args.folder}: not a folder", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="declutter-demo-") as tmp:
        copy = os.path.join(tmp, os.path.basename(os.path.abspath(args.folder)))
        shutil.copytree(args.folder, copy, symlinks=True,
                        ignore=shutil.ignore_patterns("*.clean.txt", "*.clean.json"))
        err = io.StringIO()
        with contextlib.redirect_stderr(err):
            code = cli_main([copy, "--explain", "--force", "--jobs", args.jobs])
        messages = err.getvalue().replace(copy + os.sep, "").splitlines()
        pages = [p for p in discover(copy) if isinstance(p, Page)]
        print(f"declutter demo: {len(pages)} pages from {args.folder}/ (cleaned in a copy)\n")
        for page in pages:
            print(_describe(page, copy))
        for line in messages:  # failures, then the one summary line
            print(line)
    return code


def _describe(page: Page, root: str) -> str:
    name = os.path.relpath(page.raw, root)
    raw = _read(page.raw)
    if not os.path.exists(page.out):
        return f"{name}: failed (see below)\n"
    clean = _read(page.out)
    with open(page.explain, encoding="utf-8") as fh:
        doc = json.load(fh)
    removed = sum(1 for b in doc["blocks"] if not b["kept"])
    head = (
        f"{name}  [{doc['kind']}, {doc['language'] or '?'}]  "
        f"{_lines(raw)} lines / {len(raw.split())} words -> "
        f"{_lines(clean)} lines / {len(clean.split())} words  "
        f"({removed} of {len(doc['blocks'])} blocks removed)"
    )
    expected = page.raw[: -len(os.path.splitext(page.raw)[1])] + ".expected.txt"
    if os.path.exists(expected):
        gold = _read(expected)
        verdict = "identical" if gold == clean else f"F1 {page_score(clean, gold).f1:.3f}"
        head += f"\n    vs {os.path.basename(expected)}: {verdict}"
    shown = [ln for ln in clean.splitlines() if ln.strip()][:SHOWN_LINES]
    body = "\n".join(
        textwrap.shorten(ln, WIDTH - 6, placeholder=" ...") for ln in shown
    ) or "(no text kept)"
    return f"{head}\n{textwrap.indent(body, '    | ')}\n"


def _read(path: str) -> str:
    with open(path, "rb") as fh:
        return fh.read().decode("utf-8", errors="replace")


def _lines(text: str) -> int:
    return sum(1 for ln in text.splitlines() if ln.strip())


if __name__ == "__main__":
    sys.exit(main())
