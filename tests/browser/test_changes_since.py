"""What changed since a date (issue #23), in Chromium on a copy of the project with a revised
guideline (Prøvedal, tests/data/revision, as tests/test_versions.py imports it): choosing the date
on a topic page and the matrix marks exactly the rules a version from that date on added or
reworded, says how many, keeps the date in the address (with the matrix's own parameters), and a
page opened with that address shows the same; by keyboard, in both language forms; nothing moves
when the form appears."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from test_versions import SLUG, import_first, new_version

from conftest import copy_project, run_build

from .conftest import serve

UI = {"nb": ("", "endret siden 2024-04-01"), "nn": ("nn/", "endra sidan 2024-04-01")}


@pytest.fixture(scope="module")
def revised_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    project = copy_project(tmp_path_factory.mktemp("since") / "project")
    import_first(project)
    done = new_version(project)
    assert done.returncode == 0, done.stderr
    out = tmp_path_factory.mktemp("since-site")
    built = run_build(project, out)
    assert built.returncode == 0, built.stdout + built.stderr
    yield from serve(out)


def marked(page) -> list[str]:
    return page.locator(".matrix-rule.is-changed").evaluate_all(
        "qs => qs.filter(q => q.getClientRects().length && !q.querySelector('.rule-changed').hidden).map(q => q.dataset.rule)"
    )


@pytest.mark.parametrize("lang", ["nb", "nn"])
def test_choosing_a_date_marks_what_changed_since_and_the_address_keeps_it(page, revised_url: str, lang: str) -> None:
    prefix, said = UI[lang]
    page.goto(revised_url + prefix + f"matrise/?k={SLUG}")
    form = page.locator("form[data-changes-since]")
    assert "is-ready" in (form.get_attribute("class") or "")
    changed = page.locator(".matrix-rule[data-changed]").evaluate_all("qs => qs.filter(q => q.getClientRects().length).map(q => q.dataset.rule)")
    assert len(changed) >= 3 and marked(page) == []
    select = page.locator("#changes-since-date")
    select.focus()
    page.keyboard.press("ArrowDown")  # the newest date, by keyboard
    page.wait_for_function("() => document.querySelectorAll('.matrix-rule.is-changed').length > 0")
    assert sorted(marked(page)) == sorted(changed)
    assert said in page.locator(".changes-since__count").text_content()
    assert page.evaluate("location.search").count("sidan=2024-04-01") == 1 and f"k={SLUG}" in page.evaluate("location.search")
    # a page opened with the address shows the same; a topic page with one of those rules too
    page.goto(revised_url + prefix + f"matrise/?k={SLUG}&sidan=2024-04-01")
    assert sorted(marked(page)) == sorted(changed)
    topic = page.locator(".matrix-rule.is-changed").first.evaluate(
        "q => q.closest('tr[data-row]') ? q.closest('tr[data-row]').dataset.row : null"
    )
    if topic:
        page.goto(revised_url + prefix + f"tema/{topic}/?sidan=2024-04-01")
        on_topic = marked(page)
        assert on_topic and set(on_topic) <= set(changed)
        assert page.locator("#changes-since-date").input_value() == "2024-04-01"
    # choosing no date takes the marks and the parameter away
    page.locator("#changes-since-date").select_option("")
    assert marked(page) == [] and "sidan=" not in page.evaluate("location.search")


def test_the_form_appears_without_moving_the_page(page, revised_url: str) -> None:
    page.add_init_script("""
        window.__shift = 0;
        new PerformanceObserver(list => list.getEntries().forEach(e => { if (!e.hadRecentInput) window.__shift += e.value; }))
          .observe({ type: "layout-shift", buffered: true });
    """)
    page.goto(revised_url + "tema/svar-og-tone/?sidan=2024-04-01", wait_until="load")
    page.wait_for_timeout(500)
    assert page.evaluate("window.__shift") < 0.1
