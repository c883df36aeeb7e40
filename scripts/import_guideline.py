#!/usr/bin/env python3
"""Add a municipality: turn a plain-text guideline into an annotated page and its translation.

Usage::

    python scripts/import_guideline.py FILE.txt --name "Bømlo" --number 4613 --county Vestland \\
        --lang nn [--slug bomlo] [--title "..."] [--adoption "..."] [--force] [--docs DIR] [--no-translate]

What it does (see FORMAT.md for the page format):

1. Reads the text (copied from a PDF or web page) and recognises its structure: the title
   (``--title`` if it is a line of the text, else a ``#`` line, else the first block) becomes the
   ``#`` heading; short lines without final punctuation standing alone, lines like ``A) …``, lone
   ``•`` lines (Frogn style) and Markdown ``#`` lines become ``##`` headings; ``1.``/``1)``,
   ``-``, ``•``, ``✓``, ``- ✓`` lines become list items (indented ones nest under the item
   above), ``---`` a rule; everything else paragraphs. Lists are tight.
2. Suggests topics (``guidelines.suggest``) for every paragraph and list item. A block with a
   topic becomes a rule ``{ #<slug>-<n> data-topics="…" }`` (n = 1, 2, … in document order); a
   block without one is marked ``{ .prosa }`` and listed under "could not place" for a person to
   decide. The page gets ``review: true`` in its front matter.
3. Checks before writing anything: the page parses with ``parse_guideline``; every sentence of
   the input (split at line ends and sentence ends, list markers and whitespace normalised) is
   in the text of the page rendered with Python-Markdown + attr_list, and every annotation
   landed on its paragraph or list item; the translation (``scripts/translate.py``, Apertium)
   parses and carries the same rules.
4. Writes ``<docs>/kommunar/<slug>.<lang>.md`` and the translation into the other language form.

Exit codes: 0 written; 2 bad input (empty file, unknown language form, kommunenummer not four
digits, page exists without ``--force``, …) or no translation possible, nothing written;
1 the generated page failed its own checks (a bug: please report with the input), nothing written.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from dataclasses import dataclass, field, replace
from html.parser import HTMLParser
from pathlib import Path
from typing import Sequence

import markdown
import yaml

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT / "hooks"))
sys.path.insert(0, str(REPO_ROOT / "scripts"))

from guidelines.errors import GuidelineError, GuidelineErrors  # noqa: E402
from guidelines.fidelity import missing_sentences, normalise  # noqa: E402
from guidelines.pages import LANGS, Guideline, parse_guideline  # noqa: E402
from guidelines.suggest import suggest_topics  # noqa: E402
from guidelines.topics import Topic, load_topics  # noqa: E402
from guidelines.validate import check_translation  # noqa: E402

DEFAULT_DOCS = REPO_ROOT / "docs"
TOPICS_FILE = REPO_ROOT / "data" / "topics.yml"
GUIDELINE_DIR = "kommunar"
UNPLACED = "could not place — decide: rule (add topics) or prose"

MAX_HEADING = 80  # a stand-alone line up to this long, ending in a letter, is a heading
MAX_TITLE = 150  # the first block is the title only up to this long
NESTED_INDENT = 4  # Python-Markdown nests a list indented four spaces

_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_NUMBER = re.compile(r"^\d{4}$")
_MD_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_HR = re.compile(r"^\s{0,3}([-*_])(?:\s*\1){2,}\s*$")
_NUMBERED = re.compile(r"^(?P<indent>\s*)\d{1,9}[.)]\s+(?P<text>.*)$")
_BULLET = re.compile(r"^(?P<indent>\s*)(?P<marks>(?:[-–*+](?:\s+|$)|[•✓✔▪◦‣●○](?:\s*|$))+)(?P<text>.*)$")
_LETTER_HEADING = re.compile(r"^[A-ZÆØÅ]\)\s+\S")
_ADOPTION = re.compile(r"\b(vedtatt|vedteke|vedteken|vedtak|vedteki)\b", re.IGNORECASE)
_ENTITY = re.compile(r"&(#\d+|#x[0-9a-fA-F]+|\w+);")
_LITERAL_ANNOTATION = re.compile(r"\{:?\s*[#.][^{}]*\}")


class InputError(Exception):
    """Bad input: reported in one line, exit code 2, nothing written."""


class CheckError(Exception):
    """The generated page failed a check: exit code 1, nothing written."""


# --------------------------------------------------------------------------------------------
# Options
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Options:
    source: Path
    name: str
    number: str
    county: str
    lang: str
    slug: str
    title: str | None
    adoption: str | None
    force: bool
    docs: Path
    translate: bool


def make_slug(name: str) -> str:
    """``Bømlo`` → ``bomlo``, ``Nord-Aurdal`` → ``nord-aurdal``: æ→ae, ø→o, å→a, spaces→-, other non-ASCII dropped."""
    text = name.strip().lower().replace("æ", "ae").replace("ø", "o").replace("å", "a")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"[\s_]+", "-", text)
    text = re.sub(r"[^a-z0-9-]", "", text)
    return re.sub(r"-{2,}", "-", text).strip("-")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        description="Import a plain-text guideline as an annotated page (and its translation).",
        epilog="Exit codes: 0 written, 2 bad input (nothing written), 1 generated page failed its checks.",
    )
    parser.add_argument("file", type=Path, help="the guideline as plain text (UTF-8)")
    parser.add_argument("--name", required=True, help="name of the municipality, e.g. Bømlo")
    parser.add_argument("--number", required=True, help="kommunenummer (2024), four digits, e.g. 4613")
    parser.add_argument("--county", required=True, help="fylke (2024), e.g. Vestland")
    parser.add_argument("--lang", required=True, help="language form the municipality wrote: nb or nn")
    parser.add_argument("--slug", help="file name stem (default: from --name, e.g. bomlo)")
    parser.add_argument("--title", help="document title (default: the title line of the text)")
    parser.add_argument("--adoption", help="what the text says about its adoption (default: a 'vedtatt …' line, else empty)")
    parser.add_argument("--force", action="store_true", help="overwrite existing pages (their rule ids are regenerated)")
    parser.add_argument("--docs", type=Path, default=DEFAULT_DOCS, help="docs directory (default: %(default)s)")
    parser.add_argument("--no-translate", dest="translate", action="store_false", help="write only the original")
    return parser


def validate_options(args: argparse.Namespace) -> Options:
    """Check every option before anything is read or written; raise InputError on the first problem."""
    if args.lang not in LANGS:
        raise InputError(f"--lang must be nb (bokmål) or nn (nynorsk); got {args.lang!r}")
    number = str(args.number).strip()
    if not _NUMBER.match(number):
        raise InputError(f"--number must be the four-digit kommunenummer, e.g. 0301 or 4613; got {args.number!r}")
    name, county = args.name.strip(), args.county.strip()
    if not name:
        raise InputError("--name is empty; give the municipality's name, e.g. --name Bømlo")
    if not county:
        raise InputError("--county is empty; give the county (fylke), e.g. --county Vestland")
    slug = args.slug if args.slug is not None else make_slug(name)
    if not _SLUG.match(slug):
        raise InputError(f"slug {slug!r} must be lower-case ASCII letters, digits and hyphens; pass --slug")
    if not args.docs.is_dir():
        raise InputError(f"docs directory {args.docs} does not exist")
    title = args.title.strip() if args.title and args.title.strip() else None
    adoption = args.adoption.strip() if args.adoption is not None else None
    return Options(args.file, name, number, county, args.lang, slug, title, adoption, args.force, args.docs, args.translate)


def target_paths(options: Options) -> list[Path]:
    """The page(s) this run writes: the original, then the translation (unless --no-translate)."""
    folder = options.docs / GUIDELINE_DIR
    paths = [folder / f"{options.slug}.{options.lang}.md"]
    if options.translate:
        paths.append(folder / f"{options.slug}.{other_lang(options.lang)}.md")
    return paths


def check_targets(paths: Sequence[Path], force: bool) -> None:
    """Refuse to overwrite an existing page unless --force."""
    existing = [p for p in paths if p.exists()]
    if existing and not force:
        raise InputError(f"{existing[0]} already exists; pass --force to overwrite it (its rule ids would change)")


def other_lang(lang: str) -> str:
    return "nn" if lang == "nb" else "nb"


def read_source(path: Path) -> str:
    """The input text with normalised line ends; InputError if missing, not UTF-8 or empty."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror or exc}") from exc
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"{path} is not UTF-8 text (byte {exc.start}); save it as UTF-8") from exc
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", "    ").replace("\u00a0", " ")
    if not text.strip():
        raise InputError(f"{path} is empty: there is no guideline text to import")
    return text


