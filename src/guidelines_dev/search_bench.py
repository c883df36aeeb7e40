"""Search at scale, for ``guidelines bench``: Pagefind (the site's search) against Material's search
plugin on the same synthetic corpus, in one run.

- **Index time**: Pagefind run again on the built site (median of ``runs``), and its share of a
  whole build. Material writes its index during the build and the browser builds the lunr index
  when the reader first searches, so its cost shows in the time to the first results.
- **Time to results** in Chromium, from the keystroke that opens the search ("/") through typing the
  query until the first result is shown, for a first query on a fresh page and a later one (the
  median of ``runs`` fresh pages, with the machine's load average); for Pagefind also through its
  JavaScript API (``pagefind.search`` plus the first five results' data), without the dialog's
  pause after the last keystroke (``DEBOUNCE_MS``) and its ranking.
- **Bytes** the browser receives for those queries (raw, and gzip-compressed as a web server would
  send them; Pagefind's index files are compressed already). Of the page's own load, the search's
  files are counted with the first query: Material loads its index and search worker with the page
  (and starts building its lunr index then, before the reader types: its time to the first results
  is measured from a keystroke right after the page has loaded), the site loads Pagefind's stylesheet.

Material's variant is the same project with Material's search plugin on, Material's own header
(with its search box) instead of ours, and the Pagefind hook off; its index is cut to the bokmål
pages, as this project did before Pagefind (one index per language form).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import statistics
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from guidelines_dev.measure import build, gzip_size
from municipal_guidelines.layout import LANGS
from municipal_guidelines.site.search import index_site

# The dialog's pause after the last keystroke, as search.js has it (reported with the figures).
DEBOUNCE_MS = int(re.search(r"DEBOUNCE_MS = (\d+)", (Path(__file__).resolve().parents[2] / "docs" / "assets" / "javascripts" / "search.js").read_text(encoding="utf-8"))[1])

QUERIES = ("taushetsplikt", "krisekommunikasjon")  # a first and a later query; both prefix-match in lunr
RESULT_LINK = {"pagefind": ".pagefind-ui__result-title a", "material": ".md-search-result__item a"}
SEARCH_FILES = {"pagefind": re.compile(r"/pagefind/"), "material": re.compile(r"/search/|/workers/search|lunr")}
FIRST_RESULT = """selector => {
  const link = document.querySelector(selector);
  return link ? link.getAttribute("href") : null;
}"""
API_SEARCH = """async query => {
  const started = performance.now();
  window.__pagefind = window.__pagefind || await import(new URL("/pagefind/pagefind.js", location.href).href);
  const search = await window.__pagefind.search(query);
  await Promise.all(search.results.slice(0, 5).map(result => result.data()));
  return (performance.now() - started) / 1000;
}"""


@dataclass(frozen=True)
class Query:
    seconds: float
    raw_kb: float
    gzip_kb: float
    after_typing: float  # seconds from the last keystroke (the API: same as seconds)


def material_config(project: Path) -> Path:
    """The project's config with Material's search plugin and header instead of Pagefind."""
    config = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))
    overrides = project / "overrides-material-search"
    shutil.copytree(project / config["theme"]["custom_dir"], overrides, dirs_exist_ok=True)
    for partial in ("header.html", "search.html"):
        (overrides / "partials" / partial).unlink(missing_ok=True)
    config["theme"] = {**config["theme"], "custom_dir": overrides.name}
    config["theme"]["features"] = [*config["theme"]["features"], "search.highlight"]
    config["plugins"] = [{"search": {"lang": ["no"]}}, *config["plugins"]]
    config["hooks"] = [hook for hook in config["hooks"] if not hook.endswith("search.py")]
    path = project / "mkdocs-material-search.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def keep_default_language_entries(site: Path) -> None:
    """Material + static-i18n write one index of both language forms; keep the bokmål pages."""
    path = site / "search" / "search_index.json"
    index = json.loads(path.read_text(encoding="utf-8"))
    index["docs"] = [doc for doc in index["docs"] if not doc["location"].startswith("nn/")]
    path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def pagefind_index_seconds(site: Path, runs: int) -> float:
    return statistics.median(index_site(site, LANGS).seconds for _ in range(runs))


def _received(bodies: list[bytes]) -> tuple[float, float]:
    return sum(map(len, bodies)) / 1024, sum(gzip_size(b) for b in bodies if b) / 1024


def _type_and_wait(page: Any, engine: str, query: str, open_key: bool) -> tuple[float, float]:
    """Seconds from the first keystroke, and from the last, until the first result differs from
    what was shown (Playwright types key by key: a query of 18 letters takes 0.1–0.2 s to type)."""
    before = page.evaluate(FIRST_RESULT, RESULT_LINK[engine])
    started = time.perf_counter()
    if open_key:
        page.keyboard.press("/")
    else:
        page.keyboard.press("Control+A")
    page.keyboard.type(query)
    typed = time.perf_counter()
    page.wait_for_function(
        "([selector, before]) => { const link = document.querySelector(selector); "
        "return link && link.getAttribute('href') !== before; }",
        arg=[RESULT_LINK[engine], before],
        polling=10,
        timeout=60_000,
    )
    done = time.perf_counter()
    return done - started, done - typed


def measure_ui(base_url: str, engine: str, browser: Any) -> list[Query]:
    """A first and a later query typed into the search of the bokmål home page."""
    page = browser.new_page()
    responses: list[tuple[str, bytes]] = []
    page.on("response", lambda response: responses.append((response.url, response.body() if response.ok else b"")))
    page.goto(base_url, wait_until="networkidle")
    loaded = len(responses)
    queries = []
    for index, query in enumerate(QUERIES):
        start = len(responses)
        seconds, after_typing = _type_and_wait(page, engine, query, open_key=index == 0)
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(300)
        with_page = [(url, body) for url, body in responses[:loaded] if SEARCH_FILES[engine].search(url)] if index == 0 else []
        queries.append(Query(seconds, *_received([body for _, body in with_page + responses[start:]]), after_typing))
    page.close()
    return queries


def measure_api(base_url: str, browser: Any) -> list[Query]:
    """The same queries through Pagefind's JavaScript API, on a fresh page."""
    page = browser.new_page()
    bodies: list[bytes] = []
    page.on("response", lambda response: bodies.append(response.body() if response.ok else b""))
    page.goto(base_url, wait_until="networkidle")
    queries = []
    for query in QUERIES:
        bodies.clear()
        seconds = page.evaluate(API_SEARCH, query)
        page.wait_for_load_state("networkidle")
        queries.append(Query(seconds, *_received(bodies), seconds))
    page.close()
    return queries


