"""Exports: ``data/matrix.json``, ``data/matrix.csv`` and ``data/kommunar/<slug>.json`` in each
language form's root, written by ``municipal_guidelines.export``.

Runs in ``on_post_build`` of every pass at default priority: before static-i18n's own
``on_post_build`` (priority -100) starts the next language's build.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

from municipal_guidelines import build
from municipal_guidelines.export import base_url, write_exports
from municipal_guidelines.layout import EXPORT_DIR


def on_post_build(*, config: MkDocsConfig) -> None:
    state = build.current(config)
    folder = Path(config.site_dir) / state.prefix() / EXPORT_DIR
    write_exports(folder, state.model.matrices[state.lang], base_url(config.site_url, state.prefix()))
