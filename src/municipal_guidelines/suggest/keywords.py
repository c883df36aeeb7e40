"""Suggest topics for a block of rule text from the taxonomy's keywords (data/topics.yml).

Pure and deterministic: the same text and taxonomy always give the same topics, in taxonomy
order. Used by ``guidelines import`` (first annotation of a new page),
``guidelines suggest`` and ``guidelines evaluate``.

How a keyword matches (everything lower-cased, in bokmål and nynorsk alike):

- **Words.** The text is cut into words at spaces and punctuation (also ``/``); a hyphenated
  word is also tried without its hyphens and part by part (``fakta-feil``, ``pasient-/bruker…``).
- **Whole words, never a part of one.** A one-word keyword matches a word that is the keyword,
  or the keyword with an inflection ending (:data:`ENDINGS`: ``taushetsplikt`` →
  ``taushetsplikten``, ``teieplikt`` → ``teieplikta``, ``saksbehandl`` → ``saksbehandling``), or
  whose lemma (``simplemma``, bokmål and nynorsk dictionaries) is that (``kontoane`` → ``konto``,
  ``bileta`` → ``bilete``). A keyword ending in ``-e`` also matches with ``-a`` in its place
  (``krise`` → ``krisa``). Never any other substring: ``deling`` is not in
  ``kommunikasjonsavdelingen``, ``troll`` not in ``kontrollere``, ``aktiv`` not in
  ``fritidsaktiviteter``.
- **Compound part.** A keyword of at least :data:`MIN_PART_STEM` letters also matches the last
  part of a compound (``konto`` in ``mediekontoar``, ``beredskap`` in ``kriseberedskapen``) and
  its first part (``krise`` in ``krisestab``, ``beredskap`` in ``beredskapsleiing``), but only
  where the word splits there: the matched part a known word itself, and the other part a known
  word of at least :data:`MIN_HEAD` letters (with a linking ``s`` or ``e``) or, for a last part, a
  name the dictionaries do not know (``facebookkontoen``) with no longer known word ending the
  compound (``kommunikasjons|avdelingen``, not ``…av|delingen``).
  Shorter keywords (``del``, ``svar``, ``lov``) are never compound parts, so ``ansvar`` is not
  ``svar``.
- **Snowball.** A word written with a final ``~`` (``skjule~``) matches every word that has the
  same Snowball Norwegian stem (``skjules``, ``skjulast``, ``skjult``), whole words only.
- **Inflection that drops an e.** A stem ending in ``-el``/``-en``/``-er`` also matches without that
  ``e`` (``venneforespørsel`` → ``venneforespørsler``).
- **Phrase.** A keyword of several words (``kontakt med``, ``sunn fornuft``) matches consecutive
  words, each word of the phrase being a stem of the corresponding word of the text.
- **Mentions.** A keyword written with a leading ``?`` (``?konto``, ``?kommentar``) names what
  a rule is about without saying which topic: it suggests its topic only where no other keyword
  (and, in ``guidelines import``, not the learned model either) finds one. "Svar frå kontoane skal
  signerast" is signing, not the accounts; "Kommentarar med personangrep blir sletta" is deleting,
  not replying.
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

from municipal_guidelines.layout import LANGS

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
    mention: bool = False  # written "?konto": evidence only where no other topic is found


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
MENTION_MARK = "?"  # a keyword starting with it is a mention (see keyword_topics)
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


ENDINGS = frozenset(
    """e a r n t s en et er ar ne te de es as st ast est ere ane ene ens ets ers ande ende ert erte
    ing inga ingen ingar inger ingane ingene ig ige lig lige leg lege""".split()
) | {""}  # what inflection (and -ing) adds to a keyword's stem


@lru_cache(maxsize=1)
def _simplemma():
    import simplemma  # its dictionaries load on first use (a few seconds): only when text is matched

    return simplemma


@lru_cache(maxsize=65536)
def lemma(word: str) -> str:
    """The word's dictionary form in bokmål or nynorsk (``kontoane`` → ``konto``)."""
    return _simplemma().lemmatize(word, lang=LANGS).lower()


@lru_cache(maxsize=65536)
def known(word: str) -> bool:
    """Whether the bokmål or nynorsk dictionary knows the word."""
    return _simplemma().is_known(word, lang=LANGS)


def known_part(part: str) -> bool:
    """A compound's other part: a known word of at least MIN_HEAD letters, as it stands, in a
    form that drops a final ``-r``/``-n`` (``medie`` of ``medier``), or before a linking s or e."""
    if len(part) < MIN_HEAD:
        return False
    if known(part) or known(part + "r") or known(part + "n"):
        return True
    return part[-1] in "se" and len(part) > MIN_HEAD and known(part[:-1])


