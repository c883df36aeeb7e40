"""How well the shared-wording finder does on the labelled pairs, and what threshold to use.

The command that reports it: ``guidelines shared-wording`` (``cli/shared_wording.py``).

The pairs (``a``, ``b``, ``same``) are rules of the committed guidelines that a person labelled as
sharing wording or not (hard negatives: same topic, written independently). For a range of
thresholds it reports precision and recall of "the best pair of passages is at least this alike";
then, at the threshold the site uses (``model.shared.THRESHOLD``), of "the two rules are in the same
group" — what the pages show (groups join pairs, so they can find a pair no passage links directly).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from municipal_guidelines.metrics import Counts
from municipal_guidelines.model.matrix import Entry
from municipal_guidelines.model.shared import SharedWording, passage_scores

SWEEP = tuple(round(0.3 + 0.05 * step, 2) for step in range(14))  # 0.30 … 0.95


@dataclass(frozen=True)
class LabelledPair:
    a: str
    b: str
    same: bool


@dataclass(frozen=True)
class Score(Counts):
    """The suggester's counts (precision, recall) and the true negatives of the labelled pairs."""

    tn: int = 0


def load_pairs(path: Path) -> list[LabelledPair]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [LabelledPair(str(p["a"]), str(p["b"]), bool(p["same"])) for p in data["pairs"]]


def score(pairs: list[LabelledPair], predicted: set[frozenset[str]]) -> Score:
    counts = {"tp": 0, "fp": 0, "fn": 0, "tn": 0}
    for pair in pairs:
        hit = frozenset((pair.a, pair.b)) in predicted
        counts[("t" if hit == pair.same else "f") + ("p" if hit else "n")] += 1
    return Score(**counts)


def pair_scores(entries: tuple[Entry, ...]) -> dict[frozenset[str], float]:
    """The best passage similarity of every pair of rules, by rule ids."""
    scores = passage_scores([e.text for e in entries])
    return {frozenset((entries[i].rule_id, entries[j].rule_id)): value for (i, j), value in scores.items()}


def grouped(shared: SharedWording, pairs: list[LabelledPair]) -> set[frozenset[str]]:
    """The labelled pairs whose two rules are in one group."""
    return {
        frozenset((p.a, p.b))
        for p in pairs
        if shared.group(p.a) is not None and shared.group(p.a) is shared.group(p.b)
    }
