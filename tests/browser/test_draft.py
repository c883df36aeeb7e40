"""The draft builder (docs/assets/javascripts/draft.js), used by keyboard only in Chromium: rules
chosen on topic, matrix and guideline pages, the draft page in both language forms, its .docx
(read back with python-docx) and its Markdown (read back with the project's own page grammar, then
translated and checked like any guideline), print, axe, and no request to another host."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import docx
import pytest
import yaml
from docx.oxml.ns import qn
from lxml import etree

from municipal_guidelines.format.guideline import parse_guideline
from municipal_guidelines.model.site import load_site

from .helpers import focused, shots_dir, tab_to
from .test_accessibility import check

ROOT = Path(__file__).resolve().parents[2]
STORAGE_KEY = "municipal-guidelines.draft"
UI = yaml.safe_load((ROOT / "data" / "ui.yml").read_text(encoding="utf-8"))
TOPICS = {t["id"]: t for t in yaml.safe_load((ROOT / "data" / "topics.yml").read_text(encoding="utf-8"))["topics"]}
# Typed into a rule's text: markup, attributes, a character reference, a link that runs script, and
# a line that Markdown would read as a heading. The page must show it as text, and the Markdown must
# hold it as text.
HOSTILE = "Ver varsam <b>alltid</b> {#x .y onclick=z} [lenkje](javascript:alert(1)) &lt; # ikkje overskrift"
HOSTILE_AS_MARKDOWN_TEXT = "Ver varsam < b>alltid< /b> (#x .y onclick=z) [lenkje](javascript:alert(1)) & lt; # ikkje overskrift"


def toggle(rule_id: str) -> str:
    return f'button.draft-toggle[data-draft-rule="{rule_id}"]'


def count_text(page) -> str:
    return page.locator("a.draft-count").inner_text()


def draft_ids(page, topic: str) -> list[str]:
    return page.locator(f'section.draft-topic[data-topic="{topic}"] li.draft-rule').evaluate_all(
        "items => items.map(li => li.getAttribute('data-rule'))"
    )


def choose(page, rule_id: str, key: str) -> None:
    """Tab to a rule's toggle and press ``key``; it is then pressed."""
    tab_to(page, toggle(rule_id))
    page.keyboard.press(key)
    assert page.locator(f"{toggle(rule_id)}:focus").get_attribute("aria-pressed") == "true", f"{rule_id} not in the draft after {key}"


def announced(page, text: str) -> None:
    """The live region (site.js's and draft.js's) says ``text``."""
    page.wait_for_function("t => document.getElementById('site-announcer')?.textContent === t", arg=text)


def only_local_requests(page) -> list[str]:
    """Every address the page requests, to check afterwards that none leaves the local site."""
    seen: list[str] = []
    page.on("request", lambda request: seen.append(request.url))
    return seen


def footnotes(document: docx.document.Document) -> list[str]:
    part = next(p for p in document.part.package.parts if p.partname == "/word/footnotes.xml")
    root = etree.fromstring(part.blob)
    notes = []
    for note in root.findall(qn("w:footnote")):
        if note.get(qn("w:type")) in ("separator", "continuationSeparator"):
            continue
        notes.append("".join(t.text or "" for t in note.iter(qn("w:t"))).strip())
    return notes


