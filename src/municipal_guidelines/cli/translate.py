"""Generate the other language form (nb <-> nn) of guideline pages with Apertium.

Every page in ``docs/kommunar/`` exists as ``<slug>.nb.md`` and ``<slug>.nn.md`` (see FORMAT.md).
The file whose suffix equals its front-matter ``original_language`` is the *original*; this script
writes the other file from it: ``apertium nob-nno`` for a Bokmål original, ``apertium nno-nob`` for a
Nynorsk original.

Usage::

    guidelines translate                       # translate every original in docs/kommunar/
    guidelines translate docs/kommunar/loten.nb.md ...   # only these pages (if a path is a
                                                      # translation, its original is used)
    guidelines translate --check               # write nothing, run no Apertium; exit 1 and
                                                      # list every translation that is missing, out
                                                      # of date or edited by hand (see add_stamp)
    guidelines translate --docs DIR            # use DIR instead of docs/ (for tests)

Exit codes: 0 ok / in sync, 1 ``--check`` found missing or outdated translations, 2 error (bad
page, apertium missing or failing).

What gets translated: the text of headings, paragraphs and list items, and the front-matter values
``document_title`` and ``adoption``. Never touched: Markdown syntax (heading markers, list markers,
their indentation and numbering, ``---``, blank lines), annotation lines (``{ #loten-3 ... }``,
``{ .prosa }``, copied byte for byte), every other front-matter line. Lines are read by the page
grammar the build uses (``format.grammar``), and an original the build would refuse is refused
here too, with the build's message.

How: each text segment is protected (URLs, e-mail addresses, hashtags, @handles, inline code,
link targets, emphasis markers and stray ``# @ | ~ *`` become empty tags ``<b data-p="N"></b>``,
everything else is HTML-escaped), wrapped as ``<p data-s="K">...</p>`` and the whole page goes through
ONE ``apertium -u -f html`` call. In html format, tags are "superblanks": Apertium copies them
unchanged and transfer rules do not match across them, and ``</p>`` ends a sentence, so no word can
move from one line into another. (With ``-f txt`` a newline does not stop words moving between lines,
and blanks are duplicated when words are reordered.) The output is split back on the ``<p>`` tags;
the segment count, their order and every placeholder are verified, and the script fails loudly if
anything does not round-trip. ``-u`` drops the ``*`` unknown-word marks; the ``#`` (cannot generate)
and ``@`` (not in bilingual dictionary) marks are removed afterwards: every ``#`` and ``@`` of the
source is protected, so any left in Apertium's output is a mark.

Other tools can import :func:`translate_markdown` (page text in, page text out).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from municipal_guidelines.project import Project
from municipal_guidelines.translation.engine import (
    PageError,
    TranslationError,
    apertium_version,
    find_originals,
    project_resources,
    read_page,
    resolve_original,
    stamp_problem,
    translate_file,
    translation_target,
)
from municipal_guidelines.translation.quality import Quality


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Translate guideline pages nb <-> nn with Apertium (see the module docstring)."
    )
    parser.add_argument("paths", nargs="*", type=Path, help="pages to translate (default: all originals)")
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 if a translation is missing or out of date")
    parser.add_argument("--docs", type=Path, help="docs directory (default: docs/ of the project)")
    args = parser.parse_args(argv)
    args.docs = args.docs or Project.find().docs

    try:
        originals = (
            sorted({resolve_original(path) for path in args.paths}) if args.paths else find_originals(args.docs)
        )
        targets = [translation_target(original) for original in originals]  # validate all first
        stale: list[str] = []
        translator = "" if args.check else apertium_version()
        resources = None if args.check else project_resources(args.docs)
        for original, target in zip(originals, targets):
            current = read_page(target) if target.is_file() else None
            if args.check:
                problem = "manglar" if current is None else stamp_problem(read_page(original), current)
                if problem:
                    stale.append(f"{target}: {problem} (original {original.name})")
                continue
            quality = Quality()
            text = translate_file(original, translator, resources, quality)
            if current == text:
                continue
            with open(target, "w", encoding="utf-8", newline="\n") as handle:
                handle.write(text)
            print(f"skreiv {target}")
            for line in quality.lines(str(target)):
                print(f"  {line}")
    except (PageError, TranslationError, OSError) as exc:
        print(f"guidelines translate: feil: {exc}", file=sys.stderr)
        return 2
    if stale:
        print("Omsetjingar som manglar eller ikkje passar til originalen (køyr guidelines translate):", file=sys.stderr)
        for line in stale:
            print(f"  {line}", file=sys.stderr)
        return 1
    if args.check:
        print(f"{len(originals)} omsetjing(ar) passar til originalen")
    return 0


if __name__ == "__main__":
    sys.exit(main())
