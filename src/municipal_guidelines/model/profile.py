"""A municipality's profile against the others and the checklist: what it covers, what it lacks
and how others word it, which municipalities cover the most alike, and its counts against the
median. Built per language form from a ``Matrix``; no MkDocs needed."""

from __future__ import annotations

import heapq
import statistics
from dataclasses import dataclass
from functools import cached_property

from municipal_guidelines.model.checklist import Point
from municipal_guidelines.model.matrix import Column, Entry, Matrix, sort_key
from municipal_guidelines.model.shared import SharedWording
from municipal_guidelines.model.topics import Topic

EXAMPLES_PER_TOPIC = 3
CLOSEST = 3


@dataclass(frozen=True)
class Example:
    """How other municipalities word a topic: the shortest rule of a group worded alike."""

    entry: Entry
    also: tuple[str, ...]  # slugs of the other municipalities with a rule worded alike (not the entry's own)

    @property
    def shared_by(self) -> int:
        return 1 + len(self.also)


@dataclass(frozen=True)
class Count:
    name: str  # "topics", "points", "rules"
    value: int
    median: float
    total: int  # the most there can be (0: no upper bound, as for rules)


@dataclass(frozen=True)
class Profile:
    column: Column
    rules_by_topic: tuple[tuple[Topic, tuple[Entry, ...]], ...]
    missing_topics: tuple[tuple[Topic, tuple[Example, ...]], ...]
    points_answered: tuple[Point, ...]
    points_missing: tuple[Point, ...]
    closest: tuple[tuple[Column, float], ...]  # municipality, Jaccard similarity of covered topics
    counts: tuple[Count, ...]


class Profiles:
    """Every municipality's profile in one matrix; what they share is computed once."""

    def __init__(self, matrix: Matrix, checklist: tuple[Point, ...], shared: SharedWording | None = None) -> None:
        self.matrix, self.checklist = matrix, checklist
        self.shared = shared if shared is not None else SharedWording(())
        self._examples: dict[str, tuple[Example, ...]] = {}
        self._profiles: dict[str, Profile] = {}

    @cached_property
    def covered(self) -> dict[str, frozenset[str]]:
        """slug -> the topics its guideline has rules on."""
        return {c.slug: frozenset(t.id for t in self.matrix.topics if self.matrix.cell(t.id, c.slug)) for c in self.matrix.columns}

    @cached_property
    def answered_ids(self) -> dict[str, frozenset[str]]:
        """slug -> the ids of the checklist points its guideline answers."""
        return {slug: frozenset(p.id for p in self.checklist if p.answered_by(topics)) for slug, topics in self.covered.items()}

    def answered(self, slug: str) -> tuple[Point, ...]:
        return tuple(p for p in self.checklist if p.id in self.answered_ids[slug])

    @cached_property
    def medians(self) -> dict[str, float]:
        """Of the municipalities whose topics are reviewed (an unreviewed page's guesses count nowhere)."""
        columns = self.matrix.reviewed
        if not columns:
            return {"topics": 0, "points": 0, "rules": 0}
        return {
            "topics": statistics.median(len(self.covered[c.slug]) for c in columns),
            "points": statistics.median(len(self.answered_ids[c.slug]) for c in columns),
            "rules": statistics.median(c.rule_count for c in columns),
        }

    def examples(self, topic_id: str) -> tuple[Example, ...]:
        """How the municipalities word a topic: one example per group of shared wording
        (``model.shared``; a rule shared with no one is a group of its own), the most shared
        first, then the shortest. Only rules whose topics a person has reviewed: a page with
        ``review: true`` has guessed topics, which must not show as how others word a topic."""
        if topic_id not in self._examples:
            entries = [e for c in self.matrix.reviewed for e in self.matrix.cell(topic_id, c.slug)]
            examples = _examples(entries, self.shared)
            self._examples[topic_id] = tuple(sorted(examples, key=lambda x: (-x.shared_by, len(x.entry.text), x.entry.rule_id)))
        return self._examples[topic_id]

    @cached_property
    def names(self) -> dict[str, str]:
        """slug -> the municipality's name."""
        return {c.slug: c.municipality for c in self.matrix.columns}

    @cached_property
    def _bits(self) -> dict[str, int]:
        """slug -> its covered topics as the bits of an integer (Jaccard by bit counts, 5x faster than sets)."""
        position = {t.id: i for i, t in enumerate(self.matrix.topics)}
        return {slug: sum(1 << position[t] for t in topics) for slug, topics in self.covered.items()}

    @cached_property
    def _order(self) -> dict[str, str]:
        return {c.slug: sort_key(c.municipality) for c in self.matrix.columns}

    def closest(self, slug: str) -> tuple[tuple[Column, float], ...]:
        """The municipalities whose covered topics are most alike (Jaccard), ties by name; of those
        whose topics are reviewed (guessed topics make no one alike)."""
        bits, order = self._bits, self._order
        mine = bits[slug]
        scored = ((column, _jaccard(mine, bits[column.slug])) for column in self.matrix.reviewed if column.slug != slug)
        return tuple(heapq.nsmallest(CLOSEST, scored, key=lambda pair: (-pair[1], order[pair[0].slug])))

    def profile(self, slug: str) -> Profile:
        """``slug``'s profile (made once: an incremental rebuild compares every profile with the last build's)."""
        if slug not in self._profiles:
            self._profiles[slug] = self._profile(slug)
        return self._profiles[slug]

    def _profile(self, slug: str) -> Profile:
        column = next(c for c in self.matrix.columns if c.slug == slug)
        covered = self.covered[slug]
        answered = self.answered(slug)
        topics = self.matrix.topics
        return Profile(
            column=column,
            rules_by_topic=tuple((t, self.matrix.cell(t.id, slug)) for t in topics if t.id in covered),
            missing_topics=tuple((t, self.examples(t.id)[:EXAMPLES_PER_TOPIC]) for t in topics if t.id not in covered),
            points_answered=answered,
            points_missing=tuple(p for p in self.checklist if p.id not in self.answered_ids[slug]),
            closest=self.closest(slug),
            counts=(
                Count("topics", len(covered), self.medians["topics"], len(topics)),
                Count("points", len(answered), self.medians["points"], len(self.checklist)),
                Count("rules", column.rule_count, self.medians["rules"], 0),
            ),
        )


def _jaccard(a: int, b: int) -> float:
    union = (a | b).bit_count()
    return (a & b).bit_count() / union if union else 0.0


def _examples(entries: list[Entry], shared: SharedWording) -> list[Example]:
    """Each group's shortest rule on the topic, with the other municipalities whose rule worded
    alike is on the topic too (``entries`` are the topic's rules): a municipality whose alike rule
    is on another topic does not address this one, and its profile lists it as a gap."""
    groups: dict[str, list[Entry]] = {}
    for entry in entries:
        group = shared.group(entry.rule_id)
        groups.setdefault(group.id if group else entry.rule_id, []).append(entry)
    examples = []
    for members in groups.values():
        first = min(members, key=lambda e: (len(e.text), e.rule_id))
        others = {e.slug for e in members}
        examples.append(Example(entry=first, also=tuple(sorted(others - {first.slug}))))
    return examples
