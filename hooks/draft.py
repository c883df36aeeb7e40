"""The draft builder: every page gets its settings (render/draft.py) for draft.js.

``on_post_page``: after the page is complete, like hooks/rules.py; the settings are JSON data in
the ``<head>``, not a script that runs (the site has no inline scripts).
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

from municipal_guidelines.layout import DRAFT_URL
from municipal_guidelines.render.draft import draft_settings
from municipal_guidelines.render.insert import end_of_head
from municipal_guidelines.site import state as build
from municipal_guidelines.site.mkdocs_env import href_from, render


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    state = build.current(config)
    draft_page = page.url == state.prefix() + DRAFT_URL
    settings = draft_settings(state.ui, state.lang, href_from(state, page), config.site_name, draft_page=draft_page)
    return end_of_head(output, render(state, config, "hooks/draft-settings.html", settings=settings))
