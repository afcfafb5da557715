"""Where pages come from and where their outputs go: discovery, naming, atomic writes.

Which files are pages: by name or by content (``declutter.sniff``), or by an --include
pattern (``Plan``); the other files are reported as ``Skipped`` with ``counted`` set,
so the run's summary accounts for every file.

Naming rule. A raw page ``DIR/NAME.EXT`` (``a.html``, ``index.php``, ``feed.html.gz``)
is written to ``DIR/NAME`` + the format's suffix (``FORMAT_SUFFIXES``: ``.clean.txt``,
``.clean.md``, ``.clean.record.json``), ``DIR/NAME.clean.json`` with ``--explain`` and
the hidden stamp ``DIR/.NAME.clean.stamp`` (``declutter.stamps``). When that short name
is also wanted by another page of the same folder (``a.txt`` and ``a.html``; or
``a.txt`` next to ``a.txt.html``, whose short name is the long name of ``a.txt``),
every page involved keeps its whole file name: ``a.txt.clean.txt``,
``a.html.clean.txt``. Names are compared case-insensitively, so the rule also holds on
case-insensitive file systems. The rule depends only on the set of file names in the
folder (and the --include patterns), never on walk order or on which PATHs were given,
so cleaning one file or its whole folder gives the same output names. An output name is
built from the raw file's base name only, so it lands in the raw file's own folder, or
with -o OUT in the same place below OUT as that folder is below its PATH.

Atomic writes. An output is written to a hidden temporary file in the same folder
(``.NAME.clean.txt.PID.RANDOM.tmp``, the stem shortened when the whole name would be
longer than a file name may be), flushed and fsynced, then renamed over the output with
``os.replace``: readers see the old output or the new one, never a partial file.
Temporary files left by a killed process are removed by the next run that walks their
folder (only when the process named in them is gone); they never look like raw pages.

Opening by descriptor. Pages are listed first and opened later, so a folder or a page
may have been swapped for a symbolic link in between. Every open of a page and every
write of an output therefore starts from a descriptor of the PATH given (the folder, or
the folder of a file PATH) and opens one component at a time with ``O_NOFOLLOW``
(``openat``-style, ``os.open(..., dir_fd=...)``): no component may be a link, whatever
happens to the tree meanwhile. With ``--follow-links`` the page's real path is resolved
at open time and must lie inside the PATH's real path; it is then opened the same way,
link-free, so a link swapped in after the check is refused too. A file named on the
command line may itself be a link (it is used as given); its folder is not walked.
"""

from __future__ import annotations

import errno
import os
import re
import secrets
import stat
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from . import sniff, stamps
from .decode import SNIFF_BYTES
from .model import Kind
from .stamps import STAMP_SUFFIX, Stamp

# The output of each format (``declutter.render``), and of --explain.
FORMAT_SUFFIXES = {"txt": ".clean.txt", "markdown": ".clean.md", "json": ".clean.record.json"}
CLEAN_SUFFIX = FORMAT_SUFFIXES["txt"]
EXPLAIN_SUFFIX = ".clean.json"
# Never inputs: the tool's own outputs and stamps, and the fixtures' expected outputs.
NOT_INPUT_SUFFIXES = (
    *FORMAT_SUFFIXES.values(), EXPLAIN_SUFFIX, STAMP_SUFFIX, ".expected.txt"
)
_TEMP_NAME = re.compile(
    r"\A\..+\.clean\.(?:txt|md|json|record\.json|stamp)\.(\d+)\.[0-9a-f]+\.tmp\Z", re.DOTALL
)


@dataclass(frozen=True, slots=True)
class Plan:
    """How a run finds pages and names their outputs."""

    fmt: str = "txt"  # the output format: its suffix is ``FORMAT_SUFFIXES[fmt]``
    out_dir: str = ""  # -o DIR: outputs go there, mirroring each PATH's tree ("": beside)
    include: tuple[str, ...] = ()  # --include: also pages, whatever their name
    exclude: tuple[str, ...] = ()  # --exclude: never pages (nor folders walked)


DEFAULT_PLAN = Plan()
# A stamp is one short JSON line; anything bigger is not one.
STAMP_MAX_BYTES = 1 << 16


