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

START, SPLIT, END = "<!-- profile -->", "<!-- profile: generated -->", "<!-- /profile -->"


def is_profile_stub(src_uri: str) -> bool:
    """``profil/alta.nb.md`` (a profile's stub page; not an index page)."""
    folder, _, name = src_uri.rpartition("/")
    return folder == PROFILE_DIR and name.endswith(".md") and not name.startswith("index.")


def mark(text_html: str, generated: str) -> str:
    """The shell page's content: the Markdown part (heading, introduction) and the generated part, marked."""
    return f"{START}{text_html}{SPLIT}{generated}{END}"


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
    start, split, end = page.find(START), page.find(SPLIT), page.find(END)
    if not -1 < start < split < end:
        return None
    return Shell(page[:start], page[start + len(START) : split], page[end + len(END) :], subject)


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

    def swap(part: str) -> str:
        for before, after in replacements:
            part = part.replace(before, after)
        return part

    return swap(shell.before) + mark(swap(shell.text), generated) + swap(shell.after)