def whole_word(form: str, stem: str) -> bool:
    """``form`` is ``stem`` or an inflected form of it, by its letters or by its lemma."""
    for variant in stem_variants(stem):
        if form.startswith(variant) and form[len(variant):] in ENDINGS:
            return True
    found = lemma(form)
    return found != form and any(found.startswith(v) and found[len(v):] in ENDINGS for v in stem_variants(stem))


def form_matches(form: str, stem: str) -> bool:
    """``form`` is the keyword as a whole word, or (long keywords) a compound whose first or last
    part it is, the other part a word the dictionaries know."""
    if whole_word(form, stem):
        return True
    if len(stem) < MIN_PART_STEM or len(form) < len(stem) + MIN_HEAD:
        return False
    for start in range(MIN_HEAD, len(form) - len(stem) + 1):  # the last part
        tail = form[start:]
        if tail.startswith(stem[:1]) and whole_word(tail, stem) and known(tail) and (
            known_part(form[:start]) or not any(known(form[j:]) for j in range(1, start))
        ):
            return True
    for variant in stem_variants(stem):  # the first part
        rest = form[len(variant):] if form.startswith(variant) else ""
        if rest and (known_part(rest) and known(rest) or rest[0] in "se" and known_part(rest[1:]) and known(rest[1:])):
            return True
    return False


def stem_matches(word: str, stem: str) -> bool:
    """Whether a text word is an inflected form or compound of ``stem``; a stem written with a
    final ``~`` matches every word with its Snowball Norwegian stem instead (``skjule~``:
    ``skjules``, ``skjulast``, ``skjult`` — whole words only)."""
    if stem.endswith(SNOWBALL_MARK):
        return any(snowball(form) == snowball(stem[:-1]) for form in word_forms(word))
    return any(form_matches(form, stem) for form in word_forms(word))


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
    mention = raw.startswith(MENTION_MARK)
    for part in raw.removeprefix(MENTION_MARK).split("+"):
        choices = tuple(tuple(m.group(0) for m in _KEYWORD_WORD.finditer(choice.lower())) for choice in part.split("|"))
        choices = tuple(choice for choice in choices if choice)
        if choices:
            parts.append(choices)
    return Keyword(raw=raw, parts=tuple(parts), mention=mention)


def keyword_matches(words: Sequence[str], keyword: Keyword) -> bool:
    """Every part of the keyword matches somewhere in ``words``."""
    return bool(keyword.parts) and all(
        any(phrase_matches(words, phrase) for phrase in part) for part in keyword.parts
    )


# --- the same matching, fast: each distinct word is looked up once in an index of the stems -------
#
# Trying every stem of the taxonomy against every word of every block costs ≈ 17 ms a block. The
# index narrows the stems a word may match to those one of its variants stands in: a stem that
# starts a form or the form's lemma, a long stem from the MIN_HEAD-th letter on (a compound's later
# part), a Snowball stem — each a dictionary look-up. Every one of those candidates is then
# confirmed by ``stem_matches`` itself, so the index never changes what matches, only how fast;
# the answer is remembered per word. ``tests/test_import.py`` checks that both ways agree.


