"""Every place where the build puts HTML into HTML already rendered, in one module (issue 24).

Where a Material template block reaches the place, the template does it and nothing here is
needed (``overrides/main.html``: the draft builder's settings at the end of ``<head>`` in
``extrahead``, a guideline's history after its content in ``content``). What is left are places no
block reaches: inside the HTML Python-Markdown made of a page's Markdown, which Material prints as
one value (``page.content``), and the profile pages written after the build from one rendered page.
Each function below names one such place and says why no block reaches it. Nothing else in the
package or the hooks searches, splits or replaces page HTML (``tests/test_architecture.py``).

The rule marker ``<!--rule-meta <id>-->`` is written and read here only. ``RuleTreeprocessor``
(``render/rules.py``) stashes one right after each rule's own text while Python-Markdown renders
the page; it is a comment, so that the markup net (``format/safety.py``, which leaves out these
markers and nothing else) and ``check_rendered`` read the page before anything of the site's own
is in it. After the checks, the rule's notes go after it and its topic links and permalink take
its place; the rule's own text runs from its start tag to it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping

_RULE_META = re.compile(r"<!--rule-meta ([a-z0-9-]+)-->")


def rule_meta_marker(rule_id: str) -> str:
    """The marker after a rule's own text (before a nested list): the one place inside a rule
    where its topic links, permalink and notes go. Python-Markdown's tree has no room for HTML
    that is not an element, and the links are made after the page is checked."""
    return f"<!--rule-meta {rule_id}-->"


def without_rule_markers(html: str) -> str:
    """``html`` with the rule markers left out (what the markup net reads: a comment in a page's
    text is refused, the site's own markers are not)."""
    return _RULE_META.sub("", html)


def after_rule_markers(html: str, note: Callable[[str], str]) -> str:
    """After each rule's marker, ``note(rule id)``; the marker stays for ``fill_rule_markers``.
    Inside page.content: no template block is there."""
    return _RULE_META.sub(lambda m: m.group(0) + note(m.group(1)), html)


def fill_rule_markers(html: str, meta: Callable[[str], str]) -> str:
    """Each rule's marker replaced by ``meta(rule id)`` (its topic links and permalink), the last
    step on a guideline page. Inside page.content: no template block is there."""
    return _RULE_META.sub(lambda m: meta(m.group(1)), html)


def edit_rule_texts(html: str, rule_ids: Iterable[str], edit: Callable[[str], str]) -> str:
    """The own text of each rule of ``rule_ids`` (from its start tag, as ``RuleTreeprocessor``
    marks it, to its marker; not a nested list) replaced by ``edit(text)`` (links to the laws it
    cites, ``render/laws.py``). Inside page.content: no template block is there, and the rule's
    text is Python-Markdown's HTML, already checked."""
    for rule_id in rule_ids:
        start = html.find(f' class="rule" id="{rule_id}"')
        begin = html.find(">", start) + 1 if start != -1 else -1
        end = html.find(rule_meta_marker(rule_id), begin) if begin > 0 else -1
        if end != -1:
            html = html[:begin] + edit(html[begin:end]) + html[end:]
    return html


def after_heading(page: str, html: str) -> str:
    """``html`` right after the page's first ``</h1>`` (a guideline's header: versions, metadata
    box, translation notice). The heading is the page's own Markdown heading, inside page.content:
    Material has no block between it and the text, and a heading written by Material instead would
    lose the heading's id and the search index's title."""
    head, sep, rest = page.partition("</h1>")
    return head + sep + html + rest if sep else page


def before_first_section(content: str, html: str) -> str:
    """``html`` before the first ``<h2>`` of a page's content, else at its end (the home page's
    entry points: after its heading and introduction, before its sections). Both are the page's
    own Markdown, one value for Material's templates: no block is between them."""
    at = content.find("<h2")
    return content[:at] + html + content[at:] if at != -1 else content + html


# A profile page's content, marked so that the other profiles can be written from it after the
# build (render/profile_pages.py): the Markdown part, then the generated part.
PROFILE_START, PROFILE_SPLIT, PROFILE_END = "<!-- profile -->", "<!-- profile: generated -->", "<!-- /profile -->"


def profile_marked(text_html: str, generated: str) -> str:
    """A profile's content with its marks: its Markdown part (heading, introduction) and its
    generated part."""
    return f"{PROFILE_START}{text_html}{PROFILE_SPLIT}{generated}{PROFILE_END}"


def profile_parts(page: str) -> tuple[str, str, str] | None:
    """A written profile page cut at its marks: the frame before the content, the Markdown part,
    the frame after the content (None if the page has no marks). MkDocs renders one profile per
    language form; the others are written from that page after the build, when no template runs."""
    start, split, end = page.find(PROFILE_START), page.find(PROFILE_SPLIT), page.find(PROFILE_END)
    if not -1 < start < split < end:
        return None
    return page[:start], page[start + len(PROFILE_START) : split], page[end + len(PROFILE_END) :]


def replaced(part: str, replacements: Iterable[tuple[str, str]]) -> str:
    """A part of the shell profile page with another municipality's title, heading id and address
    (each pair replaced in turn): written after the build, when no template runs."""
    for before, after in replacements:
        part = part.replace(before, after)
    return part


def with_notes_replaced(page: str, notes: Mapping[str, tuple[str, int]]) -> str | None:
    """A guideline page as the served site holds it, with the shared-wording notes under its rules
    replaced (``notes``: each old note -> the new one and how many of the page's rules have it, all
    at once): an incremental rebuild under serve (``site/incremental.py``) in which only the notes
    of another municipality's group changed. None, and the page is rendered again, unless every old
    note stands in the page exactly that many times. The page was written when no template ran
    for it now, so no block reaches it."""
    if any(page.count(old) != count for old, (_, count) in notes.items()):
        return None
    changed = {old: new for old, (new, _) in notes.items() if old != new}
    if not changed:
        return page
    pattern = re.compile("|".join(re.escape(old) for old in sorted(changed, key=len, reverse=True)))
    return pattern.sub(lambda found: changed[found.group(0)], page)