# --------------------------------------------------------------------------------------------
# Structure: lines → blocks
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Block:
    """One unit of the page. kind: h (heading), hr, p (paragraph), li (list item)."""

    kind: str
    text: str
    line: int  # source line where it starts
    level: int = 0  # heading level, or list depth (0 or 1)
    ordered: bool = False  # numbered list item
    bullet: str = ""  # the bullet character of a list item ("•" items may be headings)
    lines: int = 1  # source lines in its blank-line-separated group (1: stands alone)


@dataclass(frozen=True)
class Line:
    number: int
    text: str


def split_groups(text: str) -> list[list[Line]]:
    """Non-blank lines, grouped by the blank lines between them."""
    groups: list[list[Line]] = [[]]
    for number, raw in enumerate(text.split("\n"), start=1):
        if raw.strip():
            groups[-1].append(Line(number, raw.rstrip()))
        elif groups[-1]:
            groups.append([])
    return [g for g in groups if g]


def list_item(line: Line) -> tuple[int, bool, str, str] | None:
    """(indent, ordered, bullet, text) if the line is a list item, else None."""
    numbered = _NUMBERED.match(line.text)
    if numbered:
        return len(numbered.group("indent")), True, "", numbered.group("text").strip()
    bullet = _BULLET.match(line.text)
    if bullet and not _HR.match(line.text):
        marks = bullet.group("marks").replace(" ", "")
        return len(bullet.group("indent")), False, marks[-1:], bullet.group("text").strip()
    return None


