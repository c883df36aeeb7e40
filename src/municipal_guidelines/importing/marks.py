"""What is layout, not text, in one place for the importer's structure, its fidelity check and its
structure check: the marks a list item starts with, and the lines of a page's furniture.

Besides the bullets people type (``•``, ``-``, ``–``, ``*``), a PDF made from a Word document often
carries its bullets in a symbol font (Symbol, Wingdings): copied out of a PDF viewer they come as a
character of Unicode's private-use area (U+F0B7 for Symbol's dot, U+F0A7 for Wingdings' square)
or as the plain letter that font slot holds: ``q`` (a box), ``Ø`` (an arrow), ``§`` (a square),
``v`` (a diamond), ``o`` (Courier New's circle, Word's second level). A private-use character at a
line's start is always a bullet; a letter only in a run of at least two lines that each start with
it, a space and a capital letter (not a number: «§ 3 Formål» is a paragraph; one line starting «o Facebook» could be anything).
"""

from __future__ import annotations

import re

# the bullet glyphs a line can start with, as the body of a regular-expression character class
GLYPHS = "•✓✔▪◦‣●○■□❑➢►▸\ue000-\uf8ff"
_FIRST_GLYPHS = "•▪●◦‣\ue000-\uf8ff"  # the dots and squares a list that became one paragraph shows inside it
INNER_BULLET = re.compile(rf"(?:^|\s)[{_FIRST_GLYPHS}](?=\s)")
STARTS_WITH_BULLET = re.compile(rf"^\s*[{_FIRST_GLYPHS}]")
# a symbol font's bullet copied as a private-use character at a line's start: a bullet, the one
# place such a character is accepted in a text (source.check_text_characters)
PRIVATE_USE_BULLET = re.compile(r"^[ \t]*[\ue000-\uf8ff](?=[ \t])")
_FONT_LETTER = re.compile(r"^(?P<indent>[ \t]*)(?P<letter>[qØ§vo])[ \t]+(?=[A-ZÆØÅ«\"])")


def font_letter_bullets(text: str) -> str:
    """The text with each symbol-font letter that is a bullet (see the module) written as ``•``;
    the lines keep their numbers and indents."""
    lines = text.split("\n")
    marks = [_FONT_LETTER.match(line) for line in lines]
    for index, mark in enumerate(marks):
        if mark is None:
            continue
        neighbours = (marks[index - 1] if index else None, marks[index + 1] if index + 1 < len(marks) else None)
        if any(other is not None and other.group("letter") == mark.group("letter") for other in neighbours):
            lines[index] = f"{mark.group('indent')}•{lines[index][mark.end('letter'):]}"
    return "\n".join(lines)


# Page furniture a publishing system puts inside the content: the date of the last change, share
# and print links. Left out of the guideline, and said so.
FURNITURE_LINE = re.compile(
    r"^(?:(?:sist\s+(?:oppdatert|endra|endret|revidert)|oppdatert|publisert|endra|endret)\s*:?\s*\d{1,2}[./]\s*\d{1,2}[./]\s*\d{2,4}\.?"
    r"|(?:del|dele)\s+(?:denne\s+)?(?:sida|siden|artikkelen)\b.{0,80}|skriv\s+ut(?:\s+(?:sida|siden))?)$",
    re.IGNORECASE,
)
# The label over a web page's table of contents, copied with its text.
CONTENTS_LABEL = re.compile(
    r"^(?:innhold(?:sfortegnelse)?|innhald(?:sliste)?|(?:innhold|innhald)\s+på\s+(?:denne\s+)?(?:sida|siden)|på\s+denne\s+(?:sida|siden))\s*:?$",
    re.IGNORECASE,
)
# The label over the links to other pages at a web page's end.
SEE_ALSO_LABEL = re.compile(
    r"^(?:les\s+(?:også|òg|meir|mer)(?:\s+om)?|s(?:e|jå)\s+(?:også|òg)|relatert(?:e)?(?:\s+(?:innhold|innhald|sider|artiklar|artikler|lenker|saker))?"
    r"|nyttige\s+lenker|lenker|andre\s+retningslinjer)\s*:?$",
    re.IGNORECASE,
)
