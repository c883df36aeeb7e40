"""The annotated rules the topic suggester learns from and is measured against."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from municipal_guidelines.format.guideline import Guideline
from municipal_guidelines.model.site import read_guidelines


@dataclass(frozen=True)
class Example:
    """One annotated rule in one language form."""

    slug: str
    lang: str
    rule_id: str
    text: str
    topics: tuple[str, ...]


def reviewed_examples(guidelines: Iterable[Guideline]) -> list[Example]:
    """Every rule of every page whose topics a person has reviewed, in both language forms."""
    return [
        Example(g.slug, g.lang, rule.id, rule.text, rule.topics)
        for g in sorted(guidelines, key=lambda g: (g.slug, g.lang))
        if not g.meta.review
        for rule in g.rules
    ]


def readable_guidelines(docs_dir: Path) -> list[Guideline]:
    """Every guideline page under ``docs_dir``; SystemExit listing the problems if one cannot be read."""
    pages, errors, _ = read_guidelines(docs_dir)
    guidelines = [g for g in pages if not g.version]  # earlier versions teach nothing the current ones do not
    if errors:
        raise SystemExit("sidene kan ikkje lesast:\n" + "\n".join(str(e) for e in errors))
    return guidelines


def load_examples(docs_dir: Path) -> list[Example]:
    return reviewed_examples(readable_guidelines(docs_dir))


def training_examples(docs_dir: Path) -> list[Example]:
    """The reviewed rules of the guideline pages that can be read (a broken page teaches nothing,
    and is the build's business)."""
    guidelines, _, _ = read_guidelines(docs_dir)
    return reviewed_examples(g for g in guidelines if not g.version)
