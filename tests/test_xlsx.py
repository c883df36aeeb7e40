"""The full matrix as a spreadsheet (``data/matrix.xlsx`` and ``nn/data/matrix.xlsx``, written at
build time with openpyxl): the same rules as matrix.csv, headers and topic names in the export's
language form, every cell text, and no cell a spreadsheet would run as a formula."""

from __future__ import annotations

import csv
from pathlib import Path

import openpyxl
import pytest
import yaml

from conftest import LANGS, ROOT, lang_root
from municipal_guidelines.export import XLSX_HEADERS, export_rows, to_xlsx
from municipal_guidelines.model.site import load_site

TOPICS = yaml.safe_load((ROOT / "data" / "topics.yml").read_text(encoding="utf-8"))["topics"]


@pytest.mark.parametrize("lang", LANGS)
def test_the_full_matrix_as_xlsx(site: Path, lang: str) -> None:
    folder = site / lang_root(lang) / "data"
    sheet = openpyxl.load_workbook(folder / "matrix.xlsx").active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == XLSX_HEADERS[lang]
    with open(folder / "matrix.csv", encoding="utf-8-sig", newline="") as handle:
        expected = list(csv.DictReader(handle))
    assert [row[3] for row in rows[1:]] == [row["rule_id"] for row in expected], "not the rules of matrix.csv"
    labels = {topic["label"][lang] for topic in TOPICS}
    named = {name.strip() for row in rows[1:] for name in row[4].split(";") if name.strip()}
    assert named and named <= labels, f"topics not named in {lang}: {sorted(named - labels)[:5]}"
    assert [row[8] for row in rows[1:]] == [row["url"] for row in expected]
    assert all(cell.data_type == "s" for line in sheet.iter_rows() for cell in line if cell.value is not None)
    # readable as opened: a bold header, the rules' text wrapping in a wide column
    assert all(cell.font.bold for cell in sheet[1])
    assert all(cell.alignment.wrap_text for cell in sheet["F"][1:]) and sheet.column_dimensions["F"].width >= 60


def test_a_formula_in_a_rule_reaches_the_spreadsheet_as_text(tmp_path: Path) -> None:
    model = load_site(ROOT / "docs", ROOT / "data" / "topics.yml")
    matrix = model.matrices["nn"]
    rows = export_rows(matrix, "https://intranett.example/retningsliner/nn/")[:3]
    rows[0] = {**rows[0], "text": '=HYPERLINK("http://evil.invalid","klikk")', "municipality": "+1", "county": "@SUM(A1)"}
    path = tmp_path / "matrix.xlsx"
    to_xlsx(matrix, rows, path)
    sheet = openpyxl.load_workbook(path).active
    first = [cell for cell in next(sheet.iter_rows(min_row=2, max_row=2))]
    assert all(cell.data_type == "s" for cell in first)
    assert first[5].value == "'" + rows[0]["text"] and first[0].value == "'+1" and first[2].value == "'@SUM(A1)"
    assert first[8].value.startswith("https://intranett.example/retningsliner/nn/kommunar/"), "the address is not absolute with site_url"
