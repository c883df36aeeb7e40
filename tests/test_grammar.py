"""The one page grammar (``format.grammar``): it reads what it writes, keeps every byte it reads,
and classifies lines as Python-Markdown renders them, for the build, the importer and the translator."""

from __future__ import annotations

import re
from pathlib import Path

import markdown
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from conftest import ROOT
from municipal_guidelines.format import grammar
from municipal_guidelines.format.guideline import check_text_line, parse_guideline, read_page
from municipal_guidelines.importing.page import html_text

COMMITTED = sorted((ROOT / "docs").rglob("*.md"))
PROPERTY = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Words as people write them in guidelines, with the characters Markdown gives a meaning to.
WORD = st.text(
    alphabet=st.sampled_from(list("abcæøåÆØÅ0123456789.,:;!?()[]{}#*_`\\<>&+-–«»@/'\"")),
    min_size=1,
    max_size=12,
)
WORDS = st.lists(WORD, min_size=1, max_size=8).map(" ".join)
# ... and lines that start like Markdown syntax
TEXT = st.one_of(WORDS, st.builds(str.__add__, st.sampled_from(["- ", "* ", "+ ", "1. ", "# ", "---", "***", "> ", "{ #x }", "!!! "]), WORDS))
RULE_ID = st.from_regex(r"[a-z]{1,6}-[1-9][0-9]{0,2}", fullmatch=True)
TOPICS = st.lists(st.sampled_from(["bilete", "taushetsplikt", "kontakt-brukarar", "krisekommunikasjon"]), min_size=1, max_size=3, unique=True)
ANNOTATION = st.one_of(st.just(".prosa"), st.builds(lambda i, t: f'#{i} data-topics="{" ".join(t)}"', RULE_ID, TOPICS))


@st.composite
def blocks(draw: st.DrawFn) -> list[tuple[str, str, str]]:
    """(kind, text, annotation) per block: headings, paragraphs, and lists of items."""
    result = []
    for _ in range(draw(st.integers(1, 8))):
        kind = draw(st.sampled_from(["h", "p", "-", "1."]))
        result.append((kind, draw(TEXT), "" if kind == "h" else draw(ANNOTATION)))
    return result


def page_of(front: dict[str, str], parts: list[tuple[str, str, str]]) -> grammar.Page:
    """A page written with the grammar's constructors, the way the importer writes one."""
    body: list[grammar.Line] = [grammar.blank()]
    previous = ""
    for kind, text, annotation in parts:
        if body[-1].kind != "blank" and not (kind in ("-", "1.") and kind == previous):
            body.append(grammar.blank())
        if kind == "h":
            body.append(grammar.heading(2, grammar.escape(text)))
        elif kind == "p":
            body += [grammar.text_line(grammar.escape(text)), grammar.annotation(annotation)]
        else:
            item = grammar.item(kind, grammar.escape(text))
            body += [item, grammar.annotation(annotation, item.content_column)]
        previous = kind
    return grammar.Page(grammar.front_matter(front, quoted=front), (*body, grammar.blank()))


def shown_text(html: str) -> str:
    """The text a browser shows (the importer's reading: html.parser, not BeautifulSoup, which
    drops the ";" of a non-reference like "&a;")."""
    return " ".join(html_text(html).split())


def rendered_text(markdown_text: str) -> str:
    return shown_text(markdown.markdown(markdown_text, extensions=["attr_list"]))


