"""The draft builder's settings for the browser, on every page: where the draft page is and the
interface strings docs/assets/javascripts/draft.js shows. No MkDocs needed.

The draft itself lives only in the reader's browser (localStorage, by rule id); the draft page
reads the rules from the per-municipality exports (``data/kommunar/<slug>.json``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from municipal_guidelines.layout import DRAFT_URL

# Strings of data/ui.yml the script uses besides its own (``draft_…``).
SHARED_UI = ("language_name", "machine_translated", "show_original", "municipality", "municipality_number", "county")
# The language tag a .docx gives its text (Word's and LibreOffice's spelling check).
DOCUMENT_LANGUAGE = {"nb": "nb-NO", "nn": "nn-NO"}


def draft_settings(ui: dict[str, Any], lang: str, href: Callable[[str], str]) -> dict[str, Any]:
    """What draft.js needs on a page: its language form, the draft page's address relative to
    the page, and its interface strings."""
    strings = {key: value for key, value in ui.items() if key.startswith("draft_") or key in SHARED_UI}
    return {"lang": lang, "documentLanguage": DOCUMENT_LANGUAGE[lang], "page": href(DRAFT_URL), "ui": strings}


def insert_settings(output: str, script: str) -> str:
    """``script`` (the settings as JSON data) at the end of the page's ``<head>``."""
    head, sep, rest = output.partition("</head>")
    return head + script + sep + rest if sep else output
