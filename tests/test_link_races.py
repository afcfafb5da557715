"""Symbolic-link races (issue 14): pages are listed first and opened later; a folder or a
page swapped for a link in between must not make declutter read or write outside the
PATH given, with or without ``--follow-links``.

The swap happens through the runner's test seam ``runner.BEFORE_OPEN``, called in the
worker with each page after the listing and right before the page is opened.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import snapshot, variant, write

from declutter import runner

SECRET = "The outside page names the password swordfish in its every paragraph."


def secret_page() -> str:
    return variant(9).replace("The city council", SECRET)


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """root/a.txt, root/sub/b.txt, root/sub/c.txt; outside/ holds pages of the same names
    (and a plain secret file), all of them saying SECRET."""
    root = tmp_path / "root"
    write(root / "a.txt", variant(1))
    write(root / "sub" / "b.txt", variant(2))
    write(root / "sub" / "c.txt", variant(3))
    for name in ("a.txt", "b.txt", "c.txt", "secret.txt"):
        write(tmp_path / "outside" / name, secret_page())
    return root


def swap_for_links(root: Path):
    """The hook: on b.txt's turn, sub/ becomes a link to outside/; on a.txt's turn,
    a.txt becomes a link to outside/secret.txt (an absolute link) ."""
    outside = root.parent / "outside"

    def hook(page) -> None:
        if page.raw.endswith("b.txt") and not (root / "sub").is_symlink():
            (root / "sub").rename(root / "sub.moved")
            (root / "sub").symlink_to("../outside")
        if page.raw.endswith("a.txt") and not (root / "a.txt").is_symlink():
            (root / "a.txt").unlink()
            (root / "a.txt").symlink_to(outside / "secret.txt")

    return hook


def outputs_under(root: Path) -> str:
    return "".join(p.read_text() for p in root.rglob("*.clean.*") if not p.is_symlink())


@pytest.mark.parametrize("follow", [False, True], ids=["no-follow", "follow-links"])
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_links_swapped_in_mid_run_reach_nothing_outside(
    tree: Path, run, monkeypatch, follow: bool, jobs: str
) -> None:
    outside = tree.parent / "outside"
    before = snapshot(outside)
    monkeypatch.setattr(runner, "BEFORE_OPEN", swap_for_links(tree))
    argv = [tree, "--jobs", jobs, "--explain"] + (["--follow-links"] if follow else [])
    code, err = run(*argv)
    assert snapshot(outside) == before  # nothing written (or changed) outside
    assert "swordfish" not in outputs_under(tree.parent / "root")  # nothing read from it
    assert "swordfish" not in outputs_under(tree.parent / "root" / "sub.moved")
    assert code == 1
    failed = [line for line in err if "symbolic link" in line]
    assert len(failed) >= 2, err  # a.txt and b.txt (c.txt too, once sub/ is a link)
    assert any(line.startswith(f"declutter: {tree / 'a.txt'}: ") for line in failed)
    assert any(line.startswith(f"declutter: {tree / 'sub' / 'b.txt'}: ") for line in failed)
    assert (tree / "a.txt").is_symlink() and sorted(os.listdir(outside)) == sorted(before)


def test_follow_links_still_reads_a_link_swapped_in_that_stays_inside(
    tree: Path, run, monkeypatch
) -> None:
    """With --follow-links a link to a page inside the PATH is fine at open time too."""

    def hook(page) -> None:
        if page.raw.endswith("a.txt") and not (tree / "a.txt").is_symlink():
            (tree / "a.txt").unlink()
            (tree / "a.txt").symlink_to("sub/c.txt")

    monkeypatch.setattr(runner, "BEFORE_OPEN", hook)
    code, err = run(tree, "--jobs", "2", "--follow-links")
    assert code == 0, err
    assert (tree / "a.clean.txt").read_text() == (tree / "sub" / "c.clean.txt").read_text()
