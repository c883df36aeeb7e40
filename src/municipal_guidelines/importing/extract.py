"""Text with its structure from a document as a municipality publishes it.

A Word document (.docx) or an OpenDocument text (.odt), recognised by content, not by name,
becomes the plain text the importer reads: each heading (a heading style or outline level) a ``#`` line of its level, each
list paragraph a ``-`` or ``1.`` line indented four spaces per level, every other paragraph a
paragraph, blank lines between blocks and none inside a list. ``unsure`` lists what the extraction
could not be sure of (a bold line that may be a heading, a table read row by row, a list that
restarts its numbering) for the review list.

The extraction is deterministic: the same file gives the same text (a test extracts the kept file
again and compares).
"""

from __future__ import annotations

import copy
import io
import re
import zipfile
from dataclasses import dataclass, field

from municipal_guidelines.importing.marks import FURNITURE_LINE

DOCX = "docx"
_COPY_OUT = "kopier teksta ut og lagre ho som rein tekst (UTF-8)"
# Formats the importer cannot read: (how the file starts, what it is, what to do). Never taken for
# a web page either, however many tags they hold.
REFUSED_FORMATS = (
    (b"PK\x03\x04", "ei zip-fil (eller eit anna dokument enn Word eller OpenDocument-tekst)", f"lagre dokumentet som Word (.docx), eller {_COPY_OUT}"),
    (b"{\\rtf", "eit RTF-dokument", f"lagre dokumentet som Word (.docx), eller {_COPY_OUT}"),
    (b"\xd0\xcf\x11\xe0", "eit gammalt Word-dokument (.doc) eller eit dokument med passord", f"lagre det som .docx utan passord, eller {_COPY_OUT}"),
)
MAX_UNPACKED = 20_000_000  # a Word or OpenDocument file larger than this unpacked is not a guideline (or a zip bomb)
MAX_XML = 4_000_000  # its XML parts: a 5,000-paragraph document has 1.6 MB; python-docx and lxml hold tens of bytes per byte
MAX_RATIO = 200  # unpacked : packed beyond which the XML is held to a quarter of MAX_XML (real documents: 3–30)
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
    shown: str | None = None  # the text the document displays (a web page's), each piece on a line: every sentence of it must reach the page
    origins: dict[int, int] | None = None  # line of the text -> line of the file it came from (a web page's), for messages