def group_blocks(group: list[Line], top_indent: int | None) -> tuple[list[Block], int | None]:
    """Blocks of one group; ``top_indent`` is the indent of the open list's top-level items."""
    blocks: list[Block] = []
    size = len(group)

    def extend_last(text: str) -> None:
        last = blocks[-1]
        blocks[-1] = replace(last, text=f"{last.text} {text}".strip())

    for line in group:
        heading, item = _MD_HEADING.match(line.text), list_item(line)
        if _HR.match(line.text):
            blocks.append(Block("hr", "", line.number, lines=size))
            top_indent = None
        elif heading:
            blocks.append(Block("h", heading.group(2), line.number, level=len(heading.group(1)), lines=size))
            top_indent = None
        elif item:
            indent, ordered, bullet, text = item
            if top_indent is None or indent <= top_indent:
                top_indent, depth = indent, 0
            else:
                depth = 1
            blocks.append(Block("li", text, line.number, level=depth, ordered=ordered, bullet=bullet, lines=size))
        elif blocks and blocks[-1].kind in ("li", "p"):
            extend_last(line.text.strip())
        else:
            blocks.append(Block("p", line.text.strip(), line.number, lines=size))
            top_indent = None
    return [b for b in blocks if b.kind == "hr" or b.text], top_indent


def raw_blocks(text: str) -> list[Block]:
    """Every block of the text in order, before headings and the title are decided."""
    blocks: list[Block] = []
    top_indent: int | None = None
    for group in split_groups(text):
        if not list_item(group[0]):
            top_indent = None
        found, top_indent = group_blocks(group, top_indent)
        blocks.extend(found)
    return blocks



