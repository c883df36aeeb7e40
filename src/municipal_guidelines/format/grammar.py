"""The page format of FORMAT.md, read and written in one place.

Every tool that touches a page goes through this module: the build (``format.guideline`` checks
a parsed page), the importer (writes pages with ``write``) and the translator (parses a page,
replaces the text of its lines, writes it back). ``parse`` keeps every byte — byte-order mark,
fence lines, YAML comments, trailing spaces, line ends — so ``write(parse(text)) == text`` for
any text, and a page built from parts reads back as those parts.

The line grammar is the subset of Python-Markdown a guideline page uses, classified as the site
renders it:

- ``annotation``: an attr_list line on its own, ``{ #id data-topics="…" }`` or ``{ .prosa }``;
- ``blank``: nothing but white space;
- ``heading``: ``#`` … ``######`` at the start (no space needed, as in Python-Markdown), its text,
  an optional ``{ #id }`` and closing hashes;
- ``rule``: three or more ``-``, ``*`` or ``_`` (``---``);
- ``item``: a list item, ``-``, ``*``, ``+`` or ``1.`` (not ``1)``: Python-Markdown does not
  read that as a list) after any indentation;
- ``text``: anything else (a paragraph line).

``blocks`` groups the lines into paragraphs and list items, each with its annotation line.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property

import yaml

BOM = "\ufeff"
FENCE = "---"
_FENCE_END = ("---", "...")
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when available: 10x faster

ANNOTATION = re.compile(r"^\s*\{:?\s*(?P<body>[^{}]*?)\s*\}\s*$")
_HEADING = re.compile(r"^(?P<marks>#{1,6})(?!#)(?P<space>\s*)(?P<content>.*)$", re.DOTALL)
_HEADING_CLOSE = re.compile(r"^(?P<text>(?:\\.|[^\\])*?)(?P<close>\s*#*\s*)$", re.DOTALL)  # "C\#" keeps its "#"
_HEADING_ATTRIBUTES = re.compile(r"^(?P<text>.*?)(?P<attrs>[ \t]*(?<!\\)\{:?[ \t]*(?P<body>[^{}]*?)[ \t]*\}[ \t]*)$", re.DOTALL)  # not "\{"
_RULE = re.compile(r"^\s{0,3}([-*_])(\s*\1){2,}\s*$")
_ITEM = re.compile(r"^(?P<indent> *)(?P<marker>[-*+]|\d{1,9}\.)(?:(?P<space> +)(?P<text>.*)|$)", re.DOTALL)
_KEY = re.compile(r"^([A-Za-z_][\w-]*)[ \t]*:")
FRONT_MATTER_KEY = _KEY  # a top-level key at the start of a front-matter line
_TRAILING_SPACE = re.compile(r"\s*$")


# --------------------------------------------------------------------------------------------
# Lines
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Line:
    """One body line as written (``raw``) and what it is. ``raw[start:end]`` is its text: the words
    a reader sees (and a translator translates); everything around it is syntax (a line without
    words has an empty text at its end)."""

    kind: str  # annotation, blank, heading, rule, item, text
    raw: str
    start: int = 0
    end: int = 0
    level: int = 0  # heading: 1–6
    indent: int = 0  # item: spaces before the marker; annotation: spaces before "{"
    marker: str = ""  # item: "-", "*", "+" or "1."
    attributes: str | None = None  # annotation, or a heading's trailing { … }: what stands inside the braces

    @property
    def text(self) -> str:
        return self.raw[self.start : self.end]

    def with_text(self, text: str) -> Line:
        """The same line with other words (the syntax around them kept)."""
        return replace(self, raw=self.raw[: self.start] + text + self.raw[self.end :], end=self.start + len(text))

    @property
    def content_column(self) -> int:
        """Where an item's text starts (where its continuation lines and annotation are indented to)."""
        return self.indent + len(self.marker) + 1


