"""Golden tests: the CLI's output for each fixture page must equal its expected file exactly.

For every ``fixtures/NAME.txt`` (or ``NAME.html``) that has a ``fixtures/NAME.expected.txt``
beside it, the page is copied alone into a temporary folder, ``declutter.cli.main([folder])``
is run on it, and the ``NAME.clean.txt`` it writes is compared byte for byte with the
expected file. See ``fixtures/README.md`` for how the expected files were written.
"""

from __future__ import annotations

import difflib
import importlib
import shutil
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
EXPECTED_SUFFIX = ".expected.txt"
CLEAN_SUFFIX = ".clean.txt"


def _raw_pages() -> list[Path]:
    """Raw fixture pages that have an expected output beside them."""
    pages = []
    for path in sorted([*FIXTURES.glob("*.txt"), *FIXTURES.glob("*.html")]):
        if path.name.endswith((EXPECTED_SUFFIX, CLEAN_SUFFIX)):
            continue
        if _expected_path(path).exists():
            pages.append(path)
    return pages


def _expected_path(page: Path) -> Path:
    return page.with_name(page.stem + EXPECTED_SUFFIX)


def _paragraphs(text: str) -> list[str]:
    return [p.strip("\n") for p in text.split("\n\n") if p.strip()]


def _describe_difference(expected: str, actual: str, name: str) -> str:
    """A readable report: which paragraphs are missing or extra, then a unified diff."""
    exp_paras, act_paras = _paragraphs(expected), _paragraphs(actual)
    exp_set, act_set = set(exp_paras), set(act_paras)
    missing = [p for p in exp_paras if p not in act_set]
    extra = [p for p in act_paras if p not in exp_set]

    def short(p: str) -> str:
        p = p.replace("\n", " / ")
        return p if len(p) <= 100 else p[:97] + "..."

    lines = [
        f"{name}: output differs from {name}{EXPECTED_SUFFIX}",
        f"  paragraphs: expected {len(exp_paras)}, got {len(act_paras)}"
        f" ({len(missing)} missing, {len(extra)} extra)",
    ]
    if missing:
        lines.append("  missing (expected, not in output):")
        lines += [f"    - {short(p)}" for p in missing]
    if extra:
        lines.append("  extra (in output, not expected):")
        lines += [f"    + {short(p)}" for p in extra]
    if not missing and not extra:
        lines.append("  same paragraphs: the difference is in order, spacing or the final newline")
    lines.append("")
    diff = difflib.unified_diff(
        expected.splitlines(keepends=True),
        actual.splitlines(keepends=True),
        fromfile=f"{name}{EXPECTED_SUFFIX}",
        tofile=f"{name}{CLEAN_SUFFIX}",
    )
    lines.append("".join(diff))
    if not expected.endswith("\n") or not actual.endswith("\n") or actual.endswith("\n\n"):
        lines.append(f"(final bytes: expected {expected[-2:]!r}, got {actual[-2:]!r})")
    return "\n".join(lines)


PAGES = _raw_pages()

# Known failures, each with what the tool still gets wrong. strict: the day one passes,
# the test fails until its entry is removed here, so none stays here by mistake.
KNOWN_FAILURES: dict[str, str] = {}


def _param(page: Path):
    reason = KNOWN_FAILURES.get(page.stem)
    marks = [pytest.mark.xfail(reason=reason, strict=True)] if reason else []
    return pytest.param(page, id=page.stem, marks=marks)


@pytest.mark.parametrize("page", [_param(p) for p in PAGES])
def test_golden(page: Path, tmp_path: Path) -> None:
    cli = importlib.import_module("declutter.cli")
    work = tmp_path / "pages"
    work.mkdir()
    shutil.copyfile(page, work / page.name)

    rc = cli.main([str(work)])

    assert rc == 0, f"declutter.cli.main returned {rc!r} for {page.name}"
    out = work / (page.stem + CLEAN_SUFFIX)
    written = sorted(p.name for p in work.iterdir())
    assert out.exists(), f"the CLI wrote no {out.name}; the folder holds {written}"
    actual = out.read_bytes().decode("utf-8")
    expected = _expected_path(page).read_bytes().decode("utf-8")
    if actual != expected:
        pytest.fail(_describe_difference(expected, actual, page.stem), pytrace=False)


def _readme_table() -> list[dict[str, str]]:
    """Rows of the fixtures table in fixtures/README.md, keyed by lower-cased header."""
    rows: list[dict[str, str]] = []
    header: list[str] | None = None
    for line in (FIXTURES / "README.md").read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line.startswith("|"):
            header = None  # a table ends at the first non-table line
            continue
        cells = [c.strip() for c in line.strip("|").split("|")]
        if header is None:
            header = [c.lower() for c in cells]
            continue
        if set("".join(cells)) <= set("-: "):
            continue  # the separator row
        if "file" in header and "language" in header:
            rows.append(dict(zip(header, cells)))
    return rows


def test_fixture_coverage() -> None:
    rows = _readme_table()
    by_file = {r["file"].strip("`"): r for r in rows}
    undocumented = [p.name for p in PAGES if p.name not in by_file]
    assert not undocumented, f"fixtures missing from the README table: {undocumented}"
    languages = {by_file[p.name]["language"].split()[0].lower() for p in PAGES}
    assert len(PAGES) >= 14, f"only {len(PAGES)} fixture pages with expected outputs"
    assert len(languages) >= 5, f"fixtures cover only {len(languages)} languages: {languages}"


def test_expected_files_are_well_formed() -> None:
    """Expected files follow the format of fixtures/README.md (one line per paragraph, each
    found on one line of the raw page: a dump line, or the line of an HTML element's text)."""
    for page in PAGES:
        text = _expected_path(page).read_bytes().decode("utf-8")
        name = _expected_path(page).name
        assert text.endswith("\n") and not text.endswith("\n\n"), f"{name}: must end with one \\n"
        assert "\r" not in text, f"{name}: CR characters"
        raw_lines = {
            line.strip() for line in page.read_bytes().decode("utf-8").splitlines() if line.strip()
        }
        for para in text[:-1].split("\n\n"):
            assert para and "\n" not in para, f"{name}: paragraph not a single line: {para[:60]!r}"
            assert para == para.strip(), f"{name}: surrounding whitespace: {para[:60]!r}"
            assert any(para in line for line in raw_lines), (
                f"{name}: paragraph not found in the dump: {para[:60]!r}"
            )
