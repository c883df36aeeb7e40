"""Text with its structure from a document as a municipality publishes it.

A Word document (.docx, recognised by its content, not its name) becomes the plain text the
importer reads: each heading (a heading style or outline level) a ``#`` line of its level, each
list paragraph a ``-`` or ``1.`` line indented four spaces per level, every other paragraph a
paragraph, blank lines between blocks and none inside a list. ``unsure`` lists what the extraction
could not be sure of (a bold line that may be a heading, text in a table, a list that restarts
its numbering) for the review list.

The extraction is deterministic: the same file gives the same text (a test extracts the kept file
again and compares).
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field

DOCX = "docx"
MAX_RUN_IN_HEADING = 80  # a paragraph all in bold up to this long, without a final full stop, may be a heading
_HEADING_STYLE = re.compile(r"^(?:heading|overskrift)\s*(\d)$", re.IGNORECASE)
_LIST_STYLE_LEVEL = re.compile(r"^List (?:Bullet|Number|Paragraph) (\d)$")  # Word's "List Bullet 2": the second level
_WORD_NS = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


class ExtractionError(Exception):
    """The file cannot be read as the format it claims to be (damaged, protected)."""


@dataclass
class Extracted:
    text: str
    kind: str
    extractor: str  # what made the text, with its version (kept in the provenance)
    unsure: list[str] = field(default_factory=list)


def document_kind(raw: bytes) -> str | None:
    """``"docx"`` for a Word document (a zip with ``word/document.xml``), else None."""
    if not raw.startswith(b"PK\x03\x04"):
        return None
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            names = set(archive.namelist())
    except zipfile.BadZipFile:
        return None
    return DOCX if "word/document.xml" in names else None


def _numbering_formats(document) -> dict[tuple[str, str], str]:
    """(numId, level) → number format ("decimal", "bullet", …) from the document's numbering part."""
    try:
        numbering = document.part.numbering_part.element
    except (KeyError, NotImplementedError, AttributeError):
        return {}
    abstract = {}
    for node in numbering.findall(f"{_WORD_NS}abstractNum"):
        levels = {lvl.get(f"{_WORD_NS}ilvl"): (lvl.find(f"{_WORD_NS}numFmt").get(f"{_WORD_NS}val") if lvl.find(f"{_WORD_NS}numFmt") is not None else "bullet")
                  for lvl in node.findall(f"{_WORD_NS}lvl")}
        abstract[node.get(f"{_WORD_NS}abstractNumId")] = levels
    formats = {}
    for num in numbering.findall(f"{_WORD_NS}num"):
        ref = num.find(f"{_WORD_NS}abstractNumId")
        for level, fmt in abstract.get(ref.get(f"{_WORD_NS}val") if ref is not None else None, {}).items():
            formats[(num.get(f"{_WORD_NS}numId"), level)] = fmt
    return formats


def _list_level(paragraph) -> tuple[str, int, int] | None:
    """(numId, its numbering level, nesting depth) of a list paragraph (direct numbering or its
    style's; Word's "List Bullet 2" styles nest by name), else None."""
    for holder in (paragraph._p.pPr, getattr(paragraph.style.element, "pPr", None)):
        numbering = holder.find(f"{_WORD_NS}numPr") if holder is not None else None
        if numbering is not None:
            num_id = numbering.find(f"{_WORD_NS}numId")
            level = numbering.find(f"{_WORD_NS}ilvl")
            if num_id is not None and num_id.get(f"{_WORD_NS}val") != "0":
                xml_level = int(level.get(f"{_WORD_NS}val")) if level is not None else 0
                styled = _LIST_STYLE_LEVEL.match(paragraph.style.name or "") if paragraph.style is not None else None
                return num_id.get(f"{_WORD_NS}val"), xml_level, max(xml_level, int(styled.group(1)) - 1 if styled else 0)
    return None


def _heading_level(paragraph) -> int | None:
    style = paragraph.style.name if paragraph.style is not None else ""
    if style.lower() == "title":
        return 1
    match = _HEADING_STYLE.match(style)
    if match:
        return int(match.group(1))
    outline = paragraph._p.pPr.find(f"{_WORD_NS}outlineLvl") if paragraph._p.pPr is not None else None
    return int(outline.get(f"{_WORD_NS}val")) + 1 if outline is not None else None


def extract_docx(raw: bytes) -> Extracted:
    import docx  # python-docx: only the import of Word documents needs it

    try:
        document = docx.Document(io.BytesIO(raw))
    except Exception as exc:  # noqa: BLE001 — python-docx raises many kinds for a damaged or protected file
        raise ExtractionError(str(exc)) from exc
    formats = _numbering_formats(document)
    lines: list[str] = []
    unsure: list[str] = []
    in_list = False
    numbers_seen: dict[str, int] = {}
    for paragraph in document.paragraphs:
        text = " ".join(paragraph.text.split())
        if not text:
            continue
        level = _heading_level(paragraph)
        listed = _list_level(paragraph) if level is None else None
        if listed is not None:
            num_id, xml_level, depth = listed
            ordered = formats.get((num_id, str(xml_level)), "decimal") != "bullet"
            if not in_list and lines:
                lines.append("")
            if ordered and depth == 0 and not in_list and num_id in numbers_seen:
                unsure.append(f"a numbered list restarts its numbering: {text[:60]}")
            numbers_seen[num_id] = numbers_seen.get(num_id, 0) + 1
            lines.append(f"{'    ' * depth}{'1.' if ordered else '-'} {text}")
            in_list = True
            continue
        if lines:
            lines.append("")
        in_list = False
        bold = paragraph.runs and all(run.bold for run in paragraph.runs if run.text.strip())
        if level is not None:
            lines.append(f"{'#' * min(level, 6)} {text}")
        elif bold and len(text) <= MAX_RUN_IN_HEADING and not text.endswith("."):
            lines.append(f"## {text}")
            unsure.append(f"a line in bold was taken as a heading: {text[:60]}")
        else:
            lines.append(text)
    for table in document.tables:
        cells = " ".join(" ".join(cell.text.split()) for row in table.rows for cell in row.cells if cell.text.strip())
        if cells:
            unsure.append(f"text in a table was left out: {cells[:60]}")
    return Extracted("\n".join(lines) + "\n", DOCX, f"python-docx {docx.__version__ if hasattr(docx, '__version__') else ''}".strip(), unsure)


def extract(raw: bytes) -> Extracted | None:
    """The text of a document the importer can read, or None if ``raw`` is not one (plain text)."""
    if document_kind(raw) == DOCX:
        return extract_docx(raw)
    return None