@dataclass(frozen=True, slots=True)
class Page:
    """One raw page to clean and the paths of its outputs (all in the same folder)."""

    raw: str
    out: str
    explain: str
    kind: Kind | None  # forced by the extension; None: sniff the decoded text
    follow: bool = False  # read through a symbolic link (a PATH named on the command line)
    root: str = ""  # the folder every open starts from ("": the raw page's own folder)
    parts: tuple[str, ...] = ()  # the raw page's path below ``root``, one name per step
    stamp: str = ""  # the stamp beside the outputs (``declutter.stamps``)
    out_root: str = ""  # -o DIR: the outputs' folder is ``parts[:-1]`` below it
    gzipped: bool = False  # a .gz page: decompressed after reading

    def place(self) -> tuple[str, tuple[str, ...]]:
        """``(root, parts)``: where opens start, and the names leading to the raw page."""
        if self.root and self.parts:
            return self.root, self.parts
        return os.path.dirname(self.raw) or ".", (os.path.basename(self.raw),)


class LinkError(OSError):
    """A symbolic link that is not followed (or leads outside the PATH given)."""


def is_output_name(name: str) -> bool:
    """One of declutter's outputs, stamps or temporary files, or a reviewed fixture."""
    return name.lower().endswith(NOT_INPUT_SUFFIXES) or bool(_TEMP_NAME.match(name))


def is_raw_name(name: str) -> bool:
    """A file name declutter takes as a raw page by its name alone (never its outputs)."""
    return not is_output_name(name) and sniff.by_name(name) == "page"


def _candidate(name: str) -> bool:
    """A page by its name, or a name whose content decides (``declutter.sniff``)."""
    return not is_output_name(name) and sniff.by_name(name) != "no"


def output_stems(names: Iterable[str], extra: Iterable[str] = ()) -> dict[str, str]:
    """Map each raw file name of one folder to the stem of its outputs (see module doc).

    The names taken are those that may be pages by their name (pages, or names whose
    content decides) and ``extra`` (pages by an --include pattern); the short stem
    leaves out ``.gz``, a URL query and the extension (``a.php?id=3`` -> ``a``)."""
    raw = sorted({n for n in names if _candidate(n)} | set(extra))
    short = {n: sniff.short_stem(n) for n in raw}
    wanted: dict[str, int] = {}
    for n in raw:
        for key in {short[n].casefold(), n.casefold()}:
            wanted[key] = wanted.get(key, 0) + 1
    # A short stem is safe when no other page wants it, as its short or its long stem.
    return {n: short[n] if wanted[short[n].casefold()] == 1 else n for n in raw}


def page_for(
    path: str,
    stem: str,
    *,
    follow: bool = False,
    root: str = "",
    parts: tuple[str, ...] = (),
    plan: Plan = DEFAULT_PLAN,
) -> Page:
    folder, name = os.path.split(path)
    if os.sep in stem or stem in ("", ".", ".."):
        raise ValueError(f"unsafe output stem {stem!r} for {name!r}")
    if plan.out_dir:  # the same place below DIR as the page's folder below its PATH
        below = parts[:-1] if parts else ()
        folder = os.path.join(plan.out_dir, *below)
    return Page(
        raw=path,
        out=os.path.join(folder, stem + FORMAT_SUFFIXES[plan.fmt]),
        explain=os.path.join(folder, stem + EXPLAIN_SUFFIX),
        kind=sniff.forced_kind(name),
        follow=follow,
        root=root,
        parts=parts,
        stamp=os.path.join(folder, "." + stem + STAMP_SUFFIX),  # hidden: no clutter
        out_root=plan.out_dir,
        gzipped=sniff.inner_name(name)[1],
    )


@dataclass(frozen=True, slots=True)
class Skipped:
    """A path met during discovery that is not cleaned, with the reason (for a notice)."""

    path: str
    reason: str
    failed: bool = False  # pages may be missed (a folder that cannot be listed)
    counted: str = ""  # NOT_A_PAGE / EXCLUDED: counted in the summary, not noted one by one


NOT_A_PAGE = "not a page"
EXCLUDED = "excluded"
_NOT_A_PAGE_NOTE = (
    "not a page (by its name: .txt, .html, .htm, .xhtml, .gz of those; by its content: HTML "
    "in .php, .asp(x), .shtml, .jsp ... or a name without extension); --include takes it"
)


