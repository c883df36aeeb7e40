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


DID_YOU_MEAN = {"nb": "Mente du:", "nn": "Meinte du:"}
# The word "tausetsplikt" is corrected to in each form: on the nynorsk site the nynorsk word, not the
# bokmål one the index also holds (the topic's labels of both forms are its metadata).
CORRECTED = {"nb": "taushetsplikt", "nn": "teieplikt"}


@pytest.mark.parametrize("lang", ["nb", "nn"])
def test_a_misspelt_word_is_corrected_and_the_correction_offered_as_a_button(page, base_url: str, lang: str) -> None:
    open_search(page, base_url + root(lang))
    page.locator(SEARCH_FIELD).fill("tausetsplikt")
    results = search_results(page)
    assert results and results[0][0] == f"/{root(lang)}tema/taushetsplikt/", f"{lang} 'tausetsplikt' found {results[:3]}"
    rules = [rule for _, found in results for rule in found]
    assert f"/{root(lang)}kommunar/meraker/#meraker-3" in rules, f"{lang} 'tausetsplikt' finds no rule on confidentiality: {results}"
    offer = page.locator(".site-search__suggestion")
    assert offer.is_visible() and offer.inner_text() == f"{DID_YOU_MEAN[lang]} {CORRECTED[lang]}?", offer.inner_text()
    page.keyboard.press("Tab")  # from the field, the next stop is the offered correction
    assert focused(page, ".site-search__correction"), "the correction cannot be reached with Tab from the field"
    page.keyboard.press("Enter")
    assert page.locator(SEARCH_FIELD).input_value() == CORRECTED[lang]
    page.wait_for_function("w => document.querySelector('.pagefind-ui__message').textContent.includes('«' + w + '»')", arg=CORRECTED[lang])
    corrected = search_results(page)
    assert corrected[0][0] == f"/{root(lang)}tema/taushetsplikt/"
    assert [url for url, _ in corrected] == [url for url, _ in results], "the misspelt word finds other pages than its correction"


@pytest.mark.parametrize(
    ("lang", "query", "rule", "title"),
    [
        ("nb", "kan jeg være venn med en elev", "/kommunar/loten/#loten-6", "Løten · Kontakt med brukere, elever og pårørende"),
        ("nn", "kan eg vere venn med ein elev", "/nn/kommunar/loten/#loten-6", "Løten · Kontakt med brukarar, elevar og pårørande"),
    ],
)
def test_a_rule_result_is_titled_by_municipality_and_topic_with_the_rules_own_text(
    page, base_url: str, lang: str, query: str, rule: str, title: str
) -> None:
    open_search(page, base_url + root(lang))
    page.locator(SEARCH_FIELD).fill(query)
    search_results(page)
    nested = page.locator(".pagefind-ui__result-nested", has=page.locator(f'a[href="{rule}"]'))
    assert nested.count() == 1, f"no sub-result for {rule}"
    assert nested.locator("a").inner_text() == title
    excerpt = nested.locator(".pagefind-ui__result-excerpt").inner_text()
    assert "venn" in excerpt.lower() and title.split(" · ")[1] not in excerpt, f"the excerpt of {rule}: {excerpt!r}"
    shown = page.locator(".pagefind-ui__results").inner_text()
    assert "fortrolig" not in shown and "krisestab" not in shown, "a topic's hidden search words shown in the results"


@pytest.mark.parametrize(
    ("lang", "query", "rule", "title"),
    [
        # alta-5 is on official accounts first, then on confidentiality: the query names the second
        ("nb", "taushetsplikt", "/kommunar/alta/#alta-5", "Alta · Taushetsplikt og personvern"),
        ("nn", "teieplikt", "/nn/kommunar/alta/#alta-5", "Alta · Teieplikt og personvern"),
        ("nn", "taushetsplikt", "/nn/kommunar/alta/#alta-5", "Alta · Teieplikt og personvern"),
    ],
)
def test_a_rule_result_is_titled_by_the_topic_the_query_names(page, base_url: str, lang: str, query: str, rule: str, title: str) -> None:
    open_search(page, base_url + root(lang))
    page.locator(SEARCH_FIELD).fill(query)
    results = search_results(page)
    nested = page.locator(".pagefind-ui__result-nested", has=page.locator(f'a[href="{rule}"]'))
    assert nested.count() == 1, f"no sub-result for {rule}: {results}"
    assert nested.locator("a").inner_text() == title


