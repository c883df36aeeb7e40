"""Load every guideline and the taxonomy from a docs tree, validate, and build both matrices."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from municipal_guidelines.format.errors import GuidelineError, GuidelineErrors
from municipal_guidelines.format.guideline import (
    Guideline,
    check_page,
    is_version_path,
    parse_guideline,
    read_front_matter,
    read_page,
    read_page_text,
)
from municipal_guidelines.layout import GUIDELINE_DIR, INDEX_STEM, LANGS, PROFILE_DIR, TOPIC_DIR
from municipal_guidelines.model.checklist import Point, load_checklist
from municipal_guidelines.model.history import History, build_histories, history_of
from municipal_guidelines.model.laws import Law, citation_pattern
from municipal_guidelines.model.matrix import Entry, Matrix, build_matrix
from municipal_guidelines.model.profile import Profiles
from municipal_guidelines.model.shared import COMPARE_LANG, SharedWording, find_shared
from municipal_guidelines.model.topics import Topic, load_laws_beside, load_topics
from municipal_guidelines.model.validate import check_topics, check_unique_ids, pair_translations


@dataclass(frozen=True)
class SiteModel:
    topics: tuple[Topic, ...]
    guidelines: dict[str, dict[str, Guideline]]  # slug -> lang -> page
    matrices: dict[str, Matrix]  # lang -> matrix
    shared: SharedWording = SharedWording(())  # rules of different municipalities with shared wording
    laws: Mapping[str, Law] = field(default_factory=dict)  # data/laws.yml: id -> act
    checklist: tuple[Point, ...] = ()  # data/checklist.yml (none in a project without one)
    histories: Mapping[str, History] = field(default_factory=dict)  # slug -> versions, for those with an earlier one

    def history(self, slug: str) -> History:
        """Every version of ``slug``'s guideline (only the current one if it has no earlier)."""
        return history_of(self.histories, self.guidelines, slug)

    def version_page(self, slug: str, version: str, lang: str) -> Guideline | None:
        """An earlier version's page (``version``: the date in its file name)."""
        history = self.histories.get(slug)
        found = next((v for v in history.earlier if v.key == version), None) if history else None
        return found.pages.get(lang) if found else None

    @cached_property
    def profiles(self) -> dict[str, Profiles]:
        """lang -> every municipality's profile (computed on first use, once per model)."""
        return {lang: Profiles(matrix, self.checklist, self.shared) for lang, matrix in self.matrices.items()}

    def guideline(self, slug: str, lang: str) -> Guideline | None:
        return self.guidelines.get(slug, {}).get(lang)

    def topic(self, topic_id: str) -> Topic | None:
        return next((t for t in self.topics if t.id == topic_id), None)

    @cached_property
    def law_pattern(self) -> re.Pattern[str]:
        """What citations of the laws look like in rule text (compiled once per model)."""
        return citation_pattern(self.laws)


CHECKLIST_FILE = "checklist.yml"
# Ids of sections on a topic page (overrides/hooks/topic.html), where each municipality's card has its slug as id.
TOPIC_PAGE_SECTIONS = frozenset({"lover", "lik-ordlyd"})

# Files docs/ may hold besides Markdown pages: raster images anywhere (an SVG can carry script);
# the site's own scripts and styles under docs/assets/ only (code, reviewed as code).
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".ico")
# assets/vendor: browser libraries copied unchanged from their pinned npm packages, with their licences.
ASSET_SUFFIXES = {"assets/javascripts": (".js",), "assets/stylesheets": (".css",), "assets/vendor": (".js", ".txt")}


def check_tree(docs_dir: Path, cache: SiteCache | None = None) -> list[GuidelineError]:
    """What docs/ may hold at all: no link (it could publish any file of the machine), only
    Markdown pages, raster images and the site's own assets (MkDocs publishes every other file
    unchanged: an .html or .svg file would run script), and pages that are not guidelines checked
    like guidelines' text. With a ``cache``, a page whose text was checked before is not again."""
    errors, seen = [], set()
    for folder, dirs, files in os.walk(docs_dir):
        for name in sorted(dirs + files):
            path = Path(folder) / name
            shown = shown_path(path, docs_dir)
            if path.is_symlink():
                errors.append(GuidelineError(shown, 0, "er ei snarveg-lenkje (symlink) til ei anna fil eller mappe; legg inn sjølve fila i staden"))
            elif path.is_file():
                seen.add(path)
                errors += _check_file(path, shown, docs_dir, cache)
        dirs[:] = [d for d in dirs if not (Path(folder) / d).is_symlink()]
    if cache is not None:
        for gone in set(cache.checked) - seen:
            del cache.checked[gone]
    return errors


