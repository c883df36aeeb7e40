"""Reading the project's own data files (data/checklist.yml, data/laws.yml) as untrusted input:
no YAML anchors or aliases (a few nested aliases expand to megabytes), the line of every entry of a
list for the messages, and checks of the shapes the loaders expect."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from municipal_guidelines.format.errors import GuidelineError


@dataclass(frozen=True)
class DataFile:
    shown: str  # data/<name>, as editors see it
    data: dict[str, Any]
    lines: dict[str, list[int]]  # top-level key -> the first line of each entry of its list

    def fail(self, key: str, index: int, message: str) -> GuidelineError:
        """An error at the ``index``-th entry of the list under ``key`` (0-based)."""
        entry_lines = self.lines.get(key, [])
        return GuidelineError(self.shown, entry_lines[index] if index < len(entry_lines) else 1, message)

    def entries(self, key: str, what: str) -> list[dict[str, Any]]:
        """The list under ``key``; every entry must be a table (``id: …`` and its fields)."""
        value = self.data.get(key) or []
        if not isinstance(value, list):
            raise GuidelineError(self.shown, 1, f"{key}: må vere ei liste (kvar oppføring byrjar med «- id:»)")
        for index, entry in enumerate(value):
            if not isinstance(entry, dict):
                raise self.fail(key, index, f"{what} nr. {index + 1} må vere ein tabell med id og felta sine, ikkje {entry!r}")
        return value


def read_data_file(path: Path) -> DataFile:
    shown = f"data/{path.name}"
    text = path.read_text(encoding="utf-8")
    try:
        for token in yaml.scan(text):
            if isinstance(token, (yaml.AliasToken, yaml.AnchorToken)):
                raise GuidelineError(shown, token.start_mark.line + 1, "bruk ikkje YAML-ankre (& og *); skriv verdien ut der han skal stå")
        node = yaml.compose(text)
        data = yaml.safe_load(text) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise GuidelineError(shown, mark.line + 1 if mark else 1, "fila kan ikkje lesast: sjekk innrykk, kolon og hermeteikn på denne linja") from exc
    if not isinstance(data, dict) or not isinstance(node, yaml.MappingNode):
        raise GuidelineError(shown, 1, "fila må vere ein tabell med nøklar (som «points:» og «sources:»)")
    lines = {
        key.value: [item.start_mark.line + 1 for item in value.value]
        for key, value in node.value
        if isinstance(key, yaml.ScalarNode) and isinstance(value, yaml.SequenceNode)
    }
    return DataFile(shown, data, lines)


def text_list(value: object) -> list[str] | None:
    """``value`` as a list of non-empty strings, or None if it is anything else."""
    if not isinstance(value, list) or not all(isinstance(item, str) and item.strip() for item in value):
        return None
    return [item.strip() for item in value]
