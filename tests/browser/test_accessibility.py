"""axe-core (axe-playwright-python, run in Chromium) on every page type in both language forms:
zero violations of WCAG 2.0/2.1 level A and AA. Violations are printed rule by rule with the
offending elements. Set AXE_REPORT=<file> to append one JSON line per page with the counts."""

from __future__ import annotations

import json
import os

import pytest
from axe_playwright_python.sync_playwright import Axe

from .helpers import SEARCH_FIELD, focused, open_search, search_results

TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

# Page type -> address per language form. Løten, Alta, Meråker and Frogn wrote bokmål, Bømlo
# nynorsk: the other form of each is a machine translation. The site has one 404 page (see
# overrides/404.html); each language root's missing address gets it, as on a web host.
PAGES = {
    "home": {"nb": "", "nn": "nn/"},
    "overview": {"nb": "kommunar/", "nn": "nn/kommunar/"},
    "guideline (original)": {"nb": "kommunar/loten/", "nn": "nn/kommunar/bomlo/"},
    "guideline (translation)": {"nb": "kommunar/bomlo/", "nn": "nn/kommunar/loten/"},
    "guideline citing laws": {"nb": "kommunar/alta/", "nn": "nn/kommunar/alta/"},
    "matrix": {"nb": "matrise/", "nn": "nn/matrise/"},
    "matrix (2 municipalities, 1 topic)": {"nb": "matrise/?k=alta,frogn&t=bilete", "nn": "nn/matrise/?k=alta,frogn&t=bilete"},
    "topic": {"nb": "tema/taushetsplikt/", "nn": "nn/tema/taushetsplikt/"},
    "coverage": {"nb": "dekning/", "nn": "nn/dekning/"},
    "profile (original)": {"nb": "profil/frogn/", "nn": "nn/profil/bomlo/"},
    "profile (translation)": {"nb": "profil/bomlo/", "nn": "nn/profil/alta/"},
    "matrix (only where they differ)": {"nb": "matrise/?k=loten,meraker&d=1", "nn": "nn/matrise/?k=loten,meraker&d=1"},
    "shared wording": {"nb": "lik-ordlyd/", "nn": "nn/lik-ordlyd/"},
    "latest changes": {"nb": "sist-endra/", "nn": "nn/sist-endra/"},
    "topic index": {"nb": "tema/", "nn": "nn/tema/"},
    "accessibility statement": {"nb": "om/tilgjengelegheit/", "nn": "nn/om/tilgjengelegheit/"},
    "404": {"nb": "finnes-ikke/", "nn": "nn/finst-ikkje/"},
}
CASES = [(kind, lang, urls[lang]) for kind, urls in PAGES.items() for lang in ("nb", "nn")]

_axe = Axe()


def run_axe(page) -> dict:
    return _axe.run(page, options={"runOnly": {"type": "tag", "values": TAGS}}).response


def describe(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"[{violation['impact']}] {violation['id']}: {violation['help']} ({violation['helpUrl']})")
        for node in violation["nodes"][:10]:
            lines.append(f"    at {' '.join(map(str, node['target']))}")
            lines.append(f"       {node['html'][:200]}")
            for summary_line in node.get("failureSummary", "").splitlines():
                lines.append(f"       {summary_line.strip()}")
        if len(violation["nodes"]) > 10:
            lines.append(f"    … and {len(violation['nodes']) - 10} more elements")
    return "\n".join(lines)


def record(kind: str, lang: str, url: str, result: dict) -> None:
    counts = {key: len(result[key]) for key in ("passes", "violations", "incomplete")}
    print(f"axe {lang} {kind} /{url}: {counts['passes']} rules passed, {counts['violations']} violations")
    report = os.environ.get("AXE_REPORT")
    if report:
        with open(report, "a", encoding="utf-8") as out:
            out.write(json.dumps({"page": kind, "lang": lang, "url": "/" + url, **counts}) + "\n")


def settle(page) -> None:
    """Wait until CSS transitions and animations have finished: mid-fade colours are not the page's."""
    page.wait_for_function("() => document.getAnimations().every(a => a.playState !== 'running')")


def check(page, kind: str, lang: str, url: str) -> None:
    settle(page)
    result = run_axe(page)
    record(kind, lang, url, result)
    assert not result["violations"], f"axe on /{url} ({lang}, {kind}):\n{describe(result['violations'])}"


@pytest.mark.parametrize(("kind", "lang", "url"), CASES, ids=[f"{lang}-{kind}" for kind, lang, _ in CASES])
def test_page_has_no_wcag_a_or_aa_violations(page, base_url: str, kind: str, lang: str, url: str) -> None:
    response = page.goto(base_url + url)
    assert response is not None
    assert response.status == (404 if kind == "404" else 200), f"/{url} answered {response.status}"
    assert page.locator("html").get_attribute("lang") in ("nb", "nn")
    check(page, kind, lang, url)


@pytest.mark.parametrize("lang", ["nb", "nn"])
def test_search_with_results_and_focused_language_switch_have_no_violations(page, base_url: str, lang: str) -> None:
    root = "" if lang == "nb" else "nn/"
    open_search(page, base_url + root + "kommunar/")
    page.locator(SEARCH_FIELD).fill("bilde" if lang == "nb" else "bilete")
    assert search_results(page), "no search results to check"
    page.locator(".pagefind-ui__filter-name", has_text="Kommune").click()  # a filter opened too
    page.locator("details", has_text="Kommune").locator(".pagefind-ui__filter-label").first.wait_for(state="visible")
    check(page, "search results", lang, root + "kommunar/ (search open)")
    page.keyboard.press("Escape")
    page.locator("a.language-switch__link").last.focus()
    assert focused(page, "a.language-switch__link")
    check(page, "language switch focused", lang, root + "kommunar/ (language switch focused)")


def test_the_404_page_speaks_both_language_forms(page, base_url: str) -> None:
    """static-i18n builds one 404 page; it must serve readers of both forms, each part marked."""
    page.goto(base_url + "finnes-ikke/")
    assert page.locator('article [lang="nb"]').count() and page.locator('article [lang="nn"]').count()
    hrefs = page.locator("article a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert "/" in hrefs and "/nn/" in hrefs, f"the 404 page does not link to both home pages: {hrefs}"
