"""Render the hooks' HTML from Jinja templates in ``overrides/hooks/`` (not a hook itself)."""

from __future__ import annotations

from typing import Any

from guidelines import state
from mkdocs.config.defaults import MkDocsConfig


def render(config: MkDocsConfig, template: str, **context: Any) -> str:
    """Render ``template`` with the theme's Jinja environment (created once per build pass)."""
    current = state.current()
    if current.templates is None:
        # MkDocs' theme environment does not escape; guideline text and metadata must be escaped.
        current.templates = config.theme.get_env()
        current.templates.autoescape = True
    return current.templates.get_template(template).render(**context)


def fmt(text: str, **values: Any) -> str:
    """Fill ``{name}`` placeholders of an interface string."""
    return text.format(**values)
