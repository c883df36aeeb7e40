"""A guideline's versions on the pages (no MkDocs needed): the facts of each version, what each
changed (rules added, removed, and changed, each change a word diff made by ``render.shared.word_diff``,
the same diff as the shared wording's), the ids of removed rules with the version each last stood
in, and the site's latest changes for the page "Sist endra" and the Atom feeds."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from municipal_guidelines.format.guideline import Guideline, Rule
from municipal_guidelines.layout import GUIDELINE_DIR, VERSION_DIR, feed_url, guideline_url
from municipal_guidelines.model.history import History, Version
from municipal_guidelines.model.site import SiteModel
from municipal_guidelines.render.shared import Change, word_diff


@dataclass(frozen=True)
class RuleChange:
    rule_id: str
    changes: tuple[Change, ...]  # the new text against the old, word by word


@dataclass(frozen=True)
class VersionView:
    """One version as a page shows it, with what it changed against the one before it."""

    version: Version
    lang: str
    number: int  # 1 for the first version
    added: tuple[Rule, ...] = ()
    removed: tuple[Rule, ...] = ()
    changed: tuple[RuleChange, ...] = ()

    @property
    def page(self):
        return self.version.pages[self.lang]

    @property
    def meta(self):
        return self.page.meta

    @property
    def date(self) -> str:
        return self.version.date

    @property
    def anchor(self) -> str:
        """The id of its section of changes on the current page (``endringar-2024-04-01``)."""
        return f"endringar-{self.date or self.number}"

    @property
    def count(self) -> int:
        return len(self.added) + len(self.removed) + len(self.changed)


def version_views(history: History, lang: str) -> list[VersionView]:
    """Every version, the newest first, each with its changes against the one before it."""
    views = []
    for index, version in enumerate(history.versions):
        changes = history.changes(index, lang)
        if changes is None:
            views.append(VersionView(version, lang, index + 1))
            continue
        changed = tuple(RuleChange(after.id, word_diff(before.text, after.text)) for before, after in changes.changed)
        views.append(VersionView(version, lang, index + 1, changes.added, changes.removed, changed))
    return views[::-1]


@dataclass(frozen=True)
class Removed:
    rule_id: str
    version: Version  # the latest version that has it
    text: str


def removed_rules(history: History, lang: str) -> list[Removed]:
    """The ids no longer in the current version, in number order, each with where it last stood."""
    found = []
    for rule_id, version in history.removed.items():
        rule = next(r for r in version.pages[lang].rules if r.id == rule_id)
        found.append(Removed(rule_id, version, rule.text))
    return sorted(found, key=lambda r: (r.rule_id.rpartition("-")[0], int(r.rule_id.rpartition("-")[2]) if r.rule_id.rpartition("-")[2].isdigit() else 0, r.rule_id))


def latest_changes(model: SiteModel, lang: str, limit: int | None = None) -> list[VersionView]:
    """Every version after a municipality's first, across the site, the newest first (then by name)."""
    names = model.matrices[lang].names
    views = [
        view for slug in model.histories for view in version_views(model.histories[slug], lang) if view.number > 1
    ]
    views.sort(key=lambda v: names.get(v.version.slug, v.version.slug))
    views.sort(key=lambda v: v.date, reverse=True)  # stable: the newest first, then by name
    return views if limit is None else views[:limit]


def changes_since(model: SiteModel, lang: str) -> tuple[dict[tuple[str, str], str], list[str]]:
    """For the topic pages and the matrix: each rule a later version added or reworded, (slug, rule
    id) -> that version's date, and the dates to choose from, the newest first (none on a site where
    every guideline has one version)."""
    changed = {(slug, rule_id): date for slug, history in model.histories.items() for rule_id, date in history.changed_dates(lang).items()}
    return changed, sorted(set(changed.values()), reverse=True)


def page_context(model: SiteModel, guideline: Guideline, lang: str, href: Callable[[str], str]) -> dict[str, Any]:
    """What the guideline header (``overrides/hooks/guideline-header.html``) and the history at the
    end of the page (``history.html``) need: every version, this page's, and the removed rules."""
    history = model.history(guideline.slug)
    versions = version_views(history, lang)
    return {
        "versions": versions,
        "this_version": next(v for v in versions if v.version.key == guideline.version),
        "current_url": href(guideline_url(guideline.slug)),
        "version_href": lambda view: href(view.version.url),
        "removed": removed_rules(history, lang) if not guideline.version else [],
        "feed": href(feed_url(guideline.slug)),
        "href": href,
    }


def is_version_page(src_uri: str) -> bool:
    """``kommunar/<slug>/versjon/<date>.<lang>.md``: the page of an earlier version. It is in no
    navigation, where Material puts the table of contents' toggle, so it has no contents (the
    contents' label would point at nothing; hooks/rules.py)."""
    parts = src_uri.split("/")
    return len(parts) == 4 and parts[0] == GUIDELINE_DIR and parts[2] == VERSION_DIR


def has_history(model: SiteModel, guideline: Guideline) -> bool:
    """The current page of a guideline with earlier versions: it ends with their changes."""
    return not guideline.version and guideline.slug in model.histories
