"""The language switch in the header ("Bokmål" / "Nynorsk", overrides/partials/alternate.html),
operated with the keyboard, keeps the reader on the same page in the other language form and back,
with the matrix choice (?k=…&t=…) and the anchor of a rule (#frogn-13)."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from .helpers import path_of, tab_to

LINK = "nav.language-switch a.language-switch__link"
NAMES = {"nb": "Bokmål", "nn": "Nynorsk"}


def switch_with_keyboard(page, hreflang: str) -> None:
    """Tab to the switch's link to ``hreflang`` and press Enter."""
    link = page.locator(f'{LINK}[hreflang="{hreflang}"]')
    tab_to(page, f'{LINK}[hreflang="{hreflang}"]')
    assert link.is_visible(), f"the focused switch link to {hreflang} is not visible"
    assert link.inner_text() == NAMES[hreflang]
    with page.expect_navigation():
        page.keyboard.press("Enter")


def current(page) -> list[str]:
    return page.locator(f"{LINK}[aria-current]").evaluate_all("links => links.map(a => a.textContent.trim())")


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
    assert current(page) == [NAMES[lang]], f"the switch marks {current(page)} as current on {start}"

    switch_with_keyboard(page, other_lang)
    assert path_of(page.url) == other, f"from {start} the switcher leads to {page.url}"
    assert page.locator("html").get_attribute("lang") == other_lang

    switch_with_keyboard(page, lang)
    assert path_of(page.url) == start, f"from {other} the switcher leads back to {page.url}"
    assert page.locator("html").get_attribute("lang") == lang


@pytest.mark.parametrize("lang", ["nb", "nn"])
def test_switching_keeps_the_matrix_choice_and_a_changed_choice(page, base_url: str, lang: str) -> None:
    root, other = ("", "nn/") if lang == "nb" else ("nn/", "")
    other_lang = "nn" if lang == "nb" else "nb"
    page.goto(base_url + root + "matrise/?k=alta,frogn&t=bilete")
    page.locator('form.matrix-picker input[name="k"][value="loten"]').check()  # the picker rewrites the address
    assert urlsplit(page.url).query == "k=alta,frogn,loten&t=bilete"

    switch_with_keyboard(page, other_lang)
    assert path_of(page.url) == "/" + other + "matrise/" and urlsplit(page.url).query == "k=alta,frogn,loten&t=bilete"
    shown = page.locator("table.matrix thead th[data-col]").evaluate_all("ths => ths.filter(th => !th.hidden).map(th => th.dataset.col)")
    assert shown == ["alta", "frogn", "loten"], f"after switching the matrix shows {shown}"


@pytest.mark.parametrize(("start", "other"), [("kommunar/frogn/#frogn-13", "nn/kommunar/frogn/"), ("nn/kommunar/bomlo/#bomlo-4", "kommunar/bomlo/")])
def test_switching_keeps_the_rule_anchor(page, base_url: str, start: str, other: str) -> None:
    page.goto(base_url + start)
    other_lang = "nb" if start.startswith("nn/") else "nn"
    switch_with_keyboard(page, other_lang)
    anchor = start.split("#")[1]
    assert path_of(page.url) == "/" + other and urlsplit(page.url).fragment == anchor, f"switching led to {page.url}"
    assert page.evaluate("() => document.querySelector(':target')?.id") == anchor, "the rule is not the target in the other form"


@pytest.mark.parametrize(
    ("start", "other", "anchor"),
    [
        ("dekning/", "nn/dekning/", "faa"),  # a section heading on a generated page
        ("nn/dekning/", "dekning/", "faa"),
        ("kommunar/frogn/", "nn/kommunar/frogn/", "frogn-13"),  # a rule: both forms share its id
        ("nn/kommunar/bomlo/", "kommunar/bomlo/", "bomlo-7"),
    ],
)
def test_switching_keeps_the_place_on_a_page_without_an_anchor(page, base_url: str, start: str, other: str, anchor: str) -> None:
    """/dekning/ scrolled far down opened /nn/dekning/ at the top."""
    page.goto(base_url + start)
    page.evaluate("id => { const el = document.getElementById(id); window.scrollTo(0, window.scrollY + el.getBoundingClientRect().top - 70); }", anchor)
    page.wait_for_function("() => window.scrollY > 300")
    before = page.evaluate("id => document.getElementById(id).getBoundingClientRect().top", anchor)
    other_lang = "nb" if start.startswith("nn/") else "nn"
    box = page.locator(f'{LINK}[hreflang="{other_lang}"]').bounding_box()
    with page.expect_navigation():  # the mouse where the link is (Playwright's click() scrolls first)
        page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    assert path_of(page.url) == "/" + other and not urlsplit(page.url).fragment
    page.wait_for_load_state("load")
    page.wait_for_timeout(200)
    after = page.evaluate("id => document.getElementById(id).getBoundingClientRect().top", anchor)
    assert abs(after - before) <= 30, f"#{anchor} was {before:.0f} px from the top on /{start}, is {after:.0f} px on /{other} (scrollY {page.evaluate('scrollY')})"
