"""Hostile conditions: runaway pages, unreadable files, read-only folders, links, odd
names, a run killed with SIGKILL part-way, Ctrl-C.

Running as root: root reads chmod 000 files and writes into read-only folders, so those
two cases run ``main`` in a forked child that has dropped to the ``nobody`` user, in a
folder under /tmp that ``nobody`` owns. A directory sitting at an output's name forces
a write failure for every user and is tested as well.
"""

from __future__ import annotations

import ctypes
import io
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import TEXT_PAGE, listing, snapshot, variant, write

import declutter
from declutter import cli

LIBC = ctypes.CDLL(None)
NOBODY = 65534
IS_ROOT = os.geteuid() == 0


# --- runaway pages -------------------------------------------------------------------


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_timeout_stops_a_runaway_page(tmp_path: Path, run, monkeypatch, jobs: str) -> None:
    for n in range(4):
        write(tmp_path / f"p{n}.txt", variant(n))

    def runaway(text: str, *, options: declutter.Options) -> declutter.Result:
        if "Tuesday the 1th" in text:
            LIBC.sleep(60)  # stuck in C, as a parser can be
        return declutter.clean(text, options=options)

    monkeypatch.setattr(cli, "clean", runaway)
    start = time.monotonic()
    code, err = run(tmp_path, "--timeout", "1", "--jobs", jobs)
    assert time.monotonic() - start < 15
    assert code == 1
    assert err[0] == (f"declutter: {tmp_path / 'p1.txt'}: took longer than 1 s (--timeout); "
                      "worker stopped")
    assert err[-1].startswith("declutter: 3 cleaned, 0 skipped, 1 failed")
    assert listing(tmp_path) == sorted(
        [f"p{n}.txt" for n in range(4)] + ["p0.clean.txt", "p2.clean.txt", "p3.clean.txt"])


# --- unreadable files, read-only folders ---------------------------------------------


@pytest.fixture
def open_dir() -> Iterator[Path]:
    """A folder that the unprivileged user can use (tmp_path's parents are root-only)."""
    folder = Path(tempfile.mkdtemp(prefix="declutter-test-", dir="/tmp"))
    folder.chmod(0o755)
    try:
        yield folder
    finally:
        for sub in [folder, *folder.rglob("*")]:
            if sub.is_dir() and not sub.is_symlink():
                sub.chmod(0o755)
        shutil.rmtree(folder)


def run_main(argv: list[str], *, unprivileged: bool) -> tuple[int, list[str]]:
    """``main(argv)`` in a forked child, as ``nobody`` when asked; (exit code, stderr)."""
    if not unprivileged:
        out = subprocess.run([sys.executable, "-m", "declutter", *argv], capture_output=True)
        return out.returncode, os.fsdecode(out.stderr).splitlines()
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        code = 99
        try:
            os.close(read_end)
            sys.stderr = io.TextIOWrapper(os.fdopen(write_end, "wb"), write_through=True)
            os.setgroups([])
            os.setgid(NOBODY)
            os.setuid(NOBODY)
            code = cli.main(argv)
        except BaseException as exc:  # report anything to the parent, then leave
            print(f"child failed: {exc!r}", file=sys.stderr)
        finally:
            os._exit(code)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as fh:
        err = fh.read()
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status), os.fsdecode(err).splitlines()


def _own(folder: Path) -> None:
    if IS_ROOT:
        for p in [folder, *folder.rglob("*")]:
            os.chown(p, NOBODY, NOBODY)


def test_unreadable_file_is_reported_and_the_run_goes_on(open_dir: Path) -> None:
    write(open_dir / "a.txt", TEXT_PAGE)
    locked = write(open_dir / "locked.txt", TEXT_PAGE)
    _own(open_dir)
    locked.chmod(0)
    # Warm the child's lazy imports as root: nobody cannot read root's Python install.
    cli.main([str(open_dir / "a.txt"), "--force"])
    code, err = run_main([str(open_dir), "--force"], unprivileged=IS_ROOT)
    assert code == 1, err
    assert err[0] == f"declutter: {open_dir / 'locked.txt'}: cannot read: Permission denied"
    assert err[-1].startswith("declutter: 1 cleaned, 0 skipped, 1 failed")
    assert (open_dir / "a.clean.txt").exists() and not (open_dir / "locked.clean.txt").exists()


