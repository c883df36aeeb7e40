"""A new version of a municipality's guideline (``guidelines import --new-version``): its rules
aligned with the current version's, so that every permalink still holds.

Each paragraph and item of the new text is compared with every block of the current original
(rules and prose) with rapidfuzz's ``fuzz.ratio`` (0–100, on the text with case and spacing
folded), and the pairs are chosen together so that the total similarity is highest (SciPy's
``linear_sum_assignment``). A block paired with a rule at ``THRESHOLD`` or above keeps that
rule's id and topics (100: unchanged, below: reworded); paired with a prose block it stays prose;
unpaired, it is a new rule with the next number no version has used (if it has suggested topics)
or prose. A rule of the current version no block is paired with is removed: its id is never used
again, and its permalink leads to the version it last stood in (``render/history.py``).

The reviewer sees the alignment as a table and corrects it with ``--pair ROW=ID`` (the block of
row ROW is rule ID), ``--pair ROW=ny`` (a new rule) or ``--pair ROW=prosa``; ``--dry-run`` prints
the table and writes nothing. The current pages move to ``kommunar/<slug>/versjon/<date>.<lang>.md``
(their text unchanged; a page that names no date gets ``received:`` from its kept source's
provenance, and its translation is made again), the new text is kept as
``sources/<slug>-<date>.txt`` beside the earlier ones.
"""

from __future__ import annotations

import argparse
import datetime
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml
from rapidfuzz import fuzz, process

from municipal_guidelines.format import fields, grammar
from municipal_guidelines.format.errors import GuidelineError, GuidelineErrors
from municipal_guidelines.format.guideline import PROSE_CLASS, Guideline, parse_annotation, parse_guideline
from municipal_guidelines.importing.messages import InputError, shown_path
from municipal_guidelines.importing.page import Annotated
from municipal_guidelines.layout import GUIDELINE_DIR, LANGS, VERSION_DIR, other_lang

THRESHOLD = 60  # fuzz.ratio at or above which a block is the same rule reworded
NEW, PROSE = "ny", "prosa"
_PAIR = re.compile(r"^(?P<row>[0-9]+)=(?P<target>[a-z0-9]+(?:-[a-z0-9]+)*)$", re.ASCII)
_SPACE = re.compile(r"\s+")


def current_pages(docs: Path, slug: str) -> dict[str, Path]:
    """The current pages of ``slug`` (lang -> path); InputError if it has none."""
    folder = docs / GUIDELINE_DIR
    pages = {lang: folder / f"{slug}.{lang}.md" for lang in LANGS if (folder / f"{slug}.{lang}.md").is_file()}
    if not pages:
        raise InputError(
            f"{shown_path(folder / f'{slug}.<nb|nn>.md')} finst ikkje: --new-version er for ein kommune som alt har ei side; "
            "vel sida med --slug, eller importer utan --new-version"
        )
    return pages


def read_current(docs: Path, slug: str) -> tuple[Guideline, dict[str, Path]]:
    """The current original of ``slug`` as the build reads it, and the paths of its pages."""
    pages = current_pages(docs, slug)
    for path in pages.values():
        try:
            page = parse_guideline(path.read_text(encoding="utf-8"), path, shown_path(path))
        except (GuidelineError, GuidelineErrors) as exc:
            raise InputError(f"den gjeldande sida har feil; rett dei først: {exc}") from exc
        if page.is_original:
            return page, pages
    raise InputError(f"fann ikkje originalen av {slug} (original_language) i {shown_path(docs / GUIDELINE_DIR)}")


def prefill(args: argparse.Namespace, docs: Path) -> None:
    """With --new-version: --slug is required, and name, number, county and language form default
    to the current page's."""
    if not args.slug:
        raise InputError("--new-version treng --slug: skriv kva kommune den nye versjonen høyrer til, til dømes --slug bomlo")
    if args.force:
        raise InputError("--new-version og --force kan ikkje brukast saman: --force lagar nye id-ar, --new-version held på dei")
    original, _ = read_current(docs, args.slug)
    meta = original.meta
    for option, value in (("name", meta.municipality), ("number", meta.municipality_number), ("county", meta.county),
                          ("lang", meta.original_language)):
        if getattr(args, option) is None:
            setattr(args, option, value)


def earlier_ids(docs: Path, slug: str) -> set[str]:
    """Every rule id the earlier versions of ``slug`` use (read as the build reads them)."""
    ids: set[str] = set()
    for path in sorted((docs / GUIDELINE_DIR / slug / VERSION_DIR).glob("*.md")):
        try:
            ids |= {rule.id for rule in parse_guideline(path.read_text(encoding="utf-8"), path, shown_path(path)).rules}
        except (GuidelineError, GuidelineErrors) as exc:
            raise InputError(f"ein tidlegare versjon har feil; rett dei først: {exc}") from exc
    return ids


