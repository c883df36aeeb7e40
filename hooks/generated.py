"""Generated pages: overview, matrix, coverage, topic index and one page per topic.

Each is a real stub file per language (``matrise.nb.md``, ``tema/bilete.nn.md`` …) with
``generated: <kind>`` in its front matter: static-i18n drops ``File.generated`` pages (its issue
#263), stubs keep the language switcher and relative links working. ``on_page_content`` adds
the HTML rendered from ``overrides/hooks/<kind>.html`` (``place``: at the end; on the home page before its first section). ``on_nav`` adds each municipality under its county and
each topic under "Tema".
"""

from __future__ import annotations

import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from municipal_guidelines.layout import page_stem
from municipal_guidelines.render.generated import (
    generated_kind,
    place,
    profile_heading,
    template_context,
    topic_heading,
)
from municipal_guidelines.render.profile_pages import Subject, mark
from municipal_guidelines.site import state as build
from municipal_guidelines.site.mkdocs_env import add_to_navigation, asset_from, href_from, render

_ID = re.compile(r'\bid="([^"]+)"')


def on_nav(nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
    return add_to_navigation(build.current(config), nav, files, config)


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    kind = generated_kind(page.meta)
    if kind not in ("topic", "profile"):
        return markdown
    state = build.current(config)
    if kind == "topic":
        heading = topic_heading(state.model, str(page.meta.get("topic")), state.lang)
    else:
        heading = profile_heading(state.model, page_stem(page.file.src_uri), state.lang, state.ui)
    return heading + markdown if heading else markdown  # an unknown topic or municipality has failed the build already


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    kind = generated_kind(page.meta)
    if kind is None:
        return html
    state = build.current(config)
    subject = page_stem(page.file.src_uri) if kind == "profile" else str(page.meta.get("topic", ""))
    context = template_context(kind, state.model, state.lang, state.ui, href_from(state, page), subject)
    generated = render(state, config, f"hooks/{kind}.html", **context, asset=asset_from(page))
    if kind == "profile":
        heading_id = page.toc.items[0].id if page.toc.items else ""
        state.profile_shell = (page.url, context["href"], Subject(subject, page.title or "", heading_id))
        return mark(html, generated)
    # Let MkDocs validate Markdown links to anchors of the generated part (e.g. matrise.md#data).
    anchors = getattr(page, "present_anchor_ids", None)
    if anchors is not None:
        anchors.update(_ID.findall(generated))
    return place(kind, html, generated)