def test_a_draft_built_by_keyboard_in_nynorsk_downloads_as_docx_and_markdown(page, base_url: str, project: Path, tmp_path: Path) -> None:
    requests = only_local_requests(page)
    ui = UI["nn"]
    page.add_init_script("window.printed = 0; window.print = () => { window.printed += 1; };")

    # Two rules from the topic page on teieplikt (Enter, Space), one from Bømlo's page (Enter).
    page.goto(base_url + "nn/tema/taushetsplikt/")
    assert count_text(page) == "Utkast (0)"
    choose(page, "bomlo-5", "Enter")
    choose(page, "frogn-12", " ")
    assert count_text(page) == "Utkast (2)"
    page.goto(base_url + "nn/kommunar/bomlo/")
    assert page.locator(toggle("bomlo-5")).get_attribute("aria-pressed") == "true", "the choice is not kept across pages"
    choose(page, "bomlo-7", "Enter")
    assert count_text(page) == "Utkast (3)"
    announced(page, ui["draft_added"].format(id="bomlo-7", n=3))

    # The header link to the draft page.
    tab_to(page, "a.draft-count", "Shift+Tab")
    page.keyboard.press("Enter")
    page.wait_for_url("**/nn/utkast/")
    page.locator("li.draft-rule").first.wait_for()
    assert page.locator("a.draft-count").get_attribute("aria-current") == "page"

    # Grouped by topic in the order of data/topics.yml, each rule in nynorsk with its source.
    shown = page.locator("section.draft-topic:not([hidden])").evaluate_all("s => s.map(x => x.getAttribute('data-topic'))")
    assert shown == ["taushetsplikt", "rolle"], shown
    assert draft_ids(page, "taushetsplikt") == ["bomlo-5", "frogn-12"]
    assert page.locator("section.draft-topic h2").first.inner_text() == TOPICS["taushetsplikt"]["label"]["nn"]
    frogn = page.locator('li.draft-rule[data-rule="frogn-12"]')
    assert frogn.locator("textarea").input_value().startswith("Tilsette har ytringsfridom")
    assert frogn.locator(".draft-rule__source").inner_text() == "Kjelde: Frogn, regel frogn-12 (maskinomsett)"
    assert frogn.locator(".draft-rule__source a").evaluate("a => a.href") == base_url + "nn/kommunar/frogn/#frogn-12"
    original = frogn.locator("details blockquote")
    assert original.get_attribute("lang") == "nb" and original.text_content().startswith("Ansatte har ytringsfrihet")
    bomlo = page.locator('li.draft-rule[data-rule="bomlo-5"]')
    assert bomlo.locator(".mt-badge").count() == 0 and bomlo.locator("details").count() == 0, "an nn original marked as translated"
    missing = page.locator(".draft-missing li:not([hidden])").evaluate_all("items => items.map(li => li.getAttribute('data-topic'))")
    assert "taushetsplikt" not in missing and "ytringsfridom" not in missing and "rolle" not in missing
    assert "bilete" not in missing, "frogn-12 is on bilete too"
    assert "krisekommunikasjon" in missing and "kontakt-brukarar" in missing

    # Move Bømlo's rule down: the order changes, the focus stays on the rule's buttons.
    tab_to(page, 'li.draft-rule[data-rule="bomlo-5"] [data-draft-move="1"]')
    page.keyboard.press("Enter")
    assert draft_ids(page, "taushetsplikt") == ["frogn-12", "bomlo-5"]
    assert focused(page, 'li.draft-rule[data-rule="bomlo-5"] [data-draft-move="-1"]')
    announced(page, ui["draft_moved"].format(id="bomlo-5", position=2, total=2, topic=TOPICS["taushetsplikt"]["label"]["nn"]))

    # Edit Frogn's text (hostile text: it stays text).
    tab_to(page, "#draft-text-frogn-12", "Shift+Tab")
    page.keyboard.press("Control+A")
    page.keyboard.type(HOSTILE)
    assert frogn.locator(".draft-rule__print").text_content() == HOSTILE
    assert page.locator("li.draft-rule b, li.draft-rule [onclick]").count() == 0

    # Name the draft's municipality by keyboard.
    tab_to(page, "#draft-municipality", "Shift+Tab")
    page.keyboard.type("Testvik")
    page.keyboard.press("Tab")
    page.keyboard.type("9999")
    page.keyboard.press("Tab")
    assert focused(page, "#draft-county")
    page.keyboard.type("Vestland")

    # All of it is kept in the browser: a reload shows the same draft.
    page.reload()
    page.locator("li.draft-rule").first.wait_for()
    assert draft_ids(page, "taushetsplikt") == ["frogn-12", "bomlo-5"]
    assert page.locator("#draft-text-frogn-12").input_value() == HOSTILE
    assert page.locator("#draft-municipality").input_value() == "Testvik"
    page.screenshot(path=str(shots_dir() / "draft-nn-keyboard.png"), full_page=True)

    # .docx: Title, a Heading 1 per topic, the rules in order, their sources as footnotes.
    tab_to(page, '[data-draft-action="docx"]')
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    assert download.value.suggested_filename == "testvik.docx"
    saved = tmp_path / "testvik.docx"
    download.value.save_as(saved)
    document = docx.Document(str(saved))
    styled = [(p.style.name, p.text) for p in document.paragraphs if p.text]
    assert styled[0] == ("Title", ui["draft_title_default"])
    headings = [text for style, text in styled if style == "Heading 1"]
    assert headings == [TOPICS["taushetsplikt"]["label"]["nn"], TOPICS["rolle"]["label"]["nn"]]
    body = [text for style, text in styled if not style.startswith(("Heading", "Title"))]
    assert body[0] == HOSTILE and body[1].startswith("Tilsette har yringsfridom") and len(body) == 3
    notes = footnotes(document)
    assert notes[0] == f"Frogn, regel frogn-12: {base_url}nn/kommunar/frogn/#frogn-12 Maskinomsett frå bokmål. Teksten er endra."
    assert notes[1] == f"Bømlo, regel bomlo-5: {base_url}nn/kommunar/bomlo/#bomlo-5"
    assert notes[2].startswith("Bømlo, regel bomlo-7: ") and len(notes) == 3
    # The author is the site, not the library's "Un-named".
    assert document.core_properties.author == "Retningslinjer for sosiale medier — samanlikna", document.core_properties.author
    language = document.styles.element.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:lang')}")
    assert language is not None and language.get(qn("w:val")) == "nn-NO"

    # Markdown in the page format: the project's grammar reads it as a guideline…
    tab_to(page, '[data-draft-action="markdown"]')
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    assert download.value.suggested_filename == "testvik.nn.md"
    markdown = Path(download.value.path()).read_text(encoding="utf-8")
    guideline = parse_guideline(markdown, Path("testvik.nn.md"))
    assert (guideline.meta.municipality, guideline.meta.municipality_number, guideline.meta.county) == ("Testvik", "9999", "Vestland")
    assert guideline.meta.original_language == "nn" and guideline.meta.document_title == ui["draft_title_default"]
    assert [rule.id for rule in guideline.rules] == ["testvik-1", "testvik-2", "testvik-3"]
    assert [rule.section for rule in guideline.rules] == [TOPICS["taushetsplikt"]["label"]["nn"]] * 2 + [TOPICS["rolle"]["label"]["nn"]]
    assert guideline.rules[0].text == HOSTILE_AS_MARKDOWN_TEXT
    assert guideline.rules[0].topics == ("ytringsfridom", "taushetsplikt", "bilete")
    assert "testvik-1: Frogn, regel frogn-12: " in markdown and "Maskinomsett frå bokmål. Teksten er endra." in markdown

    # …and, added to a copy of the project, it is translated, gets its profile pages and passes every check of the build.
    (project / "docs" / "kommunar" / "testvik.nn.md").write_text(markdown, encoding="utf-8")
    for command in (["translate", "docs/kommunar/testvik.nn.md"], ["stub-pages"], ["check"]):
        result = subprocess.run([sys.executable, "-m", "municipal_guidelines", *command], cwd=project, capture_output=True, text=True)
        assert result.returncode == 0, f"guidelines {' '.join(command)}:\n{result.stdout}\n{result.stderr}"
    model = load_site(project / "docs", project / "data" / "topics.yml")
    assert [rule.id for rule in model.guideline("testvik", "nb").rules] == ["testvik-1", "testvik-2", "testvik-3"]

    # Print: the print dialog opens; on paper the title and texts, without the controls.
    tab_to(page, '[data-draft-action="print"]')
    page.keyboard.press("Enter")
    assert page.evaluate("window.printed") == 1
    page.emulate_media(media="print")
    assert page.locator(".draft-print-title").inner_text() == ui["draft_title_default"]
    # Nothing of the site's own text above the document's title (its instructions were there), and
    # no topic heading left alone at the foot of a page.
    above = page.evaluate("""() => {
        const title = document.querySelector('.draft-print-title');
        return Array.from(document.querySelectorAll('article *')).filter(el =>
            (title.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_PRECEDING) && !el.contains(title)
            && el.checkVisibility() && Array.from(el.childNodes).some(n => n.nodeType === 3 && n.textContent.trim()))
          .map(el => el.textContent.trim().slice(0, 60));
    }""")
    assert not above, f"printed above the draft's title: {above}"
    breaks = page.locator(".draft h2").evaluate_all("hs => hs.map(h => getComputedStyle(h).breakAfter)")
    assert breaks and set(breaks) == {"avoid"}, f"topic headings break-after: {breaks}"
    assert frogn.locator(".draft-rule__print").is_visible() and not frogn.locator("textarea").is_visible()
    assert not page.locator(".draft-rule__tools").first.is_visible() and not page.locator("form.draft-meta").is_visible()
    source = frogn.locator(".draft-rule__source a")
    assert source.evaluate("a => getComputedStyle(a, '::after').content") == f'" ({base_url}nn/kommunar/frogn/#frogn-12)"'
    page.emulate_media(media="screen")

    hosts = {urlsplit(url).hostname for url in requests if not url.startswith(("blob:", "data:"))}
    assert hosts == {"127.0.0.1"}, f"requests to other hosts: {sorted(hosts - {'127.0.0.1'})}"


