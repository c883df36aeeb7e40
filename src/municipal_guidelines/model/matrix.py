"""The comparison model: topics (rows) x municipalities (columns), built per language form."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property

from municipal_guidelines.format.guideline import Guideline, Meta
from municipal_guidelines.layout import guideline_url
from municipal_guidelines.model.topics import Topic

_NORWEGIAN_ORDER = str.maketrans({"æ": "{", "ø": "|", "å": "}", "é": "e", "ü": "u"})


def sort_key(name: str) -> str:
    """Norwegian alphabetical order: æ, ø, å after z."""
    return name.lower().translate(_NORWEGIAN_ORDER)


@dataclass(frozen=True)
class Column:
    """One municipality in a matrix: its front matter (every field of ``Meta`` reads as an
    attribute, ``column.county``) and its number of rules."""

    slug: str
    meta: Meta
    rule_count: int

    def __getattr__(self, name: str) -> object:
        if name.startswith("__"):
            raise AttributeError(name)
        return getattr(self.meta, name)

    @property
    def url(self) -> str:
        """The guideline page, relative to the language root."""
        return guideline_url(self.slug)

    @property
    def reviewed(self) -> bool:
        """Whether a person has reviewed the topics of its rules (no ``review: true``): until then
        they are the importer's guesses, shown as such and counted nowhere (issue #20, item 5)."""
        return not self.meta.review


@dataclass(frozen=True)
class Entry:
    """One rule as shown on a page in one language form."""

    slug: str
    rule_id: str
    topics: tuple[str, ...]
    text: str
    lang: str
    original_text: str
    original_language: str
    url: str  # relative to the language's root, e.g. "kommunar/loten/#loten-3"

    @property
    def is_translation(self) -> bool:
        return self.lang != self.original_language


@dataclass(frozen=True)
class Matrix:
    lang: str
    topics: tuple[Topic, ...]
    columns: tuple[Column, ...]
    cells: Mapping[tuple[str, str], tuple[Entry, ...]]  # (topic id, slug) -> rules

    def cell(self, topic_id: str, slug: str) -> tuple[Entry, ...]:
        return self.cells.get((topic_id, slug), ())

    @cached_property
    def reviewed(self) -> tuple[Column, ...]:
        """The municipalities whose topics a person has reviewed: what counts across municipalities."""
        return tuple(column for column in self.columns if column.reviewed)

    @cached_property
    def unreviewed(self) -> tuple[Column, ...]:
        """The municipalities whose topics are still the importer's suggestions (``review: true``)."""
        return tuple(column for column in self.columns if not column.reviewed)

    def covered(self, topic_id: str) -> int:
        """How many municipalities address a topic, of those whose topics are reviewed (``reviewed``):
        a guessed topic is not counted as decided."""
        return sum(1 for column in self.reviewed if self.cell(topic_id, column.slug))

    @cached_property
    def entries(self) -> tuple[Entry, ...]:
        """Every rule once, in column order then document order (computed once per matrix)."""
        seen: dict[str, Entry] = {}
        for column in self.columns:
            for topic in self.topics:
                for entry in self.cell(topic.id, column.slug):
                    seen.setdefault(entry.rule_id, entry)
        order = {column.slug: index for index, column in enumerate(self.columns)}
        return tuple(sorted(seen.values(), key=lambda e: (order[e.slug], _rule_number(e.rule_id))))

    @cached_property
    def by_rule(self) -> Mapping[str, Entry]:
        """Every rule by its id (computed once per matrix)."""
        return {entry.rule_id: entry for entry in self.entries}

    @cached_property
    def names(self) -> Mapping[str, str]:
        """Every municipality's name by its slug."""
        return {column.slug: column.municipality for column in self.columns}


def _rule_number(rule_id: str) -> tuple[int, str]:
    tail = rule_id.rsplit("-", 1)[-1]
    return (int(tail), rule_id) if tail.isdigit() else (0, rule_id)


def build_matrix(
    by_slug: Mapping[str, Mapping[str, Guideline]],
    topics: Iterable[Topic],
    lang: str,
) -> Matrix:
    """Build the matrix for one language form from every municipality's pages.

    The text of each rule is taken from the page in ``lang``; the original text comes from the
    page in the municipality's own language form (they are the same page for originals).
    """
    topics = tuple(topics)
    columns: list[Column] = []
    cells: dict[tuple[str, str], list[Entry]] = {}
    for slug, pages in by_slug.items():
        page = pages.get(lang)
        if page is None:
            continue
        original = pages.get(page.meta.original_language, page)
        original_text = {rule.id: rule.text for rule in original.rules}
        columns.append(Column(slug=slug, meta=page.meta, rule_count=len(page.rules)))
        for rule in page.rules:
            entry = Entry(
                slug=slug,
                rule_id=rule.id,
                topics=rule.topics,
                text=rule.text,
                lang=lang,
                original_text=original_text.get(rule.id, rule.text),
                original_language=page.meta.original_language,
                url=f"{guideline_url(slug)}#{rule.id}",
            )
            for topic_id in rule.topics:
                cells.setdefault((topic_id, slug), []).append(entry)
    columns.sort(key=lambda c: sort_key(c.municipality))
    return Matrix(
        lang=lang,
        topics=topics,
        columns=tuple(columns),
        cells={key: tuple(value) for key, value in cells.items()},
    )
