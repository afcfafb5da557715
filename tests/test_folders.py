"""Folders as crawls leave them: output formats, -o DIR, stamps, pages found by content."""

from __future__ import annotations

import gzip
import json
import stat
from pathlib import Path

import pytest
from conftest import HTML_PAGE, TEXT_PAGE, listing, snapshot, variant, write

import declutter
from declutter import Options, render

JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01" + bytes(range(256)) * 4


def _mirror(root: Path) -> Path:
    """A folder as ``wget --mirror`` leaves it."""
    write(root / "index.php", HTML_PAGE)
    write(root / "page.shtml", HTML_PAGE.replace("budget", "plan"))
    write(root / "about", HTML_PAGE.replace("Council", "Town council"))  # no extension
    write(root / "news" / "item.aspx?id=3", HTML_PAGE.replace("Sport", "Culture"))
    write(root / "news" / "feed.html.gz", gzip.compress(HTML_PAGE.encode()))
    write(root / "news" / "story.gz", gzip.compress(HTML_PAGE.replace("Home", "Start").encode()))
    write(root / "img" / "photo.jpg", JPEG)
    write(root / "img" / "logo", JPEG)  # binary, no extension
    write(root / "css" / "site.css", "body { color: red }")
    write(root / "robots.txt.php", b"\x00\x01binary")  # a .php that is no HTML
    write(root / "notes.dat", TEXT_PAGE)
    return root


def test_a_wget_mirror_is_cleaned_and_every_file_accounted_for(tmp_path: Path, run) -> None:
    root = _mirror(tmp_path / "site")
    code, err = run(root)
    assert code == 0, err
    assert err[-1].startswith("declutter: 6 cleaned, 0 skipped, 0 failed; "
                              "5 files not pages: use --include GLOB; removed: ")
    outputs = {str(p.relative_to(root)) for p in root.rglob("*.clean.txt")}
    assert outputs == {"index.clean.txt", "page.clean.txt", "about.clean.txt",
                       "news/item.clean.txt", "news/feed.clean.txt", "news/story.clean.txt"}
    assert (root / "news" / "feed.clean.txt").read_text() == declutter.clean(HTML_PAGE).text
    assert (root / "index.clean.txt").read_text() == declutter.clean(HTML_PAGE).text


def test_include_and_exclude(tmp_path: Path, run) -> None:
    root = _mirror(tmp_path / "site")
    code, err = run(root, "--include", "*.dat", "--exclude", "news", "--exclude", "*.shtml")
    assert code == 0, err
    assert err[-1].startswith("declutter: 3 cleaned, 0 skipped, 0 failed; "
                              "4 files not pages: use --include GLOB; 1 file excluded (--exclude)")
    assert (root / "notes.clean.txt").read_text() == declutter.clean(TEXT_PAGE).text
    assert not (root / "page.clean.txt").exists() and not list((root / "news").glob("*.clean*"))


def test_a_gz_page_over_the_size_limit_once_decompressed_fails(tmp_path: Path, run) -> None:
    big = HTML_PAGE.replace("<article>", "<article>" + "<p>word </p>" * 20_000)
    write(tmp_path / "big.html.gz", gzip.compress(big.encode()))
    write(tmp_path / "bad.html.gz", b"\x1f\x8b not really gzip")
    code, err = run(tmp_path, "--max-bytes", "100K")
    assert code == 1
    assert f"declutter: {tmp_path / 'bad.html.gz'}: cannot decompress: " in err[0]
    assert err[1] == (f"declutter: {tmp_path / 'big.html.gz'}: page is over the --max-bytes "
                      "limit of 102400 once decompressed; not cleaned")


def test_a_named_file_is_taken_by_its_content(tmp_path: Path, run) -> None:
    root = _mirror(tmp_path / "site")
    code, err = run(root / "about", root / "img" / "photo.jpg")
    assert code == 0
    assert err[0].startswith(f"declutter: note: {root / 'img' / 'photo.jpg'}: not a page (")
    assert (root / "about.clean.txt").exists()


@pytest.mark.parametrize(("fmt", "suffix"), [("markdown", ".clean.md"),
                                             ("json", ".clean.record.json")])
