#!/usr/bin/env python3
"""Add a municipality: turn a plain-text guideline into an annotated page and its translation.

Usage::

    guidelines import FILE.txt --name "Bømlo" --number 4613 --county Vestland \\
        --lang nn [--slug bomlo] [--title "..."] [--adoption "..."] [--how "..."] [--force]
        [--docs DIR] [--sources DIR] [--max-bytes N] [--no-translate]

What it does (see FORMAT.md for the page format):

0. Checks the options (names and free text with ``guidelines.fields``, the same rules the build
   applies to the front matter), that no page of another slug already has this kommunenummer or
   name, and the input: at most ``--max-bytes`` (200 000) bytes, UTF-8 plain text, not a web page
   (HTML), PDF or Word file, no control characters (tab, line ends and no-break spaces are fine).
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
   landed on its paragraph or list item; the translation (``guidelines translate``, Apertium)
   parses and carries the same rules.
4. Writes ``<docs>/kommunar/<slug>.<lang>.md`` (front matter ``source: <slug>.txt``), the
   translation into the other language form, and keeps the input in the repository:
   ``<sources>/<slug>.txt`` (the bytes exactly as received) and ``<sources>/<slug>.yml`` (its
   provenance: municipality, municipality_number, file, sha256, received, received_as, how).
   ``<sources>`` is ``<docs>/../sources`` unless ``--sources`` says otherwise.

Exit codes: 0 written; 2 bad input (one line on stderr, in nynorsk, naming the file and line: empty
or too big a file, not plain text, a control character, a bad option, a page or kept source that
exists without ``--force``, the municipality already under another slug, …) or no translation
possible, nothing written; 1 the generated page failed its own checks (a bug: please report with
the input), nothing written.
"""

from __future__ import annotations

import argparse
import datetime
import errno
import hashlib
import os
import re
import sys
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from html.parser import HTMLParser
from pathlib import Path

import yaml

from municipal_guidelines.format import fields, grammar
from municipal_guidelines.format.errors import GuidelineError, GuidelineErrors
from municipal_guidelines.format.guideline import PROSE_CLASS, Guideline, parse_guideline
from municipal_guidelines.layout import GUIDELINE_DIR, LANGS, other_lang
from municipal_guidelines.model.topics import Topic, load_topics
from municipal_guidelines.model.validate import check_translation
from municipal_guidelines.project import Project
from municipal_guidelines.render.rules import check_rendered, render_body
from municipal_guidelines.tools.fidelity import missing_sentences, normalise
from municipal_guidelines.tools.suggest import suggest_topics

SOURCES_DIR = "sources"  # next to the docs directory: <docs>/../sources
DEFAULT_MAX_BYTES = 200_000  # a guideline is a few pages; the biggest seed is under 6 KB
HOW = "guidelines import"  # provenance "how" of a source kept by this script
UNPLACED = "could not place — decide: rule (add topics) or prose"

MAX_HEADING = 80  # a stand-alone line up to this long, ending in a letter, is a heading
MAX_TITLE = 150  # the first block is the title only up to this long
NESTED_INDENT = 4  # Python-Markdown nests a list indented four spaces

_MD_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_HR = re.compile(r"^\s{0,3}([-*_])(?:\s*\1){2,}\s*$")
_NUMBERED = re.compile(r"^(?P<indent>\s*)\d{1,9}[.)]\s+(?P<text>.*)$")
_BULLET = re.compile(r"^(?P<indent>\s*)(?P<marks>(?:[-–*+](?:\s+|$)|[•✓✔▪◦‣●○](?:\s*|$))+)(?P<text>.*)$")
_LETTER_HEADING = re.compile(r"^[A-ZÆØÅ]\)\s+\S")
_ADOPTION = re.compile(r"\b(vedtatt|vedteke|vedteken|vedtak|vedteki)\b", re.IGNORECASE)
_LITERAL_ANNOTATION = re.compile(r"\{:?\s*[#.][^{}]*\}")
_ASCII_NUMBER = re.compile(r"[0-9]+", re.ASCII)

