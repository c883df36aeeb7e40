"""A fresh clone of the committed project, alone in an empty folder, builds and passes its checks.

This is what CI and every new user get: nothing beside the clone (no shared folder), nothing that
was left uncommitted in the working tree. The full run is `.ci/run` in such a clone (see README);
this test runs the parts that would break first — the strict build, the translation check and
the tests that read the sources — with this environment's Python.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT


@pytest.fixture(scope="module")
def clone(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    folder = tmp_path_factory.mktemp("empty") / "project"
    result = subprocess.run(["git", "clone", "-q", str(ROOT), str(folder)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in folder.parent.iterdir()) == ["project"], "something lies beside the clone"
    return folder


def run(clone: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}
    return subprocess.run([sys.executable, *args], cwd=clone, capture_output=True, text=True, env=env)


def test_a_fresh_clone_builds_strictly(clone: Path) -> None:
    result = run(clone, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(clone / "site"))
    assert result.returncode == 0, result.stdout + result.stderr
    assert (clone / "site" / "nn" / "kommunar" / "bomlo" / "index.html").is_file()


def test_a_fresh_clone_finds_its_translations_in_sync(clone: Path) -> None:
    result = run(clone, "-m", "municipal_guidelines", "translate", "--check")
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_fresh_clone_passes_the_tests_that_read_its_sources(clone: Path) -> None:
    result = run(clone, "-m", "pytest", "-q", "-p", "no:xdist", "tests/test_sources.py", "tests/test_model.py", "tests/test_site.py", "-k", "not fresh_clone")
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert " passed" in result.stdout and " failed" not in result.stdout