def set_draft(page, base_url: str, draft: dict) -> None:
    page.goto(base_url)
    page.evaluate("([key, value]) => localStorage.setItem(key, value)", [STORAGE_KEY, json.dumps(draft)])


def test_the_draft_is_the_same_in_bokmal_with_each_rule_in_bokmal(page, base_url: str) -> None:
    set_draft(page, base_url, {"rules": [{"id": "bomlo-5", "topic": "taushetsplikt"}, {"id": "frogn-12", "topic": "taushetsplikt"}]})
    page.goto(base_url + "utkast/")
    page.locator("li.draft-rule").first.wait_for()
    assert draft_ids(page, "taushetsplikt") == ["bomlo-5", "frogn-12"]
    bomlo = page.locator('li.draft-rule[data-rule="bomlo-5"]')
    assert bomlo.locator(".mt-badge").inner_text() == "(maskinoversatt)"
    assert bomlo.locator("details blockquote").get_attribute("lang") == "nn"
    frogn = page.locator('li.draft-rule[data-rule="frogn-12"]')
    assert frogn.locator("textarea").input_value().startswith("Ansatte har ytringsfrihet") and frogn.locator("details").count() == 0


def test_matrix_cells_and_guideline_pages_have_the_toggle_in_step(page, base_url: str) -> None:
    page.goto(base_url + "nn/matrise/")
    first = page.locator("tbody tr[data-row] .matrix-rule .draft-toggle").first
    rule_id, topic = first.get_attribute("data-draft-rule"), first.get_attribute("data-draft-topic")
    assert topic == "taushetsplikt", "a toggle in the matrix files its rule under the row's topic"
    tab_to(page, f'tr[data-row="taushetsplikt"] {toggle(rule_id)}')
    page.keyboard.press("Space")
    assert all(b == "true" for b in page.locator(toggle(rule_id)).evaluate_all("bs => bs.map(b => b.getAttribute('aria-pressed'))"))
    page.goto(base_url + "nn/kommunar/" + rule_id.rsplit("-", 1)[0] + "/")
    assert page.locator(toggle(rule_id)).get_attribute("aria-pressed") == "true"
    assert page.locator(".rule .draft-toggle").count() == page.locator(".rule[id]").count(), "a rule without the toggle"
    tab_to(page, toggle(rule_id))
    page.keyboard.press("Enter")
    assert page.locator(toggle(rule_id)).get_attribute("aria-pressed") == "false" and count_text(page) == "Utkast (0)"