def letterhead(block: Block, name: str) -> bool:
    """A block that only names the municipality (``Bømlo`` / ``kommune``): layout, not the title."""
    text = normalise(block.text).casefold()
    return block.kind == "p" and text in (name.casefold(), f"{name} kommune".casefold())


def find_title(blocks: Sequence[Block], title: str | None, name: str) -> int | None:
    """Index of the block that becomes the ``#`` title, or None.

    ``--title`` if it is the text of a block; else a Markdown ``#`` line; else the first block
    after any letterhead, if it is a short paragraph.
    """
    if title:
        wanted = normalise(title).casefold()
        for index, block in enumerate(blocks):
            if block.kind in ("p", "h", "li") and normalise(block.text).casefold() == wanted:
                return index
    for index, block in enumerate(blocks):
        if block.kind == "h" and block.level == 1:
            return index
    first = next((i for i, block in enumerate(blocks) if not letterhead(block, name)), None)
    if first is not None and blocks[first].kind == "p" and len(blocks[first].text) <= MAX_TITLE:
        return first
    return None


def stands_alone(block: Block) -> bool:
    """A paragraph that is a single line between blank lines."""
    return block.kind == "p" and block.lines == 1


def heading_like(block: Block) -> bool:
    """A short stand-alone line ending in a letter (no final punctuation, not a date or number)."""
    return stands_alone(block) and len(block.text) <= MAX_HEADING and block.text[-1:].isalpha()


def fragment(block: Block) -> bool:
    """A short stand-alone line that is neither a sentence nor a heading: ``2022``, ``PS 64/2013 …``."""
    return (
        stands_alone(block)
        and len(block.text) <= MAX_HEADING
        and not block.text[-1:].isalpha()
        and block.text[-1:] not in ".!?:;"
    )


def bullet_heading(blocks: Sequence[Block], index: int) -> bool:
    """A lone ``•`` line followed by something other than another ``•`` line (Frogn's sections)."""
    block = blocks[index]
    if block.kind != "li" or block.bullet != "•" or block.lines != 1 or len(block.text) > MAX_HEADING + 20:
        return False
    following = blocks[index + 1] if index + 1 < len(blocks) else None
    return following is not None and not (following.kind == "li" and following.bullet == "•")


def text_heading(blocks: Sequence[Block], index: int) -> bool:
    """A stand-alone paragraph line that is a heading: ``A) …``, or heading-like with content after it."""
    block = blocks[index]
    if stands_alone(block) and _LETTER_HEADING.match(block.text) and len(block.text) <= MAX_HEADING + 40:
        return True
    following = blocks[index + 1] if index + 1 < len(blocks) else None
    return heading_like(block) and following is not None and not fragment(following)


def decide_structure(blocks: list[Block], title: str | None, name: str) -> list[Block]:
    """Choose the ``#`` title and the ``##`` headings; everything before the title stays text."""
    title_index = find_title(blocks, title, name)
    result = []
    for index, block in enumerate(blocks):
        if index == title_index:
            result.append(Block("h", block.text, block.line, level=1))
        elif block.kind == "h":
            result.append(replace(block, level=max(block.level, 2)))
        elif title_index is not None and index < title_index:
            result.append(replace(block, kind="p", level=0) if block.kind == "li" and block.bullet == "•" else block)
        elif bullet_heading(blocks, index) or text_heading(blocks, index):
            result.append(Block("h", block.text, block.line, level=2))
        else:
            result.append(block)
    return result


def joined_lists(blocks: Sequence[Block]) -> list[int]:
    """Source lines of list items that follow a list of the other kind (numbered vs bullets).

    With only blank lines between them, Markdown makes them one list; the page keeps the
    first list's markers, so the reviewer is told.
    """
    lines, kind = [], None
    for block in blocks:
        if block.kind != "li":
            kind = None
        elif kind is None:
            kind = block.ordered
        elif block.level == 0 and block.ordered != kind:
            lines.append(block.line)
            kind = block.ordered
    return lines


