"""The reference checklist (data/checklist.yml): what national guidance expects a guideline to
cover, each point with its sources and the topics that answer it."""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import yaml

from municipal_guidelines.format.errors import GuidelineError
from municipal_guidelines.layout import LANGS

_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_URL = re.compile(r"https?://[^\s<>\"']+")


@dataclass(frozen=True)
class Source:
    id: str
    publisher: str
    title: str
    lang: str  # the language form the title is written in
    url: str
    read: str  # YYYY-MM-DD
    note: str = ""


@dataclass(frozen=True)
class Point:
    id: str
    label: dict[str, str]
    text: dict[str, str]
    sources: tuple[Source, ...]
    topics: tuple[str, ...]

    def answered_by(self, covered_topics: Iterable[str]) -> bool:
        """A guideline answers the point when it has a rule on any of the point's topics."""
        return not set(self.topics).isdisjoint(covered_topics)


def load_checklist(path: Path, topic_ids: Iterable[str]) -> tuple[Point, ...]:
    """Read and check the checklist; a problem names the file, the line and what to fix."""
    text = path.read_text(encoding="utf-8")
    shown = f"data/{path.name}"
    try:
        data = yaml.safe_load(text) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise GuidelineError(shown, mark.line + 1 if mark else 1, "sjekklista kan ikkje lesast: sjekk innrykk, kolon og hermeteikn på denne linja") from exc
    lines = text.split("\n")

    def line_of(entry_id: str) -> int:
        pattern = re.compile(rf"\s*-?\s*id:\s*['\"]?{re.escape(entry_id)}['\"]?\s*$")
        return next((n for n, line in enumerate(lines, 1) if pattern.match(line)), 1)

    def fail(entry_id: str, message: str) -> GuidelineError:
        return GuidelineError(shown, line_of(entry_id) if entry_id else 1, message)

    sources = _sources(data.get("sources") or [], fail)
    known_topics = set(topic_ids)
    points: list[Point] = []
    seen: set[str] = set()
    for index, entry in enumerate(data.get("points") or []):
        point_id = str(entry.get("id") or "")
        if not _ID.fullmatch(point_id) or point_id in seen:
            raise fail(point_id, f"punkt nr. {index + 1} manglar id (små bokstavar, tal og bindestrek), eller id-en {point_id!r} er brukt før")
        seen.add(point_id)
        for key in ("label", "text"):
            value = entry.get(key) or {}
            missing = [lang for lang in LANGS if not isinstance(value, dict) or not str(value.get(lang) or "").strip()]
            if missing:
                raise fail(point_id, f"punktet {point_id!r}: {key} manglar {', '.join(missing)}")
        source_ids = [str(s) for s in entry.get("sources") or []]
        if not source_ids:
            raise fail(point_id, f"punktet {point_id!r} har ingen kjelde; før opp minst éi av kjeldene under sources:")
        unknown = [s for s in source_ids if s not in sources]
        if unknown:
            raise fail(point_id, f"punktet {point_id!r}: kjelda {', '.join(unknown)} finst ikkje under sources:")
        topics = [str(t) for t in entry.get("topics") or []]
        if not topics:
            raise fail(point_id, f"punktet {point_id!r} har ingen tema; før opp temaa (frå data/topics.yml) som svarer på det")
        unknown = [t for t in topics if t not in known_topics]
        if unknown:
            raise fail(point_id, f"punktet {point_id!r}: temaet {', '.join(unknown)} finst ikkje i data/topics.yml")
        points.append(
            Point(
                id=point_id,
                label={lang: str(entry["label"][lang]).strip() for lang in LANGS},
                text={lang: str(entry["text"][lang]).strip() for lang in LANGS},
                sources=tuple(sources[s] for s in source_ids),
                topics=tuple(topics),
            )
        )
    if not points:
        raise GuidelineError(shown, 1, "sjekklista har ingen punkt (points:)")
    return tuple(points)


def _sources(entries: list, fail) -> dict[str, Source]:
    sources: dict[str, Source] = {}
    for index, entry in enumerate(entries):
        source_id = str(entry.get("id") or "")
        if not _ID.fullmatch(source_id) or source_id in sources:
            raise fail(source_id, f"kjelde nr. {index + 1} manglar id, eller id-en {source_id!r} er brukt før")
        missing = [key for key in ("publisher", "title", "lang", "url", "read") if not str(entry.get(key) or "").strip()]
        if missing:
            raise fail(source_id, f"kjelda {source_id!r} manglar {', '.join(missing)}")
        if entry["lang"] not in LANGS:
            raise fail(source_id, f"kjelda {source_id!r}: lang må vere {' eller '.join(LANGS)}")
        url = str(entry["url"]).strip()
        if not _URL.fullmatch(url):
            raise fail(source_id, f"kjelda {source_id!r}: url må vere ei fullstendig nettadresse (https://…)")
        read = entry["read"]
        if not isinstance(read, datetime.date):
            try:
                read = datetime.date.fromisoformat(str(read))
            except ValueError:
                raise fail(source_id, f"kjelda {source_id!r}: read må vere ein dato som 2026-11-30") from None
        sources[source_id] = Source(
            id=source_id,
            publisher=str(entry["publisher"]).strip(),
            title=str(entry["title"]).strip(),
            lang=entry["lang"],
            url=url,
            read=read.isoformat(),
            note=str(entry.get("note") or "").strip(),
        )
    return sources
