#!/usr/bin/env python3
"""Review aid: where do the annotated topics of the originals and the topic suggester disagree?

For every rule of every original page in ``docs/kommunar`` it lists the topics that are
annotated but not suggested ("missing": the suggester does not see them, perhaps a keyword is
lacking) and those suggested but not annotated ("extra": perhaps the annotation lacks a topic,
or a keyword is too broad), with the keywords that matched, then a summary. It changes nothing
and always exits 0: a disagreement is a question for a person, not an error.

Usage::

    python scripts/check_topics.py [--docs DIR] [--topics FILE]
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT / "hooks"))
sys.path.insert(0, str(REPO_ROOT / "scripts"))

from evaluate_suggester import DEFAULT_DOCS, DEFAULT_TOPICS, load_originals  # noqa: E402
from guidelines.pages import Guideline, Rule  # noqa: E402
from guidelines.suggest import matching_keywords, suggest_topics  # noqa: E402
from guidelines.topics import Topic, load_topics  # noqa: E402


@dataclass(frozen=True)
class Disagreement:
    path: str
    rule: Rule
    missing: tuple[str, ...]  # annotated, not suggested
    extra: tuple[str, ...]  # suggested, not annotated
    why: dict[str, tuple[str, ...]]  # extra topic -> keywords that matched


def compare(guideline: Guideline, topics: tuple[Topic, ...]) -> list[Disagreement]:
    """The rules of one page where annotation and suggestion differ."""
    by_id = {t.id: t for t in topics}
    found = []
    for rule in guideline.rules:
        suggested = suggest_topics(rule.text, topics)
        missing = tuple(t for t in rule.topics if t not in suggested)
        extra = tuple(t for t in suggested if t not in rule.topics)
        if missing or extra:
            why = {t: matching_keywords(rule.text, by_id[t].keywords) for t in extra}
            found.append(Disagreement(guideline.path, rule, missing, extra, why))
    return found


def format_disagreement(item: Disagreement) -> str:
    """One rule's report: location, id, short text, missing and extra topics."""
    text = item.rule.text if len(item.rule.text) <= 90 else item.rule.text[:87] + "…"
    lines = [f"{item.path}:{item.rule.line} {item.rule.id}: {text}"]
    if item.missing:
        lines.append(f"    missing (annotated, not suggested): {' '.join(item.missing)}")
    if item.extra:
        reasons = "; ".join(f"{t} ← {', '.join(item.why[t])}" for t in item.extra)
        lines.append(f"    extra (suggested, not annotated):   {reasons}")
    return "\n".join(lines)


def summary(items: list[Disagreement], rules: int) -> str:
    """How many rules agree, and which topics are most often missing or extra."""
    missing = Counter(t for item in items for t in item.missing)
    extra = Counter(t for item in items for t in item.extra)
    lines = [f"{rules - len(items)} of {rules} rules agree; {len(items)} differ."]
    if missing:
        lines.append("missing per topic: " + ", ".join(f"{t} {n}" for t, n in missing.most_common()))
    if extra:
        lines.append("extra per topic:   " + ", ".join(f"{t} {n}" for t, n in extra.most_common()))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Compare annotated topics with the suggester's (review aid; exit 0).")
    parser.add_argument("--docs", type=Path, default=DEFAULT_DOCS, help="docs directory (default: %(default)s)")
    parser.add_argument("--topics", type=Path, default=DEFAULT_TOPICS, help="taxonomy (default: %(default)s)")
    args = parser.parse_args(argv)
    topics = load_topics(args.topics)
    originals = load_originals(args.docs)
    items = [item for guideline in originals for item in compare(guideline, topics)]
    for item in items:
        print(format_disagreement(item))
    print()
    print(summary(items, sum(len(g.rules) for g in originals)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
