"""The search dialog (Pagefind) in the browser, per language form: opened with the button or "/",
closed with Escape with the focus back on the button, Pagefind's strings in the page's language
form, results from that form only, a rule as a sub-result that leads to its permalink, and filters.
What queries find is in test_search_queries.py."""

from __future__ import annotations

import pytest

from .helpers import SEARCH_FIELD, focused, open_search, path_of, search_results

OPEN_BUTTON = "button.site-search__open"
DIALOG = "dialog.site-search__dialog"
# Pagefind's own strings for the page's language form (its nb and nn translations).
FIELD_PLACEHOLDER = {"nb": "Søk", "nn": "Søk"}
NO_RESULTS = {"nb": "Ingen resultater for", "nn": "Ingen resultat for"}
# The filter names, from data/ui.yml (municipality, county, topic, search_filter_text).
FILTERS = ["Fylke", "Kommune", "Tekst", "Tema"]


def root(lang: str) -> str:
    return "nn/" if lang == "nn" else ""


@pytest.mark.parametrize("lang", ["nb", "nn"])
def test_button_opens_the_dialog_escape_closes_it_and_the_focus_returns(page, base_url: str, lang: str) -> None:
    page.goto(base_url + root(lang) + "kommunar/loten/")
    assert not page.locator(DIALOG).is_visible(), "the search dialog is open before it is asked for"
    page.locator(OPEN_BUTTON).click()
    page.locator(SEARCH_FIELD).wait_for(state="visible")
    assert focused(page, SEARCH_FIELD), "opening the search does not put the focus in its field"
    assert page.locator(SEARCH_FIELD).get_attribute("placeholder") == FIELD_PLACEHOLDER[lang]
    page.keyboard.press("Escape")
    assert not page.locator(DIALOG).is_visible(), "Escape does not close the search"
    assert focused(page, OPEN_BUTTON), "after Escape the focus is not back on the search button"


@pytest.mark.parametrize("lang", ["nb", "nn"])
def test_slash_opens_the_search_and_what_is_typed_at_once_is_searched(page, base_url: str, lang: str) -> None:
    page.goto(base_url + root(lang) + "tema/")
    page.keyboard.press("/")
    page.keyboard.type("xqzvw", delay=0)  # typed before Pagefind's interface has loaded, too
    page.locator(SEARCH_FIELD).wait_for(state="visible")
    assert page.locator(SEARCH_FIELD).input_value() == "xqzvw", "keys typed while the search loaded were lost"
    assert search_results(page) == []
    assert NO_RESULTS[lang] in page.locator(".pagefind-ui__message").inner_text()


@pytest.mark.parametrize(
    ("lang", "query", "rule"),
    [("nb", "venn med elever", "/kommunar/loten/#loten-6"), ("nn", "kontakt med elevar", "/nn/kommunar/meraker/#meraker-2")],
)
def test_a_rule_is_a_result_that_leads_to_its_permalink(page, base_url: str, lang: str, query: str, rule: str) -> None:
    open_search(page, base_url + root(lang))
    page.locator(SEARCH_FIELD).fill(query)
    results = search_results(page)
    pages = [url for url, _ in results]
    assert all(url.startswith("/nn/") == (lang == "nn") for url in pages), f"{lang} search shows {pages}"
    link = page.locator(f'.pagefind-ui__result-nested a[href="{rule}"]')
    assert link.count() == 1, f"no sub-result for rule {rule}; results: {results}"
    title = page.locator(".pagefind-ui__result", has=link).locator(".pagefind-ui__result-title").first.inner_text()
    municipality = {"loten": "Løten", "meraker": "Meråker"}[rule.split("#")[1].split("-")[0]]
    assert title.startswith(municipality + ":"), f"the result's title does not name the municipality: {title!r}"
    link.click()
    page.wait_for_url(f"**{rule}")
    assert not page.locator(DIALOG).is_visible(), "the dialog stays open after following a result"
    assert page.evaluate("document.querySelector(':target') && document.querySelector(':target').id") == rule.split("#")[1]
    assert path_of(page.url) == rule.split("#")[0]


@pytest.mark.parametrize("lang", ["nb", "nn"])
def test_filters_by_municipality_narrow_the_results(page, base_url: str, lang: str) -> None:
    open_search(page, base_url + root(lang))
    page.locator(SEARCH_FIELD).fill("sosiale medier" if lang == "nb" else "sosiale medium")
    before = search_results(page)
    names = page.locator(".pagefind-ui__filter-name").all_inner_texts()
    assert [n.strip() for n in names] == FILTERS, f"filters shown: {names}"
    page.locator(".pagefind-ui__filter-name", has_text="Kommune").click()
    page.locator(".pagefind-ui__filter-label", has_text="Frogn").click()
    page.wait_for_function("n => document.querySelectorAll('.pagefind-ui__result').length !== n", arg=len(before))
    after = search_results(page)
    assert [url for url, _ in after] == [f"/{root(lang)}kommunar/frogn/"], f"filtered to Frogn: {after}"
