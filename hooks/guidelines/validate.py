"""Checks across pages: topics exist, ids are unique, translations match their originals."""

from __future__ import annotations

from collections.abc import Iterable

from .errors import GuidelineError
from .pages import Guideline


def check_topics(guideline: Guideline, topic_ids: Iterable[str]) -> list[GuidelineError]:
    """Every topic a rule names must be in the taxonomy."""
    known = list(topic_ids)
    errors = []
    for rule in guideline.rules:
        for topic in rule.topics:
            if topic not in known:
                errors.append(
                    GuidelineError(
                        guideline.path,
                        rule.line,
                        f"rule {rule.id}: unknown topic {topic!r}; use one of {', '.join(known)} "
                        "(or add it to data/topics.yml)",
                    )
                )
    return errors


def check_unique_ids(guidelines: Iterable[Guideline]) -> list[GuidelineError]:
    """A rule id is an anchor and a permalink: unique across all pages of one language."""
    seen: dict[tuple[str, str], Guideline] = {}
    errors = []
    for guideline in guidelines:
        for rule in guideline.rules:
            key = (guideline.lang, rule.id)
            if key in seen:
                first = seen[key]
                first_line = next(r.line for r in first.rules if r.id == rule.id)
                errors.append(
                    GuidelineError(
                        guideline.path,
                        rule.line,
                        f"duplicate rule id {rule.id!r}, already used at {first.path}:{first_line}; give this rule a new id",
                    )
                )
            else:
                seen[key] = guideline
    return errors


def check_translation(original: Guideline, translation: Guideline) -> list[GuidelineError]:
    """A translation carries the same rules with the same topics, and the same metadata."""
    errors = []
    if translation.meta.original_language != original.meta.original_language:
        errors.append(
            GuidelineError(
                translation.path,
                translation.meta_lines.get("original_language", 1),
                f"original_language differs from the original {original.path}; run scripts/translate.py",
            )
        )
    original_rules = [(r.id, r.topics) for r in original.rules]
    translated_rules = [(r.id, r.topics) for r in translation.rules]
    if original_rules != translated_rules:
        original_ids = {r.id for r in original.rules}
        translated_ids = {r.id for r in translation.rules}
        detail = []
        if original_ids - translated_ids:
            detail.append(f"missing {', '.join(sorted(original_ids - translated_ids))}")
        if translated_ids - original_ids:
            detail.append(f"extra {', '.join(sorted(translated_ids - original_ids))}")
        if not detail:
            detail.append("same ids but different order or topics")
        line = next(
            (t.line for o, t in zip(original.rules, translation.rules) if (o.id, o.topics) != (t.id, t.topics)),
            translation.rules[-1].line if translation.rules else 1,
        )
        errors.append(
            GuidelineError(
                translation.path,
                line,
                f"rules differ from the original {original.path} ({'; '.join(detail)}); "
                "run scripts/translate.py to regenerate the translation",
            )
        )
    return errors


def pair_translations(guidelines: Iterable[Guideline]) -> tuple[dict[str, dict[str, Guideline]], list[GuidelineError]]:
    """Group pages by municipality slug and check each has an original and a translation."""
    by_slug: dict[str, dict[str, Guideline]] = {}
    for guideline in guidelines:
        by_slug.setdefault(guideline.slug, {})[guideline.lang] = guideline
    errors = []
    for slug, pages in sorted(by_slug.items()):
        some = next(iter(pages.values()))
        original_lang = some.meta.original_language
        original = pages.get(original_lang)
        if original is None:
            errors.append(
                GuidelineError(
                    some.path,
                    some.meta_lines.get("original_language", 1),
                    f"original_language is {original_lang} but there is no kommunar/{slug}.{original_lang}.md",
                )
            )
            continue
        for lang, page in pages.items():
            if lang != original_lang:
                errors.extend(check_translation(original, page))
        missing = [lang for lang in ("nb", "nn") if lang not in pages]
        for lang in missing:
            errors.append(
                GuidelineError(
                    original.path, 1, f"no translation kommunar/{slug}.{lang}.md; run scripts/translate.py"
                )
            )
    return by_slug, errors