class StemIndex:
    """The stems of a taxonomy's keywords, and for each word seen the stems it matches."""

    MAX_WORDS = 200_000  # words remembered (then forgotten all at once)

    def __init__(self, keywords: Iterable[str]) -> None:
        self.keywords = {raw: parse_keyword(raw) for raw in keywords}
        stems = {stem for keyword in self.keywords.values() for part in keyword.parts for phrase in part for stem in phrase}
        self.starts: dict[str, set[str]] = {}  # a variant -> the stems it is a variant of
        self.inside: dict[str, set[str]] = {}  # the same, stems of at least MIN_PART_STEM letters
        self.snowballs: dict[str, set[str]] = {}  # a Snowball stem -> the ``~`` stems with it
        for stem in stems:
            if stem.endswith(SNOWBALL_MARK):
                self.snowballs.setdefault(snowball(stem[:-1]), set()).add(stem)
                continue
            for variant in stem_variants(stem):
                self.starts.setdefault(variant, set()).add(stem)
                if len(stem) >= MIN_PART_STEM:
                    self.inside.setdefault(variant, set()).add(stem)
        self.longest = max(map(len, self.starts), default=0)
        self.by_stem: dict[str, set[str]] = {}  # a stem -> the keywords that need it somewhere
        for raw, keyword in self.keywords.items():
            for part in keyword.parts:
                for phrase in part:
                    for stem in phrase:
                        self.by_stem.setdefault(stem, set()).add(raw)
        self.words: dict[str, frozenset[str]] = {}

    def _candidates(self, form: str) -> set[str]:
        found: set[str] = set()
        for text in dict.fromkeys((form, lemma(form))):
            for end in range(1, min(len(text), self.longest) + 1):
                found |= self.starts.get(text[:end], set())
        for begin in range(MIN_HEAD, len(form)):
            for end in range(begin + 1, min(len(form), begin + self.longest) + 1):
                found |= self.inside.get(form[begin:end], set())
        if self.snowballs:
            found |= self.snowballs.get(snowball(form), set())
        return found

    def stems_of(self, word: str) -> frozenset[str]:
        """The stems ``word`` matches (exactly those ``stem_matches`` says yes to)."""
        found = self.words.get(word)
        if found is not None:
            return found
        if not any(ch.isalpha() for ch in word):  # a number or a date: no keyword is one
            return frozenset()
        candidates = set().union(*(self._candidates(form) for form in word_forms(word)))
        if len(self.words) >= self.MAX_WORDS:
            self.words.clear()
        found = self.words[word] = frozenset(stem for stem in candidates if stem_matches(word, stem))
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


def matching_keywords(text: str, keywords: Iterable[str]) -> tuple[str, ...]:
    """The keywords (as written in the taxonomy) that match ``text``; useful to explain a suggestion."""
    keywords = tuple(keywords)
    return tuple(stem_index(keywords).matching(text, keywords))


@dataclass(frozen=True)
class KeywordReading:
    """What the keywords of a taxonomy find in one text."""

    said: tuple[str, ...]  # topics a keyword says, in taxonomy order
    mentioned: tuple[str, ...]  # topics only a mention (``?konto``) says
    matched: frozenset[str]  # every keyword (as written) that matches

    def keywords(self, topic: HasKeywords) -> tuple[str, ...]:
        """The topic's keywords that match, in its order (what ``matching_keywords`` gives)."""
        return tuple(raw for raw in topic.keywords if raw in self.matched)


class KeywordReader:
    """A taxonomy's keywords in one stem index, with the topics each keyword belongs to: the
    topics of a text follow from the keywords that match it (the index is exact, so a topic's
    keywords match here as in an index of that topic's alone)."""

    def __init__(self, topics: Sequence[tuple[str, tuple[str, ...]]]) -> None:
        self.ids = tuple(topic_id for topic_id, _ in topics)
        self.index = stem_index(tuple(raw for _, keywords in topics for raw in keywords))
        self.topics_of: dict[str, set[int]] = {}  # a keyword -> the positions of the topics that list it
        for position, (_, keywords) in enumerate(topics):
            for raw in keywords:
                self.topics_of.setdefault(raw, set()).add(position)

    def read(self, text: str) -> KeywordReading:
        matched = self.index.matched(text)
        if not matched:
            return KeywordReading((), (), frozenset())
        said: set[int] = set()
        mentioned: set[int] = set()
        for raw in matched:
            (mentioned if self.index.keywords[raw].mention else said).update(self.topics_of[raw])
        return KeywordReading(
            tuple(self.ids[p] for p in sorted(said)), tuple(self.ids[p] for p in sorted(mentioned - said)), frozenset(matched)
        )


@lru_cache(maxsize=16)
def keyword_reader(topics: tuple[tuple[str, tuple[str, ...]], ...]) -> KeywordReader:
    return KeywordReader(topics)


def read_keywords(text: str, topics: Iterable[HasKeywords]) -> KeywordReading:
    """The topics the keywords find in ``text`` (a topic a keyword says; a topic only a mention
    says), in taxonomy order, and the keywords that match."""
    return keyword_reader(tuple((topic.id, tuple(topic.keywords)) for topic in topics)).read(text)


def keyword_topics(text: str, topics: Iterable[HasKeywords]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(topics a keyword says, topics only a mention says), each in taxonomy order."""
    reading = read_keywords(text, topics)
    return reading.said, reading.mentioned


def suggest_topics(text: str, topics: Iterable[HasKeywords]) -> tuple[str, ...]:
    """Ids of the topics with a keyword matching ``text``, in taxonomy order; those only a mention
    (``?konto``) matches only where no other topic is found."""
    said, mentioned = keyword_topics(text, topics)
    return said or mentioned
