"""Documents labelled by hand (tests/data/import): what the importer should make of each.

Each ``<name>.yml`` beside a document ``<name>.pdf|.docx|.odt|.txt|.html`` gives the municipality,
its language form, the title, the headings, and every paragraph and list item after the title in
order (by how it starts): prose, or a rule with its topics. The labels were written before the
importer was tuned on the documents. ``guidelines evaluate`` and the tests compare the import with
them: structure (title, headings, one block per item), rule or prose, topics.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from municipal_guidelines.importing.extract import extract
from municipal_guidelines.importing.fidelity import normalise
from municipal_guidelines.importing.structure import Block, decide_structure, raw_blocks
from municipal_guidelines.metrics import Counts
from municipal_guidelines.suggest.rule_or_prose import Accuracy, BlockExample, Context, RuleOrProse

DOCUMENT_SUFFIXES = (".pdf", ".docx", ".odt", ".txt", ".html")  # the first that exists is the document


@dataclass(frozen=True)
class Label:
    starts: str
    prose: bool
    topics: tuple[str, ...]


@dataclass(frozen=True)
class LabelledDocument:
    path: Path
    name: str
    lang: str
    title: str
    headings: tuple[str, ...]
    labels: tuple[Label, ...]
    held_out: bool = False  # labelled after the importer was tuned, run on it only to measure

    @property
    def slug(self) -> str:
        return self.path.stem


def load_labelled(folder: Path) -> list[LabelledDocument]:
    documents = []
    for labels in sorted(folder.glob("*.yml")):
        path = next((labels.with_suffix(s) for s in DOCUMENT_SUFFIXES if labels.with_suffix(s).exists()), None)
        if path is None:
            continue
        data = yaml.safe_load(labels.read_text(encoding="utf-8"))
        documents.append(
            LabelledDocument(
                path, data["name"], data["lang"], data["title"], tuple(data["headings"]),
                tuple(Label(b["starts"], bool(b.get("prose")), tuple(b.get("topics", ()))) for b in data["blocks"]),
                bool(data.get("held_out")),
            )
        )
    return documents


def document_text(path: Path) -> tuple[str, bool]:
    """The text the importer reads from the document, and whether it came from a document's own
    structure (Word, OpenDocument, PDF, HTML) rather than plain text."""
    raw = path.read_bytes()
    extracted = extract(raw)
    text = extracted.text if extracted else raw.decode("utf-8")
    return text.replace("\t", "    ").replace("\u00a0", " "), extracted is not None


def imported_blocks(document: LabelledDocument) -> list[Block]:
    """The blocks ``guidelines import`` makes of the document, title and headings decided."""
    text, structured = document_text(document.path)
    return decide_structure(raw_blocks(text), None, document.name, guess_headings=not structured)


def after_title(blocks: list[Block]) -> list[Block]:
    title = next((i for i, b in enumerate(blocks) if b.kind == "h" and b.level == 1), -1)
    return blocks[title + 1 :]


def structure_differences(document: LabelledDocument, blocks: list[Block]) -> list[str]:
    """How the import differs from the labels: title, headings, and the blocks after the title."""
    problems = []
    title = next((b.text for b in blocks if b.kind == "h" and b.level == 1), None)
    if title != document.title:
        problems.append(f"title: expected {document.title!r}, found {title!r}")
    rest = after_title(blocks)
    headings = tuple(b.text for b in rest if b.kind == "h")
    if headings != document.headings:
        problems.append(f"headings: expected {list(document.headings)}, found {list(headings)}")
    found = [normalise(b.text) for b in rest if b.kind in ("p", "li")]
    if len(found) != len(document.labels):
        problems.append(f"blocks: expected {len(document.labels)}, found {len(found)}")
    for index, (label, text) in enumerate(zip(document.labels, found)):
        if not text.startswith(label.starts):
            problems.append(f"block {index + 1}: expected it to start {label.starts!r}, found {text[:60]!r}")
            break
    return problems


def labelled_examples(document: LabelledDocument, blocks: list[Block]) -> list[tuple[BlockExample, Label]]:
    """The imported blocks after the title paired with their labels (by how each starts; blocks
    that match no label are left out, so structure errors show in ``structure_differences``)."""
    pairs, section, tracker = [], "", Context()
    labels = list(document.labels)
    for block in after_title(blocks):
        if block.kind == "h":
            section = block.text
            continue
        if block.kind not in ("p", "li"):
            continue
        text = normalise(block.text)
        previous, lead = tracker.see(text, block.kind, section)
        label = next((label for label in labels if text.startswith(label.starts)), None)
        if label is not None:
            labels.remove(label)
            example = BlockExample(document.slug, document.lang, text, block.kind, previous, section, not label.prose, lead)
            pairs.append((example, label))
    return pairs


@dataclass
class DocumentScores:
    """How the importer did on labelled documents."""

    documents: int = 0
    structure_right: int = 0
    problems: list[str] = field(default_factory=list)
    rule_or_prose: Accuracy = field(default_factory=Accuracy)
    topics: Counts = field(default_factory=Counts)
    misses: list[str] = field(default_factory=list)


def score_documents(documents: Iterable[LabelledDocument], rule_or_prose: RuleOrProse, suggest: Callable[[str], tuple[str, ...]]) -> DocumentScores:
    """Structure, rule or prose (every labelled block) and topics (every labelled rule, as the
    import suggests them) of the documents."""
    result = DocumentScores()
    for document in documents:
        blocks = imported_blocks(document)
        differences = structure_differences(document, blocks)
        result.documents += 1
        result.structure_right += not differences
        result.problems += [f"{document.path.name}: {d}" for d in differences]
        for example, label in labelled_examples(document, blocks):
            result.rule_or_prose.add(example.is_rule, rule_or_prose.is_rule(example))
            if label.prose:
                continue
            found, wanted = set(suggest(example.text)), set(label.topics)
            result.topics = result.topics.add(Counts(tp=len(found & wanted), fp=len(found - wanted), fn=len(wanted - found)))
            if found != wanted:
                result.misses.append(f"{document.path.name}: {' '.join(sorted(wanted))} → {' '.join(sorted(found)) or 'nothing'}: {example.text[:60]}")
    return result
