"""Where pages come from and where their outputs go: discovery, naming, atomic writes.

Naming rule. A raw page ``DIR/NAME.EXT`` (EXT one of ``RAW_SUFFIXES``, any case) is
written to ``DIR/NAME.clean.txt`` (and ``DIR/NAME.clean.json`` with ``--explain``).
When that short name is also wanted by another raw page of the same folder (``a.txt``
and ``a.html``; or ``a.txt`` next to ``a.txt.html``, whose short name is the long name
of ``a.txt``), every page involved keeps its whole file name: ``a.txt.clean.txt``,
``a.html.clean.txt``. Names are compared case-insensitively, so the rule also holds on
case-insensitive file systems. The rule depends only on the set of raw file names in the
folder, never on walk order or on which PATHs were given, so cleaning one file or its
whole folder gives the same output names. An output name is built from the raw file's
base name only, so it always lands in the raw file's own folder.

Atomic writes. An output is written to a hidden temporary file in the same folder
(``.NAME.clean.txt.PID.RANDOM.tmp``), flushed and fsynced, then renamed over the output
with ``os.replace``: readers see the old output or the new one, never a partial file.
Temporary files left by a killed process are removed by the next run that walks their
folder (only when the process named in them is gone); they never look like raw pages.
"""

from __future__ import annotations

import errno
import os
import re
import secrets
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from .model import Kind

# The raw page extensions, and the kind each one forces (None: sniffed from the content).
RAW_SUFFIXES: dict[str, Kind | None] = {
    ".txt": None,
    ".html": Kind.HTML,
    ".htm": Kind.HTML,
    ".xhtml": Kind.HTML,
}
CLEAN_SUFFIX = ".clean.txt"
EXPLAIN_SUFFIX = ".clean.json"
# Never inputs: the tool's own outputs and the fixtures' reviewed expected outputs.
NOT_INPUT_SUFFIXES = (CLEAN_SUFFIX, EXPLAIN_SUFFIX, ".expected.txt")
_TEMP_NAME = re.compile(r"\A\..+\.clean\.(?:txt|json)\.(\d+)\.[0-9a-f]+\.tmp\Z", re.DOTALL)


@dataclass(frozen=True, slots=True)
class Page:
    """One raw page to clean and the paths of its outputs (all in the same folder)."""

    raw: str
    out: str
    explain: str
    kind: Kind | None  # forced by the extension; None: sniff the decoded text
    follow: bool = False  # read through a symbolic link (a PATH named on the command line)


class LinkError(OSError):
    """A symbolic link that is not followed (or leads outside the PATH given)."""


def is_raw_name(name: str) -> bool:
    """A file name declutter takes as a raw page (never one of its outputs or a fixture)."""
    lower = name.lower()
    if lower.endswith(NOT_INPUT_SUFFIXES) or _TEMP_NAME.match(name):
        return False
    return os.path.splitext(lower)[1] in RAW_SUFFIXES


def output_stems(names: Iterable[str]) -> dict[str, str]:
    """Map each raw file name of one folder to the stem of its outputs (see module doc)."""
    raw = sorted({n for n in names if is_raw_name(n)})
    short = {n: os.path.splitext(n)[0] for n in raw}
    wanted: dict[str, int] = {}
    for n in raw:
        for key in {short[n].casefold(), n.casefold()}:
            wanted[key] = wanted.get(key, 0) + 1
    # A short stem is safe when no other page wants it, as its short or its long stem.
    return {n: short[n] if wanted[short[n].casefold()] == 1 else n for n in raw}


def page_for(path: str, stem: str, *, follow: bool = False) -> Page:
    folder, name = os.path.split(path)
    if os.sep in stem or stem in ("", ".", ".."):
        raise ValueError(f"unsafe output stem {stem!r} for {name!r}")
    return Page(
        raw=path,
        out=os.path.join(folder, stem + CLEAN_SUFFIX),
        explain=os.path.join(folder, stem + EXPLAIN_SUFFIX),
        kind=RAW_SUFFIXES[os.path.splitext(name.lower())[1]],
        follow=follow,
    )


@dataclass(frozen=True, slots=True)
class Skipped:
    """A path met during discovery that is not cleaned, with the reason (for a notice)."""

    path: str
    reason: str
    failed: bool = False  # pages may be missed (a folder that cannot be listed)


def discover(root: str, *, follow_links: bool = False) -> Iterator[Page | Skipped]:
    """The raw pages under ``root`` (a directory or a file), in a deterministic order.

    Directories are walked recursively in name order; hidden entries (``.name``) are
    left out. Symbolic links met in the walk are not followed unless ``follow_links``,
    and then only when they resolve inside ``root``; a directory is never walked twice,
    so link loops end. ``root`` itself is taken as given, even when it is a link.
    """
    if not os.path.isdir(root):
        name = os.path.basename(root)
        if not is_raw_name(name):
            yield Skipped(root, "not a raw page (.txt, .html, .htm, .xhtml), ignored")
            return
        folder = os.path.dirname(root) or "."
        names = _names(folder)
        sweep_temps(folder, names)
        yield page_for(root, output_stems(names | {name})[name], follow=True)
        return
    top = os.path.realpath(root)
    seen: set[tuple[int, int]] = set()
    yield from _walk(root, top, seen, follow_links)


