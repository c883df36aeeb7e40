"""One validation path: every check the build runs on the pages, without MkDocs.

``validate_site`` reads and checks ``docs/`` as the build's ``on_pre_build`` does
(``model.site.load_site``: what docs/ may hold, front matter, annotations, topics, ids, pairs of
language forms, stub pages), then renders every page with Python-Markdown configured as
``mkdocs.yml`` configures it (``site_markdown``) and runs the checks the build runs on each
rendered page (``rendered_problems``: the markup net of ``format/safety.py`` on every page, and
``check_rendered`` on guideline pages). The build runs ``rendered_problems`` on the HTML MkDocs
made of the same page (hooks/rules.py), the importer on the page it is about to write
(importing/page.py), ``guidelines check`` through ``validate_site``: one function, one message.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from markdown import Markdown

from municipal_guidelines.format import grammar
from municipal_guidelines.format.errors import GuidelineError, GuidelineErrors
from municipal_guidelines.format.guideline import Guideline, read_page, read_page_text
from municipal_guidelines.format.safety import unsafe_markup
from municipal_guidelines.layout import GUIDELINE_DIR, INDEX_STEM
from municipal_guidelines.model.site import SiteCache, SiteModel, load_site, shown_path
from municipal_guidelines.project import Project, read_config
from municipal_guidelines.render.rules import RuleExtension, check_rendered, line_of

# MkDocs always loads these, whatever mkdocs.yml lists (its ``markdown_extensions`` builtins).
MKDOCS_BUILTIN_EXTENSIONS = ("toc", "tables", "fenced_code")


def markdown_extensions(config_text: str) -> tuple[list[str], dict[str, dict]]:
    """The Python-Markdown extensions and their settings ``mkdocs.yml`` gives, as MkDocs reads
    them: its builtins first, each extension once, a setting as ``{name: {option: value}}``."""
    names = list(MKDOCS_BUILTIN_EXTENSIONS)
    configs: dict[str, dict] = {}
    for entry in read_config(config_text).get("markdown_extensions") or []:
        if isinstance(entry, dict):
            for name, options in entry.items():
                names.append(name)
                if options:
                    configs[name] = dict(options)
        else:
            names.append(str(entry))
    return list(dict.fromkeys(names)), configs


def site_markdown(project: Project) -> Markdown:
    """Python-Markdown as the build renders a page: mkdocs.yml's extensions and the rule marks
    (hooks/rules.py adds ``RuleExtension`` to MkDocs' list)."""
    names, configs = markdown_extensions(project.config_file.read_text(encoding="utf-8"))
    return Markdown(extensions=[*names, RuleExtension()], extension_configs=configs)


def render_page(markdown: Markdown, page: grammar.Page) -> str:
    """The HTML of a page's body (MkDocs renders the page without its front matter)."""
    markdown.reset()
    return markdown.convert(grammar.write(page.with_front_matter(None)))


def rendered_problems(html: str, source: str, shown: str, guideline: Guideline | None) -> list[GuidelineError]:
    """What the build refuses in the rendered text of one page: markup that is not plain document
    markup (every page), and on a guideline page anything Python-Markdown made otherwise than the
    page grammar read. ``source`` is the file's whole text (lines are counted in the file)."""
    problems = unsafe_markup(html)
    if problems:
        return [GuidelineError(shown, line_of(source, needle), problem) for problem, needle in problems]
    problem = check_rendered(html, guideline, source) if guideline is not None else None
    return [problem] if problem else []


def rendered_pages(docs: Path) -> Iterator[Path]:
    """Every Markdown page of docs/, in a stable order."""
    yield from sorted(docs.rglob("*.md"))


def guideline_of(model: SiteModel, path: Path, docs: Path) -> Guideline | None:
    relative = path.relative_to(docs)
    if relative.parent.as_posix() != GUIDELINE_DIR or relative.name.split(".")[0] == INDEX_STEM:
        return None
    slug, lang = relative.name.split(".")[:2]
    return model.guideline(slug, lang)


def validate_site(project: Project, cache: SiteCache | None = None) -> SiteModel:
    """Everything the build checks, without MkDocs: the model of the site, or GuidelineErrors
    listing every problem (file: line: what to write instead)."""
    model = load_site(project.docs, project.topics_file, cache)
    markdown = site_markdown(project)
    errors: list[GuidelineError] = []
    for path in rendered_pages(project.docs):
        shown = shown_path(path, project.docs)
        source = read_page(path, shown)
        html = render_page(markdown, read_page_text(source, shown))
        errors += rendered_problems(html, source, shown, guideline_of(model, path, project.docs))
    if errors:
        raise GuidelineErrors(errors)
    return model

