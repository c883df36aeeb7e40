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
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from municipal_guidelines.format.guideline import Guideline
from municipal_guidelines.model.topics import Topic, load_topics
from municipal_guidelines.project import Project
from municipal_guidelines.tools.suggest import suggest_topics
from municipal_guidelines.tools.training import Example, load_examples, readable_guidelines

MICRO = "micro"
NAMED_TOPICS = ("taushetsplikt", "bilete", "kontakt-brukarar", "krisekommunikasjon")  # the four the site is about

Scores = dict[str, tuple[float, float, int]]


Suggester = Callable[[str], tuple[str, ...]]
SuggesterFactory = Callable[[Sequence[Example]], Suggester]  # made from the training examples


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


@dataclass
class Evaluation:
    totals: dict[str, Counts]
    confusions: Counter = field(default_factory=Counter)  # (annotated topic missed, suggested instead or "")
    rules: int = 0
    municipalities: int = 0


def load_originals(docs_dir: Path) -> list[Guideline]:
    """The original pages (suffix = original_language) under ``docs_dir/kommunar``; raises on a bad page."""
    return [g for g in readable_guidelines(docs_dir) if g.is_original]


def keyword_suggester(topics: tuple[Topic, ...]) -> SuggesterFactory:
    """The keywords of data/topics.yml: nothing to learn from the training examples."""
    return lambda _training: lambda text: suggest_topics(text, topics)


def leave_one_out(examples: Sequence[Example], factory: SuggesterFactory, topic_ids: Sequence[str]) -> Evaluation:
    """Each municipality's rules suggested by a suggester made without them."""
    evaluation = Evaluation({topic: Counts() for topic in topic_ids})
    municipalities = sorted({e.slug for e in examples})
    evaluation.municipalities = len(municipalities)
    for held_out in municipalities:
        suggest = factory([e for e in examples if e.slug != held_out])
        for example in (e for e in examples if e.slug == held_out):
            annotated, suggested = set(example.topics), set(suggest(example.text))
            evaluation.rules += 1
            for topic in topic_ids:
                counts = Counts(
                    tp=int(topic in suggested and topic in annotated),
                    fp=int(topic in suggested and topic not in annotated),
                    fn=int(topic in annotated and topic not in suggested),
                )
                evaluation.totals[topic] = evaluation.totals[topic].add(counts)
            extra = sorted(suggested - annotated) or [""]
            for missed in sorted(annotated - suggested):
                evaluation.confusions.update((missed, instead) for instead in extra)
    return evaluation


def scores(totals: dict[str, Counts]) -> Scores:
    """``{topic: (precision, recall, support)}`` plus the micro average under ``"micro"``."""
    result = {topic: (c.precision, c.recall, c.support) for topic, c in totals.items()}
    micro = Counts()
    for counts in totals.values():
        micro = micro.add(counts)
    result[MICRO] = (micro.precision, micro.recall, micro.support)
    return result


def evaluate(docs_dir: Path, topics_file: Path) -> Scores:
    """Leave-one-municipality-out scores of the keyword suggester on the reviewed pages."""
    topics = load_topics(topics_file)
    return scores(leave_one_out(load_examples(docs_dir), keyword_suggester(topics), [t.id for t in topics]).totals)


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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=Path, help="docs directory (default: docs/ of the project)")
    parser.add_argument("--topics", type=Path, help="taxonomy (default: data/topics.yml of the project)")
    parser.add_argument("--out", type=Path, help="also write the report to this file (e.g. benchmarks/suggester.md)")
    args = parser.parse_args(argv)
    project = Project.find() if args.docs is None or args.topics is None else None
    docs, topics_file = args.docs or project.docs, args.topics or project.topics_file
    topics = load_topics(topics_file)
    examples = load_examples(docs)
    from municipal_guidelines.tools.learned import THRESHOLD, combined_suggester, learned_suggester  # scikit-learn: only here

    ids = [t.id for t in topics]
    sections = [
        ("Keywords and learned model together (what `guidelines import` suggests)", combined_suggester(topics)),
        ("Learned model alone (character n-gram TF-IDF, logistic regression per topic)", learned_suggester(topics)),
        ("Keywords alone (data/topics.yml)", keyword_suggester(topics)),
    ]
    report = "\n".join(
        [
            "# Topic suggester: leave one municipality out",
            "",
            "Made by `guidelines evaluate`. Each municipality's rules are suggested by a model trained without it. "
            "The keywords in data/topics.yml were written with these five guidelines in view, so the figures with "
            "keywords are optimistic for text nobody here has seen; the learned model alone is the honest measure of "
            f"how the suggester generalises. A learned topic is suggested from probability {THRESHOLD:.2f} on.",
            "",
            *(format_report(leave_one_out(examples, factory, ids), name) + "\n" for name, factory in sections),
        ]
    )
    print(report)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(report, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
