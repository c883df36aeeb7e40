"""Render the hooks' HTML from Jinja templates in ``overrides/hooks/``, and make the links in it
relative to the page (not a hook itself)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from guidelines import state


def render(config: MkDocsConfig, template: str, **context: Any) -> str:
    """Render ``template`` with the theme's Jinja environment (created once per build pass)."""
    current = state.current()
    if current.templates is None:
        # MkDocs' theme environment does not escape; guideline text and metadata must be escaped.
        current.templates = config.theme.get_env()
        current.templates.autoescape = True
    return current.templates.get_template(template).render(**context)


def href_from(page: Page) -> Callable[[str], str]:
    """Turn a URL relative to the language root into a link relative to ``page``.

    Computed once per page (``../../``) rather than per link: a topic page at national scale
    has thousands of links.
    """
    prefix = state.lang_prefix(state.current().lang)
    up = get_relative_url(prefix or ".", page.url).rstrip("/")
    up = "" if up == "." else up + "/"
    return lambda target: up + target if target else (up or "./")
