"""Internal links of the built site, in both language forms: every ``href`` and ``src`` of every
built HTML page leads to a file of the site, every ``#fragment`` to an element with that id in the
target page, and every matrix address (``matrise/?k=…&t=…``) to choices the picker offers.
External links (http, https, mailto, tel) are not followed; test_site.py checks that no page loads
anything from another host."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from urllib.parse import parse_qs, unquote, urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup

from conftest import LANGS

ORIGIN = "http://site.invalid"
EXTERNAL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//)", re.IGNORECASE)  # any scheme, or protocol-relative
LINK_ATTRS = ("href", "src")
# Fragments that need no element: "#" and "#top" go to the top of the page (HTML standard).
TOP = {"", "top"}


def pages_of(site: Path, lang: str) -> list[Path]:
    """The HTML files of one language form; the root 404.html counts as bokmål (the default)."""
    files = sorted(site.rglob("*.html"))
    in_nn = [f for f in files if f.relative_to(site).parts[0] == "nn"]
    return in_nn if lang == "nn" else [f for f in files if f not in in_nn]


@cache
def parsed(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


@cache
def anchors(path: Path) -> frozenset[str]:
    page = parsed(path)
    ids = {tag["id"] for tag in page.find_all(id=True)}
    names = {tag["name"] for tag in page.find_all("a", attrs={"name": True})}
    return frozenset(ids | names)


@cache
def picker_values(path: Path) -> dict[str, frozenset[str]]:
    page = parsed(path)
    return {
        name: frozenset(box["value"] for box in page.select(f'form.matrix-picker input[name="{name}"]'))
        for name in ("k", "t")
    }


def target_file(site: Path, url_path: str) -> Path | None:
    """The file a web server would send for ``url_path`` (a directory sends its index.html)."""
    path = site / unquote(url_path).lstrip("/")
    if path.is_dir():
        path = path / "index.html"
    return path if path.is_file() else None


def check_link(site: Path, page: Path, value: str) -> str | None:
    """What is wrong with the link ``value`` on ``page``, or None."""
    if EXTERNAL.match(value):
        return None
    page_url = ORIGIN + "/" + page.relative_to(site).as_posix()
    parts = urlsplit(urljoin(page_url, value))
    if parts.netloc != urlsplit(ORIGIN).netloc:
        return None
    if not parts.path.startswith("/"):
        return "leaves the site"
    target = target_file(site, parts.path)
    if target is None:
        return f"no file for {parts.path}"
    fragment = unquote(parts.fragment)
    if fragment.lower() not in TOP and fragment not in anchors(target):
        return f"no element with id {fragment!r} in {target.relative_to(site)}"
    if parts.query and target.parent.name == "matrise":
        offered = picker_values(target)
        for name, values in parse_qs(parts.query).items():
            if name not in offered:
                continue
            unknown = set(values[0].split(",")) - offered[name]
            if unknown:
                return f"the matrix picker offers no {name}={','.join(sorted(unknown))}"
    return None


@pytest.mark.parametrize("lang", LANGS)
def test_every_internal_link_and_anchor_resolves(site: Path, lang: str) -> None:
    pages = pages_of(site, lang)
    assert len(pages) > 20, f"only {len(pages)} {lang} pages built"
    problems, checked = [], 0
    for page in pages:
        for tag in parsed(page).find_all(True):
            for attr in LINK_ATTRS:
                value = tag.get(attr)
                if value is None:
                    continue
                checked += 1
                problem = check_link(site, page, value.strip())
                if problem:
                    problems.append(f"{page.relative_to(site)}: <{tag.name} {attr}={value!r}>: {problem}")
    assert checked > 1000, f"only {checked} links checked in the {lang} pages"
    assert not problems, f"{len(problems)} broken internal links ({lang}):\n" + "\n".join(problems[:50])


@pytest.mark.parametrize("lang", LANGS)
def test_pages_of_a_language_form_link_within_it_except_to_the_other_form_on_purpose(site: Path, lang: str) -> None:
    """Links that cross to the other form carry hreflang (switcher, original/translation links)."""
    problems = []
    for page in pages_of(site, lang):
        if page.name == "404.html":
            continue  # one page for both forms: links to both home pages, each with hreflang
        for link in parsed(page).select("a[href]"):
            href = link["href"]
            if EXTERNAL.match(href):
                continue
            target = urlsplit(urljoin(ORIGIN + "/" + page.relative_to(site).as_posix(), href)).path
            in_nn = target == "/nn" or target.startswith("/nn/")
            if in_nn != (lang == "nn") and not link.get("hreflang"):
                problems.append(f"{page.relative_to(site)}: <a href={href!r}> leads to the other language form")
    assert not problems, "\n".join(problems[:30])


def test_link_checker_finds_broken_links(tmp_path: Path) -> None:
    """The checker itself: a missing file, a missing anchor and an unknown matrix choice are found."""
    site = tmp_path
    (site / "matrise").mkdir()
    (site / "matrise" / "index.html").write_text(
        '<form class="matrix-picker"><input name="t" value="bilete"></form><h2 id="data">x</h2>', encoding="utf-8"
    )
    page = site / "index.html"
    page.write_text("", encoding="utf-8")
    assert check_link(site, page, "matrise/#data") is None
    assert check_link(site, page, "matrise/?t=bilete") is None
    assert check_link(site, page, "https://example.org/x") is None
    assert check_link(site, page, "#") is None
    assert "no file" in check_link(site, page, "dekning/")
    assert "no element" in check_link(site, page, "matrise/#kodebok")
    assert "offers no t=omdome" in check_link(site, page, "matrise/?t=bilete,omdome")