@dataclass(frozen=True)
class OldBlock:
    text: str
    rule_id: str | None  # None: prose
    topics: tuple[str, ...] = ()


def old_blocks(text: str) -> list[OldBlock]:
    """Every paragraph and item of a page, with its id and topics (prose: no id)."""
    blocks = []
    for block in grammar.blocks(grammar.parse(text)).blocks:
        rule_id, classes, attrs, _ = parse_annotation(block.annotation.attributes or "") if block.annotation else (None, (), {}, [])
        rule = rule_id if PROSE_CLASS not in classes else None
        blocks.append(OldBlock(block.text, rule, tuple(attrs.get("data-topics", "").split())))
    return blocks


def folded(text: str) -> str:
    return _SPACE.sub(" ", text).strip().casefold()


@dataclass(frozen=True)
class Row:
    """One line of the alignment table: a block of the new text and what it became."""

    number: int
    text: str
    old_id: str | None  # the rule of the current version it is paired with
    score: float  # fuzz.ratio with what it is paired with (0: nothing)
    decision: str  # unchanged, reworded, new, prose, removed (a rule no block is paired with)
    rule_id: str | None  # the id it gets (None: prose)


@dataclass(frozen=True)
class Aligned(Annotated):
    """A block with the id and the topics of the rule it continues (topics reviewed before)."""

    kept_topics: tuple[str, ...] = ()

    @property
    def topics(self) -> tuple[str, ...]:
        return self.kept_topics or tuple(s.topic for s in self.suggestions)


def parse_pairs(pairs: Sequence[str], rows: int) -> dict[int, str]:
    """``--pair 3=bomlo-7`` → {3: "bomlo-7"}; InputError naming the bad one."""
    found = {}
    for pair in pairs:
        match = _PAIR.match(pair.strip())
        if not match or not 1 <= int(match.group("row")) <= rows:
            raise InputError(
                f"--pair {pair!r} passar ikkje: skriv --pair RAD=ID med eit radnummer frå tabellen (1–{rows}) og id-en til "
                "ein regel i den gjeldande versjonen, eller RAD=ny (ein ny regel) eller RAD=prosa"
            )
        found[int(match.group("row"))] = match.group("target")
    return found


def align(
    items: Sequence[Annotated], old: Sequence[OldBlock], used_ids: set[str], slug: str, pairs: Sequence[str] = ()
) -> tuple[list[Annotated], list[Row]]:
    """The new text's blocks with ids that survive the revision, and the table that says why."""
    candidates = [i for i, item in enumerate(items) if item.block.kind in ("p", "li")]
    forced = parse_pairs(pairs, len(candidates))
    old_rules = {block.rule_id: block for block in old if block.rule_id}
    for row, target in forced.items():
        if target not in (NEW, PROSE) and target not in old_rules:
            raise InputError(f"--pair {row}={target}: {target} er ikkje ein regel i den gjeldande versjonen; vel ein id frå tabellen")
    paired: dict[int, tuple[int, float]] = {}  # candidate position -> (old block index, score)
    free_rows = [n for n in range(len(candidates)) if n + 1 not in forced]
    taken = {target for target in forced.values()}
    free_old = [j for j, block in enumerate(old) if block.rule_id not in taken]
    if free_rows and free_old:
        scores = process.cdist(
            [folded(items[candidates[n]].block.text) for n in free_rows], [folded(old[j].text) for j in free_old],
            scorer=fuzz.ratio, workers=1,
        )
        from scipy.optimize import linear_sum_assignment  # only a new version's import aligns; 0.5 s to import

        for r, c in zip(*linear_sum_assignment(scores, maximize=True)):
            if scores[r][c] >= THRESHOLD:
                paired[free_rows[r]] = (free_old[c], float(scores[r][c]))
    next_number = 1 + max((int(i.rsplit("-", 1)[1]) for i in used_ids if re.fullmatch(rf"{re.escape(slug)}-[0-9]+", i)), default=0)
    result, rows = list(items), []
    kept_ids: set[str] = set()
    for n, index in enumerate(candidates):
        item = items[index]
        target = forced.get(n + 1)
        old_block, score = (None, 0.0)
        if target not in (None, NEW, PROSE):
            old_block = old_rules[target]
            score = float(fuzz.ratio(folded(item.block.text), folded(old_block.text)))
        elif target is None and n in paired:
            old_block, score = old[paired[n][0]], paired[n][1]
        if old_block is not None and old_block.rule_id:
            decision = "uendra" if folded(item.block.text) == folded(old_block.text) else "omskriven"
            result[index] = Aligned(item.block, old_block.rule_id, item.suggestions, old_block.topics)
            kept_ids.add(old_block.rule_id)
        elif target == PROSE or (target is None and old_block is not None) or (target is None and not item.rule_id):
            decision = "prosa"
            result[index] = Annotated(item.block)
        else:  # a new rule: the next number no version has used
            if not item.suggestions:
                raise InputError(f"rad {n + 1} skal bli ein ny regel, men har ingen føreslegne tema; legg til tema i sida etterpå, eller vel --pair {n + 1}=prosa")
            decision = "ny"
            result[index] = Annotated(item.block, f"{slug}-{next_number}", item.suggestions)
            next_number += 1
        rows.append(Row(n + 1, item.block.text, old_block.rule_id if old_block else None, score, decision, result[index].rule_id))
    for block in old:
        if block.rule_id and block.rule_id not in kept_ids:
            rows.append(Row(0, block.text, block.rule_id, 0.0, "fjerna", None))
    return result, rows


