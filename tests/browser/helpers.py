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


SEARCH_FIELD = ".site-search__dialog input.pagefind-ui__search-input"


def open_search(page, url: str) -> None:
    """Go to ``url`` and open the search dialog with the "/" key; waits for Pagefind's field."""
    page.goto(url)
    page.keyboard.press("/")
    page.locator(SEARCH_FIELD).wait_for(state="visible")


# Pagefind's interface shows "Søker etter X" in .pagefind-ui__message while it searches, and the
# count ("2 resultater for X", "Ingen resultater for X") in the same element once it has searched:
# both name X. Only the finished state renders the list of results, <ol class="pagefind-ui__results">
# (empty for no results), right after the message: that, not the text, says the results are shown.
_SHOWN_RESULTS = """field => {
    const message = document.querySelector(".pagefind-ui__message");
    const value = document.querySelector(field).value;
    if (!value || !message || !message.textContent.includes(value)) return null;
    const list = message.nextElementSibling;
    if (!list || !list.matches("ol.pagefind-ui__results")) return null;  // still searching
    const results = Array.from(list.querySelectorAll(".pagefind-ui__result"), result => [
        result.querySelector(".pagefind-ui__result-title a"),
        Array.from(result.querySelectorAll(".pagefind-ui__result-nested a"), a => a.getAttribute("href"))
    ]);
    if (results.some(([title]) => !title)) return null;  // a placeholder until its data has loaded
    return results.map(([title, rules]) => [title.getAttribute("href"), rules]);
}"""


def search_results(page, settle_ms: int = 300, timeout_ms: int = 10_000) -> list[tuple[str, list[str]]]:
    """The results the search dialog shows for what was typed: each page's link with the links of
    its sub-results (rules, sections), in the order shown. Waits until the dialog says it shows the
    results for the field's text, every result has loaded, and the list has stayed the same for
    ``settle_ms`` (Pagefind searches again as it loads filters)."""
    last, waited = None, 0
    while waited < timeout_ms:
        shown = page.evaluate(_SHOWN_RESULTS, SEARCH_FIELD)
        if shown is not None and shown == last:
            return [(url, rules) for url, rules in shown]
        last = shown
        page.wait_for_timeout(settle_ms)
        waited += settle_ms
    raise AssertionError(f"the search dialog did not settle on results within {timeout_ms} ms; last seen: {last}")
