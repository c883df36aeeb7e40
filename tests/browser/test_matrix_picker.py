"""The comparison picker on the matrix page, used with the keyboard only (Tab, Shift+Tab, Space):
choosing municipalities and topics shows only those columns and rows, the address reproduces the
view (new page, reload), "Vis alle kommuner og tema" restores everything; without JavaScript the whole table shows
and the picker stays hidden."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from .helpers import focused, shots_dir, tab_to

LANGS = ("nb", "nn")
CHOICE = {"k": ["alta", "frogn"], "t": ["bilete"]}
CHECKBOX = "form.matrix-picker input[type=checkbox]"
RESET = 'form.matrix-picker [data-action="reset"]'
STATUS = {"nb": "Viser 1 tema og 2 kommuner.", "nn": "Viser 1 tema og 2 kommunar."}
RESET_LABEL = {"nb": "Vis alle kommuner og tema", "nn": "Vis alle kommunar og tema"}


def root(lang: str) -> str:
    return "" if lang == "nb" else "nn/"


def view(page) -> tuple[list[str], list[str]]:
    """The visible columns (municipality slugs) and rows (topic ids) of the matrix.

    Checks on the way that each visible row shows exactly the visible header columns."""
    header = page.locator("table.matrix thead th[data-col]")
    columns = [th.get_attribute("data-col") for th in header.all() if th.is_visible()]
    rows = []
    for row in page.locator("table.matrix tbody tr[data-row]").all():
        if not row.is_visible():
            continue
        rows.append(row.get_attribute("data-row"))
        cells = [td.get_attribute("data-col") for td in row.locator("td[data-col]").all() if td.is_visible()]
        assert cells == columns, f"row {rows[-1]} shows columns {cells}, the header {columns}"
    return columns, rows


def full_view(page) -> tuple[list[str], list[str]]:
    """Every column and row that the page's HTML holds."""
    columns = page.locator("table.matrix thead th[data-col]").evaluate_all("els => els.map(e => e.dataset.col)")
    rows = page.locator("table.matrix tbody tr[data-row]").evaluate_all("els => els.map(e => e.dataset.row)")
    return columns, rows


def choose_with_keyboard(page, choice: dict[str, list[str]]) -> None:
    """Tab to the first checkbox, then through all of them, pressing Space where a box must change."""
    tab_to(page, CHECKBOX)
    visited = 0
    while not focused(page, RESET):
        box = page.evaluate(
            "() => { const e = document.activeElement;"
            " return e.matches('input[type=checkbox][name]') ? [e.name, e.value, e.checked] : null; }"
        )
        if box is not None:
            name, value, checked = box
            if checked != (value in choice[name]):
                page.keyboard.press("Space")
            visited += 1
        page.keyboard.press("Tab")
        assert visited < 500, "Tab never leaves the picker's checkboxes"


def query(url: str) -> dict[str, list[str]]:
    return {key: value[0].split(",") for key, value in parse_qs(urlsplit(url).query).items()}