def read_line(raw: str) -> Line:
    """Classify one body line (without its line end) as the build renders it."""
    content = raw.rstrip()
    annotation = ANNOTATION.match(content)
    if annotation:
        return Line("annotation", raw, len(raw), len(raw), indent=len(raw) - len(raw.lstrip()), attributes=annotation.group("body"))
    if not content.strip():
        return Line("blank", raw, len(raw), len(raw))
    heading = _HEADING.match(content)
    if heading:
        start = len(heading.group("marks")) + len(heading.group("space"))
        words = _HEADING_CLOSE.match(heading.group("content")).group("text")
        attributes = _HEADING_ATTRIBUTES.match(words)
        if attributes:
            words = attributes.group("text")
        return Line(
            "heading",
            raw,
            start,
            start + len(words),
            level=len(heading.group("marks")),
            attributes=attributes.group("body") if attributes else None,
        )
    if _RULE.match(content):
        return Line("rule", raw, len(raw), len(raw))
    item = _ITEM.match(content)
    if item:
        start = len(item.group("indent")) + len(item.group("marker")) + len(item.group("space") or "")
        return Line("item", raw, start, len(content), indent=len(item.group("indent")), marker=item.group("marker"))
    start = len(content) - len(content.lstrip())
    return Line("text", raw, start, len(content))


def escape(text: str, line_start: bool = True) -> str:
    """Plain text → Markdown that renders to exactly that text (no emphasis, links, attrs).
    Without ``line_start`` the text follows a heading's ``## ``, where «1. Formål» or «- x» starts
    no list and needs no backslash.

    ``<`` and ``&`` stay as they are: a page may hold neither a tag nor a character reference
    (``parse_guideline`` refuses both, and the importer reports the input line), and a lone ``<``
    or ``&`` is text to Python-Markdown.
    """
    text = text.replace("\\", "\\\\")
    text = re.sub(r"([`*_\[\]{}])", r"\\\1", text)
    text = re.sub(r"#$", r"\\#", text)  # a closing hash of a heading (before the start: "#" alone)
    if not line_start:
        return text
    text = re.sub(r"^([#>+-]|!!!)", r"\\\1", text)  # a heading, quote, list item or --- rule
    return re.sub(r"^(\d+)\.(\s|$)", r"\1\\.\2", text)  # «0.» alone, too (hypothesis found it)


def heading(level: int, text: str, attributes: str | None = None) -> Line:
    """A heading line: ``## Text`` (``## Text { #id }`` with attributes)."""
    suffix = f" {{ {attributes} }}" if attributes else ""
    return read_line(f"{'#' * level} {text}{suffix}")


def item(marker: str, text: str, indent: int = 0) -> Line:
    return read_line(f"{' ' * indent}{marker} {text}")


def text_line(text: str, indent: int = 0) -> Line:
    return read_line(" " * indent + text)


def annotation(body: str, indent: int = 0) -> Line:
    return read_line(f"{' ' * indent}{{ {body} }}")


def blank() -> Line:
    return read_line("")


def rule() -> Line:
    return read_line(FENCE)


# --------------------------------------------------------------------------------------------
# Front matter
# --------------------------------------------------------------------------------------------


class FrontMatterError(ValueError):
    """The front matter cannot be read; ``line`` is the file's line (1 = the first line)."""

    def __init__(self, line: int, problem: str) -> None:
        super().__init__(problem)
        self.line = line
        self.problem = problem


@dataclass(frozen=True)
class FrontMatter:
    """The YAML between the fence lines, every line as written."""

    lines: tuple[str, ...]
    opening: str = FENCE
    closing: str = FENCE

    @cached_property
    def data(self) -> dict:
        """The values (FrontMatterError if the YAML cannot be read or is not ``key: value`` lines)."""
        try:
            data = yaml.load("\n".join(self.lines), Loader=_YAML_LOADER)
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
            raise FrontMatterError(mark.line + 2 if mark else 1, "yaml") from exc  # the YAML starts on line 2
        if data is None:
            return {}
        if not isinstance(data, dict):
            raise FrontMatterError(2, "not a mapping")
        return data

    @cached_property
    def key_lines(self) -> dict[str, int]:
        """The file line of each top-level key."""
        lines: dict[str, int] = {}
        for number, line in enumerate(self.lines, start=2):
            match = _KEY.match(line)
            if match:
                lines.setdefault(match.group(1), number)
        return lines

    def spans(self) -> dict[str, tuple[int, int]]:
        """Line span ``[start, end)`` of every top-level key: its line and indented continuation lines."""
        spans: dict[str, tuple[int, int]] = {}
        for start, line in enumerate(self.lines):
            match = _KEY.match(line)
            if not match:
                continue
            end = start + 1
            while end < len(self.lines) and (not self.lines[end].strip() or self.lines[end][:1] in " \t"):
                end += 1
            while end > start + 1 and not self.lines[end - 1].strip():
                end -= 1  # trailing blank lines are not part of the value
            spans[match.group(1)] = (start, end)
        return spans

    def with_values(self, values: Mapping[str, str]) -> FrontMatter:
        """The same front matter with some values replaced; each keeps its key, quoting style and
        trailing comment, and becomes one line. Every other line stays as written."""
        spans = self.spans()
        lines = list(self.lines)
        for key in sorted(values, key=lambda k: spans[k][0], reverse=True):
            start, end = spans[key]
            head, raw = self.lines[start].split(":", 1)
            comment = trailing_comment(raw) if end == start + 1 else ""
            lines[start:end] = [f"{head}: {yaml_scalar(values[key], scalar_style(raw))}{comment}"]
        changed = replace(self, lines=tuple(lines))
        if changed.data != {**self.data, **values}:
            raise ValueError(f"front matter did not read back as written: {changed.data!r}")
        return changed

    def with_lines(self, extra: Iterable[str]) -> FrontMatter:
        """The front matter with lines added at its end."""
        return replace(self, lines=(*self.lines, *extra))

    def without(self, key: str) -> FrontMatter:
        """The front matter without a key's lines."""
        span = self.spans().get(key)
        if span is None:
            return self
        return replace(self, lines=self.lines[: span[0]] + self.lines[span[1] :])


