"""The generated pages (overview, matrix, coverage, topic index, one page per topic): what their
templates get, and the regions held out of the search index. No MkDocs needed."""

from __future__ import annotations

from collections.abc import Callable
from itertools import groupby
from typing import Any

from municipal_guidelines.layout import EXPORT_DIR, GUIDELINE_DIR, LANGS
from municipal_guidelines.model.matrix import Column, Matrix, sort_key
from municipal_guidelines.model.site import SiteModel

KINDS = ("overview", "matrix", "coverage", "topics", "topic", "draft")
FULL_MATRIX_MAX = 12  # above this many municipalities the matrix is not one full table
DEFAULT_COLUMNS = 4  # columns the large matrix shows before the user picks
EXPORT_FORMATS = ("json", "csv")
_NOINDEX_START, _NOINDEX_END = "<!-- noindex -->", "<!-- /noindex -->"
_PLACEHOLDER = "<!-- generated region {} -->"


def generated_kind(meta: dict[str, Any]) -> str | None:
    kind = meta.get("generated")
    return kind if kind in KINDS else None


def counties(matrix: Matrix) -> list[tuple[str, list[Column]]]:
    """Municipalities grouped by county, both in Norwegian alphabetical order (æ, ø, å last)."""
    columns = sorted(matrix.columns, key=lambda c: (sort_key(c.county), sort_key(c.municipality)))
    return [(county, list(group)) for county, group in groupby(columns, key=lambda c: c.county)]


def topic_heading(model: SiteModel, topic_id: str, lang: str) -> str | None:
    """The Markdown a topic page starts with: its name and description (None for an unknown topic)."""
    topic = model.topic(topic_id)
    return f"# {topic.label[lang]}\n\n{topic.description[lang]}\n\n" if topic else None


def template_context(
    kind: str, model: SiteModel, lang: str, ui: dict[str, Any], href: Callable[[str], str], topic_id: str = ""
) -> dict[str, Any]:
    """What ``overrides/hooks/<kind>.html`` gets."""
    matrix = model.matrices[lang]
    large = len(matrix.columns) > FULL_MATRIX_MAX
    context: dict[str, Any] = {
        "matrix": matrix,
        "large": large,
        # With many municipalities the matrix page shows a few columns and loads others on demand,
        # and quotes skip the original text (the linked rule's page links to its original).
        "shown": matrix.columns[:DEFAULT_COLUMNS] if large else matrix.columns,
        "show_originals": not large,
        "counties": counties(matrix) if large else [],
        "municipality_exports": f"{EXPORT_DIR}/{GUIDELINE_DIR}/",
        "ui": ui,
        "lang": lang,
        "langs": LANGS,
        "href": href,
        "exports": {fmt: f"{EXPORT_DIR}/matrix.{fmt}" for fmt in EXPORT_FORMATS},
    }
    if kind == "topic":
        context["topic"] = model.topic(topic_id)
    return context


def hold_back(html: str) -> tuple[str, list[str]]:
    """Cut the ``<!-- noindex -->…<!-- /noindex -->`` regions out of ``html``.

    Those regions (the matrix table, topic cards, coverage table) repeat rules that the guideline
    pages already put in the search index. Material's search parses ``page.content`` in
    ``on_page_context``; regions held back until ``on_post_page`` are neither parsed (the largest
    cost of a build at national scale) nor indexed. Returns the HTML with numbered placeholders and
    the regions. (Plain ``str.find``: a regex with ``.*?`` over 700 KB topic pages was slow.)
    """
    held: list[str] = []
    parts: list[str] = []
    position = 0
    while (start := html.find(_NOINDEX_START, position)) != -1:
        end = html.find(_NOINDEX_END, start)
        if end == -1:
            break
        parts += [html[position:start], _PLACEHOLDER.format(len(held))]
        held.append(html[start + len(_NOINDEX_START) : end])
        position = end + len(_NOINDEX_END)
    parts.append(html[position:])
    return "".join(parts), held


def restore(html: str, held: list[str]) -> str:
    for index, region in enumerate(held):
        html = html.replace(_PLACEHOLDER.format(index), region, 1)
    return html
