"""The generated pages (home page entry points, overview, matrix, coverage, topic index, one page per topic, shared wording): what their
templates get. No MkDocs needed."""

from __future__ import annotations

from collections.abc import Callable
from itertools import groupby
from typing import Any

from municipal_guidelines.format.errors import GuidelineError
from municipal_guidelines.format.guideline import PAGE_META
from municipal_guidelines.layout import EXPORT_DIR, GUIDELINE_DIR, LANGS, SHARED_PAGE, feed_url, profile_url
from municipal_guidelines.model.matrix import Column, Matrix, sort_key
from municipal_guidelines.model.site import SiteModel
from municipal_guidelines.model.topics import Topic
from municipal_guidelines.render.charts import against_median, heatmap
from municipal_guidelines.render.history import changes_since, latest_changes
from municipal_guidelines.render.insert import before_first_section
from municipal_guidelines.render.shared import NAMED, group_view, topic_groups

KINDS = PAGE_META["generated"]
FULL_MATRIX_MAX = 12  # above this many municipalities the matrix is not one full table
DEFAULT_COLUMNS = 4  # columns the large matrix shows before the user picks
# The files the matrix and coverage pages offer (export/__init__.py writes them), in that order.
EXPORT_FILES = (
    "matrix.json", "matrix.csv", "matrix.semicolon.csv", "matrix.xlsx",
    "coverage.json", "coverage.csv", "coverage.semicolon.csv", "gaps.csv", "gaps.semicolon.csv",
)


def generated_kind(meta: dict[str, Any]) -> str | None:
    kind = meta.get("generated")
    return kind if kind in KINDS else None


def counties(matrix: Matrix) -> list[tuple[str, list[Column]]]:
    """Municipalities grouped by county, both in Norwegian alphabetical order (æ, ø, å last)."""
    columns = sorted(matrix.columns, key=lambda c: (sort_key(c.county), sort_key(c.municipality)))
    return [(county, list(group)) for county, group in groupby(columns, key=lambda c: c.county)]


def topic_heading(model: SiteModel, topic_id: str, lang: str) -> str | None:
    """The Markdown a topic page starts with: its name and description (None for an unknown topic)."""
    topic = model.topic(topic_id)
    return f"# {topic.label[lang]}\n\n{topic.description[lang]}\n\n" if topic else None


def profile_title(ui: dict[str, Any], municipality: str) -> str:
    """A profile page's title (and heading): «Profil: Alta»."""
    return ui["profile_title"].format(municipality=municipality)


def profile_heading(model: SiteModel, slug: str, lang: str, ui: dict[str, Any]) -> str | None:
    """The Markdown a profile page starts with (None for a municipality without a guideline)."""
    guideline = model.guideline(slug, lang)
    return f"# {profile_title(ui, guideline.meta.municipality)}\n\n{ui['profile_intro']}\n\n" if guideline else None


def matrix_link(href: Callable[[str], str], slugs: list[str], topic_ids: list[str]) -> str:
    """The matrix filtered to some municipalities and topics (``?k=…&t=…``)."""
    query = [f"k={','.join(slugs)}"] if slugs else []
    query += [f"t={','.join(topic_ids)}"] if topic_ids else []
    return href("matrise/") + ("?" + "&".join(query) if query else "")


def coverage_context(model: SiteModel, lang: str, ui: dict[str, Any], href: Callable[[str], str]) -> dict[str, Any]:
    """The coverage page's heatmaps and gap check: municipalities × topics and × checklist points."""
    matrix, profiles = model.matrices[lang], model.profiles[lang]
    columns = matrix.columns
    answered = profiles.answered_ids
    # Counted across municipalities: only those whose topics are reviewed (matrix.reviewed).
    points = [(p, [c for c in matrix.reviewed if p.id in answered[c.slug]]) for p in model.checklist]
    few = [(p, covering) for p, covering in sorted(points, key=lambda pc: len(pc[1])) if len(covering) * 2 <= len(matrix.reviewed)]
    context: dict[str, Any] = {"points": points, "few_points": few, "answered": answered}
    if len(columns) <= FULL_MATRIX_MAX:  # at national scale the tables carry the numbers; a chart of 357 columns helps no one
        heads = [c.municipality if c.reviewed else f"{c.municipality} ({ui['unreviewed_badge']})" for c in columns]
        context["topic_heatmap"] = heatmap(
            [t.label[lang] for t in matrix.topics],
            heads,
            [[len(matrix.cell(t.id, c.slug)) for c in columns] for t in matrix.topics],
        )
        context["point_heatmap"] = heatmap(
            [p.label[lang] for p, _ in points],
            heads,
            [[1 if p.id in answered[c.slug] else 0 for c in columns] for p, _ in points],
        )
    return context


