"""Incremental rebuilds under ``guidelines serve`` (``mkdocs serve --dirty``): after a saved edit
of guideline pages, only the pages whose content derives from them are rendered again; the rest of
the served site stays as the last build wrote it. No MkDocs imported here (``hooks/incremental.py``
wires it; MkDocs' own ``--dirty`` renders a page only when its ``file.is_modified()``).

What a rebuild renders, for each language form (``plan``):

- the changed guidelines' pages (both forms, whichever file was saved) and their profiles;
- the matrix, and every other generated page whose view changed (``VIEWS``: what its template
  shows; for a topic page its column of every municipality, the groups of shared wording on it,
  the later versions' dates, ``topic_view``; for coverage the number of rules of each
  municipality on each topic and the checklist points it answers);
- another municipality's guideline page when the note under one of its rules changed (the group
  of shared wording it is in, its name and its municipalities' first rules: ``shared_notes``): the
  page the served site holds gets its notes swapped for the new ones (``swap_notes``; a group of
  a hundred municipalities that a rule leaves changes the count in each one's note), or, where a
  rule gets a note it had not, is rendered;
- another municipality's profile when its ``Profile`` changed (examples, medians, closest);
- the changed municipalities' export files (``data/kommunar/<slug>.json``, which the matrix loads
  on demand); the tables of every municipality (``matrix.json``, ``.csv``, ``.xlsx``, coverage) and
  the search index are written again in the background once the rebuild is served, each replaced
  in one move (``in_background``), and the next build waits for them.

Anything else — a page added or deleted, a municipality renamed or moved to another county (the
navigation of every page), a guideline with earlier versions, any file but a guideline page
(``data/``, ``overrides/``, ``mkdocs.yml``, the site's own pages), a failed build before — makes the
rebuild a full one (``plan`` returns None), into the staging folder as ``mkdocs build`` does.
Unchanged pages are not read again, so the navigation of the pages rendered needs their titles
and front matter from the build before (``Pages``).
"""

from __future__ import annotations

import logging
import os
import shutil
import threading
from collections.abc import Callable, Collection, Iterable, Mapping, MutableMapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from municipal_guidelines.export import write_municipality_exports, write_site_exports
from municipal_guidelines.layout import EXPORT_DIR, GUIDELINE_DIR, INDEX_STEM, LANGS, lang_prefix, page_path
from municipal_guidelines.format.guideline import Guideline
from municipal_guidelines.model.profile import EXAMPLES_PER_TOPIC, Profiles
from municipal_guidelines.model.shared import SharedWording
from municipal_guidelines.model.site import SOURCES_DIR, SiteCache, SiteModel
from municipal_guidelines.project import Project
from municipal_guidelines.render.generated import FULL_MATRIX_MAX
from municipal_guidelines.render.history import changes_since, latest_changes
from municipal_guidelines.render.insert import with_notes_replaced
from municipal_guidelines.render.shared import shared_note_html

log = logging.getLogger(__name__)

KEY = "municipal_guidelines_incremental"  # this build's Build, on the MkDocs config all passes share
# MkDocs warns at every --dirty build that its navigation may be wrong: ours is made whole (``Pages``),
# and the warning would fail every build in strict mode.
DIRTY_WARNING = "A 'dirty' build is being performed"
# Generated pages (``generated:`` in the front matter) rendered only when what they show changed.
SELECTIVE_KINDS = ("topic", "profile")

_enabled = False


