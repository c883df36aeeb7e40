"""Printing guideline and topic pages: no header, navigation, sidebars, search or footer on paper,
and links to topics (guideline pages) and to rules (topic pages) print their full address. The
matrix prints every chosen municipality and every rule of theirs (one block per topic).
Checked twice: in print media (computed styles), and in the PDF Chromium makes, read back with
pdftotext. The first page of each PDF is saved as PNG (pdftoppm) in SHOTS_DIR for people to see."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from .helpers import shots_dir

HIDDEN = [".md-header", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer", ".site-search", ".md-top", ".rule-permalink"]

# url, the links whose addresses must print, and words that only the screen furniture has:
# the footer ("Forrige"), the table of contents, the search box, the navigation's last section
NB = ["Forrige", "Søk", "Om nettstedet", "Tilgjengelighetserklæring"]
NN = ["Førre", "Søk", "Om nettstaden", "Tilgjengelegheitserklæring"]
CASES = [
    ("kommunar/loten/", "a.rule-topic", [*NB, "Innholdsliste"]),
    ("nn/kommunar/loten/", "a.rule-topic", [*NN, "Innhaldsliste"]),
    ("tema/bilete/", "a.matrix-rule__id", NB),
    ("nn/tema/taushetsplikt/", "a.matrix-rule__id", NN),
]


def poppler(tool: str) -> str:
    path = shutil.which(tool)
    if path is None:
        pytest.fail(f"{tool} is missing: the print test needs poppler-utils (apt-get install poppler-utils, or scripts/setup.sh)")
    return path


@pytest.mark.parametrize(("url", "links", "furniture"), CASES)
def test_page_prints_without_navigation_and_with_link_targets(page, base_url: str, url: str, links: str, furniture: list[str]) -> None:
    page.goto(base_url + url)
    for word in furniture:  # the words are on the screen, so their absence on paper means something
        assert page.get_by_text(word, exact=True).count() or word in page.content(), f"{word!r} is not on the screen page"

    page.emulate_media(media="print")
    for selector in HIDDEN:
        shown = [el for el in page.locator(selector).all() if el.is_visible()]
        assert not shown, f"{url}: {selector} is visible in print"
    assert page.locator("article").is_visible()
    targets = page.locator(links).evaluate_all(
        "links => links.map(a => [a.href, getComputedStyle(a, '::after').content])"
    )
    assert targets, f"{url} has no {links}"
    missing = [href for href, after in targets if href not in after]
    assert not missing, f"{url}: printed {links} do not show their address: {missing[:5]}"

    name = url.strip("/").replace("/", "_")
    pdf = shots_dir() / f"print-{name}.pdf"
    page.pdf(path=str(pdf), format="A4", print_background=True)
    text = subprocess.run([poppler("pdftotext"), "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    printed = " ".join(text.split())
    assert page.locator("article h1").inner_text().split()[0] in printed, f"{url}: the heading is not in the PDF"
    assert targets[0][0] in printed.replace(" ", "") or targets[0][0] in text, f"{url}: {targets[0][0]} is not printed"
    on_paper = [word for word in furniture if f" {word} " in f" {printed} "]
    assert not on_paper, f"{url}: screen furniture printed: {on_paper}"
    subprocess.run([poppler("pdftoppm"), "-png", "-r", "70", "-f", "1", "-l", "1", str(pdf), str(pdf.with_suffix(""))], check=True)


def printed_text(page, name: str) -> tuple[str, int]:
    """The page printed on A4 by Chromium, as pdftotext reads it (words joined by single spaces),
    and its number of pages."""
    pdf = shots_dir() / f"print-{name}.pdf"
    page.pdf(path=str(pdf), format="A4", print_background=True)
    text = subprocess.run([poppler("pdftotext"), str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    subprocess.run([poppler("pdftoppm"), "-png", "-r", "70", "-f", "2", "-l", "2", str(pdf), str(pdf.with_suffix(""))], check=True)
    return " ".join(text.split()), text.count("\f")


@pytest.mark.parametrize(
    ("url", "municipalities"),
    [
        ("matrise/", ["Alta", "Bømlo", "Frogn", "Løten", "Meråker"]),
        ("nn/matrise/", ["Alta", "Bømlo", "Frogn", "Løten", "Meråker"]),
        ("matrise/?k=loten,meraker&t=bilete,taushetsplikt", ["Løten", "Meråker"]),
    ],
)
def test_matrix_prints_every_chosen_municipality_and_rule(page, base_url: str, url: str, municipalities: list[str]) -> None:
    page.goto(base_url + url)
    rules = page.locator("table.matrix .matrix-rule").evaluate_all(
        "rules => rules.filter(r => r.offsetParent !== null).map(r => r.dataset.rule)"
    )
    page.emulate_media(media="print")
    names = page.locator("table.matrix td:not([hidden]) .matrix-cell__name").evaluate_all(
        "names => [...new Set(names.map(n => n.firstChild.textContent.trim()))]"
    )
    assert names == municipalities, f"{url}: the printed cards are of {names}"
    printed, pages = printed_text(page, url.strip("/").replace("/", "_").replace("?", "_").replace("&", "_").replace(",", "_"))
    missing = [rule for rule in rules if rule not in printed]
    assert rules and not missing, f"{url}: {len(missing)} of {len(rules)} rules are not on paper, e.g. {missing[:5]}"
    # All 23 topics × 5 municipalities print on 20 A4 pages (each rule with its address); a wide
    # table squeezed onto paper, or a card per page, would be far more.
    assert pages <= 24, f"{url}: the matrix prints on {pages} pages"
