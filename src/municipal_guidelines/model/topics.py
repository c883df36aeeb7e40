"""The topic taxonomy (data/topics.yml)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from municipal_guidelines.format.datafile import checked_text, checked_words, read_data_file, slug_problem
from municipal_guidelines.format.errors import GuidelineError
from municipal_guidelines.format.safety import TEMPLATE_IDS
from municipal_guidelines.layout import LANGS, SITE_NAMES, topic_url
from municipal_guidelines.model.laws import Law, LawRef, load_laws, topic_laws

LAWS_FILE = "laws.yml"  # beside topics.yml
WORD = re.compile(r"[^\W\d_]+")  # a word of a label or keyword (letters only: "a|b", "x + y", "stem~" taken apart)


def load_laws_beside(topics_path: Path) -> dict[str, Law]:
    """``data/laws.yml`` (none if the file is missing: then no topic may name a law)."""
    path = topics_path.with_name(LAWS_FILE)
    return load_laws(path) if path.exists() else {}


@dataclass(frozen=True)
class Topic:
    id: str
    label: dict[str, str]
    description: dict[str, str]
    keywords: tuple[str, ...]  # what the topic suggester matches: the keywords and the synonyms
    synonyms: tuple[str, ...] = ()  # the words readers use for the topic (also in keywords)
    # what readers type when they ask about the topic, for the search only (not the suggester:
    # "like" names "Delta og del" in a question, but is "equal" in a guideline's sentence)
    query_words: tuple[str, ...] = ()
    laws: tuple[LawRef, ...] = ()  # the acts (or sections) the topic rests on, from data/laws.yml

    @property
    def url(self) -> str:
        """The topic's page, relative to the language root."""
        return topic_url(self.id)

    @property
    def name_words(self) -> list[str]:
        """The words that name the topic on their own: the words of its labels in both language
        forms and its one-word synonyms. A query with one of them asks about the topic, and the
        search puts the topic page first."""
        return _words([*self.label.values(), *(s for s in self.reader_words if len(_words([s])) == 1)])

    @property
    def name_phrases(self) -> list[list[str]]:
        """The synonyms of more than one word, each as its words: they name the topic only
        together ("skjule innlegg" names moderation; "innlegg" alone, in most questions, does not)."""
        return [words for words in (_words([s]) for s in self.reader_words) if len(words) > 1]

    @property
    def reader_words(self) -> tuple[str, ...]:
        """The synonyms and the query words: what readers call the topic."""
        return (*self.synonyms, *self.query_words)

    @property
    def search_words(self) -> list[str]:
        """What the search index holds for the topic besides its page's text (hidden metadata, never
        shown): its labels in both language forms, its synonyms and the words of its keywords, each
        once, so a word of either form finds the topic in either form's index."""
        return _words([*self.label.values(), *self.keywords, *self.query_words])


def _words(texts: list[str]) -> list[str]:
    """The words of ``texts`` (lower case, four letters or more), each once, in order."""
    words: list[str] = []
    for text in texts:
        for word in WORD.findall(text.lower()):
            if len(word) > 3 and word not in words:
                words.append(word)
    return words


MAX_LABEL, MAX_DESCRIPTION, MAX_KEYWORD, MAX_TOPICS = 80, 300, 300, 500
# A topic id is a file name under docs/tema/, a URL segment and an element id on the matrix page.
RESERVED_TOPIC_IDS = SITE_NAMES | TEMPLATE_IDS


def load_topics(path: Path, laws: Mapping[str, Law] | None = None) -> tuple[Topic, ...]:
    """Read and check the taxonomy; every topic needs an id (a slug the site does not use itself),
    nb/nn labels and descriptions in plain text; the laws it names must be in ``laws.yml`` beside it.
    A problem names the file, the line and what to write instead."""
    file = read_data_file(path)
    laws = laws if laws is not None else load_laws_beside(path)
    shown = file.shown
    entries = file.entries("topics", "tema")
    if len(entries) > MAX_TOPICS:
        raise GuidelineError(shown, file.line("topics"), f"temalista har {len(entries)} tema; høgst {MAX_TOPICS}")
    topics: list[Topic] = []
    seen: set[str] = set()
    for index, entry in enumerate(entries):
        at = ("topics", index)
        topic_id = entry.get("id")
        problem = slug_problem(topic_id, RESERVED_TOPIC_IDS)
        if problem or topic_id in seen:
            raise file.error((*at, "id"), f"tema nr. {index + 1}: {problem or f'id-en {topic_id!r} er brukt før; gje kvart tema sin eigen id'}")
        unknown = sorted(map(str, set(entry) - _TOPIC_KEYS))
        if unknown:
            raise file.error((*at, unknown[0]), f"temaet {topic_id!r}: ukjent felt «{unknown[0]}»; eit tema har berre {', '.join(sorted(_TOPIC_KEYS))}")
        texts: dict[str, dict[str, str]] = {}
        for key, limit in (("label", MAX_LABEL), ("description", MAX_DESCRIPTION)):
            value = entry.get(key)
            if not isinstance(value, dict):
                raise file.error((*at, key), f"temaet {topic_id!r}: {key} må vere {{nb: \"…\", nn: \"…\"}}, ikkje {value!r:.60}")
            missing = [lang for lang in LANGS if lang not in value]
            if missing:
                raise file.error((*at, key), f"temaet {topic_id!r}: {key} manglar {', '.join(missing)}")
            extra = sorted(map(str, set(value) - set(LANGS)))
            if extra:
                raise file.error((*at, key), f"temaet {topic_id!r}: {key} har felta {extra} i tillegg til nb og nn; set tekst med komma i hermeteikn")
            texts[key] = {
                lang: checked_text(file, (*at, key, lang), value[lang], f"temaet {topic_id!r}: {key} {lang}", max_length=limit) for lang in LANGS
            }
        keywords = checked_words(file, (*at, "keywords"), entry.get("keywords"), f"temaet {topic_id!r}: keywords", max_length=MAX_KEYWORD)
        synonyms = checked_words(file, (*at, "synonyms"), entry.get("synonyms"), f"temaet {topic_id!r}: synonyms", max_length=MAX_KEYWORD)
        query_words = checked_words(
            file, (*at, "query_words"), entry.get("query_words"), f"temaet {topic_id!r}: query_words", max_length=MAX_KEYWORD
        )
        law_names = checked_words(file, (*at, "laws"), entry.get("laws"), f"temaet {topic_id!r}: laws", max_length=MAX_LABEL)
        try:
            topic_law_refs = topic_laws(law_names, laws, topic_id, shown)
        except GuidelineError as exc:
            raise file.error((*at, "laws"), exc.message) from exc
        seen.add(topic_id)
        topics.append(
            Topic(
                id=topic_id,
                label=texts["label"],
                description=texts["description"],
                keywords=tuple(k.lower() for k in [*keywords, *synonyms]),
                synonyms=tuple(k.lower() for k in synonyms),
                query_words=tuple(k.lower() for k in query_words),
                laws=topic_law_refs,
            )
        )
    if not topics:
        raise GuidelineError(shown, 1, "temalista har ingen tema (topics:)")
    return tuple(topics)


_TOPIC_KEYS = frozenset({"id", "label", "description", "keywords", "synonyms", "query_words", "laws"})
