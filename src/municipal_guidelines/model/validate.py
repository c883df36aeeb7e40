"""Checks across pages: topics exist, ids are unique, translations match their originals."""

from __future__ import annotations

from collections.abc import Iterable

from municipal_guidelines.format import fields
from municipal_guidelines.format.errors import GuidelineError
from municipal_guidelines.format.guideline import Guideline, meta_keys
from municipal_guidelines.layout import GUIDELINE_DIR, LANGS


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
                        f"regelen {rule.id} har eit ukjend tema {topic!r}; bruk eitt av {', '.join(known)} "
                        "(eller legg temaet til i data/topics.yml)",
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
                        f"id-en {rule.id!r} er alt brukt i {first.path}:{first_line}; gi denne regelen ein ny id "
                        "(det neste ledige nummeret)",
                    )
                )
            else:
                seen[key] = guideline
    return errors


# Front-matter fields an original and its translation must agree on (title and adoption are translated).
SHARED_META = meta_keys(shared=True)  # the original and its translation agree on these


def check_translation(original: Guideline, translation: Guideline) -> list[GuidelineError]:
    """A translation carries the same rules with the same topics, and the same metadata."""
    errors = []
    for key in SHARED_META:
        if getattr(translation.meta, key) != getattr(original.meta, key):
            errors.append(
                GuidelineError(
                    translation.path,
                    translation.meta_lines.get(key, 1),
                    f"feltet «{key}» er {getattr(translation.meta, key)!r} her, men {getattr(original.meta, key)!r} "
                    f"i originalen {original.path}; rett originalen og lag omsetjinga på nytt med guidelines translate",
                )
            )
    if bool(translation.meta.adoption) != bool(original.meta.adoption):
        errors.append(
            GuidelineError(
                translation.path,
                translation.meta_lines.get("adoption", 1),
                f"feltet «adoption» er tomt berre på éi av sidene (sjå {original.path}); lag omsetjinga på nytt med guidelines translate",
            )
        )
    original_rules = [(r.id, r.topics) for r in original.rules]
    translated_rules = [(r.id, r.topics) for r in translation.rules]
    if original_rules != translated_rules:
        original_ids = {r.id for r in original.rules}
        translated_ids = {r.id for r in translation.rules}
        detail = []
        if original_ids - translated_ids:
            detail.append(f"manglar {', '.join(sorted(original_ids - translated_ids))}")
        if translated_ids - original_ids:
            detail.append(f"har i tillegg {', '.join(sorted(translated_ids - original_ids))}")
        if not detail:
            detail.append("same id-ar, men anna rekkjefølgje eller andre tema")
        line = next(
            (t.line for o, t in zip(original.rules, translation.rules) if (o.id, o.topics) != (t.id, t.topics)),
            translation.rules[-1].line if translation.rules else 1,
        )
        errors.append(
            GuidelineError(
                translation.path,
                line,
                f"reglane er ikkje dei same som i originalen {original.path} ({'; '.join(detail)}); "
                "lag omsetjinga på nytt med guidelines translate",
            )
        )
    return errors


def check_one_per_municipality(by_slug: dict[str, dict[str, Guideline]]) -> list[GuidelineError]:
    """One guideline per kommunenummer and per name: a second slug would be a second column."""
    errors = []
    seen: dict[tuple[str, str], Guideline] = {}
    for _, pages in sorted(by_slug.items()):
        some = next(iter(pages.values()))
        page = pages.get(some.meta.original_language, some)
        for key, value in (
            ("municipality_number", page.meta.municipality_number),
            ("municipality", fields.fold_name(page.meta.municipality)),
        ):
            first = seen.setdefault((key, value), page)
            if first is not page:
                errors.append(
                    GuidelineError(
                        page.path,
                        page.meta_lines.get(key, 1),
                        f"feltet «{key}» er det same som i {first.path}: kvar kommune har berre éi retningslinje; "
                        "slå dei saman eller rett feltet",
                    )
                )
    return errors


def pair_translations(
    guidelines: Iterable[Guideline], langs: tuple[str, ...] = LANGS
) -> tuple[dict[str, dict[str, Guideline]], list[GuidelineError]]:
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
                    f"original_language er {original_lang}, men originalen {GUIDELINE_DIR}/{slug}.{original_lang}.md finst ikkje",
                )
            )
            continue
        for lang, page in pages.items():
            if lang != original_lang:
                errors.extend(check_translation(original, page))
        for lang in langs:
            if lang not in pages:
                errors.append(
                    GuidelineError(
                        original.path, 1, f"omsetjinga {GUIDELINE_DIR}/{slug}.{lang}.md manglar; lag henne med guidelines translate"
                    )
                )
    errors.extend(check_one_per_municipality(by_slug))
    return by_slug, errors
