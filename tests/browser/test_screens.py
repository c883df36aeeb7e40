"""The site on a phone (390 × 844) and a laptop (1366 × 900): no page scrolls sideways, no request
fails, the matrix's header row stays in view while reading a wide screen, on a phone the matrix is
one block per topic with a card per municipality, the picker folds away, unknown codes in the
address are named, the home page's entry points work with the keyboard, and axe finds nothing in
these states. Screenshots of each state go to SHOTS_DIR for people to look at."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from .helpers import focused, shots_dir, tab_to
from .test_accessibility import check

PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1366, "height": 900}
SCREENS = {"390": PHONE, "1366": LAPTOP}
LANGS = ("nb", "nn")
MUNICIPALITIES = ["alta", "bomlo", "frogn", "loten", "meraker"]
PAGES = ["", "matrise/", "dekning/", "kommunar/", "kommunar/frogn/", "tema/taushetsplikt/", "profil/frogn/"]


def root(lang: str) -> str:
    return "" if lang == "nb" else "nn/"


@pytest.fixture(params=list(SCREENS), ids=lambda width: f"{width}px")
def screen(request, browser):
    """A page at one of the two widths that fails the test on any uncaught JavaScript error."""
    context = browser.new_context(viewport=SCREENS[request.param])
    context.set_default_timeout(10_000)
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    yield tab
    context.close()
    assert not errors, "JavaScript errors on the page:\n" + "\n".join(errors)


@pytest.fixture()
def phone(browser):
    context = browser.new_context(viewport=PHONE)
    context.set_default_timeout(10_000)
    yield context.new_page()
    context.close()


def overflow(page) -> tuple[int, int]:
    return page.evaluate("() => [document.scrollingElement.scrollWidth, window.innerWidth]")


@pytest.mark.parametrize("lang", LANGS)
def test_no_page_scrolls_sideways_and_no_request_fails(screen, base_url: str, lang: str) -> None:
    failed: list[str] = []
    console: list[str] = []
    screen.on("response", lambda response: response.status >= 400 and failed.append(f"{response.status} {response.url}"))
    screen.on("console", lambda message: message.type in ("error", "warning") and console.append(message.text))
    for url in PAGES:
        screen.goto(base_url + root(lang) + url, wait_until="networkidle")
        width, viewport = overflow(screen)
        assert width <= viewport, f"/{root(lang)}{url} is {width} px wide in a {viewport} px window"
    assert not failed, "failed requests:\n" + "\n".join(failed)
    assert not console, "console errors and warnings:\n" + "\n".join(console)


def words_broken_across_lines(page, selector: str) -> list[str]:
    """Words inside ``selector`` that the browser split over two lines (a word whose range has more
    than one box), e.g. "Taush|etspli|kt"."""
    return page.evaluate(
        """selector => {
          const broken = [];
          for (const element of document.querySelectorAll(selector)) {
            const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
            for (let node = walker.nextNode(); node; node = walker.nextNode()) {
              for (const match of node.data.matchAll(/[^\\s\\/-]+/g)) {
                const range = document.createRange();
                range.setStart(node, match.index);
                range.setEnd(node, match.index + match[0].length);
                if (range.getClientRects().length > 1) broken.push(match[0]);
              }
            }
          }
          return broken;
        }""",
        selector,
    )


@pytest.mark.parametrize("lang", LANGS)
def test_coverage_and_overview_fit_without_breaking_words(screen, base_url: str, lang: str) -> None:
    for url, table in (("dekning/", "table.coverage"), ("kommunar/", "table.overview")):
        screen.goto(base_url + root(lang) + url)
        boxes = screen.locator(f".matrix-scroll:has({table})")
        assert boxes.count() >= 1
        for box in boxes.all():  # the coverage page has two: topics and the checklist
            fits = box.evaluate("box => box.scrollWidth <= box.clientWidth")
            assert fits, f"/{root(lang)}{url}: a {table} is wider than its box (cut off, or scrolls sideways)"
        broken = words_broken_across_lines(screen, f"{table} tbody th > a")
        assert not broken, f"/{root(lang)}{url}: words broken mid-word: {broken}"
        screen.screenshot(path=str(shots_dir() / f"{lang}-{url.strip('/')}-{screen.viewport_size['width']}.png"), full_page=True)


@pytest.mark.parametrize("lang", LANGS)
def test_matrix_header_row_stays_in_view_while_reading(browser, base_url: str, lang: str) -> None:
    context = browser.new_context(viewport=LAPTOP)
    try:
        page = context.new_page()
        page.goto(base_url + root(lang) + "matrise/")
        header_height = page.locator(".md-header").bounding_box()["height"]
        row = page.locator('table.matrix tbody tr[data-row="sletting"]')
        row.scroll_into_view_if_needed()
        page.mouse.wheel(0, 300)
        page.wait_for_function("() => window.scrollY > 1500")
        for slug in MUNICIPALITIES:
            th = page.locator(f'table.matrix thead th[data-col="{slug}"]')
            box = th.bounding_box()
            assert box is not None and header_height - 1 <= box["y"] <= header_height + 2, (
                f"{slug}'s column name is at y={box and box['y']} after scrolling, not under the site header ({header_height} px)"
            )
            on_top = page.evaluate(
                "([x, y]) => document.elementFromPoint(x, y).closest('th')?.dataset.col",
                [box["x"] + box["width"] / 2, box["y"] + box["height"] / 2],
            )
            assert on_top == slug, f"{slug}'s column name is covered (found {on_top!r} there)"
        page.screenshot(path=str(shots_dir() / f"matrix-scrolled-{lang}-1366.png"))
    finally:
        context.close()


def card_names(page, row: str) -> list[str]:
    cards = page.locator(f'table.matrix tr[data-row="{row}"] td[data-col]')
    return [card.locator(".matrix-cell__name").inner_text().split("\n")[0].split(" (")[0] for card in cards.all() if card.is_visible()]


@pytest.mark.parametrize("lang", LANGS)
def test_on_a_phone_the_matrix_is_a_card_per_municipality_under_each_topic(phone, base_url: str, lang: str) -> None:
    phone.goto(base_url + root(lang) + "matrise/")
    assert not phone.locator("table.matrix thead").is_visible(), "the wide header row shows on a phone"
    assert card_names(phone, "bilete") == ["Alta", "Bømlo", "Frogn", "Løten", "Meråker"]
    cards = [card.bounding_box() for card in phone.locator('table.matrix tr[data-row="bilete"] td').all()]
    assert all(card["width"] > 300 for card in cards), "cards are not as wide as the phone"
    assert all(a["y"] + a["height"] <= b["y"] for a, b in zip(cards, cards[1:])), "cards are not stacked"

    # The picker is folded: the status shows, the checkboxes do not, and it takes little room.
    picker = phone.locator("form.matrix-picker")
    assert picker.locator(".matrix-picker__status").is_visible()
    assert not picker.locator('input[name="k"]').first.is_visible()
    assert picker.bounding_box()["height"] < 150, f"the folded picker is {picker.bounding_box()['height']} px high"

    # The topic's name stays at the top while its cards pass.
    phone.locator('table.matrix tr[data-row="kontakt-brukarar"] td[data-col="meraker"]').scroll_into_view_if_needed()
    header = phone.locator(".md-header").bounding_box()["height"]
    topic = phone.locator('table.matrix tr[data-row="kontakt-brukarar"] th').bounding_box()
    assert header - 1 <= topic["y"] <= header + 2, f"the topic name is at y={topic['y']}, not under the site header"
    phone.screenshot(path=str(shots_dir() / f"matrix-phone-{lang}.png"))
    check(phone, "matrix stacked (390 px)", lang, root(lang) + "matrise/")

    phone.locator(".matrix-picker__choice > summary").click()
    assert picker.locator('input[name="k"]').first.is_visible(), "the picker does not open"
    phone.locator('form.matrix-picker [data-action="none"][data-param="k"]').click()
    phone.locator('form.matrix-picker input[name="k"][value="frogn"]').check()
    assert card_names(phone, "bilete") == ["Frogn"]
    phone.screenshot(path=str(shots_dir() / f"matrix-phone-picker-{lang}.png"), full_page=False)
    check(phone, "matrix picker open (390 px)", lang, root(lang) + "matrise/ (picker open)")


UNKNOWN = {
    "nb": "Adressen nevner kommuner som ikke er på nettstedet: «oslo». Adressen nevner tema som ikke finnes: «finst-ikkje».",
    "nn": "Adressa nemner kommunar som ikkje er på nettstaden: «oslo». Adressa nemner tema som ikkje finst: «finst-ikkje».",
}


@pytest.mark.parametrize("lang", LANGS)
def test_unknown_codes_in_the_address_are_named(page, base_url: str, lang: str) -> None:
    page.goto(base_url + root(lang) + "matrise/?k=oslo,alta&t=bilete,finst-ikkje")
    message = page.locator("form.matrix-picker .matrix-picker__unknown")
    assert message.is_visible() and message.inner_text() == UNKNOWN[lang]
    assert page.locator("table.matrix thead th[data-col]:visible").evaluate_all("ths => ths.map(th => th.dataset.col)") == ["alta"]

    page.goto(base_url + root(lang) + "matrise/?k=alta")
    assert not message.is_visible(), "a message shows although every code is known"


@pytest.mark.parametrize("lang", LANGS)
def test_home_finds_a_municipality_and_answers_a_question_with_the_keyboard(browser, base_url: str, lang: str) -> None:
    for viewport in (PHONE, LAPTOP):
        context = browser.new_context(viewport=viewport)
        try:
            page = context.new_page()
            page.goto(base_url + root(lang))
            tab_to(page, "#home-municipality")
            suggestions = page.evaluate("() => [...document.querySelector('#home-municipality').list.options].map(o => o.value)")
            assert suggestions == ["Alta", "Bømlo", "Frogn", "Løten", "Meråker"]
            page.keyboard.type("løten")  # as people type it: the matrix matches the name in any case
            check(page, f"home, municipality typed ({viewport['width']} px)", lang, root(lang))
            page.keyboard.press("Tab")
            assert focused(page, 'input[type="radio"][name="t"]:checked')
            page.keyboard.press("ArrowDown")  # the second question: pictures
            assert focused(page, 'input[type="radio"][value="bilete"]:checked')
            with page.expect_navigation():
                page.keyboard.press("Enter")
            assert urlsplit(page.url).path == "/" + root(lang) + "matrise/"
            assert parse_qs(urlsplit(page.url).query) == {"k": ["løten"], "t": ["bilete"]}
            assert not page.locator(".matrix-picker__unknown").is_visible()
            rows = page.locator("table.matrix tbody tr[data-row]:visible").evaluate_all("trs => trs.map(tr => tr.dataset.row)")
            assert rows == ["bilete"]
            columns = page.locator("table.matrix td[data-col]:visible").evaluate_all("tds => tds.map(td => td.dataset.col)")
            assert columns == ["loten"], f"the matrix shows {columns}"
            page.screenshot(path=str(shots_dir() / f"home-answer-{lang}-{viewport['width']}.png"))
        finally:
            context.close()


@pytest.mark.parametrize("lang", LANGS)
def test_the_header_title_is_whole_or_not_shown(screen, base_url: str, lang: str) -> None:
    """On a phone the site's name was cut to "Ret…" between the menu button and the language switch."""
    for url in ("", "matrise/", "kommunar/bomlo/"):
        screen.goto(base_url + root(lang) + url)
        cut = screen.locator(".md-header__title .md-ellipsis").evaluate_all(
            """spans => spans.filter(s => s.checkVisibility({ visibilityProperty: true }) && s.getBoundingClientRect().height > 0
                                 && s.scrollWidth > s.clientWidth + 1).map(s => s.textContent.trim())"""
        )
        assert not cut, f"/{root(lang)}{url} at {screen.viewport_size['width']} px: the header shows {cut} cut off"


