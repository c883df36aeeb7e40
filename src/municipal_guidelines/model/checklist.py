"""The reference checklist (data/checklist.yml): what national guidance expects a guideline to
cover, each point with its sources and the topics that answer it."""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from municipal_guidelines.format.datafile import DataFile, read_data_file, text_list
from municipal_guidelines.format.errors import GuidelineError
from municipal_guidelines.format.fields import check_text, check_web_address
from municipal_guidelines.layout import LANGS

_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
# Anchors of the coverage page's own sections: a point's row is its id there.
RESERVED_ANCHORS = frozenset({"kart", "sjekkliste", "faa", "data", "kodebok", "coverage-caption", "checklist-caption"})


@dataclass(frozen=True)
class Source:
    id: str
    publisher: str
    title: str
    lang: str  # the language form the title is written in
    url: str  # "" when the publisher's own address is not known: cited, not linked
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


MAX_LABEL, MAX_TEXT = 80, 300


def load_checklist(path: Path, topic_ids: Iterable[str]) -> tuple[Point, ...]:
    """Read and check the checklist; a problem names the file, the line and what to fix."""
    file = read_data_file(path)
    sources = _sources(file)
    known_topics = set(topic_ids)
    points: list[Point] = []
    seen: set[str] = set()
    for index, entry in enumerate(file.entries("points", "punkt")):
        def fail(message: str, index: int = index) -> GuidelineError:
            return file.fail("points", index, message)

        point_id = entry.get("id")
        if not isinstance(point_id, str) or not _ID.fullmatch(point_id) or point_id in seen or point_id in RESERVED_ANCHORS:
            raise fail(f"punkt nr. {index + 1}: id-en {point_id!r} må vere små bokstavar, tal og bindestrek, brukt berre éin gong og ikkje ein av {', '.join(sorted(RESERVED_ANCHORS))}")
        seen.add(point_id)
        texts = {key: _texts(entry.get(key), f"punktet {point_id!r}: {key}", limit, fail) for key, limit in (("label", MAX_LABEL), ("text", MAX_TEXT))}
        source_ids = _known_ids(entry.get("sources"), set(sources), fail,
                                f"punktet {point_id!r} har ingen kjelde; før opp minst éi av kjeldene under sources:",
                                f"punktet {point_id!r}: kjelda {{}} finst ikkje under sources:")
        topics = _known_ids(entry.get("topics"), known_topics, fail,
                            f"punktet {point_id!r} har ingen tema; før opp temaa (frå data/topics.yml) som svarer på det",
                            f"punktet {point_id!r}: temaet {{}} finst ikkje i data/topics.yml")
        points.append(
            Point(id=point_id, label=texts["label"], text=texts["text"], sources=tuple(sources[s] for s in source_ids), topics=tuple(topics))
        )
    if not points:
        raise GuidelineError(file.shown, 1, "sjekklista har ingen punkt (points:)")
    return tuple(points)


def _known_ids(value: object, known: set[str], fail, missing: str, unknown: str) -> list[str]:
    """A non-empty list of ids, each one of ``known``."""
    ids = text_list(value)
    if not ids:
        raise fail(f"{missing} som ei liste, [a, b]")
    strangers = [i for i in ids if i not in known]
    if strangers:
        raise fail(unknown.format(", ".join(strangers)))
    return ids


def _texts(value: object, where: str, limit: int, fail) -> dict[str, str]:
    """A text in both language forms, each plain text (no markup, control characters) of at most ``limit``."""
    if not isinstance(value, dict) or set(value) != set(LANGS):
        raise fail(f"{where} må ha nb og nn (og berre dei), som {{nb: …, nn: …}}")
    texts = {}
    for lang in LANGS:
        text = value[lang]
        if not isinstance(text, str) or not text.strip():
            raise fail(f"{where} {lang} må vere ein tekst")
        problem = check_text(text.strip(), max_length=limit)
        if problem:
            raise fail(f"{where} {lang} {problem}")
        texts[lang] = text.strip()
    return texts


def _sources(file: DataFile) -> dict[str, Source]:
    sources: dict[str, Source] = {}
    for index, entry in enumerate(file.entries("sources", "kjelde")):
        def fail(message: str, index: int = index) -> GuidelineError:
            return file.fail("sources", index, message)

        source_id = entry.get("id")
        if not isinstance(source_id, str) or not _ID.fullmatch(source_id) or source_id in sources:
            raise fail(f"kjelde nr. {index + 1} manglar id, eller id-en {source_id!r} er brukt før")
        fields = {}
        for key in ("publisher", "title", "note"):
            value = entry.get(key, "" if key == "note" else None)
            if not isinstance(value, str) or (key != "note" and not value.strip()):
                raise fail(f"kjelda {source_id!r}: {key} må vere ein tekst")
            problem = check_text(value.strip(), max_length=MAX_TEXT)
            if problem:
                raise fail(f"kjelda {source_id!r}: {key} {problem}")
            fields[key] = value.strip()
        if entry.get("lang") not in LANGS:
            raise fail(f"kjelda {source_id!r}: lang må vere {' eller '.join(LANGS)} (språkforma tittelen er skriven på)")
        url = entry.get("url")
        if url is None and fields["note"]:
            url = ""  # cited without a link; the note says why
        else:
            problem = check_web_address(url) if isinstance(url, str) else "må vere ei nettadresse"
            if not problem and not url.startswith("https://"):
                problem = "må byrje med https:// (lenk til utgjevaren si eiga adresse, ikkje ein kopi)"
            if problem:
                raise fail(f"kjelda {source_id!r}: url {problem}; utan kjend adresse: ta bort url og skriv kvifor i note")
        read = entry.get("read")
        if not (isinstance(read, datetime.date) and not isinstance(read, datetime.datetime)) or read > datetime.date.today():
            raise fail(f"kjelda {source_id!r}: read må vere datoen du las kjelda, som 2026-11-30 (ikkje fram i tid)")
        sources[source_id] = Source(
            id=source_id, publisher=fields["publisher"], title=fields["title"], lang=entry["lang"], url=url, read=read.isoformat(), note=fields["note"]
        )
    return sources
