"""Stage 1 — collect: read every guideline page and the taxonomy, validate, build the model.

Runs in ``on_pre_build`` of every language pass (mkdocs-static-i18n builds once per language),
reading the files from ``docs_dir`` directly, so the model is complete before any page renders
and the matrix page never depends on the order pages are read in. Any bad input aborts the build
with one line per problem: file, line and what to fix.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger

from guidelines import state
from guidelines.errors import CONTENT_ERRORS, GuidelineError, GuidelineErrors

log = get_plugin_logger(__name__)


def current_language(config: MkDocsConfig) -> str:
    i18n = config.plugins.get("i18n")
    return getattr(i18n, "current_language", None) or state.DEFAULT_LANG


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    state.reset()
    return config


def on_pre_build(*, config: MkDocsConfig) -> None:
    lang = current_language(config)
    # static-i18n renders the theme's 404.html in every language pass into the same file: keep
    # the default language's, whose links and search point at the site root.
    if lang == state.DEFAULT_LANG:
        config.theme.static_templates.add("404.html")
    else:
        config.theme.static_templates.discard("404.html")
    try:
        loaded = state.load(Path(config.docs_dir), lang)
    except (GuidelineError, GuidelineErrors) as exc:
        raise PluginError(f"{CONTENT_ERRORS}\n{exc}") from exc
    model = loaded.model
    log.info(
        "%s: %d municipalities, %d rules, %d topics",
        lang,
        len(model.matrices[lang].columns),
        sum(len(g.rules) for pages in model.guidelines.values() for g in pages.values() if g.lang == lang),
        len(model.topics),
    )


@event_priority(-200)
def on_post_build(*, config: MkDocsConfig) -> None:
    """A sitemap needs absolute addresses: without ``site_url`` static-i18n's would list
    ``None/kommunar/…``, so it is removed. Set ``site_url`` in mkdocs.yml to publish one."""
    if config.site_url:
        return
    for name in ("sitemap.xml", "sitemap.xml.gz"):
        (Path(config.site_dir) / name).unlink(missing_ok=True)
