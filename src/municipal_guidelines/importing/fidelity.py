"""The fidelity check: every sentence of a plain-text source must appear in its page.

Only whitespace and structure markers are normalised: bullets (``-``, ``•``, ``✓``, a symbol font's ``q`` … : importing/marks.py), numbers
(``1.``, ``1)``) and Markdown heading marks at the start of a line become Markdown structure, so
they are not compared as text. Sentences are split at line ends and sentence ends.
"""

from __future__ import annotations

import re

from municipal_guidelines.importing.marks import GLYPHS, font_letter_bullets

SOURCE_MARKER = re.compile(rf"^\s*(?:(?:[-–*+](?:\s+|$)|[{GLYPHS}]\s*)+|\d{{1,9}}[.)]\s+|[a-zæøå]\)\s+|#{{1,6}}\s+)")
SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
WORD_CHAR = re.compile(r"\w")  # a "sentence" without one (``---``, a lone bullet) is layout


def normalise(text: str) -> str:
    return " ".join(text.split())


def source_sentences(text: str) -> list[str]:
    """Every sentence of the source, list markers removed, whitespace normalised."""
    sentences = []
    # a word hyphenated at a line end is one word on the page (structure.py joins it): «kommunika-» + «sjonseininga»
    text = re.sub(r"(?<=[^\W\d_])-\n[ \t]*(?=[a-zæøå])", "", font_letter_bullets(text))
    for line in text.split("\n"):
        line = SOURCE_MARKER.sub("", line).strip()
        sentences += [normalise(s) for s in SENTENCE_END.split(line) if WORD_CHAR.search(s)]
    return sentences


def missing_sentences(source: str, page_text: str) -> tuple[int, list[str]]:
    """(number of source sentences, those not found in the page's normalised text)."""
    text = normalise(page_text)
    sentences = source_sentences(source)
    missing, position = [], 0
    for sentence in sentences:  # in order, each is found just after the one before: search there first
        found = text.find(sentence, position)
        if found < 0:
            found = text.find(sentence)
        if found < 0:
            missing.append(sentence)
        else:
            position = found + len(sentence)
    return len(sentences), missing
