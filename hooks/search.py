"""Site search (``municipal_guidelines.site.search``): Pagefind indexes the built site once,
after every language form is written.

static-i18n builds the nynorsk pages inside the bokmål pass's ``on_post_build`` (priority -100), so
this hook's ``on_post_build`` (priority -200) returns in the inner pass and indexes in the outer
one, before ``hooks/staging.py`` (-1000) publishes the site. ``on_env`` gives the theme's templates
(the search dialog in ``overrides/partials/search.html``) the interface text of the pass's language
form.
"""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import Files

from municipal_guidelines.layout import LANGS
from municipal_guidelines.site import state as build
from municipal_guidelines.site.search import SearchIndexError, index_site

log = get_plugin_logger(__name__)


def on_env(env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
    env.globals["site_ui"] = build.current(config).ui
    return env


@event_priority(-200)
def on_post_build(*, config: MkDocsConfig) -> None:
    i18n = config.plugins.get("i18n")
    if i18n is not None and getattr(i18n, "building", False):
        return  # an inner language pass: the other language forms are not written yet
    try:
        index = index_site(Path(config.site_dir), LANGS)
    except SearchIndexError as error:
        raise PluginError(str(error)) from error
    pages = ", ".join(f"{lang}: {count}" for lang, count in sorted(index.pages.items()))
    log.info(f"Pagefind: {pages} sider indekserte på {index.seconds:.2f} s")
