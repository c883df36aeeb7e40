"""Coverage and gaps as data: per municipality, the topics it addresses and the checklist points
it answers (``coverage.json``, with its schema in ``data/coverage.schema.json``), and the same as
rows (``coverage.csv``: municipality × topic; ``gaps.csv``: municipality × checklist point)."""

from __future__ import annotations

import json

from municipal_guidelines.layout import guideline_url, profile_url
from municipal_guidelines.model.profile import Profiles

COVERAGE_FIELDS = ("municipality", "municipality_number", "county", "topic", "topic_label", "rules", "addressed", "topics_reviewed", "url")
GAP_FIELDS = ("municipality", "municipality_number", "county", "point", "point_label", "answered", "topics", "topics_reviewed", "url")


def coverage_document(profiles: Profiles, base_url: str) -> dict:
    matrix, lang = profiles.matrix, profiles.matrix.lang
    municipalities = []
    for column in matrix.columns:
        covered = profiles.covered[column.slug]
        answered = profiles.answered_ids[column.slug]
        municipalities.append(
            {
                "slug": column.slug,
                "municipality": column.municipality,
                "municipality_number": column.municipality_number,
                "county": column.county,
                "url": base_url + guideline_url(column.slug),
                "profile_url": base_url + profile_url(column.slug),
                "rule_count": column.rule_count,
                "topics_reviewed": column.reviewed,
                "rules_per_topic": {t.id: len(matrix.cell(t.id, column.slug)) for t in matrix.topics},
                "topics_missing": [t.id for t in matrix.topics if t.id not in covered],
                "checklist_answered": [p.id for p in profiles.checklist if p.id in answered],
                "checklist_missing": [p.id for p in profiles.checklist if p.id not in answered],
            }
        )
    return {
        "language": lang,
        "topics": [{"id": t.id, "label": t.label[lang]} for t in matrix.topics],
        "checklist": [
            {
                "id": p.id,
                "label": p.label[lang],
                "text": p.text[lang],
                "topics": list(p.topics),
                "sources": [
                    {"title": s.title, "publisher": s.publisher, **({"url": s.url} if s.url else {}), "read": s.read} for s in p.sources
                ],
            }
            for p in profiles.checklist
        ],
        "medians": profiles.medians,
        "municipalities": municipalities,
    }


def coverage_json(document: dict) -> str:
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n"


def coverage_rows(document: dict) -> list[dict]:
    labels = {t["id"]: t["label"] for t in document["topics"]}
    return [
        {
            "municipality": m["municipality"],
            "municipality_number": m["municipality_number"],
            "county": m["county"],
            "topic": topic_id,
            "topic_label": labels[topic_id],
            "rules": count,
            "addressed": str(count > 0).lower(),
            "url": m["profile_url"],
            "topics_reviewed": str(m["topics_reviewed"]).lower(),
        }
        for m in document["municipalities"]
        for topic_id, count in m["rules_per_topic"].items()
    ]


def gap_rows(document: dict) -> list[dict]:
    return [
        {
            "municipality": m["municipality"],
            "municipality_number": m["municipality_number"],
            "county": m["county"],
            "point": point["id"],
            "point_label": point["label"],
            "answered": str(point["id"] in m["checklist_answered"]).lower(),
            "topics": " ".join(point["topics"]),
            "url": m["profile_url"],
            "topics_reviewed": str(m["topics_reviewed"]).lower(),
        }
        for m in document["municipalities"]
        for point in document["checklist"]
    ]
