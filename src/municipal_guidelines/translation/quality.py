"""What the translator needs besides Apertium, and how it reports on its work.

- ``data/glossary.yml``: corrections applied after Apertium, per direction, each with its reason;
- ``data/language_forms.yml``: word forms of one written form only (a translation into the other
  form that still holds one was left half untranslated) and names never translated;
- a ``Quality`` report per translated page: forms of the source language left in it, words Apertium
  did not know (its marks, which the translator removes), and the glossary corrections made.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from municipal_guidelines.format.datafile import checked_text, checked_words, read_data_file
from municipal_guidelines.format.guideline import Guideline
from municipal_guidelines.layout import LANGS, other_lang

_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


@dataclass(frozen=True)
class GlossaryEntry:
    source: str
    wrong: tuple[str, ...]
    right: str
    reason: str

    def applies_to(self, original: str) -> bool:
        return re.search(rf"(?<!\w){re.escape(self.source)}(?!\w)", original, re.IGNORECASE) is not None

    def correct(self, translation: str) -> tuple[str, int]:
        """The translation with every wrong form replaced, and how many were."""
        pattern = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, self.wrong)) + r")(?!\w)")

        def right(match: re.Match) -> str:
            return self.right[:1].upper() + self.right[1:] if match.group(0)[:1].isupper() else self.right

        return pattern.subn(right, translation)


@dataclass(frozen=True)
class Resources:
    """The glossary of each direction (``"nn-nb"``), the one-form word lists, the protected names."""

    glossary: dict[str, tuple[GlossaryEntry, ...]]
    only_in: dict[str, frozenset[str]]  # language form -> its words the other form does not have
    protected: tuple[str, ...]

    def entries(self, source_lang: str) -> tuple[GlossaryEntry, ...]:
        return self.glossary.get(f"{source_lang}-{other_lang(source_lang)}", ())


MAX_WORD, MAX_REASON = 80, 300
DIRECTIONS = tuple(f"{lang}-{other_lang(lang)}" for lang in LANGS)
_GLOSSARY_KEYS = frozenset({"source", "wrong", "right", "reason"})
_ONE_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")


def load_glossary(path: Path) -> dict[str, tuple[GlossaryEntry, ...]]:
    """data/glossary.yml, checked: per direction a list of {source, wrong, right, reason}, each plain text."""
    file = read_data_file(path)
    unknown = sorted(set(map(str, file.data)) - set(DIRECTIONS))
    if unknown:
        raise file.error((unknown[0],), f"«{unknown[0]}» er ingen omsetjingsretning; bruk {' eller '.join(DIRECTIONS)}")
    glossary = {}
    for direction in DIRECTIONS:
        entries = []
        for index, entry in enumerate(file.entries(direction, "rettinga")):
            at = (direction, index)
            extra = sorted(map(str, set(entry) - _GLOSSARY_KEYS))
            if extra:
                raise file.error((*at, extra[0]), f"{direction} nr. {index + 1}: ukjent felt «{extra[0]}»; ei retting har {', '.join(sorted(_GLOSSARY_KEYS))}")
            fields = {
                key: checked_text(file, (*at, key), entry.get(key), f"{direction} nr. {index + 1}: {key}", max_length=MAX_REASON if key == "reason" else MAX_WORD)
                for key in sorted(_GLOSSARY_KEYS)
            }
            wrong = tuple(w.strip() for w in fields["wrong"].split("|"))
            if not all(wrong):
                raise file.error((*at, "wrong"), f"{direction} nr. {index + 1}: wrong har eit tomt alternativ; skriv a|b utan tomme ledd")
            entries.append(GlossaryEntry(fields["source"], wrong, fields["right"], fields["reason"]))
        glossary[direction] = tuple(entries)
    return glossary


def load_language_forms(path: Path) -> tuple[dict[str, frozenset[str]], tuple[str, ...]]:
    """data/language_forms.yml, checked: the one-form word lists and the protected names, each a word."""
    file = read_data_file(path)
    keys = {f"{lang}_only" for lang in LANGS} | {"protected"}
    unknown = sorted(set(map(str, file.data)) - keys)
    if unknown:
        raise file.error((unknown[0],), f"ukjent nøkkel «{unknown[0]}»; fila har berre {', '.join(sorted(keys))}")
    lists = {}
    for key in sorted(keys):
        words = checked_words(file, (key,), file.data.get(key), key, max_length=MAX_WORD, max_items=5000)
        for index, word in enumerate(words):
            if not all(_ONE_WORD.fullmatch(part) for part in word.split()):
                raise file.error((key, index), f"{key}: {word!r} er ikkje eit ord eller namn; skriv berre bokstavar (og bindestrek)")
        lists[key] = words
    only_in = {lang: frozenset(lists[f"{lang}_only"]) for lang in LANGS}
    return only_in, tuple(lists["protected"])


@lru_cache(maxsize=8)
def load_resources(data_dir: Path) -> Resources:
    """The glossary and the word lists of ``data_dir`` (GuidelineError at the line of a bad entry)."""
    only_in, protected = load_language_forms(data_dir / "language_forms.yml")
    return Resources(glossary=load_glossary(data_dir / "glossary.yml"), only_in=only_in, protected=protected)


@dataclass
class Quality:
    """What one page's translation is worth checking."""

    unknown: list[str] = field(default_factory=list)  # words Apertium marked as unknown
    corrections: list[tuple[str, str]] = field(default_factory=list)  # (wrong, right) the glossary fixed
    leftovers: list[str] = field(default_factory=list)  # source-form words still in the translation

    def lines(self, shown: str) -> list[str]:
        found = []
        if self.leftovers:
            found.append(f"{shown}: ord frå originalen si målform står att: {', '.join(sorted(set(self.leftovers)))}")
        if self.unknown:
            found.append(f"{shown}: ord Apertium ikkje kjende: {', '.join(sorted(set(self.unknown)))}")
        if self.corrections:
            fixed = ", ".join(f"{wrong} → {right}" for wrong, right in sorted(set(self.corrections)))
            found.append(f"{shown}: retta etter ordlista (data/glossary.yml): {fixed}")
        return found


def leftovers(texts: Iterable[str], target_lang: str, resources: Resources) -> list[str]:
    """Words of the other written form in text meant to be ``target_lang``."""
    foreign = resources.only_in[other_lang(target_lang)]
    return [word for text in texts for word in _WORD.findall(text.lower()) if word in foreign]


def names_pattern(names: Sequence[str]) -> str:
    """A regex alternative matching any of ``names`` as whole words, longest first."""
    ordered = sorted({n for n in names if n.strip()}, key=len, reverse=True)
    return r"(?<!\w)(?:" + "|".join(map(re.escape, ordered)) + r")(?!\w)" if ordered else ""


def translation_notes(guidelines: Iterable[Guideline], lang: str, resources: Resources) -> list[str]:
    """For the build output: each machine translation into ``lang`` that still holds words of its
    original's written form."""
    notes = []
    for page in guidelines:
        if page.lang != lang or page.is_original:
            continue
        words = leftovers([page.meta.document_title, *(rule.text for rule in page.rules)], lang, resources)
        if words:
            notes.append(f"{page.path}: maskinomsetjinga har att ord frå originalen si målform: {', '.join(sorted(set(words)))}")
    return notes
