"""Suggest topics for a block of rule text from the taxonomy's keywords (data/topics.yml).

Pure and deterministic: the same text and taxonomy always give the same topics, in taxonomy
order. Used by ``guidelines import`` (first annotation of a new page),
``guidelines suggest`` and ``guidelines evaluate``.

How a keyword matches (everything lower-cased, in bokmål and nynorsk alike):

- **Words.** The text is cut into words at spaces and punctuation (also ``/``); a hyphenated
  word is also tried without its hyphens and part by part (``fakta-feil``, ``pasient-/bruker…``).
- **Stem.** A one-word keyword is a stem. It matches a word that *starts* with it, which covers
  inflection (``taushetsplikt`` → ``taushetsplikten``, ``teieplikt`` → ``teieplikta``) and
  compounds that start with it (``krise`` → ``krisestab``, ``kriseleiing``; ``beredskap`` →
  ``beredskapsleiing``). A stem ending in ``-e`` also matches with ``-a`` in its place, the
  nynorsk and inflected form (``bilete`` → ``bileta``, ``krise`` → ``krisa``, ``svare`` → ``svara``).
- **Compound part.** A stem of at least :data:`MIN_PART_STEM` letters also matches inside a
  compound, after a first part of at least :data:`MIN_HEAD` letters (``konto`` in
  ``mediekontoer``, ``beredskap`` in ``kriseberedskap``). Shorter stems (``del``, ``svar``,
  ``lov``) only match at the start of a word, so ``ansvar`` is not ``svar``.
- **Snowball.** A word written with a final ``~`` (``skjule~``) matches every word that has the
  same Snowball Norwegian stem (``skjules``, ``skjulast``, ``skjult``), whole words only.
- **Inflection that drops an e.** A stem ending in ``-el``/``-en``/``-er`` also matches without that
  ``e`` (``venneforespørsel`` → ``venneforespørsler``).
- **Phrase.** A keyword of several words (``kontakt med``, ``sunn fornuft``) matches consecutive
  words, each word of the phrase being a stem of the corresponding word of the text.
- **Alternatives and combinations.** ``a|b`` matches when either phrase matches; ``x + y``
  matches when every ``+``-separated part matches somewhere in the same block. So
  ``bilde|bilete + identifiser|samtykke`` means "a picture, together with identifying or consent".
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Protocol

import snowballstemmer

MIN_PART_STEM = 5  # a stem this long may also match as the later part of a compound
MIN_HEAD = 3  # the earlier part of such a compound has at least this many letters

_WORD = re.compile(r"[^\W_]+(?:-[^\W_]+)*")
_KEYWORD_WORD = re.compile(r"[^\W_]+(?:-[^\W_]+)*~?")  # a keyword's word, with its Snowball mark


class HasKeywords(Protocol):
    """What the suggester needs from a topic (``guidelines.topics.Topic`` fits)."""

    id: str
    keywords: tuple[str, ...]


@dataclass(frozen=True)
class Keyword:
    """A parsed keyword: all ``parts`` must match; a part is a choice of phrases of stems."""

    raw: str
    parts: tuple[tuple[tuple[str, ...], ...], ...]


def tokenise(text: str) -> tuple[str, ...]:
    """Lower-cased words of ``text``; hyphenated words stay one word (``e-post``)."""
    return tuple(match.group(0) for match in _WORD.finditer(text.lower()))


def word_forms(word: str) -> tuple[str, ...]:
    """The forms a word is tried in: itself, without hyphens, and each hyphen-separated part."""
    if "-" not in word:
        return (word,)
    return (word, word.replace("-", ""), *(part for part in word.split("-") if part))


_STEMMER = snowballstemmer.stemmer("norwegian")
SNOWBALL_MARK = "~"  # a keyword word ending in it matches by Snowball stem
_SYNCOPE = re.compile(r"(?<=[^aeiouyæøå])e([lnr])$")  # forespørsel → forespørsler, regel → regler


@lru_cache(maxsize=4096)
def stem_variants(stem: str) -> tuple[str, ...]:
    """The forms a keyword stem matches from: itself; its ``-e`` → ``-a`` form (``bilete``/``bileta``,
    ``krise``/``krisa``); and without the ``e`` of a final ``-el``/``-en``/``-er`` that inflection
    drops (``venneforespørsel`` → ``venneforespørsler``)."""
    variants = [stem]
    if len(stem) >= 4 and stem.endswith("e"):
        variants.append(stem[:-1] + "a")
    if len(stem) >= MIN_PART_STEM and _SYNCOPE.search(stem):
        variants.append(_SYNCOPE.sub(r"\1", stem))
    return tuple(dict.fromkeys(variants))


@lru_cache(maxsize=65536)
def snowball(word: str) -> str:
    """The Snowball Norwegian stem of a word (``skjulast``, ``skjules`` → ``skjul``)."""
    return _STEMMER.stemWord(word)


def form_matches(form: str, stem: str) -> bool:
    """``stem`` starts ``form``, or (long stems) starts a later compound part of it."""
    if form.startswith(stem):
        return True
    if len(stem) < MIN_PART_STEM:
        return False
    return form.find(stem, MIN_HEAD) > 0


def stem_matches(word: str, stem: str) -> bool:
    """Whether a text word is an inflected form or compound of ``stem``; a stem written with a
    final ``~`` matches every word with its Snowball Norwegian stem instead (``skjule~``:
    ``skjules``, ``skjulast``, ``skjult`` — whole words only)."""
    if stem.endswith(SNOWBALL_MARK):
        return any(snowball(form) == snowball(stem[:-1]) for form in word_forms(word))
    return any(form_matches(form, variant) for form in word_forms(word) for variant in stem_variants(stem))


def phrase_matches(words: Sequence[str], phrase: Sequence[str]) -> bool:
    """Whether the stems of ``phrase`` match consecutive ``words``."""
    if not phrase:
        return False
    last_start = len(words) - len(phrase)
    return any(
        all(stem_matches(words[start + offset], stem) for offset, stem in enumerate(phrase))
        for start in range(last_start + 1)
    )


@lru_cache(maxsize=4096)
def parse_keyword(raw: str) -> Keyword:
    """``"bilde|bilete + samtykke"`` → parts ``((("bilde",), ("bilete",)), (("samtykke",),))``."""
    parts = []
    for part in raw.split("+"):
        choices = tuple(tuple(m.group(0) for m in _KEYWORD_WORD.finditer(choice.lower())) for choice in part.split("|"))
        choices = tuple(choice for choice in choices if choice)
        if choices:
            parts.append(choices)
    return Keyword(raw=raw, parts=tuple(parts))


def keyword_matches(words: Sequence[str], keyword: Keyword) -> bool:
    """Every part of the keyword matches somewhere in ``words``."""
    return bool(keyword.parts) and all(
        any(phrase_matches(words, phrase) for phrase in part) for part in keyword.parts
    )


# --- the same matching, fast: each distinct word is looked up once in an index of the stems -------
#
# ``stem_matches`` tried every stem of the taxonomy against every word of every block (≈ 17 ms a
# block). The index finds the stems a word matches by its prefixes (a stem that starts a form), its
# substrings from the MIN_HEAD-th letter on (a long stem as a compound's later part) and its Snowball
# stem, each a dictionary look-up, and remembers the answer per word; a keyword is then a matter of
# set membership. ``tests/test_import.py`` checks that both ways agree.


class StemIndex:
    """The stems of a taxonomy's keywords, and for each word seen the stems it matches."""

    MAX_WORDS = 200_000  # words remembered (then forgotten all at once)

    def __init__(self, keywords: Iterable[str]) -> None:
        self.keywords = {raw: parse_keyword(raw) for raw in keywords}
        stems = {stem for keyword in self.keywords.values() for part in keyword.parts for phrase in part for stem in phrase}
        self.starts: dict[str, set[str]] = {}  # a variant -> the stems it is a variant of
        self.inside: dict[str, set[str]] = {}  # the same, variants of at least MIN_PART_STEM letters
        self.snowballs: dict[str, set[str]] = {}  # a Snowball stem -> the ``~`` stems with it
        for stem in stems:
            if stem.endswith(SNOWBALL_MARK):
                self.snowballs.setdefault(snowball(stem[:-1]), set()).add(stem)
                continue
            for variant in stem_variants(stem):
                self.starts.setdefault(variant, set()).add(stem)
                if len(variant) >= MIN_PART_STEM:
                    self.inside.setdefault(variant, set()).add(stem)
        self.longest = max(map(len, self.starts), default=0)
        self.by_stem: dict[str, set[str]] = {}  # a stem -> the keywords that need it somewhere
        for raw, keyword in self.keywords.items():
            for part in keyword.parts:
                for phrase in part:
                    for stem in phrase:
                        self.by_stem.setdefault(stem, set()).add(raw)
        self.words: dict[str, frozenset[str]] = {}

    def stems_of(self, word: str) -> frozenset[str]:
        """The stems ``word`` matches (exactly those ``stem_matches`` says yes to)."""
        found = self.words.get(word)
        if found is not None:
            return found
        matched: set[str] = set()
        for form in word_forms(word):
            for end in range(1, min(len(form), self.longest) + 1):
                matched |= self.starts.get(form[:end], set())
            for begin in range(MIN_HEAD, len(form) - MIN_PART_STEM + 1):
                for end in range(begin + MIN_PART_STEM, min(len(form), begin + self.longest) + 1):
                    matched |= self.inside.get(form[begin:end], set())
            if self.snowballs:
                matched |= self.snowballs.get(snowball(form), set())
        if len(self.words) >= self.MAX_WORDS:
            self.words.clear()
        found = self.words[word] = frozenset(matched)
        return found

    def read(self, text: str) -> tuple[list[frozenset[str]], frozenset[str], set[str]]:
        """The stems of each word of ``text``, all of them, and the keywords that may match."""
        sets = [self.stems_of(word) for word in tokenise(text)]
        present = frozenset().union(*sets)
        candidates = set().union(*(self.by_stem[stem] for stem in present if stem in self.by_stem))
        return sets, present, candidates

    def matched(self, text: str) -> set[str]:
        """Every keyword of this index that matches ``text`` (only those whose stems it has are tried)."""
        sets, present, candidates = self.read(text)
        return {raw for raw in candidates if _matches(sets, present, self.keywords[raw])}

    def matching(self, text: str, keywords: Iterable[str]) -> list[str]:
        """The keywords of ``keywords`` (each one of this index's) that match ``text``, in their order."""
        matched = self.matched(text)
        return [raw for raw in keywords if raw in matched]


