"""The page format's rules reach draft.js from Python (render/draft.py) instead of being written
again in the script: the script reads them from its settings, and each pattern means in
JavaScript what it means in Python (run in Node, on names, ids and numbers editors write)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess

from conftest import ROOT
from municipal_guidelines.render.draft import SCRIPT_UI, draft_settings, page_rules

SAMPLES = [
    "loten-1", "alta-26", "a", "9999", "0301", "123", "12345", "Løten-1", "loten_1", "loten--1", "-loten", "loten-",
    "bømlo", "aurskog-holand", "x1-y2-z3", " 1234", "1234\n", "٣٤٥٦", "１２３４", "loten-1\n", "",
]


def test_the_settings_carry_the_rules_and_the_script_uses_them_instead_of_its_own() -> None:
    settings = draft_settings({key: key for key in SCRIPT_UI}, "nb", lambda url: url)
    assert settings["rules"] == page_rules()
    script = "".join((ROOT / "docs" / "assets" / "javascripts" / name).read_text(encoding="utf-8") for name in ("draft.js", "draft-markdown.js"))
    for key in page_rules():
        assert re.search(rf"(pageFormat|settings\.rules)\.{key}\b", script), f"the draft scripts do not use the settings' {key}"
    assert "[a-z0-9]+(?:-" not in script and "<= 80" not in script and "0, 300)" not in script, "a rule written again in draft.js"


def test_each_pattern_means_the_same_in_javascript_and_python() -> None:
    patterns = {key: value for key, value in page_rules().items() if isinstance(value, str)}
    program = (
        "const [patterns, samples] = JSON.parse(process.argv[1]);"
        "console.log(JSON.stringify(Object.fromEntries(Object.entries(patterns).map(([k, p]) => [k, samples.map(s => new RegExp(p).test(s))]))));"
    )
    result = subprocess.run([shutil.which("node") or "node", "-e", program, json.dumps([patterns, SAMPLES])], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    in_javascript = json.loads(result.stdout)
    # Python reads the same text with re.ASCII and fullmatch, as format/fields.py does (an id's
    # pattern never meets a line end: it is read from inside an attribute).
    in_python = {key: [re.fullmatch(p.removeprefix("^").removesuffix("$"), s, re.ASCII) is not None for s in SAMPLES] for key, p in patterns.items()}
    assert in_javascript == in_python
    assert any(in_python["id"]) and not all(in_python["id"]) and any(in_python["number"])