class _DropDirtyWarning(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith(DIRTY_WARNING)


def enable() -> None:
    """Rebuild incrementally from now on, in this process (``mkdocs serve --dirty``, hooks/serve.py)."""
    global _enabled
    _enabled = True
    build_log = logging.getLogger("mkdocs.commands.build")
    if not any(isinstance(f, _DropDirtyWarning) for f in build_log.filters):
        build_log.addFilter(_DropDirtyWarning())


def enabled() -> bool:
    return _enabled


# -- what the inputs were ---------------------------------------------------------------------


def stat_snapshot(roots: Iterable[Path], skip: Callable[[Path], bool]) -> dict[Path, tuple[int, int]]:
    """Every file under ``roots`` (folders or files) but those ``skip`` names: (mtime in ns, size)."""
    found: dict[Path, tuple[int, int]] = {}
    for root in roots:
        if root.is_file():
            stat = root.stat()
            found[root] = (stat.st_mtime_ns, stat.st_size)
            continue
        for folder, _, files in os.walk(root):
            for name in files:
                path = Path(folder) / name
                if not skip(path):
                    stat = path.lstat()
                    found[path] = (stat.st_mtime_ns, stat.st_size)
    return found


def watched_files(project: Project, watch: Iterable[str]) -> dict[Path, tuple[int, int]]:
    """What a rebuild under serve may find changed, but the guideline pages (``page_texts``):
    ``docs/``, ``mkdocs.yml``, what mkdocs.yml watches (``data/``, ``overrides/``) and ``sources/``."""
    guidelines = project.docs / GUIDELINE_DIR
    overview = {f"{INDEX_STEM}.{lang}.md" for lang in LANGS}

    def is_guideline(path: Path) -> bool:
        return path.suffix == ".md" and guidelines in path.parents and not (path.parent == guidelines and path.name in overview)

    roots = [project.docs, project.root / "mkdocs.yml", project.root / SOURCES_DIR, *map(Path, watch)]
    return stat_snapshot([root for root in roots if root.exists()], is_guideline)


def page_texts(cache: SiteCache) -> dict[Path, str]:
    """Every guideline page's text, as this build read it."""
    return {path: text for path, (text, _, _) in cache.pages.items()}


PageRecord = tuple[Any, dict]  # a page's title and front matter, as the last build read them


@dataclass
class Previous:
    """The last build that succeeded under serve, what a rebuild starts from."""

    site_dir: str
    files: dict[Path, tuple[int, int]]  # every watched file but the guideline pages: (mtime, size)
    texts: dict[Path, str]  # every guideline page's text
    model: SiteModel
    pages: dict[str, dict[str, PageRecord]]  # language form -> src_uri -> (title, front matter)
    views: dict[tuple[str, str], Any] = field(default_factory=dict)  # (language form, src_uri) -> its view (``VIEWS``)


@dataclass(frozen=True)
class Plan:
    """What an incremental rebuild renders and writes, per language form."""

    slugs: frozenset[str]  # the guidelines whose pages changed
    pages: Mapping[str, frozenset[str]]  # language form -> page paths (``page_path``) to render
    notes: frozenset[str]  # other guidelines whose pages changed only in the shared-wording notes (``swap_notes``)
    profiles: Mapping[str, frozenset[str]]  # language form -> slugs whose profile is written
    exports: frozenset[str]  # slugs whose per-municipality export files are written

    def renders(self, lang: str, src_uri: str) -> bool:
        return page_path(src_uri) in self.pages.get(lang, frozenset())


@dataclass
class Build:
    """One build under serve (both language passes): what it read and plans."""

    files: dict[Path, tuple[int, int]]
    texts: dict[Path, str] = field(default_factory=dict)
    plan: Plan | None = None
    model: SiteModel | None = None  # the model the plan was made from (both passes build from it)
    pages: dict[str, dict[str, PageRecord]] = field(default_factory=dict)
    views: dict[tuple[str, str], Any] = field(default_factory=dict)  # the generated pages' views, for the next plan
    later: list[tuple[str, Callable[[], None]]] = field(default_factory=list)  # for after the rebuild is served


def build_of(config: MutableMapping[str, Any]) -> Build | None:
    """This build's record under serve (None under ``mkdocs build`` or plain ``mkdocs serve``)."""
    found = config.get(KEY)
    return found if isinstance(found, Build) else None


def planned_model(config: MutableMapping[str, Any]) -> SiteModel | None:
    """The model an incremental rebuild was planned from, for its later language passes (None
    otherwise: each pass reads the pages, as ``mkdocs build`` does)."""
    found = build_of(config)
    return found.model if found is not None and found.plan is not None else None


def plan_of(config: MutableMapping[str, Any]) -> Plan | None:
    """The plan of an incremental rebuild (None: a full build, or not under ``guidelines serve``)."""
    found = build_of(config)
    return found.plan if found is not None else None


def later(config: MutableMapping[str, Any], name: str, job: Callable[[], None]) -> None:
    """Run ``job`` once this rebuild is served (``start_later``)."""
    found = build_of(config)
    if found is None:
        raise RuntimeError("only an incremental rebuild leaves work for later")
    found.later.append((name, job))


_previous: dict[Path, Previous] = {}  # project root -> the last good build under serve


def previous(root: Path) -> Previous | None:
    return _previous.get(root.resolve())


def remember(root: Path, build: Build, site_dir: str, model: SiteModel) -> None:
    """The build succeeded: the next one starts from it (its pages' records over the last ones)."""
    before = previous(root)
    pages = {lang: dict(before.pages.get(lang, {})) if before and build.plan else {} for lang in LANGS}
    for lang, records in build.pages.items():
        pages.setdefault(lang, {}).update(records)
    _previous[root.resolve()] = Previous(site_dir, build.files, build.texts, model, pages, build.views)


def forget_all() -> None:
    """A build failed (the served folder now holds the error page): the next one is a full one."""
    _previous.clear()


# -- MkDocs' pages (duck-typed: no MkDocs imported here) --------------------------------------


def mark(file: Any, renders: bool) -> None:
    """Whether MkDocs' ``--dirty`` build renders this page (``File.is_modified``) in this pass."""
    file.is_modified = (lambda: True) if renders else (lambda: False)


def mark_pages(plan: Plan | None, lang: str, files: Any) -> None:
    """Which pages MkDocs renders in this pass (``mark``), by ``plan`` (none: a full build)."""
    if plan is not None:
        for file in files.documentation_pages():
            mark(file, plan.renders(lang, file.src_uri))


def complete_pages(build: Build, before: Previous | None, state: Any, files: Any, href_of: Callable[[Any], Callable[[str], str]]) -> None:
    """The pages not rendered in this pass (``state``: its BuildState): the notes swapped in those
    of ``plan.notes`` (``swap_notes``), and each with its title and front matter as the last build
    read them, as the navigation of the pages rendered needs them (MkDocs reads no unchanged page
    in a ``--dirty`` build: its navigation would show no title). A page the last build did not read
    is rendered."""
    if build.plan is None or before is None:
        return
    lang = state.lang
    swap_notes(build.plan, before.model, state.model, lang, state.ui, files, href_of)
    known = before.pages.get(lang, {}) if before is not None else {}
    for file in files.documentation_pages():
        if file.is_modified() or file.page is None:
            continue
        if file.src_uri not in known:
            mark(file, True)
            continue
        title, meta = known[file.src_uri]
        if file.page.title is None:
            file.page.title = title
        file.page.meta = dict(meta)


def note_changes(
    before: SiteModel, model: SiteModel, guideline: Guideline, lang: str, ui: dict[str, Any], href: Callable[[str], str],
    caches: tuple[dict, dict] = ({}, {}),
) -> dict[str, tuple[str, int]] | None:
    """The shared-wording notes of a guideline's page: each note the last build wrote -> the note
    now and how many rules have it (``render.insert.with_notes_replaced``). None when notes cannot
    simply be swapped: a rule without a note gets one, or rules with one note get different ones.
    ``caches``: the notes made so far of the last model and of this one (``shared_note_html``)."""
    old_matrix, matrix = before.matrices[lang], model.matrices[lang]
    compact = len(matrix.columns) > FULL_MATRIX_MAX
    notes: dict[str, tuple[str, int]] = {}
    old_made, made = caches
    for rule in guideline.rules:
        old = shared_note_html(rule.id, before.shared, old_matrix.by_rule, old_matrix.names, ui, href, old_made, compact=compact)
        new = shared_note_html(rule.id, model.shared, matrix.by_rule, matrix.names, ui, href, made, compact=compact)
        if not old and new:
            return None
        if old:
            if old in notes and notes[old][0] != new:
                return None
            notes[old] = (new, notes.get(old, (new, 0))[1] + 1)
    return notes


def swap_notes(plan: Plan, before: SiteModel, model: SiteModel, lang: str, ui: dict[str, Any], files: Any, href_of: Callable[[Any], Callable[[str], str]]) -> None:
    """The pages of ``plan.notes`` in the served site with their notes swapped (``note_changes``);
    a page whose notes cannot be swapped so is rendered (``mark``)."""
    caches: tuple[dict, dict] = ({}, {})
    for file in files.documentation_pages():
        slug = guideline_slug(file.src_uri)
        if slug not in plan.notes or file.page is None:
            continue
        changes = note_changes(before, model, model.guidelines[slug][lang], lang, ui, href_of(file.page), caches)
        path = Path(file.abs_dest_path)
        written = path.read_bytes().decode("utf-8") if changes is not None and path.is_file() else None
        swapped = with_notes_replaced(written, changes) if written is not None and changes is not None else None
        if swapped is None:
            mark(file, True)
        elif swapped != written:
            path.write_bytes(swapped.encode("utf-8", errors="xmlcharrefreplace"))


def record_pages(build: Build, lang: str, files: Any) -> None:
    """Every page's title and front matter in this pass, once MkDocs has read them (``on_env``)."""
    build.pages[lang] = {
        file.src_uri: (file.page.title, dict(file.page.meta))
        for file in files.documentation_pages()
        if file.page is not None and file.page.title is not None
    }


# -- what to render ---------------------------------------------------------------------------


def guideline_slug(relative: str) -> str | None:
    """``kommunar/loten.nb.md`` -> ``loten``; None for any other page (an earlier version, the overview)."""
    folder, _, name = relative.rpartition("/")
    parts = name.split(".")
    if folder != GUIDELINE_DIR or len(parts) != 3 or parts[1] not in LANGS or parts[2] != "md" or parts[0] == INDEX_STEM:
        return None
    return parts[0]


def topic_view(model: SiteModel, lang: str, topic_id: str) -> tuple:
    """Everything a topic page shows (overrides/hooks/topic.html): the topic, each municipality's
    column and rules on it, the groups of shared wording with a rule on it and their rules, and
    the dates of later versions. Equal views make equal pages."""
    matrix = model.matrices[lang]
    groups = tuple(
        (group, tuple(matrix.by_rule.get(rule_id) for rule_id in group.rule_ids)) for group in model.shared.groups if topic_id in group.topics
    )
    columns = tuple((column, matrix.cell(topic_id, column.slug)) for column in matrix.columns)
    return model.topic(topic_id), matrix.topics, columns, groups, changes_since(model, lang)


def _columns(model: SiteModel, lang: str) -> tuple:
    """Every municipality's front matter and number of rules, and the topics: what every generated
    page's context holds (``render.generated.template_context``: the matrix's columns, names, counties)."""
    matrix = model.matrices[lang]
    return matrix.columns, matrix.topics


def _groups(model: SiteModel, lang: str) -> tuple:
    """Every group of shared wording with its rules as this language form shows them."""
    by_rule = model.matrices[lang].by_rule
    return tuple((group, tuple(by_rule.get(rule_id) for rule_id in group.rule_ids)) for group in model.shared.groups)


def _coverage(model: SiteModel, lang: str) -> tuple:
    """The coverage page's tables: how many rules each municipality has on each topic, the
    checklist points each answers."""
    matrix = model.matrices[lang]
    counts = tuple(len(matrix.cell(t.id, c.slug)) for t in matrix.topics for c in matrix.columns)
    return counts, model.profiles[lang].answered_ids, model.checklist


# What each generated page shows (its template, ``overrides/hooks/<kind>.html``, and its context):
# equal views make equal pages. The matrix has none: it is always rendered.
VIEWS: dict[str, Callable[[SiteModel, str, Mapping[str, Any]], Any]] = {
    "topic": lambda model, lang, meta: topic_view(model, lang, str(meta.get("topic", ""))),
    "coverage": lambda model, lang, meta: (_columns(model, lang), _coverage(model, lang)),
    "overview": lambda model, lang, meta: _columns(model, lang),
    "home": lambda model, lang, meta: _columns(model, lang),
    "draft": lambda model, lang, meta: _columns(model, lang),
    "topics": lambda model, lang, meta: (_columns(model, lang), _coverage(model, lang)),
    "shared": lambda model, lang, meta: (_columns(model, lang), _groups(model, lang)),
    "changes": lambda model, lang, meta: (_columns(model, lang), latest_changes(model, lang)),
}


def shared_notes(shared: SharedWording) -> dict[str, dict[str, tuple]]:
    """slug -> rule id -> what the note under the rule shows of its group of shared wording (the
    group's id and each municipality's first rule in it: ``render.shared.shared_note_html``; not
    the other rules' text)."""
    notes: dict[str, dict[str, tuple]] = {}
    for group in shared.groups:
        for rule_id, slug in zip(group.rule_ids, group.slugs, strict=True):
            notes.setdefault(slug, {})[rule_id] = (group.id, group.first_rules)
    return notes


def changed_profiles(old: Profiles, new: Profiles, slugs: Collection[str]) -> frozenset[str]:
    """The municipalities whose profile changed, besides ``slugs`` (whose guidelines did). While
    every municipality covers the topics and answers the checklist points it did, of the same
    reviewed ones, another's profile changes only where it lacks a topic whose examples changed;
    else each profile is compared with the last build's."""
    columns = new.matrix.columns
    if old.covered != new.covered or old.answered_ids != new.answered_ids or old.matrix.reviewed != new.matrix.reviewed or old.medians != new.medians:
        return frozenset(c.slug for c in columns if c.slug in slugs or old.profile(c.slug) != new.profile(c.slug))
    topics = {t.id for t in new.matrix.topics if old.examples(t.id)[:EXAMPLES_PER_TOPIC] != new.examples(t.id)[:EXAMPLES_PER_TOPIC]}
    return frozenset(c.slug for c in columns if c.slug in slugs or topics - new.covered[c.slug])


def _navigation(model: SiteModel) -> tuple:
    """What the navigation of every page holds of the guidelines: each one's name and county, in order."""
    return tuple((lang, tuple((c.slug, c.municipality, c.county) for c in model.matrices[lang].columns)) for lang in LANGS)


def plan_build(build: Build, model: SiteModel, cache: SiteCache, project: Project, site_dir: str) -> bool:
    """Plan this build (the outer language pass, once the model is read): whether it is incremental,
    into the served ``site_dir``."""
    build.texts, build.model = page_texts(cache), model
    build.plan = plan(previous(project.root), build, model, project.docs, site_dir)
    return build.plan is not None


def plan(before: Previous | None, build: Build, model: SiteModel, docs_dir: Path, site_dir: str) -> Plan | None:
    """What an incremental rebuild renders after the edits since ``before``; None: a full build."""
    if before is None or before.site_dir != site_dir or before.files != build.files or set(before.texts) != set(build.texts):
        return None  # a build failed, or something else than a guideline's text changed, or a page came or went
    slugs = set()
    for path, text in build.texts.items():
        if before.texts[path] != text:
            slug = guideline_slug(path.relative_to(docs_dir).as_posix())
            if slug is None:
                return None
            slugs.add(slug)
    old = before.model
    if any(slug in old.histories or slug in model.histories for slug in slugs) or _navigation(old) != _navigation(model):
        return None
    if old.topics != model.topics or set(old.guidelines) != set(model.guidelines):
        return None
    notes, old_notes = shared_notes(model.shared), shared_notes(old.shared)
    shared = {slug for slug in set(notes) | set(old_notes) if notes.get(slug) != old_notes.get(slug)}
    pages: dict[str, frozenset[str]] = {}
    profiles: dict[str, frozenset[str]] = {}
    for lang in LANGS:
        chosen = {f"{GUIDELINE_DIR}/{slug}.md" for slug in slugs}
        for src_uri, (_, meta) in before.pages.get(lang, {}).items():
            kind = meta.get("generated")
            if kind == "profile":
                chosen.add(page_path(src_uri))  # the one profile MkDocs renders, whose frame the others get
            elif kind:
                view = VIEWS.get(str(kind))
                if view is not None:  # the last build's view kept from its plan, this one's for the next
                    was = before.views[(lang, src_uri)] if (lang, src_uri) in before.views else view(old, lang, meta)
                    build.views[(lang, src_uri)] = view(model, lang, meta)
                if view is None or was != build.views[(lang, src_uri)]:
                    chosen.add(page_path(src_uri))
        pages[lang] = frozenset(chosen)
        profiles[lang] = changed_profiles(old.profiles[lang], model.profiles[lang], slugs)
    return Plan(frozenset(slugs), pages, frozenset(shared - slugs), profiles, frozenset(slugs))


# -- what is left for after the rebuild -------------------------------------------------------

_background: list[threading.Thread] = []


def start_later(build: Build) -> None:
    """The work this rebuild left for later, started now that it is served, one job after the other."""
    jobs, build.later = build.later, []
    if jobs:
        in_background(lambda: [job() for _, job in jobs], " and ".join(name for name, _ in jobs))


def in_background(job: Callable[[], Any], name: str) -> None:
    """Run ``job`` in a thread of its own; the next build waits for it (``wait``)."""

    def run() -> None:
        try:
            job()
        except Exception:  # noqa: BLE001 — reported; the next full build writes it again
            log.exception("%s could not be brought up to date after the rebuild", name)

    thread = threading.Thread(target=run, name=name, daemon=True)
    _background.append(thread)
    thread.start()


def wait() -> None:
    """Let the work left by the last rebuild finish before this build reads or writes the site."""
    while _background:
        _background.pop(0).join()


def write_exports(site: Path, model: SiteModel, slugs: Collection[str], default_lang: str) -> None:
    """The export files of the municipalities ``slugs``, now (the matrix loads a municipality's on
    demand), in each language form's root."""
    for lang, matrix in model.matrices.items():
        write_municipality_exports(site / lang_prefix(lang, default_lang) / EXPORT_DIR, matrix, slugs)


def refresh_exports(site: Path, model: SiteModel, site_url: str | None, default_lang: str) -> None:
    """The tables of every municipality (matrix, coverage, gaps: JSON, CSV, .xlsx) written beside
    the site and moved into it file by file."""
    written = site.with_name(site.name + ".exports")
    shutil.rmtree(written, ignore_errors=True)
    write_site_exports(written, model.matrices, site_url, default_lang, model.checklist, model.shared, municipalities=False)
    replace_tree(written, site)


def replace_tree(written: Path, target: Path) -> None:
    """Every file under ``written`` moved over its namesake under ``target`` (one rename each: a
    reader gets the old file or the new one, never half of one); ``written`` removed."""
    for folder, _, files in os.walk(written):
        for name in files:
            source = Path(folder) / name
            destination = target / source.relative_to(written)
            destination.parent.mkdir(parents=True, exist_ok=True)
            os.replace(source, destination)
    shutil.rmtree(written, ignore_errors=True)

