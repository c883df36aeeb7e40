"""Exports: ``data/matrix.json``, ``data/matrix.csv`` and ``data/kommunar/<slug>.json`` in each
language form's root (``municipal_guidelines.export``), and the Atom feeds of new versions
(``endringar.xml``, ``kommunar/<slug>/endringar.xml``; ``export/feeds.py``), which every page
names in its ``<head>`` (``page_feeds``, used by overrides/main.html).

The model of every language form is complete in ``on_pre_build``, so the default language form's
pass starts one child process that writes all of them, on the other processor core, as soon as
MkDocs has cleaned the site folder (``on_env`` comes after that; static-i18n's inner passes do not
clean it). hooks/staging.py waits for it before it publishes the site. An incremental rebuild
under ``guidelines serve`` writes the changed municipalities' files at once and the tables of all
after it is served (``site/incremental.py``); the feeds change only with a version (a full build).
"""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

from municipal_guidelines.export import write_site_exports_in_background
from municipal_guidelines.export.feeds import page_feeds, write_feeds
from municipal_guidelines.layout import LANGS
from municipal_guidelines.site import incremental
from municipal_guidelines.site import state as build


def on_env(env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
    state = build.current(config)
    plan = incremental.plan_of(config)
    if plan is not None and state.lang == state.default_lang:  # an incremental rebuild: the changed municipalities' files now
        site = Path(config.site_dir)
        incremental.write_exports(site, state.model, plan.exports, state.default_lang)
        model, url = state.model, config.site_url
        incremental.later(config, "exports", lambda: incremental.refresh_exports(site, model, url, state.default_lang))
    elif state.lang == state.default_lang:  # the outer pass: every language form's exports at once
        job = write_site_exports_in_background(
            Path(config.site_dir), state.model.matrices, config.site_url, state.default_lang, state.model.checklist, state.model.shared
        )
        build.pending(config).append(job)
        uis = {lang: build.load_ui(state.project, lang) for lang in LANGS}
        write_feeds(Path(config.site_dir), state.model, uis, config.site_url, state.default_lang)
    names = state.model.matrices[state.lang].names
    env.globals["page_feeds"] = lambda page: page_feeds(page.file.src_uri, names, state.ui) if page and page.file else []
    return env