def test_removing_a_rule_by_keyboard_returns_its_topic_to_the_missing_list(page, base_url: str) -> None:
    set_draft(page, base_url, {"rules": [{"id": "bomlo-7"}, {"id": "frogn-12", "topic": "taushetsplikt"}]})
    page.goto(base_url + "nn/utkast/")
    page.locator("li.draft-rule").first.wait_for()
    tab_to(page, 'li.draft-rule[data-rule="frogn-12"] [data-draft-remove]')
    page.keyboard.press("Enter")
    assert page.locator('li.draft-rule[data-rule="frogn-12"]').count() == 0 and count_text(page) == "Utkast (1)"
    assert focused(page, 'li.draft-rule[data-rule="bomlo-7"] [data-draft-remove]'), "focus is lost after removing"
    assert page.locator('section.draft-topic[data-topic="taushetsplikt"]').is_hidden()
    assert page.locator('.draft-missing li[data-topic="taushetsplikt"]').is_visible()
    page.keyboard.press("Enter")
    assert page.locator(".draft-empty").is_visible() and focused(page, ".draft-empty")


@pytest.mark.parametrize("lang", ["nb", "nn"])
def test_the_empty_draft_says_how_to_start(page, base_url: str, lang: str) -> None:
    root = "" if lang == "nb" else "nn/"
    page.goto(base_url + root + "utkast/")
    assert page.locator(".draft-empty").inner_text() == UI[lang]["draft_empty"]
    assert page.locator("li.draft-rule").count() == 0 and count_text(page) == UI[lang]["draft_count"].format(n=0)
    assert page.locator("form.draft-meta").is_hidden() and page.locator(".draft-actions").is_hidden()
    assert page.locator(".draft-missing li:visible").count() == len(TOPICS)
    check(page, "draft (empty)", lang, root + "utkast/")


