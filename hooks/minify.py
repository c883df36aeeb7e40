"""Smaller pages: the indentation Jinja leaves between tags collapsed (``site.minify``)."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

from municipal_guidelines.site.minify import collapse_whitespace


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    return collapse_whitespace(output)