GAP = {
    "nb": ("2 av 5 kommuner omtaler temaet.", "Se hva de andre skriver", "Viser 1 tema og 1 kommune."),
    "nn": ("2 av 5 kommunar omtaler temaet.", "Sjå kva dei andre skriv", "Viser 1 tema og 1 kommune."),
}


@pytest.mark.parametrize("lang", LANGS)
def test_the_finder_on_a_gap_says_what_the_others_say_and_whom_to_ask(page, base_url: str, lang: str) -> None:
    """"Bømlo" and the question about crises ended in one "Ikke omtalt" cell and "1 kommuner"."""
    others, link_text, status = GAP[lang]
    page.goto(base_url + root(lang))
    page.locator("#home-municipality").fill("Bømlo")
    page.locator('form.home-finder input[name="t"][value="krisekommunikasjon"]').check()
    with page.expect_navigation():
        page.locator("form.home-finder button[type=submit]").press("Enter")
    assert page.locator(".matrix-picker__status").inner_text() == status
    cell = page.locator('table.matrix tr[data-row="krisekommunikasjon"] td[data-col="bomlo"]')
    assert "is-gap" in cell.get_attribute("class")
    more = cell.locator(".matrix-gap__others")
    assert more.is_visible(), "the gap says nothing more"
    text = more.inner_text()
    assert others in text and "Bømlo kommune" in text, text
    check(page, "matrix, one municipality with a gap", lang, root(lang) + "matrise/?k=Bømlo&t=krisekommunikasjon")
    with page.expect_navigation():
        more.get_by_role("link", name=link_text).press("Enter")
    shown = page.locator('table.matrix tr[data-row="krisekommunikasjon"] td[data-col]:visible').evaluate_all("tds => tds.map(td => td.dataset.col)")
    assert shown == MUNICIPALITIES, f"'{link_text}' shows {shown}"
    assert not page.locator(".matrix-gap__others").first.is_visible(), "with all municipalities the gaps stay short"


@pytest.mark.parametrize("lang", LANGS)
def test_coverage_heatmap_labels_are_legible_or_the_map_is_left_out(screen, base_url: str, lang: str) -> None:
    """On a phone the heatmaps' labels were about 7 px tall, repeating the table beneath them."""
    screen.goto(base_url + root(lang) + "dekning/")
    heights = screen.locator("figure.heatmap text").evaluate_all(
        "texts => texts.filter(t => t.checkVisibility()).map(t => t.getBoundingClientRect().height)"
    )
    small = [round(h, 1) for h in heights if h < 12]
    assert not small, f"/{root(lang)}dekning/ at {screen.viewport_size['width']} px: {len(small)} heatmap labels under 12 px tall: {small[:5]}"
    assert screen.locator("table.coverage").first.is_visible(), "the table with the same numbers is not shown"
    if screen.viewport_size["width"] >= 1000:
        assert heights, "the heatmap is not shown on a laptop"
