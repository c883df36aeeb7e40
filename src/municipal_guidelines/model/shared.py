"""Shared wording: rules of different municipalities that say the same thing in nearly the same words.

Every rule is compared in one language form (``COMPARE_LANG``: bokmål — the original where the
municipality wrote bokmål, else the machine translation), so a nynorsk guideline is compared with
bokmål ones. A rule is cut into passages (sentences; one of fewer than ``MIN_WORDS`` words joins its
neighbour), each passage becomes a vector of character n-grams (TF-IDF as scikit-learn's ``char_wb``
3–5, computed with scipy), and two rules of different municipalities share wording when a passage of one and a passage
of the other have a cosine similarity of at least ``THRESHOLD``. So a rule that copied one sentence
of a longer rule is found as well as a whole copy. Rules so linked form groups, the most connected
first, as long as every two municipalities in a group have rules that share a passage at least
``FLOOR`` alike: a long rule with a sentence of Alta's and a sentence of Meråker's does not put
those two, which have nothing in common, into one group of "the same wording". A group holds
rules of two municipalities at least, and is named after its oldest rule (``SharedGroup``).

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
# Two rules of different municipalities in one group share at least a passage this alike: a group
# never holds texts that are almost wholly different (benchmarks/shared_wording.md).
FLOOR = 0.25
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


def similar_passages(unique: Sequence[str], threshold: float = THRESHOLD, chunk: int = 2000, vectors=None) -> list[tuple[int, int]]:
    """Pairs (a < b) of distinct passages whose cosine similarity is at least ``threshold``. Sparse:
    ``chunk`` rows of the similarity matrix at a time (a sparse product), never all of it."""
    if len(unique) < 2:
        return []
    vectors = vectorise(unique) if vectors is None else vectors
    transposed = vectors.T.tocsc()
    pairs: list[tuple[int, int]] = []
    for start in range(0, len(unique), chunk):
        block = (vectors[start : start + chunk] @ transposed).tocoo()
        keep = (block.data >= threshold - 1e-6) & (block.row + start < block.col)
        pairs += zip((block.row[keep] + start).tolist(), block.col[keep].tolist(), strict=True)
    return pairs


def shared_groups(
    texts: Sequence[str], owners: Sequence[str], threshold: float = THRESHOLD, floor: float = FLOOR
) -> list[list[int]]:
    """Groups of texts (their indexes, ascending) of two or more owners linked by alike passages.

    Identical texts are one node with all their owners (a synthetic corpus repeats each real rule a
    hundred times; a pair for every two copies would cost millions). Two nodes are linked when a
    passage of one is alike a passage of the other (``threshold``) and they have different owners
    between them — two rules of one municipality are never linked to each other, only to others'.

    Linked nodes are joined, strongest link first, unless the join would put two rules of different
    owners in one group that are almost wholly different (no passage of one at least ``floor``
    alike a passage of the other): a long rule that shares one sentence with a rule of one
    municipality and another sentence with a rule of another does not make those two "the same
    wording" (model.shared's docstring; issue: meråker-9 grouped with alta-26 through løten-4).
    The groups are what is left with two owners or more."""
    import numpy  # noqa: PLC0415

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
    vectors = vectorise(unique) if unique else None
    alike = [(a, a) for a in range(len(unique))] + similar_passages(unique, threshold, vectors=vectors)
    edges = {
        (min(u, v), max(u, v))
        for a, b in alike
        for u in nodes_of[a]
        for v in nodes_of[b]
        if u != v and len(owners_of[u] | owners_of[v]) > 1
    }
    cluster = _Clusters(len(node_of))
    for component in _components(len(node_of), edges):
        if len(component) == 2:
            cluster.join(*component)
            continue
        _join_within(component, edges, of_node, owners_of, vectors, floor, cluster, numpy)
    members: dict[int, list[int]] = {}
    for index, node in enumerate(nodes):
        members.setdefault(cluster.find(node), []).append(index)
    return [group for group in members.values() if len({owners[i] for i in group}) > 1]


class _Clusters:
    """Union-find over nodes, each cluster with its list of nodes."""

    def __init__(self, size: int) -> None:
        self.parent = list(range(size))
        self.nodes: dict[int, list[int]] = {}

    def find(self, node: int) -> int:
        while self.parent[node] != node:
            self.parent[node] = self.parent[self.parent[node]]
            node = self.parent[node]
        return node

    def members(self, node: int) -> list[int]:
        root = self.find(node)
        return self.nodes.get(root, [root])

    def join(self, u: int, v: int) -> None:
        a, b = self.find(u), self.find(v)
        if a != b:
            self.nodes[a] = self.members(a) + self.members(b)
            self.nodes.pop(b, None)
            self.parent[b] = a


def _components(size: int, edges: set[tuple[int, int]]) -> list[list[int]]:
    """The connected components of two nodes or more (scipy), each ascending."""
    import numpy  # noqa: PLC0415
    from scipy.sparse import coo_matrix  # noqa: PLC0415
    from scipy.sparse.csgraph import connected_components  # noqa: PLC0415

    if not edges:
        return []
    rows = numpy.array([u for u, _ in edges], dtype=numpy.int64)
    cols = numpy.array([v for _, v in edges], dtype=numpy.int64)
    graph = coo_matrix((numpy.ones(len(rows), dtype=numpy.int8), (rows, cols)), shape=(size, size))
    _, labels = connected_components(graph, directed=False)
    found: dict[int, list[int]] = {}
    for node in sorted({n for edge in edges for n in edge}):
        found.setdefault(int(labels[node]), []).append(node)
    return [nodes for nodes in found.values() if len(nodes) > 1]


def _join_within(component, edges, of_node, owners_of, vectors, floor, cluster, numpy) -> None:
    """Join the nodes of one connected component, strongest link first, never two nodes of
    different owners less than ``floor`` alike (the best pair of their passages)."""
    position = {node: i for i, node in enumerate(component)}
    passages_of = [sorted(set(of_node[node])) for node in component]
    flat = sorted({p for ps in passages_of for p in ps})
    column = {p: i for i, p in enumerate(flat)}
    dense = (vectors[flat] @ vectors[flat].T).toarray()
    size = len(component)
    best = numpy.zeros((size, size))
    for i in range(size):
        rows = [column[p] for p in passages_of[i]]
        for j in range(i + 1, size):
            value = dense[numpy.ix_(rows, [column[p] for p in passages_of[j]])].max()
            best[i, j] = best[j, i] = value
    numpy.fill_diagonal(best, 1.0)
    inside = [(u, v) for u, v in edges if u in position and v in position]
    degree = dict.fromkeys(component, 0)
    for u, v in inside:
        degree[u] += 1
        degree[v] += 1
    # The most connected rules first (the wording most share), then the most alike: a rule that
    # bridges two wordings stays with the one it shares with more municipalities.
    links = sorted(inside, key=lambda e: (-(degree[e[0]] + degree[e[1]]), -best[position[e[0]], position[e[1]]], e))
    for u, v in links:
        if cluster.find(u) == cluster.find(v):
            continue
        joined = [position[n] for n in cluster.members(u) + cluster.members(v)]
        if _owners_alike(joined, [owners_of[component[i]] for i in joined], best, floor, numpy):
            cluster.join(u, v)


def _owners_alike(nodes: list[int], owners: list[set[str]], best, floor: float, numpy) -> bool:
    """Whether every two owners among ``nodes`` have a rule each at least ``floor`` alike. Per
    owner, not per rule: one municipality's two rules may together hold what another has in one
    (Løten's 14 and 15 are Frogn's 14), but a rule of Alta and one of Meråker that have nothing
    in common are not the same wording because a rule of Løten has a sentence of each.

    Two products of maxima rather than a look at every two owners: the best likeness of each
    owner's rules to every node, then of each owner's rules to every other owner's (a group of a
    hundred municipalities has 5,000 pairs of owners, and a slice of ``best`` for each cost 1.5 s
    of a build at N = 357)."""
    names = sorted({owner for group in owners for owner in group})
    if len(names) < 3:
        return True  # two owners: the link that joined them is alike enough
    member = numpy.array([[name in group for group in owners] for name in names])  # owner x node
    alike = best[numpy.ix_(nodes, nodes)]
    reach = numpy.stack([alike[row].max(axis=0) for row in member])  # owner x node: the best of the owner's rules
    between = numpy.stack([reach[:, row].max(axis=1) for row in member], axis=1)  # owner x owner
    return bool((between >= floor - 1e-6).all())


@dataclass(frozen=True)
class SharedGroup:
    """Rules of two or more municipalities with shared wording, in the matrix's order (municipalities
    alphabetically, rules in document order).

    Its id is that of its oldest rule (``delt-<rule id>``, ``named_by``): the rule of the municipality
    that came to the project first (``find_shared``'s ``joined``), so a municipality added later never
    renames a group it joins, and a link to ``/lik-ordlyd/#delt-…`` lasts. Every other rule's
    ``delt-<rule id>`` is an anchor of the group as well (``aliases``): a link to a group that has
    since merged with an older one, or lost the municipality it was named after, still lands on it."""

    rule_ids: tuple[str, ...]
    slugs: tuple[str, ...]  # the municipality of each rule
    topics: frozenset[str] = frozenset()  # every topic of its rules
    named_by: str = ""  # the rule whose id names the group (default: its first)

    @property
    def id(self) -> str:
        return f"delt-{self.named_by or self.rule_ids[0]}"

    @property
    def aliases(self) -> tuple[str, ...]:
        """The other anchors of the group: ``delt-<rule id>`` of every rule but the one it is named by."""
        return tuple(f"delt-{rule_id}" for rule_id in self.rule_ids if f"delt-{rule_id}" != self.id)

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


UNKNOWN_AGE = "9999-12-31"  # a municipality whose arrival is not recorded counts as the newest


def oldest_rule(rule_ids: Sequence[str], slugs: Sequence[str], joined: Mapping[str, str]) -> str:
    """The rule of the municipality that came to the project first (``joined``: slug -> an ISO date,
    ``received`` in sources/<slug>.yml), ties by slug, then its first rule by number."""
    def age(pair: tuple[str, str]) -> tuple:
        rule_id, slug = pair
        tail = rule_id.rsplit("-", 1)[-1]
        return (joined.get(slug, UNKNOWN_AGE), slug, int(tail) if tail.isdigit() else 0, rule_id)

    return min(zip(rule_ids, slugs, strict=True), key=age)[0]


def find_shared(
    entries: Sequence[Entry], threshold: float = THRESHOLD, floor: float = FLOOR, joined: Mapping[str, str] | None = None
) -> SharedWording:
    """The groups of shared wording among ``entries`` (every rule once, in the comparison language
    form). ``joined``: when each municipality came to the project (slug -> ISO date), which names
    each group after its oldest rule; without it, groups are named by slug order."""
    joined = joined or {}
    groups = []
    for members in shared_groups([e.text for e in entries], [e.slug for e in entries], threshold, floor):
        rule_ids = tuple(entries[i].rule_id for i in members)
        slugs = tuple(entries[i].slug for i in members)
        topics = frozenset(topic for i in members for topic in entries[i].topics)
        groups.append(SharedGroup(rule_ids, slugs, topics, oldest_rule(rule_ids, slugs, joined)))
    return SharedWording(tuple(groups), {rule_id: group for group in groups for rule_id in group.rule_ids})