def test_read_only_folder_is_reported_and_the_run_goes_on(open_dir: Path) -> None:
    write(open_dir / "ro" / "a.txt", TEXT_PAGE)
    write(open_dir / "rw" / "b.txt", TEXT_PAGE)
    _own(open_dir)
    (open_dir / "ro").chmod(0o555)
    cli.main([str(open_dir / "rw"), "--force"])
    code, err = run_main([str(open_dir), "--force"], unprivileged=IS_ROOT)
    assert code == 1, err
    assert err[0] == (f"declutter: {open_dir / 'ro' / 'a.txt'}: cannot write a.clean.txt: "
                      "Permission denied")
    assert err[-1].startswith("declutter: 1 cleaned, 0 skipped, 1 failed")
    assert os.listdir(open_dir / "ro") == ["a.txt"]
    assert (open_dir / "rw" / "b.clean.txt").exists()


def test_directory_at_the_output_name(tmp_path: Path, run) -> None:
    write(tmp_path / "a.txt", TEXT_PAGE)
    write(tmp_path / "b.txt", TEXT_PAGE)
    (tmp_path / "a.clean.txt").mkdir()
    code, err = run(tmp_path)
    assert code == 1
    assert err[0] == f"declutter: {tmp_path / 'a.txt'}: cannot write a.clean.txt: Is a directory"
    assert (tmp_path / "b.clean.txt").is_file()
    assert listing(tmp_path) == ["a.clean.txt", "a.txt", "b.clean.txt", "b.txt"]
    # An output that is a directory is never "up to date": the page is tried again.
    assert run(tmp_path)[1][-1].startswith("declutter: 0 cleaned, 1 skipped, 1 failed")


def test_fifo_named_like_a_page_does_not_hang(tmp_path: Path, run) -> None:
    os.mkfifo(tmp_path / "pipe.txt")
    write(tmp_path / "a.txt", TEXT_PAGE)
    code, err = run(tmp_path, "--timeout", "5")
    assert code == 1
    assert err[0] == f"declutter: {tmp_path / 'pipe.txt'}: cannot read: not a regular file"


# --- symbolic links ------------------------------------------------------------------


@pytest.fixture
def linked(tmp_path: Path) -> Path:
    root = tmp_path / "root"
    write(root / "a.txt", TEXT_PAGE)
    write(root / "sub" / "b.txt", variant(2))
    write(tmp_path / "outside" / "c.txt", variant(3))
    (root / "link.txt").symlink_to("a.txt")
    (root / "linkdir").symlink_to("sub")
    (root / "out.txt").symlink_to(tmp_path / "outside" / "c.txt")
    (root / "outdir").symlink_to(tmp_path / "outside")
    (root / "sub" / "loop").symlink_to("..")
    return root


def test_links_are_not_followed_by_default(linked: Path, run) -> None:
    code, err = run(linked)
    assert code == 0
    assert err[-1].startswith("declutter: 2 cleaned, 0 skipped, 0 failed")
    assert {line.split(": ")[1] for line in err[:-1]} == {"note"}
    assert (linked / "a.clean.txt").exists() and (linked / "sub" / "b.clean.txt").exists()
    assert not (linked / "link.clean.txt").exists() and not (linked / "out.clean.txt").exists()
    assert os.listdir(linked.parent / "outside") == ["c.txt"]


