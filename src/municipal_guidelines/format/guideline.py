"""A guideline page checked and turned into the model: front matter and annotated rules (FORMAT.md).

``format.grammar`` reads the page's lines and blocks; this module says what a guideline's front
matter and annotations must hold and turns them into a ``Guideline``. Every error names the file
and the line, in words the people who edit pages understand (nynorsk).
"""

from __future__ import annotations

import dataclasses
import datetime
import html
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from markdown.extensions.toc import slugify

from municipal_guidelines.format import fields, grammar
from municipal_guidelines.format.errors import GuidelineError, GuidelineErrors
from municipal_guidelines.format.safety import RESERVED_IDS, TEMPLATE_IDS, url_problem
from municipal_guidelines.layout import GUIDELINE_DIR, LANGS, SITE_NAMES, VERSION_DIR

PROSE_CLASS = "prosa"

_ATTR_TOKEN = re.compile(r'#(?P<id>[^\s"]+)|\.(?P<cls>[^\s"]+)|(?P<key>[\w-]+)="(?P<value>[^"]*)"|(?P<bad>\S+)')
_RAW_HTML = re.compile(r"</?[A-Za-z][^\s<>]*|<!|<\?")  # a tag, even unclosed, a comment or a declaration
_ESCAPED = re.compile(r"\\([\\`*_{}\[\]()#+\-.!>|])")  # Python-Markdown's ESCAPED_CHARS with tables: not "<"
RULE_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_FILENAME = re.compile(r"^(?P<slug>[a-z0-9-]+)\.(?P<lang>[a-z]{2})\.md$")
_VERSION_FILENAME = re.compile(r"^(?P<date>[0-9]{4}-[0-9]{2}-[0-9]{2})\.(?P<lang>[a-z]{2})\.md$")
_SHA256 = re.compile(r"[0-9a-f]{64}")
# Every check of check_text_line needs one of these (a tag "<", a reference "&", attributes "{",
# a link "[…](…)" or definition "[…]:") or a character that is not printable.
_AUTOMAIL = re.compile(r"<[^<> !]+@[^@<> ]+>")  # Python-Markdown's automatic e-mail link
_MARKUP_CHARACTER = re.compile(r"[<&{\[\]]")
# attr_list also reads ``{ … }`` right after inline text (``*x*{ onclick=… }``) and on headings.
_INLINE_ATTRIBUTES = re.compile(r"\{:?[ \t]*(?:[#.]|[\w-]+[ \t]*=)")
_LINK_TARGET = re.compile(r"(?P<image>!?)\[[^\]]*\]\([ \t]*<?(?P<url>[^)>]*)")
_REFERENCE_DEFINITION = re.compile(r"^[ \t]*\[[^\]]+\]:[ \t]*<?(?P<url>[^\s>]+)")


def _check_sha256(value: str) -> str | None:
    return None if _SHA256.fullmatch(value) else "er ikkje ein sjekksum; lag omsetjinga på nytt med guidelines translate"


def _check_translator(value: str) -> str | None:
    return fields.check_text(value, max_length=fields.MAX_NAME)


_TO_CHECK = re.compile(r"(?:document_title|adoption|[1-9][0-9]{0,5})\.[0-9]{1,3}")


def _check_to_check(value: str) -> str | None:
    if all(_TO_CHECK.fullmatch(ref) for ref in value.split()):
        return None
    return "skal vere det guidelines translate skreiv (til dømes \"12.1 30.2\"); lag omsetjinga på nytt med guidelines translate"


def meta_field(
    check: Callable[[object], str | None] | None,
    *,
    kind: str = "text",
    required: bool = True,
    nonempty: bool = False,
    shared: bool = True,
    translated: bool = False,
    translation_only: bool = False,
    export: bool = True,
    default: object = "",
) -> Any:
    """A front-matter field: how it is checked and where it goes. ``kind``: text (a string), number
    (its check decides), bool. ``shared``: the original and its translation must agree on it;
    ``translated``: the translator translates it; ``translation_only``: written by the translator
    on a translation; ``export``: in the exports' list of municipalities."""
    spec = dict(check=check, kind=kind, required=required, nonempty=nonempty, shared=shared,
                translated=translated, translation_only=translation_only, export=export)
    return field(default=default, metadata=spec)