def guess_adoption(blocks: Sequence[Block]) -> Block | None:
    """A short paragraph with a date or number saying the text was adopted (``Vedtatt … 24.04.2017``)."""
    for block in blocks:
        text = block.text
        if block.kind == "p" and len(text) <= MAX_TITLE and _ADOPTION.search(text) and re.search(r"\d", text):
            return block
    return None


# --------------------------------------------------------------------------------------------
# Annotation and Markdown
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Annotated:
    block: Block
    rule_id: str | None = None
    topics: tuple[str, ...] = ()

    @property
    def annotation(self) -> str:
        if self.rule_id is None:
            return "{ .prosa }"
        return f'{{ #{self.rule_id} data-topics="{" ".join(self.topics)}" }}'


def annotate(blocks: Sequence[Block], slug: str, topics: Sequence[Topic]) -> list[Annotated]:
    """Suggested topics for every paragraph and list item; ids ``<slug>-1..n`` for the rules."""
    result, number = [], 0
    for block in blocks:
        suggested = suggest_topics(block.text, topics) if block.kind in ("p", "li") else ()
        if suggested:
            number += 1
            result.append(Annotated(block, f"{slug}-{number}", suggested))
        else:
            result.append(Annotated(block))
    return result


def escape_text(text: str) -> str:
    """Plain text → Markdown that renders to exactly that text (no emphasis, links, HTML, attrs)."""
    text = text.replace("\\", "\\\\")
    text = re.sub(r"([`*_\[\]{}])", r"\\\1", text)
    text = _ENTITY.sub(r"&amp;\1;", text)
    text = text.replace("<", "&lt;")
    text = re.sub(r"^([#>+]|!!!)", r"\\\1", text)
    text = re.sub(r"^(\d+)\.(\s)", r"\1\\.\2", text)
    return re.sub(r"#$", r"\\#", text)


@dataclass
class Rendered:
    body: list[str] = field(default_factory=list)
    block_lines: dict[int, int] = field(default_factory=dict)  # block index → body line index


def list_marker(ordered: bool, number: int) -> str:
    return f"{number}." if ordered else "-"


@dataclass
class ListState:
    """Numbering of the list being written: top-level items and the items nested in the last one."""

    ordered: bool = False
    number: int = 0
    column: int = 0  # where the text of the current top-level item starts
    nested_ordered: bool = False
    nested_number: int = 0
    nested_indent: int = NESTED_INDENT

    def next_marker(self, block: Block, continues: bool) -> str:
        """The item's marker with its indentation; a new list restarts the numbering."""
        if not continues or block.level == 0:
            if not continues:
                self.ordered, self.number = block.ordered, 0
            self.number += 1
            self.nested_number = 0
            marker = list_marker(self.ordered, self.number)
            self.column = len(marker) + 1
            return marker
        if self.nested_number == 0:
            self.nested_ordered, self.nested_indent = block.ordered, max(NESTED_INDENT, self.column)
        self.nested_number += 1
        return " " * self.nested_indent + list_marker(self.nested_ordered, self.nested_number)


def block_markdown(item: Annotated, lists: ListState, continues: bool) -> list[str]:
    """The Markdown lines of one block, annotation included."""
    block = item.block
    if block.kind == "h":
        return [f"{'#' * block.level} {escape_text(block.text)}"]
    if block.kind == "hr":
        return ["---"]
    if block.kind == "p":
        return [escape_text(block.text), item.annotation]
    marker = lists.next_marker(block, continues)
    return [f"{marker} {escape_text(block.text)}", " " * (len(marker) + 1) + item.annotation]


def render_body(items: Sequence[Annotated]) -> Rendered:
    """The Markdown body: blank lines between blocks, none inside a list (lists are tight)."""
    out, lists = Rendered(), ListState()
    previous: Block | None = None
    for index, item in enumerate(items):
        continues = previous is not None and previous.kind == "li" and item.block.kind == "li"
        if previous is not None and not continues:
            out.body.append("")
        out.block_lines[index] = len(out.body)
        out.body += block_markdown(item, lists, continues)
        previous = item.block
    return out


