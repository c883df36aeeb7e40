"""Stage 4, export: machine-readable exports of a matrix, one row per rule (JSON and CSV), and the
files the site publishes."""

from __future__ import annotations

import csv
import datetime
import io
import json
import multiprocessing
import re
import threading
import unicodedata
import zipfile
from collections.abc import Collection, Mapping
from pathlib import Path

from municipal_guidelines.export.coverage import COVERAGE_FIELDS, GAP_FIELDS, coverage_document, coverage_json, coverage_rows, gap_rows
from municipal_guidelines.format.guideline import Meta, meta_keys
from municipal_guidelines.layout import EXPORT_DIR, GUIDELINE_DIR, guideline_url, lang_prefix
from municipal_guidelines.model.checklist import Point
from municipal_guidelines.model.matrix import Matrix
from municipal_guidelines.model.profile import Profiles
from municipal_guidelines.model.shared import COMPARE_LANG, SharedWording

EXPORTED_META = meta_keys(export=True)  # front-matter fields in the list of municipalities

CSV_FIELDS = (
    "municipality",
    "municipality_number",
    "county",
    "rule_id",
    "topics",
    "text",
    "language",
    "original_language",
    "is_translation",
    "topics_reviewed",
    "url",
)


def export_rows(matrix: Matrix, base_url: str) -> list[dict]:
    """One dict per rule. ``base_url`` is prefixed to each rule's URL (site URL + language root)."""
    columns = {column.slug: column for column in matrix.columns}
    rows = []
    for entry in matrix.entries:
        column = columns[entry.slug]
        rows.append(
            {
                "municipality": column.municipality,
                "municipality_number": column.municipality_number,
                "county": column.county,
                "rule_id": entry.rule_id,
                "topics": list(entry.topics),
                "text": entry.text,
                "language": entry.lang,
                "original_language": entry.original_language,
                "is_translation": entry.is_translation,
                "url": f"{base_url}{entry.url}",
                "topics_reviewed": column.reviewed,
            }
        )
    return rows


def shared_wording(shared: SharedWording | None) -> dict:
    """The groups of rules with shared wording, and the language form they were compared in."""
    groups = shared.groups if shared is not None else ()
    return {
        "compared_in": COMPARE_LANG,
        "groups": [{"id": g.id, "rule_ids": list(g.rule_ids), "municipalities": list(g.municipalities)} for g in groups],
    }


def version_date(meta: Meta) -> str:
    """The date the current version is known by: in force from, else adopted, else received ("" if none)."""
    return meta.in_force or meta.adopted or meta.received


def version_document(meta: Meta) -> dict[str, str]:
    """The current version of a guideline and its dates (the draft builder cites it)."""
    return {"date": version_date(meta), "adopted": meta.adopted, "decision": meta.decision, "in_force": meta.in_force, "received": meta.received}


def to_json(matrix: Matrix, base_url: str, rows: list[dict] | None = None, shared: SharedWording | None = None) -> str:
    document = {
        "language": matrix.lang,
        "topics": [
            {"id": t.id, "label": t.label[matrix.lang], "description": t.description[matrix.lang]}
            for t in matrix.topics
        ],
        "municipalities": [
            {"slug": c.slug, **{key: getattr(c.meta, key) for key in EXPORTED_META}, "version": version_date(c.meta),
             "topics_reviewed": not c.meta.review}
            for c in matrix.columns
        ],
        "rules": rows if rows is not None else export_rows(matrix, base_url),
        "shared_wording": shared_wording(shared),
    }
    # No indent: json.dumps with indent falls back to the pure-Python encoder (10x slower at scale).
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n"


# A spreadsheet reads a cell that starts with one of these as a formula (or, with tab and CR, may
# shift it into one): OWASP's "CSV injection".
# "|" and "%" start DDE and macro references in some; the full-width forms (＝＋－＠) are read as the
# plain ones by spreadsheets that fold them (compared after NFKC); a line end too.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "|", "%")


def spreadsheet_safe(value: str) -> str:
    """A cell a spreadsheet shows as text: a leading apostrophe before a formula character (or its
    full-width form)."""
    return "'" + value if value[:1] and unicodedata.normalize("NFKC", value[:1]).startswith(FORMULA_START) else value


def to_csv(matrix: Matrix, base_url: str, rows: list[dict] | None = None, delimiter: str = ",") -> str:
    cells = (
        {**row, "topics": " ".join(row["topics"]), "is_translation": str(row["is_translation"]).lower(),
         "topics_reviewed": str(row["topics_reviewed"]).lower()}
        for row in (rows if rows is not None else export_rows(matrix, base_url))
    )
    return table_csv(CSV_FIELDS, cells, delimiter)


