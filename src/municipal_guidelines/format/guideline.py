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

from municipal_guidelines.format import fields
from municipal_guidelines.format.errors import GuidelineError, GuidelineErrors
from municipal_guidelines.format.safety import url_problem

LANGS = fields.LANGS
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
_ANNOTATION = re.compile(r"^\s*\{:?\s*(?P<body>[^{}]*?)\s*\}\s*$")
_ATTR_TOKEN = re.compile(r'#(?P<id>[^\s"]+)|\.(?P<cls>[^\s"]+)|(?P<key>[\w-]+)="(?P<value>[^"]*)"|(?P<bad>\S+)')
_RAW_HTML = re.compile(r"</?[A-Za-z][^\s<>]*|<!|<\?")  # a tag, even unclosed, a comment or a declaration
_ESCAPED = re.compile(r"\\([\\`*_{}\[\]()#+\-.!<>|])")
RULE_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_FILENAME = re.compile(r"^(?P<slug>[a-z0-9-]+)\.(?P<lang>[a-z]{2})\.md$")
# Keys a guideline's front matter may have besides REQUIRED_META. The last three are written by
# guidelines translate on a translation only: what it was made from (see its --check).
TRANSLATION_META = ("original_sha256", "translator", "translation_sha256")
OPTIONAL_META = ("source", "review", *TRANSLATION_META)
_SHA256 = re.compile(r"[0-9a-f]{64}")
# attr_list also reads ``{ … }`` right after inline text (``*x*{ onclick=… }``) and on headings.
_INLINE_ATTRIBUTES = re.compile(r"\{:?[ \t]*(?:[#.]|[\w-]+[ \t]*=)")
_HEADING_ID = re.compile(r"^(?P<text>.*?)[ \t]*\{:?[ \t]*(?P<body>[^{}]*?)[ \t]*\}[ \t]*$")
_LINK_TARGET = re.compile(r"(?P<image>!?)\[[^\]]*\]\([ \t]*<?(?P<url>[^)>]*)")
_REFERENCE_DEFINITION = re.compile(r"^[ \t]*\[[^\]]+\]:[ \t]*<?(?P<url>[^\s>]+)")


@dataclass(frozen=True)
class Meta:
    municipality: str
    municipality_number: str
    county: str
    original_language: str
    document_title: str
    adoption: str
    review: bool = False
    source: str = ""  # the text as received, in sources/
    original_sha256: str = ""  # a translation: digest of the original it was made from
    translator: str = ""  # a translation: the machine translator and its version


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
    # Exactly as MkDocs reads it (mkdocs.utils.meta): "---" at the very start, no indentation.
    if not lines or lines[0].rstrip(" \t") != "---":
        raise GuidelineError(path, 1, "sida må byrje med ei framside (front matter): ei linje '---', felta, og ei linje '---' til")
    for end in range(1, len(lines)):
        if lines[end].rstrip(" \t") in ("---", "..."):
            break
    else:
        raise GuidelineError(path, 1, "framsida (front matter) manglar den avsluttande linja '---'")
    try:
        data = yaml.load("\n".join(lines[1:end]), Loader=_YAML_LOADER) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = mark.line + 2 if mark else 1  # the YAML starts on the file's second line
        raise GuidelineError(
            path,
            line,
            "framsida (front matter) kan ikkje lesast: kvar linje skal vere «felt: verdi», og ein verdi "
            "med kolon, # eller hermeteikn skal stå i hermeteikn, til dømes adoption: \"Vedteke: 2013\"",
        ) from exc
    if not isinstance(data, dict):
        raise GuidelineError(path, 2, "framsida (front matter) skal ha linjer av typen «felt: verdi»")
    key_lines = {}
    for number, line in enumerate(lines[1:end], start=2):
        match = re.match(r"^([A-Za-z_][\w-]*)\s*:", line)
        if match:
            key_lines.setdefault(match.group(1), number)
    return data, key_lines, end + 2


