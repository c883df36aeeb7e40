"""Is everything ready to publish? The checks of the build, without building the site.

    guidelines check

Reads and checks every page in ``docs/`` as the build does (front matter, annotations, topics,
rule ids, pairs of language forms, topic pages, what docs/ may hold) and every data file
(data/*.yml), renders every page with the Markdown settings of ``mkdocs.yml`` and runs the build's
checks of the rendered text on it (``validation.validate_site``), runs the structure check of
imported pages, and checks that every machine translation was made from its original as it is now
(``guidelines translate --check``). Exit 0 all fine, 1 problems (listed with file and line). It
lists, too, the sentences of the machine translations that did not survive being translated back
(``to_check``, marked on their pages): a person should compare them with the original; they do not
make it fail.
"""

from __future__ import annotations

import argparse
import sys

from municipal_guidelines.cli import translate
from municipal_guidelines.format.errors import CONTENT_ERRORS, GuidelineError, GuidelineErrors
from municipal_guidelines.format.ui import load_ui
from municipal_guidelines.importing.structure_check import check_pages
from municipal_guidelines.project import Project
from municipal_guidelines.render.translation_checks import report_lines
from municipal_guidelines.translation.quality import load_resources
from municipal_guidelines.validation import validate_site


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.parse_args(argv)
    project = Project.find()
    try:
        model = validate_site(project)
    except (GuidelineError, GuidelineErrors) as exc:
        print(f"{CONTENT_ERRORS}\n{exc}", file=sys.stderr)
        return 1
    try:
        load_ui(project.ui_file)
        load_resources(project.root / "data")
    except GuidelineError as exc:
        print(f"{CONTENT_ERRORS}\n{exc}", file=sys.stderr)
        return 1
    if structure := check_pages(project.docs):  # the structure check (importing/structure_check.py)
        return print("\n".join(structure), file=sys.stderr) or 1
    print(f"{len(model.guidelines)} kommunar og {len(model.topics)} tema er i orden")
    to_check = [
        line
        for _, pages in sorted(model.guidelines.items())
        for page in pages.values()
        if not page.is_original
        for line in report_lines(page, pages.get(page.meta.original_language))
    ]
    if to_check:
        print(f"{len(to_check)} setningar i maskinomsetjingane bør kontrollerast (merkte på sidene):")
        print("\n".join(to_check))
    return translate.main(["--check", "--docs", str(project.docs)])


if __name__ == "__main__":
    sys.exit(main())
