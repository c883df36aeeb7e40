"""Search in the browser, per language form: opened with the keyboard, results from the page's own
language only, and inflected forms found by prefix (Material's search adds a trailing wildcard)."""

from __future__ import annotations

import pytest

from .helpers import focused, path_of

SEARCH_INPUT = "input.md-search__input"
RESULT = ".md-search-result__item"

# (language, page to start from, query, paths that must be among the results,
#  a longer form of the query that must be highlighted in a result)
CASES = [
    ("nb", "", "taushetsplikt", [], "taushetsplikten"),
    ("nb", "kommunar/loten/", "bilde", [], "bilder"),
    ("nb", "matrise/", "krise", ["/tema/krisekommunikasjon/"], None),
    ("nn", "nn/", "teieplikt", ["/nn/kommunar/bomlo/", "/nn/tema/taushetsplikt/"], "teieplikta"),
    ("nn", "nn/kommunar/loten/", "teieplikt", ["/nn/kommunar/bomlo/", "/nn/tema/taushetsplikt/"], "teieplikta"),
]


def all_results(page):
    """Every result: Material renders results in batches and adds more as the list scrolls."""
    items = page.locator(RESULT)
    items.first.wait_for(state="visible", timeout=15_000)
    count = -1
    while items.count() != count:
        count = items.count()
        page.locator(".md-search__scrollwrap").evaluate("el => { el.scrollTop = el.scrollHeight; }")
        page.wait_for_timeout(250)
    return items


@pytest.mark.parametrize(("lang", "start", "query", "expected", "inflected"), CASES)
def test_search_finds_inflected_forms_in_the_pages_own_language(
    page, base_url: str, lang: str, start: str, query: str, expected: list[str], inflected: str | None
) -> None:
    page.goto(base_url + start)
    page.keyboard.press("/")
    assert focused(page, SEARCH_INPUT), "the '/' key does not put the focus in the search box"
    page.keyboard.type(query)
    items = all_results(page)
    hrefs = items.locator("a.md-search-result__link").evaluate_all("links => links.map(a => a.href)")
    paths = sorted({path_of(h) for h in hrefs})
    assert paths, f"no results for {query!r}"

    wrong = [p for p in paths if p.startswith("/nn/") != (lang == "nn")]
    assert not wrong, f"{lang} search for {query!r} leads to pages of the other language form: {wrong}"
    missing = [p for p in expected if p not in paths]
    assert not missing, f"{lang} search for {query!r} does not find {missing}; found {paths}"
    if inflected:
        marks = {m.lower() for m in items.locator("mark").all_inner_texts()}
        assert inflected in marks, f"{lang} search for {query!r} highlights no {inflected!r}; highlighted: {sorted(marks)}"


@pytest.mark.parametrize("lang", ["nb", "nn"])
def test_search_box_opens_by_click_and_the_first_result_opens_with_the_keyboard(page, base_url: str, lang: str) -> None:
    root = "" if lang == "nb" else "nn/"
    page.goto(base_url + root + "tema/")
    page.locator(SEARCH_INPUT).click()
    page.keyboard.type("krise")
    all_results(page)
    page.locator(SEARCH_INPUT).focus()
    page.keyboard.press("ArrowDown")
    assert focused(page, "a.md-search-result__link"), "ArrowDown does not move the focus to the first result"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert path_of(page.url) == f"/{root}tema/krisekommunikasjon/", f"the first result for 'krise' is {page.url}"
    assert page.locator("html").get_attribute("lang") == lang
