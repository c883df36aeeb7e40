"""What the translator needs besides Apertium, and how it reports on its work.

- ``data/glossary.yml``: corrections applied after Apertium, per direction, each with its reason;
- ``data/language_forms.yml``: word forms of one written form only (a translation into the other
  form that still holds one was left half untranslated) and names never translated;
- ``data/back_translation.yml``: words a round trip through Apertium gives back as another word
  of the same meaning (``bevisst på`` → ``klar over``), so the check below does not count them lost;
- a ``Quality`` report per translated page: forms of the source language left in it, words Apertium
  did not know (its marks, which the translator removes), the glossary corrections made, and the
  sentences that did not survive being translated back (``Doubt``: a person should check them).

The back-translation check: every translated sentence is translated back with Apertium, and the
words of the original sentence (of four letters or more) must all come back, as themselves or as
another form of the same word (Apertium's own analyser gives the lemmas; rapidfuzz says how alike
two forms are: "bilder" and "bilde", "opprettes" and "blir opprettet"); a word that does not
(``verdi`` → «verdenen» → «verda») makes the sentence one to check. Apertium's
output differs between builds, so nothing compares it byte for byte.
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
        """The translation with every wrong form replaced, whatever its case («Sakshandsaming»,
        «SAKSHANDSAMING»), and how many were. The replacement takes the case of what it replaces:
        all capitals, a capital first letter, or as written in the glossary."""
        pattern = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, self.wrong)) + r")(?!\w)", re.IGNORECASE)

        def right(match: re.Match) -> str:
            found = match.group(0)
            if len(found) > 1 and found.isupper():
                return self.right.upper()
            return self.right[:1].upper() + self.right[1:] if found[:1].isupper() else self.right

        return pattern.subn(right, translation)


@dataclass(frozen=True)
class Resources:
    """The glossary of each direction (``"nn-nb"``), the one-form word lists, the protected names."""

    glossary: dict[str, tuple[GlossaryEntry, ...]]
    only_in: dict[str, frozenset[str]]  # language form -> its words the other form does not have
    protected: tuple[str, ...]
    alike: tuple[frozenset[str], ...] = ()  # data/back_translation.yml: lemmas a round trip may swap

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
    """The glossary, the word lists and the back-translation synonyms of ``data_dir`` (GuidelineError
    at the line of a bad entry)."""
    only_in, protected = load_language_forms(data_dir / "language_forms.yml")
    back_file = data_dir / "back_translation.yml"
    return Resources(
        glossary=load_glossary(data_dir / "glossary.yml"),
        only_in=only_in,
        protected=protected,
        alike=load_alike(back_file) if back_file.is_file() else (),
    )


def load_alike(path: Path) -> tuple[frozenset[str], ...]:
    """data/back_translation.yml, checked: groups of words ``{words: [a, b], reason: …}``."""
    file = read_data_file(path)
    unknown = sorted(set(map(str, file.data)) - {"alike"})
    if unknown:
        raise file.error((unknown[0],), f"ukjent nøkkel «{unknown[0]}»; fila har berre alike")
    groups = []
    for index, entry in enumerate(file.entries("alike", "gruppa")):
        at = ("alike", index)
        extra = sorted(map(str, set(entry) - {"words", "reason"}))
        if extra:
            raise file.error((*at, extra[0]), f"alike nr. {index + 1}: ukjent felt «{extra[0]}»; ei gruppe har words og reason")
        checked_text(file, (*at, "reason"), entry.get("reason"), f"alike nr. {index + 1}: reason", max_length=MAX_REASON)
        words = checked_words(file, (*at, "words"), entry.get("words"), f"alike nr. {index + 1}: words", max_length=MAX_WORD)
        if len(words) < 2:
            raise file.error((*at, "words"), f"alike nr. {index + 1}: words må ha minst to ord som tyder det same")
        groups.append(frozenset(word.lower() for word in words))
    return tuple(groups)


@dataclass(frozen=True)
class Doubt:
    """A translated sentence that did not survive being translated back: a person should check it."""

    ref: str  # where: "<body line>.<sentence>" (1-based, the body after the front matter) or "document_title.1"
    original: str
    translation: str
    back: str  # the translation translated back
    lost: tuple[str, ...]  # the words of the original that did not come back


MIN_LETTERS = 4  # shorter words (og, på, han, ham, det) are left out of the comparison
SIMILAR = 85  # rapidfuzz ratio at which two forms of one word count as the same (bilder, bilde)
SIMILAR_FROM = 6  # letters a word needs for that; a shorter one must come back as it was (mest, meste)


INFLECTIONS = ("", "n", "en", "et", "a", "r", "er", "ar", "ne", "ene", "ane")  # noun endings; not -e (mest/meste)


def _stems(word: str) -> set[str]:
    return {word[: len(word) - len(ending)] for ending in INFLECTIONS if word.endswith(ending) and len(word) - len(ending) >= MIN_LETTERS}


def _inflected(word: str, other: str) -> bool:
    """Whether the two are one noun with other endings (rolle/rollen, kontoer/kontoene), not mynde/myndar."""
    return bool(_stems(word) & _stems(other))


def _key(word: str) -> str:
    """A word to compare: lower case, a final -a as -e (nynorsk dela/dele, rekna/rekne), and a
    nynorsk infinitive's -je as -e (leggje/leggja/legge, tenkje/tenke)."""
    word = word.lower()
    word = word[:-1] + "e" if len(word) > 3 and word.endswith("a") else word
    return word[:-2] + "e" if len(word) > 5 and word.endswith("je") else word


