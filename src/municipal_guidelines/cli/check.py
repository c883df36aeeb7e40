"""Is everything ready to publish? The checks of the build, without building the site.

    guidelines check

Reads and checks every page in ``docs/`` as the build does (front matter, annotations, topics,
rule ids, pairs of language forms, topic pages, what docs/ may hold), renders every page with the
Markdown settings of ``mkdocs.yml`` and runs the build's checks of the rendered text on it
(``validation.validate_site``), and checks that every machine translation was made from its
original as it is now (``guidelines translate --check``). Exit 0 all
fine, 1 problems (listed with file and line).
"""

from __future__ import annotations

import argparse
import sys

from municipal_guidelines.cli import translate
from municipal_guidelines.format.errors import CONTENT_ERRORS, GuidelineError, GuidelineErrors
from municipal_guidelines.project import Project
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
    print(f"{len(model.guidelines)} kommunar og {len(model.topics)} tema er i orden")
    return translate.main(["--check", "--docs", str(project.docs)])


if __name__ == "__main__":
    sys.exit(main())
