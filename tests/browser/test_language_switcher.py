"""The language switcher in the header (Material's ``.md-select``), operated with the keyboard,
keeps the reader on the same page in the other language form and back."""

from __future__ import annotations

import pytest

from .helpers import path_of, tab_to

SWITCHER_BUTTON = ".md-select > button"


def switch_with_keyboard(page, hreflang: str) -> None:
    """Tab to the switcher, Tab into its list to the link of ``hreflang``, press Enter."""
    tab_to(page, SWITCHER_BUTTON)
    link = page.locator(f'a.md-select__link[hreflang="{hreflang}"]')
    tab_to(page, f'a.md-select__link[hreflang="{hreflang}"]')
    assert link.is_visible(), f"the focused switcher link to {hreflang} is not visible"
    with page.expect_navigation():
        page.keyboard.press("Enter")


@pytest.mark.parametrize(
    ("start", "other"),
    [
        ("/kommunar/loten/", "/nn/kommunar/loten/"),
        ("/nn/kommunar/bomlo/", "/kommunar/bomlo/"),
        ("/matrise/", "/nn/matrise/"),
        ("/tema/taushetsplikt/", "/nn/tema/taushetsplikt/"),
    ],
)
def test_language_switcher_keeps_the_page_with_the_keyboard(page, base_url: str, start: str, other: str) -> None:
    lang, other_lang = ("nn", "nb") if start.startswith("/nn/") else ("nb", "nn")
    page.goto(base_url + start.lstrip("/"))
    assert page.locator("html").get_attribute("lang") == lang

    switch_with_keyboard(page, other_lang)
    assert path_of(page.url) == other, f"from {start} the switcher leads to {page.url}"
    assert page.locator("html").get_attribute("lang") == other_lang

    switch_with_keyboard(page, lang)
    assert path_of(page.url) == start, f"from {other} the switcher leads back to {page.url}"
    assert page.locator("html").get_attribute("lang") == lang