def table(rows: Sequence[Row]) -> list[str]:
    """The alignment as the reviewer reads it: row, the old id, the similarity, the decision, the new id, the text."""
    def short(text: str) -> str:
        return text if len(text) <= 70 else text[:69] + "…"

    lines = [f"{'rad':>3}  {'gammal id':<14} {'likskap':>7}  {'avgjerd':<9} {'ny id':<14} tekst"]
    for row in rows:
        number = str(row.number) if row.number else "-"
        score = f"{row.score:.0f}" if row.old_id and row.decision != "fjerna" else ""
        lines.append(f"{number:>3}  {row.old_id or '':<14} {score:>7}  {row.decision:<9} {row.rule_id or '':<14} {short(row.text)}")
    return lines


def provenance_date(sources: Path, source: str) -> str:
    """The date a kept source was received (its provenance ``<stem>.yml``), or ""."""
    path = sources / f"{Path(source).stem}.yml"
    try:
        value = yaml.safe_load(path.read_text(encoding="utf-8")).get("received", "")
    except (OSError, AttributeError, yaml.YAMLError):
        return ""
    value = value.isoformat() if isinstance(value, datetime.date) else str(value)
    return "" if fields.check_date(value) else value


def dated_page(text: str, received: str) -> str:
    """A page with ``received:`` added to its front matter (after its last line)."""
    page = grammar.parse(text)
    assert page.front_matter is not None
    lines = (*page.front_matter.lines, f'received: "{received}"')
    return grammar.write(page.with_front_matter(grammar.FrontMatter(lines)))


def moved_pages(original: Guideline, pages: dict[str, Path], sources: Path, new_date: str, translate) -> tuple[str, dict[Path, str]]:
    """Where the current pages go (``versjon/<date>.<lang>.md``) and their text: unchanged when the
    page names its date; else with ``received`` from its source's provenance and the translation
    made again (``translate(text, lang, path)``)."""
    date = original.version_date
    texts = {lang: path.read_text(encoding="utf-8") for lang, path in pages.items()}
    if not date:
        date = provenance_date(sources, original.meta.source) if original.meta.source else ""
        if not date:
            raise InputError(
                f"{original.path} seier ikkje kva dato versjonen er frå, og kjelda har ingen mottaksdato; "
                'legg til in_force: "ÅÅÅÅ-MM-DD" (eller adopted) i framsida først'
            )
        texts[original.lang] = dated_page(texts[original.lang], date)
    if date >= new_date:
        raise InputError(
            f"den gjeldande versjonen er frå {date}, den nye frå {new_date}: den nye må vere nyare; "
            "gje datoen han gjeld frå med --in-force ÅÅÅÅ-MM-DD"
        )
    folder = pages[original.lang].parent / original.slug / VERSION_DIR
    target = {lang: folder / f"{date}.{lang}.md" for lang in pages}
    for path in target.values():
        if path.exists():
            raise InputError(f"{shown_path(path)} finst alt; ein versjon frå {date} er alt teken vare på")
    moved = {target[original.lang]: texts[original.lang]}
    translation_lang = other_lang(original.lang)
    if translation_lang in pages:
        if original.version_date:  # the translation's stamp still matches the unchanged original
            moved[target[translation_lang]] = texts[translation_lang]
        elif translate is None:
            raise InputError(
                f"{original.path} får ein dato ({date}), så omsetjinga av han må lagast på nytt; importer utan --no-translate"
            )
        else:
            moved[target[translation_lang]] = translate(texts[original.lang], original.lang, target[translation_lang], target[original.lang])
    return date, moved