@pytest.mark.parametrize("lang", LANGS)
def test_picker_with_keyboard_only_and_the_view_lives_in_the_address(page, base_url: str, lang: str) -> None:
    page.goto(base_url + root(lang) + "matrise/")
    picker = page.locator("form.matrix-picker")
    assert picker.is_visible(), "the picker is not shown although JavaScript runs"
    all_columns, all_rows = full_view(page)
    assert view(page) == (all_columns, all_rows), "the matrix does not start with every column and row"

    choose_with_keyboard(page, CHOICE)
    expected = (CHOICE["k"], CHOICE["t"])
    assert view(page) == expected, f"after choosing {CHOICE} the matrix shows {view(page)}"
    assert page.locator("form.matrix-picker .matrix-picker__status").inner_text() == STATUS[lang]
    assert query(page.url) == CHOICE, f"the address does not hold the choice: {page.url}"

    # Shift+Tab goes back into the picker (past the "only where they differ" option, to the last
    # topic) and Tab returns to the reset button.
    page.keyboard.press("Shift+Tab")
    assert focused(page, "#matrix-differ"), "Shift+Tab does not return to the 'only where they differ' option"
    page.keyboard.press("Shift+Tab")
    assert focused(page, f'{CHECKBOX}[name="t"][value="{all_rows[-1]}"]'), "Shift+Tab does not return to the last topic"
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert focused(page, RESET)
    assert page.locator(RESET).inner_text() == RESET_LABEL[lang], "the reset button does not say what it resets"

    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(shots_dir() / f"picker-{lang}.png"), full_page=True)

    shared = page.context.new_page()  # the address, opened elsewhere, shows the same view
    shared.goto(page.url)
    assert view(shared) == expected, f"{page.url} opened in a new page shows {view(shared)}"
    assert shared.locator(f"{CHECKBOX}:checked").evaluate_all("els => els.map(e => e.value)") == CHOICE["k"] + CHOICE["t"]
    shared.close()

    page.reload()
    assert view(page) == expected, f"after a reload the matrix shows {view(page)}"

    tab_to(page, RESET)  # "Vis alle kommuner og tema", pressed with Space
    page.keyboard.press("Space")
    assert view(page) == (all_columns, all_rows), "the reset button does not bring back every column and row"
    assert urlsplit(page.url).query == "", f"after the reset button the address still holds a choice: {page.url}"


@pytest.mark.parametrize("lang", LANGS)
def test_without_javascript_the_full_table_shows_and_the_picker_is_hidden(browser, base_url: str, lang: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(base_url + root(lang) + "matrise/?k=alta,frogn&t=bilete")
        assert not page.locator("form.matrix-picker").is_visible(), "the picker shows although it cannot work"
        columns, rows = full_view(page)
        assert len(columns) >= 2 and len(rows) >= 2
        assert view(page) == (columns, rows), "without JavaScript some columns or rows are hidden"
    finally:
        context.close()


@pytest.mark.parametrize("lang", LANGS)
def test_none_and_all_buttons_choose_a_whole_group_by_keyboard(page, base_url: str, lang: str) -> None:
    page.goto(base_url + root(lang) + "matrise/")
    tab_to(page, 'form.matrix-picker [data-action="none"][data-param="t"]')
    page.keyboard.press("Enter")
    assert view(page)[1] == [], "'none' should hide every topic row"
    page.locator('form.matrix-picker input[name="t"][value="krisekommunikasjon"]').focus()
    page.keyboard.press("Space")
    columns, rows = view(page)
    assert rows == ["krisekommunikasjon"] and len(columns) == 5
    assert query(page.url) == {"t": ["krisekommunikasjon"]}
    page.locator('form.matrix-picker [data-action="none"][data-param="k"]').focus()
    page.keyboard.press("Enter")
    assert view(page)[0] == []
    page.locator('form.matrix-picker [data-action="all"][data-param="k"]').focus()
    page.keyboard.press("Enter")
    assert len(view(page)[0]) == 5 and query(page.url) == {"t": ["krisekommunikasjon"]}


@pytest.mark.parametrize("lang", ["nb", "nn"])
def test_the_topic_columns_of_the_picker_start_on_the_same_row(browser, base_url: str, lang: str) -> None:
    """The right column of topics started a row higher than the left (the buttons took its first row)."""
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    try:
        page = context.new_page()
        page.goto(base_url + ("" if lang == "nb" else "nn/") + "matrise/")
        boxes = page.locator('form.matrix-picker fieldset[data-param="t"] label').evaluate_all(
            "labels => labels.map(l => { const b = l.getBoundingClientRect(); return [Math.round(b.left), Math.round(b.top)]; })"
        )
        columns = sorted({left for left, _ in boxes})
        assert len(columns) == 2, f"the topics are in {len(columns)} columns: {columns}"
        tops = [min(top for left, top in boxes if left == column) for column in columns]
        assert abs(tops[0] - tops[1]) <= 1, f"the topic columns start at y = {tops}"
    finally:
        context.close()
