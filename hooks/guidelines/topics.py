"""The topic taxonomy (data/topics.yml)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from .errors import GuidelineError

LANGS = ("nb", "nn")


@dataclass(frozen=True)
class Topic:
    id: str
    label: dict[str, str]
    description: dict[str, str]
    keywords: tuple[str, ...]


def load_topics(path: Path) -> tuple[Topic, ...]:
    """Read and check the taxonomy; every topic needs an id, nb/nn labels and descriptions."""
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or {}
    topics: list[Topic] = []
    seen: set[str] = set()
    for index, entry in enumerate(data.get("topics") or []):
        where = f"topic #{index + 1}"
        topic_id = str(entry.get("id") or "")
        if not topic_id or topic_id in seen:
            raise GuidelineError(str(path), 0, f"{where}: missing or duplicate id {topic_id!r}")
        for key in ("label", "description"):
            value = entry.get(key) or {}
            missing = [lang for lang in LANGS if not value.get(lang)]
            if missing:
                raise GuidelineError(str(path), 0, f"topic {topic_id!r}: {key} needs {', '.join(missing)}")
            extra = sorted(map(str, set(value) - set(LANGS)))
            if extra:
                raise GuidelineError(
                    str(path), 0, f"topic {topic_id!r}: {key} has keys {extra} besides nb and nn; put values with commas in quotes"
                )
        seen.add(topic_id)
        topics.append(
            Topic(
                id=topic_id,
                label={lang: entry["label"][lang] for lang in LANGS},
                description={lang: entry["description"][lang] for lang in LANGS},
                keywords=tuple(str(k).lower() for k in entry.get("keywords") or ()),
            )
        )
    if not topics:
        raise GuidelineError(str(path), 0, "no topics defined")
    return tuple(topics)
