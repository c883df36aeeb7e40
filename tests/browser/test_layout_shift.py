"""Layout shift while a page loads, measured in Chromium: the sum of the page's layout-shift entries
(PerformanceObserver, buffered, without those right after input) from the first byte until a
second after the load event, for every page type at 390 and 1366 px in both language forms. Each
must stay below 0.1, what Web Vitals calls "good" (the matrix page was 0.33 on a laptop: its
picker appeared after the table had been drawn). The figures are printed (pytest -s) and, with
CLS_REPORT=<file>, appended there as one JSON line per page."""

from __future__ import annotations

import json
import os

import pytest

SCREENS = {"390": {"width": 390, "height": 844}, "1366": {"width": 1366, "height": 900}}
PAGES = {
    "home": "",
    "guideline": "kommunar/bomlo/",
    "topic": "tema/taushetsplikt/",
    "matrix": "matrise/",
    "matrix (2 municipalities, 1 topic)": "matrise/?k=alta,frogn&t=bilete",
    "matrix (only where they differ)": "matrise/?k=loten,meraker&d=1",
    "coverage": "dekning/",
    "profile": "profil/frogn/",
    "draft": "utkast/",
    "topic list": "tema/",
    "overview": "kommunar/",
    "shared wording": "lik-ordlyd/",
}
CASES = [(kind, lang, width) for kind in PAGES for lang in ("nb", "nn") for width in SCREENS]
GOOD = 0.1

# Registered before any of the page's own scripts run (add_init_script), reading the buffer too.
OBSERVE = """
window.__shifts = [];
new PerformanceObserver(list => {
  for (const entry of list.getEntries()) {
    if (entry.hadRecentInput) continue;
    window.__shifts.push({
      value: entry.value,
      sources: entry.sources.map(s => s.node ? (s.node.className || s.node.nodeName).toString().slice(0, 60) : "?"),
    });
  }
}).observe({ type: "layout-shift", buffered: true });
"""


def measure(page, url: str) -> tuple[float, list[dict]]:
    page.goto(url, wait_until="load")
    page.wait_for_timeout(1000)
    shifts = page.evaluate("() => window.__shifts")
    return sum(shift["value"] for shift in shifts), shifts


@pytest.mark.parametrize(("kind", "lang", "width"), CASES, ids=[f"{lang}-{kind}-{width}px" for kind, lang, width in CASES])
def test_page_does_not_jump_while_loading(browser, base_url: str, kind: str, lang: str, width: str) -> None:
    context = browser.new_context(viewport=SCREENS[width])
    try:
        page = context.new_page()
        page.add_init_script(OBSERVE)
        url = ("" if lang == "nb" else "nn/") + PAGES[kind]
        total, shifts = measure(page, base_url + url)
    finally:
        context.close()
    print(f"CLS {lang} {kind} {width}px /{url}: {total:.4f}")
    report = os.environ.get("CLS_REPORT")
    if report:
        with open(report, "a", encoding="utf-8") as out:
            out.write(json.dumps({"page": kind, "lang": lang, "width": int(width), "url": "/" + url, "cls": round(total, 4)}) + "\n")
    worst = sorted(shifts, key=lambda shift: -shift["value"])[:3]
    assert total < GOOD, f"/{url} at {width} px: cumulative layout shift {total:.3f} (good is below {GOOD}); largest: {worst}"