@pytest.mark.parametrize("lang", ["nb", "nn"])
def test_the_draft_page_with_rules_has_no_wcag_a_or_aa_violations(page, base_url: str, lang: str) -> None:
    root = "" if lang == "nb" else "nn/"
    set_draft(page, base_url, {"rules": [{"id": "bomlo-5"}, {"id": "frogn-12", "topic": "taushetsplikt"}, {"id": "loten-5"}]})
    page.goto(base_url + root + "utkast/")
    page.locator("li.draft-rule").first.wait_for()
    page.locator("li.draft-rule details summary").first.press("Enter")  # an original open, too
    check(page, "draft (3 rules)", lang, root + "utkast/")


def test_a_stored_draft_from_another_page_is_read_as_data(page, base_url: str) -> None:
    """localStorage is shared by every page of the host: what is in it is checked, never run."""
    set_draft(page, base_url, {"rules": [{"id": "<img src=x onerror=alert(1)>"}, {"id": "frogn-12", "text": "<i>x</i>"}, {"id": "frogn-999"}], "meta": {"title": 5}})
    page.goto(base_url + "nn/utkast/")
    page.locator("li.draft-rule").first.wait_for()
    assert page.locator("li.draft-rule").count() == 1 and page.locator("#draft-text-frogn-12").input_value() == "<i>x</i>"
    assert page.locator("article img, article i").count() == 0
    assert re.search(r"frogn-999", page.locator(".draft-status").inner_text()), "a rule no longer on the site is not named"


def test_the_docx_is_made_under_the_sites_content_security_policy(page, csp_base_url: str) -> None:
    """The .docx library is a file of this site (assets/vendor) and needs no eval: README's policy holds."""
    refused: list[str] = []
    page.on("console", lambda message: refused.append(message.text) if "Content Security Policy" in message.text else None)
    set_draft(page, csp_base_url, {"rules": [{"id": "loten-5"}]})
    page.goto(csp_base_url + "utkast/")
    page.locator("li.draft-rule").first.wait_for()
    with page.expect_download() as download:
        page.locator('[data-draft-action="docx"]').press("Enter")
    assert download.value.suggested_filename == "ny-kommune.docx"
    assert docx.Document(download.value.path()).paragraphs[0].style.name == "Title"
    assert not refused, refused
