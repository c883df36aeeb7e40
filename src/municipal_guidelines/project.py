"""Where a project's files are: one ``Project`` per checkout, found from its ``mkdocs.yml``.

Nothing in the package knows where it is installed: the hooks make a ``Project`` from the
configuration MkDocs loaded, the command line from the working directory (or ``--project``).
The default language form is read from ``mkdocs.yml`` (the i18n plugin's ``default: true``), so
it is written down once.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import yaml

from municipal_guidelines.layout import LANGS

CONFIG_FILE = "mkdocs.yml"


class ProjectNotFound(Exception):
    """No ``mkdocs.yml`` in the folder or any folder above it."""


class _IgnoreTags(yaml.SafeLoader):
    """Reads mkdocs.yml without running its ``!!python/name:`` and ``!ENV`` tags."""


_IgnoreTags.add_multi_constructor("", lambda loader, suffix, node: None)
_IgnoreTags.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


@dataclass(frozen=True)
class Project:
    root: Path

    @classmethod
    def find(cls, start: Path | None = None) -> Project:
        """The project whose ``mkdocs.yml`` is in ``start`` (default: the working directory) or above it."""
        folder = (start or Path.cwd()).resolve()
        for candidate in (folder, *folder.parents):
            if (candidate / CONFIG_FILE).is_file():
                return cls(candidate)
        raise ProjectNotFound(f"fann ingen {CONFIG_FILE} i {folder} eller mappene over; gå til prosjektmappa eller bruk --project")

    @property
    def config_file(self) -> Path:
        return self.root / CONFIG_FILE

    @property
    def docs(self) -> Path:
        return self.root / "docs"

    @property
    def topics_file(self) -> Path:
        return self.root / "data" / "topics.yml"

    @property
    def ui_file(self) -> Path:
        return self.root / "data" / "ui.yml"

    @property
    def sources(self) -> Path:
        return self.root / "sources"

    @cached_property
    def default_lang(self) -> str:
        return default_language(self.config_file.read_text(encoding="utf-8"))


def read_config(config_text: str) -> dict:
    """``mkdocs.yml`` as data, its tags left unrun (their values read as None)."""
    config = yaml.load(config_text, Loader=_IgnoreTags)
    return config if isinstance(config, dict) else {}


def default_language(config_text: str) -> str:
    """The language form the i18n plugin in ``mkdocs.yml`` marks ``default: true``."""
    config = read_config(config_text)
    for plugin in config.get("plugins") or []:
        if isinstance(plugin, dict) and "i18n" in plugin:
            for language in (plugin["i18n"] or {}).get("languages") or []:
                if language.get("default") and language.get("locale") in LANGS:
                    return language["locale"]
    raise ValueError(f"{CONFIG_FILE}: the i18n plugin names no default language among {', '.join(LANGS)}")
