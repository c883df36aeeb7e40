"""Per-build state shared by the hook modules.

MkDocs loads each hook file once per process, mkdocs-static-i18n runs one whole build per
language and ``mkdocs serve`` rebuilds in the same process: ``reset()`` runs in ``on_config``
and ``load()`` in every ``on_pre_build``, so nothing survives from an earlier pass.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .site import SiteModel, load_site

ROOT = Path(__file__).resolve().parents[2]
TOPICS_FILE = ROOT / "data" / "topics.yml"
UI_FILE = ROOT / "data" / "ui.yml"
DEFAULT_LANG = "nb"


@dataclass
class BuildState:
    model: SiteModel
    lang: str
    ui: dict[str, Any]  # interface strings of the current language
    templates: Any = None  # Jinja environment of the theme, created lazily per pass
    held: dict[str, list[str]] = field(default_factory=dict)  # page -> HTML kept out of search


_current: BuildState | None = None


def reset() -> None:
    global _current
    _current = None


def load(docs_dir: Path, lang: str, topics_file: Path = TOPICS_FILE) -> BuildState:
    """Parse and validate everything for one language pass (raises GuidelineErrors)."""
    global _current
    model = load_site(docs_dir, topics_file)
    ui = yaml.safe_load(UI_FILE.read_text(encoding="utf-8"))[lang]
    _current = BuildState(model=model, lang=lang, ui=ui)
    return _current


def current() -> BuildState:
    if _current is None:
        raise RuntimeError("guideline model not loaded: hooks/collect.py must run on_pre_build first")
    return _current


def page_path(src_uri: str) -> str:
    """A page's path without static-i18n's language suffix: ``tema/bilete.nn.md`` → ``tema/bilete.md``."""
    stem, dot, ext = src_uri.rpartition(".")
    base, _, lang = stem.rpartition(".")
    return f"{base}.{ext}" if dot and base and lang in ("nb", "nn") else src_uri


def lang_prefix(lang: str) -> str:
    """URL prefix of a language's root ('' for the default language, 'nn/' otherwise)."""
    return "" if lang == DEFAULT_LANG else f"{lang}/"