# The full matrix as a spreadsheet: one line per rule, the headers and topic names in the export's
# language form (not the CSV's field codes), the rule's address absolute when site_url is set.
XLSX_HEADERS = {
    "nb": ("Kommune", "Kommunenummer", "Fylke", "Regel", "Tema", "Tekst", "Språkform", "Maskinoversatt", "Adresse"),
    "nn": ("Kommune", "Kommunenummer", "Fylke", "Regel", "Tema", "Tekst", "Språkform", "Maskinomsett", "Adresse"),
}
XLSX_YES_NO = {"nb": ("ja", "nei"), "nn": ("ja", "nei")}


def to_xlsx(matrix: Matrix, rows: list[dict], path: Path) -> None:
    """``rows`` (``export_rows``) as an .xlsx workbook at ``path``; every cell is text, and a text a
    spreadsheet would read as a formula is prefixed (``spreadsheet_safe``)."""
    from openpyxl import Workbook  # only the exports need it
    from openpyxl.styles import Alignment, Font

    labels = {topic.id: topic.label[matrix.lang] for topic in matrix.topics}
    yes, no = XLSX_YES_NO[matrix.lang]
    book = Workbook()
    sheet = book.active
    sheet.title = "Reglar" if matrix.lang == "nn" else "Regler"
    sheet.append(list(XLSX_HEADERS[matrix.lang]))
    for row in rows:
        values = (
            row["municipality"], row["municipality_number"], row["county"], row["rule_id"],
            "; ".join(labels.get(topic, topic) for topic in row["topics"]), row["text"], row["language"],
            yes if row["is_translation"] else no, row["url"],
        )
        sheet.append([spreadsheet_safe(str(value)) for value in values])
    for cells in sheet.iter_rows():
        for cell in cells:
            cell.data_type = "s"  # text, never a formula, whatever it starts with
    # a reader's widths; the rules' text and topics wrap within theirs, top-aligned
    wrap = Alignment(wrap_text=True, vertical="top")
    for letter, width in zip("ABCDEFGHI", (16, 10, 16, 14, 32, 90, 8, 12, 50)):
        sheet.column_dimensions[letter].width = width
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for cells in sheet.iter_rows(min_row=2, min_col=5, max_col=6):
        for cell in cells:
            cell.alignment = wrap
    sheet.freeze_panes = "A2"
    book.properties.creator = "municipal_guidelines"
    book.properties.created = XLSX_TIME
    buffer = io.BytesIO()
    book.save(buffer)
    path.write_bytes(_fixed_times(buffer.getvalue()))


# openpyxl stamps the workbook (docProps/core.xml) and every zip entry with the time of saving; the
# exports are byte for byte the same from the build and from `guidelines model` (a test), so both
# get one fixed time.
XLSX_TIME = datetime.datetime(2000, 1, 1)


def _fixed_times(data: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>2000-01-01T00:00:00Z", content)
            target.writestr(zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0)), content, zipfile.ZIP_DEFLATED)
    return out.getvalue()


def table_csv(fields: tuple[str, ...], rows, delimiter: str = ",") -> str:
    """CSV with a header row; every cell spreadsheet-safe. A spreadsheet in a Norwegian locale
    splits on semicolons (``delimiter=";"``): comma-separated files open there as one column."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=fields, lineterminator="\r\n", delimiter=delimiter)
    writer.writeheader()
    for row in rows:
        writer.writerow({key: spreadsheet_safe(str(value)) for key, value in row.items()})
    return buffer.getvalue()


def municipality_documents(matrix: Matrix) -> dict[str, dict]:
    """Per municipality: its rules in the matrix's language (what the matrix picker loads on demand;
    its URLs stay relative to the language root, where the picker puts them)."""
    documents = {
        column.slug: {
            "slug": column.slug,
            "municipality": column.municipality,
            "url": guideline_url(column.slug),
            "topics_reviewed": column.reviewed,
            "version": version_document(column.meta),
            "rules": [],
        }
        for column in matrix.columns
    }
    for entry in matrix.entries:
        rule = {"id": entry.rule_id, "topics": list(entry.topics), "text": entry.text, "url": entry.url}
        if entry.is_translation:
            rule["original_language"] = entry.original_language
            rule["original_text"] = entry.original_text
        documents[entry.slug]["rules"].append(rule)
    return documents


def base_url(site_url: str | None, prefix: str) -> str:
    """Rule URLs in exports: absolute when the site's address is known, else relative to the site root."""
    site = (site_url or "").rstrip("/")
    return f"{site}/{prefix}" if site else prefix


