"""The model without MkDocs: read and check ``docs/``, build the matrix of each language form and
write the exports, with the same code the build's hooks use.

    guidelines model OUT_DIR [--site-url https://…]

Writes ``OUT_DIR/data/matrix.json``, ``matrix.csv`` and ``data/kommunar/<slug>.json`` for the
default language form and ``OUT_DIR/nn/data/…`` for the other: the files the site publishes.
Exit 0 written, 1 the pages have errors (listed, nothing written).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from municipal_guidelines.export import write_site_exports
from municipal_guidelines.format.errors import CONTENT_ERRORS, GuidelineError, GuidelineErrors
from municipal_guidelines.layout import LANGS
from municipal_guidelines.model.site import SiteModel, load_site
from municipal_guidelines.project import Project


def build_model(project: Project) -> SiteModel:
    """Everything the site compares, read and checked from the project's pages (GuidelineErrors on bad input)."""
    return load_site(project.docs, project.topics_file)


def model_or_report(project: Project) -> SiteModel | None:
    """The site model, or None after printing every problem of the pages (file: line: what to fix)."""
    try:
        return build_model(project)
    except (GuidelineError, GuidelineErrors) as exc:
        print(f"{CONTENT_ERRORS}\n{exc}", file=sys.stderr)
        return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path, help="folder to write the exports into")
    parser.add_argument("--site-url", help="the published site's address, for absolute rule links (default: relative links)")
    args = parser.parse_args(argv)
    project = Project.find()
    model = model_or_report(project)
    if model is None:
        return 1
    written = write_site_exports(args.out, model.matrices, args.site_url, project.default_lang, model.checklist, model.shared)
    for lang in LANGS:
        matrix = model.matrices[lang]
        print(f"{lang}: {len(matrix.columns)} kommunar, {len(matrix.entries)} reglar, {len(matrix.topics)} tema")
    print(f"skreiv {len(written)} filer i {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