def document_kind(raw: bytes) -> str | None:
    """``"docx"`` for a Word document (a zip with ``word/document.xml``), ``"odt"`` for an
    OpenDocument text (a zip whose ``mimetype`` says so), else None."""
    if not raw.startswith(b"PK\x03\x04"):
        return None
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            names = set(archive.namelist())
            infos = archive.infolist()
            unpacked = sum(info.file_size for info in infos)
            # The parts parsed into trees (the text, its styles and numbering): a few megabytes of
            # XML make gigabytes of objects, and XML packs at any ratio, so it is bounded on its own.
            xml = sum(info.file_size for info in infos if info.filename.endswith(".xml"))
            packed = max(sum(info.compress_size for info in infos), 1)
            mimetype = archive.read("mimetype")[:100].strip() if "mimetype" in names and archive.getinfo("mimetype").file_size < 200 else b""
    except zipfile.BadZipFile:
        return None
    if unpacked > MAX_UNPACKED:
        raise ExtractionError(f"dokumentet blir {unpacked} byte når det blir pakka ut, meir enn {MAX_UNPACKED}; er det rett fil?")
    _unpacks_as_it_says(raw)
    if xml > MAX_XML or (xml > MAX_XML // 4 and unpacked / packed > MAX_RATIO):
        raise ExtractionError(
            f"dokumentet har {xml} byte XML ({unpacked // packed} gonger storleiken pakka), meir enn ei retningslinje har (høgst {MAX_XML}); "
            f"er det rett fil? Lagre det på nytt, eller {_COPY_OUT}"
        )
    if "word/document.xml" in names:
        return DOCX
    return ODT if mimetype == _ODT_MIMETYPE else None


def _unpacks_as_it_says(raw: bytes) -> None:
    """Every part unpacked a megabyte at a time, to its end: a zip whose directory gives a part a
    smaller size than it unpacks to («lying» sizes) is refused before a reader unpacks it whole
    (python-docx unpacks a part in one call, 600 MB of memory for a 330 kB file)."""
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            for info in archive.infolist():
                with archive.open(info) as part:
                    while part.read(1 << 20):
                        pass
    except (zipfile.BadZipFile, EOFError, NotImplementedError, RuntimeError, ValueError, OSError) as exc:
        raise ExtractionError(f"dokumentet kan ikkje pakkast ut slik det seier om seg sjølv ({exc}); er det skadd? Lagre det på nytt") from exc


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


def _list_level(paragraph, style) -> tuple[str, int, int] | None:
    """(numId, its numbering level, nesting depth) of a list paragraph (direct numbering or its
    style's; Word's "List Bullet 2" styles nest by name), else None."""
    for holder in (paragraph._p.pPr, getattr(style.element, "pPr", None) if style is not None else None):
        numbering = holder.find(f"{_WORD_NS}numPr") if holder is not None else None
        if numbering is not None:
            num_id = numbering.find(f"{_WORD_NS}numId")
            level = numbering.find(f"{_WORD_NS}ilvl")
            if num_id is not None and num_id.get(f"{_WORD_NS}val") != "0":
                xml_level = int(level.get(f"{_WORD_NS}val")) if level is not None else 0
                styled = _LIST_STYLE_LEVEL.match(style.name or "") if style is not None else None
                return num_id.get(f"{_WORD_NS}val"), xml_level, max(xml_level, int(styled.group(1)) - 1 if styled else 0)
    return None


def _styles(document):
    """A paragraph's style, looked up in a table made once: python-docx's ``paragraph.style`` walks
    every style of the document for each paragraph (≈ 14 ms a paragraph in a 5,000-paragraph file)."""
    from docx.enum.style import WD_STYLE_TYPE

    by_id = {style.style_id: style for style in document.styles if style.type == WD_STYLE_TYPE.PARAGRAPH}
    default = document.styles.default(WD_STYLE_TYPE.PARAGRAPH)

    def style_of(paragraph):
        p_pr = paragraph._p.pPr
        style_id = p_pr.pStyle.val if p_pr is not None and p_pr.pStyle is not None else None
        return by_id.get(style_id, default) if style_id is not None else default

    return style_of


def _heading_level(paragraph, style) -> int | None:
    style = style.name if style is not None else ""
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
        raise ExtractionError(f"Word-dokumentet kan ikkje lesast ({exc}); er det skadd? Lagre det på nytt") from exc
    formats = _numbering_formats(document)
    style_of = _styles(document)
    lines: list[str] = []
    unsure: list[str] = []
    in_list = False
    numbers_seen: dict[str, int] = {}
    heading_level = 1
    for part in document.iter_inner_content():  # paragraphs and tables in the document's order
        if isinstance(part, docx.table.Table):
            rows = [["\n".join(" ".join(p.text.split()) for p in cell.paragraphs) for cell in _unique_cells(row)] for row in part.rows]
            found, notes = table_blocks(rows, heading_level)
            if found:
                lines.extend(["", *"\n\n".join(found).split("\n")])
                in_list = False
            unsure.extend(notes)
            continue
        paragraph = part
        text = " ".join(paragraph.text.split())
        if not text:
            continue
        style = style_of(paragraph)
        level = _heading_level(paragraph, style)
        listed = _list_level(paragraph, style) if level is None else None
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
            heading_level = min(level, 6)
        elif bold and len(text) <= MAX_RUN_IN_HEADING + 40 and not text.endswith(".") and not any(line.strip() for line in lines):
            lines.append(f"# {text}")  # the first paragraph, all in bold: the title of a document without styles
            unsure.append(f"the first line, in bold, was taken as the title: {text[:60]}")
        elif bold and len(text) <= MAX_RUN_IN_HEADING and not text.endswith("."):
            lines.append(f"## {text}")
            unsure.append(f"a line in bold was taken as a heading: {text[:60]}")
        else:
            lines.append(text)
    return Extracted("\n".join(lines) + "\n", DOCX, f"python-docx {docx.__version__ if hasattr(docx, '__version__') else ''}".strip(), unsure)


def _unique_cells(row) -> list:
    """A row's cells, a merged cell once (python-docx gives a cell spanning columns once per column)."""
    seen, cells = set(), []
    for cell in row.cells:
        if id(cell._tc) not in seen:
            seen.add(id(cell._tc))
            cells.append(cell)
    return cells


MAX_ROW_LABEL = 80  # characters of a table's first cell read as the name of what its row rules on


def _label_like(text: str) -> bool:
    return 0 < len(text) <= MAX_ROW_LABEL and "\n" not in text and not text.endswith((".", "!", "?", ";", ","))


def table_blocks(rows: list[list[str]], level: int) -> tuple[list[str], list[str]]:
    """A table as Markdown blocks, and notes for the reviewer. ``rows`` holds each cell's text,
    its paragraphs (a list item each) on lines of their own. A guideline's table names a topic in
    its first cell and rules on it in the others («Bilder» | «Vi legger ikke ut …»): each such row
    is a heading one level below ``level`` over its other cells' paragraphs; a header row of labels
    only («Tema» | «Slik gjør vi det») above rows of text is the table's furniture, left out and
    said; any other row gives each of its cells' paragraphs as paragraphs."""
    rows = [[cell.strip() for cell in row if cell.strip()] for row in rows]
    rows = [row for row in rows if row]
    if not rows:
        return [], []
    blocks, notes = [], []
    labelled = [len(row) >= 2 and _label_like(row[0]) and not all(_label_like(cell) for cell in row[1:]) for row in rows]
    if len(rows) >= 2 and all(_label_like(cell) for cell in rows[0]) and len(rows[0]) >= 2 and any(labelled[1:]):
        notes.append(f"the table's header row was left out: {' | '.join(rows[0])[:60]}")
        rows, labelled = rows[1:], labelled[1:]
    heading = "#" * min(level + 1, 6)
    for row, named in zip(rows, labelled):
        if named:
            blocks.append(f"{heading} {row[0]}")
            row = row[1:]
        blocks.extend(paragraph for cell in row for paragraph in cell.split("\n") if paragraph.strip())
    if blocks:
        notes.append(f"a table was read row by row ({len(rows)} rows): check its headings and rules")
    return blocks, notes


def extract(raw: bytes) -> Extracted | None:
    """The text of a document the importer can read, or None if ``raw`` is not one (plain text).
    ExtractionError, in words for the person importing, when it cannot be read."""
    try:
        return _extract(raw)
    except (ValueError, TypeError, AttributeError, KeyError, IndexError) as exc:  # a damaged or odd document's values
        raise ExtractionError(f"dokumentet kan ikkje lesast ({type(exc).__name__}: {str(exc)[:120]}); er det skadd? Lagre det på nytt") from exc


def _extract(raw: bytes) -> Extracted | None:
    kind = document_kind(raw)
    if kind == DOCX:
        return extract_docx(raw)
    if kind == ODT:
        return extract_odt(raw)
    if raw.startswith(b"%PDF-"):
        return extract_pdf(raw)
    if not raw.startswith(tuple(start for start, _, _ in REFUSED_FORMATS)) and looks_like_html(raw):
        return extract_html(raw)
    return None


# --- OpenDocument text (.odt) and web pages (.html) ---------------------------------------------

ODT = "odt"
HTML = "html"
_ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"
_TEXT_NS = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
_TABLE_NS = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_STYLE_NS = "urn:oasis:names:tc:opendocument:xmlns:style:1.0"


def _odt_list_kinds(root) -> dict[str, dict[int, bool]]:
    """List style name → level → numbered (True) or bulleted."""
    kinds: dict[str, dict[int, bool]] = {}
    for style in root.iter(f"{{{_TEXT_NS}}}list-style"):
        levels = {}
        for child in style:
            level = child.get(f"{{{_TEXT_NS}}}level")
            if level is not None:
                levels[int(level)] = child.tag == f"{{{_TEXT_NS}}}list-level-style-number"
        kinds[style.get(f"{{{_STYLE_NS}}}name")] = levels
    return kinds


def _words(node) -> str:
    return " ".join("".join(node.itertext()).split())


def extract_odt(raw: bytes) -> Extracted:
    from lxml import etree

    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            content = etree.fromstring(archive.read("content.xml"))
            styles = etree.fromstring(archive.read("styles.xml")) if "styles.xml" in archive.namelist() else None
    except (KeyError, zipfile.BadZipFile, etree.XMLSyntaxError) as exc:
        raise ExtractionError(f"OpenDocument-teksta kan ikkje lesast ({exc}); er ho skadd? Lagre ho på nytt") from exc
    kinds = (_odt_list_kinds(styles) if styles is not None else {}) | _odt_list_kinds(content)
    lines: list[str] = []
    unsure: list[str] = []
    section = [1]  # the level of the last heading: a table's row labels go one below it

    def name(node) -> str:
        return etree.QName(node).localname if isinstance(node.tag, str) else ""

    def list_lines(node, depth: int, style: str | None) -> None:
        style = node.get(f"{{{_TEXT_NS}}}style-name") or style
        numbered = kinds.get(style or "", {}).get(depth + 1, False)
        for item in (child for child in node if name(child) == "list-item"):
            for child in item:
                if name(child) in ("p", "h") and _words(child):
                    lines.append(f"{'    ' * depth}{'1.' if numbered else '-'} {_words(child)}")
                elif name(child) == "list":
                    list_lines(child, depth + 1, style)

    def walk(parent) -> None:
        for node in parent:
            tag = name(node)
            if tag == "h" and _words(node):
                level = int(node.get(f"{{{_TEXT_NS}}}outline-level", "1"))
                section[0] = min(level, 6)
                lines.extend(["", f"{'#' * section[0]} {_words(node)}"])
            elif tag == "p" and _words(node):
                lines.extend(["", _words(node)])
            elif tag == "list":
                lines.append("")
                list_lines(node, 0, None)
            elif tag == "table":
                rows = [
                    ["\n".join(_words(p) for p in cell.iter(f"{{{_TEXT_NS}}}p", f"{{{_TEXT_NS}}}h")) for cell in row if name(cell) == "table-cell"]
                    for row in node.iter(f"{{{_TABLE_NS}}}table-row")
                ]
                found, notes = table_blocks(rows, section[0])
                for block in found:
                    lines.extend(["", block])
                unsure.extend(notes)
            elif tag == "section":
                walk(node)

    body = content.find(".//{urn:oasis:names:tc:opendocument:xmlns:office:1.0}text")
    if body is None:
        raise ExtractionError("OpenDocument-fila har inga tekst")
    walk(body)
    return Extracted("\n".join(_squeeze(lines)) + "\n", ODT, f"lxml {etree.__version__}", unsure)


class _At(str):
    """A line of extracted text that knows the line of the file it came from."""

    origin: int | None = None

    def __new__(cls, text: str, origin: int | None) -> _At:
        line = super().__new__(cls, text)
        line.origin = origin
        return line


def _tail_line(node) -> int | None:
    """The line where the text after ``node`` starts: its last descendant's line (lxml keeps no line for a tail)."""
    lines = [descendant.sourceline for descendant in node.iter() if getattr(descendant, "sourceline", None)]
    return max(lines) if lines else node.sourceline


def _squeeze(lines: list[str]) -> list[str]:
    """No blank line at the start or end, never two in a row."""
    out: list[str] = []
    for line in lines:
        if line == "" and (not out or out[-1] == ""):
            continue
        out.append(line)
    while out and out[-1] == "":
        out.pop()
    return out


# What makes a file a web page: it starts like an HTML document, or it has many tags.
HTML_START = re.compile(r"\A\ufeff?\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.IGNORECASE | re.DOTALL)
HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>")
HTML_TAGS = 5
_AROUND = ("script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form", "button", "svg", "iframe")
_LISTS = ("ul", "ol")


def looks_like_html(raw: bytes) -> bool:
    loose = raw[:1_000_000].decode("utf-8", errors="replace")
    return bool(HTML_START.match(loose)) or len(HTML_TAG.findall(loose)) >= HTML_TAGS


_CELL_BLOCKS = frozenset({"p", "div", "li", "ul", "ol", "br", "h1", "h2", "h3", "h4", "h5", "h6", "dt", "dd"})


def _cell_text(cell) -> str:
    """A table cell's text, a paragraph, list item or line after ``<br>`` on a line of its own."""
    out: list[str] = []

    def walk(element) -> None:
        out.append(element.text or "")
        for child in element:
            if isinstance(child.tag, str):
                block = child.tag.lower() in _CELL_BLOCKS
                if block:
                    out.append("\n")
                walk(child)
                if block:
                    out.append("\n")
            out.append(child.tail or "")

    walk(cell)
    return "\n".join(" ".join(line.split()) for line in "".join(out).split("\n") if line.strip())


def _inline_text(node, breaks: bool = False) -> str:
    """The text of an element without the lists nested in it; a ``<br>`` is a line break with
    ``breaks`` (one line per line the page shows), else a space («redaktør.<br>Svar» is two words,
    not «redaktør.Svar»)."""

    def parts(element) -> list[str]:
        out = [element.text or ""]
        for child in element:
            if isinstance(child.tag, str):
                tag = child.tag.lower()
                if tag == "br":
                    out.append("\n" if breaks else " ")
                elif tag not in _LISTS:
                    out.extend(parts(child))
            out.append(child.tail or "")
        return out

    lines = (" ".join(line.split()) for line in "".join(parts(node)).split("\n"))
    return "\n".join(line for line in lines if line)


def _bold_lead(node) -> str | None:
    """The text of a paragraph's first child when it is all in bold (``<strong>``, ``<b>``) and
    stands on a line of its own before a ``<br>``: «<p><strong>Taushetsplikt</strong><br>Du …»,
    a publishing system's heading over its text."""
    children = [child for child in node if isinstance(child.tag, str)]
    if len(children) < 2 or (node.text or "").strip():
        return None
    first, second = children[0], children[1]
    if first.tag.lower() not in ("strong", "b") or second.tag.lower() != "br" or (first.tail or "").strip():
        return None
    text = " ".join(first.text_content().split())
    return text if text and len(text) <= 80 and not text.endswith((".", "!", "?", ";", ",")) else None


# A line of a paragraph split by <br> that goes on from the line before: it refers back to it.
_REFERS_BACK = re.compile(r"^(?:Det|Dette|Dei|De|Slik|Også|Men|Dermed|Da)\b")
def extract_html(raw: bytes) -> Extracted:
    """The guideline in a web page: its main content (``<main>``, else ``<article>``, else the body)
    without navigation, header, footer, asides and scripts; ``h1``–``h6`` headings, ``ul``/``ol``
    lists with their nesting, paragraphs."""
    import lxml
    from lxml import etree
    from lxml import html as lxml_html

    depth = html_depth(raw[:MAX_HTML].decode("utf-8", errors="replace"))
    if depth > MAX_HTML_DEPTH:
        raise ExtractionError(
            f"nettsida har element {depth} nivå inni kvarandre (høgst {MAX_HTML_DEPTH}); ein nettlesar viser det, men teksta kan ikkje hentast ut trygt: "
            "kopier teksta ut og lagre ho som rein tekst (UTF-8)"
        )
    try:
        document = lxml_html.document_fromstring(raw)
    except (etree.ParserError, ValueError) as exc:
        raise ExtractionError(f"nettsida kan ikkje lesast ({exc})") from exc
    for node in document.xpath("|".join(f"//{tag}" for tag in _AROUND)):
        node.drop_tree()
    root = (document.xpath("//main") or document.xpath("//article") or document.xpath("//body") or [document])[0]
    lines: list[str] = []
    unsure: list[str] = []
    furniture: list = []
    section = [1]  # the level of the last heading or folded section's title (<summary>)

    def table(node) -> None:
        """Row by row (``table_blocks``); a header row left out is left out of the shown text too."""
        trs = [tr for tr in node.iter("tr") if tr.xpath("ancestor::table[1]")[0] is node]
        rows = [[_cell_text(cell) for cell in tr if isinstance(cell.tag, str) and cell.tag.lower() in ("td", "th")] for tr in trs]
        found, notes = table_blocks(rows, section[0])
        unsure.extend(notes)
        if any(note.startswith("the table's header row") for note in notes):
            header = next(tr for tr, row in zip(trs, rows) if any(row))
            furniture.append(header)
        for block in found:
            lines.extend(["", _At(block, node.sourceline)])

    def paragraph(child) -> None:
        """A paragraph; split by <br>, a line of its own each but for a line that refers back
        («Det gjelder også …»); a bold first line before a <br> is a heading over them."""
        lead = _bold_lead(child)
        rows = _inline_text(child, breaks=True).split("\n")
        if lead is not None and rows and rows[0] == lead and len(rows) > 1:
            lines.extend(["", _At(f"{'#' * min(section[0] + 1, 6)} {lead}", child.sourceline)])
            rows = rows[1:]
        if len(rows) == 1 and FURNITURE_LINE.match(rows[0]):
            furniture.append(child)
            unsure.append(f"left out as the page's own furniture, not the guideline's text: {rows[0][:60]}")
            return
        joined: list[str] = []
        for row in rows:
            if joined and _REFERS_BACK.match(row) and joined[-1].endswith((".", "!", "?")):
                joined[-1] += " " + row
            else:
                joined.append(row)
        for row in joined:
            lines.extend(["", _At(row, child.sourceline)])

    def list_lines(node, depth: int) -> None:
        numbered = node.tag.lower() == "ol"
        for item in (child for child in node if isinstance(child.tag, str) and child.tag.lower() == "li"):
            text = _inline_text(item)
            if text:
                lines.append(_At(f"{'    ' * depth}{'1.' if numbered else '-'} {text}", item.sourceline))
            for nested in item.iter(*_LISTS):
                if nested.getparent() is item or nested.getparent().getparent() is item:
                    list_lines(nested, depth + 1)

    def walk(node) -> None:
        # Text straight in a container, with the inline elements among it, is one paragraph until
        # the next block element: "Tekst <b>feit</b> meir." stays one line.
        run: list[str] = [node.text or ""]
        run_line = [node.sourceline]

        def flush() -> None:
            text = " ".join("".join(run).split())
            if text:
                lines.extend(["", _At(text, run_line[0])])
            run.clear()

        for child in node:
            if not isinstance(child.tag, str):
                run.append(child.tail or "")
                continue
            tag = child.tag.lower()
            if tag in _INLINE:
                if not run or not "".join(run).strip():
                    run_line[0] = child.sourceline
                run.append("" if tag in _VOID else " " + _inline_text(child) + " ")
                run.append(child.tail or "")
                continue
            flush()
            if re.fullmatch(r"h[1-6]", tag) and _inline_text(child):
                lines.extend(["", _At(f"{'#' * int(tag[1])} {_inline_text(child)}", child.sourceline)])
                section[0] = int(tag[1])
            elif tag == "summary" and _inline_text(child):
                # a folded section («accordion»): its title is a heading below the last one
                level = min(section[0] + 1, 6)
                lines.extend(["", _At(f"{'#' * level} {_inline_text(child)}", child.sourceline)])
                section[0] = level
            elif tag == "details":
                before = section[0]
                walk(child)
                section[0] = before
            elif tag == "p" and _inline_text(child):
                paragraph(child)
            elif tag in _LISTS:
                lines.append("")
                list_lines(child, 0)
            elif tag == "table":
                table(child)
            else:
                walk(child)  # any other element (div, section, figure, an unknown one, one a parser closes late such as embed) holds blocks
            run.append(child.tail or "")
            run_line[0] = _tail_line(child)
        flush()

    walk(root)
    for node in furniture:
        node.set("data-left-out", "")
    shown = copy.deepcopy(root)
    for left_out in shown.xpath(".//*[@data-left-out]"):
        left_out.drop_tree()  # left out, and said so (its tail stays)
    pieces = (" ".join(piece.split()) for piece in shown.itertext())
    kept = _squeeze(lines)
    origins = {number: line.origin for number, line in enumerate(kept, 1) if getattr(line, "origin", None)}
    return Extracted("\n".join(kept) + "\n", HTML, f"lxml {lxml.__version__}", unsure, "\n".join(p for p in pieces if p), origins)


MAX_HTML = 10_000_000  # bytes of a web page read
MAX_HTML_DEPTH = 200  # elements inside each other (libxml2 stops at 256 and drops the rest)
_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
_INLINE = frozenset("a abbr b bdi bdo br cite code data dfn em i kbd mark q s samp small span strong sub sup time u var wbr img".split())
# Elements whose end tag may be left out (a page of <p> without </p> is not nested 300 deep); they
# are not counted, so the count errs low, never high.
_OPTIONAL_END = frozenset("p li dt dd option optgroup tr td th thead tbody tfoot colgroup caption rb rt rp html head body".split())
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]*)\b[^<>]*?(/?)>")