# Each table as comma-separated (international) and semicolon-separated (what a spreadsheet in a
# Norwegian locale opens in columns) CSV, with a byte-order mark so the letters æøå read right.
CSV_VARIANTS = (("csv", ","), ("semicolon.csv", ";"))


def write_exports(
    folder: Path, matrix: Matrix, base: str, checklist: tuple[Point, ...] = (), shared: SharedWording | None = None,
    municipalities: bool = True,
) -> list[Path]:
    """``matrix.json``, ``matrix.csv``, ``coverage.json``, ``coverage.csv``, ``gaps.csv`` (each CSV
    also as ``*.semicolon.csv``), ``matrix.xlsx`` and ``<GUIDELINE_DIR>/<slug>.json`` in ``folder`` (a language
    root's ``data/``; the last only with ``municipalities``); returns the files written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = [folder / "matrix.json", folder / "coverage.json"]
    rows = export_rows(matrix, base)  # one list for all: none changes it
    written[0].write_text(to_json(matrix, base, rows, shared), encoding="utf-8")
    coverage = coverage_document(Profiles(matrix, checklist), base)
    written[1].write_text(coverage_json(coverage), encoding="utf-8")
    for suffix, delimiter in CSV_VARIANTS:
        tables = {
            "matrix": to_csv(matrix, base, rows, delimiter),
            "coverage": table_csv(COVERAGE_FIELDS, coverage_rows(coverage), delimiter),
            "gaps": table_csv(GAP_FIELDS, gap_rows(coverage), delimiter),
        }
        for name, text in tables.items():
            path = folder / f"{name}.{suffix}"
            path.write_text(text, encoding="utf-8-sig")
            written.append(path)
    written.append(folder / "matrix.xlsx")
    to_xlsx(matrix, rows, written[-1])
    if municipalities:
        written += write_municipality_exports(folder, matrix)
    return written


def write_municipality_exports(folder: Path, matrix: Matrix, slugs: Collection[str] | None = None) -> list[Path]:
    """``<GUIDELINE_DIR>/<slug>.json`` in ``folder`` (a language root's ``data/``): every
    municipality's, or those of ``slugs``."""
    per_municipality = folder / GUIDELINE_DIR
    per_municipality.mkdir(parents=True, exist_ok=True)
    written = []
    for slug, document in municipality_documents(matrix).items():
        if slugs is None or slug in slugs:
            path = per_municipality / f"{slug}.json"
            path.write_text(json.dumps(document, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
            written.append(path)
    return written


def write_site_exports(
    out: Path, matrices: Mapping[str, Matrix], site_url: str | None, default_lang: str, checklist: tuple[Point, ...] = (),
    shared: SharedWording | None = None, municipalities: bool = True,
) -> list[Path]:
    """The exports of every language form, laid out as the site publishes them: ``data/…`` for the
    default language form, ``nn/data/…`` for the other (without the per-municipality files unless
    ``municipalities``)."""
    written = []
    for lang, matrix in matrices.items():
        prefix = lang_prefix(lang, default_lang)
        written += write_exports(out / prefix / EXPORT_DIR, matrix, base_url(site_url, prefix), checklist, shared, municipalities)
    return written


class Job:
    """Exports being written by a child process; ``result()`` waits and raises if they failed."""

    def __init__(self, process: multiprocessing.process.BaseProcess | None, folder: Path) -> None:
        self.process, self.folder = process, folder

    def result(self) -> None:
        if self.process is None:
            return  # written already
        self.process.join()
        if self.process.exitcode != 0:
            raise RuntimeError(f"the exports in {self.folder} could not be written (exit code {self.process.exitcode}; see above)")


def write_site_exports_in_background(
    out: Path, matrices: Mapping[str, Matrix], site_url: str | None, default_lang: str, checklist: tuple[Point, ...] = (),
    shared: SharedWording | None = None,
) -> Job:
    """``write_site_exports`` in a child process, on the other processor core, while the build goes
    on. Forked, the child has the matrices without copying or pickling them. Where forking is not
    safe (another thread runs, as under ``mkdocs serve``, whose threads may hold a lock the child
    would wait for) or not possible (Windows), the exports are written here and now."""
    if threading.active_count() > 1 or "fork" not in multiprocessing.get_all_start_methods():
        write_site_exports(out, matrices, site_url, default_lang, checklist, shared)
        return Job(None, out)
    process = multiprocessing.get_context("fork").Process(
        target=write_site_exports, args=(out, matrices, site_url, default_lang, checklist, shared), name="exports"
    )
    process.start()
    return Job(process, out)
