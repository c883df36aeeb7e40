"""Profile pages at the cost of a template each (render/profile_pages.py): of the profile stubs,
MkDocs renders one municipality's per language form (``on_files``), whose content
``hooks/generated.py`` marks; ``on_post_build`` writes every other profile from that shell, before
the search indexes the site (``hooks/search.py`` runs at −200) and staging publishes it.
"""

from __future__ import annotations

from pathlib import Path

from markdown.extensions.toc import slugify
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

from municipal_guidelines.layout import PROFILE_DIR, page_stem
from municipal_guidelines.render.generated import profile_title, template_context
from municipal_guidelines.render.profile_pages import Subject, fill, is_profile_stub, read_shell
from municipal_guidelines.site import incremental
from municipal_guidelines.site import state as build
from municipal_guidelines.site.minify import collapse_whitespace
from municipal_guidelines.site.mkdocs_env import render


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    """Of the profile stubs, MkDocs renders one municipality's (the shell, per language form);
    ``on_post_build`` writes the others from it (render/profile_pages.py)."""
    profiles = [f for f in files if is_profile_stub(f.src_uri)]
    if profiles:
        shell = min(page_stem(f.src_uri) for f in profiles)
        for file in profiles:
            if page_stem(file.src_uri) != shell:
                files.remove(file)
    return files


def on_post_build(*, config: MkDocsConfig) -> None:
    """Every profile but the shell's, written from the shell (render/profile_pages.py)."""
    state = build.current(config)
    if state.profile_shell is None:
        return
    url, href, subject = state.profile_shell
    site = Path(config.site_dir)
    shell = read_shell((site / url / "index.html").read_text(encoding="utf-8"), subject)
    if shell is None:
        raise RuntimeError(f"the profile page {url} has lost its marks; it cannot be the other profiles' shell")
    plan = incremental.plan_of(config)  # an incremental rebuild under serve: the profiles that changed
    for column in state.model.matrices[state.lang].columns:
        if column.slug == subject.slug or (plan is not None and column.slug not in plan.profiles[state.lang]):
            continue
        title = profile_title(state.ui, column.municipality)
        other = Subject(column.slug, title, slugify(title, "-"))
        context = template_context("profile", state.model, state.lang, state.ui, href, column.slug)
        page = fill(shell, other, collapse_whitespace(render(state, config, "hooks/profile.html", **context)))
        target = site / url.replace(f"{PROFILE_DIR}/{subject.slug}/", f"{PROFILE_DIR}/{column.slug}/") / "index.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page, encoding="utf-8")
