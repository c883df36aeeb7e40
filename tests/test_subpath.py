"""The site hosted under a path of a web host (an intranet's ``https://intranett.example/retningsliner/``),
as built, without being told the path: every ``href`` and ``src`` of every page, both language
forms, stays below the path and leads to a file of the site. The one exception is 404.html, which
a host sends for any missing address at any depth, so it cannot link relatively: it takes the path
from ``site_url`` (README, "Publishing"), and a build with ``site_url`` below a path is checked too.
The browser side (scripts that fetch the search index, the language switch used) is
tests/browser/test_subpath.py."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin, urlsplit

from test_links import EXTERNAL, LINK_ATTRS, parsed, target_file

from conftest import run_build

HOST = "http://intranett.invalid"
BASE = "/retningsliner/"


def problems_under(site: Path, page: Path, page_url: str, value: str) -> str | None:
    """What is wrong with the link ``value`` on ``page`` (served at ``page_url``), or None."""
    if EXTERNAL.match(value) and not value.startswith(HOST):
        return None
    parts = urlsplit(urljoin(page_url, value))
    if not parts.path.startswith(BASE):
        return f"leads to {parts.path}, outside {BASE}"
    if target_file(site, parts.path[len(BASE) :]) is None:
        return f"no file for {parts.path}"
    return None


def broken_links(site: Path, pages: list[Path]) -> tuple[int, list[str]]:
    problems, checked = [], 0
    for page in pages:
        relative = page.relative_to(site).as_posix()
        page_url = HOST + BASE + (relative.removesuffix("index.html"))
        for tag in parsed(page).find_all(True):
            for attr in (*LINK_ATTRS, "action"):
                value = tag.get(attr)
                if value is None or value.strip().startswith("#"):
                    continue
                checked += 1
                problem = problems_under(site, page, page_url, value.strip())
                if problem:
                    problems.append(f"{relative}: <{tag.name} {attr}={value!r}>: {problem}")
    return checked, problems


def test_every_page_links_within_the_path_it_is_hosted_under(site: Path) -> None:
    pages = [page for page in sorted(site.rglob("*.html")) if page.name != "404.html"]
    assert len(pages) > 40, f"only {len(pages)} pages built"
    checked, problems = broken_links(site, pages)
    assert checked > 2000, f"only {checked} links checked"
    assert not problems, f"{len(problems)} links break under {BASE}:\n" + "\n".join(problems[:40])


def test_home_pages_switch_language_within_the_path(site: Path) -> None:
    """The home pages' language links were "/" and "/nn/": the host's root, not the site's."""
    for home, expected in (("index.html", {"nb": "./", "nn": "nn/"}), ("nn/index.html", {"nb": "../", "nn": "./"})):
        links = {a["hreflang"]: a["href"] for a in parsed(site / home).select("a.language-switch__link")}
        resolved = {lang: urlsplit(urljoin(HOST + BASE + home.removesuffix("index.html"), href)).path for lang, href in links.items()}
        assert resolved == {"nb": BASE, "nn": BASE + "nn/"}, f"{home}: the language links {links} lead to {resolved}"
        assert set(links) == set(expected)


def test_the_404_page_uses_the_path_of_site_url(project: Path, tmp_path: Path) -> None:
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("docs_dir: docs\n", f"docs_dir: docs\nsite_url: {HOST}{BASE}\n", 1), encoding="utf-8")
    out = tmp_path / "site"
    result = run_build(project, out)
    assert result.returncode == 0, result.stdout + result.stderr
    page = out / "404.html"
    # Served for /retningsliner/finst/ikkje/her/: its links must not depend on that depth.
    checked, problems = broken_links(out, [page])
    deep = [problem for problem in (problems_under(out, page, HOST + BASE + "finst/ikkje/her/", v) for v in _values(page)) if problem]
    assert checked > 10, f"only {checked} links on 404.html"
    assert not problems and not deep, "404.html under a path:\n" + "\n".join([*problems, *deep][:30])


def _values(page: Path) -> list[str]:
    return [
        tag[attr].strip()
        for tag in parsed(page).find_all(True)
        for attr in LINK_ATTRS
        if tag.get(attr) is not None and not tag[attr].strip().startswith("#")
    ]
