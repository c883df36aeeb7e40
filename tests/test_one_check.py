"""One validation path: every page the build refuses, ``guidelines check`` refuses with the same
message. The cases are the bad pages of tests/test_matrix.py and tests/test_hostile.py (and the
page of issue 24: a paragraph joined to the list above it in alta.nb.md alone, which the build
refused and ``guidelines check`` passed). The build runs in this process (MkDocs' ``build``),
as ``mkdocs serve`` runs it; ``check`` through its ``main``."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import copy_project
from municipal_guidelines.cli import check
from municipal_guidelines.format.errors import CONTENT_ERRORS


def replace(relative: str, old: str, new: str) -> Callable[[Path], None]:
    def edit(project: Path) -> None:
        path = project / relative
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {relative}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    return edit


def delete_line(relative: str, pattern: str) -> Callable[[Path], None]:
    def edit(project: Path) -> None:
        path = project / relative
        text, count = re.subn(rf"^.*{pattern}.*\n", "", path.read_text(encoding="utf-8"), count=1, flags=re.M)
        assert count == 1, f"{pattern!r} not in {relative}"
        path.write_text(text, encoding="utf-8")

    return edit


def remove(relative: str) -> Callable[[Path], None]:
    return lambda project: (project / relative).unlink()


ALTA_NB, ALTA_NN = "docs/kommunar/alta.nb.md", "docs/kommunar/alta.nn.md"
JOIN_NB = replace(ALTA_NB, "\n\nSletting av kommentarer", "\nSletting av kommentarer")
JOIN_NN = replace(ALTA_NN, "\n\nSletting av kommentarar", "\nSletting av kommentarar")

# case -> the edits that break the copy of the project (as the tests named in the comments do)
BAD_PAGES: dict[str, list[Callable[[Path], None]]] = {
    # tests/test_matrix.py
    "unknown-topic": [replace("docs/kommunar/loten.nb.md", '#loten-6 data-topics="kontakt-brukarar"', '#loten-6 data-topics="kontakt-brukarar venner"')],
    "rule-without-topics": [replace(ALTA_NB, '{ #alta-3 data-topics="offisielle-kontoer" }', "{ #alta-3 }")],
    "unannotated-rule": [delete_line("docs/kommunar/frogn.nb.md", "#frogn-4 ")],
    "duplicate-rule-id": [replace("docs/kommunar/meraker.nb.md", "#meraker-2 ", "#meraker-1 ")],
    "missing-front-matter-field": [replace("docs/kommunar/bomlo.nn.md", "county: Vestland\n", "")],
    "translation-with-other-ids": [replace("docs/kommunar/loten.nn.md", "#loten-9 ", "#loten-99 ")],
    "raw-html-in-rule-text": [replace(ALTA_NB, "Henvendelser skal besvares innen rimelig tid.", 'Henvendelser skal <a href="x">besvares</a> innen rimelig tid.')],
    "missing-topic-page": [remove("docs/tema/sletting.nn.md")],
    "html-in-front-matter-and-unclosed-tag": [
        replace("docs/kommunar/loten.nb.md", 'adoption: "Punkt 11.2. i personalhåndboka"', 'adoption: "<i onmouseover=alert(1)>hei</i>"'),
        replace(ALTA_NB, "Henvendelser skal besvares", "Henvendelser <img src=x onerror=alert(1) skal besvares"),
    ],
    "rule-annotation-on-a-heading": [
        replace("docs/kommunar/frogn.nb.md", "## Vær profesjonell!", '## Vær profesjonell! { #x data-topics="--><img src=x onerror=alert(1) " }')
    ],
    "renders-otherwise-in-both-forms": [JOIN_NB, JOIN_NN],
    # issue 24: only bokmål, refused at alta.nb.md:54 by the build, passed by check
    "renders-otherwise-in-bokmal": [JOIN_NB],
    # tests/test_hostile.py
    "script-in-front-matter": [
        replace(f"docs/kommunar/loten.{lang}.md", "municipality: Løten", 'municipality: "Løten &#60;/title&#62;&#60;script&#62;alert(1)&#60;/script&#62;"')
        for lang in ("nb", "nn")
    ],
    "renders-otherwise-in-nynorsk": [JOIN_NN],
    "attribute-on-prose-nb": [replace("docs/kommunar/bomlo.nb.md", "{ .prosa }", '{ .prosa onmouseover="alert(1)" }')],
    "attribute-on-prose-nn": [replace("docs/kommunar/bomlo.nn.md", "{ .prosa }", '{ .prosa onmouseover="alert(1)" }')],
}


def build_refusal(project: Path, caplog: pytest.LogCaptureFixture) -> list[str]:
    """The problem lines of the error the build stops with (``mkdocs build --strict`` in-process)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    caplog.clear()
    with caplog.at_level(logging.ERROR), pytest.raises(MkDocsException):  # Abort after the error is logged
        build(load_config(str(project / "mkdocs.yml"), site_dir=str(project / "site"), strict=True))
    messages = [record.getMessage() for record in caplog.records if CONTENT_ERRORS in record.getMessage()]
    assert messages, f"the build failed without a content error: {[r.getMessage() for r in caplog.records]}"
    return [line for line in messages[0].splitlines() if line != CONTENT_ERRORS]


@pytest.mark.parametrize("case", sorted(BAD_PAGES))
def test_every_page_the_build_refuses_check_refuses_with_the_same_message(
    case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture
) -> None:
    project = copy_project(tmp_path / "project")
    for edit in BAD_PAGES[case]:
        edit(project)
    monkeypatch.chdir(project)
    assert check.main([]) == 1, "guidelines check passed a page the build refuses"
    checked = capsys.readouterr().err
    refused = build_refusal(project, caplog)
    missing = [line for line in refused if line not in checked.splitlines()]
    assert refused and missing == [], f"the build said:\n{chr(10).join(refused)}\n\nguidelines check said:\n{checked}"


def test_the_case_of_the_issue_is_refused_at_its_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    project = copy_project(tmp_path / "project")
    JOIN_NB(project)
    lines = (project / ALTA_NB).read_text(encoding="utf-8").splitlines()
    alta_13 = next(i for i, line in enumerate(lines) if "#alta-13 " in line)  # 0-based: the line of the text above it
    monkeypatch.chdir(project)
    assert check.main([]) == 1
    assert f"{ALTA_NB}:{alta_13}: sida blir vist annleis enn ho er skriven" in capsys.readouterr().err
