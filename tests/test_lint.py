"""The code passes the linters (ruff, configured in ruff.toml, pinned in requirements-test.txt; ESLint, configured in
eslint.config.mjs, pinned in package.json), and the site's scripts parse."""

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


def test_eslint_finds_nothing_in_the_sites_scripts() -> None:
    """ESLint, pinned in package.json (installed by setup.sh's npm ci), configured in eslint.config.mjs."""
    eslint = ROOT / "node_modules" / "eslint" / "bin" / "eslint.js"
    assert eslint.is_file(), "ESLint is missing: run scripts/setup.sh (npm ci)"
    result = subprocess.run(
        [shutil.which("node") or "node", str(eslint), "--max-warnings", "0", "docs/assets/javascripts", "tests/js"], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
    linted = subprocess.run(
        [shutil.which("node") or "node", str(eslint), "--print-config", "docs/assets/javascripts/draft.js"], cwd=ROOT, capture_output=True, text=True
    )
    assert '"eqeqeq"' in linted.stdout, "eslint.config.mjs does not reach the site's scripts"