def front_matter(values: Mapping[str, str | bool], quoted: Iterable[str] = ()) -> FrontMatter:
    """Front matter for ``values`` in order; keys in ``quoted`` always in double quotes."""
    quoted = set(quoted)
    lines = []
    for key, value in values.items():
        if isinstance(value, bool):
            lines.append(f"{key}: {'true' if value else 'false'}")
        else:
            lines.append(f"{key}: {yaml_scalar(value, chr(34) if key in quoted else '')}")
    return FrontMatter(tuple(lines))


_DOUBLE_QUOTED = re.compile(r'[ \t]*("(?:[^"\\]|\\.)*")([ \t]*(?:#.*)?)$')
_SINGLE_QUOTED = re.compile(r"[ \t]*('(?:[^']|'')*')([ \t]*(?:#.*)?)$")
_PLAIN_COMMENT = re.compile(r"[ \t]+#.*$")


def scalar_style(raw: str) -> str:
    """Quoting style of a one-line YAML scalar (the text after ``key:``): ``"``, ``'`` or ``""`` (plain)."""
    stripped = raw.lstrip()
    return stripped[:1] if stripped[:1] in ('"', "'") else ""


def trailing_comment(raw: str) -> str:
    """The `` # comment`` after a one-line YAML scalar (the text after ``key:``), or ``""``."""
    for pattern in (_DOUBLE_QUOTED, _SINGLE_QUOTED):
        match = pattern.match(raw)
        if match:
            return match.group(2)
    match = _PLAIN_COMMENT.search(raw)
    return match.group(0) if match and scalar_style(raw) == "" else ""


def yaml_scalar(value: str, style: str = "") -> str:
    """A one-line YAML scalar that reads back as ``value``: plain (``""``) when it can be, single
    quoted (``'``), or double quoted (``"``, the fallback: a JSON string is a YAML double-quoted scalar)."""
    if style == "'" and value.isprintable():
        return "'" + value.replace("'", "''") + "'"
    if style == "" and value and "\n" not in value:
        try:  # plain only if libyaml (MkDocs' reader where installed) and pure-Python YAML agree
            if all(yaml.load(f"k: {value}", Loader=loader) == {"k": value} for loader in {_YAML_LOADER, yaml.SafeLoader}):
                return value
        except yaml.YAMLError:
            pass
    return double_quoted(value)


def _yaml_escape(char: str) -> str:
    code = ord(char)
    if char in '"\\':
        return "\\" + char
    if char == "\n":
        return "\\n"
    printable = code == 0x09 or 0x20 <= code <= 0x7E or 0xA0 <= code <= 0xD7FF or 0xE000 <= code <= 0xFFFD or code >= 0x10000
    if printable and char not in "\u2028\u2029\ufeff":
        return char
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def double_quoted(value: str) -> str:
    """A YAML double-quoted scalar on one line: characters YAML does not take as they are (line
    ends, DEL, C1 controls, lone surrogates, byte-order marks) as escapes."""
    return '"' + "".join(map(_yaml_escape, value)) + '"'


