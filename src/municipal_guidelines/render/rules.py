"""Rules on a rendered guideline page: mark them, check them, give them links (no MkDocs needed).

``RuleExtension`` registers a Python-Markdown treeprocessor that runs right after attr_list has put
each rule's ``id`` and ``data-topics`` on its ``<li>``/``<p>``: it marks the element as a rule and
leaves a comment placeholder after the rule's own text, later filled by ``fill_rule_meta`` with
links to the rule's topic pages and a permalink. ``check_rendered`` compares what Python-Markdown
made of a page with what the page grammar read; ``validation.rendered_problems`` runs it for the
build, ``guidelines check`` and the importer.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from collections.abc import Mapping
from html import escape

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor

from municipal_guidelines.format.errors import GuidelineError
from municipal_guidelines.format.guideline import PROSE_CLASS, RULE_ID, Guideline
from municipal_guidelines.render.insert import fill_rule_markers, rule_meta_marker


class RuleTreeprocessor(Treeprocessor):
    """Marks every element that carries ``data-topics`` as a rule and leaves a placeholder for its
    topic links and permalink right after its own text (before a nested list)."""

    def run(self, root: etree.Element) -> None:
        for element in [e for e in root.iter() if e.tag in ("li", "p")]:
            rule_id = element.get("id")
            if element.get("data-topics") is None or not rule_id or not RULE_ID.match(rule_id):
                continue  # the page grammar has rejected such annotations already
            element.set("class", " ".join(filter(None, [element.get("class"), "rule"])))
            del element.attrib["data-topics"]  # the model has the topics; the page shows links
            # Raw HTML goes through Python-Markdown's stash; the marker is filled in later (render/insert.py).
            insert_text(element, self.md.htmlStash.store(rule_meta_marker(rule_id)))


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


_RENDERED_RULE = re.compile(r'<(li|p) class="rule" id="([^"]+)"')
_RENDERED_PROSE = re.compile(rf'<(li|p) class="{PROSE_CLASS}"')
_LITERAL_ANNOTATION = re.compile(rf"\{{:?\s*(?:#[\w-]+|\.{PROSE_CLASS})\b[^{{}}<]*\}}")


def rule_meta_html(
    rule_id: str, topic_ids: list[str], topic_links: Mapping[str, tuple[str, str]], permalink: str, topic_filter: str
) -> str:
    """Topic links and the permalink of one rule. ``topic_links``: id -> (href, label). Each topic
    link is a value of the page's search filter ``topic_filter`` (site/search.py)."""
    attribute = f' data-pagefind-filter="{escape(topic_filter)}"'
    # Separated by spaces, which the search index needs to tell the words apart.
    links = "".join(
        f'<a class="rule-topic" href="{escape(topic_links[t][0])}"{attribute}>{escape(topic_links[t][1])}</a> '
        for t in topic_ids
        if t in topic_links
    )
    label = escape(permalink.format(id=rule_id))
    return f' <span class="rule-meta">{links}<a class="rule-permalink" href="#{escape(rule_id)}" aria-label="{label}">¶</a></span>'


def fill_rule_meta(
    html: str, guideline: Guideline, topic_links: Mapping[str, tuple[str, str]], permalink: str, topic_filter: str
) -> str:
    """Every rule's marker replaced by its topic links and permalink."""
    topics = {rule.id: list(rule.topics) for rule in guideline.rules}
    return fill_rule_markers(html, lambda rule_id: rule_meta_html(rule_id, topics.get(rule_id, []), topic_links, permalink, topic_filter))


_KIND = {"li": "eit listepunkt", "p": "eit avsnitt"}


def _described(rule: tuple[str, str] | None) -> str:
    return f"regelen {rule[1]} som {_KIND.get(rule[0], rule[0])}" if rule else "ingen regel"


def check_rendered(html: str, guideline: Guideline, source: str = "") -> GuidelineError | None:
    """What Python-Markdown made of the page must match what the page grammar read: the same
    rules, as the same kind of element, as many prose blocks, and no annotation left as text.
    ``source``, the page's text, gives the line of an annotation shown as text."""
    rendered = _RENDERED_RULE.findall(html)
    expected = [(rule.kind, rule.id) for rule in guideline.rules]
    if rendered != expected:
        for index, (want, got) in enumerate(zip(expected + [None] * len(rendered), rendered + [None] * len(expected))):
            if want != got:
                rule = guideline.rules[min(index, len(guideline.rules) - 1)] if guideline.rules else None
                return GuidelineError(
                    guideline.path,
                    rule.line if rule else 1,
                    f"sida blir vist annleis enn ho er skriven: her skulle det stå {_described(want)}, men det blir "
                    f"{_described(got)}. Set ei tom linje mellom avsnitt og lister, inga tom linje inne i ei liste, "
                    "listemerke '-' eller '1.', og rykk inn underlister fire mellomrom",
                )
    prose = len(_RENDERED_PROSE.findall(html))
    if prose != guideline.prose:
        return GuidelineError(
            guideline.path,
            0,
            f"sida har {guideline.prose} merknader {{ .{PROSE_CLASS} }}, men {prose} av dei hamna på "
            "eit avsnitt eller listepunkt; merknaden må stå på ei eiga linje rett under teksta",
        )
    literal = _LITERAL_ANNOTATION.search(html)  # the pattern cannot cross a tag
    if literal:
        return GuidelineError(
            guideline.path,
            line_of(source, literal.group(0)) if source else 0,
            f"ein merknad blir vist som tekst: {literal.group(0)!r}; merknaden må stå på ei eiga linje rett under teksta",
        )
    return None


def line_of(text: str, needle: str) -> int:
    """The first line of ``text`` that holds ``needle`` (1 if none does)."""
    index = text.find(needle)
    return text.count("\n", 0, index) + 1 if index >= 0 else 1
