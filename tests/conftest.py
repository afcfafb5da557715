"""Shared helpers for the CLI, runner and file-handling tests: small raw pages on disk."""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

import declutter

ARTICLE = (
    "The city council approved the new budget on Tuesday after a long debate about "
    "public transport, schools and the repair of the old harbour bridge.",
    "Members of the opposition said that the plan was too optimistic about tax income, "
    "but they agreed that the bridge could not wait another winter.",
    "The mayor said the first works would start in spring and that residents would be "
    "told about road closures at least two weeks in advance.",
)

TEXT_PAGE = "\n\n".join(
    [
        "Council approves budget for the harbour bridge",
        "Home | News | Sport | Weather | Contact",
        *ARTICLE,
        "Subscribe to our newsletter",
        "Related articles",
        "Copyright 2024 Example News. All rights reserved.",
    ]
) + "\n"

HTML_PAGE = (
    "<!doctype html><html><head><title>Council approves budget | Example News</title>"
    "</head><body><nav><ul><li><a href='/'>Home</a></li><li><a href='/news'>News</a></li>"
    "<li><a href='/sport'>Sport</a></li></ul></nav><article><h1>Council approves budget"
    "</h1>" + "".join(f"<p>{p}</p>" for p in ARTICLE) + "</article><footer><p>Copyright "
    "2024 Example News. All rights reserved.</p></footer></body></html>\n"
)


@pytest.fixture(scope="session", autouse=True)
def _warm() -> None:
    """Load lexicons once here: forked workers then start warm (keeps the suite fast)."""
    declutter.clean(TEXT_PAGE)
    declutter.clean(HTML_PAGE)


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        content = content.encode("utf-8")
    path.write_bytes(content)
    return path


def variant(n: int) -> str:
    """A distinct text page (so that outputs differ from page to page)."""
    return TEXT_PAGE.replace("Tuesday", f"Tuesday the {n}th").replace("two weeks", f"{n} days")


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file under ``root`` (relative path -> bytes)."""
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and not p.is_symlink()
    }


def listing(folder: Path | str) -> list[str]:
    """The names in ``folder``, sorted, without declutter's hidden stamps (``.NAME.clean.stamp``,
    see ``declutter.stamps``): for tests about which pages and outputs are there."""
    return sorted(n for n in os.listdir(folder) if not n.endswith(".clean.stamp"))


def age(path: Path, seconds: float = 100.0) -> None:
    """Make ``path`` look older than anything written now."""
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns - int(seconds * 1e9)))


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str]):
    """Call ``declutter.cli.main`` and return ``(exit code, stderr lines)``."""
    from declutter.cli import main

    def call(*argv: str | Path) -> tuple[int, list[str]]:
        code = main([str(a) for a in argv])
        return code, capsys.readouterr().err.splitlines()

    return call


@contextmanager
def time_limit(seconds: int, what: str) -> Iterator[None]:
    """Fail with TimeoutError if the body runs longer than ``seconds``: a hang is a bug."""

    def expired(signum, frame):
        raise TimeoutError(f"{what} took longer than {seconds} s")

    old = signal.signal(signal.SIGALRM, expired)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)