@dataclass(frozen=True)
class Meta:
    """A guideline's front matter. Each field says how it is checked and used (``meta_field``):
    adding a field here, to data/matrix.schema.json and to a template is all it takes."""

    municipality: str = meta_field(fields.check_name, nonempty=True)
    municipality_number: str = meta_field(fields.check_number, kind="number")
    county: str = meta_field(fields.check_name, nonempty=True)
    original_language: str = meta_field(fields.check_language)
    document_title: str = meta_field(fields.check_text, nonempty=True, shared=False, translated=True)
    adoption: str = meta_field(fields.check_text, shared=False, translated=True)
    source: str = meta_field(fields.check_source, required=False, export=False)  # the text as received, in sources/
    source_url: str = meta_field(fields.check_web_address, required=False)  # where the municipality publishes it
    review: bool = meta_field(None, kind="bool", required=False, export=False, default=False)  # topics not yet reviewed
    # The version's dates: adopted (by the decision, e.g. "PS 64/2013"), in force from, and received by the project.
    adopted: str = meta_field(fields.check_date, kind="date", required=False)
    decision: str = meta_field(fields.check_text, required=False)
    in_force: str = meta_field(fields.check_date, kind="date", required=False)
    received: str = meta_field(fields.check_date, kind="date", required=False)
    # Written by the translator on a translation: what it was made from (see guidelines translate --check).
    original_sha256: str = meta_field(_check_sha256, required=False, shared=False, translation_only=True, export=False)
    translator: str = meta_field(_check_translator, required=False, shared=False, translation_only=True, export=False)
    translation_sha256: str = meta_field(_check_sha256, required=False, shared=False, translation_only=True, export=False)
    # The sentences that did not survive being translated back ("<body line>.<sentence>"): marked on the page.
    to_check: str = meta_field(_check_to_check, required=False, shared=False, translation_only=True, export=False)


def meta_keys(**spec: bool) -> tuple[str, ...]:
    """The front-matter keys whose field has all of ``spec``, in FORMAT.md's order."""
    return tuple(f.name for f in dataclasses.fields(Meta) if all(f.metadata[k] == v for k, v in spec.items()))


REQUIRED_META = meta_keys(required=True)
OPTIONAL_META = meta_keys(required=False)
TRANSLATION_META = meta_keys(translation_only=True)


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
    # The text of every heading, item and paragraph line by its number in the body (1: the first
    # line after the front matter), and the rule each line belongs to: where ``to_check`` points.
    lines: dict[int, str] = field(default_factory=dict, compare=False, repr=False)
    line_rules: dict[int, str] = field(default_factory=dict, compare=False, repr=False)
    version: str = ""  # an earlier version: its date (docs/kommunar/<slug>/versjon/<date>.<lang>.md); "" the current one

    @property
    def is_original(self) -> bool:
        return self.lang == self.meta.original_language

    @property
    def version_date(self) -> str:
        """The date that names this version: in force from, else adopted, else received ("" if none is given)."""
        return self.meta.in_force or self.meta.adopted or self.meta.received


def read_page(path: Path, shown: str) -> str:
    """A page's text with its line ends as MkDocs reads them, and its byte-order mark: the grammar
    takes one mark off, as MkDocs does (a second one is content); one clear line if it is not UTF-8."""
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        line = path.read_bytes()[: exc.start].count(b"\n") + 1
        raise GuidelineError(
            shown, line, "fila er ikkje lagra som UTF-8; opne henne i ein teksteditor og lagre på nytt med teiknkodinga UTF-8"
        ) from exc


