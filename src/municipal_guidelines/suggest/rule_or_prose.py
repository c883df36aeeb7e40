"""Rule or prose: whether a block of a guideline states a rule, learned from the annotated pages.

Every paragraph and list item of a page a person has reviewed is an example: a rule (it carries an
id and topics) or prose (``{ .prosa }``). The model is a logistic regression on what a person
reading the block would look at, in bokmål and nynorsk alike:

- does it open with an imperative (``Vær``, ``Ver``, ``Husk``, ``Hugs``, ``Ikke``, ``Ikkje`` …),
  or hold ``skal``, ``må``, ``bør``, ``ikke``/``ikkje``, ``aldri``, ``unngå``;
- does it end in ``:`` (a label that introduces a list: ``Hovedkontoer:``, ``Vi er på Facebook
  for å:``), or in no punctuation at all, being short (an account name, a purpose, a heading);
- does it open with an infinitive and hold no modal verb (``Fortelle de gode historiene …``,
  ``Dele bilder …``: a purpose), or name a platform in parentheses or give a web address or an
  account handle;
- does it stand in a list introduced by a line ending in ``for å:`` or a label, or before the
  first heading (introductions);
- how long it is, whether it speaks to ``du``/``vi``/the employees.

Used by ``guidelines import`` (a block is a rule when the model says so and it has a topic) and
measured by ``guidelines evaluate`` (leave one municipality out, and on the labelled documents of
tests/data/import).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from municipal_guidelines.format import grammar
from municipal_guidelines.format.guideline import PROSE_CLASS
from municipal_guidelines.suggest.threads import one_blas_thread

IMPERATIVES = frozenset(
    """
    vær ver bruk husk hugs tenk unngå ikke ikkje aldri svar del send sjekk skriv pass sørg gjør gjer
    rett sei si ta legg vis hold meld kontakt les presiser vurder be gi gje still lag spør tilpass
    respekter ha la ver bli hjelp følg følgj merk opptre uttal informer avklar kommenter publiser
    slett skjul fjern moderer svar rapporter varsle varsl sett set velg vel start opprett
    """.split()
)
MODALS = re.compile(r"\b(?:skal|må|bør|burde|ikke|ikkje|aldri|unngå|forbode|forbudt|krev|krever|kreves|krevst|ansvar|ansvarleg|ansvarlig)\b", re.IGNORECASE)
PERSONS = re.compile(r"\b(?:du|deg|din|ditt|dine|vi|oss|ansatte|tilsette|medarbeidere|medarbeidarar|folkevalgte|folkevalde)\b", re.IGNORECASE)
PURPOSE_LABEL = re.compile(r"\b(?:for å|formål|føremål|hensikt|føremålet|formålet)\b[^.!?]*:?$", re.IGNORECASE)
ADDRESS = re.compile(r"https?://|www\.|@\w|\.no\b|\.com\b", re.IGNORECASE)
# The guideline speaking of itself ("Retningslinene gjeld alle tilsette", "Spørsmål om retningslinjene …"): scope and contact, prose.
ABOUT_ITSELF = re.compile(r"\bretningslin(?:j)?(?:e|a|en|er|ene|ane)?\b", re.IGNORECASE)
PLATFORM_NOTE = re.compile(r"^[A-ZÆØÅ][\w-]*\s*[(:]")  # "YouTube (visning og deling …)", "Facebook: …"
_WORD = re.compile(r"[^\W\d_]+")
# "Vedtatt av kommunestyret 12.03.2024, sak 41/24", "Godkjent av kommunedirektøren 20.01.2025", "Sist revidert …"
ADOPTED = re.compile(r"\b(?:vedtatt|vedteke|vedteken|vedtak|godkjent|godkjend|revidert|oppdatert|sist endra|sist endret)\b", re.IGNORECASE)
# "Har du spørsmål om retningslinjene, kontakt …", "Spørsmål om retningslinene kan rettast til …"
CONTACT_NOTE = re.compile(r"\bspørsmål (?:om|til) (?:retningslinjene|retningslinene|retningslinja|retningslinjen|desse|disse)\b", re.IGNORECASE)
# A section that introduces the guideline: its paragraphs say why, not what to do
INTRODUCTION = re.compile(r"^(?:\d+\.?\s+)?(?:innledning|innleiing|bakgrunn|formål|føremål|hensikt|om retningslinjene|om retningslinene)\b", re.IGNORECASE)
MAX_NOTE_WORDS = 20
C = 3.0  # inverse regularisation, chosen leave one municipality out (benchmarks/suggester.md)


@dataclass(frozen=True)
class BlockExample:
    """One paragraph or list item with what stands around it, and whether it is a rule."""

    slug: str
    lang: str
    text: str
    kind: str  # "p" or "li"
    previous: str  # the text of the block before it ("" at the start)
    section: str  # the heading above it ("" before the first heading)
    is_rule: bool
    lead: str = ""  # for a list item: the paragraph right before its list ("" if none)


def features(example: BlockExample) -> list[float]:
    """What a person looks at to tell a rule from prose, as numbers."""
    text = example.text.strip()
    words = _WORD.findall(text)
    first = words[0].casefold() if words else ""
    modal = bool(MODALS.search(text))
    end = text[-1:] if text else ""
    previous = example.previous.strip()
    infinitive = first.endswith("e") and first not in IMPERATIVES and len(first) > 3 and not modal
    return [
        float(first in IMPERATIVES),
        float(modal),
        float(end == ":"),
        float(end not in ".!?:;)" and len(words) <= 8),
        float(end not in ".!?:;" ),
        float(infinitive and example.kind == "li"),
        float(bool(ADDRESS.search(text))),
        float(bool(PLATFORM_NOTE.match(text)) and not modal),
        float(previous.endswith(":")),
        float(bool(PURPOSE_LABEL.search(example.lead)) and example.lead.rstrip().endswith(":")),
        float(example.section == ""),
        float(example.kind == "li"),
        float(bool(PERSONS.search(text))),
        min(len(words), 60) / 60,
        float(len(words) <= 4),
        float(text.count(". ") >= 1),
        float(bool(ABOUT_ITSELF.search(text)) and first not in IMPERATIVES),
    ]


FEATURE_NAMES = (
    "imperative", "modal", "ends in ':'", "short, no end punctuation", "no end punctuation", "infinitive item",
    "web address or handle", "platform and a note", "after a line ending in ':'", "after a purpose label",
    "before the first heading", "list item", "du/vi/the employees", "length", "four words or fewer",
    "several sentences", "the guideline speaks of itself",
)


def page_examples(text: str, slug: str, lang: str) -> list[BlockExample]:
    """Every annotated block of a page's text in order, rule or prose."""
    outline = grammar.blocks(grammar.parse(text))
    examples: list[BlockExample] = []
    tracker = Context()
    for block in outline.blocks:
        if block.annotation is None:
            continue
        attributes = block.annotation.attributes or ""
        is_prose = f".{PROSE_CLASS}" in attributes.split()
        previous, lead = tracker.see(block.text, block.kind, block.section)
        examples.append(BlockExample(slug, lang, block.text, block.kind, previous, block.section, not is_prose, lead))
    return examples


