"""Profile pages at the cost of a template each. MkDocs renders one municipality's profile per
language form (the shell: every page of the site costs Material's whole page template, about 8 ms;
714 profiles cost the build +64 %); the hooks write every other profile from it: the shell's frame
(header, language links, scripts) with the municipality's own title, heading id and address, and
its own profile rendered from ``overrides/hooks/profile.html``. All profiles are at the same depth
(``profil/<slug>/``), so the shell's relative links hold for each. No MkDocs needed here."""

from __future__ import annotations

import html
from dataclasses import dataclass

from municipal_guidelines.layout import PROFILE_DIR
from municipal_guidelines.render.insert import profile_marked, profile_parts, replaced


def is_profile_stub(src_uri: str) -> bool:
    """``profil/alta.nb.md`` (a profile's stub page; not an index page)."""
    folder, _, name = src_uri.rpartition("/")
    return folder == PROFILE_DIR and name.endswith(".md") and not name.startswith("index.")


def mark(text_html: str, generated: str) -> str:
    """The shell page's content: the Markdown part (heading, introduction) and the generated part, marked."""
    return profile_marked(text_html, generated)


@dataclass(frozen=True)
class Subject:
    slug: str
    title: str  # the page title, e.g. "Profil: Alta"
    heading_id: str  # the id of its h1, e.g. "profil-alta"


@dataclass(frozen=True)
class Shell:
    before: str  # the frame up to the content
    text: str  # the Markdown part of the content
    after: str  # the frame after the content
    subject: Subject


def read_shell(page: str, subject: Subject) -> Shell | None:
    """The shell's parts, or None if ``page`` is not a marked profile page."""
    parts = profile_parts(page)
    return Shell(*parts, subject) if parts else None


def fill(shell: Shell, subject: Subject, generated: str) -> str:
    """The profile page of ``subject``: the shell's frame and text with its title, heading id and
    address replaced (in the frame and the text only, never in the generated part, which may link
    to the shell's municipality), and its own generated part."""
    old, new = shell.subject, subject
    replacements = (
        (html.escape(old.title, quote=False), html.escape(new.title, quote=False)),
        (f'"{old.heading_id}"', f'"{new.heading_id}"'),
        (f'"#{old.heading_id}"', f'"#{new.heading_id}"'),
        (f"{PROFILE_DIR}/{old.slug}/", f"{PROFILE_DIR}/{new.slug}/"),
    )

    return replaced(shell.before, replacements) + mark(replaced(shell.text, replacements), generated) + replaced(shell.after, replacements)