def _check_file(path: Path, shown: str, docs_dir: Path, cache: SiteCache | None = None) -> list[GuidelineError]:
    if path.stat().st_nlink > 1:
        return [GuidelineError(shown, 0, "er ei hard lenkje til ei anna fil; legg inn ein kopi av fila i staden")]
    relative = path.relative_to(docs_dir).as_posix()
    suffix = path.suffix.lower()
    if suffix == ".md":
        if relative.startswith(f"{GUIDELINE_DIR}/") and path.name not in (f"{INDEX_STEM}.{lang}.md" for lang in LANGS):
            return []  # a guideline: read_guidelines parses and checks it
        try:
            text = read_page(path, shown)
        except GuidelineError as exc:
            return [exc]
        checked = cache.checked.get(path) if cache is not None else None
        if checked is not None and checked[0] == text and checked[1] == shown:
            return list(checked[2])  # the same text as the last check (static-i18n's second pass, a rebuild under serve)
        errors = _check_page_text(text, shown, relative, path.parent == docs_dir / PROFILE_DIR)
        if cache is not None:
            cache.checked[path] = (text, shown, tuple(errors))
        return errors
    if suffix in IMAGE_SUFFIXES or any(relative.startswith(f"{folder}/") and suffix in kinds for folder, kinds in ASSET_SUFFIXES.items()):
        return []
    return [
        GuidelineError(
            shown,
            0,
            "denne filtypen kan ikkje publiserast; i docs/ ligg berre sider (.md) og bilete (.png, .jpg, .gif, .webp)",
        )
    ]


def _check_page_text(text: str, shown: str, relative: str, in_profile_dir: bool) -> list[GuidelineError]:
    """What ``check_tree`` says of a page that is not a guideline: its text checked as guidelines'
    text, and a profile page only in ``docs/profil/``."""
    try:
        errors = check_page(text, shown)
        if errors:
            return errors
        page = read_page_text(text, shown)
        is_profile = page.front_matter is not None and read_front_matter(page, shown)[0].get("generated") == "profile"
    except GuidelineError as exc:
        return [exc]
    if is_profile != (relative.startswith(f"{PROFILE_DIR}/") and in_profile_dir):
        where = f"docs/{PROFILE_DIR}/<kommune>.<nb|nn>.md"
        errors.append(GuidelineError(shown, 0, f"profilsider ligg berre i {where} (køyr: guidelines stub-pages), og alle sider der er profilsider"))
    return errors


def guideline_files(docs_dir: Path) -> list[Path]:
    """All guideline pages (both language forms) at any depth of docs/kommunar/, without the overview page."""
    folder = docs_dir / GUIDELINE_DIR
    overview = {f"{INDEX_STEM}.{lang}.md" for lang in LANGS}
    return sorted(p for p in folder.rglob("*.md") if p.parent != folder or p.name not in overview)


def shown_path(path: Path, docs_dir: Path) -> str:
    """A path as the people who edit pages see it: relative to the project (``docs/kommunar/x.nb.md``)."""
    base = docs_dir.parent
    return path.relative_to(base).as_posix() if base in path.parents else str(path)


@dataclass
class SiteCache:
    """What a build can reuse from the previous one in the same process (static-i18n's second
    language pass, ``mkdocs serve`` rebuilds): parsed pages keyed by path and text, the last
    model keyed by every page's text and the taxonomy, and what ``check_tree`` found in each other
    page, keyed by its text. A page that is gone is dropped."""

    pages: dict[Path, tuple[str, str, Guideline]] = field(default_factory=dict)
    model: tuple[tuple, SiteModel] | None = None
    checked: dict[Path, tuple[str, str, tuple[GuidelineError, ...]]] = field(default_factory=dict)  # check_tree: the other pages

    def parse(self, path: Path, shown: str) -> Guideline:
        text = read_page(path, shown)
        cached = self.pages.get(path)
        if cached is not None and cached[0] == text and cached[1] == shown:
            return cached[2]
        guideline = parse_guideline(text, path, shown)
        self.pages[path] = (text, shown, guideline)
        return guideline

    def keep_only(self, paths: set[Path]) -> None:
        for gone in set(self.pages) - paths:
            del self.pages[gone]

    def key(self, topics: tuple[Topic, ...]) -> tuple:
        """What the model depends on: every page's path and text, and the taxonomy."""
        return tuple(sorted((path, text) for path, (text, _, _) in self.pages.items())), topics


