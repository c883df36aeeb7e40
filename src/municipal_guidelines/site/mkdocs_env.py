"""What the hooks need from MkDocs, in one place: the theme's templates, page URLs, the navigation.

With ``serve_errors`` the only package module that imports MkDocs; the model, the page
grammar, the exports and the tools do not.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from jinja2 import Environment
from jinja2.bccache import Bucket, BytecodeCache
from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation, Section, _add_parent_links, _add_previous_and_next_links, _get_by_type
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from municipal_guidelines.site import incremental
from municipal_guidelines.site.state import BuildState
from municipal_guidelines.format.guideline import Guideline
from municipal_guidelines.layout import GUIDELINE_DIR, INDEX_STEM, LANGS, TOPIC_DIR, VERSION_DIR, page_path
from municipal_guidelines.render.generated import counties
from municipal_guidelines.render.history import has_history, page_context


class _CompiledOnce(BytecodeCache):
    """Under ``guidelines serve``, each template compiled once in the process rather than in every
    environment of every rebuild (MkDocs makes the theme's anew each time; 98 templates, 0.8 s of
    an incremental rebuild at N = 357). Jinja keys compiled code by the template's name and file
    and checks its source; the key here holds the environment's autoescaping and extensions too,
    which change what a template compiles to."""

    def __init__(self) -> None:
        self.codes: dict[str, bytes] = {}

    def get_bucket(self, environment: Environment, name: str, filename: str | None, source: str) -> Bucket:
        settings = f"{name}|{environment.autoescape!r}|{sorted(environment.extensions)}"
        bucket = Bucket(environment, self.get_cache_key(settings, filename), self.get_source_checksum(source))
        self.load_bytecode(bucket)
        return bucket

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self.codes.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)  # dropped by Jinja if the source has changed since

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.codes[bucket.key] = bucket.bytecode_to_string()


_compiled = _CompiledOnce()


def compiled_once(env: Environment) -> Environment:
    """``env`` sharing compiled templates with every other of this process (``guidelines serve`` only)."""
    if incremental.enabled():
        env.bytecode_cache = _compiled
    return env


def escaping(env: Environment) -> Environment:
    """MkDocs' theme environment made to escape everything it prints (it does not by default);
    templates already compiled without it are dropped."""
    env.autoescape = True
    if env.cache is not None:
        env.cache.clear()
    return compiled_once(env)


def mark_page_html(page: Page) -> None:
    """The HTML MkDocs made of the page's Markdown, printed as it is by the escaping environment
    (every page's HTML has passed ``render.rules.check_rendered`` and the safety net)."""
    if page.content is not None and not isinstance(page.content, Markup):
        page.content = Markup(page.content)


def render(state: BuildState, config: MkDocsConfig, template: str, **context: Any) -> str:
    """Render ``template`` (under ``overrides/``) with the theme's Jinja environment, once per pass."""
    if state.templates is None:
        # MkDocs' theme environment does not escape; guideline text and metadata must be escaped.
        state.templates = config.theme.get_env()
        state.templates.autoescape = True
        compiled_once(state.templates)
    return state.templates.get_template(template).render(**context)


def href_from(state: BuildState, page: Page) -> Callable[[str], str]:
    """Turn a URL relative to the language root into a link relative to ``page``.

    Computed once per page (``../../``) rather than per link: a topic page at national scale
    has thousands of links.
    """
    up = get_relative_url(state.prefix() or ".", page.url).rstrip("/")
    up = "" if up == "." else up + "/"
    return lambda target: up + target if target else (up or "./")


def asset_from(page: Page) -> Callable[[str], str]:
    """Turn a path under the site's root (``assets/javascripts/x.js``, the same in every language
    form) into a link relative to ``page``: the site works under any sub-path."""
    up = get_relative_url(".", page.url).rstrip("/")
    up = "" if up == "." else up + "/"
    return lambda target: up + target


def language_urls(state: BuildState, page: Page) -> dict[str, str]:
    """The page's URL in each language form, relative to the page itself."""
    prefix = state.prefix()
    in_root = page.url[len(prefix) :] if prefix and page.url.startswith(prefix) else page.url
    return {lang: get_relative_url(state.prefix(lang) + in_root, page.url) for lang in LANGS}


def page_history(state: BuildState, page: Page | None) -> dict[str, Any] | None:
    """What overrides/main.html shows after the content of a guideline with earlier versions
    (hooks/history.html: the interface text and render/history.py page_context), else None."""
    guideline = page_guideline(state, page) if page is not None and page.file else None
    if guideline is None or not has_history(state.model, guideline):
        return None
    return {"ui": state.ui, **page_context(state.model, guideline, state.lang, href_from(state, page))}


def page_guideline(state: BuildState, page: Page) -> Guideline | None:
    """The model of the guideline this page shows, in this pass's language (None for other pages)."""
    path = page_path(page.file.src_uri)
    folder, _, name = path.rpartition("/")
    parts = folder.split("/")
    if len(parts) == 3 and parts[0] == GUIDELINE_DIR and parts[2] == VERSION_DIR:  # an earlier version
        return state.model.version_page(parts[1], name.removesuffix(".md"), state.lang)
    if folder != GUIDELINE_DIR or name == f"{INDEX_STEM}.md":
        return None
    return state.model.guideline(name.removesuffix(".md"), state.lang)


def _find_section(items: list, src_uri: str) -> Section | None:
    for item in items:
        if isinstance(item, Section):
            if any(isinstance(child, Page) and page_path(child.file.src_uri) == src_uri for child in item.children):
                return item
            found = _find_section(item.children, src_uri)
            if found:
                return found
    return None


def _page(state: BuildState, title: str, path: str, files: Files, config: MkDocsConfig) -> Page | None:
    """A nav entry for ``path`` (unsuffixed) in this pass's language."""
    stem = path.removesuffix(".md")
    file = files.get_file_from_path(f"{stem}.{state.lang}.md") or files.get_file_from_path(path)
    return Page(title, file, config) if file is not None else None


def add_to_navigation(state: BuildState, nav: Navigation, files: Files, config: MkDocsConfig) -> Navigation:
    """Each municipality under its county in the municipalities' section, each topic under the topics'."""
    matrix = state.model.matrices[state.lang]
    municipalities = _find_section(nav.items, f"{GUIDELINE_DIR}/{INDEX_STEM}.md")
    if municipalities is not None:
        for county, group in counties(matrix):
            pages = [_page(state, c.municipality, f"{GUIDELINE_DIR}/{c.slug}.md", files, config) for c in group]
            municipalities.children.append(Section(county, [p for p in pages if p is not None]))
    topics = _find_section(nav.items, f"{TOPIC_DIR}/{INDEX_STEM}.md")
    if topics is not None:
        for topic in state.model.topics:
            page = _page(state, topic.label[state.lang], f"{TOPIC_DIR}/{topic.id}.md", files, config)
            if page is not None:
                topics.children.append(page)
    nav.pages = _get_by_type(nav.items, Page)
    _add_previous_and_next_links(nav.pages)
    _add_parent_links(nav.items)
    return nav
