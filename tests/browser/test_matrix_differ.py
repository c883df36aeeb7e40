"""The matrix's "only where they differ" option, by keyboard: with Løten and Meråker chosen, only
the topics one of them addresses and the other does not stay; the address keeps the option
(?d=1) and a reload shows the same; unticked, every row is back. Read against the annotations."""

from __future__ import annotations

import re

import pytest

from conftest import ROOT

from .helpers import focused, tab_to

TOPIC_IDS = re.findall(r"^  - id: (\S+)$", (ROOT / "data" / "topics.yml").read_text(encoding="utf-8"), re.M)


def topics_of(slug: str) -> set[str]:
    text = (ROOT / "docs" / "kommunar" / f"{slug}.nb.md").read_text(encoding="utf-8")
    return {topic for group in re.findall(r'data-topics="([^"]*)"', text) for topic in group.split()}


def visible_rows(page) -> list[str]:
    return [row.get_attribute("data-row") for row in page.locator("table.matrix tbody tr[data-row]").all() if row.is_visible()]


@pytest.mark.parametrize("lang", ["nb", "nn"])
def test_only_rows_where_the_chosen_municipalities_differ(page, base_url: str, lang: str) -> None:
    root = "" if lang == "nb" else "nn/"
    page.goto(f"{base_url}{root}matrise/?k=loten,meraker")
    assert visible_rows(page) == TOPIC_IDS
    loten, meraker = topics_of("loten"), topics_of("meraker")
    differ = [t for t in TOPIC_IDS if (t in loten) != (t in meraker)]
    assert differ and len(differ) < len(TOPIC_IDS)  # the case shows something and hides something
    tab_to(page, "#matrix-differ")
    assert focused(page, "#matrix-differ")
    page.keyboard.press("Space")
    page.wait_for_function("location.search.includes('d=1')")
    assert visible_rows(page) == differ
    hidden = len(TOPIC_IDS) - len(differ)
    assert re.search(rf"\b{hidden}\b", page.locator("#matrix-differ-status").inner_text())
    # the picker's status counts the rows shown, not the rows chosen (it said «Viser 23 tema»)
    shows = f"{len(differ)} tema og 2 kommun"
    page.wait_for_function("text => document.querySelector('.matrix-picker__status').textContent.includes(text)", arg=shows)
    page.reload()
    assert page.locator("#matrix-differ").is_checked() and visible_rows(page) == differ
    page.wait_for_function("text => document.querySelector('.matrix-picker__status').textContent.includes(text)", arg=shows)
    page.locator("#matrix-differ").focus()
    page.keyboard.press("Space")
    page.wait_for_function("!location.search.includes('d=1')")
    assert visible_rows(page) == TOPIC_IDS
    page.wait_for_function("text => document.querySelector('.matrix-picker__status').textContent.includes(text)", arg=f"{len(TOPIC_IDS)} tema og 2 kommun")


def test_without_javascript_the_option_is_not_offered_and_the_full_table_shows(browser, base_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{base_url}matrise/?k=loten,meraker&d=1")
    assert not page.locator("#matrix-differ").is_visible()
    assert visible_rows(page) == TOPIC_IDS
    context.close()
