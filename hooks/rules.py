"""Stage 2 — guideline pages: rule permalinks, topic links and the metadata box.

A Python-Markdown treeprocessor (registered in ``on_config``) runs right after attr_list has put
each rule's ``id`` and ``data-topics`` on its ``<li>``/``<p>``: it marks the element as a rule and
leaves a comment placeholder after the rule's own text. ``on_post_page`` — after Material's search
has indexed the page, so the index holds the rules, not 10 000 repetitions of topic names — fills
each placeholder with links to the rule's topic pages and a permalink (site.js copies it on click),
and inserts the metadata box (and, on a translation, the notice) after the h1, rendered from
``overrides/hooks/guideline-header.html``.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from html import escape
from pathlib import Path

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from guidelines import state
from guidelines.errors import CONTENT_ERRORS
from guidelines.pages import LANGS, RULE_ID, Guideline
from guidelines.safety import unsafe_markup
from rendering import href_from, render


class RuleTreeprocessor(Treeprocessor):
    """Marks every element that carries ``data-topics`` as a rule and leaves a placeholder for its
    topic links and permalink right after its own text (before a nested list)."""

    def run(self, root: etree.Element) -> None:
        for element in [e for e in root.iter() if e.tag in ("li", "p")]:
            rule_id = element.get("id")
            if element.get("data-topics") is None or not rule_id or not RULE_ID.match(rule_id):
                continue  # the page parser has rejected such annotations already
            element.set("class", " ".join(filter(None, [element.get("class"), "rule"])))
            del element.attrib["data-topics"]  # the model has the topics; the page shows links
            # Raw HTML goes through Python-Markdown's stash; the comment is filled in on_post_page.
            insert_text(element, self.md.htmlStash.store(f"<!--rule-meta {rule_id}-->"))


def insert_text(element: etree.Element, text: str) -> None:
    """Append ``text`` to the element's own text: before a nested list, else at the end."""
    children = list(element)
    position = next((i for i, child in enumerate(children) if child.tag in ("ul", "ol")), len(children))
    if position == 0:
        element.text = (element.text or "").rstrip() + text + ("\n" if children else "")
    else:
        before = children[position - 1]
        before.tail = (before.tail or "").rstrip() + text + ("\n" if position < len(children) else "")


class RuleExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Python-Markdown's API)
        # attr_list runs at priority 8; MkDocs' relative-link processor at 0.
        md.treeprocessors.register(RuleTreeprocessor(md), "guideline_rules", 7)


# An HTML comment costs Material's search parser nothing (an element per rule doubled its work).
_PLACEHOLDER = re.compile(r"<!--rule-meta ([a-z0-9-]+)-->")
_RENDERED_RULE = re.compile(r'<(li|p) class="rule" id="([^"]+)"')
_LITERAL_ANNOTATION = re.compile(r"\{:?\s*(?:#[\w-]+|\.prosa)\b[^{}<]*\}")


def rule_meta_html(rule_id: str, topic_ids: list[str], topic_links: dict[str, tuple[str, str]], permalink: str) -> str:
    """Topic links and the permalink of one rule. ``topic_links``: id -> (href, label)."""
    links = "".join(
        f'<a class="rule-topic" href="{escape(topic_links[t][0])}">{escape(topic_links[t][1])}</a>'
        for t in topic_ids
        if t in topic_links
    )
    label = escape(permalink.format(id=rule_id))
    return f'<span class="rule-meta">{links}<a class="rule-permalink" href="#{escape(rule_id)}" aria-label="{label}">¶</a></span>'


def is_guideline(page: Page) -> bool:
    path = state.page_path(page.file.src_uri)
    return path.startswith("kommunar/") and path != "kommunar/index.md"


def page_guideline(page: Page) -> Guideline | None:
    """The model of the guideline this page shows, in the current language (None for other pages)."""
    if not is_guideline(page):
        return None
    current = state.current()
    return current.model.guideline(state.page_path(page.file.src_uri).split("/")[-1].removesuffix(".md"), current.lang)


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    if not any(isinstance(extension, RuleExtension) for extension in config.markdown_extensions):
        config.markdown_extensions.append(RuleExtension())
    return config