def read_front_matter(page: grammar.Page, path: str) -> tuple[dict, dict[str, int]]:
    """The front matter's values and the line of each key; GuidelineError if there is none or it
    cannot be read."""
    if page.front_matter is None:
        raise GuidelineError(path, 1, "sida må byrje med ei framside (front matter): ei linje '---', felta, og ei linje '---' til")
    try:
        data, key_lines = page.front_matter.data, page.front_matter.key_lines
    except grammar.FrontMatterError as exc:
        if exc.problem == "yaml":
            raise GuidelineError(
                path,
                exc.line,
                "framsida (front matter) kan ikkje lesast: kvar linje skal vere «felt: verdi», og ein verdi "
                "med kolon, # eller hermeteikn skal stå i hermeteikn, til dømes adoption: \"Vedteke: 2013\"",
            ) from exc
        raise GuidelineError(path, 2, "framsida (front matter) skal ha linjer av typen «felt: verdi»") from exc
    seen: dict[str, int] = {}
    for number, line in enumerate(page.front_matter.lines, start=2):
        match = grammar.FRONT_MATTER_KEY.match(line)
        if match and match.group(1) in seen:  # YAML keeps the last value: a reader sees the first
            key = match.group(1)
            raise GuidelineError(path, number, f"feltet «{key}» står to gonger i framsida (først på linje {seen[key]}); stryk den eine linja")
        if match:
            seen[match.group(1)] = number
    hidden_keys = [str(key) for key in data if str(key) not in key_lines]
    if hidden_keys:  # a quoted or indented key: the tools that rewrite front matter find keys by line
        raise GuidelineError(path, 2, f"feltnamnet {hidden_keys[0]!r} skal stå først på linja utan hermeteikn, til dømes «municipality: Løten»")
    return data, key_lines


def read_page_text(text: str, path: str) -> grammar.Page:
    """``grammar.parse`` with its error in the editors' words."""
    try:
        return grammar.parse(text)
    except grammar.FrontMatterError as exc:
        if exc.problem == "closing fence without a line break":
            raise GuidelineError(path, exc.line, "linja '---' som avsluttar framsida må ha eit linjeskift etter seg; legg til ei tom linje") from exc
        raise GuidelineError(path, 1, "framsida (front matter) manglar den avsluttande linja '---'") from exc


def _field_error(path: str, key_lines: dict[str, int], key: str, problem: str) -> GuidelineError:
    return GuidelineError(path, key_lines.get(key, 1), f"feltet «{key}» i framsida {problem}")


def parse_meta(data: dict, key_lines: dict[str, int], path: str, lang: str | None = None) -> Meta:
    """Check the front matter: the keys FORMAT.md defines, each of its type and character set."""
    allowed = REQUIRED_META + OPTIONAL_META
    unknown = [str(key) for key in data if key not in allowed]
    if unknown:
        raise GuidelineError(
            path, key_lines.get(unknown[0], 1), f"ukjend felt «{unknown[0]}» i framsida; tillatne felt er {', '.join(allowed)}"
        )
    missing = [key for key in REQUIRED_META if key not in data or data[key] is None]
    if missing:
        raise GuidelineError(
            path, 1, f"framsida manglar {', '.join(missing)}; kvar retningslinje treng {', '.join(REQUIRED_META)}"
        )
    specs = {f.name: f.metadata for f in dataclasses.fields(Meta)}
    data = {key: value.isoformat() if specs[key]["kind"] == "date" and isinstance(value, datetime.date) else value for key, value in data.items()}
    for key, value in data.items():
        if specs[key]["kind"] in ("text", "date") and not isinstance(value, str):
            raise _field_error(path, key_lines, key, f"må vere tekst i hermeteikn; no står det {value!r}")
    is_translation = lang is not None and lang != str(data["original_language"]).strip()
    values = {}
    for key, value in data.items():
        spec = specs[key]
        value = value.strip() if isinstance(value, str) else value
        if spec["kind"] == "bool" and not isinstance(value, bool):
            raise _field_error(path, key_lines, key, f"må vere true eller false; no står det {value!r}")
        if spec["nonempty"] and not value:
            raise _field_error(path, key_lines, key, "er tomt; fyll det ut")
        problem = spec["check"](value) if spec["check"] else None
        if problem:
            raise _field_error(path, key_lines, key, problem)
        if spec["translation_only"] and not is_translation:
            raise _field_error(path, key_lines, key, "høyrer berre til ei omsetjing; fjern det frå originalen")
        values[key] = value
    return Meta(**values)


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


