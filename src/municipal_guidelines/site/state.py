"""The state of one build pass, made explicitly and handed to what needs it.

mkdocs-static-i18n runs one whole build per language form, and ``mkdocs serve`` rebuilds in the
same process. ``hooks/collect.py`` makes a new ``BuildState`` in every ``on_pre_build`` and puts
it on the MkDocs config (``config[STATE_KEY]``), which MkDocs hands to every later event of that
pass; nothing else is shared between hooks. The only thing that outlives a pass is the
``SiteCache`` of parsed pages (keyed by path and content, pages that are gone dropped), which the
collect hook owns and passes in.
"""

from __future__ import annotations

from collections.abc import MutableMapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from municipal_guidelines.format.ui import load_ui as read_ui
from municipal_guidelines.layout import lang_prefix
from municipal_guidelines.render.generated import home_questions
from municipal_guidelines.model.site import SiteCache, SiteModel, load_site
from municipal_guidelines.project import Project

STATE_KEY = "municipal_guidelines_build"
# Work still running when a pass ends (the exports), on the config all passes share: the outer
# pass waits for it before the site is published (hooks/staging.py).
PENDING_KEY = "municipal_guidelines_pending"


@dataclass
class BuildState:
    project: Project
    lang: str  # the language form this pass builds
    model: SiteModel
    ui: dict[str, Any]  # interface strings of this language form (data/ui.yml)
    templates: Any = None  # the theme's Jinja environment, made on first use in this pass
    profile_shell: Any = None  # the profile page MkDocs renders; the others are written from it (hooks/generated.py)
    notes: dict[tuple[str, str, str], str] = field(default_factory=dict)  # shared-wording notes made (render/shared.py)

    @property
    def default_lang(self) -> str:
        return self.project.default_lang

    def prefix(self, lang: str | None = None) -> str:
        """URL prefix of a language form's root (``""`` or ``"nn/"``); this pass's by default."""
        return lang_prefix(lang or self.lang, self.default_lang)


def load_ui(project: Project, lang: str) -> dict[str, Any]:
    """This language form's interface strings, checked (``format.ui``)."""
    return read_ui(project.ui_file)[lang]


def start(project: Project, lang: str, cache: SiteCache | None = None, model: SiteModel | None = None) -> BuildState:
    """Read, validate and model everything for one language pass (raises GuidelineErrors); with
    ``model``, the pages are not read again (an incremental rebuild's later pass, site/incremental.py)."""
    model = model if model is not None else load_site(project.docs, project.topics_file, cache)
    ui = load_ui(project, lang)
    home_questions(model, ui)  # the topics the interface text names exist (an error now, with its line)
    return BuildState(project=project, lang=lang, model=model, ui=ui)


def current(config: MutableMapping[str, Any]) -> BuildState:
    """The state of the pass ``config`` belongs to."""
    state = config.get(STATE_KEY)
    if not isinstance(state, BuildState):
        raise RuntimeError("the guideline model is not loaded: hooks/collect.py must run on_pre_build first")
    return state


# Parsed pages outlive a build: static-i18n's second pass and every ``mkdocs serve`` rebuild (which
# loads the hook files anew) reuse what has not changed. One cache per project; only
# hooks/collect.py uses it, and it drops pages that are gone.
_caches: dict[Path, SiteCache] = {}


def shared_cache(project: Project) -> SiteCache:
    return _caches.setdefault(project.root.resolve(), SiteCache())


def summary(state: BuildState) -> str:
    """One log line: what this pass read."""
    model = state.model
    rules = sum(len(g.rules) for pages in model.guidelines.values() for g in pages.values() if g.lang == state.lang)
    return f"{state.lang}: {len(model.matrices[state.lang].columns)} municipalities, {rules} rules, {len(model.topics)} topics"


def pending(config: MutableMapping[str, Any]) -> list[Any]:
    """The unfinished work of this build (all its language passes)."""
    return config.setdefault(PENDING_KEY, [])


def finish(jobs: list[Any], *, raise_errors: bool = True) -> None:
    """Wait for every job (anything with ``result()``); raise the first failure unless the build has failed already."""
    errors = []
    while jobs:
        job = jobs.pop(0)
        try:
            job.result()
        except Exception as exc:  # noqa: BLE001 — reported below, or the build failed anyway
            errors.append(exc)
    if errors and raise_errors:
        raise errors[0]
