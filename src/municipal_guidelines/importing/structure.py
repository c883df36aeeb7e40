"""Plain text to blocks: the title, headings, list items (with nesting) and paragraphs of a guideline copied from a PDF or web page."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from municipal_guidelines.importing.fidelity import normalise
from municipal_guidelines.importing.marks import CONTENTS_LABEL, FURNITURE_LINE, GLYPHS, SEE_ALSO_LABEL, font_letter_bullets

MAX_HEADING = 80  # a stand-alone line up to this long, ending in a letter, is a heading
MAX_QUESTION_WORDS = 8  # a stand-alone question up to this many words, with content after it, is a heading
MAX_TITLE = 150  # the first block is the title only up to this long
_MD_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_HR = re.compile(r"^\s{0,3}([-*_])(?:\s*\1){2,}\s*$")
_NUMBERED = re.compile(r"^(?P<indent>\s*)(?:\d{1,9}[.)]|[a-zæøå]\))\s+(?P<text>.*)$")  # 1. 1) a)
UNMARKED = "none"  # the bullet of an item written without a marker, in a list after a line ending in ":"
_BULLET = re.compile(rf"^(?P<indent>\s*)(?P<marks>(?:[-–*+](?:\s+|$)|[{GLYPHS}](?:\s*|$))+)(?P<text>.*)$")
_LETTER_HEADING = re.compile(r"^[A-ZÆØÅ]\)\s+\S")
_CAPITAL_FIRST = re.compile(r"^(?:\d{1,2}(?:\.\d{1,2})*\.?\s+)?[A-ZÆØÅ]")  # «Formål», a section's number first: «3 Før du …», «2.1 Kontoar»
_ADOPTION = re.compile(r"\b(vedtatt|vedteke|vedteken|vedtak|vedteki)\b", re.IGNORECASE)


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


def continues(previous: Line, line: Line, block: Block, indent: int) -> bool:
    """Whether ``line`` goes on with the block that ``previous`` ended: indented under it, after a
    word hyphenated at the line end, or starting in lower case after a line without final
    punctuation (text wrapped at a width). Every other line starts a block of its own: text copied
    from a web page has one line per paragraph or item and no blank lines."""
    stripped = line.text.strip()
    if block.kind == "li" and block.bullet == UNMARKED:
        return len(line.text) - len(line.text.lstrip()) > indent
    if len(line.text) - len(line.text.lstrip()) > indent:
        return True
    end = previous.text.rstrip()
    if re.search(r"[^\W\d_]-$", end):
        return True
    return stripped[:1].islower() and not end.endswith((".", "!", "?", ":", ";"))


def sentence_like(text: str) -> bool:
    return text.rstrip().endswith((".", "!", "?"))


def group_blocks(group: list[Line], top_indent: int | None) -> tuple[list[Block], int | None]:
    """Blocks of one group; ``top_indent`` is the indent of the open list's top-level items.

    A line ending in ``:`` opens an unmarked list: the lines after it, up to the next blank line,
    marked item or heading, are its items while they keep the first item's shape (sentences or
    not); a line that ends in ``:`` itself starts a new paragraph, and so does a line that could
    be a heading (short, a capital first, no end punctuation) right before a marked item."""
    blocks: list[Block] = []
    size = len(group)
    previous: Line | None = None
    block_indent = 0
    unmarked: bool | None = None  # inside an unmarked list: whether its items are sentences

    def extend_last(line: Line) -> None:
        last = blocks[-1]
        text = last.text
        if re.search(r"[^\W\d_]-$", text) and line.text.strip()[:1].islower():
            joined = text[:-1] + line.text.strip()  # a word hyphenated at the line end
        else:
            joined = f"{text} {line.text.strip()}".strip()
        blocks[-1] = replace(last, text=joined, last=line.number)

    for position, line in enumerate(group):
        heading, item = _MD_HEADING.match(line.text), list_item(line)
        indent = len(line.text) - len(line.text.lstrip())
        following = group[position + 1] if position + 1 < len(group) else None
        stripped = line.text.strip()
        if _HR.match(line.text):
            blocks.append(Block("hr", "", line.number, lines=size))
            top_indent, unmarked = None, None
        elif heading:
            blocks.append(Block("h", heading.group(2), line.number, level=len(heading.group(1)), lines=size))
            top_indent, unmarked = None, None
        elif item:
            item_indent, ordered, bullet, text = item
            if top_indent is None or item_indent <= top_indent:
                top_indent, depth = item_indent, 0
            else:
                depth = 1
            blocks.append(Block("li", text, line.number, level=depth, ordered=ordered, bullet=bullet, lines=size))
            block_indent, unmarked = item_indent + 1, None
        elif blocks and blocks[-1].kind in ("li", "p") and previous is not None and continues(previous, line, blocks[-1], block_indent):
            extend_last(line)
        elif unmarked is not None and not stripped.endswith(":") and (
            unmarked == sentence_like(stripped) or blocks[-1].bullet != UNMARKED
        ) and not (  # a heading-like line before a marked list ends the unmarked one
            blocks[-1].bullet == UNMARKED and len(stripped) <= MAX_HEADING and stripped[:1].isupper()
            and stripped[-1:].isalpha() and following is not None and list_item(following)
        ):
            if blocks[-1].bullet != UNMARKED:
                unmarked = sentence_like(stripped)  # the first item sets the shape
            blocks.append(Block("li", stripped, line.number, bullet=UNMARKED, lines=size))
            block_indent, top_indent = indent, None
        else:
            blocks.append(Block("p", stripped, line.number, lines=size))
            block_indent, top_indent = indent, None
            unmarked = False if stripped.endswith(":") and size > 1 else None
        previous = line
    return [b for b in blocks if b.kind == "hr" or b.text], top_indent


def raw_blocks(text: str) -> list[Block]:
    """Every block of the text in order, before headings and the title are decided."""
    blocks: list[Block] = []
    top_indent: int | None = None
    for group in split_groups(font_letter_bullets(text)):
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


def single_line(block: Block) -> bool:
    """A paragraph of one source line (between blank lines or not)."""
    return block.kind == "p" and block.last in (0, block.line)


def heading_like(block: Block) -> bool:
    """A short line of its own ending in a letter (no final punctuation, not a date or number), or a
    short question starting with a capital (``Hvorfor har vi retningslinjer?``, as web pages head
    their sections); among other lines without a blank line between them, it also starts with a
    capital."""
    text = block.text
    question = text.endswith("?") and text[:1].isupper() and len(text.split()) <= MAX_QUESTION_WORDS
    return (
        single_line(block)
        and len(text) <= MAX_HEADING
        and (text[-1:].isalpha() or question)
        and (block.lines == 1 or bool(_CAPITAL_FIRST.match(text)))
    )


def fragment(block: Block) -> bool:
    """A short line of its own that is neither a sentence nor a heading: ``2022``, ``PS 64/2013 …``."""
    return (
        single_line(block)
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


# A page's number as a PDF viewer copies it out with the text: «Side 2 av 3», «Side 2», «2/3», «- 2 -».
_PAGE_LINE = re.compile(r"^(?:(?:side|sida|page)\s*\d{1,4}(?:\s*(?:av|of|/)\s*\d{1,4})?|\d{1,4}\s*/\s*\d{1,4}|[-–]\s*\d{1,4}\s*[-–])$", re.IGNORECASE)


def page_furniture(blocks: Sequence[Block], title_index: int | None, name: str) -> set[int]:
    """The blocks after the title that are a page's furniture copied with the text, not the
    guideline's: a page number on its own line, and a running header next to one (a line that
    names only the municipality, or repeats a line above the title), out of a PDF; out of a web
    page, a date of the last change or a share link, the table of contents (``contents_list``) and
    the links to other pages at its end (``see_also``)."""
    if title_index is None:
        return set()
    above = {normalise(b.text).casefold() for b in blocks[:title_index] if b.kind in ("p", "h")}
    numbers = {i for i in range(title_index + 1, len(blocks)) if blocks[i].kind == "p" and _PAGE_LINE.match(normalise(blocks[i].text))}
    found = set(numbers)
    for i in numbers:
        for j in (i - 1, i + 1):
            if title_index < j < len(blocks) and j not in found and blocks[j].kind in ("p", "h"):
                text = normalise(blocks[j].text).casefold()
                if letterhead(blocks[j], name) or text in above:
                    found.add(j)
    found |= {i for i in range(title_index + 1, len(blocks)) if blocks[i].kind in ("p", "li") and FURNITURE_LINE.match(normalise(blocks[i].text))}
    return found | contents_list(blocks, title_index) | see_also(blocks, title_index, found)


MIN_CONTENTS = 3  # lines a table of contents without a label over it has at least


def _entry(block: Block) -> bool:
    """A line that can be an entry of a list of contents or links: short, not a sentence."""
    return block.kind in ("p", "li", "h") and len(block.text) <= MAX_HEADING and not block.text.rstrip().endswith((".", "!", ":", ";", ","))


def contents_list(blocks: Sequence[Block], title_index: int) -> set[int]:
    """A web page's table of contents copied with its text: a run of short lines each of which
    comes again, in the same order, further down (the headings it lists), under a label
    («Innhald», «Innhold på denne siden») or, without one, of at least :data:`MIN_CONTENTS` lines."""
    found: set[int] = set()
    index = title_index + 1
    while index < len(blocks):
        labelled = blocks[index].kind in ("p", "h") and bool(CONTENTS_LABEL.match(normalise(blocks[index].text)))
        start = index + 1 if labelled else index
        end, later = start, start
        while end < len(blocks) and _entry(blocks[end]):
            wanted = normalise(blocks[end].text).casefold()
            # the same line again after the run so far, and after the entry before it came again
            later = next((k for k in range(max(later, end) + 1, len(blocks)) if normalise(blocks[k].text).casefold() == wanted), None)
            if later is None:
                break
            end += 1
        if end - start >= (1 if labelled else MIN_CONTENTS):
            found |= set(range(index, end))
            index = end
        else:
            index += 1
    return found


def see_also(blocks: Sequence[Block], title_index: int, furniture: set[int]) -> set[int]:
    """The links to other pages at a web page's end: a label («Les også», «Relaterte sider») and
    after it to the end nothing but short lines (the links' titles) and other furniture."""
    for index in range(len(blocks) - 1, title_index, -1):
        if blocks[index].kind in ("p", "h") and SEE_ALSO_LABEL.match(normalise(blocks[index].text)):
            rest = range(index + 1, len(blocks))
            if all(i in furniture or _entry(blocks[i]) for i in rest):
                return {index, *rest}
            return set()
    return set()


def decide_structure(blocks: list[Block], title: str | None, name: str, guess_headings: bool = True) -> list[Block]:
    """Choose the ``#`` title and the ``##`` headings; everything before the title stays text.
    Without ``guess_headings`` (a document whose styles say what its headings are) only ``#``
    lines are headings. A page's furniture after the title (``page_furniture``) is left out."""
    title_index = find_title(blocks, title, name)
    furniture = page_furniture(blocks, title_index, name)
    blocks = [b for i, b in enumerate(blocks) if i not in furniture]
    if title_index is not None:
        title_index -= sum(1 for i in furniture if i < title_index)
    result = []
    for index, block in enumerate(blocks):
        if index == title_index:
            result.append(Block("h", block.text, block.line, level=1))
        elif block.kind == "h":
            result.append(replace(block, level=max(block.level, 2)))
        elif title_index is not None and index < title_index:
            result.append(replace(block, kind="p", level=0) if block.kind == "li" and block.bullet == "•" else block)
        elif guess_headings and (bullet_heading(blocks, index) or text_heading(blocks, index)):
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
