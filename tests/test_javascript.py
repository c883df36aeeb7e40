"""The site's scripts' logic in Node (node --test, tests/js/), with the settings the site hands
them, and the draft builder's Markdown read by the site's own page grammar: a draft the browser
writes is a page the site accepts."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import yaml

from conftest import ROOT
from municipal_guidelines.format.guideline import parse_guideline, read_page_text
from municipal_guidelines.project import Project
from municipal_guidelines.render.draft import draft_settings
from municipal_guidelines.validation import render_page, rendered_problems, site_markdown

NODE = shutil.which("node") or "node"


def settings(lang: str = "nn") -> dict:
    ui = yaml.safe_load((ROOT / "data" / "ui.yml").read_text(encoding="utf-8"))[lang]
    return draft_settings(ui, lang, lambda url: url)


def test_the_scripts_unit_tests_pass() -> None:
    tests = sorted((ROOT / "tests" / "js").glob("*.test.mjs"))
    assert tests
    result = subprocess.run([NODE, "--test", *map(str, tests)], capture_output=True, text=True, env={**os.environ, "DRAFT_SETTINGS": json.dumps(settings())})
    assert result.returncode == 0, result.stdout + result.stderr
    assert "# fail 0" in result.stdout and "# pass 0" not in result.stdout, result.stdout


HOSTILE = [
    "Svar innan 2 < 3 dagar & ver høfleg {#x .y} <img src=x onerror=alert(1)>",
    "1. Ikkje ei liste",
    "- heller ikkje",
    "# ikkje ei overskrift",
    "&lt;script&gt; &#60; \u200b\u2028usynleg\u0007",
    "`kode` *stjerne* _strek_ [lenkje](javascript:alert(1)) ![bilete](https://x.example/a.png)",
    "> sitat | tabell |",
]


def test_a_draft_the_browser_writes_is_a_page_the_site_accepts(tmp_path: Path) -> None:
    draft = {
        "title": "Retningslinjer <b>for</b> {sosiale} medium",
        "meta": {"municipality": "Nye Bømlo", "number": "4613", "county": "Vestland"},
        "groups": [
            {"label": "Rolle {#x}", "rules": [
                {"text": text, "topics": ["rolle"], "municipality": "Alta", "id": f"alta-{i}", "url": f"../alta/#alta-{i}"}
                for i, text in enumerate(HOSTILE, 1)
            ]},
        ],
    }
    program = (
        "const { create } = require(process.argv[1]);"
        "const [settings, draft] = JSON.parse(process.argv[2]);"
        "process.stdout.write(create(settings).toMarkdown(draft));"
    )
    script = ROOT / "docs" / "assets" / "javascripts" / "draft-markdown.js"
    result = subprocess.run([NODE, "-e", program, str(script), json.dumps([settings(), draft])], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    page = tmp_path / "nye-bomlo.nn.md"
    page.write_text(result.stdout, encoding="utf-8")
    guideline = parse_guideline(result.stdout, page, "nye-bomlo.nn.md")  # raises on anything the site refuses
    assert [rule.id for rule in guideline.rules] == [f"nye-bomlo-{i}" for i in range(1, len(HOSTILE) + 1)]
    assert guideline.meta.municipality == "Nye Bømlo" and guideline.prose == len(HOSTILE)
    assert all(rule.kind == "li" and rule.topics == ("rolle",) for rule in guideline.rules)
    # and it renders as the build renders it, passing the build's checks of the rendered text
    html = render_page(site_markdown(Project(ROOT)), read_page_text(result.stdout, "nye-bomlo.nn.md"))
    assert rendered_problems(html, result.stdout, "nye-bomlo.nn.md", guideline) == []
    assert not re.search(r"<(?:img|b|script|a href=\"javascript)", html), html  # all of it shown as text
