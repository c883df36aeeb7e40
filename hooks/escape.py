"""Every template escapes what it prints: MkDocs' and Material's environment too (it does not by
default), so no interface string, topic label or page title can put markup into a page. The HTML
MkDocs made of a page's Markdown (already checked by hooks/rules.py) is the one value printed as it is."""

from __future__ import annotations

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from municipal_guidelines.site.mkdocs_env import escaping, mark_page_html


@event_priority(100)
def on_env(env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
    return escaping(env)


@event_priority(-100)
def on_page_context(context: dict, *, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
    mark_page_html(page)
    return context
