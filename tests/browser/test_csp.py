"""The site under the Content-Security-Policy that README.md ("Publishing") recommends to hosts
(``CSP`` in conftest.py, served with every response by the ``csp_base_url`` fixture): no inline
scripts, event handlers or ``javascript:`` URLs in the built HTML; no violation on the main kinds of
page in Chromium; search (Pagefind, whose WebAssembly needs 'wasm-unsafe-eval'; both language
forms) and the matrix picker still work; and a proof that the detection is real: an injected inline
script is reported, and runs when the header is absent.
"""

from __future__ import annotations

import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import Page

from .helpers import SEARCH_FIELD, focused, open_search, path_of, search_results

ROOT = Path(__file__).resolve().parents[2]
MATRIX_QUERY = "?k=alta,frogn&t=bilete"

# One of each kind of page: home, guideline (nb and nn), matrix with a choice in the address (nb and
# nn), topic page, and the 404 page (absolute asset links).
PAGES = [
    "",
    "kommunar/loten/",
    "nn/kommunar/bomlo/",
    "matrise/" + MATRIX_QUERY,
    "nn/matrise/" + MATRIX_QUERY,
    "tema/taushetsplikt/",
    "finst-ikkje/",
]

# Runs in every document before the page's own scripts (Playwright injects it outside the page's
# CSP): keeps each securitypolicyviolation event in window.__cspViolations.
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(
    `${event.effectiveDirective} blocked ${event.blockedURI} at ${event.sourceFile}:${event.lineNumber}`
  );
}, true);
"""


@dataclass
class Watched:
    """A page whose CSP violations are recorded: the current document's securitypolicyviolation
    events, and Chromium's console reports of all documents so far (these include workers)."""

    page: Page
    console: list[str] = field(default_factory=list)

    def violations(self) -> list[str]:
        return self.page.evaluate("window.__cspViolations || []") + self.console


@pytest.fixture()
def watched(page) -> Watched:
    page.add_init_script(RECORD_VIOLATIONS)
    result = Watched(page)
    page.on("console", lambda msg: "Content Security Policy" in msg.text and result.console.append(msg.text))
    return result


def visible(page, selector: str, attribute: str) -> list[str]:
    """``attribute`` of each element matching ``selector`` that is shown."""
    return [el.get_attribute(attribute) for el in page.locator(selector).all() if el.is_visible()]


def test_built_html_has_no_inline_script(site: Path) -> None:
    """script-src 'self' blocks inline scripts, on* attributes and javascript: URLs; the site has none.
    (JSON data blocks such as Material's __config are not executed, so CSP allows them.)"""
    found = []
    for file in sorted(site.rglob("*.html")):
        html = BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")
        name = file.relative_to(site).as_posix()
        for script in html.find_all("script"):
            if not script.get("src") and script.get("type") != "application/json":
                found.append(f"{name}: inline <script> {script.get_text()[:60]!r}")
        for element in html.find_all(True):
            for attribute, value in element.attrs.items():
                if attribute.lower().startswith("on"):
                    found.append(f"{name}: <{element.name} {attribute}=…>")
                elif isinstance(value, str) and value.strip().lower().startswith("javascript:"):
                    found.append(f"{name}: <{element.name} {attribute}={value!r}>")
    assert not found, "script that CSP script-src 'self' blocks:\n" + "\n".join(found[:20])


@pytest.mark.parametrize("path", PAGES)
def test_page_runs_under_csp_without_violations(watched: Watched, csp_base_url: str, path: str) -> None:
    page = watched.page
    requests: list[str] = []
    page.on("request", lambda request: requests.append(path_of(request.url)))
    response = page.goto(csp_base_url + path)
    assert response is not None and "script-src 'self'" in response.headers.get("content-security-policy", "")
    page.wait_for_load_state("networkidle")
    # Material's globals (docs/assets/javascripts/material-base.js) with this page's scope, and its
    # bundle started (it swaps the no-js class for js).
    assert page.evaluate("__md_scope.href") == csp_base_url, "__md_scope is not the site root"
    assert page.evaluate("document.documentElement.classList.contains('js')"), "Material's bundle did not run"
    # Pagefind's script, WebAssembly and index wait until the reader opens the search (search.js).
    assert not [r for r in requests if r.startswith("/pagefind/") and not r.endswith(".css")], "search loaded up front"
    assert not watched.violations(), f"CSP violations on /{path}:\n" + "\n".join(watched.violations())


