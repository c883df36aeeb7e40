"""Stage 0 — nothing half-written: every language pass is built into a folder beside ``site_dir``,
which replaces the site only when the whole build (both language forms, exports, search) has
succeeded (``municipal_guidelines.site.staging``).

Without it, a problem found while the nynorsk pages render (static-i18n builds them inside the
bokmål pass's ``on_post_build``) left a new bokmål site and no ``nn/``; under ``mkdocs serve`` a
broken page emptied the site that was being served. Now a failed build leaves the last good site
exactly as it was and removes the unfinished one.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority

from municipal_guidelines.site import incremental
from municipal_guidelines.site import state as build
from municipal_guidelines.site.staging import discard, final_dir, is_staging, publish, staging_dir


@event_priority(100)  # before any other plugin reads site_dir
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    # static-i18n calls build() again per language with the same config: already staged then, or
    # writing into the served site (an incremental rebuild, hooks/incremental.py).
    if not is_staging(config.site_dir) and incremental.plan_of(config) is None:
        config.site_dir = staging_dir(config.site_dir)
    return config


@event_priority(-1000)  # after static-i18n (-100) has built the other languages and the search split (-200)
def on_post_build(*, config: MkDocsConfig) -> None:
    i18n = config.plugins.get("i18n")
    if i18n is not None and getattr(i18n, "building", False):
        return  # an inner language pass: the outer pass publishes everything at once
    build.finish(build.pending(config))  # the exports, written while the other language form built
    if not is_staging(config.site_dir):
        return  # an incremental rebuild under serve, written into the served site
    target = final_dir(config.site_dir)
    publish(config.site_dir, target)
    config.site_dir = target


# The config of the build under way, for on_build_error (MkDocs does not give it the config); set
# anew in every build's on_pre_build. Only this file reads it.
_building: MkDocsConfig | None = None


@event_priority(100)
def on_pre_build(*, config: MkDocsConfig) -> None:
    global _building
    _building = config


def on_build_error(*, error: Exception) -> None:
    if _building is not None:
        build.finish(build.pending(_building), raise_errors=False)  # nothing may write into it after this
        discard(_building.site_dir)
