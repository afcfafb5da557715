"""Output naming, discovery and atomic writes (declutter.outputs)."""

from __future__ import annotations

import itertools
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import TEXT_PAGE, write

from declutter.model import Kind
from declutter.outputs import (
    Page,
    Skipped,
    discover,
    is_raw_name,
    output_stems,
    read_raw,
    remove_temps_of,
    sweep_temps,
    write_atomic,
)


@pytest.mark.parametrize(
    "name, raw",
    [
        ("a.txt", True), ("a.html", True), ("a.HTM", True), ("a.xhtml", True),
        ("a.TXT", True), ("a.clean.txt", False), ("a.clean.json", False),
        ("a.expected.txt", False), ("a.Clean.TXT", False), ("a.pdf", False), ("a", False),
        (".a.clean.txt.123.deadbeef.tmp", False), ("a.clean.html", True),
    ],
)
def test_raw_names(name: str, raw: bool) -> None:
    assert is_raw_name(name) is raw


def test_stems_plain_and_colliding() -> None:
    stems = output_stems(["a.txt", "a.html", "b.txt", "c.htm", "b.clean.txt", "x.expected.txt"])
    assert stems == {"a.txt": "a.txt", "a.html": "a.html", "b.txt": "b", "c.htm": "c"}


def test_stems_long_name_of_one_is_short_name_of_another() -> None:
    # a.txt.html's short stem "a.txt" is a.txt's long stem: all three keep whole names.
    stems = output_stems(["a.txt", "a.txt.html", "a.html"])
    assert stems == {"a.txt": "a.txt", "a.txt.html": "a.txt.html", "a.html": "a.html"}
    # Alone with a.txt (no a.html), a.txt.html still may not take "a.txt".
    stems = output_stems(["a.txt", "a.txt.html"])
    assert len({s.casefold() for s in stems.values()}) == 2
    assert stems["a.txt.html"] == "a.txt.html"


def test_stems_case_insensitive() -> None:
    assert output_stems(["A.txt", "a.html"]) == {"A.txt": "A.txt", "a.html": "a.html"}


@pytest.mark.parametrize("names", [["a.txt", "a.html", "a.txt.html", "b.htm", "B.txt", "c.txt"]])
def test_stems_unique_and_independent_of_order(names: list[str]) -> None:
    results = {tuple(sorted(output_stems(p).items())) for p in itertools.permutations(names)}
    assert len(results) == 1
    stems = dict(results.pop())
    assert len({s.casefold() for s in stems.values()}) == len(names)


def test_discover_walks_in_order_and_skips_hidden_and_outputs(tmp_path: Path) -> None:
    for name in ["b.txt", "a.html", "sub/c.htm", "sub/deeper/d.xhtml", "x.clean.txt",
                 "x.clean.json", "y.expected.txt", ".hidden.txt", ".git/e.txt", "notes.md"]:
        write(tmp_path / name, TEXT_PAGE)
    pages = [p for p in discover(str(tmp_path)) if isinstance(p, Page)]
    rel = [os.path.relpath(p.raw, tmp_path) for p in pages]
    assert rel == ["a.html", "b.txt", "sub/c.htm", "sub/deeper/d.xhtml"]
    assert [p.kind for p in pages] == [Kind.HTML, None, Kind.HTML, Kind.HTML]
    for page in pages:
        assert os.path.dirname(page.out) == os.path.dirname(page.raw)
        assert os.path.dirname(page.explain) == os.path.dirname(page.raw)


def test_single_file_named_like_in_its_folder(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", TEXT_PAGE)
    write(tmp_path / "a.html", TEXT_PAGE)
    (page,) = discover(str(tmp_path / "a.txt"))
    assert page.out == str(tmp_path / "a.txt.clean.txt")


def test_explicit_non_page_is_noted(tmp_path: Path) -> None:
    write(tmp_path / "a.clean.txt", "x")
    (found,) = discover(str(tmp_path / "a.clean.txt"))
    assert isinstance(found, Skipped) and "not a raw page" in found.reason


def test_write_atomic_replaces_and_leaves_no_temp(tmp_path: Path) -> None:
    target = tmp_path / "a.clean.txt"
    write_atomic(str(target), b"one")
    write_atomic(str(target), b"two")
    assert target.read_bytes() == b"two"
    assert os.listdir(tmp_path) == ["a.clean.txt"]
    assert (target.stat().st_mode & 0o777) == 0o666 & ~_umask()


def test_write_atomic_failure_leaves_no_temp(tmp_path: Path) -> None:
    (tmp_path / "a.clean.txt").mkdir()  # a directory where the output goes
    with pytest.raises(OSError):
        write_atomic(str(tmp_path / "a.clean.txt"), b"x")
    assert os.listdir(tmp_path) == ["a.clean.txt"]


def test_write_atomic_replaces_a_symlink_not_its_target(tmp_path: Path) -> None:
    victim = write(tmp_path / "victim", "keep")
    (tmp_path / "a.clean.txt").symlink_to(victim)
    write_atomic(str(tmp_path / "a.clean.txt"), b"new")
    assert victim.read_text() == "keep"
    assert not (tmp_path / "a.clean.txt").is_symlink()


def test_sweep_removes_temps_of_dead_processes_only(tmp_path: Path) -> None:
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True).stdout.strip()
    stale = write(tmp_path / f".a.clean.txt.{dead}.0badf00d.tmp", "partial")
    live = write(tmp_path / f".b.clean.txt.{os.getpid()}.0badf00d.tmp", "in progress")
    sweep_temps(str(tmp_path), os.listdir(tmp_path))
    assert not stale.exists() and live.exists()
    page = Page(str(tmp_path / "b.txt"), str(tmp_path / "b.clean.txt"),
                str(tmp_path / "b.clean.json"), None)
    remove_temps_of(page, os.getpid())
    assert not live.exists()


def test_temps_of_a_killed_unreaped_process_are_swept(tmp_path: Path) -> None:
    proc = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    temp = write(tmp_path / f".a.clean.txt.{proc.pid}.0badf00d.tmp", "partial")
    sweep_temps(str(tmp_path), os.listdir(tmp_path))
    assert temp.exists()  # its writer still runs
    proc.kill()
    time.sleep(0.3)  # killed, a zombie until waited for
    sweep_temps(str(tmp_path), os.listdir(tmp_path))
    proc.wait()
    assert not temp.exists()


def test_read_raw_limits(tmp_path: Path) -> None:
    raw = write(tmp_path / "a.txt", b"x" * 100)
    assert read_raw(str(raw), max_bytes=100, follow_links=False) == b"x" * 100
    from declutter.errors import TooLargeError

    with pytest.raises(TooLargeError, match="100 bytes.*limit of 99"):
        read_raw(str(raw), max_bytes=99, follow_links=False)
    link = tmp_path / "l.txt"
    link.symlink_to(raw)
    with pytest.raises(OSError, match="symbolic link"):
        read_raw(str(link), max_bytes=100, follow_links=False)
    assert read_raw(str(link), max_bytes=100, follow_links=True) == b"x" * 100
    fifo = tmp_path / "f.txt"
    os.mkfifo(fifo)
    with pytest.raises(OSError, match="not a regular file"):
        read_raw(str(fifo), max_bytes=100, follow_links=False)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
