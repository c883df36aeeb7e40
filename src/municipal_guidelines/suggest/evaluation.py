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

The command that reports it: ``guidelines evaluate`` (``cli/evaluate.py``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from municipal_guidelines.format.guideline import Guideline
from municipal_guidelines.metrics import Counts
from municipal_guidelines.model.topics import Topic, load_topics
from municipal_guidelines.suggest.keywords import suggest_topics
from municipal_guidelines.suggest.training import Example, load_examples, readable_guidelines

MICRO = "micro"
NAMED_TOPICS = ("taushetsplikt", "bilete", "kontakt-brukarar", "krisekommunikasjon")  # the four the site is about

Scores = dict[str, tuple[float, float, int]]


Suggester = Callable[[str], tuple[str, ...]]
SuggesterFactory = Callable[[Sequence[Example]], Suggester]  # made from the training examples




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


def evaluate_suggesters(docs: Path, topics: Sequence[Topic]) -> list[tuple[str, Evaluation]]:
    """The leave-one-out evaluation of each suggester, with its heading."""
    from municipal_guidelines.suggest.learned import combined_suggester, learned_suggester  # noqa: PLC0415 — scikit-learn: only here

    examples, ids = load_examples(docs), [t.id for t in topics]
    sections = [
        ("Keywords and learned model together (what `guidelines import` suggests)", combined_suggester(topics)),
        ("Learned model alone (character n-gram TF-IDF, logistic regression per topic)", learned_suggester(topics)),
        ("Keywords alone (data/topics.yml)", keyword_suggester(topics)),
    ]
    return [(name, leave_one_out(examples, factory, ids)) for name, factory in sections]