def _field_error(path: str, key_lines: dict[str, int], key: str, problem: str) -> GuidelineError:
    return GuidelineError(path, key_lines.get(key, 1), f"feltet «{key}» i framsida {problem}")


def parse_meta(data: dict, key_lines: dict[str, int], path: str, lang: str | None = None) -> Meta:
    """Check the front matter: the keys FORMAT.md defines, each of its type and character set."""
    unknown = [str(key) for key in data if key not in REQUIRED_META + OPTIONAL_META]
    if unknown:
        raise GuidelineError(
            path,
            key_lines.get(unknown[0], 1),
            f"ukjend felt «{unknown[0]}» i framsida; tillatne felt er {', '.join(REQUIRED_META + OPTIONAL_META)}",
        )
    missing = [key for key in REQUIRED_META if key not in data or data[key] is None]
    if missing:
        raise GuidelineError(
            path, 1, f"framsida manglar {', '.join(missing)}; kvar retningslinje treng {', '.join(REQUIRED_META)}"
        )
    for key, value in data.items():
        if key not in ("review", "municipality_number") and not isinstance(value, str):
            raise _field_error(path, key_lines, key, f"må vere tekst i hermeteikn; no står det {value!r}")
    values = {key: data[key].strip() if isinstance(data[key], str) else data[key] for key in REQUIRED_META}
    checks = {
        "municipality": fields.check_name,
        "county": fields.check_name,
        "municipality_number": fields.check_number,
        "original_language": fields.check_language,
        "document_title": fields.check_text,
        "adoption": fields.check_text,
    }
    for key, check in checks.items():
        if key in ("municipality", "county", "document_title") and not values[key]:
            raise _field_error(path, key_lines, key, "er tomt; fyll det ut")
        problem = check(values[key])
        if problem:
            raise _field_error(path, key_lines, key, problem)
    if "source" in data:
        problem = fields.check_source(data["source"])
        if problem:
            raise _field_error(path, key_lines, "source", problem)
    if "review" in data and not isinstance(data["review"], bool):
        raise _field_error(path, key_lines, "review", f"må vere true eller false; no står det {data['review']!r}")
    is_translation = lang is not None and lang != values["original_language"]
    for key in TRANSLATION_META:
        if key in data and not is_translation:
            raise _field_error(path, key_lines, key, "høyrer berre til ei omsetjing; fjern det frå originalen")
    for key in ("original_sha256", "translation_sha256"):
        if key in data and not _SHA256.fullmatch(data[key]):
            raise _field_error(path, key_lines, key, "er ikkje ein sjekksum; lag omsetjinga på nytt med guidelines translate")
    if "translator" in data:
        problem = fields.check_text(data["translator"], max_length=fields.MAX_NAME)
        if problem:
            raise _field_error(path, key_lines, "translator", problem)
    return Meta(
        **values,
        review=data.get("review") is True,
        source=data.get("source", ""),
        original_sha256=data.get("original_sha256", ""),
        translator=data.get("translator", ""),
    )


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
    what = "Listepunktet" if block.kind == "li" else "Avsnittet"
    text = " ".join(part.strip() for part in block.lines).strip()
    if annotation is None:
        raise GuidelineError(
            path,
            block.line,
            f"{what} manglar merknad ({text[:60]!r}). Avslutt det med ei eiga linje "
            f"'{{ #<kommune>-<nummer> data-topics=\"<tema> …\" }}' om det er ein regel, "
            f"eller '{{ .{PROSE_CLASS} }}' om det ikkje er ein regel",
        )
    rule_id, classes, attrs, bad = parse_annotation(annotation)
    extra = bad + [f".{c}" for c in classes if c != PROSE_CLASS] + [k for k in attrs if k != "data-topics"]
    if extra:
        raise GuidelineError(
            path,
            ann_line,
            f"merknaden kan ikkje innehalde {' '.join(extra)!r}: skriv berre #<id> og data-topics=\"…\" "
            f"for ein regel, eller .{PROSE_CLASS} for tekst som ikkje er ein regel",
        )
    topics = tuple(attrs.get("data-topics", "").split())
    if PROSE_CLASS in classes:
        if "data-topics" in attrs or rule_id:
            raise GuidelineError(
                path, ann_line, f"ein merknad er anten ein regel (#id og data-topics) eller .{PROSE_CLASS}, ikkje begge"
            )
        return None
    if "data-topics" not in attrs:
        raise GuidelineError(
            path, ann_line, f"merknaden seier verken kva tema regelen har eller at teksta er .{PROSE_CLASS}: legg til data-topics=\"…\" eller .{PROSE_CLASS}"
        )
    if not topics:
        raise GuidelineError(path, ann_line, "regelen har ingen tema: skriv minst eitt tema i data-topics=\"…\"")
    if not rule_id:
        raise GuidelineError(path, ann_line, "regelen har ingen id: legg til #<kommune>-<nummer> i merknaden")
    if not RULE_ID.match(rule_id):
        raise GuidelineError(path, ann_line, f"id-en {rule_id!r} kan berre ha små bokstavar a–z, siffer og bindestrek")
    return Rule(id=rule_id, topics=topics, text=display_text(text), line=block.line, kind=block.kind, section=block.section)