def read_guidelines(docs_dir: Path, cache: SiteCache | None = None) -> tuple[list[Guideline], list[GuidelineError], set[str]]:
    """Every guideline page parsed, the errors found, and the slugs of pages that could not be read
    (their pair is not checked: a second error about the same page would only be noise)."""
    cache = cache if cache is not None else SiteCache()
    guidelines, errors, failed = [], [], set()
    folder = docs_dir / GUIDELINE_DIR
    files = guideline_files(docs_dir)
    cache.keep_only(set(files))
    for path in files:
        shown = shown_path(path, docs_dir)
        if path.parent != folder and not is_version_path(path):
            errors.append(
                GuidelineError(shown, 0, f"retningslinjer ligg rett i mappa docs/{GUIDELINE_DIR}/, ikkje i ei undermappe; flytt fila dit")
            )
            continue
        try:
            guidelines.append(cache.parse(path, shown))
        except GuidelineError as exc:
            errors.append(exc)
            failed.add(_slug_of(path))
        except GuidelineErrors as exc:
            errors.extend(exc.errors)
            failed.add(_slug_of(path))
    return guidelines, errors, failed


def _slug_of(path: Path) -> str:
    return path.parent.parent.name if is_version_path(path) else path.name.split(".")[0]


def check_stub_pages(docs_dir: Path, folder: str, ids: list[str], missing: str, orphan: str) -> list[GuidelineError]:
    """Every id needs a stub page per language in ``docs/<folder>/`` (generated content fills it), and
    no stub is left of an id that is gone. ``missing`` and ``orphan`` are the messages, with ``{id}``."""
    path = docs_dir / folder
    errors = [
        GuidelineError(f"{docs_dir.name}/{folder}/{entry}.{lang}.md", 0, missing.format(id=repr(entry)))
        for entry in ids
        for lang in LANGS
        if not (path / f"{entry}.{lang}.md").exists()
    ]
    known = set(ids)
    for page in sorted(path.glob("*.md")) if path.exists() else []:
        stem = page.name.split(".")[0]
        if stem != INDEX_STEM and stem not in known:
            errors.append(GuidelineError(f"{docs_dir.name}/{folder}/{page.name}", 0, orphan.format(id=repr(stem))))
    return errors


def check_topic_pages(docs_dir: Path, topics: tuple[Topic, ...]) -> list[GuidelineError]:
    """Every topic needs a stub page per language."""
    return check_stub_pages(
        docs_dir, TOPIC_DIR, [t.id for t in topics],
        "temaet {id} har inga side; køyr: guidelines stub-pages",
        "sida høyrer til temaet {id}, som ikkje finst i data/topics.yml; køyr: guidelines stub-pages",
    )


def check_profile_pages(docs_dir: Path, slugs: list[str]) -> list[GuidelineError]:
    """Every municipality needs a profile stub page per language, and no profile page is left of
    a municipality that is gone."""
    return check_stub_pages(
        docs_dir, PROFILE_DIR, slugs,
        "kommunen {id} har inga profilside; køyr: guidelines stub-pages",
        "sida er profilen til {id}, som ikkje har nokon retningslinje; køyr: guidelines stub-pages",
    )


def decided_entries(matrix: Matrix) -> list[Entry]:
    """The rules of the municipalities whose topics a person has reviewed: a page with
    ``review: true`` has guessed topics (and may have prose taken for rules), which must not make
    groups of shared wording with others (issue #20: a false group of 7 rules)."""
    reviewed = {column.slug for column in matrix.reviewed}
    return [entry for entry in matrix.entries if entry.slug in reviewed]