class Context:
    """The block before each block, and the paragraph that leads into a list, as blocks come in order."""

    def __init__(self) -> None:
        self.previous, self.lead, self.section, self.kind = "", "", None, ""

    def see(self, text: str, kind: str, section: str) -> tuple[str, str]:
        """(previous block's text, lead of the list) for a block; then remembers it."""
        if section != self.section:
            self.previous, self.lead, self.kind, self.section = "", "", "", section
        if kind == "li" and self.kind == "p":
            self.lead = self.previous
        elif kind == "p":
            self.lead = ""
        found = (self.previous, self.lead if kind == "li" else "")
        self.previous, self.kind = text, kind
        return found


def reviewed_block_examples(docs_dir: Path, strict: bool = True) -> list[BlockExample]:
    """The blocks of every guideline page a person has reviewed, in both language forms (with
    ``strict``, SystemExit listing the problems if a page cannot be read; without it, such a page
    teaches nothing and is the build's business)."""
    from municipal_guidelines.model.site import read_guidelines
    from municipal_guidelines.suggest.training import readable_guidelines

    guidelines = readable_guidelines(docs_dir) if strict else read_guidelines(docs_dir)[0]
    examples: list[BlockExample] = []
    for guideline in sorted(guidelines, key=lambda g: (g.slug, g.lang)):
        if guideline.meta.review:
            continue
        path = docs_dir / "kommunar" / f"{guideline.slug}.{guideline.lang}.md"
        examples += page_examples(path.read_text(encoding="utf-8"), guideline.slug, guideline.lang)
    return examples


