"""Guideline pages: rule marks while rendering, checks after, topic links and header at the end.

``on_page_content`` (priority 100, before generated.py appends the site's own HTML) fails the
build when a page's text made unsafe markup or Python-Markdown disagrees with the page grammar:
``validation.rendered_problems``, the function ``guidelines check`` runs on the same pages.
``on_post_page`` adds the metadata box, the versions, every rule's topic links and permalink, the
laws it cites and its shared wording (render/rule_notes.py) to the page Pagefind indexes; the
history after the content is overrides/main.html's, from ``page_history`` (``on_env``).
"""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import TableOfContents

from municipal_guidelines.format.errors import CONTENT_ERRORS
from municipal_guidelines.layout import other_lang, profile_url, topic_url
from municipal_guidelines.model.site import shown_path
from municipal_guidelines.render.history import is_version_page, page_context
from municipal_guidelines.render.insert import after_heading
from municipal_guidelines.render.rule_notes import add_rule_notes
from municipal_guidelines.render.rules import RuleExtension, fill_rule_meta
from municipal_guidelines.render.translation_checks import ANCHOR, page_checks
from municipal_guidelines.site import state as build
from municipal_guidelines.site.mkdocs_env import href_from, language_urls, page_guideline, page_history, render
from municipal_guidelines.site.search import rule_topics
from municipal_guidelines.validation import rendered_problems


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    if not any(isinstance(extension, RuleExtension) for extension in config.markdown_extensions):
        config.markdown_extensions.append(RuleExtension())
    return config


def on_env(env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
    state = build.current(config)
    env.globals["page_history"] = lambda page: page_history(state, page)
    return env


@event_priority(100)
def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    # MkDocs strips the front matter from page.markdown: lines are counted in the file itself.
    path = Path(page.file.abs_src_path) if page.file.abs_src_path else None
    source = path.read_text(encoding="utf-8-sig") if path else ""
    shown = shown_path(path, Path(config.docs_dir)) if path else f"docs/{page.file.src_uri}"
    problems = rendered_problems(html, source, shown, page_guideline(build.current(config), page))
    if problems:
        raise PluginError("\n".join([CONTENT_ERRORS, *map(str, problems)]))
    if is_version_page(page.file.src_uri):  # in no navigation, which holds the contents' toggle (render/history.py)
        page.toc = TableOfContents([])
    return html


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    state = build.current(config)
    guideline = page_guideline(state, page)
    if guideline is None:
        return output
    href = href_from(state, page)
    versions = page_context(state.model, guideline, state.lang, href)
    header = render(
        state, config, "hooks/guideline-header.html", guideline=guideline, ui=state.ui, lang=state.lang, other=other_lang(state.lang),
        urls=language_urls(state, page), profile=href(profile_url(guideline.slug)), checks=page_checks(guideline, state.model),
        checks_anchor=ANCHOR, rule_topics=rule_topics(guideline, state.model.topics), **versions,
    )
    output = after_heading(output, header)
    topic_links = {t.id: (href(topic_url(t.id)), t.label[state.lang]) for t in state.model.topics}
    if not guideline.version:  # an earlier version's rules are not compared with other municipalities'
        output = add_rule_notes(output, guideline, state.model, state.lang, state.ui, href, state.notes)
    return fill_rule_meta(output, guideline, topic_links, state.ui["permalink"], state.ui["topic"])
