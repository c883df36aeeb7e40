"""Stage 0 — nothing half-written: every language pass is built into a folder beside ``site_dir``,
which replaces the site only when the whole build (both language forms, exports, search) has
succeeded.

Without it, a problem found while the nynorsk pages render (static-i18n builds them inside the
bokmål pass's ``on_post_build``) left a new bokmål site and no ``nn/``; under ``mkdocs serve`` a
broken page emptied the site that was being served. Now a failed build leaves the last good site
exactly as it was and removes the unfinished one.
"""

from __future__ import annotations

import os
import shutil

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority

SUFFIX = ".unfinished"


def staging_dir(site_dir: str) -> str:
    return os.path.normpath(site_dir) + SUFFIX


def final_dir(site_dir: str) -> str:
    return site_dir.removesuffix(SUFFIX)


@event_priority(100)  # before any other plugin reads site_dir
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    # static-i18n calls build() again per language with the same config: already staged then.
    if not config.site_dir.endswith(SUFFIX):
        config.site_dir = staging_dir(config.site_dir)
    return config


def publish(staging: str, target: str) -> None:
    """Put the finished build in place of the old site (two renames; the old one removed last)."""
    old = target + ".old"
    shutil.rmtree(old, ignore_errors=True)
    if os.path.exists(target):
        os.rename(target, old)
    os.rename(staging, target)
    shutil.rmtree(old, ignore_errors=True)


@event_priority(-1000)  # after static-i18n (-100) has built the other languages and the search split (-200)
def on_post_build(*, config: MkDocsConfig) -> None:
    i18n = config.plugins.get("i18n")
    if i18n is not None and getattr(i18n, "building", False):
        return  # an inner language pass: the outer pass publishes everything at once
    if not config.site_dir.endswith(SUFFIX):
        return
    target = final_dir(config.site_dir)
    publish(config.site_dir, target)
    config.site_dir = target


# The folder this build writes into, for on_build_error (which is not given the config). Set anew
# in every build's on_pre_build; mkdocs serve rebuilds in the same process.
_building: str | None = None


@event_priority(100)
def on_pre_build(*, config: MkDocsConfig) -> None:
    global _building
    _building = config.site_dir


def on_build_error(*, error: Exception) -> None:
    """Remove what was half built; the last good site stays."""
    if _building and _building.endswith(SUFFIX):
        shutil.rmtree(_building, ignore_errors=True)
