"""Site search with Pagefind: one index per language form, made once the whole site is written.

Pagefind reads the built HTML, finds each page's language form by ``<html lang>`` (nb, nn) and
writes one index per language form into ``pagefind/`` with the Snowball Norwegian stemmer, so a
search on a nynorsk page finds nynorsk pages only. It indexes what the templates mark
``data-pagefind-body`` (the page content), without what they mark ``data-pagefind-ignore`` and the
selectors in ``EXCLUDE_SELECTORS``: interface text and the generated tables that repeat rules the
guideline pages already hold. No MkDocs needed.
"""

from __future__ import annotations

import json
import subprocess
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from pagefind_bin import get_executable

from municipal_guidelines.layout import GUIDELINE_DIR, LANGS, PROFILE_DIR

BUNDLE_DIR = "pagefind"  # under the site root: /pagefind/pagefind-ui.js, the indexes, the wasm
# Inside the indexed content, left out: permalink signs, interface labels and notices repeated on
# every page, and what the generated pages repeat from the guideline pages or from their own tables:
# the matrix, coverage, checklist and overview tables, the topic cards, and the charts (their
# numbers are in the tables), the note under a rule on where else its wording stands and the groups
# of shared wording (they quote other rules); and the draft builder's frame, which is interface.
# Profile pages are not indexed at all (overrides/main.html).
EXCLUDE_SELECTORS = (
    ".headerlink",
    ".rule-permalink",
    ".translation-notice",
    ".review-notice",
    ".guideline-facts dt",
    ".guideline-facts a",
    "table.matrix",
    "table.coverage",
    "table.overview",
    ".topic-grid",
    ".chart",
    ".draft",
    ".rule-shared",
    ".shared-group",
)




class SearchIndexError(RuntimeError):
    """Pagefind failed or left a language form without an index."""


@dataclass(frozen=True)
class SearchIndex:
    seconds: float  # time Pagefind took
    pages: dict[str, int]  # language form → pages indexed


def pages_glob(site: Path) -> str:
    """The HTML files Pagefind is to read: everything but the profile pages, which are not indexed
    (they are derived from the guideline pages) and which Pagefind would otherwise parse, 714 files
    at N = 357 (2 s), and the earlier versions of guidelines (not indexed either: a search finds the
    rules in force). Made from the site's own folders, so a new folder is read without a change here."""
    def parts(root: Path, prefix: str) -> list[str]:
        found = [f"{prefix}*.html"]
        for folder in sorted(p.name for p in root.iterdir() if p.is_dir()):
            if folder in LANGS and not prefix:
                found += parts(root / folder, f"{folder}/")
            elif folder == GUIDELINE_DIR:  # the guidelines, not their earlier versions (kommunar/<slug>/versjon/)
                found += [f"{prefix}{folder}/*.html", f"{prefix}{folder}/*/*.html"]
            elif folder not in (PROFILE_DIR, BUNDLE_DIR):
                found.append(f"{prefix}{folder}/**/*.html")
        return found

    return "{" + ",".join(parts(site, "")) + "}"


def pagefind_command(site: Path) -> list[str]:
    command = [str(get_executable()), "--site", str(site), "--output-subdir", BUNDLE_DIR, "--quiet", "--glob", pages_glob(site)]
    for selector in EXCLUDE_SELECTORS:
        command += ["--exclude-selectors", selector]
    return command


def index_site(site: Path, langs: Iterable[str]) -> SearchIndex:
    """Index the built ``site``; every form in ``langs`` must get an index of its own."""
    started = time.perf_counter()
    done = subprocess.run(pagefind_command(site), capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise SearchIndexError(f"Pagefind stoppa (exit {done.returncode}): {(done.stderr or done.stdout).strip()}")
    entry = json.loads((site / BUNDLE_DIR / "pagefind-entry.json").read_text(encoding="utf-8"))
    pages = {lang: int(info["page_count"]) for lang, info in entry["languages"].items()}
    missing = [lang for lang in langs if not pages.get(lang)]
    if missing:
        raise SearchIndexError(
            f"Pagefind laga ingen søkeindeks for {', '.join(missing)} (fann {', '.join(sorted(pages)) or 'ingen'}); "
            "sjekk at sidene har rett <html lang>"
        )
    return SearchIndex(seconds=seconds, pages=pages)

