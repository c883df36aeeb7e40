"""Shared wording on the pages (no MkDocs needed): a note under each rule that shares wording with
rules of other municipalities, and the groups with their differences marked word by word for the
topic pages and the page that lists every group (``overrides/hooks/shared.html``)."""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Mapping, MutableMapping
from dataclasses import dataclass
from html import escape

from municipal_guidelines.layout import SHARED_PAGE
from municipal_guidelines.model.matrix import Entry, Matrix
from municipal_guidelines.model.shared import SharedGroup, SharedWording
from municipal_guidelines.render.insert import after_rule_markers

NAMED = 5  # municipalities named in a rule's note and a variant's list; the others are counted
_WORDS = re.compile(r"\s*(?:\w+|[^\w\s])|\s+")  # a word or a punctuation mark, with the space before it


@dataclass(frozen=True)
class Change:
    kind: str  # "same", "ins" (only in this variant), "del" (only in the first variant) or "space"
    text: str  # ("space": a space shown between a "del" and an "ins" that would otherwise touch)


@dataclass(frozen=True)
class Variant:
    """One wording of a group, in the page's language form, and the rules that have it."""

    entries: tuple[Entry, ...]
    changes: tuple[Change, ...]  # against the group's first variant; the first has one "same"

    @property
    def text(self) -> str:
        return self.entries[0].text


@dataclass(frozen=True)
class GroupView:
    group: SharedGroup
    variants: tuple[Variant, ...]

    @property
    def id(self) -> str:
        return self.group.id

    @property
    def rule_count(self) -> int:
        return len(self.group.rule_ids)

    @property
    def municipality_count(self) -> int:
        return len(self.group.municipalities)


def word_diff(base: str, other: str) -> tuple[Change, ...]:
    """``other`` against ``base``, word by word: what both have, what only ``other`` has ("ins")
    and what only ``base`` has ("del"). Whitespace between words counts as part of the text; where
    a word struck through would touch the word put in its place ("folkevalgteDu", "DetPå"), a
    "space" stands between them. ``other`` is what is "same" and "ins", ``base`` "same" and "del"."""
    a, b = _WORDS.findall(base), _WORDS.findall(other)
    changes: list[Change] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag in ("delete", "replace"):
            changes.append(Change("del", "".join(a[i1:i2])))
        if tag in ("insert", "replace"):
            inserted = "".join(b[j1:j2])
            if tag == "replace" and not changes[-1].text[-1:].isspace() and not inserted[:1].isspace():
                changes.append(Change("space", " "))
            changes.append(Change("ins", inserted))
        if tag == "equal":
            changes.append(Change("same", "".join(a[i1:i2])))
    return tuple(changes)


def group_view(group: SharedGroup, matrix: Matrix) -> GroupView:
    """A group as a page in ``matrix``'s language form shows it: its distinct wordings in the order
    of their first rule, each but the first with its differences from the first."""
    entries = matrix.by_rule
    by_text: dict[str, list[Entry]] = {}
    for rule_id in group.rule_ids:
        entry = entries[rule_id]
        by_text.setdefault(entry.text, []).append(entry)
    texts = list(by_text)
    variants = tuple(
        Variant(tuple(by_text[text]), (Change("same", text),) if index == 0 else word_diff(texts[0], text))
        for index, text in enumerate(texts)
    )
    return GroupView(group, variants)


def topic_groups(shared: SharedWording, matrix: Matrix, topic_id: str) -> list[GroupView]:
    """The groups whose wording two municipalities or more use on the topic: a group where one
    rule touches on the topic beside others' (a rule on confidentiality that also mentions
    pictures) is not shared wording on it (issue #22: the images page showed a confidentiality group)."""
    entries = matrix.by_rule
    return [
        group_view(g, matrix)
        for g in shared.groups
        if topic_id in g.topics
        and len({slug for rule_id, slug in zip(g.rule_ids, g.slugs, strict=True) if topic_id in entries[rule_id].topics}) > 1
    ]


def shared_note_html(
    rule_id: str,
    shared: SharedWording,
    entries: Mapping[str, Entry],
    names: Mapping[str, str],
    ui: Mapping[str, str],
    href: Callable[[str], str],
    cache: MutableMapping[tuple[str, str, str], str] | None = None,
    *,
    compact: bool = False,
) -> str:
    """The note under a rule: the other municipalities with the same wording, each linked to its
    rule (the first ``NAMED``; the rest counted), and a link to the group's differences. ``compact``
    (a site of many municipalities, where a page must stay small): only how many, linked to the group.

    The note of a group is the same for every rule whose municipality is not among the first named
    (the common case at national scale): with a ``cache`` (for pages at the same depth) it is made once."""
    group = shared.group(rule_id)
    if group is None or rule_id not in entries:
        return ""
    own = entries[rule_id].slug
    first = [slug for slug, _ in group.first_rules[: NAMED + 1]]
    key = (group.id, own if own in first and not compact else "", href(""))
    if cache is not None and key in cache:
        return cache[key]
    to_group = f"{escape(href(SHARED_PAGE))}#{escape(group.id)}"
    if compact:
        count = escape(ui["shared_in_many"].format(n=len(group.first_rules) - 1))
        note = f'<span class="rule-shared"><a href="{to_group}">{count}</a></span>'
        if cache is not None:
            cache[key] = note
        return note
    named = [(slug, other_id) for slug, other_id in group.first_rules[: NAMED + 1] if slug != own][:NAMED]
    links = [f'<a href="{escape(href(entries[other_id].url))}">{escape(names[slug])}</a>' for slug, other_id in named]
    hidden = len(group.first_rules) - 1 - len(links)
    if hidden:
        links.append(escape(ui["shared_more"].format(n=hidden)))
    listed = links[0] if len(links) == 1 else ", ".join(links[:-1]) + f" {escape(ui['list_and'])} " + links[-1]
    compare = f'<a href="{to_group}">{escape(ui["shared_compare"])}</a>'
    note = f'<span class="rule-shared">{escape(ui["shared_in"])} {listed} · {compare}</span>'
    if cache is not None:
        cache[key] = note
    return note


def add_shared_notes(html: str, note: Callable[[str], str]) -> str:
    """After each rule's marker, that rule's note (the marker stays for its links; render/insert.py)."""
    return after_rule_markers(html, note)