def profile_context(model: SiteModel, lang: str, ui: dict[str, Any], slug: str) -> dict[str, Any]:
    profile = model.profiles[lang].profile(slug)
    name = profile.column.municipality
    names = model.profiles[lang].names
    return {
        "names_of": lambda slugs: ", ".join(names[s] for s in slugs),
        "profile": profile,
        "bars": against_median(
            [
                (ui["profile_counts"][count.name], name, count.value, ui["profile_median"], count.median, count.total or max(count.value, count.median))
                for count in profile.counts
            ]
        ),
    }


def home_questions(model: SiteModel, ui: dict[str, Any]) -> list[tuple[str, Topic]]:
    """The home page's common questions (``home_questions`` in data/ui.yml), each with its topic."""
    questions = []
    for index, question in enumerate(ui["home_questions"]):
        if not isinstance(question, dict) or set(question) != {"topic", "text"}:
            line = next((v.line for v in (question.values() if isinstance(question, dict) else [question]) if hasattr(v, "line")), 1)
            raise GuidelineError("data/ui.yml", line, f"home_questions nr. {index + 1} må vere {{topic: <id frå data/topics.yml>, text: \"…\"}}")
        topic = model.topic(question["topic"])
        if topic is None:
            line = getattr(question["topic"], "line", 1)
            raise GuidelineError("data/ui.yml", line, f"home_questions: temaet «{question['topic']}» finst ikkje i data/topics.yml")
        questions.append((question["text"], topic))
    return questions


def place(kind: str, html: str, generated: str) -> str:
    """Where the generated part goes in its page: after the text, except on the home page, where the
    entry points come before the first section (after the heading and the introduction)."""
    return before_first_section(html, generated) if kind == "home" else html + generated


def template_context(
    kind: str, model: SiteModel, lang: str, ui: dict[str, Any], href: Callable[[str], str], subject: str = ""
) -> dict[str, Any]:
    """What ``overrides/hooks/<kind>.html`` gets; ``subject`` is a topic page's topic or a profile's municipality."""
    matrix = model.matrices[lang]
    large = len(matrix.columns) > FULL_MATRIX_MAX
    context: dict[str, Any] = {
        "matrix": matrix,
        "large": large,
        # With many municipalities the matrix page shows a few columns and loads others on demand,
        # and quotes skip the original text (the linked rule's page links to its original).
        "shown": matrix.columns[:DEFAULT_COLUMNS] if large else matrix.columns,
        "show_originals": not large,
        # (grouping 357 municipalities by county took 2 ms; on every generated page, 1.4 s a build)
        "counties": counties(matrix) if large and kind == "matrix" else [],
        "municipality_exports": f"{EXPORT_DIR}/{GUIDELINE_DIR}/",
        "ui": ui,
        "lang": lang,
        "langs": LANGS,
        "href": href,
        "exports": {name: f"{EXPORT_DIR}/{name}" for name in EXPORT_FILES},
    }
    if kind in ("topic", "matrix"):
        context["changed_on"], context["change_dates"] = changes_since(model, lang)
    if kind == "topic":
        context["topic"] = model.topic(subject)
        context["shared_groups"] = topic_groups(model.shared, matrix, subject)
    elif kind == "shared":
        context["shared_groups"] = [group_view(group, matrix) for group in model.shared.groups]
    elif kind == "coverage":
        context.update(coverage_context(model, lang, ui, href))
    elif kind == "home":
        context["questions"] = home_questions(model, ui)
    elif kind == "profile":
        context.update(profile_context(model, lang, ui, subject))
    elif kind == "changes":
        context["latest"] = latest_changes(model, lang)
        context["feed"] = feed_url()
    context["matrix_link"] = lambda slugs, topic_ids: matrix_link(href, slugs, topic_ids)
    context["profile_url"] = profile_url
    context["named"] = NAMED
    context["names"] = matrix.names
    context["shared_page"] = SHARED_PAGE
    return context
