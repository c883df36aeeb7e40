"""Stage 2 — guideline pages: rule permalinks, topic links and the metadata box.

A Python-Markdown treeprocessor, registered in ``on_config``, runs right after attr_list has put
each rule's ``id`` and ``data-topics`` on its ``<li>``/``<p>``: it adds a permalink (like a heading
permalink; site.js copies it on click) and links to the rule's topic pages. The links are written
as ``.md`` paths, so MkDocs resolves (and validates) them per language.
``on_page_content`` then inserts the metadata box (and, on a translation, the notice) after the h1,
rendered from ``overrides/hooks/guideline-header.html``.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from typing import Any

from guidelines import state
from guidelines.pages import LANGS
from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url
from rendering import render

TOPIC_LINK = "../tema/{id}.md"


class RuleTreeprocessor(Treeprocessor):
    """Adds topic links and a permalink to every element that carries ``data-topics``."""

    def __init__(self, md: Markdown, extension: RuleExtension) -> None:
        super().__init__(md)
        self.extension = extension

    def run(self, root: etree.Element) -> None:
        context = self.extension.context
        if context is None:
            return
        for element in list(root.iter()):
            topics = element.get("data-topics")
            rule_id = element.get("id")
            if topics is None or not rule_id:
                continue
            element.set("class", " ".join(filter(None, [element.get("class"), "rule"])))
            insert_meta(element, rule_meta(rule_id, topics.split(), context))


def rule_meta(rule_id: str, topic_ids: list[str], context: dict[str, Any]) -> etree.Element:
    """``<span class="rule-meta">`` with topic links and the permalink."""
    ui, labels = context["ui"], context["labels"]
    meta = etree.Element("span", {"class": "rule-meta"})
    for topic_id in topic_ids:
        link = etree.SubElement(meta, "a", {"class": "rule-topic", "href": TOPIC_LINK.format(id=topic_id)})
        link.text = labels.get(topic_id, topic_id)
    permalink = etree.SubElement(meta, "a", {"class": "rule-permalink", "href": f"#{rule_id}"})
    permalink.text = "¶"
    hidden = etree.SubElement(permalink, "span", {"class": "visually-hidden"})
    hidden.text = " " + ui["permalink"].format(id=rule_id)
    return meta


def insert_meta(element: etree.Element, meta: etree.Element) -> None:
    """Put ``meta`` after the element's own text: before a nested list, else at the end."""
    for index, child in enumerate(element):
        if child.tag in ("ul", "ol"):
            element.insert(index, meta)
            return
    element.append(meta)


class RuleExtension(Extension):
    """Holds the per-page context (language, labels) that ``on_page_markdown`` sets."""

    def __init__(self) -> None:
        super().__init__()
        self.context: dict[str, Any] | None = None

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Python-Markdown's API)
        # attr_list runs at priority 8; MkDocs' relative-link processor at 0.
        md.treeprocessors.register(RuleTreeprocessor(md, self), "guideline_rules", 7)


_extension = RuleExtension()


def is_guideline(page: Page) -> bool:
    path = state.page_path(page.file.src_uri)
    return path.startswith("kommunar/") and path != "kommunar/index.md"


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    _extension.context = None
    config.markdown_extensions.append(_extension)
    return config


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    if not is_guideline(page):
        _extension.context = None
        return markdown
    current = state.current()
    _extension.context = {
        "ui": current.ui,
        "labels": {t.id: t.label[current.lang] for t in current.model.topics},
    }
    return markdown


def language_urls(page: Page) -> dict[str, str]:
    """The page's URL in each language form, relative to the page itself."""
    prefix = state.lang_prefix(state.current().lang)
    in_root = page.url[len(prefix) :] if prefix and page.url.startswith(prefix) else page.url
    return {lang: get_relative_url(state.lang_prefix(lang) + in_root, page.url) for lang in LANGS}


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    _extension.context = None
    if not is_guideline(page):
        return html
    current = state.current()
    slug = state.page_path(page.file.src_uri).split("/")[-1].removesuffix(".md")
    guideline = current.model.guideline(slug, current.lang)
    if guideline is None:
        return html
    header = render(
        config,
        "hooks/guideline-header.html",
        guideline=guideline,
        ui=current.ui,
        lang=current.lang,
        urls=language_urls(page),
    )
    head, sep, rest = html.partition("</h1>")
    return head + sep + header + rest if sep else header + html
