"""Rule permalinks (``a.rule-permalink``, ¶): activating one, by mouse or keyboard, moves to the rule:
the address gets its #id, the rule is the :target and lies in the viewport below the sticky
header; with clipboard access the rule's address is copied and announced."""

from __future__ import annotations

import pytest

from .helpers import tab_to


def assert_at_rule(page, rule_id: str) -> None:
    page.wait_for_function("id => location.hash === '#' + id", arg=rule_id)
    assert page.evaluate("() => document.querySelector(':target') && document.querySelector(':target').id") == rule_id
    box = page.locator(f"#{rule_id}").bounding_box()
    header = page.locator("header.md-header").bounding_box()
    viewport = page.viewport_size
    assert box is not None and header is not None
    assert box["y"] >= header["y"] + header["height"] - 1, f"#{rule_id} is hidden under the header ({box}, header {header})"
    assert box["y"] < viewport["height"], f"#{rule_id} is below the viewport ({box})"


@pytest.mark.parametrize("url", ["kommunar/loten/", "nn/kommunar/loten/"])
def test_clicking_a_rule_permalink_moves_to_the_rule_and_copies_its_address(context, page, base_url: str, url: str) -> None:
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url.rstrip("/"))
    page.goto(base_url + url)
    page.locator("#loten-5 a.rule-permalink").click()
    assert_at_rule(page, "loten-5")
    assert page.url == base_url + url + "#loten-5"
    page.wait_for_function("() => (document.getElementById('site-announcer') || {}).textContent")
    assert "loten-5" in page.locator("#site-announcer").text_content()
    assert page.evaluate("navigator.clipboard.readText()") == base_url + url + "#loten-5"


@pytest.mark.parametrize("url", ["kommunar/bomlo/", "nn/kommunar/bomlo/"])
def test_a_rule_permalink_works_with_the_keyboard(page, base_url: str, url: str) -> None:
    page.goto(base_url + url)
    tab_to(page, "#bomlo-3 a.rule-permalink")
    page.keyboard.press("Enter")
    assert_at_rule(page, "bomlo-3")


@pytest.mark.parametrize("url", ["kommunar/frogn/#frogn-12", "nn/kommunar/frogn/#frogn-12"])
def test_opening_a_rule_address_shows_the_rule_below_the_header(page, base_url: str, url: str) -> None:
    page.goto(base_url + url)
    assert_at_rule(page, url.split("#")[1])