# --------------------------------------------------------------------------------------------
# Pages
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Page:
    """A whole page: byte-order mark, front matter (or none) and body lines."""

    front_matter: FrontMatter | None
    body: tuple[Line, ...]
    bom: bool = False

    @property
    def body_start(self) -> int:
        """The file line (1-based) of the first body line."""
        return len(self.front_matter.lines) + 3 if self.front_matter is not None else 1

    def numbered(self) -> Iterable[tuple[int, Line]]:
        """Body lines with their line numbers in the file."""
        return enumerate(self.body, start=self.body_start)

    def with_body(self, body: Sequence[Line]) -> Page:
        return replace(self, body=tuple(body))

    def with_front_matter(self, front: FrontMatter) -> Page:
        return replace(self, front_matter=front)


def parse(text: str) -> Page:
    """Read a page (lines end in ``\n``; a ``\r`` before it stays part of the line, as written).
    Raises FrontMatterError when an opening fence has no closing one."""
    bom = text.startswith(BOM)
    lines = text.removeprefix(BOM).split("\n")  # one mark only, as MkDocs reads a file ("utf-8-sig")
    front = None
    if lines[0].rstrip(" \t\r") == FENCE:
        # As MkDocs' front-matter pattern: the first line after the opening fence is always YAML,
        # and the closing fence ends in a line break (the last line of a file does not close it).
        for end in range(2, len(lines) - 1):
            if lines[end].rstrip(" \t\r") in _FENCE_END:
                break
        else:
            if len(lines) > 2 and lines[-1].rstrip(" \t\r") in _FENCE_END:
                raise FrontMatterError(len(lines), "closing fence without a line break")
            raise FrontMatterError(1, "no closing fence")
        front = FrontMatter(tuple(lines[1:end]), lines[0], lines[end])
        lines = lines[end + 1 :]
    return Page(front, tuple(read_line(line) for line in lines), bom)


def write(page: Page) -> str:
    """The page as text: ``write(parse(text)) == text``."""
    lines = [line.raw for line in page.body]
    if page.front_matter is not None:
        lines = [page.front_matter.opening, *page.front_matter.lines, page.front_matter.closing, *lines]
    return (BOM if page.bom else "") + "\n".join(lines)


# --------------------------------------------------------------------------------------------
# Blocks: paragraphs and list items with their annotations
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Block:
    """A paragraph (``p``) or list item (``li``): its lines, the annotation line that closes it
    (None: not annotated), the heading it stands under, and the file line of each part."""

    kind: str
    lines: tuple[Line, ...]
    line: int  # file line where it starts
    section: str
    annotation: Line | None = None
    annotation_line: int = 0

    @property
    def text(self) -> str:
        """Its words on one line, as Python-Markdown joins them."""
        return " ".join(part.text.strip() for part in self.lines).strip()


@dataclass
class Outline:
    """What ``blocks`` found: the blocks in order, headings with their lines, and stray annotations."""

    blocks: list[Block] = field(default_factory=list)
    headings: list[tuple[int, Line]] = field(default_factory=list)
    stray_annotations: list[int] = field(default_factory=list)  # annotation lines after no block


def blocks(page: Page) -> Outline:
    """Group the body into blocks. A block runs from a list item or a paragraph line to its
    annotation; a blank line, heading, rule or new item ends it without one."""
    outline = Outline()
    section = ""
    open_kind, open_lines, open_line = "", [], 0

    def close(annotation: Line | None = None, annotation_line: int = 0) -> None:
        nonlocal open_kind, open_lines
        if open_kind:
            outline.blocks.append(Block(open_kind, tuple(open_lines), open_line, section_of_block, annotation, annotation_line))
        open_kind, open_lines = "", []

    section_of_block = ""
    for number, line in page.numbered():
        if line.kind == "annotation":
            if open_kind:
                close(line, number)
            else:
                outline.stray_annotations.append(number)
            continue
        if line.kind in ("blank", "heading", "rule", "item"):
            close()
        if line.kind == "heading":
            section = line.text
            outline.headings.append((number, line))
        elif line.kind == "item":
            open_kind, open_lines, open_line, section_of_block = "li", [line], number, section
        elif line.kind == "text":
            if not open_kind:
                open_kind, open_lines, open_line, section_of_block = "p", [], number, section
            open_lines.append(line)
    close()
    return outline
