"""The README's Python example runs as printed, from the repository root."""

from __future__ import annotations

import contextlib
import io
import os
import re
import shutil
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
    """The Install section's commands, as printed, in a fresh clone of this repository,
    once for each way to install (a checkout; a git URL, here the clone's own
    ``file://`` URL), each in a fresh venv; slow: it installs for real."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"\n## Install\n.*?```sh\n(.*?)```", readme, re.DOTALL).group(1)
    checkout = tmp_path / "checkout"
    subprocess.run(["git", "clone", "-q", str(ROOT), str(checkout)], check=True)
    lines = [line.split("  #")[0].strip() for line in block.splitlines()]
    ways = [line for line in lines if line.startswith("venv/bin/pip install '")]
    assert ways == ["venv/bin/pip install '.[dask]'",
                    "venv/bin/pip install 'declutter-text[dask] @ git+URL'"]
    for way, source in zip(ways, ("dir_info", "vcs_info")):
        script = "\n".join(line for line in lines if line not in ways or line == way)
        script = script.replace("git+URL", f"git+file://{checkout}")
        shutil.rmtree(checkout / "venv", ignore_errors=True)
        done = subprocess.run(["bash", "-euc", script], cwd=checkout, capture_output=True,
                              text=True)
        assert done.returncode == 0, done.stderr[-3000:]
        assert done.stdout.splitlines()[-1] == "declutter 0.1.0"
        venv = checkout / "venv"
        [info] = venv.glob("lib/python*/site-packages/declutter_text-*.dist-info")
        assert source in (info / "direct_url.json").read_text(encoding="utf-8")
        python = venv / "bin" / "python"
        subprocess.run([str(python), "-c", "import declutter.dask, distributed, warcio"],
                       check=True)