def _names(folder: str) -> set[str]:
    try:
        return set(os.listdir(folder))
    except OSError:
        return set()


def _walk(
    folder: str, top: str, seen: set[tuple[int, int]], follow: bool
) -> Iterator[Page | Skipped]:
    try:
        st = os.stat(folder)
        if (st.st_dev, st.st_ino) in seen:
            yield Skipped(folder, "directory already walked (symbolic link loop?), ignored")
            return
        seen.add((st.st_dev, st.st_ino))
        with os.scandir(folder) as it:
            entries = sorted(it, key=lambda e: e.name)
    except OSError as exc:
        yield Skipped(folder, f"cannot list directory: {exc.strerror or exc}", failed=True)
        return
    sweep_temps(folder, (e.name for e in entries))
    stems = output_stems(e.name for e in entries)
    subdirs = []
    for entry in entries:
        if entry.name.startswith("."):
            continue
        link = entry.is_symlink()
        if link and not follow:
            if entry.name in stems or _is_dir(entry):
                yield Skipped(entry.path, "symbolic link not followed (see --follow-links)")
            continue
        if link and not _inside(entry.path, top):
            yield Skipped(entry.path, "symbolic link leads outside the PATH given, ignored")
            continue
        if _is_dir(entry):
            subdirs.append(entry.path)
        elif entry.name in stems:
            yield page_for(entry.path, stems[entry.name])
    for sub in subdirs:
        yield from _walk(sub, top, seen, follow)


def _is_dir(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()  # follows a link: only asked where links are followed
    except OSError:
        return False


def _inside(path: str, top: str) -> bool:
    real = os.path.realpath(path)
    return real == top or real.startswith(top.rstrip(os.sep) + os.sep)


def sweep_temps(folder: str, names: Iterable[str]) -> None:
    """Remove the temporary files of processes that are gone (a killed earlier run)."""
    for name in names:
        match = _TEMP_NAME.match(name)
        if match and not _alive(int(match.group(1))):
            try:
                os.unlink(os.path.join(folder, name))
            except OSError:
                pass


def remove_temps_of(page: Page, pid: int) -> None:
    """Remove the temporary files a killed worker ``pid`` left for ``page``."""
    folder = os.path.dirname(page.raw) or "."
    prefixes = tuple(
        f".{os.path.basename(p)}.{pid}." for p in (page.out, page.explain)
    )
    for name in _names(folder):
        if name.startswith(prefixes) and _TEMP_NAME.match(name):
            try:
                os.unlink(os.path.join(folder, name))
            except OSError:
                pass


def _alive(pid: int) -> bool:
    """Whether process ``pid`` still runs (a zombie, killed but not yet reaped, does not)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass
    try:
        with open(f"/proc/{pid}/stat", "rb") as fh:
            state = fh.read().rpartition(b")")[2].split()[:1]
    except OSError:
        # Without /proc (not Linux) trust kill(); with it, the process just ended.
        return not os.path.isdir("/proc/self")
    return state not in ([b"Z"], [b"X"])


def up_to_date(page: Page, *, explain: bool) -> bool:
    """The outputs exist as regular files and are newer than the raw page."""
    try:
        raw = os.stat(page.raw).st_mtime_ns
    except OSError:
        return False
    targets = (page.out, page.explain) if explain else (page.out,)
    for target in targets:
        try:
            st = os.lstat(target)
        except OSError:
            return False
        if not stat.S_ISREG(st.st_mode) or st.st_mtime_ns <= raw:
            return False
    return True


def read_raw(path: str, *, max_bytes: int, follow_links: bool) -> bytes:
    """The bytes of a raw page; ``OSError`` when unreadable, ``TooLargeError`` when big.

    Without ``follow_links`` a path that is (or became) a symbolic link is refused.
    Anything but a regular file (a FIFO, a device) is refused without reading it.
    """
    from .errors import TooLargeError

    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0)
    if not follow_links:
        flags |= getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        if exc.errno == errno.ELOOP and not follow_links:
            raise LinkError(exc.errno, "symbolic link not followed (see --follow-links)") from None
        raise
    with os.fdopen(fd, "rb") as fh:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise OSError(errno.EINVAL, "not a regular file")
        if st.st_size > max_bytes:
            raise TooLargeError(_too_large(st.st_size, max_bytes))
        data = fh.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise TooLargeError(_too_large(len(data), max_bytes))
    return data


def _too_large(size: int, limit: int) -> str:
    return f"page is {size} bytes, over the --max-bytes limit of {limit}; not cleaned"


def write_atomic(path: str, data: bytes) -> None:
    """Write ``data`` to ``path`` so that no reader ever sees a partial file."""
    folder, name = os.path.split(path)
    temp = os.path.join(folder, f".{name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o666)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(temp, path)
    except BaseException:
        try:
            os.unlink(temp)
        except OSError:
            pass
        raise
    _fsync_dir(folder or ".")


def _fsync_dir(folder: str) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
