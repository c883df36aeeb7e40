"""What a guideline page adds to its rules' own text after search has indexed it: links to the
laws a rule cites (``render/laws.py``), a mark on a translated rule to check
(``render/translation_checks.py``) and the note on its shared wording (``render/shared.py``)."""

from __future__ import annotations

from collections.abc import Callable, MutableMapping
from typing import Any

from municipal_guidelines.format.guideline import Guideline
from municipal_guidelines.model.laws import cites
from municipal_guidelines.model.site import SiteModel
from municipal_guidelines.render.generated import FULL_MATRIX_MAX
from municipal_guidelines.render.laws import link_citations
from municipal_guidelines.render.shared import add_shared_notes, shared_note_html
from municipal_guidelines.render.translation_checks import page_checks, rule_mark_html


def add_rule_notes(
    html: str,
    guideline: Guideline,
    model: SiteModel,
    lang: str,
    ui: dict[str, Any],
    href: Callable[[str], str],
    notes: MutableMapping[tuple[str, str, str], str],
) -> str:
    """The laws linked in the rules that cite one, and each rule's shared-wording note (``notes``:
    the notes made so far in this pass; on a site of many municipalities only how many share it)."""
    matrix = model.matrices[lang]
    pattern = model.law_pattern
    citing = [rule.id for rule in guideline.rules if cites(rule.text, pattern)]
    html = link_citations(html, citing, model.laws, ui["law_link_hint"], pattern)
    compact = len(matrix.columns) > FULL_MATRIX_MAX
    checks = page_checks(guideline, model)
    return add_shared_notes(
        html,
        lambda rule_id: rule_mark_html(rule_id, checks, ui)
        + shared_note_html(rule_id, model.shared, matrix.by_rule, matrix.names, ui, href, notes, compact=compact),
    )