def _close_block(block: grammar.Block, path: str) -> Rule | None:
    """Turn a block into a Rule (or None for prose); raise if it is not annotated as FORMAT.md says."""
    what = "Listepunktet" if block.kind == "li" else "Avsnittet"
    text = block.text
    if block.annotation is None:
        raise GuidelineError(
            path,
            block.line,
            f"{what} manglar merknad ({text[:60]!r}). Avslutt det med ei eiga linje "
            f"'{{ #<kommune>-<nummer> data-topics=\"<tema> …\" }}' om det er ein regel, "
            f"eller '{{ .{PROSE_CLASS} }}' om det ikkje er ein regel",
        )
    ann_line = block.annotation_line
    rule_id, classes, attrs, bad = parse_annotation(block.annotation.attributes or "")
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
    if rule_id in TEMPLATE_IDS or rule_id in SITE_NAMES:
        raise GuidelineError(path, ann_line, f"id-en {rule_id!r} brukar nettstaden sjølv på sidene sine; gje regelen id-en #<kommune>-<nummer>")
    return Rule(id=rule_id, topics=topics, text=plain_text(text), line=block.line, kind=block.kind, section=block.section)


def check_text_line(text: str, line: int, path: str) -> list[GuidelineError]:
    """What a line of text may not hold: markup, character references, hidden characters, inline
    attributes, links that run script or leave the site for an image."""
    if text.isprintable() and not _MARKUP_CHARACTER.search(text):
        return []  # none of the checks below can find anything (most lines): skip them
    errors = []
    raw = _RAW_HTML.search(text)
    if raw:
        errors.append(GuidelineError(path, line, f"teksta inneheld HTML-kode ({raw.group(0)!r}); skriv vanleg tekst"))
    automail = _AUTOMAIL.search(text)
    if automail:
        errors.append(
            GuidelineError(path, line, f"teksta inneheld {automail.group(0)!r}, som blir ei skjult e-postlenkje; skriv adressa utan < og >")
        )
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


# Bounded and without nested brackets, so that every pattern is linear in the text: «[[[[…]]]]» of
# 200 KB took 285 s with an unbounded «[^\]]*» (each «[» scanning to the first «]»).
_INLINE_SYNTAX = (
    (re.compile(r"`([^`\n]{1,500})`"), r"\1"),  # code
    (re.compile(r"!?\[([^\[\]\n]{0,500})\]\((?:[^()\s]|\([^()\s]{0,200}\)){0,2000}(?:\s+\"[^\"\n]{0,200}\")?\)"), r"\1"),  # [text](url "title")
    (re.compile(r"!?\[([^\[\]\n]{1,500})\]\[[^\[\]\n]{0,100}\]"), r"\1"),  # [text][ref]
    (re.compile(r"<(?:mailto:)?([^<>\s@]{1,200}@[^<>\s]{1,200})>"), r"\1"),  # <mailto:post@kommune.no>, <post@kommune.no>
    (re.compile(r"<(https?://[^<>\s]{1,2000})>"), r"\1"),  # <https://…>
    (re.compile(r"(\*\*|__)(?=\S)([^\n]{1,500}?)(?<=\S)\1"), r"\2"),  # strong
    (re.compile(r"\*(?=\S)([^*\n]{1,500}?)(?<=\S)\*"), r"\1"),  # emphasis
    (re.compile(r"(?<!\w)_(?=\S)([^_\n]{1,500}?)(?<=\S)_(?!\w)"), r"\1"),  # emphasis, not inside a word (e_post)
)
_HOLD = "\x00{}\x00"  # an escaped character, held out of the syntax while it is taken away


