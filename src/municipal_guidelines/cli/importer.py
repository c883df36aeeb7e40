"""``guidelines import``: check everything, build everything, then write all files or none
(what each step does: ``municipal_guidelines.importing``)."""

from __future__ import annotations

import sys
from collections.abc import Sequence

from municipal_guidelines.format.stubs import PROFILE_STUB
from municipal_guidelines.importing import revision
from municipal_guidelines.importing.messages import CheckError, InputError, shown_path
from municipal_guidelines.importing.options import (
    Options,
    build_parser,
    check_not_elsewhere,
    check_required,
    check_targets,
    validate_options,
)
from municipal_guidelines.importing.run import UNPLACED, Result, build, structure, write_files
from municipal_guidelines.importing.source import read_source
from municipal_guidelines.layout import LANGS, PROFILE_DIR, other_lang
from municipal_guidelines.model.topics import load_topics
from municipal_guidelines.project import Project
from municipal_guidelines.suggest.rule_or_prose import RuleOrProse, reviewed_block_examples
from municipal_guidelines.suggest.training import training_examples


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
            flag += f" [topics {' '.join(s.topic for s in item.suggestions) or 'found'}, but prose: {item.prose_reason}]" if item.prose_reason else ""
            print(f"  {original}:{line} (source line {item.block.line}){flag}: {text}")
    print(f"next: review the topics in {original}, decide the blocks above, remove 'review: true', "
          f"then run: guidelines translate, and guidelines check")


def main(argv: Sequence[str] | None = None) -> int:
    """Check everything, build everything, then write: on any error nothing is written."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.docs is None:
        args.docs = Project.find().docs
    if not args.new_version:
        check_required(parser, args)
    try:
        if args.new_version:
            revision.prefill(args, args.docs)
        options = validate_options(args)
        check_targets(options)
        check_not_elsewhere(options)
        raw, source, extracted = read_source(options)
        found = structure(options, source, extracted)  # the title first, before any model is loaded
        for note in found.notes:
            print(f"guidelines import: merk: {note}", file=sys.stderr, flush=True)
        from municipal_guidelines.suggest.learned import LearnedTopics  # scikit-learn: after the title

        topics = load_topics(args.topics or Project.find().topics_file)
        learned = LearnedTopics.fit(training_examples(options.docs), [t.id for t in topics])
        blocks = reviewed_block_examples(options.docs, strict=False)
        rule_or_prose = RuleOrProse(blocks) if blocks else None
        result = build(options, raw, source, topics, learned, extracted, rule_or_prose, found)
        profiles = {
            path: PROFILE_STUB.encode("utf-8")
            for path in (options.docs / PROFILE_DIR / f"{options.slug}.{lang}.md" for lang in LANGS)
            if not path.exists()
        }  # the municipality's profile pages (guidelines stub-pages would write the same)
        if result.alignment:
            print(f"the new version's blocks against the current version of {options.slug} (correct with --pair ROW=ID|ny|prosa):")
            for line in revision.table(result.alignment):
                print(f"  {line}")
        if options.dry_run:
            print("dry run: nothing written")
            return 0
        moved = {path: text.encode("utf-8") for path, text in result.moved.items()}
        write_files({path: text.encode("utf-8") for path, text in result.pages.items()} | moved | profiles | result.kept)
    except InputError as exc:
        print(f"guidelines import: feil: {' '.join(str(exc).splitlines())}", file=sys.stderr)
        return 2
    except CheckError as exc:
        print(f"guidelines import: failed, nothing written: {exc}", file=sys.stderr)
        return 1
    report(result, options)
    for path in result.moved:
        print(f"kept the version it replaces as {shown_path(path)}")
    return 0
