"""The import from start to end: check everything, build everything, then write all files or none."""

from __future__ import annotations

import datetime
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from municipal_guidelines.format import fields, grammar
from municipal_guidelines.format.guideline import Guideline
from municipal_guidelines.importing import revision
from municipal_guidelines.importing.extract import Extracted
from municipal_guidelines.importing.messages import InputError, os_reason, shown_path
from municipal_guidelines.importing.options import (
    Options,
    kept_paths,
    received_path,
    target_paths,
)
from municipal_guidelines.importing.page import (
    Annotated,
    annotate,
    check_page,
    front_matter,
    markdown_body,
    parse_page,
    source_lines,
    translate_page,
)
from municipal_guidelines.importing.source import provenance
from municipal_guidelines.importing.structure import MAX_TITLE, Block, decide_structure, guess_adoption, joined_lists, raw_blocks
from municipal_guidelines.importing.structure_check import source_problems
from municipal_guidelines.model.topics import Topic
from municipal_guidelines.suggest.rule_or_prose import RuleOrProse

if TYPE_CHECKING:
    from municipal_guidelines.suggest.learned import LearnedTopics

UNPLACED = "could not place — decide: rule (add topics) or prose"


@dataclass(frozen=True)
class Result:
    pages: dict[Path, str]  # path → text, original first
    kept: dict[Path, bytes]  # the input as received and its provenance
    guideline: Guideline
    sentences: int
    unplaced: list[tuple[int, Annotated]]  # (page line, block without topics)
    notes: list[str]
    rules: list[tuple[int, Annotated]]  # (page line, rule with its suggestions)
    alignment: tuple[revision.Row, ...] = ()  # a new version: each block against the current version
    moved: dict[Path, str] = field(default_factory=dict)  # a new version: the current pages, kept under versjon/


@dataclass(frozen=True)
class Structure:
    blocks: list[Block]
    document_title: str
    title_block: Block | None
    notes: list[str]
    checked_source: str | None = None  # the source the fidelity check reads: without what was left out


def first_line_title(blocks: Sequence[Block]) -> str:
    """The title when no line fits: the first sentence of the first block, cut at a word before
    :data:`MAX_TITLE` characters."""
    first = next((b.text for b in blocks if b.kind in ("p", "li", "h")), "")
    sentence = re.split(r"(?<=[.!?:])\s", first, maxsplit=1)[0].rstrip(".:")
    if len(sentence) > MAX_TITLE:
        sentence = sentence[: MAX_TITLE - 1].rsplit(" ", 1)[0] + "…"
    return sentence


def structure(options: Options, source: str, extracted: Extracted | None = None) -> Structure:
    """The title, headings and blocks: found first, before any model is loaded. Where no line can
    be the title, the first line's first sentence is, and a note says so. InputError if the
    structure check finds structure lost (a heading merged into an item, …)."""
    notes: list[str] = []
    raw = raw_blocks(source)
    blocks = decide_structure(raw, options.title, options.name, guess_headings=extracted is None)
    kept_lines = {b.line for b in blocks}
    left_out = [b for b in raw if b.line not in kept_lines]
    if left_out:  # page numbers and running headers copied with the text (structure.page_furniture)
        notes.append("left out as page furniture copied with the text: " + ", ".join(f"line {b.line} {b.text[:40]!r}" for b in left_out))
        lines = source.split("\n")
        for block in left_out:
            for number in range(block.line, (block.last or block.line) + 1):
                lines[number - 1] = ""  # the fidelity check does not look for them; line numbers stay
        checked = "\n".join(lines)
    else:
        checked = source
    title_block = next((b for b in blocks if b.kind == "h" and b.level == 1), None)
    document_title = options.title or (title_block.text if title_block else None)
    if not document_title:
        document_title = first_line_title(blocks)
        if not document_title:
            raise InputError(f"{shown_path(options.input)}: fann inga tekst å lage tittel av; gje tittelen med --title \"…\"")
        notes.append(
            f"fann inga linje som kan vere tittel (ei kort linje først i teksta); brukte {document_title!r} frå den første linja: "
            "rett document_title, eller gje tittelen med --title \"…\""
        )
    lost = source_problems(blocks, source)
    if lost:
        where = shown_path(options.input)
        raise InputError("; ".join(f"{where}, linje {p.line}: {p.message}" for p in lost))
    return Structure(blocks, document_title, title_block, notes, checked)


