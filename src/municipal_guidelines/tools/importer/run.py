"""The import from start to end: check everything, build everything, then write all files or none."""

from __future__ import annotations

import datetime
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from municipal_guidelines.format import fields, grammar
from municipal_guidelines.format.guideline import Guideline
from municipal_guidelines.layout import LANGS, PROFILE_DIR, other_lang
from municipal_guidelines.model.topics import Topic, load_topics
from municipal_guidelines.project import Project
from municipal_guidelines.tools.importer.extract import Extracted
from municipal_guidelines.tools.importer.messages import CheckError, InputError, os_reason, shown_path
from municipal_guidelines.tools.importer.options import (
    Options,
    build_parser,
    check_not_elsewhere,
    check_targets,
    kept_paths,
    received_path,
    target_paths,
    validate_options,
)
from municipal_guidelines.tools.importer.page import (
    Annotated,
    annotate,
    check_page,
    front_matter,
    markdown_body,
    source_lines,
    translate_page,
)
from municipal_guidelines.tools.importer.source import provenance, read_source
from municipal_guidelines.tools.importer.structure import decide_structure, guess_adoption, joined_lists, raw_blocks
from municipal_guidelines.tools.learned import LearnedTopics
from municipal_guidelines.tools.stub_pages import PROFILE_STUB
from municipal_guidelines.tools.training import training_examples

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


def build(
    options: Options, raw: bytes, source: str, topics: Sequence[Topic], learned: LearnedTopics | None = None, extracted: Extracted | None = None
) -> Result:
    """Everything up to (not including) writing: page, checks, translation, the kept source."""
    notes: list[str] = []
    blocks = decide_structure(raw_blocks(source), options.title, options.name, guess_headings=extracted is None)
    title_block = next((b for b in blocks if b.kind == "h" and b.level == 1), None)
    document_title = options.title or (title_block.text if title_block else None)
    if not document_title:
        raise InputError(f"{shown_path(options.input)}: fann inga tittellinje i teksta; gje tittelen med --title \"…\"")
    problem = fields.check_text(document_title)
    if problem and title_block is not None:
        raise InputError(
            f"{shown_path(options.input)}, {source_lines(title_block)}: tittellinja {problem}, "
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
    items = annotate(blocks, options.slug, topics, learned)
    rendered = markdown_body(items)
    page = grammar.Page(front_matter(options, document_title, adoption), (grammar.blank(), *rendered.body, grammar.blank()))
    paths = target_paths(options)
    text_lines = {page.body_start + 1 + rendered.block_lines[i]: item.block for i, item in enumerate(items)}
    guideline, count = check_page(source, page, paths[0], shown_path(paths[0]), text_lines, options.input)
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
    return Result(pages, kept, guideline, count, unplaced, notes, rules)


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


def report(result: Result, options: Options) -> None:
    """What was written and what a person has to decide."""
    paths = list(result.pages)
    original = shown_path(paths[0])
    for note in result.notes:
        print(f"note: {note}")
    print(f"all {result.sentences} sentences kept")
    print(f"wrote {original} ({len(result.guideline.rules)} rules, {result.guideline.prose} prose blocks, review: true)")
    if len(paths) > 1:
        print(f"wrote {shown_path(paths[1])} (machine translation {options.lang} → {other_lang(options.lang)})")
    kept_text, *received, kept_provenance = list(result.kept)
    if received:
        print(f"kept the document as received in {shown_path(received[0])}, the text extracted from it in {shown_path(kept_text)}, "
              f"their provenance in {shown_path(kept_provenance)}")
    else:
        print(f"kept the input as received in {shown_path(kept_text)}, its provenance in {shown_path(kept_provenance)}")
    if result.rules:
        print("suggested topics, and why (keywords that matched, the learned model's probability, the most alike reviewed rules):")
        for line, item in result.rules:
            print(f"  {original}:{line} {item.rule_id}: {'; '.join(s.describe() for s in item.suggestions)}")
    if result.unplaced:
        print(f"{UNPLACED} ({len(result.unplaced)} blocks, now marked {{ .prosa }}; 'reads like a rule' first to check):")
        for line, item in sorted(result.unplaced, key=lambda found: not found[1].reads_like_a_rule):
            text = item.block.text if len(item.block.text) <= 70 else item.block.text[:67] + "…"
            flag = " [reads like a rule]" if item.reads_like_a_rule else ""
            print(f"  {original}:{line} (source line {item.block.line}){flag}: {text}")
    print(f"next: review the topics in {original}, decide the blocks above, remove 'review: true', "
          f"then run: guidelines translate, and guidelines check")


def main(argv: Sequence[str] | None = None) -> int:
    """Check everything, build everything, then write: on any error nothing is written."""
    args = build_parser().parse_args(argv)
    if args.docs is None:
        args.docs = Project.find().docs
    try:
        options = validate_options(args)
        check_targets(options)
        check_not_elsewhere(options)
        raw, source, extracted = read_source(options)
        topics = load_topics(args.topics or Project.find().topics_file)
        learned = LearnedTopics.fit(training_examples(options.docs), [t.id for t in topics])
        result = build(options, raw, source, topics, learned, extracted)
        profiles = {
            path: PROFILE_STUB.encode("utf-8")
            for path in (options.docs / PROFILE_DIR / f"{options.slug}.{lang}.md" for lang in LANGS)
            if not path.exists()
        }  # the municipality's profile pages (guidelines stub-pages would write the same)
        write_files({path: text.encode("utf-8") for path, text in result.pages.items()} | profiles | result.kept)
    except InputError as exc:
        print(f"guidelines import: feil: {' '.join(str(exc).splitlines())}", file=sys.stderr)
        return 2
    except CheckError as exc:
        print(f"guidelines import: failed, nothing written: {exc}", file=sys.stderr)
        return 1
    report(result, options)
    return 0
