"""Unit tests of the pure model (parse, validate, build the matrix, export) without MkDocs."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from conftest import LANGS, ROOT
from municipal_guidelines.export import to_csv, to_json
from municipal_guidelines.format.errors import GuidelineError, GuidelineErrors
from municipal_guidelines.format.guideline import parse_guideline
from municipal_guidelines.model.matrix import build_matrix, sort_key
from municipal_guidelines.model.topics import load_topics
from municipal_guidelines.model.validate import check_topics, check_unique_ids, pair_translations
from municipal_guidelines.render.draft import SCRIPT_UI

TOPICS = load_topics(ROOT / "data" / "topics.yml")

FRONT = """---
municipality: Testby
municipality_number: "9999"
county: Testfylke
original_language: {orig}
document_title: "Retningslinjer"
adoption: ""
---
"""

BODY = """
# Retningslinjer

Innledning uten regel.
{ .prosa }

## Ansatte

- Taushetsplikten gjelder.
  { #testby-1 data-topics="taushetsplikt" }
- Svar på kommentarer
  { #testby-2 data-topics="svar-og-tone" }
    - Takk for skryt
      { #testby-3 data-topics="svar-og-tone" }

Ved kriser går all kommunikasjon via nettsiden.
{ #testby-4 data-topics="krisekommunikasjon" }
"""


def page(text: str, name: str = "testby.nb.md", orig: str = "nb"):
    return parse_guideline(FRONT.format(orig=orig) + text, Path(name))


def test_parse_reads_rules_with_ids_topics_text_and_lines() -> None:
    guideline = page(BODY)
    assert [(r.id, r.topics, r.kind) for r in guideline.rules] == [
        ("testby-1", ("taushetsplikt",), "li"),
        ("testby-2", ("svar-og-tone",), "li"),
        ("testby-3", ("svar-og-tone",), "li"),
        ("testby-4", ("krisekommunikasjon",), "p"),
    ]
    assert guideline.rules[0].text == "Taushetsplikten gjelder."
    assert guideline.rules[0].line == 17  # counted in the file, front matter included
    assert guideline.rules[0].section == "Ansatte"
    assert guideline.prose == 1
    assert guideline.meta.municipality_number == "9999" and guideline.is_original


@pytest.mark.parametrize(
    ("body", "line", "message"),
    [
        ("\nEn regel uten merking.\n", 10, "Avsnittet manglar merknad"),
        ("\n- Punkt\n", 10, "Listepunktet manglar merknad"),
        ("\n- Punkt\n  { #testby-1 }\n", 11, "verken kva tema regelen har"),
        ('\n- Punkt\n  { #testby-1 data-topics="" }\n', 11, "regelen har ingen tema"),
        ('\n- Punkt\n  { data-topics="bilete" }\n', 11, "regelen har ingen id"),
        ('\n- Se <b>dette</b>\n  { #testby-1 data-topics="bilete" }\n', 10, "HTML-kode"),
        ('\n- Punkt\n\n  { #testby-1 data-topics="bilete" }\n', 10, "Listepunktet manglar merknad"),
    ],
)
def test_parse_errors_name_the_line_and_what_to_fix(body: str, line: int, message: str) -> None:
    with pytest.raises((GuidelineError, GuidelineErrors)) as info:
        page(body)
    errors = info.value.errors if isinstance(info.value, GuidelineErrors) else [info.value]
    assert any(e.line == line and message in e.message for e in errors), [str(e) for e in errors]
    assert str(errors[0]).startswith("testby.nb.md:")


def test_front_matter_errors() -> None:
    with pytest.raises(GuidelineError, match="framsida manglar county"):
        parse_guideline(FRONT.format(orig="nb").replace("county: Testfylke\n", "") + BODY, Path("testby.nb.md"))
    with pytest.raises(GuidelineError, match="fire siffer") as info:
        parse_guideline(FRONT.format(orig="nb").replace('"9999"', "999") + BODY, Path("testby.nb.md"))
    assert info.value.line == 3
    with pytest.raises(GuidelineError, match="original_language.*må vere nb"):
        page(BODY, orig="se")
    with pytest.raises(GuidelineError, match="må byrje med ei framside"):
        parse_guideline(BODY, Path("testby.nb.md"))


def test_unknown_topic_and_duplicate_ids_are_reported() -> None:
    bad = page(BODY.replace('data-topics="taushetsplikt"', 'data-topics="taushet"'))
    errors = check_topics(bad, [t.id for t in TOPICS])
    assert len(errors) == 1 and "ukjend tema 'taushet'" in errors[0].message and errors[0].line == 17
    twice = page(BODY.replace("#testby-2", "#testby-1"))
    errors = check_unique_ids([twice])
    assert len(errors) == 1 and "id-en 'testby-1' er alt brukt i testby.nb.md:17" in errors[0].message


def test_translation_must_carry_the_same_rules() -> None:
    original = page(BODY)
    translation = page(BODY.replace("#testby-4", "#testby-5"), name="testby.nn.md")
    _, errors = pair_translations([original, translation])
    assert len(errors) == 1
    assert "manglar testby-4" in errors[0].message and "har i tillegg testby-5" in errors[0].message
    _, errors = pair_translations([original])
    assert "omsetjinga kommunar/testby.nn.md manglar" in errors[0].message


def test_matrix_has_cells_gaps_coverage_and_original_text() -> None:
    original = page(BODY)
    translation = page(BODY.replace("Taushetsplikten gjelder.", "Teieplikta gjeld."), name="testby.nn.md")
    other = parse_guideline(
        FRONT.format(orig="nn").replace("Testby", "Åby").replace("9999", "9998") + "\nBilete krev samtykke.\n{ #aby-1 data-topics=\"bilete\" }\n",
        Path("aby.nn.md"),
    )
    other_nb = parse_guideline(
        FRONT.format(orig="nn").replace("Testby", "Åby").replace("9999", "9998") + "\nBilder krever samtykke.\n{ #aby-1 data-topics=\"bilete\" }\n",
        Path("aby.nb.md"),
    )
    by_slug, errors = pair_translations([original, translation, other, other_nb])
    assert not errors
    matrix = build_matrix(by_slug, TOPICS, "nn")
    assert [c.municipality for c in matrix.columns] == ["Testby", "Åby"]  # å sorts last
    cell = matrix.cell("taushetsplikt", "testby")
    assert [(e.rule_id, e.text, e.original_text, e.is_translation) for e in cell] == [
        ("testby-1", "Teieplikta gjeld.", "Taushetsplikten gjelder.", True)
    ]
    assert matrix.cell("taushetsplikt", "aby") == ()
    assert matrix.covered("svar-og-tone") == 1 and matrix.covered("bilete") == 1 and matrix.covered("sletting") == 0
    assert cell[0].url == "kommunar/testby/#testby-1"
    assert [e.rule_id for e in matrix.entries] == ["testby-1", "testby-2", "testby-3", "testby-4", "aby-1"]


def test_exports_have_one_row_per_rule() -> None:
    original = page(BODY)
    by_slug, _ = pair_translations([original, page(BODY, name="testby.nn.md")])
    matrix = build_matrix(by_slug, TOPICS, "nb")
    document = json.loads(to_json(matrix, "https://example.org/"))
    assert [r["rule_id"] for r in document["rules"]] == ["testby-1", "testby-2", "testby-3", "testby-4"]
    assert document["rules"][0]["url"] == "https://example.org/kommunar/testby/#testby-1"
    lines = to_csv(matrix, "").splitlines()
    assert lines[0].startswith("municipality,municipality_number,county,rule_id,topics,text")
    assert len(lines) == 5 and "testby-2" in lines[2]


def test_norwegian_sort_order() -> None:
    assert sorted(["Åfjord", "Øyer", "Ålesund", "Aremark", "Ærøy", "Zeta"], key=sort_key) == [
        "Aremark", "Zeta", "Ærøy", "Øyer", "Åfjord", "Ålesund"
    ]


def test_taxonomy_rejects_a_label_broken_by_an_unquoted_comma(tmp_path: Path) -> None:
    bad = tmp_path / "topics.yml"
    bad.write_text(
        "topics:\n  - id: lov\n    label: {nb: Lover, opphavsrett og ansvar, nn: Lover}\n"
        "    description: {nb: a, nn: b}\n",
        encoding="utf-8",
    )
    with pytest.raises(GuidelineError, match="i tillegg til nb og nn; set tekst med komma i hermeteikn"):
        load_topics(bad)


def test_every_interface_string_is_used_and_exists_in_both_forms() -> None:
    """data/ui.yml holds the strings the templates, hooks and scripts use: the same keys in nb and
    nn, and none that nothing uses (a key left behind is text nobody maintains)."""
    ui = yaml.safe_load((ROOT / "data" / "ui.yml").read_text(encoding="utf-8"))
    assert set(ui) == set(LANGS) and ui["nb"].keys() == ui["nn"].keys()
    code = "\n".join(
        path.read_text(encoding="utf-8")
        for folder, pattern in (("overrides", "*.html"), ("src", "*.py"), ("hooks", "*.py"), ("docs/assets", "*.js"))
        for path in (ROOT / folder).rglob(pattern)
    )
    unused = [key for key in ui["nb"] if not re.search(rf"ui\.{key}\b|ui\[[\"']{key}[\"']\]", code)]
    assert unused == []


def test_the_draft_script_gets_exactly_the_strings_it_shows() -> None:
    """render/draft.py hands draft.js the strings it uses (ui.<key> in the script and in
    draft-markdown.js, which it hands its settings), and no others."""
    script = "".join((ROOT / "docs" / "assets" / "javascripts" / name).read_text(encoding="utf-8") for name in ("draft.js", "draft-markdown.js"))
    assert set(re.findall(r"\bui\.(\w+)", script)) == set(SCRIPT_UI)


def test_a_topics_search_words_hold_both_forms_and_its_keywords_taken_apart() -> None:
    topics = {t.id: t for t in load_topics(ROOT / "data" / "topics.yml")}
    bilete = topics["bilete"]
    assert {"bilder", "bilete", "personer", "personar", "samtykke", "identifiser"} <= set(bilete.search_words)
    assert not {"|", "+", "av", "og"} & set(bilete.search_words), bilete.search_words  # notation and short words out
    assert len(bilete.search_words) == len(set(bilete.search_words))
    names = topics["kontakt-brukarar"].name_words
    assert {"brukere", "brukarar", "venneforespørsel", "venneførespurnad"} <= set(names)
    assert "klient" not in names, "a keyword is not a name of the topic"
    sletting = topics["sletting"]  # synonyms: moderering, skjule innlegg, …
    assert "moderering" in sletting.name_words and "innlegg" not in sletting.name_words
    assert ["skjule", "innlegg"] in sletting.name_phrases


def test_rule_topics_give_each_rule_its_topics_by_position_in_digits_only() -> None:
    from municipal_guidelines.site.search import rule_topics

    topics = load_topics(ROOT / "data" / "topics.yml")
    position = {t.id: i for i, t in enumerate(topics)}
    page = ROOT / "docs" / "kommunar" / "loten.nb.md"
    guideline = parse_guideline(page.read_text(encoding="utf-8"), page)
    meta = rule_topics(guideline, topics)
    assert re.fullmatch(r"[0-9:. ]+", meta), meta
    entries = dict(entry.split(":") for entry in meta.split())
    assert len(entries) == len(guideline.rules)
    five = next(r for r in guideline.rules if r.id == "loten-5")
    assert entries["5"] == ".".join(str(position[t]) for t in five.topics)


def test_the_other_forms_words_map_to_this_forms_by_the_topic_labels() -> None:
    from municipal_guidelines.site.search import other_form_words

    topics = load_topics(ROOT / "data" / "topics.yml")
    on_nynorsk = other_form_words(topics, "nn", "nb")
    assert on_nynorsk["taushetsplikt"] == "teieplikt" and on_nynorsk["bilder"] == "bilete", on_nynorsk
    on_bokmal = other_form_words(topics, "nb", "nn")
    assert on_bokmal["teieplikt"] == "taushetsplikt" and on_bokmal["ytringsfridom"] == "ytringsfrihet", on_bokmal
    assert "personvern" not in on_nynorsk and "og" not in on_nynorsk, "a word both forms share is no pair"


def test_a_rules_text_is_what_a_reader_sees_without_its_markdown() -> None:
    """Issue #22: the matrix and topic pages quoted a rule's link as «[tekst](https://…)»: every
    page but the guideline's quotes ``Rule.text``, so it holds the text without Markdown."""
    from municipal_guidelines.format.guideline import parse_guideline, plain_text

    assert plain_text("Sjå [Datatilsynet](https://www.datatilsynet.no/) og *merk* dette.") == "Sjå Datatilsynet og merk dette."
    assert plain_text("Skriv til <mailto:post@x.no> eller <https://x.no/>, **aldri** `#x`.") == "Skriv til post@x.no eller https://x.no/, aldri #x."
    # escaped marks stay as text; a word with underscores is no emphasis
    assert plain_text(r"Eit \*stjerneord\*, e_post_adresse og \[ikkje lenkje\](x) &amp; meir.") == "Eit *stjerneord*, e_post_adresse og [ikkje lenkje](x) & meir."
    page = (ROOT / "docs" / "kommunar" / "alta.nb.md").read_text(encoding="utf-8")
    line = next(line for line in page.splitlines() if line.startswith("- Husk at det som blir skrevet er permanent."))
    linked = page.replace(line, line.replace("permanent.", "permanent, se [Datatilsynet](https://www.datatilsynet.no/)."), 1)
    rule = next(r for r in parse_guideline(linked, ROOT / "docs" / "kommunar" / "alta.nb.md").rules if "Datatilsynet" in r.text)
    assert rule.text.startswith("Husk at det som blir skrevet er permanent, se Datatilsynet.") and "](" not in rule.text


def test_markdown_taken_away_never_makes_a_character_reference() -> None:
    """Hostile review: «&`lt`;script&`gt`;» passed the page checker (no reference in it) and
    became «<script>» once the code marks were gone; references are resolved first now."""
    from municipal_guidelines.format.guideline import plain_text

    assert plain_text("&`lt`;script&`gt`; og &*#x202E*; og &_lt_;") == "&lt;script&gt; og &#x202E; og &lt;"