def _matches(sets: Sequence[frozenset[str]], present: frozenset[str], keyword: Keyword) -> bool:
    return bool(keyword.parts) and all(any(_phrase(sets, present, phrase) for phrase in part) for part in keyword.parts)


def _phrase(sets: Sequence[frozenset[str]], present: frozenset[str], phrase: Sequence[str]) -> bool:
    if not phrase or not all(stem in present for stem in phrase):
        return False
    return any(all(stem in sets[start + offset] for offset, stem in enumerate(phrase)) for start in range(len(sets) - len(phrase) + 1))


@lru_cache(maxsize=16)
def stem_index(keywords: tuple[str, ...]) -> StemIndex:
    return StemIndex(keywords)


def _index_of(topics: Iterable[HasKeywords]) -> tuple[StemIndex, list[HasKeywords]]:
    topics = list(topics)
    return stem_index(tuple(raw for topic in topics for raw in topic.keywords)), topics


def matching_keywords(text: str, keywords: Iterable[str]) -> tuple[str, ...]:
    """The keywords (as written in the taxonomy) that match ``text``; useful to explain a suggestion."""
    keywords = tuple(keywords)
    return tuple(stem_index(keywords).matching(text, keywords))


def suggest_topics(text: str, topics: Iterable[HasKeywords]) -> tuple[str, ...]:
    """Ids of the topics with at least one keyword matching ``text``, in taxonomy order."""
    index, topics = _index_of(topics)
    matched = index.matched(text)
    return tuple(topic.id for topic in topics if not matched.isdisjoint(topic.keywords)) if matched else ()