@pytest.mark.parametrize(
    ("lang", "start", "query"), [("nb", "", "taushetsplikt"), ("nn", "nn/kommunar/bomlo/", "teieplikt")]
)
def test_search_works_under_csp(watched: Watched, csp_base_url: str, lang: str, start: str, query: str) -> None:
    page = watched.page
    wasm: list[str] = []
    page.on("request", lambda request: request.url.endswith(".pagefind") and wasm.append(path_of(request.url)))
    open_search(page, csp_base_url + start)
    assert focused(page, SEARCH_FIELD), "the '/' key does not open the search"
    page.locator(SEARCH_FIELD).fill(query)
    paths = [url for url, _ in search_results(page)]
    assert paths, f"no results for {query!r}"
    assert all(p.startswith("/nn/") == (lang == "nn") for p in paths), f"{lang} search leads elsewhere: {paths}"
    assert wasm == [f"/pagefind/wasm.{lang}.pagefind"], f"Pagefind's WebAssembly requests: {wasm}"
    assert not watched.violations(), "CSP violations while searching:\n" + "\n".join(watched.violations())


@pytest.mark.parametrize("lang", ["nb", "nn"])
def test_matrix_picker_works_under_csp(watched: Watched, csp_base_url: str, lang: str) -> None:
    page = watched.page
    page.goto(csp_base_url + ("nn/" if lang == "nn" else "") + "matrise/" + MATRIX_QUERY)
    assert page.locator("form.matrix-picker").is_visible(), "the picker is hidden: site.js did not run"
    assert visible(page, "table.matrix thead th[data-col]", "data-col") == ["alta", "frogn"]
    assert visible(page, "table.matrix tbody tr[data-row]", "data-row") == ["bilete"]

    page.locator('form.matrix-picker input[name="k"][value="loten"]').check()
    assert visible(page, "table.matrix thead th[data-col]", "data-col") == ["alta", "frogn", "loten"]
    assert parse_qs(urlsplit(page.url).query)["k"] == ["alta,frogn,loten"], f"the address does not follow: {page.url}"
    assert not watched.violations(), "CSP violations in the picker:\n" + "\n".join(watched.violations())


@pytest.mark.parametrize("with_csp", [True, False], ids=["csp-blocks", "no-csp-runs"])
def test_an_injected_inline_script_is_caught(request: pytest.FixtureRequest, watched: Watched, with_csp: bool) -> None:
    """The detection above is real: under the header an inline script is blocked and reported (event
    and console); served without the header, the same script runs and nothing is reported."""
    page = watched.page
    page.goto(request.getfixturevalue("csp_base_url" if with_csp else "base_url"))
    page.evaluate(
        """() => {
          const script = document.createElement("script");
          script.textContent = "window.__injectedRan = true;";
          document.body.append(script);
        }"""
    )
    page.wait_for_timeout(200)  # the violation report and console message arrive asynchronously
    ran = page.evaluate("window.__injectedRan === true")
    events = page.evaluate("window.__cspViolations")
    if with_csp:
        assert not ran, "an inline script ran although the CSP forbids it"
        assert any(e.startswith("script-src") and " blocked inline " in e for e in events), f"no violation event: {events}"
        assert watched.console, "Chromium logged no CSP violation to the console"
    else:
        assert ran and not events and not watched.console, "without the header the inline script must just run"


def test_readme_documents_the_tested_header(csp_base_url: str) -> None:
    with urllib.request.urlopen(csp_base_url) as response:
        header = response.headers["Content-Security-Policy"]
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    publishing = readme.split("## Publishing", 1)[1].split("\n## ", 1)[0]
    assert f"Content-Security-Policy: {header}" in publishing, "README's Publishing section shows another header"