def check_text_line(text: str, line: int, path: str) -> list[GuidelineError]:
    """What a line of text may not hold: markup, character references, hidden characters, inline
    attributes, links that run script or leave the site for an image."""
    errors = []
    raw = _RAW_HTML.search(text)
    if raw:
        errors.append(GuidelineError(path, line, f"teksta inneheld HTML-kode ({raw.group(0)!r}); skriv vanleg tekst"))
    reference = fields.character_reference(text)
    if reference:
        errors.append(GuidelineError(path, line, f"teksta inneheld teiknkoden {reference!r}; skriv sjølve teiknet i staden"))
    hidden = fields.control_character(text, allowed="\t")
    if hidden:
        errors.append(GuidelineError(path, line, f"teksta inneheld eit usynleg kontrollteikn ({hidden}); skriv linja på nytt utan det"))
    if _INLINE_ATTRIBUTES.search(text):
        errors.append(
            GuidelineError(
                path, line, "krøllparentesar med # . eller = midt i teksta lagar skjulte eigenskapar; merknaden skal stå på ei eiga linje"
            )
        )
    targets = [(m.group("image"), m.group("url")) for m in _LINK_TARGET.finditer(text)]
    definition = _REFERENCE_DEFINITION.match(text)
    if definition:
        targets.append(("", definition.group("url")))
    for image, url in targets:
        problem = link_problem(url, image=bool(image))
        if problem:
            errors.append(GuidelineError(path, line, problem))
    return errors


def link_problem(url: str, *, image: bool) -> str | None:
    """Links go to web pages (http, https), e-mail (mailto) or this site; images come from this site."""
    target = url.strip().split(" ")[0] if url.strip() else ""  # without a link title
    return url_problem(target, same_site=image)


def display_text(markdown_text: str) -> str:
    """The text a reader sees: Markdown backslash escapes and character references resolved."""
    return html.unescape(_ESCAPED.sub(r"\1", markdown_text))


