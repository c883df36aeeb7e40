"""The matrix with many municipalities (a synthetic corpus of 20, above the full-table limit): the
page shows a few columns; choosing others loads their rules on demand, in alphabetical order; a
municipality whose data cannot be loaded is taken out of the choice, not shown blank."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from conftest import run_build
from guidelines_dev.corpus import generate

from .conftest import serve


@pytest.fixture(scope="module")
def big_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    project = tmp_path_factory.mktemp("corpus-browser")
    generate(20, project)
    result = run_build(project, project / "site")
    assert result.returncode == 0, result.stderr
    yield from serve(project / "site")


def visible_columns(page) -> list[str]:
    return [th.get_attribute("data-col") for th in page.locator("table.matrix thead th[data-col]").all() if th.is_visible()]


def checkbox_order(page) -> list[str]:
    return page.locator('form.matrix-picker input[name="k"]').evaluate_all("els => els.map(e => e.value)")


def table_order(page) -> list[str]:
    """Alphabetical by municipality name (Norwegian order), as the server renders columns."""
    return page.locator("form.matrix-picker").get_attribute("data-order").split(",")


def test_choosing_municipalities_loads_their_columns_in_order(page, big_url: str) -> None:
    page.goto(big_url + "nn/matrise/")
    shown = visible_columns(page)
    order = table_order(page)
    assert sorted(checkbox_order(page)) == sorted(order) and shown == order[: len(shown)]
    assert 0 < len(shown) < len(order)
    wanted = [order[-1], order[len(order) // 2], order[1]]  # picked out of order, not shown yet
    page.goto(big_url + "nn/matrise/?k=" + ",".join(wanted) + "&t=rolle")
    page.wait_for_function("n => document.querySelectorAll('table.matrix thead th[data-col]:not([hidden])').length === n", arg=3)
    assert visible_columns(page) == sorted(wanted, key=order.index)
    cells = page.locator('table.matrix tr[data-row="rolle"] td[data-col]:not([hidden])')
    assert cells.count() == 3
    for index in range(3):  # every loaded cell quotes rules or says the topic is not addressed
        cell = cells.nth(index)
        assert cell.locator(".matrix-rule").count() > 0 or cell.inner_text().strip() == "Ikkje omtalt"
    first_rule = page.locator('table.matrix tr[data-row="rolle"] td:not([hidden]) .matrix-rule a.matrix-rule__id').first
    assert first_rule.get_attribute("href").startswith("../kommunar/")
    loaded = page.locator('table.matrix tr[data-row="rolle"] td:not([hidden]) .matrix-rule')
    page.wait_for_function("() => [...document.querySelectorAll('table.matrix .matrix-rule')].every(q => q.querySelector(':scope > .draft-toggle'))")
    assert loaded.first.locator(".draft-toggle").get_attribute("data-draft-topic") == "rolle", "a loaded quote has no draft toggle"
    # add one more with the keyboard: it joins in its alphabetical place
    extra = order[0]
    page.locator(f'form.matrix-picker details.matrix-picker__county:has(input[value="{extra}"]) > summary').click()
    page.locator(f'form.matrix-picker input[value="{extra}"]').focus()
    page.keyboard.press("Space")
    page.wait_for_function("n => document.querySelectorAll('table.matrix thead th[data-col]:not([hidden])').length === n", arg=4)
    assert visible_columns(page) == sorted(wanted + [extra], key=order.index)


def test_a_municipality_that_cannot_be_loaded_is_taken_out_of_the_choice(page, big_url: str) -> None:
    page.route("**/data/kommunar/*.json", lambda route: route.fulfill(status=500, body="error"))
    page.goto(big_url + "matrise/")
    order = checkbox_order(page)
    missing = next(slug for slug in order if slug not in visible_columns(page))
    page.goto(big_url + f"matrise/?k={missing}")
    page.wait_for_function(f"() => !document.querySelector('input[value=\"{missing}\"]').checked")
    assert missing not in visible_columns(page) and missing not in page.url
