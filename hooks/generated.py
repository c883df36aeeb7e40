"""Stage 3 — generated pages: overview, matrix, coverage, topic index and one page per topic.

Each generated page is a real stub file per language (``matrise.nb.md``, ``tema/bilete.nn.md`` …)
with ``generated: <kind>`` in its front matter: static-i18n drops ``File.generated`` pages (its
issue #263), stubs keep the language switcher and relative links working. ``on_page_content``
appends the HTML rendered from ``overrides/hooks/<kind>.html``; search indexes it afterwards.
The model was built in ``on_pre_build`` (hooks/collect.py) from the files themselves, so the order
in which MkDocs reads pages does not matter.

``on_nav`` (after static-i18n has filtered the files to the current language) adds each
municipality under its county in the "Kommunar" section and each topic under "Tema".
"""

from __future__ import annotations

import re
from itertools import groupby
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation, Section, _add_parent_links, _add_previous_and_next_links, _get_by_type
from mkdocs.structure.pages import Page

from guidelines import state
from guidelines.exports import EXPORT_DIR
from guidelines.matrix import Column, Matrix, sort_key
from guidelines.pages import LANGS
from rendering import href_from, render

_ID = re.compile(r'\bid="([^"]+)"')
_NOINDEX_START, _NOINDEX_END = "<!-- noindex -->", "<!-- /noindex -->"
_PLACEHOLDER = "<!-- generated region {} -->"
FULL_MATRIX_MAX = 12  # above this many municipalities the matrix is not one full table
DEFAULT_COLUMNS = 4  # columns the large matrix shows before the user picks
KINDS = ("overview", "matrix", "coverage", "topics", "topic")



def generated_kind(page: Page) -> str | None:
    kind = page.meta.get("generated")
    return kind if kind in KINDS else None


# --- navigation ------------------------------------------------------------------------------


def _find_section(items: list, src_uri: str) -> Section | None:
    for item in items:
        if isinstance(item, Section):
            if any(isinstance(child, Page) and state.page_path(child.file.src_uri) == src_uri for child in item.children):
                return item
            found = _find_section(item.children, src_uri)
            if found:
                return found
    return None


def _page(title: str, path: str, files: Files, config: MkDocsConfig) -> Page | None:
    """A nav entry for ``path`` (unsuffixed) in the current language."""
    stem = path.removesuffix(".md")
    file = files.get_file_from_path(f"{stem}.{state.current().lang}.md") or files.get_file_from_path(path)
    return Page(title, file, config) if file is not None else None


def on_nav(nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
    current = state.current()
    matrix = current.model.matrices[current.lang]
    municipalities = _find_section(nav.items, "kommunar/index.md")
    if municipalities is not None:
        for county, group in counties(matrix):
            pages = [_page(c.municipality, f"kommunar/{c.slug}.md", files, config) for c in group]
            municipalities.children.append(Section(county, [p for p in pages if p is not None]))
    topics = _find_section(nav.items, "tema/index.md")
    if topics is not None:
        for topic in current.model.topics:
            page = _page(topic.label[current.lang], f"tema/{topic.id}.md", files, config)
            if page is not None:
                topics.children.append(page)
    nav.pages = _get_by_type(nav.items, Page)
    _add_previous_and_next_links(nav.pages)
    _add_parent_links(nav.items)
    return nav


# --- page content ----------------------------------------------------------------------------


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    if generated_kind(page) != "topic":
        return markdown
    current = state.current()
    topic = current.model.topic(str(page.meta.get("topic")))
    if topic is None:
        return markdown  # collect.py has already failed the build for unknown topic pages
    lang = current.lang
    return f"# {topic.label[lang]}\n\n{topic.description[lang]}\n\n{markdown}"


def counties(matrix: Matrix) -> list[tuple[str, list[Column]]]:
    """Municipalities grouped by county, both in Norwegian alphabetical order (æ, ø, å last)."""
    columns = sorted(matrix.columns, key=lambda c: (sort_key(c.county), sort_key(c.municipality)))
    return [(county, list(group)) for county, group in groupby(columns, key=lambda c: c.county)]


def template_context(kind: str, page: Page, matrix: Matrix) -> dict[str, Any]:
    current = state.current()
    large = len(matrix.columns) > FULL_MATRIX_MAX
    context: dict[str, Any] = {
        "matrix": matrix,
        "large": large,
        # With many municipalities the matrix page shows a few columns and loads others on demand,
        # and quotes skip the original text (the linked rule's page links to its original).
        "shown": matrix.columns[:DEFAULT_COLUMNS] if large else matrix.columns,
        "show_originals": not large,
        "counties": counties(matrix) if large else [],
        "export_dir": EXPORT_DIR,
        "ui": current.ui,
        "lang": current.lang,
        "langs": LANGS,
        "href": href_from(page),
        "exports": {fmt: f"{EXPORT_DIR}/matrix.{fmt}" for fmt in ("json", "csv")},
    }
    if kind == "topic":
        context["topic"] = current.model.topic(str(page.meta.get("topic")))
    return context


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    kind = generated_kind(page)
    if kind is None:
        return html
    current = state.current()
    matrix = current.model.matrices[current.lang]
    generated = render(config, f"hooks/{kind}.html", **template_context(kind, page, matrix))
    indexed, held = hold_back(generated)
    # Let MkDocs validate Markdown links to anchors of the generated part (e.g. matrise.md#data).
    # Only the indexed part: the held-back tables' ids (one per card or rule) are not link targets
    # of any page, and scanning 25 MB of topic pages for them cost a second at national scale.
    anchors = getattr(page, "present_anchor_ids", None)
    if anchors is not None:
        anchors.update(_ID.findall(indexed))
    current.held[page.file.src_uri] = held
    return html + indexed


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


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    held = state.current().held.pop(page.file.src_uri, None)
    return restore(output, held) if held else output
