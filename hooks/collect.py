"""Read, validate and model: a new ``BuildState`` for every language pass.

mkdocs-static-i18n builds once per language form; ``on_pre_build`` of each pass reads every page
and the taxonomy from ``docs/`` (``municipal_guidelines.site.state.start``), so the model is complete
before any page renders. Any bad input aborts the build with one line per problem: file, line and
what to fix.
"""

from __future__ import annotations

import gc
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger

from municipal_guidelines.format.errors import CONTENT_ERRORS, GuidelineError, GuidelineErrors
from municipal_guidelines.project import Project
from municipal_guidelines.site import incremental
from municipal_guidelines.site import state as build
from municipal_guidelines.translation.quality import load_resources, translation_notes

log = get_plugin_logger(__name__)


def on_pre_build(*, config: MkDocsConfig) -> None:
    project = Project(Path(config.config_file_path).parent)
    lang = getattr(config.plugins.get("i18n"), "current_language", None) or project.default_lang
    # static-i18n renders the theme's 404.html in every pass into the same file: keep the default
    # language form's, whose links and search point at the site root.
    if lang == project.default_lang:
        config.theme.static_templates.add("404.html")
    else:
        config.theme.static_templates.discard("404.html")
    gc.unfreeze()  # what an earlier build (mkdocs serve) kept may be collected again
    try:
        state = build.start(project, lang, build.shared_cache(project), incremental.planned_model(config))
        resources = load_resources(project.root / "data")
    except (GuidelineError, GuidelineErrors) as exc:
        raise PluginError(f"{CONTENT_ERRORS}\n{exc}") from exc
    # The model (tens of thousands of frozen objects at national scale) lives for the whole build:
    # the garbage collector need not walk through it again at every collection.
    gc.freeze()
    config[build.STATE_KEY] = state
    log.info("%s", build.summary(state))
    pages = [page for pages in state.model.guidelines.values() for page in pages.values()]
    for note in translation_notes(pages, lang, resources):
        log.info("%s", note)


@event_priority(-200)
def on_post_build(*, config: MkDocsConfig) -> None:
    """A sitemap needs absolute addresses: without ``site_url`` static-i18n's would list
    ``None/kommunar/…``, so it is removed. Set ``site_url`` in mkdocs.yml to publish one."""
    if config.site_url:
        return
    for name in ("sitemap.xml", "sitemap.xml.gz"):
        (Path(config.site_dir) / name).unlink(missing_ok=True)
