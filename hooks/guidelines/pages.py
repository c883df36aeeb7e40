"""Parse one guideline page: front matter plus annotated Markdown (see FORMAT.md).

The parser understands exactly the Markdown subset guideline pages use: ATX headings, ``---``
rules, paragraphs and (nested) ``-``/``1.`` list items, each paragraph and item closed by an
attr_list annotation line. It records every block with its line number, so that every error
names the file and the line.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .errors import GuidelineError, GuidelineErrors

LANGS = ("nb", "nn")
REQUIRED_META = (
    "municipality",
    "municipality_number",
    "county",
    "original_language",
    "document_title",
    "adoption",
)
PROSE_CLASS = "prosa"

_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when available: 10x faster
_HEADING = re.compile(r"^(#{1,6})(?!#)\s*(.*?)\s*#*\s*$")  # as Python-Markdown: no space needed
_RULE_LINE = re.compile(r"^\s{0,3}([-*_])(\s*\1){2,}\s*$")
_LIST_ITEM = re.compile(r"^(?P<indent> *)(?P<marker>[-*+]|\d{1,9}\.)(?: +(?P<text>.*)|$)")  # no "1)" in Python-Markdown
_HEADING_ANNOTATION = re.compile(r"\{[^{}]*(data-topics|\.%s)[^{}]*\}" % "prosa")
_ANNOTATION = re.compile(r"^\s*\{:?\s*(?P<body>[^{}]*?)\s*\}\s*$")
_ATTR_TOKEN = re.compile(r'#(?P<id>[^\s"]+)|\.(?P<cls>[^\s"]+)|(?P<key>[\w-]+)="(?P<value>[^"]*)"|(?P<bad>\S+)')
_RAW_HTML = re.compile(r"</?[A-Za-z][^\s<>]*|<!|<\?")  # a tag, even unclosed, a comment or a declaration
_ESCAPED = re.compile(r"\\([\\`*_{}\[\]()#+\-.!<>|])")
RULE_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_FILENAME = re.compile(r"^(?P<slug>[a-z0-9-]+)\.(?P<lang>[a-z]{2})\.md$")
_NUMBER = re.compile(r"^\d{4}$")


@dataclass(frozen=True)
class Meta:
    municipality: str
    municipality_number: str
    county: str
    original_language: str
    document_title: str
    adoption: str
    review: bool = False


@dataclass(frozen=True)
class Rule:
    """One annotated rule: a list item or a paragraph that carries an id and topics."""

    id: str
    topics: tuple[str, ...]
    text: str
    line: int
    kind: str  # "li" or "p"
    section: str  # the heading the rule stands under ("" before the first heading)


@dataclass(frozen=True)
class Guideline:
    slug: str
    lang: str
    path: str
    meta: Meta
    rules: tuple[Rule, ...]
    prose: int  # blocks annotated as stating no rule
    meta_lines: dict[str, int] = field(default_factory=dict, compare=False)

    @property
    def is_original(self) -> bool:
        return self.lang == self.meta.original_language


@dataclass
class _Block:
    kind: str  # "li" or "p"
    line: int
    indent: int  # column where the block's text starts (list items) or 0
    lines: list[str]
    section: str


def split_front_matter(text: str, path: str) -> tuple[dict, dict[str, int], int]:
    """Return (front matter, line of each key, line number where the body starts)."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        raise GuidelineError(path, 1, "the page must start with YAML front matter between '---' lines")
    for end in range(1, len(lines)):
        if lines[end].strip() in ("---", "..."):
            break
    else:
        raise GuidelineError(path, 1, "front matter is not closed by a '---' line")
    try:
        data = yaml.load("\n".join(lines[1:end]), Loader=_YAML_LOADER) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark else 1
        raise GuidelineError(path, line, f"front matter is not valid YAML: {exc}") from exc
    if not isinstance(data, dict):
        raise GuidelineError(path, 2, "front matter must be a mapping of keys to values")
    key_lines = {}
    for number, line in enumerate(lines[1:end], start=2):
        match = re.match(r"^([A-Za-z_][\w-]*)\s*:", line)
        if match:
            key_lines.setdefault(match.group(1), number)
    return data, key_lines, end + 2