def plain_text(markdown_text: str) -> str:
    """A rule's text as a reader sees it, without its Markdown: a link's text without the link,
    emphasis and code without their marks (the matrix, topic pages, profiles, shared wording and the
    exports quote rules as text; the guideline's page keeps the link)."""
    held: list[str] = []

    def hold(match: re.Match) -> str:
        held.append(match.group(1))
        return _HOLD.format(len(held) - 1)

    # Character references first: Markdown taken away afterwards must not make one («&`lt`;» was «<»).
    text = html.unescape(_ESCAPED.sub(hold, markdown_text))
    if any(mark in text for mark in "`[*_<"):
        for pattern, replacement in _INLINE_SYNTAX:
            text = pattern.sub(replacement, text)
    return re.sub("\x00(\\d+)\x00", lambda m: held[int(m.group(1))], text)


def _heading_errors(line: grammar.Line, number: int, path: str) -> list[GuidelineError]:
    """What is wrong with a heading: it may end in a plain ``{ #id }``, nothing more."""
    errors = []
    if line.attributes is not None:
        rule_id, classes, attrs, bad = parse_annotation(line.attributes)
        if "data-topics" in attrs or PROSE_CLASS in classes:
            errors.append(
                GuidelineError(path, number, f"ei overskrift kan ikkje vere ein regel eller .{PROSE_CLASS}: fjern merknaden frå overskrifta")
            )
        elif classes or attrs or bad or not rule_id or not RULE_ID.match(rule_id):
            errors.append(
                GuidelineError(path, number, "ei overskrift kan berre ha ein id, til dømes { #kontakt }: fjern alt anna i krøllparentesen")
            )
    reserved = reserved_id_problem(heading_id(line))
    if reserved:
        errors.append(GuidelineError(path, number, reserved))
    return errors + check_text_line(line.text, number, path)


def heading_id(line: grammar.Line) -> str:
    """The id a heading gets on the page: its own ``{ #id }``, else the one the toc extension makes
    of its text."""
    explicit = parse_annotation(line.attributes or "")[0]
    return explicit or slugify(display_text(line.text), "-")


def reserved_id_problem(element_id: str) -> str | None:
    """An id the theme or the site's scripts use for their own elements (``__config``,
    ``site-announcer``): a heading with it would break the page's scripts."""
    if element_id.startswith("_") or element_id in RESERVED_IDS:
        return f"overskrifta får id-en {element_id!r}, som nettstaden sjølv brukar; skriv overskrifta om (eller gje henne ein annan {{ #id }})"
    return None


# Lines Python-Markdown (with the site's extensions) reads as something FORMAT.md does not allow
# in a guideline, so the page would show other text than the model holds.
_SETEXT = re.compile(r"^ {0,3}(?:=+|-+)[ \t]*$")
_TABLE_ROW = re.compile(r"^\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)+\|?[ \t]*$")
_LINE_START = (
    (re.compile(r"^>"), "byrjar med >, som gjer teksta til eit sitat; skriv teksta utan > først"),
    (re.compile(r"^(?:!!!|\?\?\?)"), "byrjar med !!!, som lagar ein merknadsboks; skriv teksta utan !!! først"),
    (re.compile(r"^\[[^\]]+\]:"), "er ein lenkjedefinisjon ([namn]: adresse), som ikkje blir vist på sida; skriv lenkja i teksta: [tekst](https://…)"),
)
_ITEM_START = re.compile(r"^(?:#|>|!!!|[-*+](?:[ \t]|$)|\d{1,9}\.(?:[ \t]|$)|(?:[-*_][ \t]*){3,}$)")