PASSIVE_ENDINGS = ("es", "ast", "s")  # bokmål and nynorsk s-passive: gjenkjennes, reisast, forstås
PARTICIPLE_ENDINGS = ("t", "d", "en")  # gjenkjent, forstått, gjenkjend, halden (not snarast / snare)


def _passive_of(key: str, other: str) -> bool:
    """Whether ``key`` is an s-passive and ``other`` its participle, which a round trip gives with
    «blir» (gjenkjennes / blir gjenkjent, reises / blir reist, forstås / blir forstått): the same
    verb, when both begin alike to the verb's stem (the caller checks the lemma too)."""
    for ending in PASSIVE_ENDINGS:
        if key.endswith(ending) and len(key) - len(ending) >= MIN_LETTERS:
            stem = key[: len(key) - len(ending)]
            stem = stem[:-1] if stem.endswith("e") else stem
            stem = stem[:-1] if stem[-1:] == stem[-2:-1] else stem  # gjenkjenn-es: gjenkjen-t
            return (
                other != key and other.startswith(stem) and len(other) - len(stem) <= 3 and other.endswith(PARTICIPLE_ENDINGS)
            )
    return False


def lost_words(original: Sequence[tuple[str, frozenset[str]]], back: Sequence[tuple[str, frozenset[str]]], alike: Sequence[frozenset[str]] = ()) -> list[str]:
    """The words of ``original`` that do not come back in ``back``: each is (surface form, its
    lemmas), as ``engine.analyse`` gives them. A word comes back as itself (``_key``), as another
    form of itself (the same lemma and a rapidfuzz ratio of at least ``SIMILAR``, for words of
    ``SIMILAR_FROM`` letters or more: "opprettes" and "opprettet", not "mynde" and "myndar"), as a
    compound's other form (7 letters or more, the same ratio), or as a word alike it (``alike``,
    data/back_translation.yml). Lemmas alone are not enough: the analyser gives "verdi" (value) and
    "verda" (the world) the lemma "verd", and "snarast" (soonest) and "snara" the lemma "snare"."""
    from rapidfuzz import fuzz  # noqa: PLC0415 — only where translations are checked

    keys = {_key(surface): lemmas for surface, lemmas in back}
    # For the words alike: what the back has as written, without a noun ending (forespørselen:
    # forespørsel), not the analyser's lemmas ("myndar" would be "mynde" again).
    pool = set(keys) | {stem for key in keys for stem in _stems(key)} | {surface.lower() for surface, _ in back}
    lost = []
    for surface, lemmas in original:
        if sum(ch.isalpha() for ch in surface) < MIN_LETTERS:
            continue
        key = _key(surface)
        if key in keys:
            continue
        if any(
            lemmas & found and (_inflected(key, other) or _passive_of(key, other)) or len(key) >= SIMILAR_FROM and fuzz.ratio(key, other) >= SIMILAR and (lemmas & found or len(key) >= 7)
            for other, found in keys.items()
        ):
            continue
        mine = lemmas | {key, surface.lower()}
        if any(group & mine and (group & pool or any(" " in w and set(w.split()) <= pool for w in group)) for group in alike):
            continue
        lost.append(surface)
    return lost


@dataclass
class Quality:
    """What one page's translation is worth checking."""

    unknown: list[str] = field(default_factory=list)  # words Apertium marked as unknown
    corrections: list[tuple[str, str]] = field(default_factory=list)  # (wrong, right) the glossary fixed
    leftovers: list[str] = field(default_factory=list)  # source-form words still in the translation
    doubts: list[Doubt] = field(default_factory=list)  # sentences that did not survive being translated back

    def lines(self, shown: str) -> list[str]:
        found = []
        if self.leftovers:
            found.append(f"{shown}: ord frå originalen si målform står att: {', '.join(sorted(set(self.leftovers)))}")
        if self.unknown:
            found.append(f"{shown}: ord Apertium ikkje kjende: {', '.join(sorted(set(self.unknown)))}")
        if self.corrections:
            fixed = ", ".join(f"{wrong} → {right}" for wrong, right in sorted(set(self.corrections)))
            found.append(f"{shown}: retta etter ordlista (data/glossary.yml): {fixed}")
        for doubt in self.doubts:
            found.append(
                f"{shown}: kontroller omsetjinga ({doubt.ref}): «{doubt.translation}» — omsett tilbake «{doubt.back}», "
                f"der manglar: {', '.join(doubt.lost)}"
            )
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
