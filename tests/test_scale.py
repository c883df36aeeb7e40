"""At national scale (here a synthetic corpus of 20 municipalities, built like the real site) the
pages stay small. Sizes only; times belong in `guidelines bench`."""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

import pytest

from conftest import run_build, soup
from guidelines_dev.corpus import generate

N = 20
KB = 1024


@pytest.fixture(scope="module")
def big_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = tmp_path_factory.mktemp("corpus")
    generate(N, project)
    site = project / "site"
    result = run_build(project, site)
    assert result.returncode == 0, f"synthetic corpus of {N} failed --strict:\n{result.stdout}\n{result.stderr}"
    return site


def municipality_pages(site: Path) -> list[Path]:
    return [p for p in site.rglob("kommunar/*/index.html")]


def test_corpus_builds_every_municipality_in_both_languages(big_site: Path) -> None:
    pages = municipality_pages(big_site)
    assert len(pages) == 2 * N
    export = json.loads((big_site / "nn" / "data" / "matrix.json").read_text(encoding="utf-8"))
    assert len(export["municipalities"]) == N and len(export["rules"]) == 30 * N


def test_municipality_pages_stay_under_40_kb(big_site: Path) -> None:
    sizes = {p.relative_to(big_site).as_posix(): p.stat().st_size for p in municipality_pages(big_site)}
    too_big = {page: size for page, size in sizes.items() if size > 40 * KB}
    assert not too_big, f"municipality pages over 40 KB: {too_big}"


def test_no_html_page_over_1_mb(big_site: Path) -> None:
    too_big = {p.relative_to(big_site).as_posix(): p.stat().st_size for p in big_site.rglob("*.html") if p.stat().st_size > 1024 * KB}
    assert not too_big, too_big


def test_navigation_lists_only_the_current_county(big_site: Path) -> None:
    page = soup(big_site, "kommunar/" + municipality_pages(big_site)[0].parent.name + "/")
    nested = page.select("nav.md-nav--primary li.md-nav__item--nested")
    active = [li for li in nested if "md-nav__item--active" in li["class"]]
    others = [li for li in nested if "md-nav__item--active" not in li["class"] and "md-nav__item--section" not in li["class"]]
    assert len(others) >= 10, "expected the other counties in the navigation"
    for li in others:  # another county: one link, its municipalities not listed
        assert "md-nav__item--pruned" in li["class"] and len(li.select("a")) == 1, li.get_text(" ", strip=True)[:80]
    assert any(li.select("a.md-nav__link--active") for li in active), "the current page is not in the navigation"


def test_search_data_per_language_is_at_most_60_percent_of_both(big_site: Path) -> None:
    """Pagefind writes one index per language form: a reader's browser loads only its own form's."""
    bundle = big_site / "pagefind"
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert sorted(entry["languages"]) == ["nb", "nn"]
    assert all(entry["languages"][lang]["page_count"] >= N for lang in ("nb", "nn")), entry["languages"]
    sizes = {lang: sum(f.stat().st_size for f in (bundle / "index").glob(f"{lang}_*.pf_index")) for lang in ("nb", "nn")}
    for lang, size in sizes.items():
        assert size <= 0.6 * sum(sizes.values()), f"{lang} search index is {size / sum(sizes.values()):.0%} of both"


def test_matrix_first_view_transfers_at_most_300_kb(big_site: Path) -> None:
    """The matrix HTML plus every stylesheet and script it loads, gzip-compressed as a web server
    sends them (the search index is loaded only when the reader starts searching)."""
    page_path = big_site / "matrise" / "index.html"
    html = page_path.read_text(encoding="utf-8")
    assets = re.findall(r'<(?:link rel="stylesheet" href|script src)="([^"]+)"', html)
    files = [page_path] + [(page_path.parent / a).resolve() for a in assets if not a.startswith(("http", "//"))]
    total = sum(len(gzip.compress(f.read_bytes(), 6)) for f in files)
    assert total <= 300 * KB, f"first view of the matrix: {total / KB:.0f} KB gzip ({[f.name for f in files]})"


def test_large_matrix_shows_a_few_columns_and_loads_the_rest_on_demand(big_site: Path) -> None:
    page = soup(big_site, "nn/matrise/")
    shown = [th["data-col"] for th in page.select("table.matrix thead th[data-col]")]
    boxes = page.select('form.matrix-picker input[name="k"]')
    assert len(boxes) == N and 0 < len(shown) < N
    assert page.select_one("form.matrix-picker")["data-default-k"] == ",".join(shown)
    for box in boxes:
        document = json.loads((big_site / "nn" / "data" / "kommunar" / f"{box['value']}.json").read_text(encoding="utf-8"))
        assert len(document["rules"]) == 30 and all(rule["topics"] for rule in document["rules"])
