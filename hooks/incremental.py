"""Incremental rebuilds under ``guidelines serve`` (``mkdocs serve --dirty``, turned on by
hooks/serve.py): after a saved guideline, only what derives from it is rendered, into the served
site (``municipal_guidelines.site.incremental``); nothing here acts under ``mkdocs build``.
``on_config`` notes the watched files, ``on_pre_build`` plans (full and staged, or in place),
``on_files`` has MkDocs render the pages planned, ``on_nav`` gives the others their titles and
swapped notes, ``on_env`` notes every page, ``on_post_build`` remembers the build for the next."""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation

from municipal_guidelines.project import Project
from municipal_guidelines.site import incremental
from municipal_guidelines.site import state as build
from municipal_guidelines.site.mkdocs_env import href_from
from municipal_guidelines.site.staging import final_dir


@event_priority(90)  # after hooks/staging.py has staged the site folder
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    i18n = config.plugins.get("i18n")
    if not incremental.enabled() or (i18n is not None and getattr(i18n, "building", False)):
        return config
    incremental.wait()  # nothing may still write into the site this build replaces or writes into
    config[incremental.KEY] = incremental.Build(incremental.watched_files(Project(Path(config.config_file_path).parent), config.watch))
    return config


@event_priority(-50)  # after hooks/collect.py has read the model
def on_pre_build(*, config: MkDocsConfig) -> None:
    record, state = incremental.build_of(config), build.current(config)
    if record is None:
        return
    if state.lang == state.default_lang:  # the outer pass plans for both
        served = final_dir(config.site_dir)
        if incremental.plan_build(record, state.model, build.shared_cache(state.project), state.project, served):
            config.site_dir = served  # rendered into the served site; what is not rendered stays
    if record.plan is not None:  # neither changes with a guideline's text (and the sitemap lists every page)
        config.theme.static_templates.difference_update(("404.html", "sitemap.xml"))


@event_priority(-150)  # after static-i18n (-100) has made this language form's files
def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    incremental.mark_pages(incremental.plan_of(config), build.current(config).lang, files)
    return files


@event_priority(-150)  # after static-i18n (-100) and hooks/generated.py have made the navigation
def on_nav(nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
    record, state = incremental.build_of(config), build.current(config)
    if record is not None:  # the notes swapped in the pages left as they are, and those pages' titles
        incremental.complete_pages(record, incremental.previous(state.project.root), state, files, lambda page: href_from(state, page))
    return nav


def on_env(env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
    record = incremental.build_of(config)
    if record is not None:  # every page read by now (or given its record by on_nav)
        incremental.record_pages(record, build.current(config).lang, files)
    return env


@event_priority(-1100)  # after hooks/staging.py (-1000) has published the site
def on_post_build(*, config: MkDocsConfig) -> None:
    record, state = incremental.build_of(config), build.current(config)
    i18n = config.plugins.get("i18n")
    if record is None or (i18n is not None and getattr(i18n, "building", False)):
        return
    incremental.remember(state.project.root, record, config.site_dir, state.model)
    incremental.start_later(record)


def on_build_error(*, error: Exception) -> None:
    incremental.forget_all()  # the served folder holds the error page now: the next build is a full one
