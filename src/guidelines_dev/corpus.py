"""Write a synthetic site with N municipalities, for tests and benchmarks at national scale.

    guidelines corpus N OUT_DIR [--seed 1] [--rules 30] [--history 0.3]

OUT_DIR receives a copy of the project (mkdocs.yml, hooks, overrides, data, the site's own pages)
and N synthetic guidelines in both language forms, annotated and with valid front matter. Their
texts recombine the real rules of the committed guidelines (each real rule exists in bokmål and
nynorsk, original or translation), so pages are realistic in length and vocabulary. Nothing
generated belongs in the repository.

``--history SHARE`` gives that share of the municipalities an earlier version
(``kommunar/<slug>/versjon/2019-01-01.<lang>.md``): the current page's rules with three reworded,
the two last missing (new in the current version) and one that the current version removed. The
current pages are the same with or without it, so a build with and without history compares like
with like.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

from municipal_guidelines.format import stubs as stub_pages
from municipal_guidelines.format.fields import make_slug
from municipal_guidelines.format.guideline import Guideline, parse_guideline
from municipal_guidelines.layout import GUIDELINE_DIR, LANGS, PROFILE_DIR, VERSION_DIR
from municipal_guidelines.model.site import guideline_files
from municipal_guidelines.project import Project

COUNTIES = (
    "Oslo", "Rogaland", "Møre og Romsdal", "Nordland", "Østfold", "Akershus", "Buskerud", "Innlandet",
    "Vestfold", "Telemark", "Agder", "Vestland", "Trøndelag", "Troms", "Finnmark",
)
PREFIXES = (
    "Nord", "Sør", "Øst", "Vest", "Øvre", "Nedre", "Stor", "Lille", "Ny", "Gammel", "Høg", "Lang",
    "Bjørk", "Furu", "Elve", "Sjø", "Fjell", "Myr", "Berg", "Sand", "Stein", "Skog", "Vik", "Ås",
)
SUFFIXES = (
    "dal", "vik", "fjord", "berg", "øy", "nes", "stad", "heim", "sund", "land",
    "bygd", "haug", "voll", "strand", "mark", "rud", "li", "eid", "os", "ås",
)
TITLE = {
    "nb": "Retningslinjer for bruk av sosiale medier i {name} kommune",
    "nn": "Retningslinjer for bruk av sosiale medium i {name} kommune",
}
INTRO = {
    "nb": "Retningslinjene gjelder for alle ansatte og for kommunens offisielle kontoer.",
    "nn": "Retningslinene gjeld for alle tilsette og for dei offisielle kontoane til kommunen.",
}
PROJECT_PARTS = ("mkdocs.yml", "hooks", "overrides", "data")


@dataclass(frozen=True)
class PooledRule:
    text: dict[str, str]  # lang -> text
    section: dict[str, str]
    topics: tuple[str, ...]


def rule_pool(docs: Path) -> list[PooledRule]:
    """Every real rule with its text in both language forms, aligned by id."""
    pages: dict[str, dict[str, Guideline]] = {}
    for path in guideline_files(docs):
        if path.parent != docs / GUIDELINE_DIR:
            continue  # an earlier version: its rules are in the current page's pool already
        guideline = parse_guideline(path.read_text(encoding="utf-8"), path)
        pages.setdefault(guideline.slug, {})[guideline.lang] = guideline
    pool = []
    for pair in pages.values():
        if set(pair) != set(LANGS):
            continue
        by_id = {lang: {rule.id: rule for rule in pair[lang].rules} for lang in LANGS}
        for rule in pair["nb"].rules:
            twin = by_id["nn"][rule.id]
            pool.append(
                PooledRule(
                    text={"nb": rule.text, "nn": twin.text},
                    section={"nb": rule.section, "nn": twin.section},
                    topics=rule.topics,
                )
            )
    return pool


def municipality_names(count: int, rng: random.Random) -> list[str]:
    names = [p + s for p in PREFIXES for s in SUFFIXES]
    if count > len(names):
        names += [f"{name} {i}" for i in range(2, count // len(names) + 2) for name in names]
    rng.shuffle(names)
    return names[:count]


def render_page(
    name: str, number: str, county: str, original: str, lang: str, slug: str, rules: list[PooledRule],
    ids: list[int] | None = None, extra: tuple[str, ...] = (),
) -> str:
    """One guideline page: front matter, title, intro, three sections of annotated list items
    (numbered 1..n, or ``ids``; ``extra``: more front-matter lines)."""
    lines = [
        "---",
        f"municipality: {name}",
        f'municipality_number: "{number}"',
        f"county: {county}",
        f"original_language: {original}",
        f'document_title: "{TITLE[lang].format(name=name)}"',
        'adoption: ""',
        *extra,
        "---",
        "",
        f"# {TITLE[lang].format(name=name)}",
        "",
        INTRO[lang],
        "{ .prosa }",
    ]
    per_section = max(1, len(rules) // 3)
    for start in range(0, len(rules), per_section):
        chunk = rules[start : start + per_section]
        lines += ["", f"## {chunk[0].section[lang] or TITLE[lang].format(name=name)}", ""]
        for offset, rule in enumerate(chunk, start=start + 1):
            number_ = ids[offset - 1] if ids else offset
            lines += [f"- {rule.text[lang]}", f'  {{ #{slug}-{number_} data-topics="{" ".join(rule.topics)}" }}']
    return "\n".join(lines) + "\n"


EARLIER_DATE = "2019-01-01"
REWORDED = {"nb": " Dette gjelder alle kontoer.", "nn": " Dette gjeld alle kontoar."}


def earlier_version(rules: list[PooledRule], pool: list[PooledRule], rng: random.Random) -> tuple[list[PooledRule], list[int]]:
    """An earlier version of a page with ``rules`` (ids 1..n): the last two not yet there, three
    worded otherwise, and one more rule (id n + 1) that the current version removed."""
    n = len(rules)
    kept = list(rules[: max(0, n - 2)])
    for index in rng.sample(range(len(kept)), min(3, len(kept))):
        rule = kept[index]
        kept[index] = PooledRule({lang: rule.text[lang] + REWORDED[lang] for lang in LANGS}, rule.section, rule.topics)
    removed = rng.choice([r for r in pool if r not in rules] or pool)
    return [*kept, PooledRule(removed.text, kept[-1].section if kept else removed.section, removed.topics)], [*range(1, len(kept) + 1), n + 1]


def copy_project(out: Path, source: Project) -> None:
    """The project without the real guidelines and their profiles (the index pages stay)."""
    out.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        path = source.root / part
        if path.is_dir():
            shutil.copytree(path, out / part, dirs_exist_ok=True, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(path, out / part)
    shutil.copytree(
        source.docs,
        out / "docs",
        dirs_exist_ok=True,
        ignore=lambda folder, names: [n for n in names if Path(folder).name in (GUIDELINE_DIR, PROFILE_DIR) and not n.startswith("index.")],
    )


def generate(
    count: int, out: Path, seed: int = 1, rules_per_page: int = 30, source: Project | None = None, history: float = 0.0
) -> list[str]:
    """Write the synthetic project into ``out``; return the slugs. ``history``: the share of
    municipalities with an earlier version (drawn by a random generator of its own, so the
    current pages are the same for every share)."""
    rng = random.Random(seed)
    history_rng = random.Random(seed + 1)
    source = source or Project.find()
    pool = rule_pool(source.docs)
    copy_project(out, source)
    slugs = []
    for index, name in enumerate(municipality_names(count, rng)):
        slug = make_slug(name)
        number = f"{1000 + index:04d}"
        county = COUNTIES[index % len(COUNTIES)]
        original = "nn" if rng.random() < 0.27 else "nb"
        rules = rng.sample(pool, min(rules_per_page, len(pool)))
        rules.sort(key=lambda r: r.section["nb"])
        for lang in LANGS:
            text = render_page(name, number, county, original, lang, slug, rules)
            (out / "docs" / GUIDELINE_DIR / f"{slug}.{lang}.md").write_text(text, encoding="utf-8")
        if history and history_rng.random() < history:
            earlier, ids = earlier_version(rules, pool, history_rng)
            folder = out / "docs" / GUIDELINE_DIR / slug / VERSION_DIR
            folder.mkdir(parents=True)
            for lang in LANGS:
                text = render_page(name, number, county, original, lang, slug, earlier, ids, (f'in_force: "{EARLIER_DATE}"',))
                (folder / f"{EARLIER_DATE}.{lang}.md").write_text(text, encoding="utf-8")
        slugs.append(slug)
    stub_pages.sync(out / "docs", out / "data" / "topics.yml")  # the municipalities' profile pages
    return slugs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("count", type=int)
    parser.add_argument("out", type=Path)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--rules", type=int, default=30)
    parser.add_argument("--history", type=float, default=0.0, help="share of municipalities with an earlier version (0–1)")
    args = parser.parse_args(argv)
    if args.out.exists() and any(args.out.iterdir()):
        parser.error(f"{args.out} is not empty")
    slugs = generate(args.count, args.out, args.seed, args.rules, history=args.history)
    print(f"wrote {len(slugs)} municipalities x {len(LANGS)} language forms into {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