def html_depth(text: str) -> int:
    """How deep elements nest in a web page, counted on its tags (void elements and ``<x/>`` do not nest)."""
    depth = deepest = 0
    for closing, tag, self_closing in _TAG.findall(text):
        if tag.lower() in _VOID or tag.lower() in _OPTIONAL_END or self_closing:
            continue
        if closing:
            depth = max(depth - 1, 0)
        else:
            depth += 1
            deepest = max(deepest, depth)
    return deepest


# --- PDF ----------------------------------------------------------------------------------------

PDF = "pdf"
MAX_PDF_PAGES = 200  # pages read of a PDF (a guideline has a few)
MAX_PDF_TEXT = 50_000_000  # bytes of pdftohtml's output read at most
PDF_SECONDS = 120
MARGIN = 0.06  # the top and bottom share of a page where running headers, footers and page numbers stand
_MARKER = re.compile(r"^(?P<marker>\d{1,3}[.)]|[•▪◦‣●○–\-*])\s+(?P<text>\S.*)$")
_SECTION_NUMBER = re.compile(r"^\d{1,2}(?:\.\d{1,2})+\.?\s+\S")  # «2.1 Du …», «3.4.2 …»
_PAGE_NUMBER = re.compile(r"^(?:side\s*|page\s*)?\d{1,4}(?:\s*(?:/|av|of)\s*\d{1,4})?$", re.IGNORECASE)
_LIGATURES = str.maketrans({"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"})