def test_follow_links_stays_inside_and_ends_loops(linked: Path, run) -> None:
    code, err = run(linked, "--follow-links")
    assert code == 0
    assert err[-1].startswith("declutter: 3 cleaned, 0 skipped, 0 failed")
    assert (linked / "link.clean.txt").read_text() == declutter.clean(TEXT_PAGE).text
    assert (linked / "sub" / "b.clean.txt").exists()
    assert os.listdir(linked.parent / "outside") == ["c.txt"]  # never written outside
    notes = "\n".join(err)
    assert "outside the PATH" in notes and "already walked" in notes


def test_a_link_named_on_the_command_line_is_used(linked: Path, run) -> None:
    assert run(linked / "link.txt")[0] == 0
    assert (linked / "link.clean.txt").exists()


# --- odd names -----------------------------------------------------------------------

ODD = ["with space.txt", "new\nline.txt", "ünïcödé ページ.txt", "-dash.txt", "--long.html",
       "tab\there.htm", "semi;colon'quote\".txt", os.fsdecode(b"caf\xe9.txt")]


def test_odd_names_stay_in_their_folder(tmp_path: Path, run) -> None:
    folder = tmp_path / "odd"
    for n, name in enumerate(ODD):
        write(folder / name, variant(n))
    write(folder / "bad\nname.txt", "")
    code, err = run(folder)
    assert code == 1
    assert err[0] == f"declutter: {folder}/bad\\nname.txt: empty page"  # one line
    for name in ODD:
        stem = name.rsplit(".", 1)[0]
        assert (folder / f"{stem}.clean.txt").is_file(), name
    assert sorted(p.name for p in tmp_path.iterdir()) == ["odd"]
    assert len(listing(folder)) == 2 * len(ODD) + 1


def test_leading_dash_names_after_double_dash(tmp_path: Path, run, monkeypatch) -> None:
    write(tmp_path / "-f.txt", TEXT_PAGE)
    monkeypatch.chdir(tmp_path)
    assert run("--", "-f.txt")[0] == 0
    assert (tmp_path / "-f.clean.txt").exists()


# --- killed runs, Ctrl-C -------------------------------------------------------------

# The real CLI with a pause per page, so that a run can be stopped part-way.
SLOW_CLI = """
import signal, sys, time
import declutter.cli as cli
# Ctrl-C as from a terminal: a job that a shell starts in the background (as a CI runner
# may) inherits SIGINT ignored, and Python then leaves it ignored.
signal.signal(signal.SIGINT, signal.default_int_handler)
real = cli.clean
def slow(text, *, options):
    time.sleep({delay})
    return real(text, options=options)
cli.clean = slow
sys.exit(cli.main(sys.argv[1:]))
"""


def _start_slow(folder: Path, delay: float, *extra: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-c", SLOW_CLI.format(delay=delay), str(folder), "--jobs", "2", *extra],
        stderr=subprocess.PIPE, start_new_session=True,
    )