def syntax_problem(line: grammar.Line) -> str | None:
    """Why a text or item line would not render as the text it holds (None if it does)."""
    if line.kind == "text":
        if _SETEXT.match(line.raw):
            return "ei linje med berre = eller - gjer linja over til ei overskrift; skriv overskrifta med ## framfor, eller fjern linja"
        if "|" in line.text and _TABLE_ROW.match(line.text):
            return "tabellar kan ikkje stå i ei retningslinje; skriv kvar regel som eit listepunkt"
        for pattern, problem in _LINE_START:
            if pattern.match(line.text):
                return f"linja {problem}"
    if line.kind == "item" and _ITEM_START.match(line.text):
        return f"teksta i listepunktet byrjar med {line.text[:3]!r}, som Markdown les som noko anna enn tekst; skriv \\ framfor teiknet"
    return None


def text_errors(page: grammar.Page, path: str) -> list[GuidelineError]:
    """What the lines of a page may not hold: in their text (headings, items, paragraph lines) no
    markup, references, attributes or unsafe links, nothing Markdown reads as other syntax, and no
    hidden character anywhere on the line."""
    errors: list[GuidelineError] = []
    for number, line in page.numbered():
        hidden = fields.control_character(line.raw[: line.start] + line.raw[line.end :], allowed="\t")
        if hidden:
            errors.append(GuidelineError(path, number, f"linja inneheld eit usynleg kontrollteikn ({hidden}); skriv linja på nytt utan det"))
        if line.kind == "heading":
            errors += _heading_errors(line, number, path)
        elif line.kind in ("item", "text"):
            errors += check_text_line(line.text, number, path)
            problem = syntax_problem(line)
            if problem:
                errors.append(GuidelineError(path, number, problem))
    return errors


def parse_body(page: grammar.Page, path: str) -> tuple[list[Rule], int]:
    """The rules of a page in document order and its number of prose blocks (GuidelineErrors
    listing every problem, by line)."""
    rules: list[Rule] = []
    prose = 0
    outline = grammar.blocks(page)
    errors = text_errors(page, path)
    errors += [
        GuidelineError(path, number, "merknaden står ikkje rett etter eit avsnitt eller eit listepunkt")
        for number in outline.stray_annotations
    ]
    for block in outline.blocks:
        try:
            rule = _close_block(block, path)
        except GuidelineError as exc:
            errors.append(exc)
            continue
        if rule is None:
            prose += 1
        else:
            rules.append(rule)
    rule_ids = {rule.id for rule in rules}
    for number, heading in outline.headings:
        if heading_id(heading) in rule_ids:
            errors.append(GuidelineError(path, number, f"overskrifta har id-en {heading_id(heading)!r}, som ein regel på sida alt har; vel ein annan id"))
    if errors:
        raise GuidelineErrors(sorted(errors, key=lambda error: error.line))
    return rules, prose


# Front matter of pages that are not guidelines (home, "Om", the stubs the hooks fill).
PAGE_META = {
    "generated": ("home", "overview", "matrix", "coverage", "topics", "topic", "profile", "draft", "shared", "changes"),
    "topic": None,  # a topic id; data/topics.yml decides which exist
    "hide": ("navigation", "toc", "footer", "path", "tags", "feedback"),
}


def check_page(text: str, shown: str) -> list[GuidelineError]:
    """A page that is not a guideline: its front matter holds only the keys the site uses, and its
    text lines pass the same checks as a guideline's (no markup, references, attributes, bad links)."""
    page = read_page_text(text, shown)
    data, key_lines = read_front_matter(page, shown) if page.front_matter is not None else ({}, {})
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
    for number, line in page.numbered():
        # a heading's whole text: on these pages not even an id may follow it
        text = line.raw[line.start :].rstrip().rstrip("#").rstrip() if line.kind == "heading" else line.raw.rstrip()
        errors += check_text_line(text, number, shown)
        reserved = reserved_id_problem(heading_id(line)) if line.kind == "heading" else None
        if reserved:
            errors.append(GuidelineError(shown, number, reserved))
        hidden = fields.control_character(line.raw, allowed="\t")
        if hidden and not fields.control_character(text, allowed="\t"):  # in the syntax or the line's end
            errors.append(GuidelineError(shown, number, f"linja inneheld eit usynleg kontrollteikn ({hidden}); skriv linja på nytt utan det"))
    return errors