@dataclass
class _PdfLine:
    page: int
    top: float
    left: float
    height: float
    size: float
    text: str
    bold: bool = False


def _bounded_output(process) -> tuple[bytes, str]:
    """What a pdftohtml run wrote, read until :data:`MAX_PDF_TEXT` bytes or :data:`PDF_SECONDS`
    seconds; ExtractionError (and the process stopped) past either: a small PDF can unpack to
    gigabytes of text."""
    import threading

    timer = threading.Timer(PDF_SECONDS, process.kill)
    timer.start()
    try:
        output = process.stdout.read(MAX_PDF_TEXT + 1)
        if len(output) > MAX_PDF_TEXT:
            process.kill()
            raise ExtractionError(f"PDF-en gjev meir enn {MAX_PDF_TEXT // 1_000_000} MB tekst; ei retningslinje er nokre sider, så sjekk at det er rett fil")
        said = process.stderr.read().decode("utf-8", "replace")
        process.wait()
    finally:
        timer.cancel()
        process.stdout.close()
        process.stderr.close()
    if process.returncode < 0:
        raise ExtractionError(f"PDF-en tok meir enn {PDF_SECONDS} sekund å lese; sjekk at det er rett fil")
    return output, said


def _soft_hyphenated(path: str) -> dict[str, str]:
    """The words a soft hyphen (U+00AD, Word's «optional hyphen») splits where the line did not
    break there: pdftohtml writes a space for it («taushets plikt»), pdftotext keeps it, so its
    text says which spaces are none. ``{"taushets plikt": "taushetsplikt"}``; empty if pdftotext
    fails (the text is then as pdftohtml wrote it)."""
    import subprocess

    try:
        process = subprocess.Popen(
            ["pdftotext", "-q", "-enc", "UTF-8", "-l", str(MAX_PDF_PAGES), path, "-"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        )
        output, _ = _bounded_output(process)
    except (FileNotFoundError, ExtractionError):
        return {}
    words = set(re.findall(r"\w+(?:\u00ad\w+)+", output.decode("utf-8", "replace")))
    return {word.replace("\u00ad", " "): word.replace("\u00ad", "") for word in words}


def _pdf_lines(raw: bytes) -> tuple[list[_PdfLine], dict[int, float]]:
    """Every text line of the PDF (pdftohtml -xml from poppler) and each page's height."""
    import subprocess
    import tempfile

    from lxml import etree

    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(raw)
        handle.flush()
        try:
            process = subprocess.Popen(
                ["pdftohtml", "-xml", "-i", "-stdout", "-q", "-nodrm", "-l", str(MAX_PDF_PAGES), handle.name],
                stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            )
        except FileNotFoundError as exc:
            raise ExtractionError("pdftohtml manglar: installer poppler-utils (scripts/setup.sh gjer det)") from exc
        output, said = _bounded_output(process)
        soft = _soft_hyphenated(handle.name) if process.returncode == 0 else {}
    if process.returncode != 0 or not output.strip():
        if "password" in said.lower():
            raise ExtractionError("PDF-en er verna med passord; lagre han på nytt utan passord")
        raise ExtractionError(f"PDF-en kan ikkje lesast ({' '.join(said.split())[:120] or 'skadd fil?'})")
    root = etree.fromstring(output, etree.XMLParser(recover=True))
    sizes = {f.get("id"): float(f.get("size")) for f in root.iter("fontspec")}
    lines, heights = [], {}
    for page in root.iter("page"):
        number = int(page.get("number"))
        heights[number] = float(page.get("height"))
        for node in page.iter("text"):
            text = " ".join("".join(node.itertext()).translate(_LIGATURES).split())
            for spaced, word in soft.items():
                if spaced in text:
                    text = text.replace(spaced, word)
            if text:
                bold = node.find("b") is not None and not (node.text or "").strip()
                lines.append(
                    _PdfLine(number, float(node.get("top")), float(node.get("left")), float(node.get("height")), sizes.get(node.get("font"), 0.0), text, bold)
                )
    return sorted(lines, key=lambda line: (line.page, line.top, line.left)), heights


def _unmarked_items(lines: list[_PdfLine], body: float, marker_lefts: list[int]) -> set[int]:
    """The lines that begin an item of a list whose bullets are drawn, not written (a browser prints
    an HTML list's discs as graphics, so the text has no "•"): a run of at least two lines of body
    text indented past the text's left edge, not the continuation of a marked item; in the run, a
    line begins an item when it starts with a capital after a line that ended a sentence. A
    paragraph whose first line alone is indented is no run."""
    text_lines = [line for line in lines if line.size == body]
    if not text_lines:
        return set()
    lefts: dict[int, int] = {}
    for line in lines:
        lefts[round(line.left)] = lefts.get(round(line.left), 0) + 1
    margin = min((left for left, count in lefts.items() if count >= 2), default=min(lefts))  # the text's left edge

    def indented(i: int) -> bool:
        line = lines[i]
        return line.size == body and round(line.left) > margin + 8 and not _MARKER.match(line.text)

    def same_run(i: int, j: int) -> bool:
        a, b = lines[i], lines[j]
        return a.page == b.page and abs(a.left - b.left) <= 2 and 0 < abs(b.top - a.top) <= 1.6 * a.height

    def new_item(k: int) -> bool:
        return lines[k].text[:1].isupper() and lines[k - 1].text.endswith((".", "!", "?", ":"))

    starts: set[int] = set()
    previous_run: tuple[int, bool] | None = None  # the last run's last line, and whether it was a list of its own
    i = 0
    while i < len(lines):
        if not indented(i):
            i += 1
            continue
        j = i
        while j + 1 < len(lines) and indented(j + 1) and same_run(j, j + 1):
            j += 1
        before = lines[i - 1] if i > 0 else None
        if previous_run is not None and previous_run[0] == i - 1 and before is not None and before.page != lines[i].page and abs(before.left - lines[i].left) <= 2:
            own = previous_run[1]  # the same run, over a page break
            if own:
                starts.update(k for k in range(i, j + 1) if new_item(k))
        else:
            continues_marked = before is not None and _MARKER.match(before.text) is not None and round(before.left) in marker_lefts
            continues_marked |= before is not None and before.size == body and before.left < lines[i].left - 2 and round(before.left) != margin
            # a numbered paragraph with a hanging indent («2.1 Du …» over lines indented under its
            # text), or any line the run's first goes on from (no end of sentence, a small letter)
            continues_marked |= before is not None and before.size == body and before.left < lines[i].left - 2 and (
                _SECTION_NUMBER.match(before.text) is not None
                or (not before.text.endswith((".", "!", "?", ":", ";")) and lines[i].text[:1].islower())
            )
            own = j > i and not continues_marked
            if own:
                starts.add(i)
                starts.update(k for k in range(i + 1, j + 1) if new_item(k))
        previous_run = (j, own)
        i = j + 1
    return starts


def extract_pdf(raw: bytes) -> Extracted:
    """The guideline in a PDF with text: headings by font size (larger than the body text), list
    items by their markers and nesting by indentation, paragraphs by vertical gaps; running headers,
    footers and page numbers in the margins dropped; words hyphenated at line ends joined."""
    lines, heights = _pdf_lines(raw)
    if not lines:
        raise ExtractionError("PDF-en har inga tekst, berre bilete (er han skanna?); få ein PDF med tekst frå kommunen, eller kopier teksta ut")
    weight: dict[float, int] = {}
    for line in lines:
        weight[line.size] = weight.get(line.size, 0) + len(line.text)
    body = max(weight, key=weight.get)
    in_margin = [line for line in lines if line.size < body and not MARGIN * heights[line.page] < line.top < (1 - MARGIN) * heights[line.page]]
    kept = [line for line in lines if line not in in_margin and not _PAGE_NUMBER.match(line.text)]
    heading_sizes = sorted({line.size for line in kept if line.size > body * 1.1}, reverse=True)
    marker_lefts = sorted({round(line.left) for line in kept if line.size == body and _MARKER.match(line.text)})
    run_items = _unmarked_items(kept, body, marker_lefts)
    blocks: list[dict] = []
    unsure: list[str] = []
    previous: _PdfLine | None = None
    for index, line in enumerate(kept):
        gap_small = previous is not None and line.page == previous.page and line.top - previous.top <= 1.5 * previous.height
        gap_small |= previous is not None and line.page != previous.page and not previous.text.endswith((".", ":", "!", "?"))
        if line.size > body * 1.1:
            level = heading_sizes.index(line.size) + 1
            if blocks and blocks[-1]["kind"] == "h" and blocks[-1]["level"] == level and gap_small:
                blocks[-1]["text"] += " " + line.text
            else:
                blocks.append({"kind": "h", "level": level, "text": line.text})
        elif (match := _MARKER.match(line.text)) and round(line.left) in marker_lefts:
            depth = sum(1 for left in marker_lefts if left < round(line.left) - 8)
            numbered = match.group("marker")[0].isdigit()
            if numbered and match.group("marker")[:-1] == "1" and blocks and blocks[-1]["kind"] == "li" and blocks[-1]["numbered"]:
                unsure.append(f"a numbered list restarts its numbering: {match.group('text')[:60]}")
            blocks.append({"kind": "li", "depth": depth, "numbered": numbered, "text": match.group("text"), "left": line.left})
        elif index in run_items:
            blocks.append({"kind": "li", "depth": 0, "numbered": False, "text": line.text, "left": line.left - 1})
        elif blocks and gap_small and blocks[-1]["kind"] in ("p", "li") and (blocks[-1]["kind"] == "p" or line.left > blocks[-1]["left"]):
            text = blocks[-1]["text"]
            if re.search(r"\w-$", text) and line.text[:1].islower():
                blocks[-1]["text"] = text[:-1] + line.text  # a word hyphenated at the line end
            else:
                blocks[-1]["text"] = f"{text} {line.text}"
        else:
            if line.bold:
                unsure.append(f"a line in bold at the size of the text was kept as text (a heading?): {line.text[:60]}")
            blocks.append({"kind": "p", "text": line.text, "left": line.left})
        previous = line
    out: list[str] = []
    for index, block in enumerate(blocks):
        in_list = block["kind"] == "li" and index > 0 and blocks[index - 1]["kind"] == "li"
        if out and not in_list:
            out.append("")
        if block["kind"] == "h":
            out.append(f"{'#' * min(block['level'], 6)} {block['text']}")
        elif block["kind"] == "li":
            out.append(f"{'    ' * block['depth']}{'1.' if block['numbered'] else '-'} {block['text']}")
        else:
            out.append(block["text"])
    unsure += [f"a running header or footer was left out: {line.text[:60]}" for line in in_margin[:3]]
    return Extracted("\n".join(out) + "\n", PDF, _poppler_version(), unsure)


def _poppler_version() -> str:
    """``pdftohtml 22.12.0`` (poppler), as the provenance records the extractor."""
    import subprocess

    said = subprocess.run(["pdftohtml", "-v"], capture_output=True, text=True, check=False)
    match = re.search(r"version\s+([\d.]+)", said.stderr + said.stdout)
    return f"pdftohtml {match.group(1)}" if match else "pdftohtml"