def _heading_text(text: str, line: int, path: str) -> tuple[str, list[GuidelineError]]:
    """A heading's text, and what is wrong with it: it may end in a plain ``{ #id }``, nothing more."""
    errors = []
    attributes = _HEADING_ID.match(text)
    if attributes:
        text = attributes.group("text")
        rule_id, classes, attrs, bad = parse_annotation(attributes.group("body"))
        if "data-topics" in attrs or PROSE_CLASS in classes:
            errors.append(
                GuidelineError(path, line, f"ei overskrift kan ikkje vere ein regel eller .{PROSE_CLASS}: fjern merknaden frå overskrifta")
            )
        elif classes or attrs or bad or not rule_id or not RULE_ID.match(rule_id):
            errors.append(
                GuidelineError(path, line, "ei overskrift kan berre ha ein id, til dømes { #kontakt }: fjern alt anna i krøllparentesen")
            )
    return text, errors + check_text_line(text, line, path)


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
                errors.append(GuidelineError(path, number, "merknaden står ikkje rett etter eit avsnitt eller eit listepunkt"))
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
                section, heading_errors = _heading_text(heading.group(2), number, path)
                errors += heading_errors
            elif item and not _RULE_LINE.match(line):
                indent = len(item.group("indent")) + len(item.group("marker")) + 1
                open_block = _Block("li", number, indent, [item.group("text") or ""], section)
                errors += check_text_line(item.group("text") or "", number, path)
            continue
        errors += check_text_line(line, number, path)
        if open_block is None:
            open_block = _Block("p", number, 0, [line], section)
        else:
            open_block.lines.append(line)
    if open_block is not None:
        close(None, first_line + len(lines))
    if errors:
        raise GuidelineErrors(errors)
    return rules, prose


# Front matter of pages that are not guidelines (home, "Om", the stubs the hooks fill).
PAGE_META = {
    "generated": ("overview", "matrix", "coverage", "topics", "topic"),
    "topic": None,  # a topic id; data/topics.yml decides which exist
    "hide": ("navigation", "toc", "footer", "path", "tags", "feedback"),
}


def check_page(text: str, shown: str) -> list[GuidelineError]:
    """A page that is not a guideline: its front matter holds only the keys the site uses, and its
    text lines pass the same checks as a guideline's (no markup, references, attributes, bad links)."""
    lines = text.split("\n")
    body_start = 1
    data: dict = {}
    if lines and lines[0].rstrip(" \t") == "---":
        data, key_lines, body_start = split_front_matter(text, shown)
    else:
        key_lines = {}
    errors = []
    for key, value in data.items():
        allowed = PAGE_META.get(key, ())
        line = key_lines.get(key, 1)
        if key not in PAGE_META:
            errors.append(GuidelineError(shown, line, f"ukjend felt «{key}» i framsida; tillatne felt er {', '.join(PAGE_META)}"))
        elif key == "topic" and not (isinstance(value, str) and RULE_ID.match(value)):
            errors.append(GuidelineError(shown, line, "feltet «topic» må vere ein tema-id frå data/topics.yml"))
        elif key == "hide" and not (isinstance(value, list) and all(v in allowed for v in value)):
            errors.append(GuidelineError(shown, line, f"feltet «hide» er ei liste med nokre av {', '.join(allowed)}"))
        elif key == "generated" and value not in allowed:
            errors.append(GuidelineError(shown, line, f"feltet «generated» er eitt av {', '.join(allowed)}"))
    for number, line in enumerate(lines[body_start - 1 :], start=body_start):
        heading = _HEADING.match(line)
        errors += check_text_line(heading.group(2) if heading else line, number, shown)
    return errors


def parse_filename(path: Path) -> tuple[str, str]:
    """``kommunar/loten.nb.md`` → ("loten", "nb")."""
    match = _FILENAME.match(path.name)
    if not match or match.group("lang") not in LANGS:
        raise GuidelineError(
            str(path), 1, f"filnamnet {path.name!r} passar ikkje: ei retningslinje heiter <kommune>.nb.md eller <kommune>.nn.md, med små bokstavar a–z"
        )
    return match.group("slug"), match.group("lang")


def parse_guideline(text: str, path: Path, display_path: str | None = None) -> Guideline:
    """Parse a whole guideline page. Raises GuidelineError/GuidelineErrors on bad input."""
    shown = display_path or str(path)
    slug, lang = parse_filename(path)
    data, key_lines, body_start = split_front_matter(text, shown)
    meta = parse_meta(data, key_lines, shown, lang)
    body = text.split("\n")[body_start - 1 :]
    rules, prose = parse_body(body, body_start, shown)
    return Guideline(
        slug=slug, lang=lang, path=shown, meta=meta, rules=tuple(rules), prose=prose, meta_lines=key_lines
    )
