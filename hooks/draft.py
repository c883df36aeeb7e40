"""The draft builder: every page gets its settings (render/draft.py) for draft.js.

``on_env`` gives Material's templates ``draft_settings(page)``, which overrides/main.html prints in
its ``extrahead`` block: JSON data in the ``<head>``, not a script that runs (the site has no
inline scripts).
"""

from __future__ import annotations

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

from municipal_guidelines.layout import DRAFT_URL
from municipal_guidelines.render.draft import draft_settings
from municipal_guidelines.site import state as build
from municipal_guidelines.site.mkdocs_env import href_from


def on_env(env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
    state = build.current(config)
    env.globals["draft_settings"] = lambda page: draft_settings(
        state.ui, state.lang, href_from(state, page), config.site_name, draft_page=page.url == state.prefix() + DRAFT_URL
    )
    return env
