"""Incremental rebuilds as ``guidelines serve`` (``mkdocs serve --dirty``) runs them, in one
process: after each edit the served site is rebuilt in place (hooks/incremental.py), and then it
must hold exactly what a full build of the same pages gives beside it (every file but Pagefind's,
whose names carry hashes; the search index is rebuilt in the background too). An edit of a guideline's
text, one that takes a rule out of a group of shared wording and one that puts a rule into one
(other municipalities' notes swapped or rendered), a changed topic: incremental; a page added and
one deleted: a full build."""

from __future__ import annotations

import filecmp
import json
import os
import re
import subprocess
import sys
from pathlib import Path

from test_rebuild import add_municipality

from conftest import step_through
from municipal_guidelines.model.site import load_site
from municipal_guidelines.project import Project

# Runs in a fresh interpreter with serve's command line (static-i18n reads --dirty from it), builds
# as serve's builder does (a new config each time, dirty, the dev server's address as site_url),
# and reports after each build whether it was incremental; the test edits between builds.
BUILDS = r"""
import json, os, sys
from pathlib import Path
project, served, fresh, steps = Path(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4:]
sys.argv = ["mkdocs", "serve", "--dirty"]
from mkdocs.commands.build import build
from mkdocs.config import load_config
from municipal_guidelines.site import incremental

incremental.enable()
URL = "http://127.0.0.1:8000/"

def serve_build(site):
    config = load_config(str(project / "mkdocs.yml"), site_dir=site)
    config.site_url = URL
    build(config, serve_url=URL, dirty=True)
    incremental.wait()  # the tables and the search index, written after the rebuild is served
    return config[incremental.KEY].plan

for number, step in enumerate(steps):
    (project / "next").write_text(step)
    while (project / "next").exists():  # the test edits the pages, then removes "next"
        os.sched_yield()
    plan = serve_build(served)
    served_from = dict(incremental._previous)  # a full build of the same pages beside it, to compare
    incremental.forget_all()
    serve_build(f"{fresh}-{number}")
    incremental._previous.update(served_from)
    print(json.dumps({"step": step, "incremental": plan is not None,
                      "rendered": sorted(plan.pages["nb"]) if plan else [], "swapped": sorted(plan.notes) if plan else []}), flush=True)
"""


def replace_rule_text(page: Path, line: int, text: str) -> None:
    """The text of the rule on ``line`` (1-based) replaced, its list marker kept."""
    lines = page.read_text(encoding="utf-8").split("\n")
    lines[line - 1] = re.match(r"\s*(- )?", lines[line - 1]).group(0) + text
    page.write_text("\n".join(lines), encoding="utf-8")


def differences(fresh: Path, served: Path) -> list[str]:
    """Every file (but Pagefind's) that is not byte for byte the same in both sites, or is in one only."""
    def files(root: Path) -> set[str]:
        return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file() and p.relative_to(root).parts[0] != "pagefind"}

    found, kept = files(fresh), files(served)
    return sorted(found ^ kept) + sorted(name for name in found & kept if not filecmp.cmp(fresh / name, served / name, shallow=False))


def test_incremental_rebuilds_serve_what_a_full_build_makes(project: Path, tmp_path: Path) -> None:
    kommunar = project / "docs" / "kommunar"
    model = load_site(project / "docs", Project(project).topics_file)
    frogn = {rule.id: rule for rule in model.guideline("frogn", "nb").rules}
    bomlo = {rule.id: rule for rule in model.guideline("bomlo", "nb").rules}
    assert model.shared.group("frogn-4").rule_ids == ("frogn-4", "meraker-4")
    assert model.shared.group("frogn-1") is None and model.shared.group("bomlo-1").rule_ids == ("bomlo-1", "loten-2")

    def retopic() -> None:  # frogn-3 gets a topic more, in both language forms (they share topics)
        for lang in ("nb", "nn"):
            page = kommunar / f"frogn.{lang}.md"
            page.write_text(page.read_text(encoding="utf-8").replace('{ #frogn-3 data-topics="rolle omdome" }', '{ #frogn-3 data-topics="rolle omdome bilete" }'), encoding="utf-8")

    edits = {
        "first": lambda: None,
        "text": lambda: (kommunar / "loten.nb.md").write_text(
            (kommunar / "loten.nb.md").read_text(encoding="utf-8").replace("Vær gjerne aktiv i sosiale", "Vær gjerne ENDRA aktiv i sosiale", 1), encoding="utf-8"
        ),
        "out of a group": lambda: replace_rule_text(kommunar / "frogn.nb.md", frogn["frogn-4"].line, "Skriv aldri om vêret på kontorets vegne, heller ikkje om sommaren."),
        "into a group": lambda: replace_rule_text(kommunar / "frogn.nb.md", frogn["frogn-1"].line, bomlo["bomlo-1"].text),
        "topic": retopic,
        "added": lambda: add_municipality(kommunar),
        "deleted": lambda: [(folder / f"alta.{lang}.md").unlink() for lang in ("nb", "nn") for folder in (kommunar, kommunar.parent / "profil")],
        "again": lambda: (kommunar / "loten.nb.md").write_text(
            (kommunar / "loten.nb.md").read_text(encoding="utf-8").replace("ENDRA", "ENDRA IGJEN", 1), encoding="utf-8"
        ),
    }
    served, fresh = tmp_path / "served", tmp_path / "fresh"
    process = subprocess.Popen(
        [sys.executable, "-c", BUILDS, str(project), str(served), str(fresh), *edits],
        cwd=project, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    steps, differ = list(edits), {}

    def compare(number: int) -> None:
        differ[steps[number]] = differences(Path(f"{fresh}-{number}"), served)

    reports = dict(zip(steps, step_through(process, project, edits.values(), after=compare), strict=True))
    assert differ == {step: [] for step in edits}

    incremental = {step: report["incremental"] for step, report in reports.items()}
    assert incremental == {
        "first": False, "text": True, "out of a group": True, "into a group": True, "topic": True, "added": False, "deleted": False, "again": True,
    }
    text = reports["text"]["rendered"]
    assert "kommunar/loten.md" in text and "matrise.md" in text and "profil/alta.md" in text  # the profile whose frame the others get
    assert "kommunar/frogn.md" not in text and "kommunar/meraker.md" not in text
    assert "meraker" in reports["out of a group"]["swapped"]  # its rule's note on frogn-4 is gone
    assert {"bomlo", "loten"} <= set(reports["into a group"]["swapped"])  # their notes now name Frogn
    assert "tema/bilete.md" in reports["topic"]["rendered"]

    matrix = json.loads((served / "data" / "matrix.json").read_text(encoding="utf-8"))
    assert any("ENDRA IGJEN" in rule["text"] for rule in matrix["rules"]) and not any(rule["rule_id"].startswith("alta-") for rule in matrix["rules"])
    assert "ENDRA IGJEN" in (served / "kommunar" / "loten" / "index.html").read_text(encoding="utf-8")