@pytest.mark.parametrize("path", COMMITTED, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_committed_page_round_trips_byte_for_byte(path: Path) -> None:
    raw = path.read_bytes()
    assert grammar.write(grammar.parse(raw.decode("utf-8"))).encode("utf-8") == raw


def test_a_byte_order_mark_and_crlf_line_ends_are_kept_and_do_not_change_the_reading() -> None:
    text = (ROOT / "docs" / "kommunar" / "loten.nb.md").read_text(encoding="utf-8")
    odd = "\ufeff" + text.replace("\n", "\r\n")
    page = grammar.parse(odd)
    assert page.bom and grammar.write(page) == odd
    plain = grammar.parse(text)
    assert [line.kind for line in page.body] == [line.kind for line in plain.body]
    assert [line.text for line in page.body] == [line.text for line in plain.body]
    assert page.front_matter is not None and page.front_matter.data == plain.front_matter.data


@PROPERTY
@given(st.text())
def test_any_text_round_trips(text: str) -> None:
    try:
        page = grammar.parse(text)
    except grammar.FrontMatterError:
        assert text.removeprefix("\ufeff").split("\n", 1)[0].rstrip(" \t\r") == "---"
        return
    assert grammar.write(page) == text


@PROPERTY
@given(
    st.fixed_dictionaries({"municipality": TEXT, "document_title": TEXT, "adoption": st.text(max_size=40)}),
    blocks(),
)
def test_parse_of_write_is_the_page(front: dict[str, str], parts: list[tuple[str, str, str]]) -> None:
    page = page_of(front, parts)
    again = grammar.parse(grammar.write(page))
    assert again == page
    assert again.front_matter is not None and again.front_matter.data == front
    found = grammar.blocks(again)
    expected = [(kind, annotation) for kind, _, annotation in parts if kind != "h"]
    assert [("p" if kind == "p" else block.kind, block.annotation.attributes) for block, (kind, _) in zip(found.blocks, expected)] == [
        ("p" if kind == "p" else "li", annotation) for kind, annotation in expected
    ]
    assert len(found.blocks) == len(expected) and not found.stray_annotations


@PROPERTY
@given(TEXT)
def test_escaped_text_renders_as_exactly_that_text(text: str) -> None:
    """What the importer writes for a line of text is read as text by the grammar and shown as
    that text by Python-Markdown: no heading, list, emphasis, link or attribute made of it. (A tag
    or a character reference is refused, not escaped: the page grammar's checks report its line.)"""
    assume(not check_text_line(text, 1, "x"))
    line = grammar.text_line(grammar.escape(text))
    assert line.kind == "text"
    assert " ".join(rendered_text(line.raw).split()) == " ".join(text.split())


def test_the_build_reads_every_committed_guideline_through_the_grammar() -> None:
    guidelines = sorted((ROOT / "docs" / "kommunar").glob("*.*.md"))
    guidelines = [path for path in guidelines if not path.name.startswith("index.")]
    assert len(guidelines) == 10
    for path in guidelines:
        guideline = parse_guideline(read_page(path, path.name), path)
        page = grammar.parse(path.read_text(encoding="utf-8"))
        outline = grammar.blocks(page)
        annotated = [block for block in outline.blocks if block.annotation and "data-topics" in (block.annotation.attributes or "")]
        assert [rule.line for rule in guideline.rules] == [block.line for block in annotated]
        assert guideline.prose == len(outline.blocks) - len(annotated)


@PROPERTY
@given(TEXT)
def test_an_escaped_heading_renders_as_exactly_that_text(text: str) -> None:
    """``## C#`` must keep its "#": the importer writes ``## C\\#`` and the grammar reads it so."""
    assume(not check_text_line(text, 1, "x"))
    line = grammar.heading(2, grammar.escape(text))
    assert line.kind == "heading" and line.text == grammar.escape(text).strip()
    assert shown_text(markdown.markdown(line.raw)) == " ".join(text.split())


@PROPERTY
@given(st.text(max_size=30), st.sampled_from(["", "'", '"']))
def test_a_yaml_value_in_any_quoting_style_reads_back(value: str, style: str) -> None:
    import yaml

    assert yaml.safe_load(f"k: {grammar.yaml_scalar(value, style)}") == {"k": value}


@PROPERTY
@given(TEXT)
def test_escaped_heading_text_renders_as_exactly_that_heading(text: str) -> None:
    """A heading the importer writes («1. Formål» from a Word document's numbering) is a heading of
    exactly that text, without the backslash a line of text needs at its start («1\\. Formål» was
    written, and read back so by the grammar)."""
    assume(not check_text_line(text, 1, "x") and text.strip())
    escaped = grammar.escape(text, line_start=False)
    line = grammar.heading(2, escaped)
    assert line.kind == "heading"
    html = markdown.markdown(line.raw, extensions=["attr_list"])
    assert html.startswith("<h2") and " ".join(shown_text(html).split()) == " ".join(text.split())
    if re.match(r"\d+\. ", text):
        assert escaped.startswith(text.split(" ")[0])  # no backslash after the number
