"""Several builds in one process, as ``mkdocs serve`` runs them: a page changed, one added and one
deleted between builds, and each build shows exactly the pages as they are (no state from an
earlier build, a parsed page of a deleted file dropped from the cache)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

from conftest import step_through
from municipal_guidelines.format import stubs as stub_pages

# Runs in a fresh interpreter: loads the configuration anew for every build, as `mkdocs serve`
# does, and reports after each build what the site and the cache of parsed pages hold.
BUILDS = r"""
import json, os, sys
from pathlib import Path
from mkdocs.commands.build import build
from mkdocs.config import load_config
from municipal_guidelines.site.state import shared_cache
from municipal_guidelines.project import Project

project, site = Path(sys.argv[1]), Path(sys.argv[2])
for step in sys.argv[3:]:
    Path(project / "next").write_text(step)
    while (project / "next").exists():  # the test edits the pages, then removes "next"
        os.sched_yield()
    build(load_config(str(project / "mkdocs.yml"), site_dir=str(site)))
    matrix = {lang: json.loads((site / root / "data" / "matrix.json").read_text()) for lang, root in (("nb", ""), ("nn", "nn"))}
    cached = sorted(p.name for p in shared_cache(Project(project)).pages)
    print(json.dumps({"step": step, "matrix": matrix, "cached": cached}), flush=True)
"""


def rules_of(matrix: dict, slug: str) -> dict[str, str]:
    return {r["rule_id"]: r["text"] for r in matrix["rules"] if r["rule_id"].startswith(f"{slug}-")}


def add_municipality(kommunar: Path) -> None:
    """A new municipality: Alta's pages under another name, number and rule ids."""
    for lang in ("nb", "nn"):
        text = (kommunar / f"alta.{lang}.md").read_text(encoding="utf-8")
        text = re.sub(r"^municipality: .*$", "municipality: Testvik", text, count=1, flags=re.M)
        text = re.sub(r'^municipality_number: .*$', 'municipality_number: "9901"', text, count=1, flags=re.M)
        text = re.sub(r"^(source|original_sha256|translator|translation_sha256): .*\n", "", text, flags=re.M)
        (kommunar / f"testvik.{lang}.md").write_text(text.replace("#alta-", "#testvik-"), encoding="utf-8")
    stub_pages.sync(kommunar.parent, kommunar.parents[1] / "data" / "topics.yml")  # its profile pages, as the importer writes them


def test_changed_added_and_deleted_pages_between_builds_in_one_process(project: Path, tmp_path: Path) -> None:
    kommunar = project / "docs" / "kommunar"
    site = tmp_path / "site"
    edits = {
        "first": lambda: None,
        "changed": lambda: (kommunar / "loten.nb.md").write_text(
            (kommunar / "loten.nb.md").read_text(encoding="utf-8").replace("Vær gjerne aktiv", "Ver gjerne ENDRA aktiv", 1), encoding="utf-8"
        ),
        "added": lambda: add_municipality(kommunar),
        "deleted": lambda: [(folder / f"frogn.{lang}.md").unlink() for lang in ("nb", "nn") for folder in (kommunar, kommunar.parent / "profil")],
    }
    process = subprocess.Popen(
        [sys.executable, "-c", BUILDS, str(project), str(site), *edits],
        cwd=project, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"},
    )
    reports = step_through(process, project, edits.values())
    first, changed, added, deleted = reports
    assert [r["step"] for r in reports] == list(edits)

    slugs = [[m["slug"] for m in report["matrix"]["nb"]["municipalities"]] for report in reports]
    assert slugs[0] == slugs[1] == ["alta", "bomlo", "frogn", "loten", "meraker"]
    assert slugs[2] == ["alta", "bomlo", "frogn", "loten", "meraker", "testvik"]
    assert slugs[3] == ["alta", "bomlo", "loten", "meraker", "testvik"]
    for report in reports:  # each language form's matrix holds its own pages only
        assert [m["slug"] for m in report["matrix"]["nn"]["municipalities"]] == [m["slug"] for m in report["matrix"]["nb"]["municipalities"]]
        assert report["matrix"]["nn"]["language"] == "nn"

    assert "ENDRA" not in json.dumps(first["matrix"])
    assert any("Ver gjerne ENDRA aktiv" in text for text in rules_of(changed["matrix"]["nb"], "loten").values())
    assert rules_of(added["matrix"]["nb"], "testvik").keys() == {r.replace("alta-", "testvik-") for r in rules_of(added["matrix"]["nb"], "alta")}
    assert rules_of(deleted["matrix"]["nb"], "frogn") == {} and rules_of(deleted["matrix"]["nn"], "frogn") == {}

    assert "frogn.nb.md" in added["cached"] and "testvik.nn.md" in added["cached"]
    assert "frogn.nb.md" not in deleted["cached"] and "frogn.nn.md" not in deleted["cached"]
    assert not (site / "kommunar" / "frogn").exists() and (site / "kommunar" / "testvik" / "index.html").is_file()
    overview = (site / "kommunar" / "index.html").read_text(encoding="utf-8")
    assert "Testvik" in overview and "Frogn" not in overview
