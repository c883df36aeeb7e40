"""The interface text (data/ui.yml) read as untrusted input, through the one data-file reader.

Every string is plain text (no markup, character references or control characters: the templates
escape it, and a string meant for a script goes through JSON), of bounded length; nb and nn have
the same keys. A string's placeholders are ``{name}`` only, each a name the site fills in and the
same in both language forms; they are filled by ``UiText.format``, a plain substitution: never
``str.format`` on the file's text, which would let ``{x.__class__}`` or ``{x[0]}`` walk attributes.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from municipal_guidelines.format.datafile import DataFile, read_data_file
from municipal_guidelines.format.errors import GuidelineError
from municipal_guidelines.format.fields import check_text
from municipal_guidelines.layout import LANGS

MAX_UI_TEXT = 400
# Word lists, not sentences: the words a search leaves out (both language forms) and the endings it
# folds are longer than any text the site shows, and no longer than this.
MAX_WORD_LIST = 1200
WORD_LISTS = frozenset({"search_stop_words", "search_suffixes", "search_context_words"})
_BRACE = re.compile(r"\{([^{}]*)\}|[{}]")
_PLACEHOLDER = re.compile(r"[a-z_]+", re.ASCII)
# The names the templates, hooks and scripts fill in (a placeholder outside this list would stay
# unfilled, or stop the build half-way).
PLACEHOLDERS = frozenset(
    "added changed codes date error examples groups id ids lang municipalities municipality n name names position query removed rules share title topic topics total url".split()
)


class UiText(str):
    """An interface string. ``format`` fills ``{name}`` placeholders with the values given, as text;
    it reads no attribute and no item, and a placeholder with no value is an error at the string's line."""

    shown: str = "data/ui.yml"
    line: int = 1
    key: str = ""

    def format(self, *args: object, **values: object) -> str:  # noqa: A003 — the str method it replaces
        if args:
            raise TypeError("UiText.format takes named values only")

        def fill(match: re.Match) -> str:
            name = match.group(1)
            if name is None or name not in values:
                raise GuidelineError(
                    self.shown, self.line, f"{self.key}: {match.group(0)} blir ikkje fylt ut her; bruk berre {', '.join('{' + v + '}' for v in sorted(values)) or 'ingen plasshaldarar'}"
                )
            return str(values[name])

        return _BRACE.sub(fill, str(self))


def placeholders(text: str) -> list[str | None]:
    """The names of ``text``'s placeholders in order (None for a brace that opens none)."""
    return [match.group(1) for match in _BRACE.finditer(text)]


def _checked(file: DataFile, path: tuple[object, ...], value: object, problems: list[GuidelineError]) -> Any:
    where = ".".join(map(str, path))
    if isinstance(value, dict):
        out = {}
        for key, item in value.items():
            if not isinstance(key, str) or not key.strip():
                problems.append(file.error(path, f"{where}: nøkkelen {key!r} må vere eit ord"))
                continue
            out[key] = _checked(file, (*path, key), item, problems)
        return out
    if isinstance(value, list):
        return [_checked(file, (*path, index), item, problems) for index, item in enumerate(value)]
    if not isinstance(value, str):
        problems.append(file.error(path, f"{where} må vere ein tekst (i hermeteikn om han er eit tal eller ja/nei), ikkje {value!r}"))
        return ""
    problem = check_text(value, max_length=MAX_WORD_LIST if path and path[-1] in WORD_LISTS else MAX_UI_TEXT)
    bad = [name for name in placeholders(value) if name is None or not _PLACEHOLDER.fullmatch(name) or name not in PLACEHOLDERS]
    if problem:
        problems.append(file.error(path, f"{where} {problem}"))
    elif bad:
        shown = "{" + (bad[0] or "") + "}" if bad[0] is not None else "ein einsam { eller }"
        problems.append(
            file.error(path, f"{where}: {shown} er ingen plasshaldar nettstaden fyller ut; bruk berre {{namn}} av desse: {', '.join(sorted(PLACEHOLDERS))}")
        )
    text = UiText(value)
    text.shown, text.line, text.key = file.shown, file.line(*path), where
    return text


def _shape(value: object) -> object:
    """Keys and placeholders, without the words: what nb and nn must agree on."""
    if isinstance(value, dict):
        return {key: _shape(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_shape(item) for item in value]
    return sorted(n or "" for n in placeholders(value)) if isinstance(value, str) else None


def load_ui(path: Path) -> dict[str, dict[str, Any]]:
    """Every language form's interface strings, checked; raises GuidelineError at the first
    problem's line."""
    file = read_data_file(path)
    if set(map(str, file.data)) != set(LANGS):
        raise GuidelineError(file.shown, 1, f"fila må ha nøyaktig dei to språkformene {' og '.join(LANGS)} øvst, ikkje {sorted(map(str, file.data))}")
    problems: list[GuidelineError] = []
    ui = {}
    for lang in LANGS:
        if not isinstance(file.data[lang], dict):
            raise file.error((lang,), f"{lang}: må vere ein tabell med nøklar og tekstar")
        ui[lang] = _checked(file, (lang,), file.data[lang], problems)
    if problems:
        raise problems[0]
    first, other = LANGS
    for key in ui[first].keys() | ui[other].keys():
        if key not in ui[first] or key not in ui[other]:
            missing = first if key not in ui[first] else other
            present = other if missing == first else first
            raise file.error((present, key), f"{key} finst berre under {present}; skriv han under {missing} òg")
        if _shape(ui[first][key]) != _shape(ui[other][key]):
            raise file.error(
                (first, key),
                f"{key} har ikkje dei same nøklane og plasshaldarane ({{…}}) under {first} og {other} (linje {file.line(other, key)}); skriv dei likt i begge",
            )
    return ui
