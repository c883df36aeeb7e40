"""Shared wording: rules of different municipalities that say the same thing in nearly the same words.

Every rule is compared in one language form (``COMPARE_LANG``: bokmål — the original where the
municipality wrote bokmål, else the machine translation), so a nynorsk guideline is compared with
bokmål ones. A rule is cut into passages (sentences; one of fewer than ``MIN_WORDS`` words joins its
neighbour), each passage becomes a vector of character n-grams (TF-IDF as scikit-learn's ``char_wb``
3–5, computed with scipy), and two rules of different municipalities share wording when a passage of one and a passage
of the other have a cosine similarity of at least ``THRESHOLD``. So a rule that copied one sentence
of a longer rule is found as well as a whole copy. Rules so linked form groups (connected
components); a group holds rules of two municipalities at least.

Identical passages are vectorised and searched once (a synthetic corpus repeats the real rules,
and real guidelines copy each other), and alike passages are found with sparse matrix products
(scipy), a chunk of rows at a time instead of the whole similarity matrix. ``THRESHOLD`` was chosen on the labelled pairs of ``tests/data/shared_wording_pairs.yml``;
``guidelines shared-wording`` writes precision and recall to ``benchmarks/shared_wording.md``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property

from municipal_guidelines.model.matrix import Entry

COMPARE_LANG = "nb"
# The lowest threshold at which the groups keep a precision of at least 0.95 on the labelled pairs
# (benchmarks/shared_wording.md): a wrong "same wording" costs a reader more than a missed one.
THRESHOLD = 0.55
MIN_WORDS = 4
NGRAMS = (3, 5)

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
_SPACE = re.compile(r"\s+")


def passages(text: str) -> list[str]:
    """The sentences of a rule, lower-cased; a sentence of fewer than ``MIN_WORDS`` words is joined
    to the one before it (or, at the start, to the one after it)."""
    parts: list[str] = []
    for sentence in _SENTENCE_END.split(_SPACE.sub(" ", text.strip().lower())):
        if parts and len(sentence.split()) < MIN_WORDS:
            parts[-1] += " " + sentence
        else:
            parts.append(sentence)
    if len(parts) > 1 and len(parts[0].split()) < MIN_WORDS:
        parts[1] = parts[0] + " " + parts[1]
        del parts[0]
    return [p for p in parts if p]


_RUNS_OF_SPACE = re.compile(r"\s\s+")


def char_wb_ngrams(text: str, ngrams: tuple[int, int] = NGRAMS) -> list[str]:
    """The character n-grams of ``text`` within word boundaries, as scikit-learn's ``char_wb``
    analyser makes them: lower-cased, each word padded with a space, a word shorter than ``n``
    counted once."""
    low, high = ngrams
    grams: list[str] = []
    for word in _RUNS_OF_SPACE.sub(" ", text.lower()).split():
        word = f" {word} "
        for n in range(low, high + 1):
            offset = 0
            grams.append(word[:n])
            while offset + n < len(word):
                offset += 1
                grams.append(word[offset : offset + n])
            if offset == 0:
                break
    return grams


def vectorise(texts: Sequence[str]):  # -> scipy.sparse.csr_matrix, one L2-normalised row per text
    """TF-IDF of character n-grams within word boundaries: scikit-learn's
    ``TfidfVectorizer(analyzer="char_wb", ngram_range=NGRAMS, sublinear_tf=True)`` (smooth idf, l2
    norm), written with scipy so that the build need not import scikit-learn (1.7 s of a build of
    five guidelines). ``tests/test_shared_wording.py`` checks that both give the same similarities."""
    import numpy  # noqa: PLC0415
    from scipy.sparse import csr_matrix  # noqa: PLC0415

    vocabulary: dict[str, int] = {}
    indptr, indices, counts = [0], [], []
    for text in texts:
        row: dict[int, int] = {}
        for gram in char_wb_ngrams(text):
            column = vocabulary.setdefault(gram, len(vocabulary))
            row[column] = row.get(column, 0) + 1
        indices += row.keys()
        counts += row.values()
        indptr.append(len(indices))
    matrix = csr_matrix(
        (numpy.array(counts, dtype=numpy.float64), numpy.array(indices, dtype=numpy.int64), numpy.array(indptr, dtype=numpy.int64)),
        shape=(len(texts), len(vocabulary)),
    )
    matrix.data = numpy.log(matrix.data) + 1.0  # sublinear tf
    document_frequency = numpy.bincount(matrix.indices, minlength=len(vocabulary))
    idf = numpy.log((1.0 + len(texts)) / (1.0 + document_frequency)) + 1.0  # smooth idf
    matrix.data *= idf[matrix.indices]
    norms = numpy.sqrt(numpy.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    matrix.data /= numpy.repeat(norms, numpy.diff(matrix.indptr))
    return matrix


def _unique_passages(texts: Sequence[str]) -> tuple[list[str], list[list[int]]]:
    """Every distinct passage once, and for each text the indexes of its passages."""
    index: dict[str, int] = {}
    of_text = [[index.setdefault(p, len(index)) for p in passages(text)] for text in texts]
    return list(index), of_text


def passage_scores(texts: Sequence[str]) -> dict[tuple[int, int], float]:
    """For every pair of texts (i < j) with a passage in common at all: the best cosine similarity
    of a passage of one and a passage of the other. Dense: for evaluation on a few hundred rules."""
    unique, of_text = _unique_passages(texts)
    vectors = vectorise(unique) if unique else None
    similarity = (vectors @ vectors.T).toarray() if vectors is not None else None
    scores: dict[tuple[int, int], float] = {}
    for i in range(len(texts)):
        for j in range(i + 1, len(texts)):
            best = max((float(similarity[a, b]) for a in of_text[i] for b in of_text[j]), default=0.0)
            if best > 0:
                scores[(i, j)] = best
    return scores


def similar_passages(unique: Sequence[str], threshold: float = THRESHOLD, chunk: int = 2000) -> list[tuple[int, int]]:
    """Pairs (a < b) of distinct passages whose cosine similarity is at least ``threshold``. Sparse:
    ``chunk`` rows of the similarity matrix at a time (a sparse product), never all of it."""
    if len(unique) < 2:
        return []
    vectors = vectorise(unique)
    transposed = vectors.T.tocsc()
    pairs: list[tuple[int, int]] = []
    for start in range(0, len(unique), chunk):
        block = (vectors[start : start + chunk] @ transposed).tocoo()
        keep = (block.data >= threshold - 1e-6) & (block.row + start < block.col)
        pairs += zip((block.row[keep] + start).tolist(), block.col[keep].tolist(), strict=True)
    return pairs


def shared_groups(texts: Sequence[str], owners: Sequence[str], threshold: float = THRESHOLD) -> list[list[int]]:
    """Groups of texts (their indexes, ascending) of two or more owners linked by alike passages.

    Identical texts are one node with all their owners (a synthetic corpus repeats each real rule a
    hundred times; a pair for every two copies would cost millions). Two nodes are joined when a
    passage of one is alike a passage of the other and they have different owners between them —
    two rules of one municipality are never joined by each other, only through another's rule.
    The groups are the connected components (scipy) with two owners or more."""
    import numpy  # noqa: PLC0415
    from scipy.sparse import coo_matrix  # noqa: PLC0415
    from scipy.sparse.csgraph import connected_components  # noqa: PLC0415

    if not texts:
        return []
    node_of: dict[str, int] = {}
    nodes = [node_of.setdefault(text, len(node_of)) for text in texts]
    owners_of: list[set[str]] = [set() for _ in node_of]
    for node, owner in zip(nodes, owners, strict=True):
        owners_of[node].add(owner)
    unique, of_node = _unique_passages(list(node_of))
    nodes_of: list[list[int]] = [[] for _ in unique]
    for node, indexes in enumerate(of_node):
        for passage in set(indexes):
            nodes_of[passage].append(node)
    alike = [(a, a) for a in range(len(unique))] + similar_passages(unique, threshold)
    edges = {
        (min(u, v), max(u, v))
        for a, b in alike
        for u in nodes_of[a]
        for v in nodes_of[b]
        if u != v and len(owners_of[u] | owners_of[v]) > 1
    }
    rows = numpy.array([u for u, _ in edges] or [0], dtype=numpy.int64)
    cols = numpy.array([v for _, v in edges] or [0], dtype=numpy.int64)
    graph = coo_matrix((numpy.ones(len(rows), dtype=numpy.int8), (rows, cols)), shape=(len(node_of), len(node_of)))
    _, labels = connected_components(graph, directed=False)
    members: dict[int, list[int]] = {}
    for index, node in enumerate(nodes):
        members.setdefault(int(labels[node]), []).append(index)
    return [group for group in members.values() if len({owners[i] for i in group}) > 1]


@dataclass(frozen=True)
class SharedGroup:
    """Rules of two or more municipalities with shared wording, in the matrix's order (municipalities
    alphabetically, rules in document order). Its id is its first rule's (``delt-<rule id>``)."""

    rule_ids: tuple[str, ...]
    slugs: tuple[str, ...]  # the municipality of each rule
    topics: frozenset[str] = frozenset()  # every topic of its rules

    @property
    def id(self) -> str:
        return f"delt-{self.rule_ids[0]}"

    @cached_property
    def municipalities(self) -> tuple[str, ...]:
        """The slugs of the municipalities in the group, each once."""
        return tuple(dict.fromkeys(self.slugs))

    @cached_property
    def first_rules(self) -> tuple[tuple[str, str], ...]:
        """Each municipality once with its first rule in the group: (slug, rule id)."""
        first: dict[str, str] = {}
        for rule_id, slug in zip(self.rule_ids, self.slugs, strict=True):
            first.setdefault(slug, rule_id)
        return tuple(first.items())


@dataclass(frozen=True)
class SharedWording:
    groups: tuple[SharedGroup, ...]
    by_rule: Mapping[str, SharedGroup] = field(default_factory=dict, compare=False, repr=False)

    def group(self, rule_id: str) -> SharedGroup | None:
        return self.by_rule.get(rule_id)


def find_shared(entries: Sequence[Entry], threshold: float = THRESHOLD) -> SharedWording:
    """The groups of shared wording among ``entries`` (every rule once, in the comparison language form)."""
    groups = tuple(
        SharedGroup(
            tuple(entries[i].rule_id for i in members),
            tuple(entries[i].slug for i in members),
            frozenset(topic for i in members for topic in entries[i].topics),
        )
        for members in shared_groups([e.text for e in entries], [e.slug for e in entries], threshold)
    )
    return SharedWording(groups, {rule_id: group for group in groups for rule_id in group.rule_ids})