def yaml_value(value: str) -> str:
    """A YAML scalar: plain if that reads back as the same string, else double-quoted."""
    try:
        if value and yaml.safe_load(f"k: {value}") == {"k": value}:
            return value
    except yaml.YAMLError:
        pass
    return json.dumps(value, ensure_ascii=False)


def front_matter(options: Options, document_title: str, adoption: str) -> list[str]:
    """Front matter per FORMAT.md, plus ``source`` and ``review: true``."""
    return [
        "---",
        f"municipality: {yaml_value(options.name)}",
        f'municipality_number: "{options.number}"',
        f"county: {yaml_value(options.county)}",
        f"original_language: {options.lang}",
        f"document_title: {json.dumps(document_title, ensure_ascii=False)}",
        f"adoption: {json.dumps(adoption, ensure_ascii=False)}",
        f"source: {yaml_value(options.source.name)}",
        "review: true",
        "---",
        "",
    ]


# --------------------------------------------------------------------------------------------
# Checks
# --------------------------------------------------------------------------------------------



class _HtmlText(HTMLParser):
    """Text of rendered HTML, plus the tag of each element carrying an id or the prosa class."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.ids: dict[str, str] = {}
        self.prose: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids[values["id"] or ""] = tag
        if "prosa" in (values.get("class") or "").split():
            self.prose.append(tag)

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def render_html(body: str) -> _HtmlText:
    """Render the body as the site does (Python-Markdown + attr_list) and read its text."""
    parser = _HtmlText()
    parser.feed(markdown.Markdown(extensions=["attr_list"]).convert(body))
    parser.close()
    return parser



def misplaced_annotations(items: Sequence[Annotated], html: _HtmlText) -> list[str]:
    """Annotations that did not land on their paragraph or list item (or stayed literal text)."""
    problems = []
    for item in items:
        if item.rule_id and html.ids.get(item.rule_id) != item.block.kind:
            problems.append(f"{item.rule_id} is on <{html.ids.get(item.rule_id, 'nothing')}>, not <{item.block.kind}>")
    expected = sorted(item.block.kind for item in items if item.block.kind in ("p", "li") and not item.rule_id)
    if sorted(html.prose) != expected:
        problems.append(f"prose marks on {sorted(html.prose)}, expected {expected}")
    literal = _LITERAL_ANNOTATION.search(" ".join(html.parts))
    if literal:
        problems.append(f"annotation left as text: {literal.group(0)!r}")
    return problems


def parse_page(text: str, path: Path, shown: str) -> Guideline:
    """parse_guideline, turning its errors into a CheckError."""
    try:
        return parse_guideline(text, path, shown)
    except (GuidelineError, GuidelineErrors) as exc:
        raise CheckError(f"the generated page does not parse:\n{exc}") from exc


def check_page(source: str, page: str, path: Path, shown: str, items: Sequence[Annotated]) -> tuple[Guideline, int]:
    """Parse the page and run the fidelity check; return the guideline and the sentence count."""
    guideline = parse_page(page, path, shown)
    body = page.split("\n---\n", 1)[1]
    html = render_html(body)
    count, missing = missing_sentences(source, normalise(" ".join(html.parts)))
    if missing:
        listing = "\n".join(f"  {s}" for s in missing)
        raise CheckError(f"{len(missing)} of {count} sentences of the input are not in the page:\n{listing}")
    problems = misplaced_annotations(items, html)
    if problems:
        raise CheckError("annotations did not attach:\n" + "\n".join(f"  {p}" for p in problems))
    return guideline, count


def translate_page(page: str, lang: str, path: Path, shown: str, original: Guideline) -> str:
    """The page in the other language form, checked to parse and carry the same rules."""
    from translate import PageError, TranslationError, translate_markdown

    try:
        translated = translate_markdown(page, lang)
    except (TranslationError, PageError) as exc:
        raise InputError(f"translation failed ({str(exc).splitlines()[0]}); fix it or pass --no-translate") from exc
    errors = check_translation(original, parse_page(translated, path, shown))
    if errors:
        raise CheckError("the translation does not match the original:\n" + "\n".join(str(e) for e in errors))
    return translated


# --------------------------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Result:
    pages: dict[Path, str]  # path → text, original first
    guideline: Guideline
    sentences: int
    unplaced: list[tuple[int, Block]]  # (page line, block)
    notes: list[str]


def shown_path(path: Path) -> str:
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return str(path)


def build(options: Options, source: str, topics: Sequence[Topic]) -> Result:
    """Everything up to (not including) writing: page, checks, translation."""
    notes: list[str] = []
    blocks = decide_structure(raw_blocks(source), options.title, options.name)
    heading = next((b.text for b in blocks if b.kind == "h" and b.level == 1), None)
    document_title = options.title or heading
    if not document_title:
        raise InputError("found no title line in the text; pass --title \"…\"")
    adoption = options.adoption
    if adoption is None:
        guessed = guess_adoption(blocks)
        adoption = guessed.text if guessed else ""
        if guessed:
            notes.append(f"adoption guessed from source line {guessed.line}: {adoption!r} (check it, or pass --adoption)")
    notes += [
        f"source line {line}: list joined to the list above it (Markdown cannot keep adjacent lists apart); "
        "check its markers"
        for line in joined_lists(blocks)
    ]
    items = annotate(blocks, options.slug, topics)
    header = front_matter(options, document_title, adoption)
    rendered = render_body(items)
    page = "\n".join(header + rendered.body) + "\n"
    paths = target_paths(options)
    guideline, count = check_page(source, page, paths[0], shown_path(paths[0]), items)
    pages = {paths[0]: page}
    if options.translate:
        pages[paths[1]] = translate_page(page, options.lang, paths[1], shown_path(paths[1]), guideline)
    unplaced = [
        (len(header) + rendered.block_lines[i] + 1, item.block)
        for i, item in enumerate(items)
        if item.block.kind in ("p", "li") and not item.rule_id
    ]
    return Result(pages, guideline, count, unplaced, notes)


def write_pages(pages: dict[Path, str]) -> None:
    for path, text in pages.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)


def report(result: Result, options: Options) -> None:
    """What was written and what a person has to decide."""
    paths = list(result.pages)
    original = shown_path(paths[0])
    for note in result.notes:
        print(f"note: {note}")
    print(f"all {result.sentences} sentences kept")
    print(f"wrote {original} ({len(result.guideline.rules)} rules, {result.guideline.prose} prose blocks, review: true)")
    if len(paths) > 1:
        print(f"wrote {shown_path(paths[1])} (machine translation {options.lang} → {other_lang(options.lang)})")
    if result.unplaced:
        print(f"{UNPLACED} ({len(result.unplaced)} blocks, now marked {{ .prosa }}):")
        for line, block in result.unplaced:
            text = block.text if len(block.text) <= 70 else block.text[:67] + "…"
            print(f"  {original}:{line} (source line {block.line}): {text}")
    print(f"next: review the topics in {original}, decide the blocks above, remove 'review: true', "
          f"then run scripts/translate.py and mkdocs build --strict")


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        options = validate_options(args)
        check_targets(target_paths(options), options.force)
        source = read_source(options.source)
        result = build(options, source, load_topics(TOPICS_FILE))
    except InputError as exc:
        print(f"import_guideline.py: error: {exc}", file=sys.stderr)
        return 2
    except CheckError as exc:
        print(f"import_guideline.py: failed, nothing written: {exc}", file=sys.stderr)
        return 1
    write_pages(result.pages)
    report(result, options)
    return 0


if __name__ == "__main__":
    sys.exit(main())
