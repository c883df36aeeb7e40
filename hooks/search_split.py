"""One search index per language form (``municipal_guidelines.render.search``).

After the last language pass (static-i18n's ``on_post_build`` runs at priority -100 and writes the
merged index), ``search/search_index.json`` keeps the default form's entries and
``nn/search/search_index.json`` gets the nn entries. ``overrides/main.html`` points Material's
search at the language's own root.
"""

from __future__ import annotations

import json
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority

from municipal_guidelines import build
from municipal_guidelines.layout import LANGS
from municipal_guidelines.render.search import INDEX, split_index


@event_priority(-200)
def on_post_build(*, config: MkDocsConfig) -> None:
    i18n = config.plugins.get("i18n")
    if i18n is not None and getattr(i18n, "building", False):
        return  # an inner language pass: the merged index is not written yet
    state = build.current(config)
    site = Path(config.site_dir)
    merged = json.loads((site / INDEX).read_text(encoding="utf-8"))
    for lang, index in split_index(merged, {lang: state.prefix(lang) for lang in LANGS}).items():
        target = site / state.prefix(lang) / INDEX
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