_KIND = {"li": "eit listepunkt", "p": "eit avsnitt"}


def _described(rule: tuple[str, str] | None) -> str:
    return f"regelen {rule[1]} som {_KIND.get(rule[0], rule[0])}" if rule else "ingen regel"


def check_rendered(html: str, guideline: Guideline) -> str | None:
    """What Python-Markdown made of the page must match what the page parser read: the same
    rules, as the same kind of element, and no annotation left as literal text."""
    rendered = [(tag, rule_id) for tag, rule_id in _RENDERED_RULE.findall(html)]
    expected = [(rule.kind, rule.id) for rule in guideline.rules]
    if rendered != expected:
        for index, (want, got) in enumerate(zip(expected + [None] * len(rendered), rendered + [None] * len(expected))):
            if want != got:
                rule = guideline.rules[min(index, len(guideline.rules) - 1)] if guideline.rules else None
                line = rule.line if rule else 1
                return (
                    f"{guideline.path}:{line}: sida blir vist annleis enn ho er skriven: her skulle det stå "
                    f"{_described(want)}, men det blir {_described(got)}. Set ei tom linje mellom avsnitt og "
                    "lister, inga tom linje inne i ei liste, listemerke '-' eller '1.', og rykk inn underlister fire mellomrom"
                )
    literal = _LITERAL_ANNOTATION.search(html)  # the pattern cannot cross a tag
    if literal:
        return (
            f"{guideline.path}: ein merknad blir vist som tekst: {literal.group(0)!r}; "
            "merknaden må stå på ei eiga linje rett under teksta"
        )
    return None


def line_of(markdown: str, needle: str) -> int:
    """The first line of ``markdown`` that holds ``needle`` (1 if none does)."""
    index = markdown.find(needle)
    return markdown.count("\n", 0, index) + 1 if index >= 0 else 1


@event_priority(100)  # before generated.py appends the site's own HTML
def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Fail the build when a page's text made unsafe markup, or when Python-Markdown and the page
    parser disagree about a guideline. The front matter's lines count: MkDocs strips it from
    ``page.markdown``, so lines are counted in the file itself."""
    problems = unsafe_markup(html)
    if problems:
        source = Path(page.file.abs_src_path or "").read_text(encoding="utf-8-sig") if page.file.abs_src_path else ""
        shown = f"docs/{page.file.src_uri}"
        lines = [f"{shown}:{line_of(source, needle)}: {problem}" for problem, needle in problems]
        raise PluginError("\n".join([CONTENT_ERRORS, *lines]))
    guideline = page_guideline(page)
    problem = check_rendered(html, guideline) if guideline else None
    if problem:
        raise PluginError(f"{CONTENT_ERRORS}\n{problem}")
    return html


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    """Fill in what search should not index, after Material's search has read the page: the
    metadata box and translation notice after the h1, and every rule's topic links and permalink
    (topic names and "Lenke til regel" would otherwise be repeated in the index for every rule)."""
    guideline = page_guideline(page)
    if guideline is None:
        return output
    current = state.current()
    header = render(
        config, "hooks/guideline-header.html", guideline=guideline, ui=current.ui, lang=current.lang, urls=language_urls(page)
    )
    head, sep, rest = output.partition("</h1>")
    output = head + sep + header + rest if sep else output
    href = href_from(page)
    topic_links = {t.id: (href(f"tema/{t.id}/"), t.label[current.lang]) for t in current.model.topics}
    permalink = current.ui["permalink"]
    topics = {rule.id: list(rule.topics) for rule in guideline.rules}
    return _PLACEHOLDER.sub(lambda m: rule_meta_html(m.group(1), topics.get(m.group(1), []), topic_links, permalink), output)


def language_urls(page: Page) -> dict[str, str]:
    """The page's URL in each language form, relative to the page itself."""
    prefix = state.lang_prefix(state.current().lang)
    in_root = page.url[len(prefix) :] if prefix and page.url.startswith(prefix) else page.url
    return {lang: get_relative_url(state.lang_prefix(lang) + in_root, page.url) for lang in LANGS}
