"""Site search (``municipal_guidelines.site.search``): Pagefind indexes the built site once,
after every language form is written.

static-i18n builds the nynorsk pages inside the bokmål pass's ``on_post_build`` (priority -100), so
this hook's ``on_post_build`` (priority -200) returns in the inner pass and indexes in the outer
one, before ``hooks/staging.py`` (-1000) publishes the site, then writes each language form's
``search-words.json`` (the words of its index, which a misspelt query is corrected to) and
``search-settings.json`` (its topics, the other form's words, the words a query leaves out: what the
dialog reads a query with). ``on_env`` gives the theme's templates (the search dialog in
``overrides/partials/search.html``) the interface text of the pass's language form and where the
files above and the other language form's home page are.
"""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import Files

from municipal_guidelines.format.ui import load_ui
from municipal_guidelines.layout import LANGS, other_lang
from municipal_guidelines.site import incremental
from municipal_guidelines.site import state as build
from municipal_guidelines.site.search import SearchIndexError, write_search

log = get_plugin_logger(__name__)


def on_env(env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
    state = build.current(config)
    env.globals["site_ui"] = state.ui
    env.globals["site_search"] = {
        "other": other_lang(state.lang),
        "prefix": state.prefix(),  # this form's root, from the site's root (the `url` filter's base)
        "other_prefix": state.prefix(other_lang(state.lang)),
    }
    return env


@event_priority(-200)
def on_post_build(*, config: MkDocsConfig) -> None:
    i18n = config.plugins.get("i18n")
    if i18n is not None and getattr(i18n, "building", False):
        return  # an inner language pass: the other language forms are not written yet
    site, state = Path(config.site_dir), build.current(config)
    ui, prefixes = load_ui(state.project.ui_file), {lang: state.prefix(lang) for lang in LANGS}
    if incremental.plan_of(config) is not None:  # an incremental rebuild under serve: indexed once it is served
        output = Path(f"{config.site_dir}.pagefind")
        incremental.later(config, "Pagefind", lambda: write_search(site, state.model.topics, ui, prefixes, output))
        return
    try:
        index = write_search(site, state.model.topics, ui, prefixes)
    except SearchIndexError as error:
        raise PluginError(str(error)) from error
    pages = ", ".join(f"{lang}: {count}" for lang, count in sorted(index.pages.items()))
    log.info(f"Pagefind: {pages} sider indekserte på {index.seconds:.2f} s")
