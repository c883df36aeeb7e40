"""Serve the site while you edit: ``mkdocs serve --dirty`` in the project folder, so that a saved
guideline page renders again only what derives from it (its pages, the matrix, the topic pages
of its topics, its profile, coverage, shared wording …; hooks/incremental.py) instead of the whole
site in both language forms. Any other change (a page added or deleted, data/, overrides/,
mkdocs.yml, a municipality's name or county) rebuilds the whole site, as plain ``mkdocs serve``.

    guidelines serve [-a 127.0.0.1:8000] [other options of mkdocs serve]

The search index and the tables of every municipality (matrix.json, .csv, .xlsx) are brought up
to date just after the page is served, in the background.
"""

from __future__ import annotations

import argparse
import os
import sys

from municipal_guidelines.project import Project


def command(rest: list[str]) -> list[str]:
    """The command run: MkDocs of this Python, ``serve --dirty`` and the options given."""
    return [sys.executable, "-m", "mkdocs", "serve", "--dirty", *rest]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-a", "--dev-addr", help="IP-adresse og port (standard: 127.0.0.1:8000)")
    args, rest = parser.parse_known_args(argv)
    if args.dev_addr:
        rest = ["--dev-addr", args.dev_addr, *rest]
    os.chdir(Project.find().root)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    os.execv(sys.executable, command(rest))  # the server itself, in this process: Ctrl-C stops it
    return 0  # not reached
