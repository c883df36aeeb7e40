"""Reading the project's data files (data/topics.yml, ui.yml, checklist.yml, laws.yml,
language_forms.yml, glossary.yml) as untrusted input, all through one reader: no YAML anchors or
aliases (a few nested aliases expand to gigabytes), a bounded size and depth (checked on the
tokens, before anything is built, so deep nesting never reaches the recursive composer), the line
of every value for the messages, and checks of the shapes and characters the loaders expect."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from municipal_guidelines.format.errors import GuidelineError
from municipal_guidelines.format.fields import check_text

MAX_BYTES = 512 * 1024  # the largest data file is ~20 KB
MAX_DEPTH = 12  # the deepest is ui.yml's lists of tables in a language form (5)
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*", re.ASCII)

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml where it is installed: the same tokens, faster
_OPEN = (yaml.BlockMappingStartToken, yaml.BlockSequenceStartToken, yaml.FlowMappingStartToken, yaml.FlowSequenceStartToken)
_CLOSE = (yaml.BlockEndToken, yaml.FlowMappingEndToken, yaml.FlowSequenceEndToken)


@dataclass(frozen=True)
class DataFile:
    shown: str  # data/<name>, as editors see it
    data: dict[str, Any]
    lines: dict[str, list[int]]  # top-level key -> the first line of each entry of its list
    node: Any = None  # the composed YAML tree, for the line of any value

    def fail(self, key: str, index: int, message: str) -> GuidelineError:
        """An error at the ``index``-th entry of the list under ``key`` (0-based)."""
        entry_lines = self.lines.get(key, [])
        return GuidelineError(self.shown, entry_lines[index] if index < len(entry_lines) else 1, message)

    def line(self, *path: object) -> int:
        """The line of the value at ``path`` (keys and list indices), or of the nearest value above it."""
        node, line = self.node, 1
        for step in path:
            if isinstance(node, yaml.MappingNode):
                found = next((v for k, v in node.value if isinstance(k, yaml.ScalarNode) and k.value == str(step)), None)
                key_line = next((k.start_mark.line + 1 for k, _ in node.value if isinstance(k, yaml.ScalarNode) and k.value == str(step)), None)
                if found is None:
                    return line
                node, line = found, key_line or line
            elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) and step < len(node.value):
                node = node.value[step]
                line = node.start_mark.line + 1
            else:
                return line
        return line

    def error(self, path: tuple[object, ...], message: str) -> GuidelineError:
        return GuidelineError(self.shown, self.line(*path), message)

    def entries(self, key: str, what: str) -> list[dict[str, Any]]:
        """The list under ``key``; every entry must be a table (``id: …`` and its fields)."""
        value = self.data.get(key) or []
        if not isinstance(value, list):
            raise GuidelineError(self.shown, self.line(key), f"{key}: må vere ei liste (kvar oppføring byrjar med «- id:»)")
        for index, entry in enumerate(value):
            if not isinstance(entry, dict):
                raise self.fail(key, index, f"{what} nr. {index + 1} må vere ein tabell med id og felta sine, ikkje {_shown(entry)}")
        return value


def _shown(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "…"


def read_data_file(path: Path, *, max_bytes: int = MAX_BYTES, max_depth: int = MAX_DEPTH) -> DataFile:
    shown = f"data/{path.name}"
    size = path.stat().st_size
    if size > max_bytes:
        raise GuidelineError(shown, 1, f"fila er {size} byte; ei datafil kan vere høgst {max_bytes} byte (del ho opp eller korta ned tekstane)")
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise GuidelineError(shown, line, "fila er ikkje lagra som UTF-8; lagra ho som UTF-8 (utan BOM)") from exc
    try:
        depth = 0
        for token in yaml.scan(text, Loader=_LOADER):
            if isinstance(token, (yaml.AliasToken, yaml.AnchorToken)):
                raise GuidelineError(shown, token.start_mark.line + 1, "bruk ikkje YAML-ankre (& og *); skriv verdien ut der han skal stå")
            if isinstance(token, yaml.TagToken):
                raise GuidelineError(shown, token.start_mark.line + 1, "bruk ikkje YAML-merke (!!…); skriv berre verdien")
            if isinstance(token, _OPEN):
                depth += 1
                if depth > max_depth:
                    raise GuidelineError(
                        shown, token.start_mark.line + 1, f"verdiane ligg meir enn {max_depth} nivå inni kvarandre; skriv dei flatare, slik fila elles gjer"
                    )
            elif isinstance(token, _CLOSE):
                depth -= 1
        node = yaml.compose(text, Loader=_LOADER)
        data = yaml.load(text, Loader=_LOADER) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise GuidelineError(shown, mark.line + 1 if mark else 1, "fila kan ikkje lesast: sjekk innrykk, kolon og hermeteikn på denne linja") from exc
    if not isinstance(data, dict) or not isinstance(node, yaml.MappingNode):
        raise GuidelineError(shown, 1, "fila må vere ein tabell med nøklar (som «topics:» eller «nb:»)")
    lines = {
        key.value: [item.start_mark.line + 1 for item in value.value]
        for key, value in node.value
        if isinstance(key, yaml.ScalarNode) and isinstance(value, yaml.SequenceNode)
    }
    return DataFile(shown, data, lines, node)


def text_list(value: object) -> list[str] | None:
    """``value`` as a list of non-empty strings, or None if it is anything else."""
    if not isinstance(value, list) or not all(isinstance(item, str) and item.strip() for item in value):
        return None
    return [item.strip() for item in value]


def checked_text(file: DataFile, path: tuple[object, ...], value: object, where: str, *, max_length: int) -> str:
    """``value`` as plain text (no markup, character references or control characters) of at most
    ``max_length``; anything else fails at its line."""
    if not isinstance(value, str) or not value.strip():
        raise file.error(path, f"{where} må vere ein tekst, ikkje {_shown(value)}")
    problem = check_text(value.strip(), max_length=max_length)
    if problem:
        raise file.error(path, f"{where} {problem}")
    return value.strip()


def checked_words(file: DataFile, path: tuple[object, ...], value: object, where: str, *, max_length: int, max_items: int = 200) -> list[str]:
    """A list (possibly empty) of plain texts: ``[a, b]``."""
    if value is None:
        return []
    if not isinstance(value, list):
        raise file.error(path, f"{where} må vere ei liste, [a, b], ikkje {_shown(value)}")
    if len(value) > max_items:
        raise file.error(path, f"{where} har {len(value)} oppføringar; høgst {max_items}")
    return [checked_text(file, (*path, index), item, where, max_length=max_length) for index, item in enumerate(value)]


def slug_problem(value: object, reserved: frozenset[str]) -> str | None:
    """An id that becomes a file name and a URL segment: ``[a-z0-9-]``, not one the site uses itself."""
    if not isinstance(value, str) or not _SLUG.fullmatch(value):
        return f"id-en {_shown(value)} kan berre ha små bokstavar a–z, siffer og bindestrek (til dømes «svar-og-tone»)"
    if value in reserved:
        return f"id-en {value!r} brukar nettstaden sjølv (som side, mappe eller element); vel ein annan"
    return None
