"""The draft builder's settings for the browser, on every page: where the draft page is and the
interface strings docs/assets/javascripts/draft.js shows. No MkDocs needed.

The draft itself lives only in the reader's browser (localStorage, by rule id); the draft page
reads the rules from the per-municipality exports (``data/kommunar/<slug>.json``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from municipal_guidelines.format import fields
from municipal_guidelines.format.guideline import RULE_ID
from municipal_guidelines.layout import DRAFT_URL

# The strings of data/ui.yml that draft.js shows (the draft page's template has the others).
SCRIPT_UI = (
    "draft_toggle", "draft_count", "draft_added", "draft_removed", "draft_moved", "draft_loading", "draft_load_failed",
    "draft_gone", "draft_title_default", "draft_placeholder_municipality", "draft_placeholder_county", "draft_text_label",
    "draft_source", "draft_move_up", "draft_move_down", "draft_remove", "draft_sources_heading", "draft_source_note",
    "draft_translated_note", "draft_edited_note", "draft_version_note", "language_name", "machine_translated", "show_original",
)
# Of those, what the toggle on every rule and the count in the header show: all a page other than
# the draft page needs (the rest only on the draft page, ``draft_settings``).
TOGGLE_UI = ("draft_toggle", "draft_count", "draft_added", "draft_removed")
# The language tag a .docx gives its text (Word's and LibreOffice's spelling check).
DOCUMENT_LANGUAGE = {"nb": "nb-NO", "nn": "nn-NO"}


def page_rules() -> dict[str, Any]:
    """The rules of the page format a draft's Markdown must keep (format/), written once here and
    handed to draft.js: the patterns (the same syntax in Python and JavaScript: ASCII classes only)
    and the length limits."""
    return {
        "id": RULE_ID.pattern,
        "number": f"^{fields._NUMBER.pattern}$",  # noqa: SLF001 — the format's own pattern, not a copy
        "slug": f"^{fields._SLUG.pattern}$",  # noqa: SLF001
        "maxName": fields.MAX_NAME,
        "maxText": fields.MAX_TEXT,
    }


def draft_settings(
    ui: dict[str, Any], lang: str, href: Callable[[str], str], site_name: str = "", *, draft_page: bool = True
) -> dict[str, Any]:
    """What draft.js needs on a page: its language form, the draft page's address relative to
    the page, its interface strings, the page format's rules and the site's name (the .docx's
    author: the library otherwise writes "Un-named"). A page other than the draft page
    (``draft_page=False``) only shows the toggles and the count: it gets their strings alone, not
    the 1.5 KB the draft page shows."""
    return {
        "lang": lang,
        "documentLanguage": DOCUMENT_LANGUAGE[lang],
        "page": href(DRAFT_URL),
        "siteName": site_name,
        "ui": {key: ui[key] for key in (SCRIPT_UI if draft_page else TOGGLE_UI)},
        "rules": page_rules(),
    }


