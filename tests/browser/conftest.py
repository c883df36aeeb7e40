"""Browser fixtures: the built site (``site`` from tests/conftest.py) served over HTTP on a free
local port, and one headless Debian Chromium per test session, driven by Playwright.

Chromium is required, not optional: without /usr/bin/chromium every browser test fails with a
message saying how to install it (CI installs it through scripts/setup.sh). Playwright's own
browser downloads are not used.
"""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator, Mapping
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]
VIEWPORT = {"width": 1280, "height": 900}
BROWSER_DIR = Path(__file__).resolve().parent


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Every test in tests/browser/ gets the ``browser`` mark (``pytest -m browser`` runs only them)."""
    for item in items:
        if BROWSER_DIR in Path(str(item.fspath)).resolve().parents:
            item.add_marker(pytest.mark.browser)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "browser: needs Debian's Chromium (/usr/bin/chromium); fails, never skips, without it")


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Static files like a web host: quiet, the site's own 404.html for a missing path, and
    ``headers`` (e.g. a Content-Security-Policy) on every response."""

    def __init__(self, *args: object, headers: Mapping[str, str] | None = None, **kwargs: object) -> None:
        self.extra_headers = dict(headers or {})  # set first: the base class handles the request in __init__
        super().__init__(*args, **kwargs)

    def end_headers(self) -> None:
        for name, value in self.extra_headers.items():
            self.send_header(name, value)
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 (the base class's name)
        pass

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code != 404 or self.command != "GET" or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def serve(site: Path, headers: Mapping[str, str] | None = None) -> Iterator[str]:
    """Serve ``site`` on a free local port, adding ``headers`` to every response; yields
    ``http://127.0.0.1:<port>/``."""
    handler = functools.partial(SiteHandler, directory=str(site), headers=headers)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def base_url(site: Path) -> Iterator[str]:
    """The built site over HTTP, for the whole session."""
    yield from serve(site)


# The Content-Security-Policy that README.md ("Publishing") recommends to hosts. test_csp.py runs the
# site under it and checks that README shows this very header. Pagefind's search runs WebAssembly,
# which needs 'wasm-unsafe-eval' in script-src (it allows compiling WebAssembly, not JavaScript eval).
CSP = (
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
    "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'"
)


@pytest.fixture(scope="session")
def csp_base_url(site: Path) -> Iterator[str]:
    """The built site over HTTP with the recommended Content-Security-Policy header (``CSP``)."""
    yield from serve(site, {"Content-Security-Policy": CSP})


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the session (per xdist worker)."""
    if not CHROMIUM.is_file():
        pytest.fail(
            f"{CHROMIUM} is missing: the browser tests need Debian's Chromium "
            "(apt-get install chromium, or run scripts/setup.sh)",
            pytrace=False,
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture()
def context(browser):
    """A fresh browser context (own cookies, storage, history) per test."""
    ctx = browser.new_context(viewport=VIEWPORT)
    ctx.set_default_timeout(10_000)
    yield ctx
    ctx.close()


@pytest.fixture()
def page(context):
    """A page that fails the test on any uncaught JavaScript error."""
    errors: list[str] = []
    tab = context.new_page()
    tab.on("pageerror", lambda error: errors.append(str(error)))
    yield tab
    assert not errors, "JavaScript errors on the page:\n" + "\n".join(errors)

