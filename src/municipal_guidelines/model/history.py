"""A guideline's versions: the current page and the earlier ones kept under
``docs/kommunar/<slug>/versjon/<date>.<lang>.md``, and what changed from one to the next.

A rule keeps its id from version to version (``guidelines import --new-version`` aligns them), so
what changed is read by id: an id only in the newer version was added, one only in the older was
removed, one in both with other text was changed. A removed id is never used again; its permalink
on the current page leads to the version where it last stood.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property

from municipal_guidelines.format.errors import GuidelineError
from municipal_guidelines.format.guideline import Guideline, Rule
from municipal_guidelines.layout import GUIDELINE_DIR, VERSION_DIR, version_url


@dataclass(frozen=True)
class Changes:
    """What a version changed against the one before it, in one language form."""

    added: tuple[Rule, ...]
    removed: tuple[Rule, ...]
    changed: tuple[tuple[Rule, Rule], ...]  # (before, after), same id

    @property
    def count(self) -> int:
        return len(self.added) + len(self.removed) + len(self.changed)


def compare(before: Guideline, after: Guideline) -> Changes:
    """The rules ``after`` added, removed and changed against ``before`` (by id, in document order)."""
    old = {rule.id: rule for rule in before.rules}
    new = {rule.id: rule for rule in after.rules}
    return Changes(
        added=tuple(rule for rule in after.rules if rule.id not in old),
        removed=tuple(rule for rule in before.rules if rule.id not in new),
        changed=tuple((old[rule.id], rule) for rule in after.rules if rule.id in old and old[rule.id].text != rule.text),
    )


@dataclass(frozen=True)
class Version:
    """One version of a guideline: its page in each language form."""

    slug: str
    key: str  # the date in its file name; "" for the current version
    pages: Mapping[str, Guideline]  # lang -> page

    @property
    def date(self) -> str:
        """The date the version is known by (in force from, else adopted, else received)."""
        return next(iter(self.pages.values())).version_date

    @property
    def is_current(self) -> bool:
        return not self.key

    @property
    def url(self) -> str:
        """Its page, relative to a language root."""
        return version_url(self.slug, self.key)


@dataclass(frozen=True)
class History:
    """Every version of one municipality's guideline, the oldest first, the current last."""

    slug: str
    versions: tuple[Version, ...]

    @property
    def current(self) -> Version:
        return self.versions[-1]

    @property
    def earlier(self) -> tuple[Version, ...]:
        return self.versions[:-1]

    def changes(self, index: int, lang: str) -> Changes | None:
        """What version ``index`` changed against the one before it (None for the first)."""
        if index <= 0:
            return None
        return self._changes[lang][index - 1]

    @cached_property
    def _changes(self) -> dict[str, tuple[Changes, ...]]:
        langs = self.current.pages.keys()
        return {
            lang: tuple(compare(a.pages[lang], b.pages[lang]) for a, b in zip(self.versions, self.versions[1:]))
            for lang in langs
        }

    @cached_property
    def removed(self) -> dict[str, Version]:
        """Rule ids no longer in the current version -> the latest version that has them."""
        current = {rule.id for page in self.current.pages.values() for rule in page.rules}
        found: dict[str, Version] = {}
        for version in reversed(self.earlier):
            for page in version.pages.values():
                for rule in page.rules:
                    if rule.id not in current and rule.id not in found:
                        found[rule.id] = version
        return found

    def changed_dates(self, lang: str) -> dict[str, str]:
        """The rules of the current version that a later version than the first added or reworded ->
        the date of the latest version that did (a reader asks what changed since a date)."""
        current = {rule.id for rule in self.current.pages[lang].rules}
        found: dict[str, str] = {}
        for index, version in enumerate(self.versions[1:], start=1):
            changes = self.changes(index, lang)
            for rule in (*changes.added, *(after for _, after in changes.changed)):
                if rule.id in current:
                    found[rule.id] = version.date
        return found

    def all_ids(self) -> set[str]:
        """Every rule id any version has used: a new rule gets a number none of them has."""
        return {rule.id for version in self.versions for page in version.pages.values() for rule in page.rules}


def build_histories(
    current: Mapping[str, Mapping[str, Guideline]], earlier: Iterable[Guideline]
) -> tuple[dict[str, History], list[GuidelineError]]:
    """The history of every municipality with an earlier version (the others have only their
    current page), and what is wrong with the earlier versions: one without a current page, in
    another municipality's number, not older than the current version, or without its pair."""
    by_slug: dict[str, dict[str, dict[str, Guideline]]] = {}
    for page in earlier:
        by_slug.setdefault(page.slug, {}).setdefault(page.version, {})[page.lang] = page
    histories: dict[str, History] = {}
    errors: list[GuidelineError] = []
    for slug, versions in sorted(by_slug.items()):
        pages_now = current.get(slug)
        if not pages_now:
            for pages in versions.values():
                for page in pages.values():
                    errors.append(GuidelineError(
                        page.path, 0,
                        f"dette er ein tidlegare versjon, men {GUIDELINE_DIR}/{slug}.<nb|nn>.md (den gjeldande) finst ikkje; "
                        f"flytt den nyaste versjonen dit eller fjern mappa {GUIDELINE_DIR}/{slug}/{VERSION_DIR}/",
                    ))
            continue
        now = next(iter(pages_now.values()))
        for key, pages in sorted(versions.items()):
            for lang in current[slug]:
                if lang not in pages:
                    some = next(iter(pages.values()))
                    errors.append(GuidelineError(
                        some.path, 1, f"omsetjinga {GUIDELINE_DIR}/{slug}/{VERSION_DIR}/{key}.{lang}.md manglar; lag henne med guidelines translate"
                    ))
            for page in pages.values():
                if page.meta.municipality_number != now.meta.municipality_number:
                    errors.append(GuidelineError(
                        page.path, page.meta_lines.get("municipality_number", 1),
                        f"kommunenummeret {page.meta.municipality_number} er ikkje det same som i den gjeldande versjonen "
                        f"({now.meta.municipality_number}); ein versjon høyrer til same kommune",
                    ))
                if now.version_date and key >= now.version_date:
                    errors.append(GuidelineError(
                        page.path, 0,
                        f"versjonen frå {key} er ikkje eldre enn den gjeldande ({now.version_date} i {now.path}); "
                        "den nyaste versjonen skal stå i sjølve sida, dei eldre under versjon/",
                    ))
        ordered = [Version(slug, key, dict(pages)) for key, pages in sorted(versions.items())]
        histories[slug] = History(slug, (*ordered, Version(slug, "", dict(pages_now))))
    return histories, errors


def history_of(histories: Mapping[str, History], current: Mapping[str, Mapping[str, Guideline]], slug: str) -> History:
    """The history of ``slug``: its own, or only its current version."""
    found = histories.get(slug)
    return found if found is not None else History(slug, (Version(slug, "", dict(current.get(slug, {}))),))