# What the input must not be. A web page: starts like an HTML document, or has many tags.
_HTML_START = re.compile(r"\A\ufeff?\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.IGNORECASE | re.DOTALL)
_HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>")
HTML_TAGS = 5  # this many tags make a web page; fewer are refused line by line (see check_page)
_OTHER_FORMATS = (  # (how the file starts, what it is)
    (b"%PDF-", "ein PDF"),
    (b"PK\x03\x04", "eit Word- eller OpenDocument-dokument (eller ei zip-fil)"),
    (b"{\\rtf", "eit RTF-dokument"),
    (b"\xd0\xcf\x11\xe0", "eit gammalt Word-dokument (.doc)"),
)
CHARACTER_NAMES = {  # control characters a reader may recognise by name
    0x00: "NUL",
    0x0B: "loddrett tabulator",
    0x0C: "sideskift",
    0x1B: "ESC",
    0x7F: "DEL",
    0xAD: "mjuk bindestrek",
    0x200B: "breiddelaust mellomrom",
    0x2028: "linjeskilje",
    0xFEFF: "BOM",
}


class InputError(Exception):
    """Bad input: reported in one line, exit code 2, nothing written."""


class CheckError(Exception):
    """The generated page failed a check: exit code 1, nothing written."""


# --------------------------------------------------------------------------------------------
# Options
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Options:
    input: Path
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
    sources: Path  # where the input is kept: <sources>/<slug>.txt and .yml
    max_bytes: int
    how: str | None  # added to the provenance's "how"


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
    parser.add_argument("--how", help="how the text came to the project, added to the provenance (e.g. 'e-mail from the municipality, copied from the PDF')")
    parser.add_argument(
        "--force", action="store_true", help="overwrite existing pages (their rule ids are regenerated) and the kept source of this slug"
    )
    parser.add_argument("--docs", type=Path, help="docs directory (default: docs/ of the project)")
    parser.add_argument("--topics", type=Path, help="taxonomy (default: data/topics.yml of the project)")
    parser.add_argument("--sources", type=Path, help="where the input is kept with its provenance (default: <docs>/../sources)")
    parser.add_argument("--max-bytes", default=str(DEFAULT_MAX_BYTES), help="refuse bigger input (default: %(default)s)")
    parser.add_argument("--no-translate", dest="translate", action="store_false", help="write only the original")
    return parser


def option_value(args: argparse.Namespace, option: str) -> str | None:
    """The option's text, stripped and in composed form (a name typed on a Mac arrives decomposed)."""
    value = getattr(args, option.removeprefix("--").replace("-", "_"))
    return None if value is None else unicodedata.normalize("NFC", str(value)).strip()


def check_option(option: str, value: str | None, check) -> None:
    """Raise InputError with the shared check's message (``guidelines.fields``), naming the option."""
    problem = None if value is None else check(value)
    if problem:
        raise InputError(f"{option} {problem}")


def validate_options(args: argparse.Namespace) -> Options:
    """Check every option before anything is read or written; raise InputError on the first problem.

    Names, texts and the slug are checked by ``guidelines.fields``, the rules the build applies to
    the front matter: what passes here passes there.
    """
    check_option("--lang", args.lang, fields.check_language)
    number = option_value(args, "--number") or ""
    if fields.check_number(number):
        raise InputError(f"--number må vere kommunenummeret: fire siffer 0–9, til dømes 4613 eller 0301; no står det {number!r}")
    name, county = option_value(args, "--name"), option_value(args, "--county")
    if not name:
        raise InputError("--name er tom; skriv namnet på kommunen, til dømes --name Bømlo")
    check_option("--name", name, fields.check_name)
    if not county:
        raise InputError("--county er tom; skriv namnet på fylket, til dømes --county Vestland")
    check_option("--county", county, fields.check_name)
    title, adoption, how = option_value(args, "--title") or None, option_value(args, "--adoption"), option_value(args, "--how") or None
    for option, value in (("--title", title), ("--adoption", adoption), ("--how", how)):
        check_option(option, value, fields.check_text)
    if args.slug is not None:
        check_option("--slug", args.slug, fields.check_slug)
    slug = args.slug if args.slug is not None else fields.make_slug(name)
    if fields.check_slug(slug):
        raise InputError(f"--name {name!r} gjev ikkje eit filnamn med bokstavane a–z; vel eitt med --slug, til dømes --slug {slug or 'kommunenamn'}")
    max_bytes = option_value(args, "--max-bytes") or ""
    if not _ASCII_NUMBER.fullmatch(max_bytes) or int(max_bytes) == 0:
        raise InputError(f"--max-bytes må vere eit heilt tal byte over 0, til dømes --max-bytes 500000; no står det {max_bytes!r}")
    if not args.docs.is_dir():
        raise InputError(f"mappa {shown_path(args.docs)} finst ikkje; vel docs-mappa med --docs")
    sources = args.sources if args.sources is not None else args.docs.resolve().parent / SOURCES_DIR
    if sources.exists() and not sources.is_dir():
        raise InputError(f"{shown_path(sources)} er ikkje ei mappe; vel mappa for kjeldetekstane med --sources")
    received_as = args.file.name
    if fields.control_character(received_as) or not received_as.isprintable():
        raise InputError(f"namnet på fila {received_as!r} har eit teikn som ikkje kan skrivast ut; gje fila eit nytt namn")
    return Options(
        args.file, name, number, county, args.lang, slug, title, adoption, args.force, args.docs, args.translate,
        sources, int(max_bytes), how,
    )


def target_paths(options: Options) -> list[Path]:
    """The page(s) this run writes: the original, then the translation (unless --no-translate)."""
    folder = options.docs / GUIDELINE_DIR
    paths = [folder / f"{options.slug}.{options.lang}.md"]
    if options.translate:
        paths.append(folder / f"{options.slug}.{other_lang(options.lang)}.md")
    return paths


def kept_paths(options: Options) -> tuple[Path, Path]:
    """Where the input is kept: ``<sources>/<slug>.txt`` and its provenance ``<sources>/<slug>.yml``."""
    return options.sources / f"{options.slug}.txt", options.sources / f"{options.slug}.yml"


def check_targets(options: Options) -> None:
    """Refuse to overwrite a page of this slug (either language form) or its kept source unless --force."""
    folder = options.docs / GUIDELINE_DIR
    for path in [*target_paths(options), *kept_paths(options)]:
        if path.is_dir():
            raise InputError(f"{shown_path(path)} er ei mappe, men skal vere ei fil; flytt mappa eller vel eit anna --slug")
    if options.force:
        return
    for path in (folder / f"{options.slug}.{lang}.md" for lang in LANGS):
        if path.exists():
            raise InputError(
                f"{shown_path(path)} finst alt; bruk --force for å skrive over sida (id-ane til reglane blir då laga på nytt)"
            )
    for path in kept_paths(options):
        if path.exists():
            raise InputError(
                f"{shown_path(path)} finst alt (teksta slik prosjektet fekk ho første gongen); "
                "bruk --force berre om den nye teksta skal erstatte ho"
            )


def page_front_matter(path: Path) -> dict | None:
    """The front matter of a page, read as the build reads it, or None if it has none that can be
    read: broken pages are the build's business, not a reason to stop an import."""
    try:
        if path.is_symlink() or not path.is_file():
            return None
        text = path.read_bytes()[: 64 * 1024].decode("utf-8", errors="replace")
        page = grammar.parse(text)
        return page.front_matter.data if page.front_matter is not None else None
    except (OSError, grammar.FrontMatterError):
        return None


def check_not_elsewhere(options: Options) -> None:
    """Refuse a municipality that already has a page under another slug (the same kommunenummer or
    the same name, ignoring case): the build allows one guideline per municipality. --force only
    overwrites pages of the same slug, so it does not get past this."""
    folder = options.docs / GUIDELINE_DIR
    for path in sorted(folder.glob("*.md")) if folder.is_dir() else ():
        if path.name.split(".", 1)[0] == options.slug:
            continue
        meta = page_front_matter(path)
        if meta is None:
            continue
        name, number = meta.get("municipality"), meta.get("municipality_number")
        shown = shown_path(path)
        other = shown_text(path.name.split(".", 1)[0])
        if isinstance(number, (str, int)) and str(number).strip() == options.number:
            raise InputError(
                f"kommunenummeret {options.number} står alt i {shown} ({shown_text(str(name))}); kvar kommune har berre "
                f"éi retningslinje: rett --number, eller skriv over den sida med --slug {other} --force"
            )
        if isinstance(name, str) and fields.fold_name(name) == fields.fold_name(options.name):
            raise InputError(
                f"{options.name} finst alt i {shown} (kommunenummer {shown_text(str(number))}); kvar kommune har berre "
                f"éi retningslinje: rett --name, eller skriv over den sida med --slug {other} --force"
            )


def read_bytes(path: Path, max_bytes: int) -> bytes:
    """The input as received, at most ``max_bytes`` of it; InputError if it cannot be read or is bigger."""
    shown = shown_path(path)
    if path.is_dir():
        raise InputError(f"{shown} er ei mappe; gje namnet på tekstfila")
    try:
        with open(path, "rb") as handle:
            raw = handle.read(max_bytes + 1)
            status = os.fstat(handle.fileno())
    except FileNotFoundError as exc:
        raise InputError(f"{shown} finst ikkje; sjekk namnet på fila og mappa ho ligg i") from exc
    except PermissionError as exc:
        raise InputError(f"{shown} kan ikkje lesast: du har ikkje løyve til å lese fila") from exc
    except OSError as exc:
        raise InputError(f"{shown} kan ikkje lesast ({os_reason(exc)})") from exc
    if len(raw) > max_bytes:
        size = status.st_size if status.st_size > max_bytes else None
        how_big = f"er {size} byte" if size else f"er over {max_bytes} byte"
        raise InputError(
            f"{shown} {how_big}, meir enn grensa på {max_bytes} byte: ei retningslinje er nokre sider tekst, så sjekk at "
            f"det er rett fil; er ho det, køyr på nytt med --max-bytes {size or 'N'}"
        )
    return raw


def decode_text(raw: bytes, path: Path) -> str:
    """The input as text with ``\\n`` line ends; InputError unless it is plain UTF-8 text without
    control characters (tab, CR/LF line ends and no-break spaces are fine)."""
    shown = shown_path(path)
    for start, what in _OTHER_FORMATS:
        if raw.startswith(start):
            raise InputError(f"{shown}: fila ser ut som {what}, ikkje rein tekst; kopier teksta ut og lagre teksta som rein tekst (UTF-8)")
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) or (len(raw) >= 4 and raw.count(b"\x00") * 4 > len(raw)):
        raise InputError(f"{shown} er lagra som UTF-16; opne fila i eit tekstprogram og lagre ho som UTF-8")
    loose = raw.decode("utf-8", errors="replace")
    if _HTML_START.match(loose) or len(_HTML_TAG.findall(loose, 0, 1_000_000)) >= HTML_TAGS:
        raise InputError(
            f"{shown}: fila ser ut som ei nettside (HTML), ikkje rein tekst; opne sida i ein nettlesar, "
            "kopier teksta og lagre teksta som rein tekst (UTF-8)"
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError(
            f"{shown}, linje {line}: teksta er ikkje lagra som UTF-8 (feil i byte {exc.start}); "
            "opne fila i eit tekstprogram og lagre ho som UTF-8"
        ) from exc
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    for number, line in enumerate(text.split("\n"), start=1):
        hidden = fields.control_character(line, allowed="\t")
        if hidden:
            name = CHARACTER_NAMES.get(int(hidden[2:], 16))
            raise InputError(
                f"{shown}, linje {number}: teksta inneheld kontrollteiknet {hidden}{f' ({name})' if name else ''}, som ikkje "
                "høyrer heime i ein tekst (slikt kjem ofte med når tekst blir kopiert frå PDF); fjern det og lagre fila på nytt"
            )
    if not text.strip():
        raise InputError(f"{shown} er tom: det er inga tekst å importere")
    return text


def read_source(options: Options) -> tuple[bytes, str]:
    """The input as received (bytes, kept as they are) and as text to import (tabs and no-break
    spaces made plain spaces)."""
    raw = read_bytes(options.input, options.max_bytes)
    text = decode_text(raw, options.input)
    return raw, text.replace("\t", "    ").replace("\u00a0", " ")


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
    last: int = 0  # source line where it ends (0: the line it starts on)


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

    def extend_last(line: Line) -> None:
        last = blocks[-1]
        blocks[-1] = replace(last, text=f"{last.text} {line.text.strip()}".strip(), last=line.number)

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
            extend_last(line)
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
        """What the annotation line holds between its braces."""
        if self.rule_id is None:
            return f".{PROSE_CLASS}"
        return f'#{self.rule_id} data-topics="{" ".join(self.topics)}"'


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


@dataclass
class Rendered:
    body: list[grammar.Line] = field(default_factory=list)
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


def block_lines(item: Annotated, lists: ListState, continues: bool) -> list[grammar.Line]:
    """The page lines of one block, annotation included."""
    block = item.block
    if block.kind == "h":
        return [grammar.heading(block.level, grammar.escape(block.text))]
    if block.kind == "hr":
        return [grammar.rule()]
    if block.kind == "p":
        return [grammar.text_line(grammar.escape(block.text)), grammar.annotation(item.annotation)]
    marker = lists.next_marker(block, continues)
    indent = len(marker) - len(marker.lstrip())
    line = grammar.item(marker.lstrip(), grammar.escape(block.text), indent)
    return [line, grammar.annotation(item.annotation, line.content_column)]


def markdown_body(items: Sequence[Annotated]) -> Rendered:
    """The Markdown body: blank lines between blocks, none inside a list (lists are tight)."""
    out, lists = Rendered(), ListState()
    previous: Block | None = None
    for index, item in enumerate(items):
        continues = previous is not None and previous.kind == "li" and item.block.kind == "li"
        if previous is not None and not continues:
            out.body.append(grammar.blank())
        out.block_lines[index] = len(out.body)
        out.body += block_lines(item, lists, continues)
        previous = item.block
    return out


def front_matter(options: Options, document_title: str, adoption: str) -> grammar.FrontMatter:
    """Front matter per FORMAT.md, plus ``source`` and ``review: true``."""
    values: dict[str, str | bool] = {
        "municipality": options.name,
        "municipality_number": options.number,
        "county": options.county,
        "original_language": options.lang,
        "document_title": document_title,
        "adoption": adoption,
        "source": f"{options.slug}.txt",
        "review": True,
    }
    return grammar.front_matter(values, quoted=("municipality_number", "document_title", "adoption"))


# --------------------------------------------------------------------------------------------
# Checks
# --------------------------------------------------------------------------------------------



class _HtmlText(HTMLParser):
    """The text of rendered HTML."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def html_text(html: str) -> str:
    parser = _HtmlText()
    parser.feed(html)
    parser.close()
    return " ".join(parser.parts)


def source_lines(block: Block) -> str:
    last = max(block.last, block.line)
    return f"linje {block.line}" if last == block.line else f"linjene {block.line}–{last}"


def parse_page(text: str, path: Path, shown: str, text_lines: dict[int, Block] | None = None, source: Path | None = None) -> Guideline:
    """parse_guideline, turning its errors into a CheckError; an error on the text of a block (page
    line in ``text_lines``) is the input's: an InputError naming the input line."""
    try:
        return parse_guideline(text, path, shown)
    except (GuidelineError, GuidelineErrors) as exc:
        first = exc.errors[0] if isinstance(exc, GuidelineErrors) else exc
        block = (text_lines or {}).get(first.line)
        if block is not None and source is not None:
            raise InputError(f"{shown_path(source)}, {source_lines(block)}: {first.message}") from exc
        raise CheckError(f"the generated page does not parse:\n{exc}") from exc


def check_page(source: str, page: grammar.Page, path: Path, shown: str, text_lines: dict[int, Block], input_path: Path) -> tuple[Guideline, int]:
    """Parse the page as the build does, render it as the build does and compare the two (every
    annotation on its paragraph or item), and check that every sentence of the input is in it.
    Returns the guideline and the sentence count."""
    guideline = parse_page(grammar.write(page), path, shown, text_lines, input_path)
    html = render_body(grammar.write(page.with_front_matter(None)))
    problem = check_rendered(html, guideline)
    if problem:
        raise CheckError(f"annotations did not attach: {problem}")
    count, missing = missing_sentences(source, normalise(html_text(html)))
    if missing:
        listing = "\n".join(f"  {s}" for s in missing)
        raise CheckError(f"{len(missing)} of {count} sentences of the input are not in the page:\n{listing}")
    return guideline, count


def translate_page(page: str, lang: str, path: Path, shown: str, original: Guideline) -> str:
    """The page in the other language form, checked to parse and carry the same rules."""
    from municipal_guidelines.tools.translate import PageError, TranslationError, add_stamp, apertium_version, translate_markdown

    try:
        # stamped like translate.py's, so translate.py --check accepts it without a second run
        translated = add_stamp(translate_markdown(page, lang), page, apertium_version())
    except (TranslationError, PageError) as exc:
        first = (str(exc).splitlines() or [type(exc).__name__])[0]
        raise InputError(f"omsetjinga gjekk ikkje ({first}); rett feilen, eller importer utan omsetjing med --no-translate") from exc
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
    kept: dict[Path, bytes]  # the input as received and its provenance
    guideline: Guideline
    sentences: int
    unplaced: list[tuple[int, Block]]  # (page line, block)
    notes: list[str]


def shown_text(text: str) -> str:
    """Text for a one-line message: as it is if printable, else with its escapes shown."""
    return text if text.isprintable() else ascii(text)


def shown_path(path: Path) -> str:
    try:
        shown = path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except (ValueError, OSError, RuntimeError):
        shown = str(path)
    return shown_text(shown)


def provenance(options: Options, raw: bytes, today: datetime.date) -> bytes:
    """``<sources>/<slug>.yml``: where the kept text came from, as the project's other sources say it."""
    values = {
        "municipality": options.name,
        "municipality_number": options.number,
        "file": f"{options.slug}.txt",
        "sha256": hashlib.sha256(raw).hexdigest(),
        "received": today.isoformat(),
        "received_as": options.input.name,
        "how": f"{HOW}: {options.how}" if options.how else HOW,
    }
    text = "\n".join(
        [
            f"# Provenance of sources/{options.slug}.txt: the guideline text exactly as the project received it.",
            f"municipality: {grammar.yaml_scalar(values['municipality'])}",
            f'municipality_number: "{values["municipality_number"]}"',
            f"file: {values['file']}",
            f"sha256: {grammar.yaml_scalar(values['sha256'])}",
            f'received: "{values["received"]}"',
            f"received_as: {grammar.yaml_scalar(values['received_as'])}",
            f"how: {grammar.yaml_scalar(values['how'])}",
            "",
        ]
    )
    if yaml.safe_load(text) != values:
        raise CheckError(f"the provenance does not read back as written:\n{text}")
    return text.encode("utf-8")


def build(options: Options, raw: bytes, source: str, topics: Sequence[Topic]) -> Result:
    """Everything up to (not including) writing: page, checks, translation, the kept source."""
    notes: list[str] = []
    blocks = decide_structure(raw_blocks(source), options.title, options.name)
    title_block = next((b for b in blocks if b.kind == "h" and b.level == 1), None)
    document_title = options.title or (title_block.text if title_block else None)
    if not document_title:
        raise InputError(f"{shown_path(options.input)}: fann inga tittellinje i teksta; gje tittelen med --title \"…\"")
    problem = fields.check_text(document_title)
    if problem and title_block is not None:
        raise InputError(
            f"{shown_path(options.input)}, {source_lines(title_block)}: tittellinja {problem}, "
            "eller gje tittelen med --title \"…\""
        )
    adoption = options.adoption
    if adoption is None:
        guessed = guess_adoption(blocks)
        adoption = guessed.text if guessed and not fields.check_text(guessed.text) else ""
        if guessed and adoption:
            notes.append(f"adoption guessed from source line {guessed.line}: {adoption!r} (check it, or pass --adoption)")
        elif guessed:
            notes.append(f"source line {guessed.line} looks like the adoption but cannot be front matter; pass --adoption")
    notes += [
        f"source line {line}: list joined to the list above it (Markdown cannot keep adjacent lists apart); "
        "check its markers"
        for line in joined_lists(blocks)
    ]
    items = annotate(blocks, options.slug, topics)
    rendered = markdown_body(items)
    page = grammar.Page(front_matter(options, document_title, adoption), (grammar.blank(), *rendered.body, grammar.blank()))
    paths = target_paths(options)
    text_lines = {page.body_start + 1 + rendered.block_lines[i]: item.block for i, item in enumerate(items)}
    guideline, count = check_page(source, page, paths[0], shown_path(paths[0]), text_lines, options.input)
    text = grammar.write(page)
    pages = {paths[0]: text}
    if options.translate:
        pages[paths[1]] = translate_page(text, options.lang, paths[1], shown_path(paths[1]), guideline)
    unplaced = [
        (page.body_start + 1 + rendered.block_lines[i], item.block)
        for i, item in enumerate(items)
        if item.block.kind in ("p", "li") and not item.rule_id
    ]
    kept_text, kept_provenance = kept_paths(options)
    kept = {kept_text: raw, kept_provenance: provenance(options, raw, datetime.date.today())}
    return Result(pages, kept, guideline, count, unplaced, notes)


def os_reason(exc: OSError) -> str:
    """Why the operating system said no, in words (not its English message) where we can."""
    if isinstance(exc, PermissionError):
        return "manglar løyve"
    if exc.errno == errno.ENOSPC:
        return "disken er full"
    return exc.strerror or str(exc)


def write_files(files: dict[Path, bytes]) -> None:
    """Write every file, or none: each goes to a temporary file first, then all are moved into place."""
    created: list[Path] = []
    temporary: dict[Path, Path] = {}
    current = next(iter(files))
    try:
        for path in files:
            missing = [parent for parent in [path.parent, *path.parent.parents] if not parent.exists()]
            for current in reversed(missing):
                current.mkdir()
                created.append(current)
        for current, data in files.items():
            temporary[current] = current.with_name(f".{current.name}.{os.getpid()}.tmp")
            temporary[current].write_bytes(data)
    except OSError as exc:
        for temp in temporary.values():
            temp.unlink(missing_ok=True)
        for folder in reversed(created):
            folder.rmdir()
        raise InputError(f"kunne ikkje skrive {shown_path(current)} ({os_reason(exc)}); ingenting er skrive") from exc
    moved = []
    try:
        for path, temp in temporary.items():
            os.replace(temp, path)
            moved.append(shown_path(path))
    except OSError as exc:
        for temp in temporary.values():
            temp.unlink(missing_ok=True)
        written = f"berre {', '.join(moved)} er skrive" if moved else "ingenting er skrive"
        raise InputError(f"kunne ikkje skrive {shown_path(path)} ({os_reason(exc)}); {written}") from exc


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
    kept_text, kept_provenance = list(result.kept)
    print(f"kept the input as received in {shown_path(kept_text)}, its provenance in {shown_path(kept_provenance)}")
    if result.unplaced:
        print(f"{UNPLACED} ({len(result.unplaced)} blocks, now marked {{ .prosa }}):")
        for line, block in result.unplaced:
            text = block.text if len(block.text) <= 70 else block.text[:67] + "…"
            print(f"  {original}:{line} (source line {block.line}): {text}")
    print(f"next: review the topics in {original}, decide the blocks above, remove 'review: true', "
          f"then run: guidelines translate, and guidelines check")


def main(argv: Sequence[str] | None = None) -> int:
    """Check everything, build everything, then write: on any error nothing is written."""
    args = build_parser().parse_args(argv)
    if args.docs is None:
        args.docs = Project.find().docs
    try:
        options = validate_options(args)
        check_targets(options)
        check_not_elsewhere(options)
        raw, source = read_source(options)
        result = build(options, raw, source, load_topics(args.topics or Project.find().topics_file))
        write_files({path: text.encode("utf-8") for path, text in result.pages.items()} | result.kept)
    except InputError as exc:
        print(f"guidelines import: feil: {' '.join(str(exc).splitlines())}", file=sys.stderr)
        return 2
    except CheckError as exc:
        print(f"guidelines import: failed, nothing written: {exc}", file=sys.stderr)
        return 1
    report(result, options)
    return 0


if __name__ == "__main__":
    sys.exit(main())