def median_queries(measured: list[list[Query]]) -> list[Query]:
    """Per query (first, later), the median of each figure over the repeats."""
    return [
        Query(*(statistics.median(getattr(run[i], name) for run in measured) for name in ("seconds", "raw_kb", "gzip_kb", "after_typing")))
        for i in range(len(measured[0]))
    ]


def measure_browsers(sites: dict[str, Path], repeats: int = 1) -> dict[str, list[Query]]:
    """Pagefind (interface and API) and Material's search in Chromium, each site served locally;
    each measured ``repeats`` times on a fresh page, interleaved, the medians kept."""
    from playwright.sync_api import sync_playwright

    from guidelines_dev.screenshot import CHROMIUM, CHROMIUM_ARGS, serve

    servers = {name: serve(site) for name, site in sites.items()}
    urls = {name: f"http://127.0.0.1:{server.server_address[1]}/" for name, server in servers.items()}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            runs: dict[str, list[list[Query]]] = {"pagefind": [], "pagefind API": [], "material": []}
            for _ in range(repeats):
                runs["pagefind"].append(measure_ui(urls["pagefind"], "pagefind", browser))
                runs["pagefind API"].append(measure_api(urls["pagefind"], browser))
                runs["material"].append(measure_ui(urls["material"], "material", browser))
            measured = {name: median_queries(found) for name, found in runs.items()}
            browser.close()
    finally:
        for server in servers.values():
            server.shutdown()
    return measured


def search_benchmark(project: Path, pagefind_site: Path, build_seconds: float, runs: int) -> dict[str, Any]:
    """Everything ``render_search`` reports, for a corpus already built with Pagefind."""
    material_site = project / "site-material-search"
    material_build = build(project, material_config(project), material_site)
    keep_default_language_entries(material_site)
    index = pagefind_index_seconds(pagefind_site, runs)
    load_before = os.getloadavg()[0]
    queries = measure_browsers({"pagefind": pagefind_site, "material": material_site}, runs)
    return {
        "load": (load_before, os.getloadavg()[0], os.cpu_count()),
        "runs": runs,
        "index_seconds": index,
        "build_seconds": build_seconds,
        "material_build_seconds": material_build.seconds,
        "material_index_kb": (material_site / "search" / "search_index.json").stat().st_size / 1024,
        "queries": queries,
    }


def render_search(n: int, result: dict[str, Any]) -> list[str]:
    queries = result["queries"]
    material_first = queries["material"][0].seconds
    lines = [
        "",
        f"## Search at N={n}: Pagefind against Material's search",
        "",
        f"Pagefind indexes the built site in {result['index_seconds']:.2f} s, "
        f"{result['index_seconds'] / result['build_seconds'] * 100:.0f} % of the build "
        f"({result['build_seconds']:.1f} s, Pagefind included). The same corpus built with Material's search plugin "
        f"instead took {result['material_build_seconds']:.1f} s; its bokmål index is "
        f"{result['material_index_kb']:.0f} KB, built into a lunr index in the browser at the first search "
        "(it holds the generated pages' tables and topic cards too, which Pagefind leaves out).",
        "",
        f"Queries on the bokmål home page in Chromium: first `{QUERIES[0]}` on a fresh page, then `{QUERIES[1]}`. "
        "Interface: from the keystroke that opens the search until the first result is shown (the dialog "
        "loads Pagefind and the index when it opens, or earlier when the pointer or focus reaches the button, "
        f"and searches {DEBOUNCE_MS} ms after the last keystroke: each remaining word on its own, the first results' data "
        "loaded to rank them); also from the last keystroke, the wait a reader sees after typing. API: "
        "Pagefind's `search()` and the first five results' data. Bytes received "
        f"for the query, not for the page. Median of {result['runs']} fresh pages each; load average "
        f"{result['load'][0]:.1f} before and {result['load'][1]:.1f} after the queries on {result['load'][2]} cores.",
        "",
        "| search | first query (s) | after the last key (s) | first query raw / gzip (KB) | later query (s) | after the last key (s) | later query raw / gzip (KB) |",
        "|---|---|---|---|---|---|---|",
    ]
    for name, label in (("pagefind", "Pagefind, interface"), ("pagefind API", "Pagefind, API"), ("material", "Material, interface")):
        first, later = queries[name]
        lines.append(
            f"| {label} | {first.seconds:.2f} | {first.after_typing:.2f} | {first.raw_kb:.0f} / {first.gzip_kb:.0f} | "
            f"{later.seconds:.2f} | {later.after_typing:.2f} | {later.raw_kb:.0f} / {later.gzip_kb:.0f} |"
        )
    lines += [
        "",
        f"First results: Pagefind's interface {material_first / queries['pagefind'][0].seconds:.1f}x as fast as "
        f"Material's (target: 3x); through the API {material_first / queries['pagefind API'][0].seconds:.1f}x.",
    ]
    return lines
