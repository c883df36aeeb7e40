"""Shared fixtures: build the real site once into a temp dir; copy the project for bad-input tests."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT / "sources"  # the texts as received, with their provenance (sources/<slug>.yml)

PROJECT_PARTS = ("mkdocs.yml", "docs", "hooks", "overrides", "data", "sources")
MUNICIPALITIES = {  # slug -> (source file in sources/, language form of the original)
    "loten": ("loten.txt", "nb"),
    "alta": ("alta.txt", "nb"),
    "meraker": ("meraker.txt", "nb"),
    "frogn": ("frogn.txt", "nb"),
    "bomlo": ("bomlo.txt", "nn"),
}
LANGS = ("nb", "nn")


def run_build(project: Path, site: Path, *extra: str) -> subprocess.CompletedProcess:
    """``mkdocs build --strict`` of ``project`` into ``site``, as a user runs it."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(project / "mkdocs.yml"), "-d", str(site), *extra],
        capture_output=True,
        text=True,
        env=env,
        cwd=project,
    )


def build_here(project: Path, site: Path) -> tuple[bool, str]:
    """``mkdocs build --strict`` of ``project`` into ``site`` in this process (MkDocs' ``build``, as
    ``mkdocs serve`` runs it; no interpreter to start): whether it succeeded, and every message it
    logged, one per line."""
    import logging

    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    class Collect(logging.Handler):
        def __init__(self) -> None:
            super().__init__(logging.INFO)
            self.lines: list[str] = []

        def emit(self, record: logging.LogRecord) -> None:
            self.lines.append(record.getMessage())

    handler, logger = Collect(), logging.getLogger("mkdocs")
    logger.addHandler(handler)
    level, logger.level = logger.level, logging.INFO
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    try:
        build(load_config(str(project / "mkdocs.yml"), site_dir=str(site), strict=True))
        ok = True
    except MkDocsException as exc:
        handler.lines.append(str(exc))
        ok = False
    finally:
        logger.removeHandler(handler)
        logger.level = level
    return ok, "\n".join(handler.lines)


def step_through(process: subprocess.Popen, project: Path, edits, after: Callable[[int], None] | None = None) -> list[dict]:
    """Drive a build process that waits for ``project/next`` before each step and prints a JSON
    line after it: make each edit, let it build, read its report (then ``after(step number)``)."""
    reports = []
    try:
        for number, edit in enumerate(edits):
            while not (project / "next").exists():
                assert process.poll() is None, process.stderr.read()
                time.sleep(0.02)
            edit()
            (project / "next").unlink()
            line = process.stdout.readline()
            assert line, process.stderr.read()
            reports.append(json.loads(line))
            if after is not None:
                after(number)
    finally:
        process.kill()
    return reports


def copy_project(target: Path) -> Path:
    target.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, target / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, target / part)
    return target


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site, built once with --strict."""
    out = tmp_path_factory.mktemp("site")
    result = run_build(ROOT, out)
    assert result.returncode == 0, f"mkdocs build --strict failed:\n{result.stdout}\n{result.stderr}"
    return out


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    """A throwaway copy of the project to break on purpose."""
    return copy_project(tmp_path / "project")


def url_to_file(site: Path, url_path: str) -> Path:
    """``nn/kommunar/loten/`` → site/nn/kommunar/loten/index.html."""
    path = site / url_path.split("#")[0].split("?")[0].lstrip("/")
    return path / "index.html" if url_path.endswith("/") or path.is_dir() else path


def soup(site: Path, url_path: str) -> BeautifulSoup:
    return BeautifulSoup(url_to_file(site, url_path).read_text(encoding="utf-8"), "html.parser")


def lang_root(lang: str) -> str:
    return "" if lang == "nb" else f"{lang}/"
