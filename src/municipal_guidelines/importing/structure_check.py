"""The structure check: signs that a guideline's structure was lost on its way to the page.

Run by ``guidelines import`` on the blocks it made (with the source lines each came from) and by
``guidelines check`` on every page. It reports, with the line and what to do, in nynorsk:

- a heading merged into an item or paragraph (``… to administratorer. Når du svarer``);
- an item holding several lines that each read as a rule of their own (lines glued together);
- a list that collapsed into one paragraph (``Hovedkontoer: Facebook Instagram``, or bullets
  ``•`` in the middle of a paragraph);
- a title longer than a title (more than :data:`MAX_TITLE` characters, or several sentences).

Pure functions: no file is read here.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from municipal_guidelines.format import grammar
from municipal_guidelines.importing.marks import INNER_BULLET, STARTS_WITH_BULLET
from municipal_guidelines.importing.structure import MAX_HEADING, MAX_TITLE, Block, Line
from municipal_guidelines.suggest.rule_or_prose import IMPERATIVES

_SENTENCE_END = re.compile(r"(?<=[^\W\d_][.!?])\s+(?=[A-ZÆØÅ])")  # not after a number ("4.2. Retningslinjer")
_GLUED_HEADING = re.compile(rf"[.!?]\s+([A-ZÆØÅ][^.!?:;]{{1,{MAX_HEADING}}})$")
_COLON_LIST = re.compile(r":\s+((?:[A-ZÆØÅ@#][\w@#.-]*(?:\s+|$)){3,})$")
MIN_GLUED_WORDS = 4  # a line read as a sentence of its own has at least this many words


@dataclass(frozen=True)
class StructureProblem:
    line: int
    message: str


def shown(text: str, width: int = 50) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def sentence_line(text: str) -> bool:
    """A line that is a whole sentence: a capital first, a full stop (or ! ?) last, some words."""
    text = text.strip()
    return bool(text[:1].isupper()) and text.endswith((".", "!", "?")) and len(text.split()) >= MIN_GLUED_WORDS


def heading_line(text: str) -> bool:
    text = text.strip()
    return len(text) <= MAX_HEADING and bool(text[:1].isupper()) and text[-1:].isalpha()


def title_problems(title: str, line: int, other_fix: str = "") -> list[StructureProblem]:
    """A title longer than a title: past :data:`MAX_TITLE` characters, or more than one sentence."""
    if len(title) > MAX_TITLE or _SENTENCE_END.search(title.rstrip(".")):
        return [StructureProblem(line, f"tittelen «{shown(title, 70)}» er lengre enn ein tittel ({len(title)} teikn); "
                                       f"berre tittellinja skal stå der, resten på eigne linjer under{other_fix}")]
    return []


def text_problems(text: str, line: int) -> list[StructureProblem]:
    """Signs in a block's own text: a heading glued on at its end, bullets inside it, a label
    followed by a run of names (a list that became one paragraph)."""
    problems = []
    glued = _GLUED_HEADING.search(text)
    if glued and len(glued.group(1).split()) <= 6 and glued.group(1).split()[0].casefold() not in IMPERATIVES:
        problems.append(StructureProblem(line, f"«{glued.group(1)}» ser ut som ei overskrift som er slått saman med teksta før; "
                                               "set henne på ei eiga linje"))
    if INNER_BULLET.search(text) and not STARTS_WITH_BULLET.match(text):
        problems.append(StructureProblem(line, f"«{shown(text)}» har punktteikn inne i teksta: ei liste er blitt eitt avsnitt; "
                                               "set kvart punkt på ei eiga linje"))
    elif _COLON_LIST.search(text):
        problems.append(StructureProblem(line, f"«{shown(text)}» ser ut som ei liste som er blitt eitt avsnitt; "
                                               "set kvart punkt etter kolonet på ei eiga linje"))
    return problems


def source_problems(blocks: Sequence[Block], source: str) -> list[StructureProblem]:
    """Signs in the source lines each imported block was made of (lines are source lines)."""
    lines = source.split("\n")
    problems: list[StructureProblem] = []
    for block in blocks:
        if block.kind == "h" and block.level == 1:
            problems += title_problems(block.text, block.line, ', eller gje tittelen med --title "…"')
        if block.kind not in ("p", "li"):
            continue
        parts = [Line(n, lines[n - 1]) for n in range(block.line, max(block.last, block.line) + 1) if lines[n - 1].strip()]
        found = len(problems)
        for previous, part in zip(parts, parts[1:]):
            if heading_line(part.text) and previous.text.rstrip().endswith((".", "!", "?", ":")):
                problems.append(StructureProblem(part.number, f"overskrifta «{shown(part.text.strip())}» er slått saman med punktet over; "
                                                            "set ei tom linje før og etter henne"))
        if sum(sentence_line(part.text) for part in parts) >= 2:
            problems.append(StructureProblem(block.line, f"punktet «{shown(block.text)}» held fleire linjer som kvar les som ein regel; "
                                                         "set eit punktteikn (- eller •) først på kvar av dei"))
        if len(problems) == found:
            problems += text_problems(block.text, block.line)
    return sorted(set(problems), key=lambda p: p.line)


def page_problems(text: str) -> list[StructureProblem]:
    """Signs on a page (lines are page lines): its title, and each paragraph and list item."""
    page = grammar.parse(text)
    problems: list[StructureProblem] = []
    title = (page.front_matter.data.get("document_title") if page.front_matter else None) or ""
    if isinstance(title, str) and title:
        problems += title_problems(title, page.front_matter.key_lines.get("document_title", 1))
    outline = grammar.blocks(page)
    for block in outline.blocks:
        problems += text_problems(block.text, block.line)
        parts = [line for line in block.lines if line.text.strip()]
        if sum(sentence_line(line.text) for line in parts) >= 2:
            problems.append(StructureProblem(block.line, f"«{shown(block.text)}» held fleire linjer som kvar les som ein regel; "
                                                         "gjer kvar linje til eit eige listepunkt med eigen merknad"))
    return sorted(set(problems), key=lambda p: p.line)


def check_pages(docs_dir: Path) -> list[str]:
    """``<page>:<line>: <problem>`` for every guideline page under ``docs_dir/kommunar``
    (``guidelines check`` prints them)."""
    found = []
    for path in sorted((docs_dir / "kommunar").glob("*.md")):
        try:
            problems = page_problems(path.read_text(encoding="utf-8"))
        except (UnicodeDecodeError, grammar.FrontMatterError):
            continue  # the page checks say what is wrong with it
        found += [f"{path.relative_to(docs_dir.parent).as_posix()}:{p.line}: {p.message}" for p in problems]
    return found