@pytest.mark.parametrize(
    ("lang", "query", "verb", "topic"),
    [
        ("nb", "hva gjør jeg med nettroll", "gjør", "/tema/hets/"),
        ("nn", "kva gjer eg med nettroll", "gjer", "/nn/tema/hets/"),
        ("nb", "hva gjør jeg hvis noen truer meg", "gjør", "/tema/hets/"),
        ("nn", "kva gjer eg viss nokon trugar meg", "gjer", "/nn/tema/hets/"),
    ],
)
def test_the_verb_a_question_is_asked_with_matches_nothing(page, base_url: str, lang: str, query: str, verb: str, topic: str) -> None:
    """«gjer» in «kva gjer eg …» says nothing of what is asked: no rule is a result for holding it
    («gjer merksam på at …»), and it is marked nowhere."""
    open_search(page, base_url + root(lang))
    page.locator(SEARCH_FIELD).fill(query)
    results = search_results(page)
    assert results and results[0][0] == topic, f"{lang} {query!r} found {results[:3]}"
    marked = [m.lower() for m in page.locator(".pagefind-ui__results mark").all_inner_texts()]
    assert verb not in marked and "hvis" not in marked and "viss" not in marked, f"{lang} {query!r} marks {marked}"


OTHER_FORM = {"nb": "/nn/", "nn": "/"}


@pytest.mark.parametrize("lang", ["nb", "nn"])
def test_an_empty_answer_suggests_fewer_words_the_topic_list_and_the_other_form(page, base_url: str, lang: str) -> None:
    open_search(page, base_url + root(lang) + "kommunar/loten/")
    page.locator(SEARCH_FIELD).fill("xqzvw blorpf")
    assert search_results(page) == []
    help_box = page.locator(".site-search__help")
    assert help_box.is_visible()
    links = help_box.locator("a")
    hrefs = [path_of(href) for href in links.evaluate_all("links => links.map(a => a.href)")]
    assert hrefs == [f"/{root(lang)}tema/", OTHER_FORM[lang]], hrefs
    assert len(help_box.locator("li").all()) == 3, "no advice to use fewer words"
    links.nth(1).click()
    page.wait_for_url(f"**{OTHER_FORM[lang]}?sok=*")
    page.locator(SEARCH_FIELD).wait_for(state="visible")
    assert page.locator(SEARCH_FIELD).input_value() == "xqzvw blorpf", "the other form's search does not open with the query"
    page.wait_for_function("() => document.querySelector('.pagefind-ui__message').textContent.includes('xqzvw')")


@pytest.mark.parametrize(("width", "folded"), [(390, True), (1366, False)])
def test_filters_fold_behind_a_toggle_on_a_phone(browser, base_url: str, width: int, folded: bool) -> None:
    context = browser.new_context(viewport={"width": width, "height": 844})
    page = context.new_page()
    open_search(page, base_url)
    page.locator(SEARCH_FIELD).fill("taushetsplikt")
    search_results(page)
    toggle = page.locator(".site-search__filters-toggle")
    panel = page.locator(".pagefind-ui__filter-panel")
    assert toggle.get_attribute("aria-expanded") == ("false" if folded else "true")
    assert panel.is_visible() != folded
    if folded:
        gap = page.evaluate(
            "() => document.querySelector('.pagefind-ui__result').getBoundingClientRect().top"
            " - document.querySelector('.pagefind-ui__search-input').getBoundingClientRect().bottom"
        )
        assert gap < 120, f"{gap:.0f} px between the search field and the first result on a phone"
        toggle.click()
        assert panel.is_visible() and toggle.get_attribute("aria-expanded") == "true"
    context.close()


@pytest.mark.parametrize("lang", ["nb", "nn"])
def test_the_index_loads_when_the_pointer_reaches_the_search_button(page, base_url: str, lang: str) -> None:
    page.goto(base_url + root(lang) + "kommunar/")
    words = f"/{root(lang)}search-words.json"
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(path_of(request.url)))
    page.wait_for_timeout(300)
    assert not [url for url in fetched if url.startswith("/pagefind/")], f"the search loads before it is wanted: {fetched}"
    page.locator(OPEN_BUTTON).hover()
    for _ in range(50):
        if "/pagefind/pagefind.js" in fetched and words in fetched:
            break
        page.wait_for_timeout(100)
    assert "/pagefind/pagefind.js" in fetched and words in fetched, f"fetched on hover: {fetched}"
    assert not page.locator(DIALOG).is_visible(), "hovering opened the dialog"


@pytest.mark.parametrize(("lang", "query"), [("nb", "taushetsplikt"), ("nn", "teieplikt")])
def test_a_topic_pages_excerpt_is_its_own_text_not_its_list_of_laws(page, base_url: str, lang: str, query: str) -> None:
    open_search(page, base_url + root(lang))
    page.locator(SEARCH_FIELD).fill(query)
    results = search_results(page)
    topic = f"/{root(lang)}tema/taushetsplikt/"
    assert results and results[0][0] == topic, f"{lang} {query!r} found {results[:3]}"
    result = page.locator(".pagefind-ui__result", has=page.locator(f'.pagefind-ui__result-title a[href="{topic}"]'))
    excerpt = result.locator(".pagefind-ui__result-excerpt").inner_text()
    assert query in excerpt.lower(), f"the topic page's excerpt: {excerpt!r}"
    assert "Lovdata" not in excerpt and "§" not in excerpt and "lov" not in excerpt.lower(), f"the laws in the topic page's excerpt: {excerpt!r}"
