"""Blocks to a page: suggested topics, the page written with the page grammar, checked as the build checks it, and translated."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING

from municipal_guidelines.format import grammar
from municipal_guidelines.format.errors import GuidelineError, GuidelineErrors
from municipal_guidelines.format.guideline import PROSE_CLASS, Guideline, parse_guideline
from municipal_guidelines.importing.fidelity import missing_sentences, normalise
from municipal_guidelines.importing.messages import CheckError, InputError, shown_path
from municipal_guidelines.importing.options import Options
from municipal_guidelines.importing.structure import Block
from municipal_guidelines.model.topics import Topic
from municipal_guidelines.model.validate import check_translation
from municipal_guidelines.project import Project, ProjectNotFound
from municipal_guidelines.suggest.rule_or_prose import BlockExample, Context, RuleOrProse, prose_shape

if TYPE_CHECKING:  # scikit-learn loads only when the topics are suggested, after the title is found
    from municipal_guidelines.suggest.learned import LearnedTopics, Suggestion
from municipal_guidelines.validation import render_page, rendered_problems, site_markdown

NESTED_INDENT = 4  # Python-Markdown nests a list indented four spaces
# Words of an instruction (bokmål and nynorsk): a block with one of them and no topic may be a rule.
_RULE_WORDS = re.compile(
    r"\b(?:skal|må|bør|ikke|ikkje|aldri|unngå|husk|hugs|vær|ver|tenk|pass på|sørg for|sørg|send|svar|bruk|del|meld)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Annotated:
    block: Block
    rule_id: str | None = None
    suggestions: tuple[Suggestion, ...] = ()
    rule_probability: float | None = None  # the rule-or-prose model's (None: no model)
    prose_reason: str = ""  # why it is prose though topics were found ("" if it is not)

    @property
    def topics(self) -> tuple[str, ...]:
        return tuple(s.topic for s in self.suggestions)

    @property
    def reads_like_a_rule(self) -> bool:
        """A block without topics that says what to do or not to do: a person should look at it."""
        if self.rule_id is not None or self.block.kind not in ("p", "li"):
            return False
        if self.rule_probability is not None and self.rule_probability >= 0.5:
            return True
        return bool(_RULE_WORDS.search(self.block.text)) and not self.prose_reason

    @property
    def annotation(self) -> str:
        """What the annotation line holds between its braces."""
        if self.rule_id is None:
            return f".{PROSE_CLASS}"
        return f'#{self.rule_id} data-topics="{" ".join(self.topics)}"'


def annotate(
    blocks: Sequence[Block], slug: str, topics: Sequence[Topic], learned: LearnedTopics | None = None, rule_or_prose: RuleOrProse | None = None
) -> list[Annotated]:
    """Suggested topics for every paragraph and list item (keywords and, with ``learned``, the model
    trained on the reviewed pages); a block is a rule when it has a topic and (with
    ``rule_or_prose``) the rule-or-prose model, or its shape, does not make it prose; ids
    ``<slug>-1..n`` for the rules."""
    from municipal_guidelines.suggest.learned import suggest

    result, number, context = [], 0, Context()
    section = ""
    if learned is not None:
        learned.warm([block.text for block in blocks if block.kind in ("p", "li")])
    for block in blocks:
        if block.kind == "h" and block.level > 1:
            section = block.text
        if block.kind not in ("p", "li"):
            result.append(Annotated(block))
            continue
        previous, lead = context.see(block.text, block.kind, section)
        example = BlockExample(slug, "", block.text, block.kind, previous, section, True, lead)
        shape = prose_shape(example)
        probability = rule_or_prose.probability(example, shape) if rule_or_prose else None
        suggested = tuple(suggest(block.text, topics, learned))
        if suggested and shape:
            result.append(Annotated(block, suggestions=suggested, rule_probability=probability, prose_reason=shape))
        elif suggested and probability is not None and probability < 0.5:
            result.append(Annotated(block, suggestions=suggested, rule_probability=probability, prose_reason=f"reads as prose ({probability:.2f})"))
        elif suggested:
            number += 1
            result.append(Annotated(block, f"{slug}-{number}", suggested, probability))
        else:
            result.append(Annotated(block, rule_probability=probability))
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
        return [grammar.heading(block.level, grammar.escape(block.text, line_start=False))]
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
        **options.dates,  # a version's dates (importing/revision.py), only when given
        "source": f"{options.kept_stem}.txt",
        "review": True,
    }
    return grammar.front_matter(
        values, quoted=("municipality_number", "document_title", "adoption", "adopted", "decision", "in_force", "received")
    )


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


def source_lines(block: Block, origins: dict[int, int] | None = None) -> str:
    """Where ``block`` is in the input: its lines in the text, or (``origins``, a web page's) in the file."""
    first, last = block.line, max(block.last, block.line)
    if origins:
        first, last = origins.get(first, first), max(origins.get(last, last), origins.get(first, first))
    return f"linje {first}" if last == first else f"linjene {first}–{last}"


def parse_page(
    text: str, path: Path, shown: str, text_lines: dict[int, Block] | None = None, source: Path | None = None, origins: dict[int, int] | None = None
) -> Guideline:
    """parse_guideline, turning its errors into a CheckError; an error on the text of a block (page
    line in ``text_lines``) is the input's: an InputError naming the input line."""
    try:
        return parse_guideline(text, path, shown)
    except (GuidelineError, GuidelineErrors) as exc:
        first = exc.errors[0] if isinstance(exc, GuidelineErrors) else exc
        block = (text_lines or {}).get(first.line)
        if block is not None and source is not None:
            raise InputError(f"{shown_path(source)}, {source_lines(block, origins)}: {first.message}") from exc
        raise CheckError(f"the generated page does not parse:\n{exc}") from exc


def project_of(page: Path) -> Project:
    """The project the page goes into: the one around its docs folder, else the working
    directory's (whose taxonomy the import uses)."""
    try:
        return Project.find(page.parent)
    except ProjectNotFound:
        return Project.find()


def check_page(
    source: str,
    page: grammar.Page,
    path: Path,
    shown: str,
    text_lines: dict[int, Block],
    input_path: Path,
    displayed: str | None = None,
    origins: dict[int, int] | None = None,
) -> tuple[Guideline, int]:
    """Parse the page as the build does, render it as the build does and run the build's checks
    of the rendered page (every annotation on its paragraph or item; validation.py), and check
    that every sentence of the input is in it, and every piece of text the document displays
    (``displayed``, a web page's), so that nothing a reader of the document sees is lost on the
    way. Returns the guideline and the sentence count."""
    text = grammar.write(page)
    guideline = parse_page(text, path, shown, text_lines, input_path, origins)
    html = render_page(site_markdown(project_of(path)), page)
    problems = rendered_problems(html, text, shown, guideline)
    if problems:
        raise CheckError("the page would not build: " + "\n".join(map(str, problems)))
    page_text = normalise(html_text(html))
    count, missing = missing_sentences(source, page_text)
    if missing:
        listing = "\n".join(f"  {s}" for s in missing)
        raise CheckError(f"{len(missing)} of {count} sentences of the input are not in the page:\n{listing}")
    if displayed is not None:
        shown_count, lost = missing_sentences(displayed, page_text)
        if lost:
            listing = "\n".join(f"  {s}" for s in lost)
            raise CheckError(f"{len(lost)} of {shown_count} sentences the document shows did not reach the page (the extraction left them out):\n{listing}")
    return guideline, count


def translate_page(page: str, lang: str, path: Path, shown: str, original: Guideline) -> str:
    """The page in the other language form, checked to parse and carry the same rules."""
    from municipal_guidelines.translation.engine import (
        PageError,
        TranslationError,
        add_stamp,
        apertium_version,
        project_resources,
        translate_markdown,
    )

    try:
        # stamped as guidelines translate stamps, so its --check accepts it without a second run
        translated = add_stamp(translate_markdown(page, lang, project_resources(path.parent.parent)), page, apertium_version())
    except (TranslationError, PageError) as exc:
        first = (str(exc).splitlines() or [type(exc).__name__])[0]
        raise InputError(f"omsetjinga gjekk ikkje ({first}); rett feilen, eller importer utan omsetjing med --no-translate") from exc
    errors = check_translation(original, parse_page(translated, path, shown))
    if errors:
        raise CheckError("the translation does not match the original:\n" + "\n".join(str(e) for e in errors))
    return translated