def discover(
    root: str, *, follow_links: bool = False, plan: Plan = DEFAULT_PLAN
) -> Iterator[Page | Skipped]:
    """The raw pages under ``root`` (a directory or a file), in a deterministic order.

    Directories are walked recursively in name order; hidden entries (``.name``) are
    left out. Symbolic links met in the walk are not followed unless ``follow_links``,
    and then only when they resolve inside ``root``; a directory is never walked twice,
    so link loops end. ``root`` itself is taken as given, even when it is a link. Files
    are pages by their name or their content (``declutter.sniff``) or an ``--include``
    pattern; the others are ``Skipped`` with ``counted`` set.
    """
    if not os.path.isdir(root):
        yield from _discover_file(root, plan)
        return
    try:
        root_fd = os.open(root, _DIR_FLAGS)  # the PATH as given, even when it is a link
    except OSError as exc:
        yield Skipped(root, f"cannot list directory: {exc.strerror or exc}", failed=True)
        return
    try:
        walk = _Walk(root, root_fd, os.path.realpath(root), follow_links, set(), plan,
                     _folder_key(plan.out_dir))
        yield from _walk(walk, root, ())
    finally:
        os.close(root_fd)


def _discover_file(path: str, plan: Plan) -> Iterator[Page | Skipped]:
    name = os.path.basename(path)
    folder = os.path.dirname(path) or "."
    if is_output_name(name):
        yield Skipped(path, "not a raw page: one of declutter's outputs, ignored")
        return
    if sniff.matches(plan.exclude, name):
        yield Skipped(path, "excluded by --exclude, ignored")
        return
    verdict = _verdict(name, name, plan, lambda: _head(path, sniff.inner_name(name)[1]))
    if verdict != "page":
        yield Skipped(path, _NOT_A_PAGE_NOTE)
        return
    names = _names(folder)
    sweep_temps(folder, names)
    stem = output_stems(names | {name}, extra={name})[name]
    yield page_for(path, stem, follow=True, root=folder, parts=(name,), plan=plan)


def _verdict(name: str, relative: str, plan: Plan, head: Callable[[], bytes]) -> str:
    """"page", EXCLUDED or NOT_A_PAGE for a file that is none of declutter's outputs;
    ``head`` reads its first bytes, only where the name does not decide."""
    if sniff.matches(plan.exclude, relative):
        return EXCLUDED
    if sniff.matches(plan.include, relative):
        return "page"
    by_name = sniff.by_name(name)
    if by_name == "sniff":
        return "page" if sniff.is_html(head()) else NOT_A_PAGE
    return "page" if by_name == "page" else NOT_A_PAGE


def _head(path: str, gzipped: bool, dir_fd: int | None = None) -> bytes:
    """The first bytes of the page in file ``path`` (b"" when it cannot be read or is no
    regular file: a FIFO is never waited on)."""
    flags = _READ_FLAGS | (_NOFOLLOW if dir_fd is not None else 0)
    try:
        fd = os.open(path, flags, dir_fd=dir_fd)
    except OSError:
        return b""
    with os.fdopen(fd, "rb") as fh:
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                return b""
            data = fh.read(sniff.HEAD_READ_BYTES if gzipped else SNIFF_BYTES)
        except OSError:
            return b""
    return sniff.head_of(data, gzipped)


def _folder_key(path: str) -> tuple[int, int] | None:
    if not path:
        return None
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_dev, st.st_ino


def _names(folder: str) -> set[str]:
    try:
        return set(os.listdir(folder))
    except OSError:
        return set()


@dataclass(frozen=True, slots=True)
class _Walk:
    """What every folder of one walk shares."""

    root: str
    root_fd: int  # every folder is opened from here, one name at a time
    top: str  # the real path of ``root``
    follow: bool
    seen: set[tuple[int, int]]
    plan: Plan
    out_key: tuple[int, int] | None  # -o DIR inside the PATH: not walked


# (name, is a link, is a folder) of a folder's entry, and what it is: "page", "dir",
# EXCLUDED, NOT_A_PAGE or "" (hidden, or one of declutter's outputs: passed silently).
_Entry = tuple[str, bool, bool, str]


