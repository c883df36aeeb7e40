"""Topics learned from the annotated rules: character n-gram TF-IDF and one logistic regression per
topic (scikit-learn), plus the nearest annotated rules as evidence.

Trained when it is used (at import time, or per held-out municipality in ``guidelines evaluate``)
from the rules of pages a person has reviewed, in both language forms, so it reads bokmål and
nynorsk alike. Character n-grams (3–5 letters within words) match inflected and compound forms a
keyword list misses ("venneforespørslene", "teiepliktige").
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:  # scikit-learn is imported where a model is made: an import without reviewed pages needs none
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.multiclass import OneVsRestClassifier

from municipal_guidelines.model.topics import Topic
from municipal_guidelines.suggest.keywords import read_keywords
from municipal_guidelines.suggest.threads import one_blas_thread
from municipal_guidelines.suggest.training import Example

Suggester = Callable[[str], tuple[str, ...]]
SuggesterFactory = Callable[[Sequence[Example]], Suggester]

THRESHOLD = 0.6  # a learned topic is suggested from this probability on (chosen leave-one-out, see benchmarks/suggester.md)
THRESHOLD_BESIDE_KEYWORDS = 0.75  # beside a topic the keywords found: a learned one needs more (an extra topic is
# the import's commonest error on new text; leave-one-out unchanged, labelled documents' precision 0.83 → 0.86)
NEIGHBOURS = 2


@dataclass
class LearnedTopics:
    vectorizer: TfidfVectorizer
    classifier: OneVsRestClassifier
    topic_ids: tuple[str, ...]
    examples: tuple[Example, ...]
    matrix: object  # the examples' TF-IDF rows

    @classmethod
    def fit(cls, examples: Sequence[Example], topic_ids: Sequence[str]) -> LearnedTopics | None:
        """A model of the topics that have at least one example (None when fewer than two have)."""
        present = [t for t in topic_ids if any(t in e.topics for e in examples)]
        if len(present) < 2:
            return None
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression
        from sklearn.multiclass import OneVsRestClassifier

        vectorizer = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True, lowercase=True)
        matrix = vectorizer.fit_transform([e.text for e in examples])
        labels = np.array([[t in e.topics for t in present] for e in examples], dtype=int)
        classifier = OneVsRestClassifier(LogisticRegression(C=10, class_weight="balanced", max_iter=2000))
        with one_blas_thread():
            classifier.fit(matrix, labels)
        return cls(vectorizer, classifier, tuple(present), tuple(examples), matrix)

    def warm(self, texts: Sequence[str]) -> None:
        """Vectorise ``texts`` at once (one call instead of one per block: an import of 5,000
        paragraphs spent most of its time in scikit-learn's per-call checks); ``read`` then finds them."""
        texts = list(dict.fromkeys(texts))
        if not texts:
            return
        rows = self.vectorizer.transform(texts)
        weights = self._weights()
        if weights is None:
            probabilities = self.classifier.predict_proba(rows)
        else:
            coef, intercept = weights
            probabilities = 1.0 / (1.0 + np.exp(-(np.asarray(rows @ coef.T) + intercept)))
        # dense at once: one row of a sparse matrix at a time cost more than the products themselves
        similarities = np.asarray((rows @ self.matrix.T).toarray())
        self._warm = (rows, {text: i for i, text in enumerate(texts)}, np.asarray(probabilities), similarities)

    def _vector(self, text: str) -> object:
        rows, index = getattr(self, "_warm", (None, {}))[:2]
        return rows[index[text]] if text in index else self.vectorizer.transform([text])

    def read(self, text: str) -> tuple[dict[str, float], np.ndarray]:
        """Each topic's probability for ``text``, and its cosine similarity to every example
        (``text`` vectorised once for both)."""
        if hasattr(self, "_warm"):
            _, index, probabilities, similarities = self._warm
            i = index.get(text)
            if i is not None:
                return {topic: float(p) for topic, p in zip(self.topic_ids, probabilities[i])}, similarities[i]
        vector = self._vector(text)
        return self._probabilities(vector), (self.matrix @ vector.T).toarray().ravel()

    def probabilities(self, text: str) -> dict[str, float]:
        return self._probabilities(self._vector(text))

    def _weights(self) -> tuple[np.ndarray, np.ndarray] | None:
        """The per-topic logistic regressions as one weight matrix and intercepts (None if one of
        them is not a logistic regression, e.g. a topic every example has)."""
        if not hasattr(self, "_stacked"):
            estimators = self.classifier.estimators_
            stacked = None
            if getattr(self.classifier, "multilabel_", False) and all(hasattr(e, "coef_") and e.coef_.shape[0] == 1 for e in estimators):
                stacked = (np.vstack([e.coef_[0] for e in estimators]), np.array([e.intercept_[0] for e in estimators]))
            self._stacked = stacked
        return self._stacked

    def _probabilities(self, vector: object) -> dict[str, float]:
        """What ``classifier.predict_proba`` gives (the logistic of each topic's decision function),
        computed directly: the same numbers without scikit-learn's checks on every call."""
        weights = self._weights()
        if weights is None:
            row = self.classifier.predict_proba(vector)[0]
        else:
            coef, intercept = weights
            row = 1.0 / (1.0 + np.exp(-(np.asarray(vector @ coef.T).ravel() + intercept)))
        return {topic: float(p) for topic, p in zip(self.topic_ids, row)}

    def suggest(self, text: str, threshold: float = THRESHOLD) -> dict[str, float]:
        """The learned topics of ``text`` with their probability, from ``threshold`` on."""
        return {topic: p for topic, p in self.probabilities(text).items() if p >= threshold}

    def nearest(self, similarity: np.ndarray, count: int = NEIGHBOURS, topic: str | None = None) -> list[tuple[str, float]]:
        """The annotated rules most alike (rule id, cosine similarity) by ``similarity`` from
        ``read``, one per rule id; with ``topic``, only rules annotated with it."""
        found: dict[str, float] = {}
        order = np.argsort(-similarity)
        # in that order, only the examples with the topic and alike at all (the same as skipping the others one by one)
        keep = similarity[order] > 0
        if topic is not None:
            keep &= self._has_topic(topic)[order]
        for index in order[keep]:
            rule_id = self.examples[index].rule_id
            if rule_id not in found:
                found[rule_id] = float(similarity[index])
            if len(found) == count:
                break
        return list(found.items())

    def _has_topic(self, topic: str) -> np.ndarray:
        """Which examples are annotated with ``topic`` (made once per topic)."""
        masks = self.__dict__.setdefault("_topic_masks", {})
        if topic not in masks:
            masks[topic] = np.array([topic in example.topics for example in self.examples], dtype=bool)
        return masks[topic]


@dataclass(frozen=True)
class Suggestion:
    """One suggested topic and why: the keywords that matched, the learned probability, and the
    annotated rules with this topic most like the text."""

    topic: str
    keywords: tuple[str, ...]
    probability: float | None  # None without a learned model
    like: tuple[str, ...]

    def describe(self) -> str:
        reasons = []
        if self.keywords:
            reasons.append("keyword " + ", ".join(k if len(k) <= 40 else k[:39] + "…" for k in self.keywords))
        if self.probability is not None:
            reasons.append(f"learned {self.probability:.2f}")
        if self.like:
            reasons.append("like " + ", ".join(self.like))
        return f"{self.topic} ({'; '.join(reasons)})"


def suggest(text: str, topics: Sequence[Topic], learned: LearnedTopics | None) -> list[Suggestion]:
    """The topics of ``text`` in taxonomy order: those its keywords match, and those the learned
    model gives at least ``THRESHOLD`` (``THRESHOLD_BESIDE_KEYWORDS`` where the keywords found one);
    where neither finds one, those a mention (``?konto``) finds."""
    reading = read_keywords(text, topics)
    said, mentioned = reading.said, reading.mentioned
    probabilities, similarity = learned.read(text) if learned else ({}, None)
    threshold = THRESHOLD_BESIDE_KEYWORDS if said else THRESHOLD
    chosen = [t for t in topics if t.id in said or probabilities.get(t.id, 0.0) >= threshold]
    if not chosen:  # a mention (?konto) counts where nothing else does
        chosen = [t for t in topics if t.id in mentioned]
    keyword_topics_found = {*said, *(t.id for t in chosen if t.id in mentioned)}
    return [
        Suggestion(
            topic=t.id,
            keywords=reading.keywords(t) if t.id in keyword_topics_found else (),
            probability=probabilities.get(t.id) if learned else None,
            like=tuple(rule_id for rule_id, _ in learned.nearest(similarity, topic=t.id)) if learned else (),
        )
        for t in chosen
    ]


def learned_suggester(topics: Sequence[Topic]) -> SuggesterFactory:
    """The learned model alone, trained on the training examples (the honest measure of how it generalises)."""
    ids = [t.id for t in topics]

    def factory(training: Sequence[Example]) -> Suggester:
        model = LearnedTopics.fit(training, ids)
        return lambda text: tuple(model.suggest(text)) if model else ()

    return factory


def combined_suggester(topics: Sequence[Topic]) -> SuggesterFactory:
    """What the importer uses: keywords and the learned model trained on the training examples."""
    ids = [t.id for t in topics]

    def factory(training: Sequence[Example]) -> Suggester:
        model = LearnedTopics.fit(training, ids)
        return lambda text: tuple(s.topic for s in suggest(text, topics, model))

    return factory
