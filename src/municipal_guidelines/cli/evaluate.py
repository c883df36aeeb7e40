"""How well the topic suggester does on guidelines it has not seen: leave one municipality out.

For each municipality in turn, the suggester is made from the other municipalities' annotated rules
(a suggester that learns nothing, like the keywords, ignores them) and suggests topics for every rule
of the one left out, in both language forms. The suggested topic set of each rule is compared with
the annotated one. Pages with ``review: true`` (topics suggested by the importer, not yet checked by
a person) are left out entirely: their topics are not truth.

Per topic: precision = correct suggestions / suggestions, recall = correct suggestions /
annotations, support = rules annotated with the topic; the last row micro-averages over all
(rule, topic) pairs. The confusions list which annotated topic was missed and what was suggested
instead. A topic never suggested has precision 1.0 (no wrong suggestion); one never annotated has
recall 1.0.

Usage::

    guidelines evaluate [--docs DIR] [--topics FILE] [--out benchmarks/suggester.md]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from municipal_guidelines.model.topics import load_topics
from municipal_guidelines.project import Project
from municipal_guidelines.suggest.evaluation import MICRO, NAMED_TOPICS, Evaluation, evaluate_suggesters, scores


def format_report(evaluation: Evaluation, name: str, most: int = 15) -> str:
    """The scores as a Markdown table, then the most frequent confusions."""
    result = scores(evaluation.totals)
    lines = [
        f"### {name}",
        "",
        f"{evaluation.rules} rules (both language forms) of {evaluation.municipalities} municipalities, each suggested "
        "by a suggester made without its municipality.",
        "",
        "| topic | precision | recall | support |",
        "|---|---:|---:|---:|",
    ]
    for topic, (precision, recall, support) in result.items():
        label = f"**{topic}**" if topic == MICRO or topic in NAMED_TOPICS else topic
        lines.append(f"| {label} | {precision:.2f} | {recall:.2f} | {support} |")
    lines += ["", "Most frequent confusions (annotated topic missed → suggested instead):", ""]
    confusions = evaluation.confusions.most_common(most)
    lines += [f"- {missed} → {instead or 'nothing'}: {n}" for (missed, instead), n in confusions] or ["- none"]
    return "\n".join(lines)


def format_reports(sections: list[tuple[str, Evaluation]]) -> str:
    """benchmarks/suggester.md: every evaluation's table under one heading."""
    from municipal_guidelines.suggest.learned import THRESHOLD

    return "\n".join(
        [
            "# Topic suggester: leave one municipality out",
            "",
            "Made by `guidelines evaluate`. Each municipality's rules are suggested by a model trained without it. "
            "The keywords in data/topics.yml were written with these five guidelines in view, so the figures with "
            "keywords are optimistic for text nobody here has seen; the learned model alone is the honest measure of "
            f"how the suggester generalises. A learned topic is suggested from probability {THRESHOLD:.2f} on.",
            "",
            *(format_report(evaluation, name) + "\n" for name, evaluation in sections),
        ]
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=Path, help="docs directory (default: docs/ of the project)")
    parser.add_argument("--topics", type=Path, help="taxonomy (default: data/topics.yml of the project)")
    parser.add_argument("--out", type=Path, help="also write the report to this file (e.g. benchmarks/suggester.md)")
    args = parser.parse_args(argv)
    project = Project.find() if args.docs is None or args.topics is None else None
    docs, topics_file = args.docs or project.docs, args.topics or project.topics_file
    report = format_reports(evaluate_suggesters(docs, load_topics(topics_file)))
    print(report)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(report, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
