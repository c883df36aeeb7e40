"""One search index per language form.

Material + static-i18n write one index for the whole site, so a search on a nynorsk page returns
bokmål pages too. ``split_index`` splits the merged index: the default language form keeps its
entries at the site root, every other form gets its own entries with locations relative to its
root (``nn/``).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import PurePosixPath

INDEX = PurePosixPath("search") / "search_index.json"


def split_index(index: dict, prefixes: Mapping[str, str]) -> dict[str, dict]:
    """Split a merged index into one per language form. ``prefixes``: language → URL prefix."""
    others = [p for p in prefixes.values() if p]
    result = {}
    for lang, prefix in prefixes.items():
        if prefix:
            docs = [
                {**doc, "location": doc["location"][len(prefix) :]}
                for doc in index["docs"]
                if doc["location"].startswith(prefix)
            ]
        else:
            docs = [doc for doc in index["docs"] if not any(doc["location"].startswith(p) for p in others)]
        result[lang] = {**index, "docs": docs}
    return result