def parse_filename(path: Path) -> tuple[str, str]:
    """``kommunar/loten.nb.md`` → ("loten", "nb")."""
    match = _FILENAME.match(path.name)
    if not match or match.group("lang") not in LANGS:
        raise GuidelineError(
            str(path), 1, f"filnamnet {path.name!r} passar ikkje: ei retningslinje heiter <kommune>.nb.md eller <kommune>.nn.md, med små bokstavar a–z"
        )
    return match.group("slug"), match.group("lang")


def is_version_path(path: Path) -> bool:
    """``kommunar/<slug>/versjon/<file>``: where an earlier version of a guideline is kept."""
    return path.parent.name == VERSION_DIR and path.parent.parent.parent.name == GUIDELINE_DIR


def parse_version_filename(path: Path, shown: str | None = None) -> tuple[str, str, str]:
    """``kommunar/bomlo/versjon/2013-06-18.nn.md`` → ("bomlo", "nn", "2013-06-18")."""
    match = _VERSION_FILENAME.match(path.name)
    slug = path.parent.parent.name
    if not match or match.group("lang") not in LANGS or fields.check_date(match.group("date")) or fields.check_slug(slug):
        raise GuidelineError(
            shown or str(path), 1,
            f"filnamnet {path.name!r} passar ikkje: ein tidlegare versjon heiter {GUIDELINE_DIR}/<kommune>/{VERSION_DIR}/"
            "<dato>.nb.md eller <dato>.nn.md, med datoen versjonen gjaldt frå, til dømes 2013-06-18.nn.md",
        )
    return slug, match.group("lang"), match.group("date")


def parse_guideline(text: str, path: Path, display_path: str | None = None) -> Guideline:
    """Parse a whole guideline page (the current version, or an earlier one kept under
    ``kommunar/<slug>/versjon/``). Raises GuidelineError/GuidelineErrors on bad input."""
    shown = display_path or str(path)
    version = ""
    if is_version_path(path):
        slug, lang, version = parse_version_filename(path, shown)
    else:
        slug, lang = parse_filename(path)
    page = read_page_text(text, shown)
    data, key_lines = read_front_matter(page, shown)
    meta = parse_meta(data, key_lines, shown, lang)
    rules, prose = parse_body(page, shown)
    version_date = meta.in_force or meta.adopted or meta.received
    if version and version_date != version:
        line = min((key_lines.get(k, 1) for k in ("in_force", "adopted", "received") if getattr(meta, k)), default=1)
        raise GuidelineError(
            shown, line,
            f"filnamnet seier at versjonen gjaldt frå {version}, men framsida seier {version_date or 'ingen dato'}; "
            "gje versjonen in_force (eller adopted eller received) lik datoen i filnamnet",
        )
    first = page.body_start
    lines = {number - first + 1: display_text(line.text) for number, line in page.numbered() if line.kind in ("heading", "item", "text")}
    starts = {rule.line: rule.id for rule in rules}
    line_rules = {
        block.line + offset - first + 1: starts[block.line]
        for block in grammar.blocks(page).blocks
        if block.line in starts
        for offset in range(len(block.lines))
    }
    return Guideline(
        slug=slug, lang=lang, path=shown, meta=meta, rules=tuple(rules), prose=prose, meta_lines=key_lines,
        lines=lines, line_rules=line_rules, version=version,
    )
