#!/usr/bin/env python3
"""Precision and recall of the topic suggester against the hand-annotated originals.

For every rule (a block with an id) of every original page in ``docs/kommunar`` (the page in
the municipality's own language form, not the machine translation), the suggested topic set
is compared with the annotated one. Per topic: precision = correct suggestions / suggestions,
recall = correct suggestions / annotations, support = rules annotated with the topic; the last
row micro-averages over all (rule, topic) pairs.

Usage::

    guidelines evaluate [--docs DIR] [--topics FILE]

Importable: :func:`evaluate` returns ``{topic_id: (precision, recall, support)}`` plus the key
``"micro"``. A topic that is never suggested has precision 1.0 (no wrong suggestion); one
that is never annotated has recall 1.0.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from municipal_guidelines.format.guideline import Guideline, Rule
from municipal_guidelines.model.site import read_guidelines
from municipal_guidelines.model.topics import Topic, load_topics
from municipal_guidelines.project import Project
from municipal_guidelines.tools.suggest import suggest_topics

MICRO = "micro"

Scores = dict[str, tuple[float, float, int]]


@dataclass(frozen=True)
class Counts:
    """True positives, false positives and false negatives of one topic."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: Counts) -> Counts:
        return Counts(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def support(self) -> int:
        return self.tp + self.fn


def load_originals(docs_dir: Path) -> list[Guideline]:
    """The original pages (suffix = original_language) under ``docs_dir/kommunar``; raises on a bad page."""
    guidelines, errors, _ = read_guidelines(docs_dir)
    if errors:
        raise SystemExit("sidene kan ikkje lesast:\n" + "\n".join(str(e) for e in errors))
    return [g for g in guidelines if g.is_original]


def rule_counts(rule: Rule, suggested: Iterable[str], topic_ids: Iterable[str]) -> dict[str, Counts]:
    """Counts per topic for one rule: suggested vs annotated set."""
    annotated, proposed = set(rule.topics), set(suggested)
    return {
        topic: Counts(
            tp=int(topic in proposed and topic in annotated),
            fp=int(topic in proposed and topic not in annotated),
            fn=int(topic in annotated and topic not in proposed),
        )
        for topic in topic_ids
    }


def count(guidelines: Iterable[Guideline], topics: tuple[Topic, ...]) -> dict[str, Counts]:
    """Summed counts per topic over every rule of ``guidelines``."""
    ids = [t.id for t in topics]
    totals = {topic: Counts() for topic in ids}
    for guideline in guidelines:
        for rule in guideline.rules:
            for topic, counts in rule_counts(rule, suggest_topics(rule.text, topics), ids).items():
                totals[topic] = totals[topic].add(counts)
    return totals


def scores(totals: dict[str, Counts]) -> Scores:
    """``{topic: (precision, recall, support)}`` plus the micro average under ``"micro"``."""
    result = {topic: (c.precision, c.recall, c.support) for topic, c in totals.items()}
    micro = Counts()
    for counts in totals.values():
        micro = micro.add(counts)
    result[MICRO] = (micro.precision, micro.recall, micro.support)
    return result


def evaluate(docs_dir: Path, topics_file: Path) -> Scores:
    """Precision, recall and support per topic (and ``"micro"``) over the originals' rules."""
    return scores(count(load_originals(docs_dir), load_topics(topics_file)))


def format_table(result: Scores) -> str:
    """The scores as a Markdown table."""
    lines = ["| topic | precision | recall | support |", "|---|---:|---:|---:|"]
    for topic, (precision, recall, support) in result.items():
        name = f"**{topic}**" if topic == MICRO else topic
        lines.append(f"| {name} | {precision:.2f} | {recall:.2f} | {support} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Precision/recall of the topic suggester on the annotated originals.")
    parser.add_argument("--docs", type=Path, help="docs directory (default: docs/ of the project)")
    parser.add_argument("--topics", type=Path, help="taxonomy (default: data/topics.yml of the project)")
    args = parser.parse_args(argv)
    project = Project.find()
    args.docs, args.topics = args.docs or project.docs, args.topics or project.topics_file
    originals = load_originals(args.docs)
    rules = sum(len(g.rules) for g in originals)
    print(f"{rules} rules in {len(originals)} original pages")
    print(format_table(scores(count(originals, load_topics(args.topics)))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