def parse_meta(data: dict, key_lines: dict[str, int], path: str) -> Meta:
    """Check the required front matter keys and their values."""
    missing = [key for key in REQUIRED_META if key not in data or data[key] is None]
    if missing:
        raise GuidelineError(
            path, 1, f"front matter lacks {', '.join(missing)}; every guideline needs {', '.join(REQUIRED_META)}"
        )
    values = {key: str(data[key]).strip() for key in REQUIRED_META}
    for key in ("municipality", "county", "document_title"):
        if not values[key]:
            raise GuidelineError(path, key_lines.get(key, 1), f"front matter '{key}' is empty")
    number = data["municipality_number"]
    if not isinstance(number, str) or not _NUMBER.match(number):
        raise GuidelineError(
            path,
            key_lines.get("municipality_number", 1),
            f"municipality_number must be four digits in quotes, e.g. \"0301\"; found {number!r}",
        )
    if values["original_language"] not in LANGS:
        raise GuidelineError(
            path,
            key_lines.get("original_language", 1),
            f"original_language must be one of {', '.join(LANGS)}; found {values['original_language']!r}",
        )
    for key in ("municipality", "county", "document_title", "adoption"):
        found = _RAW_HTML.search(values[key])
        if found:
            raise GuidelineError(path, key_lines.get(key, 1), f"raw HTML in front matter '{key}': {found.group(0)!r}; write plain text")
    return Meta(**values, review=data.get("review") is True)


def parse_annotation(body: str) -> tuple[str | None, tuple[str, ...], dict[str, str], list[str]]:
    """Split an attr_list body into (id, classes, attributes, unparseable tokens)."""
    rule_id: str | None = None
    classes: list[str] = []
    attrs: dict[str, str] = {}
    bad: list[str] = []
    for match in _ATTR_TOKEN.finditer(body):
        if match.group("id"):
            rule_id = match.group("id")
        elif match.group("cls"):
            classes.append(match.group("cls"))
        elif match.group("key"):
            attrs[match.group("key")] = match.group("value")
        else:
            bad.append(match.group("bad"))
    return rule_id, tuple(classes), attrs, bad


def _close_block(block: _Block, annotation: str | None, ann_line: int, path: str) -> Rule | None:
    """Turn a finished block into a Rule (or None for prose); raise if it is not annotated."""
    what = "list item" if block.kind == "li" else "paragraph"
    text = " ".join(part.strip() for part in block.lines).strip()
    if _RAW_HTML.search(text):
        raise GuidelineError(
            path, block.line, f"raw HTML in the text of this {what}: {_RAW_HTML.search(text).group(0)!r}; write plain text"
        )
    if annotation is None:
        raise GuidelineError(
            path,
            block.line,
            f"{what} has no annotation: end it with a line '{{ #<slug>-<n> data-topics=\"<topic> …\" }}' "
            f"if it states a rule, or '{{ .{PROSE_CLASS} }}' if it does not ({text[:60]!r})",
        )
    rule_id, classes, attrs, bad = parse_annotation(annotation)
    if bad:
        raise GuidelineError(path, ann_line, f"cannot read {' '.join(bad)!r} in the annotation; use #id, .class or key=\"value\"")
    topics = tuple(attrs.get("data-topics", "").split())
    if PROSE_CLASS in classes:
        if topics or "data-topics" in attrs:
            raise GuidelineError(path, ann_line, f"an annotation is either a rule (data-topics) or .{PROSE_CLASS}, not both")
        return None
    if "data-topics" not in attrs:
        raise GuidelineError(
            path, ann_line, f"annotation states neither topics nor .{PROSE_CLASS}: add data-topics=\"…\" or .{PROSE_CLASS}"
        )
    if not topics:
        raise GuidelineError(path, ann_line, "rule has no topics: list at least one topic id in data-topics=\"…\"")
    if not rule_id:
        raise GuidelineError(path, ann_line, "rule has no id: add #<slug>-<n> to its annotation")
    if not RULE_ID.match(rule_id):
        raise GuidelineError(path, ann_line, f"rule id {rule_id!r} must be lower-case letters, digits and hyphens")
    return Rule(id=rule_id, topics=topics, text=display_text(text), line=block.line, kind=block.kind, section=block.section)