def test_folder_outputs_in_each_format(tmp_path: Path, run, fmt: str, suffix: str) -> None:
    write(tmp_path / "a.html", HTML_PAGE)
    write(tmp_path / "b.txt", TEXT_PAGE)
    assert run(tmp_path, "--format", fmt)[0] == 0
    options = Options(metadata=fmt == "json")
    for name, page in (("a", HTML_PAGE), ("b", TEXT_PAGE)):
        want = render.render(declutter.clean(page, options=options), fmt)
        assert (tmp_path / (name + suffix)).read_text() == want
    assert not (tmp_path / "a.clean.txt").exists()
    # outputs of every format are never inputs; another format is another option
    code, err = run(tmp_path)
    assert err[-1].startswith("declutter: 2 cleaned (2 redone: 2 options changed), 0 skipped")
    assert listing(tmp_path) == sorted(
        ["a.html", "b.txt", "a.clean.txt", "b.clean.txt", "a" + suffix, "b" + suffix]
    )
    if fmt == "json":
        assert json.loads((tmp_path / "a.clean.record.json").read_text())["kind"] == "html"


def test_output_dir_mirrors_a_read_only_tree(tmp_path: Path, run) -> None:
    raw = tmp_path / "raw"
    write(raw / "a.txt", TEXT_PAGE)
    write(raw / "sub" / "deeper" / "b.html", HTML_PAGE)
    write(raw / "sub" / "c.txt", variant(3))
    before = snapshot(raw)
    folders = [raw, raw / "sub", raw / "sub" / "deeper"]
    for folder in folders:
        folder.chmod(0o555)
    try:
        out = tmp_path / "clean"
        code, err = run(raw, "-o", out)
        assert code == 0, err
        assert snapshot(raw) == before  # nothing written beside the raw pages
        assert listing(out) == ["a.clean.txt", "sub"]
        assert listing(out / "sub") == ["c.clean.txt", "deeper"]
        assert (out / "sub" / "deeper" / "b.clean.txt").read_text() == \
            declutter.clean(HTML_PAGE).text
        assert run(raw, "-o", out)[1] == ["declutter: 0 cleaned, 3 skipped, 0 failed"]
        assert run(raw / "sub" / "c.txt", "-o", out / "one")[0] == 0  # a file PATH
        assert listing(out / "one") == ["c.clean.txt"]
    finally:
        for folder in folders:
            folder.chmod(stat.S_IRWXU)


def test_output_dir_inside_the_path_is_not_walked(tmp_path: Path, run) -> None:
    write(tmp_path / "a.txt", TEXT_PAGE)
    write(tmp_path / "b.html", HTML_PAGE)
    assert run(tmp_path, "-o", tmp_path / "out")[1][-1].startswith("declutter: 2 cleaned")
    assert run(tmp_path, "-o", tmp_path / "out")[1] == ["declutter: 0 cleaned, 2 skipped, 0 failed"]
    assert listing(tmp_path / "out") == ["a.clean.txt", "b.clean.txt"]
    assert listing(tmp_path) == ["a.txt", "b.html", "out"]


def test_output_dir_that_cannot_be_made_is_a_usage_error(tmp_path: Path, run) -> None:
    write(tmp_path / "a.txt", TEXT_PAGE)
    write(tmp_path / "file", "x")
    code, err = run(tmp_path / "a.txt", "-o", tmp_path / "file" / "out")
    assert code == 2 and "cannot make the folder" in err[0]


def test_stamps_are_written_last_and_name_the_outputs(tmp_path: Path, run) -> None:
    write(tmp_path / "a.txt", TEXT_PAGE)
    assert run(tmp_path, "--explain")[0] == 0
    stamp = json.loads((tmp_path / ".a.clean.stamp").read_text())
    assert stamp["outputs"] == ["a.clean.txt", "a.clean.json"]
    assert stamp["version"] == declutter.__version__
    (tmp_path / ".a.clean.stamp").write_text("damaged")  # unreadable: redone, said why
    last = run(tmp_path, "--explain")[1][-1]
    assert last.startswith("declutter: 1 cleaned (1 redone: 1 no stamp)")
