"""The matrix's "download what is shown" (site.js): after choosing municipalities and topics, and
"only where they differ", the CSV holds exactly those (the files under "Data" hold all 114 rules
of all five), headers and topic names in the page's language form, rule addresses absolute so
that they can be clicked in a spreadsheet, and no cell a spreadsheet would read as a formula."""

from __future__ import annotations

import csv
import io

import pytest
import yaml

from conftest import ROOT

UI = yaml.safe_load((ROOT / "data" / "ui.yml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("lang", ["nb", "nn"])
def test_the_download_holds_what_is_shown(page, base_url: str, lang: str) -> None:
    root = "" if lang == "nb" else "nn/"
    page.goto(base_url + root + "matrise/?k=alta,bomlo,loten&d=1")
    # A hostile rule text, as a guideline could hold it: it must reach the file as text.
    page.evaluate("""() => {
        const quote = Array.from(document.querySelectorAll('td[data-col="alta"] .matrix-rule')).find(q => q.getClientRects().length);
        quote.querySelector('a.matrix-rule__id').nextSibling.textContent = ' =HYPERLINK("http://evil.invalid")';
    }""")
    rows = page.locator("table.matrix tbody tr[data-row]").evaluate_all(
        "trs => trs.filter(tr => tr.getClientRects().length).map(tr => tr.querySelector('th a').textContent.trim())"
    )
    rules = page.locator("table.matrix tbody tr[data-row] td[data-col] .matrix-rule").evaluate_all(
        "qs => qs.filter(q => q.getClientRects().length).map(q => q.querySelector('a.matrix-rule__id').textContent)"
    )
    assert 0 < len(rows) < 20 and rules
    with page.expect_download() as download:
        page.locator('form.matrix-picker [data-action="download"]').press("Enter")
    assert download.value.suggested_filename == UI[lang]["picker_download_file"]
    raw = open(download.value.path(), encoding="utf-8-sig").read()
    table = list(csv.reader(io.StringIO(raw), delimiter=";"))
    assert table[0] == UI[lang]["picker_download_headers"], table[0]
    body = table[1:]
    assert {line[0] for line in body} == {"Alta", "Bømlo", "Løten"}
    assert {line[2] for line in body} == set(rows), "the topics in the file are not the ones shown"
    assert sorted(line[3] for line in body if line[3]) == sorted(rules), "the rules in the file are not the ones shown"
    assert all(line[5].startswith(base_url + root + "kommunar/") for line in body if line[3]), "rule addresses are not absolute"
    assert all(line[4] == UI[lang]["not_addressed"] for line in body if not line[3])
    assert any(line[4] == "'=HYPERLINK(\"http://evil.invalid\")" for line in body), "the formula is not defused"
    assert not [c for line in body for c in line if c[:1] in ("=", "+", "-", "@")], "a cell starts with a formula character"


@pytest.mark.parametrize("lang", ["nb", "nn"])
def test_the_workbook_holds_what_is_shown_as_text_with_links(page, base_url: str, lang: str, tmp_path) -> None:
    """Issue #22: the same selection as .xlsx, read with openpyxl: the CSV's rows, every cell text
    (a rule starting with "=" is a string cell, not a formula, and without the CSV's apostrophe),
    the addresses absolute and as links, headers and sheet name in the page's language form."""
    import openpyxl

    root = "" if lang == "nb" else "nn/"
    page.goto(base_url + root + "matrise/?k=alta,bomlo,loten&d=1")
    page.evaluate("""() => {
        const quote = Array.from(document.querySelectorAll('td[data-col="alta"] .matrix-rule')).find(q => q.getClientRects().length);
        quote.querySelector('a.matrix-rule__id').nextSibling.textContent = ' =HYPERLINK("http://evil.invalid")\\u0007 <b>&amp;';
    }""")
    with page.expect_download() as csv_download:
        page.locator('form.matrix-picker [data-action="download"]').press("Enter")
    csv_rows = list(csv.reader(io.StringIO(open(csv_download.value.path(), encoding="utf-8-sig").read()), delimiter=";"))
    with page.expect_download() as download:
        page.locator('form.matrix-picker [data-action="download-xlsx"]').press("Enter")
    assert download.value.suggested_filename == UI[lang]["picker_download_xlsx_file"]
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    book = openpyxl.load_workbook(saved)
    sheet = book.active
    assert sheet.title == UI[lang]["picker_download_xlsx_sheet"]
    cells = [[cell for cell in row] for row in sheet.iter_rows()]
    values = [["" if cell.value is None else cell.value for cell in row] for row in cells]
    assert values[0] == UI[lang]["picker_download_headers"]
    assert all(cell.data_type == "s" for row in cells for cell in row if cell.value is not None), "a cell that is not text"
    hostile = [row[4] for row in values if "HYPERLINK" in str(row[4])]
    assert hostile == ['=HYPERLINK("http://evil.invalid") <b>&amp;'], hostile  # as text; the bell character left out
    # the CSV's rows, but for the apostrophe the CSV puts before a formula character (the CSV makes
    # the bell character a space, the workbook leaves it out)
    def same(cell: str) -> str:
        return " ".join((cell[1:] if cell.startswith("'=") else cell).split())
    assert [[same(c) for c in row] for row in csv_rows] == [[same(str(v)) for v in row] for row in values]
    assert "\x07" not in open(csv_download.value.path(), encoding="utf-8-sig").read()
    links = {row[5].coordinate: row[5].hyperlink.target for row in cells[1:] if row[3].value}
    assert links and all(target == sheet[ref].value and target.startswith(base_url + root + "kommunar/") for ref, target in links.items())
    # the rules' text wraps in a wide column, as a reader of the workbook expects (it ran on in one line)
    texts = [row[4] for row in cells[1:] if row[4].value]
    assert texts and all(cell.alignment.wrap_text for cell in texts)
    assert sheet.column_dimensions["E"].width >= 60