def display_text(markdown_text: str) -> str:
    """The text a reader sees: Markdown backslash escapes and character references resolved."""
    return html.unescape(_ESCAPED.sub(r"\1", markdown_text))


def parse_body(lines: list[str], first_line: int, path: str) -> tuple[list[Rule], int]:
    """Walk the body lines and return (rules in document order, number of prose blocks)."""
    rules: list[Rule] = []
    prose = 0
    open_block: _Block | None = None
    section = ""
    errors: list[GuidelineError] = []

    def close(annotation: str | None, ann_line: int) -> None:
        nonlocal open_block, prose
        assert open_block is not None
        try:
            rule = _close_block(open_block, annotation, ann_line, path)
        except GuidelineError as exc:
            errors.append(exc)
            rule = None
        else:
            if rule is None:
                prose += 1
            else:
                rules.append(rule)
        open_block = None

    for offset, raw in enumerate(lines):
        number = first_line + offset
        line = raw.rstrip()
        annotation = _ANNOTATION.match(line)
        if annotation:
            if open_block is None:
                errors.append(GuidelineError(path, number, "annotation does not follow a paragraph or list item"))
            else:
                close(annotation.group("body"), number)
            continue
        if not line.strip():
            if open_block is not None:
                close(None, number)
            continue
        heading = _HEADING.match(line)
        item = _LIST_ITEM.match(line)
        if heading or _RULE_LINE.match(line) or item:
            if open_block is not None:
                close(None, number)
            if heading:
                section = heading.group(2)
                if _RAW_HTML.search(section):
                    errors.append(GuidelineError(path, number, "raw HTML in a heading; write plain text"))
                if _HEADING_ANNOTATION.search(section):
                    errors.append(GuidelineError(path, number, "a heading cannot be a rule or prose: remove data-topics/.prosa from it"))
            elif item and not _RULE_LINE.match(line):
                indent = len(item.group("indent")) + len(item.group("marker")) + 1
                open_block = _Block("li", number, indent, [item.group("text") or ""], section)
            continue
        if open_block is None:
            open_block = _Block("p", number, 0, [line], section)
        else:
            open_block.lines.append(line)
    if open_block is not None:
        close(None, first_line + len(lines))
    if errors:
        raise GuidelineErrors(errors)
    return rules, prose


def parse_filename(path: Path) -> tuple[str, str]:
    """``kommunar/loten.nb.md`` → ("loten", "nb")."""
    match = _FILENAME.match(path.name)
    if not match or match.group("lang") not in LANGS:
        raise GuidelineError(
            str(path), 1, f"guideline file names are <slug>.<nb|nn>.md with a lower-case ASCII slug; found {path.name!r}"
        )
    return match.group("slug"), match.group("lang")


def parse_guideline(text: str, path: Path, display_path: str | None = None) -> Guideline:
    """Parse a whole guideline page. Raises GuidelineError/GuidelineErrors on bad input."""
    shown = display_path or str(path)
    slug, lang = parse_filename(path)
    data, key_lines, body_start = split_front_matter(text, shown)
    meta = parse_meta(data, key_lines, shown)
    body = text.split("\n")[body_start - 1 :]
    rules, prose = parse_body(body, body_start, shown)
    return Guideline(
        slug=slug, lang=lang, path=shown, meta=meta, rules=tuple(rules), prose=prose, meta_lines=key_lines
    )
