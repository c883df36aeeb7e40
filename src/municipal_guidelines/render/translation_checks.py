"""The sentences of a machine translation that did not survive being translated back
(``to_check`` in its front matter, written by ``guidelines translate``; translation/engine.py):
what its page marks for a person to check, and what ``guidelines check`` lists. No MkDocs, no
Apertium: the page and its original say it all."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from municipal_guidelines.format.guideline import Guideline
from municipal_guidelines.model.site import SiteModel
from municipal_guidelines.translation.engine import sentences

ANCHOR = "omsetjing-til-kontroll"  # the list of sentences to check on a translated page


@dataclass(frozen=True)
class ToCheck:
    ref: str  # as in to_check: "<body line>.<sentence>" or "document_title.1"
    translation: str  # the sentence as the machine translated it
    original: str  # the same sentence in the original
    rule_id: str  # the rule it belongs to ("" for a heading, prose or the title)


def _sentence(text: str, number: int) -> str:
    parts = sentences(text)
    return parts[number - 1] if 0 < number <= len(parts) else text


def to_check(translation: Guideline, original: Guideline | None) -> list[ToCheck]:
    """What the translation's ``to_check`` names, with the sentences themselves, in page order."""
    found = []
    for ref in translation.meta.to_check.split():
        where, _, number = ref.rpartition(".")
        if where in ("document_title", "adoption"):
            text, source, rule_id = getattr(translation.meta, where), getattr(original.meta, where) if original else "", ""
        else:
            line = int(where)
            if line not in translation.lines:
                continue  # not a line of text (the page was edited by hand: guidelines translate --check says so)
            text = translation.lines[line]
            source = original.lines.get(line, "") if original else ""
            rule_id = translation.line_rules.get(line, "")
        found.append(ToCheck(ref, _sentence(text, int(number)), _sentence(source, int(number)) if source else "", rule_id))
    return found


def report_lines(translation: Guideline, original: Guideline | None) -> list[str]:
    """For ``guidelines check``: one line per sentence to check, with the file and what to do."""
    return [
        f"{translation.path}: kontroller omsetjinga{f' av {item.rule_id}' if item.rule_id else ''}: «{item.translation}»"
        f" (originalen: «{item.original}»); rett originalen eller ordlista data/glossary.yml og køyr guidelines translate"
        for item in to_check(translation, original)
    ]


def page_checks(guideline: Guideline, model: SiteModel) -> list[ToCheck]:
    """What a guideline page marks for checking (nothing on an original)."""
    if guideline.is_original:
        return []
    return to_check(guideline, model.guideline(guideline.slug, guideline.meta.original_language))


def rule_mark_html(rule_id: str, checks: list[ToCheck], ui: dict) -> str:
    """After a rule with a sentence to check: a visible mark, in words, linked to the list."""
    if not any(item.rule_id == rule_id for item in checks):
        return ""
    return f'<span class="rule-to-check"><a href="#{ANCHOR}">{escape(ui["to_check_mark"])}</a></span>'