def _walk(walk: _Walk, folder: str, parts: tuple[str, ...]) -> Iterator[Page | Skipped]:
    try:
        below = _real_parts(folder, walk.root) if walk.follow else parts
        fd = _open_beneath(walk.root_fd, (*below, "."), _DIR_FLAGS | _NOFOLLOW)
    except OSError as exc:
        yield Skipped(folder, f"cannot list directory: {exc.strerror or exc}", failed=True)
        return
    try:
        st = os.fstat(fd)
        if (st.st_dev, st.st_ino) == walk.out_key:
            return  # the -o folder, inside the PATH: outputs, not pages
        if (st.st_dev, st.st_ino) in walk.seen:
            yield Skipped(folder, "directory already walked (symbolic link loop?), ignored")
            return
        walk.seen.add((st.st_dev, st.st_ino))
        with os.scandir(fd) as it:
            # (name, is a link, is a folder): asked while the folder is open
            listed = sorted((e.name, e.is_symlink(), _is_dir(e)) for e in it)
        sweep_temps(folder, (name for name, _, _ in listed), dir_fd=fd)
        entries = [(*entry, _what(walk, parts, entry, fd)) for entry in listed]
    except OSError as exc:
        yield Skipped(folder, f"cannot list directory: {exc.strerror or exc}", failed=True)
        return
    finally:
        os.close(fd)
    yield from _entries(walk, folder, parts, entries)


def _what(walk: _Walk, parts: tuple[str, ...], entry: tuple[str, bool, bool], fd: int) -> str:
    """What a folder's entry is (see ``_Entry``); a file's first bytes are read, from the
    open folder ``fd``, where its name does not decide (links are not read)."""
    name, link, is_dir = entry
    if name.startswith("."):
        return ""
    relative = "/".join((*parts, name))
    if is_dir:
        return EXCLUDED if sniff.matches(walk.plan.exclude, relative) else "dir"
    if is_output_name(name):
        return ""
    gzipped = sniff.inner_name(name)[1]
    return _verdict(name, relative, walk.plan,
                    lambda: b"" if link else _head(name, gzipped, dir_fd=fd))


def _entries(
    walk: _Walk, folder: str, parts: tuple[str, ...], entries: list[_Entry]
) -> Iterator[Page | Skipped]:
    pages = {name for name, _, _, what in entries if what == "page"}
    stems = output_stems((name for name, _, _, what in entries if what), extra=pages)
    subdirs = []
    for name, link, is_dir, what in entries:
        if not what:
            continue
        path = os.path.join(folder, name)
        if link and not walk.follow:
            if what in ("page", "dir"):
                yield Skipped(path, "symbolic link not followed (see --follow-links)")
            continue
        if link and not _inside(path, walk.top):
            yield Skipped(path, "symbolic link leads outside the PATH given, ignored")
            continue
        if what == "dir":
            subdirs.append(name)
        elif what == "page":
            yield page_for(path, stems[name], root=walk.root, parts=(*parts, name),
                           plan=walk.plan)
        elif not is_dir:
            yield Skipped(path, what, counted=what)
    for name in subdirs:
        yield from _walk(walk, os.path.join(folder, name), (*parts, name))


