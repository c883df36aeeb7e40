"""The code passes the linter (ruff, configured in ruff.toml, pinned in requirements-test.txt), and the site's scripts parse."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from conftest import ROOT


def test_ruff_finds_nothing() -> None:
    ruff = Path(sys.executable).with_name("ruff")
    command = [str(ruff)] if ruff.exists() else [shutil.which("ruff") or "ruff"]
    result = subprocess.run([*command, "check", "--no-cache", "src", "hooks", "tests"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_sites_own_scripts_parse() -> None:
    """A syntax error in one script stops all of it in every browser; Node (installed by setup.sh) finds it first."""
    scripts = sorted((ROOT / "docs" / "assets" / "javascripts").glob("*.js"))
    assert scripts
    for script in scripts:
        result = subprocess.run([shutil.which("node") or "node", "--check", str(script)], capture_output=True, text=True)
        assert result.returncode == 0, result.stderr
