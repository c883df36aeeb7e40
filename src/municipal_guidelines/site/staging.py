"""Nothing half-written: a build goes into a folder beside the site folder, which replaces the site
only when the whole build has succeeded (used by ``hooks/staging.py``)."""

from __future__ import annotations

import os
import shutil

SUFFIX = ".unfinished"


def staging_dir(site_dir: str) -> str:
    return os.path.normpath(site_dir) + SUFFIX


def final_dir(site_dir: str) -> str:
    return site_dir.removesuffix(SUFFIX)


def is_staging(site_dir: str | None) -> bool:
    return bool(site_dir) and site_dir.endswith(SUFFIX)


def publish(staging: str, target: str) -> None:
    """Put the finished build in place of the old site (two renames; the old one removed last)."""
    old = target + ".old"
    shutil.rmtree(old, ignore_errors=True)
    if os.path.exists(target):
        os.rename(target, old)
    os.rename(staging, target)
    shutil.rmtree(old, ignore_errors=True)


def discard(staging: str | None) -> None:
    """Remove what was half built; the last good site stays."""
    if is_staging(staging):
        shutil.rmtree(staging, ignore_errors=True)
