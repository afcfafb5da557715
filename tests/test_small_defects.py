"""The small defects of issue 14: long file names, periodic NUL bytes, --help."""

from __future__ import annotations

from pathlib import Path

from conftest import TEXT_PAGE, write

import declutter
from declutter import cli


def test_a_240_byte_file_name_is_cleaned(tmp_path: Path, run) -> None:
    # the output name (236 + ".clean.txt") fits; the temporary name is shortened to fit
    raw = write(tmp_path / ("x" * 236 + ".txt"), TEXT_PAGE)
    code, err = run(raw, "--explain")
    assert code == 0, err
    out = tmp_path / ("x" * 236 + ".clean.txt")
    assert out.read_text() == declutter.clean(TEXT_PAGE).text
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [raw.name, out.name, "x" * 236 + ".clean.json", "." + "x" * 236 + ".clean.stamp"])


def test_a_nul_every_fourth_byte_is_binary_not_utf16(tmp_path: Path, run) -> None:
    text = TEXT_PAGE.encode()
    noisy = b"".join(text[i:i + 3] + b"\0" for i in range(0, len(text), 3))
    code, err = run(write(tmp_path / "a.txt", noisy))
    assert code == 1
    assert "binary content" in err[0], err
    assert not (tmp_path / "a.clean.txt").exists()


def test_help_names_every_exit_code(capsys) -> None:
    assert cli.main(["--help"]) == 0
    shown = " ".join(capsys.readouterr().out.split())
    for code in cli.EXIT.values():
        assert f" {code} " in shown, code


def test_default_jobs_fit_the_memory() -> None:
    from declutter.limits import DEFAULT_MAX_BYTES, default_jobs, worker_peak

    gib = 1 << 30
    assert default_jobs(DEFAULT_MAX_BYTES, cpus=2, available=22 * gib) == 2
    assert default_jobs(DEFAULT_MAX_BYTES, cpus=16, available=120 * gib) == 16
    assert default_jobs(DEFAULT_MAX_BYTES, cpus=16, available=4 * gib) == (
        2 * gib // worker_peak(DEFAULT_MAX_BYTES))
    assert default_jobs(DEFAULT_MAX_BYTES, cpus=16, available=100 << 20) == 1
    assert default_jobs(1 << 30, cpus=16, available=120 * gib) < 16  # 1 GiB pages: fewer
