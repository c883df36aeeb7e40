"""Stage 4 — exports: ``data/matrix.json`` and ``data/matrix.csv`` in each language's root, and
``data/kommunar/<slug>.json`` per municipality (loaded on demand by the matrix picker).

Runs in ``on_post_build`` of every language pass, at default priority: before static-i18n's own
``on_post_build`` (priority -100) starts the next language's build, so the current language is
still the one just built.
"""

from __future__ import annotations

import json
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

from guidelines import state
from guidelines.exports import EXPORT_DIR, municipality_documents, to_csv, to_json


def export_base_url(config: MkDocsConfig, lang: str) -> str:
    """Rule URLs in exports: absolute when ``site_url`` is set, else relative to the site root."""
    site_url = (config.site_url or "").rstrip("/")
    prefix = state.lang_prefix(lang)
    return f"{site_url}/{prefix}" if site_url else prefix


def on_post_build(*, config: MkDocsConfig) -> None:
    current = state.current()
    matrix = current.model.matrices[current.lang]
    folder = Path(config.site_dir) / state.lang_prefix(current.lang) / EXPORT_DIR
    folder.mkdir(parents=True, exist_ok=True)
    base = export_base_url(config, current.lang)
    (folder / "matrix.json").write_text(to_json(matrix, base), encoding="utf-8")
    (folder / "matrix.csv").write_text(to_csv(matrix, base), encoding="utf-8-sig")
    per_municipality = folder / "kommunar"
    per_municipality.mkdir(exist_ok=True)
    for slug, document in municipality_documents(matrix).items():
        text = json.dumps(document, ensure_ascii=False, separators=(",", ":"))
        (per_municipality / f"{slug}.json").write_text(text, encoding="utf-8")
