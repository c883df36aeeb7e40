"""Helpers shared by the browser tests."""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlsplit

# The Tab key is pressed at most this many times to reach an element: a page whose element is
# further away than that is a failure in itself (keyboard users would have to do the same).
MAX_TABS = 150


def path_of(url: str) -> str:
    """``http://127.0.0.1:1234/nn/matrise/?k=a#x`` → ``/nn/matrise/``."""
    return urlsplit(url).path


def shots_dir() -> Path:
    """Where tests save screenshots and PDFs for people to look at (``SHOTS_DIR``, /tmp/shots)."""
    folder = Path(os.environ.get("SHOTS_DIR", "/tmp/shots"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def focused(page, selector: str) -> bool:
    """Whether the element that has the keyboard focus matches ``selector``."""
    return page.evaluate("s => !!document.activeElement && document.activeElement.matches(s)", selector)


def tab_to(page, selector: str, key: str = "Tab") -> None:
    """Press Tab (or Shift+Tab) until the focused element matches ``selector``."""
    for _ in range(MAX_TABS):
        page.keyboard.press(key)
        if focused(page, selector):
            return
    where = page.evaluate("document.activeElement && document.activeElement.outerHTML.slice(0, 200)")
    raise AssertionError(f"{MAX_TABS} × {key} never reached {selector!r} on {page.url}; focus is on {where}")
