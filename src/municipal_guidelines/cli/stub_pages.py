"""Create (and remove) the stub pages the hooks fill, in both language forms: one per topic of
data/topics.yml (``docs/tema/<id>.<nb|nn>.md``) and one profile per municipality
(``docs/profil/<slug>.<nb|nn>.md``). Run after adding, renaming or removing a topic or a
municipality (``guidelines import`` runs it for you):

    guidelines stub-pages [--check]

``--check`` writes nothing and exits 1 when a stub is missing or stale.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from municipal_guidelines.format.errors import CONTENT_ERRORS, GuidelineError
from municipal_guidelines.format.stubs import sync
from municipal_guidelines.project import Project


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="report only; exit 1 if out of sync")
    parser.add_argument("--docs", type=Path, help="docs directory (default: docs/ of the project)")
    parser.add_argument("--topics", type=Path, help="taxonomy (default: data/topics.yml of the project)")
    args = parser.parse_args(argv)
    project = Project.find()
    try:
        report = sync(args.docs or project.docs, args.topics or project.topics_file, check=args.check)
    except GuidelineError as exc:
        print(f"{CONTENT_ERRORS}\n{exc}", file=sys.stderr)
        return 1
    print("\n".join(report)) if report else None
    return 1 if args.check and report else 0


if __name__ == "__main__":
    sys.exit(main())
