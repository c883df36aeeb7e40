"""Blocks to a page: suggested topics, the page written with the page grammar, checked as the build checks it, and translated."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from municipal_guidelines.format import grammar
from municipal_guidelines.format.errors import GuidelineError, GuidelineErrors
from municipal_guidelines.format.guideline import PROSE_CLASS, Guideline, parse_guideline
from municipal_guidelines.importing.fidelity import missing_sentences, normalise
from municipal_guidelines.importing.messages import CheckError, InputError, shown_path
from municipal_guidelines.importing.options import Options
from municipal_guidelines.importing.structure import Block
from municipal_guidelines.model.topics import Topic
from municipal_guidelines.model.validate import check_translation
from municipal_guidelines.render.rules import check_rendered, render_body
from municipal_guidelines.suggest.learned import LearnedTopics, Suggestion, suggest

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

    @property
    def topics(self) -> tuple[str, ...]:
        return tuple(s.topic for s in self.suggestions)

    @property
    def reads_like_a_rule(self) -> bool:
        """A block without topics that says what to do or not to do: a person should look at it."""
        return self.rule_id is None and self.block.kind in ("p", "li") and bool(_RULE_WORDS.search(self.block.text))

    @property
    def annotation(self) -> str:
        """What the annotation line holds between its braces."""
        if self.rule_id is None:
            return f".{PROSE_CLASS}"
        return f'#{self.rule_id} data-topics="{" ".join(self.topics)}"'


def annotate(blocks: Sequence[Block], slug: str, topics: Sequence[Topic], learned: LearnedTopics | None = None) -> list[Annotated]:
    """Suggested topics for every paragraph and list item (keywords and, with ``learned``, the model
    trained on the reviewed pages); ids ``<slug>-1..n`` for the rules."""
    result, number = [], 0
    for block in blocks:
        suggested = tuple(suggest(block.text, topics, learned)) if block.kind in ("p", "li") else ()
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