def _is_dir(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()  # follows a link: only asked where links are followed
    except OSError:
        return False


def _inside(path: str, top: str) -> bool:
    real = os.path.realpath(path)
    return real == top or real.startswith(top.rstrip(os.sep) + os.sep)


def sweep_temps(folder: str, names: Iterable[str], *, dir_fd: int | None = None) -> None:
    """Remove the temporary files of processes that are gone (a killed earlier run).

    With ``dir_fd`` (the listed folder, opened) names are removed relative to it, so a
    folder swapped for a link after the listing is not reached."""
    for name in names:
        match = _TEMP_NAME.match(name)
        if match and not _alive(int(match.group(1))):
            try:
                if dir_fd is None:
                    os.unlink(os.path.join(folder, name))
                else:
                    os.unlink(name, dir_fd=dir_fd)
            except OSError:
                pass


def sweep_tree(folder: str) -> None:
    """``sweep_temps`` in every folder of an -o tree (never walked as input)."""
    for current, _, files in os.walk(folder):
        sweep_temps(current, files)


def remove_temps_of(page: Page, pid: int, *, follow_links: bool = False) -> None:
    """Remove the temporary files a killed worker ``pid`` left for ``page``."""
    prefixes = tuple(
        _temp_prefix(os.path.basename(p), pid) for p in (page.out, page.explain, page.stamp)
    )
    try:
        fd = open_out_folder(page, follow_links=follow_links, create=False)
    except OSError:
        return
    try:
        for name in os.listdir(fd):
            if name.startswith(prefixes) and _TEMP_NAME.match(name):
                try:
                    os.unlink(name, dir_fd=fd)
                except OSError:
                    pass
    finally:
        os.close(fd)


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


def stamp_found(page: Page, names: tuple[str, ...], *, follow_links: bool) -> tuple[
    Stamp | None, frozenset[str]
]:
    """The stamp beside ``page``'s outputs (None: none, or unreadable) and which of the
    output ``names`` exist there as regular files; read link-free, nothing created."""
    try:
        fd = open_out_folder(page, follow_links=follow_links, create=False)
    except OSError:
        return None, frozenset()
    try:
        present = frozenset(n for n in names if _is_regular_at(fd, n))
        try:
            data = _read_fd(
                os.open(os.path.basename(page.stamp), _READ_FLAGS | _NOFOLLOW, dir_fd=fd),
                STAMP_MAX_BYTES,
            )
        except OSError:  # none, a link, too large, not a regular file
            return None, present
        return stamps.parse(data), present
    finally:
        os.close(fd)


def _is_regular_at(dir_fd: int, name: str) -> bool:
    try:
        return stat.S_ISREG(os.stat(name, dir_fd=dir_fd, follow_symlinks=False).st_mode)
    except OSError:
        return False


# --- opening by descriptor -------------------------------------------------------------

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_DIR_FLAGS = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_CLOEXEC", 0)
# O_NONBLOCK: opening a FIFO must not wait for a writer (it is refused after fstat).
_READ_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
_WRITE_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | getattr(os, "O_CLOEXEC", 0)
_NOT_FOLLOWED = "symbolic link not followed (see --follow-links)"
_OUTSIDE = "symbolic link leads outside the PATH given"


def read_page(page: Page, *, max_bytes: int, follow_links: bool) -> bytes:
    """The bytes of ``page``'s raw file, opened from its PATH's folder descriptor with no
    link at any component (see the module doc); ``LinkError`` where a link is met."""
    root, parts = page.place()
    root_fd = os.open(root, _DIR_FLAGS)  # the PATH as given, even when it is a link
    try:
        if page.follow:  # a file named on the command line: used as given
            fd = os.open(parts[-1], _READ_FLAGS, dir_fd=root_fd)
        else:
            if follow_links:
                parts = _real_parts(os.path.join(root, *parts), root)
            fd = _open_beneath(root_fd, parts, _READ_FLAGS | _NOFOLLOW)
    finally:
        os.close(root_fd)
    return _read_fd(fd, max_bytes)


def open_out_folder(page: Page, *, follow_links: bool, create: bool = True) -> int:
    """A descriptor of the folder ``page``'s outputs go to, opened link-free from the
    PATH's folder (with ``follow_links``: its real path, checked to be inside); with -o
    DIR, from DIR, its folders made where missing (with ``create``)."""
    root, parts = page.place()
    folders = parts[:-1]
    if page.out_root:
        return _open_out_dir(page.out_root, folders, create)
    root_fd = os.open(root, _DIR_FLAGS)
    try:
        if follow_links and folders:
            folders = _real_parts(os.path.join(root, *folders), root)
        return _open_beneath(root_fd, (*folders, "."), _DIR_FLAGS | _NOFOLLOW)
    finally:
        os.close(root_fd)


def _open_out_dir(out_root: str, folders: tuple[str, ...], create: bool) -> int:
    """``folders`` below the -o folder, one name at a time, none a link, made if missing."""
    fd = os.open(out_root, _DIR_FLAGS)
    try:
        for name in folders:
            if create:
                try:
                    os.mkdir(name, 0o777, dir_fd=fd)
                except FileExistsError:
                    pass
            parent, fd = fd, _open_beneath(fd, (name,), _DIR_FLAGS | _NOFOLLOW)
            os.close(parent)
    except BaseException:
        os.close(fd)
        raise
    return fd


def _real_parts(path: str, root: str) -> tuple[str, ...]:
    """``path``'s real path below ``root``'s, as names; ``LinkError`` when outside."""
    rel = os.path.relpath(os.path.realpath(path), os.path.realpath(root))
    if rel == os.pardir or rel.startswith(os.pardir + os.sep) or os.path.isabs(rel):
        raise LinkError(errno.ELOOP, _OUTSIDE)
    return tuple(p for p in rel.split(os.sep) if p not in ("", os.curdir))


def _open_beneath(root_fd: int, parts: tuple[str, ...], flags: int) -> int:
    """Open ``parts`` below the folder ``root_fd``, one name at a time, no name a link."""
    fd = root_fd
    try:
        for name in parts[:-1]:
            parent, fd = fd, os.open(name, _DIR_FLAGS | _NOFOLLOW, dir_fd=fd)
            if parent != root_fd:
                os.close(parent)
        return os.open(parts[-1] if parts else ".", flags, dir_fd=fd)
    except OSError as exc:
        if exc.errno in (errno.ELOOP, errno.EMLINK) or _is_link_at(fd, exc.filename):
            raise LinkError(errno.ELOOP, _NOT_FOLLOWED) from None
        raise
    finally:
        if fd != root_fd:
            os.close(fd)


def _is_link_at(dir_fd: int, name: object) -> bool:
    """Whether ``name`` in ``dir_fd`` is a link (some systems say ENOTDIR for a link
    opened with O_DIRECTORY | O_NOFOLLOW)."""
    if not isinstance(name, str):
        return False
    try:
        return stat.S_ISLNK(os.lstat(name, dir_fd=dir_fd).st_mode)
    except OSError:
        return False


def _read_fd(fd: int, max_bytes: int) -> bytes:
    from .errors import TooLargeError

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


def read_raw(path: str, *, max_bytes: int, follow_links: bool) -> bytes:
    """The bytes of a raw file ``path``; ``OSError`` when unreadable, ``TooLargeError``
    when big. Without ``follow_links`` a path that is (or became) a symbolic link is
    refused. Anything but a regular file (a FIFO, a device) is refused without reading it.
    """
    flags = _READ_FLAGS | (0 if follow_links else _NOFOLLOW)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        if exc.errno == errno.ELOOP and not follow_links:
            raise LinkError(exc.errno, _NOT_FOLLOWED) from None
        raise
    return _read_fd(fd, max_bytes)


def _too_large(size: int, limit: int) -> str:
    return f"page is {size} bytes, over the --max-bytes limit of {limit}; not cleaned"


# The longest file name most file systems take (bytes); a temporary name is kept within.
NAME_MAX = 255


def _temp_prefix(name: str, pid: int) -> str:
    """The start of a temporary name for output ``name`` written by ``pid``: the stem is
    shortened, when needed, so that the whole temporary name fits in ``NAME_MAX``."""
    stem, dot, suffix = name.rpartition(".clean.")
    if not dot:
        stem, suffix = name, ""
    tail = f"{dot}{suffix}.{pid}."
    budget = NAME_MAX - len(os.fsencode(f".{tail}{'0' * 8}.tmp"))
    while stem and len(os.fsencode(stem)) > budget:
        stem = stem[:-1]
    return f".{stem}{tail}"


def write_atomic(path: str, data: bytes) -> None:
    """Write ``data`` to ``path`` so that no reader ever sees a partial file."""
    folder, name = os.path.split(path)
    fd = os.open(folder or ".", _DIR_FLAGS)
    try:
        write_atomic_at(fd, name, data)
    finally:
        os.close(fd)


def write_atomic_at(dir_fd: int, name: str, data: bytes) -> None:
    """Write ``data`` to ``name`` in the folder ``dir_fd``, atomically (temporary file,
    fsync, rename, fsync of the folder)."""
    temp = f"{_temp_prefix(name, os.getpid())}{secrets.token_hex(4)}.tmp"
    fd = os.open(temp, _WRITE_FLAGS, 0o666, dir_fd=dir_fd)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(temp, name, src_dir_fd=dir_fd, dst_dir_fd=dir_fd)
    except BaseException:
        try:
            os.unlink(temp, dir_fd=dir_fd)
        except OSError:
            pass
        raise
    try:
        os.fsync(dir_fd)
    except OSError:
        pass
