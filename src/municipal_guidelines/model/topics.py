"""The topic taxonomy (data/topics.yml)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import yaml

from municipal_guidelines.format.errors import GuidelineError
from municipal_guidelines.layout import LANGS, topic_url
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
    laws: tuple[LawRef, ...] = ()  # the acts (or sections) the topic rests on, from data/laws.yml

    @property
    def url(self) -> str:
        """The topic's page, relative to the language root."""
        return topic_url(self.id)

    @property
    def name_words(self) -> list[str]:
        """The words that name the topic: its labels in both language forms and its synonyms. A
        query with one of them asks about the topic, and the search puts the topic page first."""
        return _words([*self.label.values(), *self.synonyms])

    @property
    def search_words(self) -> list[str]:
        """What the search index holds for the topic besides its page's text (hidden metadata, never
        shown): its labels in both language forms, its synonyms and the words of its keywords, each
        once, so a word of either form finds the topic in either form's index."""
        return _words([*self.label.values(), *self.keywords])


def _words(texts: list[str]) -> list[str]:
    """The words of ``texts`` (lower case, four letters or more), each once, in order."""
    words: list[str] = []
    for text in texts:
        for word in WORD.findall(text.lower()):
            if len(word) > 3 and word not in words:
                words.append(word)
    return words


def load_topics(path: Path, laws: Mapping[str, Law] | None = None) -> tuple[Topic, ...]:
    """Read and check the taxonomy; every topic needs an id, nb/nn labels and descriptions; the laws
    it names must be in ``laws.yml`` beside it."""
    text = path.read_text(encoding="utf-8")
    laws = laws if laws is not None else load_laws_beside(path)
    shown = f"data/{path.name}"
    try:
        data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise GuidelineError(
            shown, mark.line + 1 if mark else 1, "temalista kan ikkje lesast: sjekk innrykk, kolon og hermeteikn på denne linja"
        ) from exc
    lines = text.split("\n")

    def line_of(topic_id: str) -> int:
        return next((n for n, line in enumerate(lines, 1) if re.match(rf"\s*-?\s*id:\s*['\"]?{re.escape(topic_id)}['\"]?\s*$", line)), 1)

    topics: list[Topic] = []
    seen: set[str] = set()
    for index, entry in enumerate(data.get("topics") or []):
        topic_id = str(entry.get("id") or "")
        if not topic_id or topic_id in seen:
            raise GuidelineError(
                shown, line_of(topic_id) if topic_id else 1, f"tema nr. {index + 1} manglar id, eller id-en {topic_id!r} er brukt før"
            )
        for key in ("label", "description"):
            value = entry.get(key) or {}
            missing = [lang for lang in LANGS if not value.get(lang)]
            if missing:
                raise GuidelineError(shown, line_of(topic_id), f"temaet {topic_id!r}: {key} manglar {', '.join(missing)}")
            extra = sorted(map(str, set(value) - set(LANGS)))
            if extra:
                raise GuidelineError(
                    shown,
                    line_of(topic_id),
                    f"temaet {topic_id!r}: {key} har felta {extra} i tillegg til nb og nn; set tekst med komma i hermeteikn",
                )
        seen.add(topic_id)
        topics.append(
            Topic(
                id=topic_id,
                label={lang: entry["label"][lang] for lang in LANGS},
                description={lang: entry["description"][lang] for lang in LANGS},
                keywords=tuple(str(k).lower() for k in [*(entry.get("keywords") or ()), *(entry.get("synonyms") or ())]),
                synonyms=tuple(str(k).lower() for k in entry.get("synonyms") or ()),
                laws=topic_laws(entry.get("laws") or (), laws, topic_id, shown),
            )
        )
    if not topics:
        raise GuidelineError(shown, 1, "temalista har ingen tema")
    return tuple(topics)
