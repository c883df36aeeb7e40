"""Topic suggestions from the command line.

``guidelines suggest "tekst …"`` prints the topics the suggester gives a text, with the keywords
that matched. ``guidelines suggest --compare`` is a review aid: for every rule of every original page in ``docs/kommunar`` it lists the topics that are
annotated but not suggested ("missing": the suggester does not see them, perhaps a keyword is
lacking) and those suggested but not annotated ("extra": perhaps the annotation lacks a topic,
or a keyword is too broad), with the keywords that matched, then a summary. It changes nothing
and always exits 0: a disagreement is a question for a person, not an error.

Usage::

    guidelines suggest "Tilsette skal ikkje dele bilete av brukarar."
    guidelines suggest --compare [--docs DIR] [--topics FILE]
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from municipal_guidelines.format.guideline import Guideline, Rule
from municipal_guidelines.model.topics import Topic, load_topics
from municipal_guidelines.project import Project
from municipal_guidelines.suggest.evaluation import load_originals
from municipal_guidelines.suggest.keywords import matching_keywords, suggest_topics


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


def explain(text: str, topics: tuple[Topic, ...]) -> str:
    """The suggested topics of one text, each with the keywords that matched."""
    by_id = {t.id: t for t in topics}
    suggested = suggest_topics(text, topics)
    if not suggested:
        return "ingen tema: teksta blir merkt { .prosa } ved import, og ein person avgjer"
    return "\n".join(f"{t}: {', '.join(matching_keywords(text, by_id[t].keywords))}" for t in suggested)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Suggest topics for a text, or compare the annotated topics of the originals with the suggester's (exit 0)."
    )
    parser.add_argument("text", nargs="*", help="the text to suggest topics for")
    parser.add_argument("--compare", action="store_true", help="list the rules where annotation and suggestion differ")
    parser.add_argument("--docs", type=Path, help="docs directory (default: docs/ of the project)")
    parser.add_argument("--topics", type=Path, help="taxonomy (default: data/topics.yml of the project)")
    args = parser.parse_args(argv)
    if not args.compare and not args.text:
        parser.error("give a text, or --compare")
    project = Project.find() if args.docs is None or args.topics is None else None
    docs, topics_file = args.docs or project.docs, args.topics or project.topics_file
    topics = load_topics(topics_file)
    if args.text:
        print(explain(" ".join(args.text), topics))
        return 0
    originals = load_originals(docs)
    items = [item for guideline in originals for item in compare(guideline, topics)]
    for item in items:
        print(format_disagreement(item))
    print()
    print(summary(items, sum(len(g.rules) for g in originals)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
