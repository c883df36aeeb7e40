"""The site served under a path (``/retningsliner/``) in Chromium, as an intranet hosts it: no
request of any page type fails or leaves the path (stylesheets, scripts, the search index and
its worker, the matrix picker), the search finds pages below the path, and the home pages'
language switch stays below it. The links of every built page are checked in tests/test_subpath.py."""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from .conftest import SiteHandler
from .helpers import SEARCH_FIELD, open_search, search_results, tab_to

BASE = "/retningsliner/"
PAGES = ["", "kommunar/", "kommunar/bomlo/", "matrise/?k=alta,frogn&t=bilete", "dekning/", "tema/", "tema/taushetsplikt/", "profil/frogn/", "utkast/", "lik-ordlyd/", "om/tilgjengelegheit/"]


class SubPathHandler(SiteHandler):
    """The site below BASE; anything else on the host is a plain 404."""

    def translate_path(self, path: str) -> str:
        if not path.startswith(BASE):
            return str(Path(self.directory) / "finst-ikkje-utanfor-stien")
        return super().translate_path("/" + path[len(BASE) :])


@pytest.fixture(scope="module")
def sub_url(site: Path) -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(SubPathHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}{BASE}"
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize("lang", ["nb", "nn"])
def test_no_request_fails_or_leaves_the_path(page, sub_url: str, lang: str) -> None:
    bad: list[str] = []
    page.on("response", lambda r: (r.status >= 400 or not urlsplit(r.url).path.startswith(BASE)) and bad.append(f"{r.status} {r.url}"))
    root = "" if lang == "nb" else "nn/"
    for url in PAGES:
        page.goto(sub_url + root + url, wait_until="networkidle")
        assert page.locator("link[rel=stylesheet]").count() and page.evaluate("() => getComputedStyle(document.body).display") == "flex", (
            f"{BASE}{root}{url}: Material's stylesheet is not applied"
        )
    open_search(page, sub_url + root + "kommunar/")
    page.locator(SEARCH_FIELD).fill("bilde" if lang == "nb" else "bilete")
    results = search_results(page)
    assert results, "the search finds nothing under the path"
    outside = [url for url, _ in results if not urlsplit(page.evaluate("u => new URL(u, location.href).href", url)).path.startswith(BASE)]
    assert not outside, f"search results lead outside {BASE}: {outside}"
    assert not bad, "requests that failed or left the path:\n" + "\n".join(bad)


@pytest.mark.parametrize(("start", "other", "target"), [("", "nn", "nn/"), ("nn/", "nb", "")])
def test_home_page_language_switch_stays_below_the_path(page, sub_url: str, start: str, other: str, target: str) -> None:
    page.goto(sub_url + start)
    tab_to(page, f'a.language-switch__link[hreflang="{other}"]')
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert urlsplit(page.url).path == BASE + target, f"the switch led to {page.url}"
    assert page.locator("html").get_attribute("lang") == other