def build(
    options: Options,
    raw: bytes,
    source: str,
    topics: Sequence[Topic],
    learned: LearnedTopics | None = None,
    extracted: Extracted | None = None,
    rule_or_prose: RuleOrProse | None = None,
    found: Structure | None = None,
) -> Result:
    """Everything up to (not including) writing: page, checks, translation, the kept source."""
    found = found or structure(options, source, extracted)
    blocks, document_title, title_block, notes = found.blocks, found.document_title, found.title_block, list(found.notes)
    problem = fields.check_text(document_title)
    if problem and title_block is not None:
        raise InputError(
            f"{shown_path(options.input)}, {source_lines(title_block, extracted.origins if extracted else None)}: tittellinja {problem}, "
            "eller gje tittelen med --title \"…\""
        )
    adoption = options.adoption
    if adoption is None:
        guessed = guess_adoption(blocks)
        adoption = guessed.text if guessed and not fields.check_text(guessed.text) else ""
        if guessed and adoption:
            notes.append(f"adoption guessed from source line {guessed.line}: {adoption!r} (check it, or pass --adoption)")
        elif guessed:
            notes.append(f"source line {guessed.line} looks like the adoption but cannot be front matter; pass --adoption")
    notes += [
        f"source line {line}: list joined to the list above it (Markdown cannot keep adjacent lists apart); "
        "check its markers"
        for line in joined_lists(blocks)
    ]
    items = annotate(blocks, options.slug, topics, learned, rule_or_prose)
    alignment: list[revision.Row] = []
    if options.new_version:  # ids kept from the current version (importing/revision.py)
        current, current_paths = revision.read_current(options.docs, options.slug)
        used = revision.earlier_ids(options.docs, options.slug) | {rule.id for rule in current.rules}
        old = revision.old_blocks(current_paths[current.lang].read_text(encoding="utf-8"))
        items, alignment = revision.align(items, old, used, options.slug, options.pairs)
    rendered = markdown_body(items)
    page = grammar.Page(front_matter(options, document_title, adoption), (grammar.blank(), *rendered.body, grammar.blank()))
    paths = target_paths(options)
    text_lines = {page.body_start + 1 + rendered.block_lines[i]: item.block for i, item in enumerate(items)}
    displayed, origins = (extracted.shown, extracted.origins) if extracted else (None, None)
    guideline, count = check_page(found.checked_source or source, page, paths[0], shown_path(paths[0]), text_lines, options.input, displayed, origins)
    text = grammar.write(page)
    pages = {paths[0]: text}
    if options.translate:
        pages[paths[1]] = translate_page(text, options.lang, paths[1], shown_path(paths[1]), guideline)
    lines = {i: page.body_start + 1 + rendered.block_lines[i] for i in range(len(items))}
    unplaced = [(lines[i], item) for i, item in enumerate(items) if item.block.kind in ("p", "li") and not item.rule_id]
    rules = [(lines[i], item) for i, item in enumerate(items) if item.rule_id]
    kept_text, kept_provenance = kept_paths(options)
    kept = {kept_text: extracted.text.encode("utf-8") if extracted else raw}
    if extracted:
        kept[received_path(options, extracted.kind)] = raw
        notes += [f"extraction: {item}" for item in extracted.unsure]
    kept[kept_provenance] = provenance(options, raw, datetime.date.today(), extracted)
    moved: dict[Path, str] = {}
    if options.new_version:
        def translate(text: str, lang: str, target: Path, origin: Path) -> str:
            return translate_page(text, lang, target, shown_path(target), parse_page(text, origin, shown_path(origin)))

        new_date = guideline.version_date
        _, moved = revision.moved_pages(current, current_paths, options.sources, new_date, translate if options.translate else None)
    return Result(pages, kept, guideline, count, unplaced, notes, rules, tuple(alignment), moved)


def write_files(files: dict[Path, bytes]) -> None:
    """Write every file, or none: each goes to a temporary file first, then all are moved into place."""
    created: list[Path] = []
    temporary: dict[Path, Path] = {}
    current = next(iter(files))
    try:
        for path in files:
            missing = [parent for parent in [path.parent, *path.parent.parents] if not parent.exists()]
            for current in reversed(missing):
                current.mkdir()
                created.append(current)
        for current, data in files.items():
            temporary[current] = current.with_name(f".{current.name}.{os.getpid()}.tmp")
            temporary[current].write_bytes(data)
    except OSError as exc:
        for temp in temporary.values():
            temp.unlink(missing_ok=True)
        for folder in reversed(created):
            folder.rmdir()
        raise InputError(f"kunne ikkje skrive {shown_path(current)} ({os_reason(exc)}); ingenting er skrive") from exc
    moved = []
    try:
        for path, temp in temporary.items():
            os.replace(temp, path)
            moved.append(shown_path(path))
    except OSError as exc:
        for temp in temporary.values():
            temp.unlink(missing_ok=True)
        written = f"berre {', '.join(moved)} er skrive" if moved else "ingenting er skrive"
        raise InputError(f"kunne ikkje skrive {shown_path(path)} ({os_reason(exc)}); {written}") from exc
