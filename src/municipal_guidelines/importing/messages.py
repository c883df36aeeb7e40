"""How the importer reports: its two errors and paths and text shown in one line."""

from __future__ import annotations

import errno
from pathlib import Path


class InputError(Exception):
    """Bad input: reported in one line, exit code 2, nothing written."""


class CheckError(Exception):
    """The generated page failed a check: exit code 1, nothing written."""


def shown_text(text: str) -> str:
    """Text for a one-line message: as it is if printable, else with its escapes shown."""
    return text if text.isprintable() else ascii(text)


def shown_path(path: Path) -> str:
    try:
        shown = path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except (ValueError, OSError, RuntimeError):
        shown = str(path)
    return shown_text(shown)


def os_reason(exc: OSError) -> str:
    """Why the operating system said no, in words (not its English message) where we can."""
    if isinstance(exc, PermissionError):
        return "manglar løyve"
    if exc.errno == errno.ENOSPC:
        return "disken er full"
    return exc.strerror or str(exc)
