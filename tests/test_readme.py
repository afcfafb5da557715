"""The README's Python example runs as printed, from the repository root."""

from __future__ import annotations

import contextlib
import io
import os
import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_readme_python_example_runs_and_prints_what_its_comments_say() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    example = re.search(r"```python\n(.*?)```", readme, re.DOTALL).group(1)
    out = io.StringIO()
    cwd = os.getcwd()
    try:
        os.chdir(ROOT)
        with contextlib.redirect_stdout(out):
            exec(compile(example, "README.md", "exec"), {})
    finally:
        os.chdir(cwd)
    printed = out.getvalue().splitlines()
    assert printed[0] == "Russia/Kazakistan - Telefonata tra Putin e Tokayev"
    assert printed[1] == "it Kind.TEXT"
    assert any(line.startswith("caption | ") for line in printed)


def test_readme_install_commands_run_in_a_fresh_venv(tmp_path: Path) -> None:
    """The Install section's commands, as printed, in a fresh clone of this repository
    (the git URL is the clone's own ``file://`` URL); slow: it installs for real."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"\n## Install\n.*?```sh\n(.*?)```", readme, re.DOTALL).group(1)
    checkout = tmp_path / "checkout"
    subprocess.run(["git", "clone", "-q", str(ROOT), str(checkout)], check=True)
    script = block.replace("git+URL", f"git+file://{checkout}")
    assert "git+file://" in script and "pip install '.[dask]'" in script
    done = subprocess.run(["bash", "-euc", script], cwd=checkout, capture_output=True,
                          text=True, env={**os.environ, "PIP_DISABLE_PIP_VERSION_CHECK": "1"})
    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stdout.splitlines()[-1] == "declutter 0.1.0"
    # The git URL's install is the one in place, and the dask extra came with the first.
    [info] = (checkout / "venv").glob("lib/python*/site-packages/declutter_text-*.dist-info")
    assert "vcs_info" in (info / "direct_url.json").read_text(encoding="utf-8")
    python = checkout / "venv" / "bin" / "python"
    subprocess.run([str(python), "-c", "import declutter.dask, distributed, warcio"], check=True)
