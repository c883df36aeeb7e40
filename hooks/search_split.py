"""Stage 5 — one search index per language form.

Material + static-i18n write one index for the whole site, so a search on a nynorsk page returns
bokmål pages too. After the last language has been built (static-i18n's ``on_post_build`` runs at
priority -100 and writes the merged index), this hook splits it: ``search/search_index.json`` keeps
the nb entries, ``nn/search/search_index.json`` gets the nn entries with locations relative to
``/nn/``. ``overrides/main.html`` points Material's search at the language's own root.
"""

from __future__ import annotations

import json
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority

from guidelines import state
from guidelines.pages import LANGS

INDEX = Path("search") / "search_index.json"


def split_index(index: dict, langs: tuple[str, ...] = LANGS) -> dict[str, dict]:
    """Split a merged index into one per language, locations relative to each language's root."""
    prefixes = {lang: state.lang_prefix(lang) for lang in langs}
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


@event_priority(-200)
def on_post_build(*, config: MkDocsConfig) -> None:
    i18n = config.plugins.get("i18n")
    if i18n is not None and getattr(i18n, "building", False):
        return  # an inner language pass: the merged index is not written yet
    site = Path(config.site_dir)
    merged = json.loads((site / INDEX).read_text(encoding="utf-8"))
    for lang, index in split_index(merged).items():
        target = site / state.lang_prefix(lang) / INDEX
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
