"""The importer on a long Word document (issue 25: 5,000 paragraphs in at most 5 s).

``guidelines bench --import-only`` (or ``--import-n N`` beside the build benchmarks) writes a .docx
of N short rule-like paragraphs (a Title, a level-2 heading every 50 paragraphs, two in three
paragraphs in "List Bullet"; the words drawn with a fixed seed, so every run imports the same
file) and imports it into a copy of the project, whose reviewed guidelines train the learned topic
and rule-or-prose models as a real import does. Each run is a fresh process
(``guidelines import … --no-translate``); the report gives the median wall and CPU time, the peak
memory and the sha256 of the page written, which must be the same in every run.
"""

from __future__ import annotations

import datetime
import hashlib
import os
import random
import shutil
import statistics
import sys
from pathlib import Path

from guidelines_dev.measure import run_module
from municipal_guidelines.layout import GUIDELINE_DIR
from municipal_guidelines.project import Project

TARGET_SECONDS = 5.0  # issue 25
PROJECT_PARTS = ("mkdocs.yml", "data", "docs", "sources")
SUBJECTS = ("Ansatte", "Du", "Ledere", "Alle som publiserer", "Redaktøren", "Den som administrerer kontoen", "Vikarer")
MODALS = ("skal", "må", "bør", "skal ikke", "må aldri", "kan")
ACTIONS = (
    "dele bilder av brukere", "svare på spørsmål fra innbyggere", "publisere taushetsbelagte opplysninger",
    "legge ut informasjon om ulykker", "bruke kommunens logo", "slette kommentarer som er trakasserende",
    "arkivere henvendelser som gjelder saksbehandling", "uttale seg på vegne av kommunen", "ta skjermbilder av innlegg",
    "melde fra til nærmeste leder", "opptre høflig og saklig", "skrive klart og enkelt språk",
)
CONTEXTS = (
    "i sosiale medier", "på Facebook", "uten skriftlig samtykke", "i arbeidstiden", "på kommunens side",
    "ved kriser og alvorlige hendelser", "fra private kontoer", "når du omtaler kolleger",
)


def paragraphs(count: int, seed: int = 1) -> list[str]:
    """``count`` rule-like sentences of about twelve words, each with its own number."""
    rng = random.Random(seed)
    return [
        f"{rng.choice(SUBJECTS)} {rng.choice(MODALS)} {rng.choice(ACTIONS)} {rng.choice(CONTEXTS)} (punkt {n})."
        for n in range(1, count + 1)
    ]


def make_docx(path: Path, count: int, seed: int = 1) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("Retningslinjer for bruk av sosiale medier i Testby kommune", style="Title")
    for n, text in enumerate(paragraphs(count, seed)):
        if n % 50 == 0:
            document.add_paragraph(f"Del {n // 50 + 1}", style="Heading 2")
        document.add_paragraph(text, style="List Bullet" if n % 3 else None)
    document.core_properties.created = datetime.datetime(2026, 1, 1)
    document.core_properties.modified = datetime.datetime(2026, 1, 1)
    document.save(path)


def copy_project(source: Path, target: Path) -> None:
    target.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        if (source / part).is_dir():
            shutil.copytree(source / part, target / part, ignore=shutil.ignore_patterns("vendor"))
        elif (source / part).exists():
            shutil.copy2(source / part, target / part)


def import_once(project: Path, document: Path) -> tuple[float, float, float, str, float]:
    """One ``guidelines import`` in a fresh process: wall and CPU seconds, peak MB, sha256 of the
    page, and the machine's load average (1 minute) when it started."""
    page = project / "docs" / GUIDELINE_DIR / "testby.nb.md"
    for leftover in (page, *(project / "sources").glob("testby.*")):
        leftover.unlink(missing_ok=True)
    load = os.getloadavg()[0]
    run = run_module("municipal_guidelines", ["import", str(document), "--name", "Testby", "--number", "9999",
                                              "--county", "Testfylke", "--lang", "nb", "--no-translate"], project)
    if run.returncode != 0:
        raise RuntimeError(f"the import failed: {run.stderr}")
    return run.seconds, run.cpu_seconds, run.max_rss_mb, hashlib.sha256(page.read_bytes()).hexdigest(), load


def import_benchmark(tmp: Path, count: int, runs: int, root: Path | None = None) -> dict:
    project = tmp / f"import{count}"
    copy_project(root or Project.find().root, project)
    document = tmp / f"p{count}.docx"
    make_docx(document, count)
    measured = []
    for _ in range(runs):
        measured.append(import_once(project, document))
        print(f"import of {count} paragraphs: {measured[-1][0]:.2f} s wall, {measured[-1][1]:.2f} s CPU, load {measured[-1][4]:.1f}", file=sys.stderr)
    pages = {m[3] for m in measured}
    if len(pages) != 1:
        raise RuntimeError(f"the runs wrote different pages: {sorted(pages)}")
    return {
        "count": count,
        "bytes": document.stat().st_size,
        "wall": statistics.median(m[0] for m in measured),
        "cpu": statistics.median(m[1] for m in measured),
        "rss": max(m[2] for m in measured),
        "walls": [m[0] for m in measured],
        "loads": [m[4] for m in measured],
        "sha256": pages.pop(),
    }


def render_import(result: dict, runs: int) -> list[str]:
    verdict = "met" if result["wall"] <= TARGET_SECONDS else "missed"
    return [
        "",
        f"## Import of a {result['count']:,}-paragraph .docx",
        "",
        f"`guidelines import` of a generated .docx ({result['bytes'] / 1024:.0f} KB, {result['count']:,} short rule-like "
        "paragraphs, `guidelines_dev/import_bench.py`) into a copy of the project (its reviewed guidelines train the "
        f"learned models), `--no-translate`; median of {runs} runs, each a fresh process; {os.cpu_count()} cores, "
        f"load average {', '.join(f'{load:.1f}' for load in result['loads'])} as the runs started (other work on the "
        "shared machine makes the wall time longer).",
        "",
        "| wall (s) | CPU (s) | peak memory (MB) | runs, wall (s) | target | page written (sha256) |",
        "|---|---|---|---|---|---|",
        f"| {result['wall']:.2f} | {result['cpu']:.2f} | {result['rss']:.0f} | {', '.join(f'{w:.2f}' for w in result['walls'])} "
        f"| ≤ {TARGET_SECONDS:.0f} s: {verdict} | `{result['sha256'][:16]}…` |",
    ]