def prose_shape(example: BlockExample) -> str | None:
    """Why a block is prose by its shape alone, whatever the model says (None: ask the model):
    a label ending in ``:`` with no modal verb (``Hovedkontoer:``), an item in a list of purposes
    (after ``… for å:``), a name, address or platform without a verb (``Facebook``,
    ``YouTube (visning og deling av videoklipp)``, ``Alta kommune``), a short note of when it was
    adopted (``Godkjent av kommunedirektøren 20.01.2025``) or of whom to ask about it, or a
    paragraph without a modal verb or an imperative under an introduction's heading (Innledning,
    Formål, Bakgrunn). The annotated pages hold too few of these for the model to learn them."""
    text = example.text.strip()
    words = _WORD.findall(text)
    first = words[0].casefold() if words else ""
    modal = bool(MODALS.search(text))
    if text.endswith(":") and not modal and ". " not in text:
        return "a label that introduces a list"
    lead = example.lead.strip()
    if example.kind == "li" and lead.endswith(":") and PURPOSE_LABEL.search(lead) and not modal:
        return "an item in a list of purposes"
    if not modal and first not in IMPERATIVES and not text.endswith((".", "!", "?")) and (
        ADDRESS.search(text) or PLATFORM_NOTE.match(text) or len(words) <= 3
    ):
        return "a name, address or platform"
    if example.kind == "p" and len(words) <= MAX_NOTE_WORDS and ADOPTED.search(text) and re.search(r"\d", text) and not modal:
        return "a note of when and by whom it was adopted"
    if example.kind == "p" and len(words) <= MAX_NOTE_WORDS and CONTACT_NOTE.search(text):
        return "a note of whom to ask about the guideline"
    if example.kind == "p" and INTRODUCTION.match(example.section.strip()) and not modal and first not in IMPERATIVES:
        return "a paragraph of the introduction"
    return None


class RuleOrProse:
    """The learned rule-or-prose model (scikit-learn, imported when one is made), after the
    shapes that are prose whatever it says (``prose_shape``)."""

    def __init__(self, examples: Sequence[BlockExample]) -> None:
        from sklearn.linear_model import LogisticRegression

        rows = [features(e) for e in examples]
        labels = [e.is_rule for e in examples]
        self.constant = labels[0] if len(set(labels)) < 2 else None
        self.model = None
        if self.constant is None:
            with one_blas_thread():
                self.model = LogisticRegression(C=C, max_iter=2000).fit(rows, labels)

    def probability(self, example: BlockExample, shape: str | None = "") -> float:
        """How likely the block is a rule (``shape``: its ``prose_shape`` when the caller has it)."""
        if (prose_shape(example) if shape == "" else shape):
            return 0.0
        if self.model is None:
            return 1.0 if self.constant else 0.0
        # predict_proba's logistic, without scikit-learn's checks on every one of thousands of blocks
        decision = float(np.dot(self.model.coef_[0], features(example)) + self.model.intercept_[0])
        return float(1.0 / (1.0 + np.exp(-decision)))

    def is_rule(self, example: BlockExample) -> bool:
        return self.probability(example) >= 0.5


@dataclass
class Accuracy:
    correct: int = 0
    total: int = 0
    prose_as_rule: int = 0
    rule_as_prose: int = 0

    @property
    def value(self) -> float:
        return self.correct / self.total if self.total else 1.0

    def add(self, expected: bool, found: bool) -> None:
        self.total += 1
        self.correct += int(expected == found)
        self.prose_as_rule += int(found and not expected)
        self.rule_as_prose += int(expected and not found)


def leave_one_out(examples: Sequence[BlockExample]) -> Accuracy:
    """Each municipality's blocks told apart by a model made without it."""
    accuracy = Accuracy()
    for held_out in sorted({e.slug for e in examples}):
        model = RuleOrProse([e for e in examples if e.slug != held_out])
        for example in (e for e in examples if e.slug == held_out):
            accuracy.add(example.is_rule, model.is_rule(example))
    return accuracy


def accuracy_on(model: RuleOrProse, examples: Iterable[BlockExample]) -> Accuracy:
    accuracy = Accuracy()
    for example in examples:
        accuracy.add(example.is_rule, model.is_rule(example))
    return accuracy