def _wait_for_outputs(folder: Path, n: int, proc: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 30
    while len(list(folder.rglob("*.clean.txt"))) < n:
        assert proc.poll() is None and time.monotonic() < deadline, "run ended too early"
        time.sleep(0.01)


def _pages(folder: Path, n: int) -> None:
    for i in range(n):
        write(folder / f"d{i % 3}" / f"p{i:03}.txt", variant(i))


@pytest.mark.parametrize("victim", ["group", "parent"])
def test_sigkill_then_rerun_equals_a_clean_run(tmp_path: Path, victim: str) -> None:
    killed, reference = tmp_path / "killed", tmp_path / "reference"
    _pages(killed, 60)
    _pages(reference, 60)
    assert cli.main([str(reference), "--explain"]) == 0
    expected = snapshot(reference)

    proc = _start_slow(killed, 0.03, "--explain")
    _wait_for_outputs(killed, 6, proc)
    if victim == "group":
        os.killpg(proc.pid, signal.SIGKILL)  # the whole run, workers included
    else:
        os.kill(proc.pid, signal.SIGKILL)  # the parent only: workers must leave by themselves
    proc.wait()
    time.sleep(0.5)
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    partial = snapshot(killed)
    visible = {k: v for k, v in partial.items() if not Path(k).name.startswith(".")}
    assert 6 <= len([k for k in visible if k.endswith(".clean.txt")]) < 60
    for name, data in visible.items():
        assert data == expected[name], name  # every output there is whole
    assert "Traceback" not in proc.stderr.read().decode()

    out = subprocess.run([sys.executable, "-m", "declutter", str(killed), "--explain"],
                         capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    summary = out.stderr.splitlines()[-1]
    skipped = re.search(r", (\d+) skipped, ", summary)
    assert skipped and int(skipped.group(1)) >= 1, summary  # the finished pages stay
    assert snapshot(killed) == expected  # byte-identical, no temporary file left


@pytest.mark.parametrize("sig, code, word", [(signal.SIGINT, 130, "interrupted"),
                                             (signal.SIGTERM, 143, "terminated")])
def test_interrupt_stops_cleanly(tmp_path: Path, sig: int, code: int, word: str) -> None:
    _pages(tmp_path, 40)
    proc = _start_slow(tmp_path, 0.1)
    _wait_for_outputs(tmp_path, 2, proc)
    os.killpg(proc.pid, sig) if sig == signal.SIGINT else os.kill(proc.pid, sig)
    assert proc.wait(timeout=20) == code
    err = proc.stderr.read().decode().splitlines()
    assert len(err) == 1, err
    assert f"not done ({word})" in err[0] and " cleaned, 0 skipped, 0 failed" in err[0]
    # every page finished before the stop is counted (issue 14: it undercounted)
    on_disk = len(list(tmp_path.rglob("*.clean.txt")))
    assert int(err[0].split()[1]) == on_disk, (err[0], on_disk)
    cleaned = int(err[0].split()[1])
    outputs = list(tmp_path.rglob("*.clean.txt"))
    # A page may be written the moment the run stops, before its result is counted.
    assert cleaned <= len(outputs) <= cleaned + 2 and cleaned < 40
    temps = [p for p in tmp_path.rglob(".*") if not p.name.endswith(".clean.stamp")]
    assert not temps  # workers removed their temporary files
    with pytest.raises(ProcessLookupError):  # no worker left behind
        for _ in range(50):
            os.killpg(proc.pid, 0)
            time.sleep(0.1)


def test_unlistable_folder_counts_as_failed(open_dir: Path) -> None:
    write(open_dir / "a.txt", TEXT_PAGE)
    write(open_dir / "closed" / "b.txt", TEXT_PAGE)
    _own(open_dir)
    (open_dir / "closed").chmod(0)
    cli.main([str(open_dir / "a.txt"), "--force"])
    code, err = run_main([str(open_dir), "--force"], unprivileged=IS_ROOT)
    assert code == 1, err
    assert err[0] == f"declutter: {open_dir / 'closed'}: cannot list directory: Permission denied"
    assert err[-1].startswith("declutter: 1 cleaned, 0 skipped, 1 failed")


def test_progress_bar_on_a_terminal(tmp_path: Path) -> None:
    import fcntl
    import pty
    import struct
    import termios

    for n in range(5):
        write(tmp_path / f"p{n}.txt", variant(n))
    main_end, term = pty.openpty()
    fcntl.ioctl(term, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    proc = subprocess.Popen([sys.executable, "-m", "declutter", str(tmp_path), "--jobs", "1"],
                            stderr=term)
    os.close(term)
    out = b""
    while True:
        try:
            chunk = os.read(main_end, 4096)
        except OSError:  # the terminal closed
            break
        if not chunk:
            break
        out += chunk
    os.close(main_end)
    assert proc.wait() == 0
    text = out.decode()
    assert "0/5" in text and "page/s" in text
    assert text.endswith("declutter: 5 cleaned, 0 skipped, 0 failed; removed: legal 5, "
                         "navigation 5, newsletter 5, related_list 5\r\n")