SOURCES_DIR = "sources"
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def joined_dates(sources_dir: Path, slugs: list[str]) -> dict[str, str]:
    """When each municipality came to the project: ``received`` in ``sources/<slug>.yml`` (written
    by ``guidelines import``), for the shared-wording groups' lasting names. A municipality without
    one is left out (it counts as the newest). Only plain files inside ``sources/`` are read."""
    joined: dict[str, str] = {}
    # No file of sources/ may be a link to somewhere else (sources/loten.txt -> /etc/passwd).
    links = sorted(path.name for path in sources_dir.iterdir() if path.is_symlink()) if sources_dir.is_dir() else []
    if links:
        raise GuidelineErrors([GuidelineError(f"{SOURCES_DIR}/{name}", 0, "er ei snarveg-lenkje (symlink); legg inn sjølve fila i staden") for name in links])
    for slug in slugs:
        path = sources_dir / f"{slug}.yml"
        shown = f"{SOURCES_DIR}/{slug}.yml"
        if path.is_symlink():
            raise GuidelineErrors([GuidelineError(shown, 0, "er ei snarveg-lenkje (symlink); legg inn sjølve fila i staden")])
        if not path.is_file():
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        match = re.search(r'^received:[ \t]*"?(?P<date>[^"\n]*)"?[ \t]*$', text, re.MULTILINE)
        if match is None:
            continue
        if not _DATE.fullmatch(match["date"]):
            line = text[: match.start()].count("\n") + 1
            raise GuidelineErrors([GuidelineError(shown, line, f'received: {match["date"]!r} er ikkje ein dato; skriv datoen teksta kom, som "2026-11-23"')])
        joined[slug] = match["date"]
    return joined


def load_site(docs_dir: Path, topics_path: Path, cache: SiteCache | None = None, sources_dir: Path | None = None) -> SiteModel:
    """Read and validate everything; raise GuidelineErrors listing every problem found. With a
    ``cache``, pages and a model unchanged since the previous call are reused. The checklist is
    ``checklist.yml`` beside the taxonomy, if there is one; when each municipality came to the
    project is read from ``sources/`` beside ``docs/`` (``joined_dates``)."""
    cache = cache if cache is not None else SiteCache()
    tree = check_tree(docs_dir, cache)
    if tree:
        raise GuidelineErrors(tree)  # nothing behind a link, nor a file that must not be published, is read
    laws = load_laws_beside(topics_path)
    topics = load_topics(topics_path, laws)
    pages, errors, failed = read_guidelines(docs_dir, cache)
    guidelines = [g for g in pages if not g.version]
    earlier = [g for g in pages if g.version]
    topic_ids = [t.id for t in topics]
    checklist_path = topics_path.with_name(CHECKLIST_FILE)
    checklist = load_checklist(checklist_path, topic_ids) if checklist_path.exists() else ()
    for guideline in pages:
        errors.extend(check_topics(guideline, topic_ids))
    errors.extend(check_unique_ids(guidelines))
    by_slug, pairing_errors = pair_translations([g for g in guidelines if g.slug not in failed])
    errors.extend(pairing_errors)
    histories, history_errors = build_histories(by_slug, [g for g in earlier if g.slug not in failed])
    errors.extend(history_errors)
    for history in histories.values():
        for version in history.earlier:  # each earlier version checked as a page of its own
            errors.extend(check_unique_ids(version.pages.values()))
            errors.extend(pair_translations(version.pages.values(), tuple(version.pages))[1])
    errors.extend(check_topic_pages(docs_dir, topics))
    errors.extend(check_profile_pages(docs_dir, sorted({g.slug for g in guidelines} | failed)))
    errors.extend(
        GuidelineError(g.path, 0, f"filnamnet {g.slug!r} er namnet på ein bolk på temasidene; gi fila eit anna namn (til dømes {g.slug}-kommune)")
        for g in guidelines
        if g.slug in TOPIC_PAGE_SECTIONS
    )
    if errors:
        raise GuidelineErrors(errors)
    joined = joined_dates(sources_dir if sources_dir is not None else docs_dir.parent / SOURCES_DIR, sorted(by_slug))
    # Same parsed pages and taxonomy as the previous pass (static-i18n's second language): reuse.
    key = (cache.key(topics), checklist, tuple(laws.values()), tuple(sorted(joined.items())))
    if cache.model is not None and cache.model[0] == key:
        return cache.model[1]
    matrices = {lang: build_matrix(by_slug, topics, lang) for lang in LANGS}
    shared = find_shared(decided_entries(matrices[COMPARE_LANG]), joined=joined)
    model = SiteModel(
        topics=topics, guidelines=by_slug, matrices=matrices, checklist=checklist, shared=shared, laws=laws, histories=histories
    )
    cache.model = (key, model)
    return model
