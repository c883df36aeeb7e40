"""Machine-readable exports of a matrix: one row per rule (JSON and CSV)."""

from __future__ import annotations

import csv
import io
import json

from .matrix import Matrix

EXPORT_DIR = "data"  # exports live in <language root>/data/

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
            }
        )
    return rows


def to_json(matrix: Matrix, base_url: str) -> str:
    document = {
        "language": matrix.lang,
        "topics": [
            {"id": t.id, "label": t.label[matrix.lang], "description": t.description[matrix.lang]}
            for t in matrix.topics
        ],
        "municipalities": [
            {
                "slug": c.slug,
                "municipality": c.municipality,
                "municipality_number": c.municipality_number,
                "county": c.county,
                "original_language": c.original_language,
                "document_title": c.document_title,
                "adoption": c.adoption,
                "topics_reviewed": not c.review,
            }
            for c in matrix.columns
        ],
        "rules": export_rows(matrix, base_url),
    }
    # No indent: json.dumps with indent falls back to the pure-Python encoder (10x slower at scale).
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n"


# A spreadsheet reads a cell that starts with one of these as a formula (or, with tab and CR, may
# shift it into one): OWASP's "CSV injection".
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: str) -> str:
    """A cell a spreadsheet shows as text: a leading apostrophe before a formula character."""
    return "'" + value if value.startswith(FORMULA_START) else value


def to_csv(matrix: Matrix, base_url: str) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_FIELDS, lineterminator="\r\n")
    writer.writeheader()
    for row in export_rows(matrix, base_url):
        cells = {**row, "topics": " ".join(row["topics"]), "is_translation": str(row["is_translation"]).lower()}
        writer.writerow({key: spreadsheet_safe(str(value)) for key, value in cells.items()})
    return buffer.getvalue()


def municipality_documents(matrix: Matrix) -> dict[str, dict]:
    """Per municipality: its rules in the matrix's language (what the matrix picker loads on demand)."""
    documents = {
        column.slug: {
            "slug": column.slug,
            "municipality": column.municipality,
            "url": f"kommunar/{column.slug}/",
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
