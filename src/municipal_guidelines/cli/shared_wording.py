"""How well the shared-wording finder does on the labelled pairs, and what threshold to use.

    guidelines shared-wording [--pairs tests/data/shared_wording_pairs.yml] [--out benchmarks/shared_wording.md]

The pairs (``a``, ``b``, ``same``) are rules of the committed guidelines that a person labelled as
sharing wording or not (hard negatives: same topic, written independently). For a range of
thresholds it reports precision and recall of "the best pair of passages is at least this alike";
then, at the threshold the site uses (``model.shared.THRESHOLD``), of "the two rules are in the same
group" — what the pages show (groups join pairs, so they can find a pair no passage links directly).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from municipal_guidelines.model.matrix import Entry
from municipal_guidelines.model.shared import COMPARE_LANG, FLOOR, THRESHOLD, find_shared
from municipal_guidelines.model.shared_evaluation import SWEEP, LabelledPair, Score, grouped, load_pairs, pair_scores, score
from municipal_guidelines.model.site import load_site
from municipal_guidelines.project import Project

FLOORS = (0.0, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4)


def report(pairs: list[LabelledPair], entries: tuple[Entry, ...]) -> tuple[str, Score]:
    scores = pair_scores(entries)
    known = {e.rule_id for e in entries}
    unknown = sorted({r for p in pairs for r in (p.a, p.b)} - known)
    if unknown:
        raise SystemExit(f"guidelines shared-wording: ukjende regel-id-ar i dei merkte para: {', '.join(unknown)}")
    positives = sum(p.same for p in pairs)
    lines = [
        "# Shared wording: precision and recall on the labelled pairs",
        "",
        f"Made by `guidelines shared-wording` from `tests/data/shared_wording_pairs.yml`: {len(pairs)} pairs of rules "
        f"of the committed guidelines, {positives} sharing wording and {len(pairs) - positives} not (hard negatives: same "
        f"topic, other wording). Rules compared in {COMPARE_LANG} (Bømlo's rules in their machine translation), "
        "passage by passage (char n-gram TF-IDF 3–5, cosine).",
        "",
        "## Thresholds",
        "",
        f"Pairs: the best pair of passages at least this alike. Groups: both rules in one group (what the pages show), at the site's floor ({FLOOR:.2f}, below).",
        "",
        "| threshold | pairs: precision | pairs: recall | groups: precision | groups: recall | groups: false pos. / false neg. | largest group (rules) |",
        "|---|---|---|---|---|---|---|",
    ]
    for threshold in SWEEP:
        s = score(pairs, {key for key, value in scores.items() if value >= threshold - 1e-9})
        shared = find_shared(entries, threshold)
        g = score(pairs, grouped(shared, pairs))
        largest = max((len(group.rule_ids) for group in shared.groups), default=0)
        mark = " **(site)**" if abs(threshold - THRESHOLD) < 1e-9 else ""
        lines.append(
            f"| {threshold:.2f}{mark} | {s.precision:.2f} | {s.recall:.2f} | {g.precision:.2f} | {g.recall:.2f} | {g.fp} / {g.fn} | {largest} |"
        )
    lines += [
        "",
        f"## Floors at the site's threshold ({THRESHOLD:.2f})",
        "",
        "Two municipalities in one group must have rules that share a passage at least this alike (0: any rules linked "
        "through others form a group, as before issue #22, which grouped meraker-9 with alta-26 through loten-4).",
        "",
        "| floor | groups: precision | groups: recall | groups: false pos. / false neg. | largest group (rules) |",
        "|---|---|---|---|---|",
    ]
    for floor in FLOORS:
        shared = find_shared(entries, THRESHOLD, floor)
        g = score(pairs, grouped(shared, pairs))
        largest = max((len(group.rule_ids) for group in shared.groups), default=0)
        mark = " **(site)**" if abs(floor - FLOOR) < 1e-9 else ""
        lines.append(f"| {floor:.2f}{mark} | {g.precision:.2f} | {g.recall:.2f} | {g.fp} / {g.fn} | {largest} |")
    result = score(pairs, grouped(find_shared(entries, THRESHOLD), pairs))
    lines += [
        "",
        f"## Groups at the site's threshold ({THRESHOLD:.2f}) and floor ({FLOOR:.2f}): both rules in one group",
        "",
        f"Precision **{result.precision:.2f}**, recall **{result.recall:.2f}** "
        f"({result.tp} true positives, {result.fp} false positives, {result.fn} false negatives, {result.tn} true negatives).",
        "",
    ]
    missed = [p for p in pairs if p.same and frozenset((p.a, p.b)) not in grouped(find_shared(entries, THRESHOLD), pairs)]
    wrong = [p for p in pairs if not p.same and frozenset((p.a, p.b)) in grouped(find_shared(entries, THRESHOLD), pairs)]
    if missed:
        lines += ["Missed (labelled shared, not in one group): " + ", ".join(f"{p.a}/{p.b}" for p in missed) + ".", ""]
    if wrong:
        lines += ["Wrongly grouped (labelled not shared): " + ", ".join(f"{p.a}/{p.b}" for p in wrong) + ".", ""]
    return "\n".join(lines), result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    project = Project.find()
    parser.add_argument("--pairs", type=Path, default=project.root / "tests" / "data" / "shared_wording_pairs.yml")
    parser.add_argument("--out", type=Path, default=project.root / "benchmarks" / "shared_wording.md")
    args = parser.parse_args(argv)
    model = load_site(project.docs, project.topics_file)
    text, _ = report(load_pairs(args.pairs), model.matrices[COMPARE_LANG].entries)
    print(text)
    args.out.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
