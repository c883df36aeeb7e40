"""Guidelines in the shapes municipalities publish them (tests/data/import, written for the project
and labelled by hand): structure, the structure check, rule or prose, topics without substrings."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from municipal_guidelines.importing.labelled import (
    document_text,
    imported_blocks,
    labelled_examples,
    load_labelled,
    structure_differences,
)
from municipal_guidelines.importing.structure import decide_structure, raw_blocks
from municipal_guidelines.importing.structure_check import check_pages, page_problems, source_problems, title_problems

ROOT = Path(__file__).resolve().parents[1]
LABELLED = ROOT / "tests" / "data" / "import"
DOCUMENTS = {d.slug: d for d in load_labelled(LABELLED)}
SHAPES = {  # slug -> the shape it stands for (each a different way municipalities publish)
    "nordvik": "web copy, no blank lines, • items, labels ending in ':', unmarked account list",
    "fjellbygd": "nynorsk web copy, no blank lines, 1. and – items, a) list after ':'",
    "sjostrand": "blank lines between sections only, letterhead, * and - items, unmarked lists",
    "elvedal": "HTML page with nav and footer",
    "skogli": "Word document with its own styles",
    "bakken": "PDF printed by a browser: bullet glyphs, hanging indents, wrapped items",
    "havnes": "web copy, no blank lines, • purposes, a 'Hovedkonto:' label, 1) and - items (held out)",
    "lia": "nynorsk HTML page with a header outside main (held out)",
    "storevik": "nynorsk web copy, a question as a heading, – items, unmarked rules, a) items (held out)",
    "torvmo": "bokmål HTML page with breadcrumbs, an ingress, <ul> and <ol> (held out)",
    "asen": "nynorsk PDF of an HTML page printed by a browser: bullets drawn, not written; numbered headings (held out)",
    "vikdal": "Word without styles: a bold first line as title, bold headings, typed • and 1. (held out)",
    "gran": "Word exported to PDF: a page header and «Side 1 av 2» footer, numbered headings, «2.1» paragraphs with hanging indents, soft hyphens (held out)",
    "moen": "nynorsk copied out of a PDF viewer: lines broken mid-sentence, «Side 1 av 2» and the letterhead between items, a hyphen at a line end (held out)",
    "haug": "bokmål page from a publishing system: <details> sections, a bold line and <br> as a heading, <br>-separated rules, «Sist oppdatert» and share links (held out)",
    "lund": "Word with styles, the rules in a two-column table «Tema» | «Slik gjør vi det» between paragraphs (held out)",
    "dalen": "web copy beginning with the page's table of contents, «Les også» links and «Sist endret» at its end (held out)",
    "rosvik": "nynorsk copied out of a Word PDF: symbol-font bullets as «q», «Ø» and U+F0B7, numbered headings without a full stop (held out)",
}


def run_import(*args: str | Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "municipal_guidelines", "import", *map(str, args)], capture_output=True, text=True, cwd=ROOT)


def test_every_shape_has_a_labelled_document() -> None:
    assert sorted(DOCUMENTS) == sorted(SHAPES)
    suffixes = {d.path.suffix for d in DOCUMENTS.values()}
    assert {".txt", ".html", ".docx", ".pdf"} <= suffixes, suffixes


@pytest.mark.parametrize("slug", sorted(SHAPES))
def test_every_shape_keeps_its_title_headings_and_one_block_per_item(slug: str) -> None:
    document = DOCUMENTS[slug]
    assert structure_differences(document, imported_blocks(document)) == []


@pytest.mark.parametrize("slug", sorted(SHAPES))
def test_the_structure_check_passes_every_shape_imported_right(slug: str) -> None:
    document = DOCUMENTS[slug]
    text, _ = document_text(document.path)
    assert source_problems(imported_blocks(document), text) == []


def test_text_without_blank_lines_keeps_items_headings_and_labels_apart() -> None:
    text = (
        "Retningslinjer for sosiale medier\nKontoer\nHovedkontoer:\n• Facebook\n• Instagram\n"
        "Når du svarer\n– Svar innen to dager.\n– Vær høflig.\nDette betyr at:\na) du svarer selv\nb) du signerer\n"
    )
    blocks = decide_structure(raw_blocks(text), None, "Testvik")
    found = [(b.kind, b.level, b.text) for b in blocks]
    assert found == [
        ("h", 1, "Retningslinjer for sosiale medier"), ("h", 2, "Kontoer"), ("p", 0, "Hovedkontoer:"),
        ("li", 0, "Facebook"), ("li", 0, "Instagram"), ("h", 2, "Når du svarer"), ("li", 0, "Svar innen to dager."),
        ("li", 0, "Vær høflig."), ("p", 0, "Dette betyr at:"), ("li", 0, "du svarer selv"), ("li", 0, "du signerer"),
    ]


def test_a_short_question_with_text_after_it_is_a_heading_and_a_question_rule_is_not() -> None:
    text = (
        "Retningslinjer for sosiale medier\nHvorfor har vi retningslinjer?\nMange ansatte bruker sosiale medier.\n"
        "Når du skriver privat\n- Er du i tvil om noe kan publiseres, eller om det kan skade kommunens omdømme?\n"
        "Spør lederen din først.\n"
    )
    blocks = decide_structure(raw_blocks(text), None, "Testvik")
    assert [(b.kind, b.text) for b in blocks[1:]] == [
        ("h", "Hvorfor har vi retningslinjer?"), ("p", "Mange ansatte bruker sosiale medier."),
        ("h", "Når du skriver privat"),
        ("li", "Er du i tvil om noe kan publiseres, eller om det kan skade kommunens omdømme?"),
        ("p", "Spør lederen din først."),
    ]


def test_a_heading_before_a_marked_list_ends_an_unmarked_list() -> None:
    text = "Tittel for sosiale medier\nHovedkonto:\nFacebook (Testvik kommune)\nSlik gjør vi det\n1) Svar samme dag.\n"
    blocks = decide_structure(raw_blocks(text), None, "Testvik")
    assert [(b.kind, b.text) for b in blocks[1:]] == [
        ("p", "Hovedkonto:"), ("li", "Facebook (Testvik kommune)"), ("h", "Slik gjør vi det"), ("li", "Svar samme dag."),
    ]


def test_unmarked_list_after_a_colon_ends_where_its_shape_changes() -> None:
    text = "Tittel for sosiale medier\nDette bør du tenke på:\nDu er en representant.\nDu har taushetsplikt.\nPrivat bruk\nTenk deg om.\n"
    blocks = decide_structure(raw_blocks(text), None, "Testvik")
    assert [(b.kind, b.text) for b in blocks[1:]] == [
        ("p", "Dette bør du tenke på:"), ("li", "Du er en representant."), ("li", "Du har taushetsplikt."),
        ("h", "Privat bruk"), ("p", "Tenk deg om."),
    ]


def test_wrapped_lines_and_hyphenation_still_join() -> None:
    text = "Tittel for sosiale medier\n\nDette er en lang setning som er brutt\nover to linjer, og et ord som er delt med bin-\ndestrek.\n"
    blocks = decide_structure(raw_blocks(text), None, "Testvik")
    assert [b.text for b in blocks if b.kind == "p"] == [
        "Dette er en lang setning som er brutt over to linjer, og et ord som er delt med bindestrek."
    ]


# --- the structure check --------------------------------------------------------------------


def test_the_structure_check_finds_what_the_old_importer_made_of_web_copy() -> None:
    """What the importer made of text without blank lines before: each kind of lost structure is found."""
    glued_title = "Retningslinjer for sosiale medier Retningslinjer for bruk av sosiale medier i Testvik kommune. Hovedkontoer:"
    assert title_problems(glued_title, 3) and "lengre enn ein tittel" in title_problems(glued_title, 3)[0].message
    page = (
        "---\nmunicipality: Testvik\ndocument_title: \"Retningslinjer\"\n---\n\n"
        "- Hver konto skal ha minst to administratorer. Når du svarer\n  { #testvik-1 data-topics=\"offisielle-kontoer\" }\n\n"
        "Kommunen har disse hovedkontoene: Facebook Instagram Snapchat\n{ .prosa }\n\n"
        "Publisering • Før du legger ut bilder, spør. • Innlegg skal journalføres.\n{ #testvik-2 data-topics=\"arkivering\" }\n\n"
        "Svar på spørsmål innen to dager.\nVær høflig og saklig i alle svar.\n{ #testvik-3 data-topics=\"svar-og-tone\" }\n"
    )
    problems = page_problems(page)
    assert [p.line for p in problems] == [6, 9, 12, 15], problems
    assert "«Når du svarer» ser ut som ei overskrift" in problems[0].message
    assert "liste som er blitt eitt avsnitt" in problems[1].message
    assert "punktteikn inne i teksta" in problems[2].message
    assert "fleire linjer som kvar les som ein regel" in problems[3].message


def test_the_structure_check_passes_the_committed_pages() -> None:
    assert check_pages(ROOT / "docs") == []


def test_the_import_refuses_a_heading_merged_into_an_item(tmp_path: Path) -> None:
    """Indented under an item (as a PDF's text can be), a heading becomes part of it: the import
    says where, in nynorsk, and writes nothing."""
    source = tmp_path / "testvik.txt"
    source.write_text(
        "Retningslinjer for sosiale medier i Testvik kommune\n\n- Svar på spørsmål innen to dager.\n  Kontoer\n- Ver høfleg.\n",
        encoding="utf-8",
    )
    docs = tmp_path / "docs"
    (docs / "kommunar").mkdir(parents=True)
    result = run_import(source, "--name", "Testvik", "--number", "9901", "--county", "Innlandet", "--lang", "nb",
                        "--docs", docs, "--sources", tmp_path / "sources", "--no-translate")
    assert result.returncode == 2, result.stdout + result.stderr
    assert "testvik.txt, linje 4: overskrifta «Kontoer» er slått saman med punktet over" in result.stderr
    assert not any((docs / "kommunar").iterdir()) and not (tmp_path / "sources").exists()


def test_guidelines_check_reports_lost_structure_with_file_and_line(tmp_path: Path) -> None:
    page = (ROOT / "docs" / "kommunar" / "alta.nb.md").read_text(encoding="utf-8")
    broken = page.replace("- Hvem er målgruppen og hvor når dere dem?", "- Hvem er målgruppen og hvor når dere dem? Kommunale kontoer", 1)
    assert broken != page
    docs = tmp_path / "docs"
    (docs / "kommunar").mkdir(parents=True)
    (docs / "kommunar" / "alta.nb.md").write_text(broken, encoding="utf-8")
    line = broken.splitlines().index(next(x for x in broken.splitlines() if x.endswith("Kommunale kontoer"))) + 1
    assert check_pages(docs) == [f"docs/kommunar/alta.nb.md:{line}: «Kommunale kontoer» ser ut som ei overskrift som er slått saman med teksta før; set henne på ei eiga linje"]


# --- the title ------------------------------------------------------------------------------


def test_a_text_without_a_title_line_takes_its_first_sentence_and_says_so(tmp_path: Path) -> None:
    first = ("Denne teksten forteller hvordan ansatte i Testvik kommune skal bruke sosiale medier i jobben og privat, "
             "og den gjelder alle som har en konto på vegne av kommunen. Den ble skrevet i 2024.")
    source = tmp_path / "testvik.txt"
    source.write_text(f"{first}\n\n- Ikke legg ut bilder av elever uten samtykke.\n", encoding="utf-8")
    docs = tmp_path / "docs"
    (docs / "kommunar").mkdir(parents=True)
    result = run_import(source, "--name", "Testvik", "--number", "9901", "--county", "Innlandet", "--lang", "nb",
                        "--docs", docs, "--sources", tmp_path / "sources", "--no-translate")
    assert result.returncode == 0, result.stderr
    assert "fann inga linje som kan vere tittel" in result.stderr
    meta = yaml.safe_load((docs / "kommunar" / "testvik.nb.md").read_text(encoding="utf-8").split("\n---\n", 1)[0].removeprefix("---\n"))
    assert meta["document_title"].startswith("Denne teksten forteller hvordan ansatte") and len(meta["document_title"]) <= 150
    assert first in (docs / "kommunar" / "testvik.nb.md").read_text(encoding="utf-8")


# --- every shape through the command --------------------------------------------------------


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[subprocess.CompletedProcess, Path]]:
    """Each labelled document imported once by ``guidelines import``, trained on the committed pages."""
    import shutil

    runs = {}
    for slug, document in DOCUMENTS.items():
        folder = tmp_path_factory.mktemp(slug)
        shutil.copytree(ROOT / "docs" / "kommunar", folder / "docs" / "kommunar")
        runs[slug] = (run_import(document.path, "--name", document.name, "--number", f"99{len(runs):02d}", "--county", "Vestland",
                                 "--lang", document.lang, "--slug", slug, "--docs", folder / "docs", "--sources", folder / "sources",
                                 "--no-translate"), folder / "docs")
    return runs


@pytest.mark.parametrize("slug", sorted(SHAPES))
def test_every_shape_imports_one_annotated_block_per_labelled_block(slug: str, imported: dict) -> None:
    from municipal_guidelines.format import grammar

    result, docs = imported[slug]
    assert result.returncode == 0, result.stderr
    document = DOCUMENTS[slug]
    page = grammar.parse((docs / "kommunar" / f"{slug}.{document.lang}.md").read_text(encoding="utf-8"))
    outline = grammar.blocks(page)
    headings = [line.text for _, line in outline.headings]
    assert headings == [document.title, *document.headings]
    texts = [b.text for b in outline.blocks]
    assert len(texts) - len(document.labels) in (0, 1)  # a letterhead before the title stays text
    for label, text in zip(document.labels, texts[len(texts) - len(document.labels):]):
        assert text.startswith(label.starts), (label.starts, text)


def test_labelled_examples_pair_every_label() -> None:
    for document in DOCUMENTS.values():
        assert len(labelled_examples(document, imported_blocks(document))) == len(document.labels), document.slug


# --- topics: whole words and compound parts, never a substring --------------------------------

SUBSTRINGS = [  # (word, keyword it contains but does not mean)
    ("kommunikasjonsavdelingen", "deling"),
    ("kommunikasjonsavdelinga", "deling"),
    ("avdelingen", "deling"),
    ("kontrollere", "troll"),
    ("kontrollert", "troll"),
    ("fritidsaktiviteter", "aktiv"),
    ("aktivitetar", "aktiv"),
    ("ansvar", "svar"),
    ("fordel", "del"),
    ("kristen", "krise"),
]


@pytest.mark.parametrize(("word", "keyword"), SUBSTRINGS)
def test_a_keyword_never_matches_inside_another_word(word: str, keyword: str) -> None:
    from municipal_guidelines.suggest.keywords import stem_matches

    assert not stem_matches(word, keyword)


@pytest.mark.parametrize(
    ("word", "keyword"),
    [("kontoane", "konto"), ("kontoer", "konto"), ("deler", "dele"), ("delingen", "deling"), ("aktive", "aktiv"),
     ("saksbehandlingen", "saksbehandl"), ("mediekontoar", "konto"), ("krisestab", "krise"), ("facebookkontoen", "konto")],
)
def test_a_keyword_matches_its_inflections_lemmas_and_compound_parts(word: str, keyword: str) -> None:
    from municipal_guidelines.suggest.keywords import stem_matches

    assert stem_matches(word, keyword)


def test_no_topic_comes_from_a_substring_of_a_word() -> None:
    """Every word of every labelled block: a topic its keywords give must come from a whole word,
    its inflection or lemma, or a compound part both of whose parts are words."""
    from municipal_guidelines.model.topics import load_topics
    from municipal_guidelines.suggest.keywords import suggest_topics

    topics = load_topics(ROOT / "data" / "topics.yml")
    for text, unwanted in [
        ("Kontakt kommunikasjonsavdelingen før du svarer.", "deltaking"),
        ("Vi kontrollerer kontoene jevnlig.", "hets"),
        ("Vise frem fritidsaktiviteter og arrangementer", "deltaking"),
    ]:
        assert unwanted not in suggest_topics(text, topics), text


@pytest.mark.parametrize(("text", "topic"), [
    ("Ta ikke bilder av kolleger uten å spørre først.", "bilete"),
    ("Ikkje ta bilete av kollegaer utan at dei har sagt ja.", "bilete"),
    ("Ikke bekreft at en person er bruker av en kommunal tjeneste.", "taushetsplikt"),
    ("Ikkje stadfest at ein person er brukar av ei kommunal teneste.", "taushetsplikt"),
    ("Ikkje ver ven med elevar på Facebook.", "kontakt-brukarar"),
    ("Be lederen din om råd hvis du er usikker.", "melde-fra"),
    ("Du kan delta i den offentlige debatten som alle andre.", "ytringsfridom"),
])
def test_rules_in_words_the_five_guidelines_do_not_use_get_their_topic(text: str, topic: str) -> None:
    """Rules as other municipalities word them (the issue's misses and the labelled documents'
    kinds), by the keywords alone."""
    from municipal_guidelines.model.topics import load_topics
    from municipal_guidelines.suggest.keywords import suggest_topics

    assert topic in suggest_topics(text, load_topics(ROOT / "data" / "topics.yml"))


def test_a_learned_topic_beside_a_keywords_topic_needs_more_than_one_alone() -> None:
    from municipal_guidelines.suggest import learned

    assert learned.THRESHOLD < learned.THRESHOLD_BESIDE_KEYWORDS < 1


# --- the targets: rule or prose, topics (figures in benchmarks/suggester.md) --------------------


@pytest.fixture(scope="module")
def reviewed_blocks() -> list:
    from municipal_guidelines.suggest.rule_or_prose import reviewed_block_examples

    return reviewed_block_examples(ROOT / "docs")


def test_rule_or_prose_leave_one_municipality_out_reaches_its_target(reviewed_blocks: list) -> None:
    from municipal_guidelines.suggest.rule_or_prose import leave_one_out

    accuracy = leave_one_out(reviewed_blocks)
    assert accuracy.total > 200 and accuracy.value >= 0.90, (accuracy.value, accuracy)


def test_rule_or_prose_on_the_labelled_documents_reaches_its_target(reviewed_blocks: list) -> None:
    from municipal_guidelines.suggest.rule_or_prose import RuleOrProse, accuracy_on

    model = RuleOrProse(reviewed_blocks)
    examples = [e for d in DOCUMENTS.values() for e, _ in labelled_examples(d, imported_blocks(d))]
    accuracy = accuracy_on(model, examples)
    assert accuracy.total == sum(len(d.labels) for d in DOCUMENTS.values())
    assert accuracy.value >= 0.90, accuracy


def test_adoption_and_contact_notes_and_an_introduction_are_prose_whatever_the_model_says() -> None:
    from municipal_guidelines.suggest.rule_or_prose import BlockExample, prose_shape

    def example(text: str, section: str = "Slik gjer vi det") -> BlockExample:
        return BlockExample("x", "nb", text, "p", "", section, True, "")

    assert prose_shape(example("Godkjent av kommunedirektøren 20.01.2025"))
    assert prose_shape(example("Vedteke i kommunestyret 3. juni 2023, sak 41/23."))
    assert prose_shape(example("Har du spørsmål om retningslinjene, kontakt kommunikasjonsrådgiveren."))
    assert prose_shape(example("Sosiale medier gir oss nye muligheter. De stiller også krav.", section="Innledning"))
    # a rule stays for the model, in an introduction too, and a decision with a modal is no note
    assert not prose_shape(example("Du skal ikke svare på vegne av kommunen.", section="Innledning"))
    assert not prose_shape(example("Svar innen to dager."))
    assert not prose_shape(example("Innlegg som er vedtatt 2023 skal arkiveres."))


def test_labels_and_account_lists_are_prose_whatever_the_model_says() -> None:
    from municipal_guidelines.suggest.rule_or_prose import BlockExample, prose_shape

    def example(text: str, kind: str = "li", lead: str = "") -> BlockExample:
        return BlockExample("x", "nb", text, kind, lead, "", True, lead)

    assert prose_shape(example("Hovedkontoer:", "p"))
    assert prose_shape(example("YouTube (visning og deling av videoklipp)"))
    assert prose_shape(example("Dele bilder fra kommunen", lead="Vi er på Instagram for å:"))
    assert not prose_shape(example("Del gjerne innhold fra kommunens kontoer."))
    assert not prose_shape(example("Du skal svare innen to dager", lead="Vi er på Facebook for å:"))


def test_topics_on_the_labelled_documents_do_not_fall() -> None:
    """Topic micro precision and recall on the labelled documents, as `guidelines import` suggests
    them (keywords and the learned model trained on every reviewed page). The target is 0.85; the
    measured figures (benchmarks/suggester.md) are 0.906 and 0.932 over all eighteen documents."""
    from municipal_guidelines.metrics import Counts
    from municipal_guidelines.model.topics import load_topics
    from municipal_guidelines.suggest.learned import combined_suggester
    from municipal_guidelines.suggest.training import load_examples

    topics = load_topics(ROOT / "data" / "topics.yml")
    suggest = combined_suggester(topics)(load_examples(ROOT / "docs"))
    total = Counts()
    for document in DOCUMENTS.values():
        for example, label in labelled_examples(document, imported_blocks(document)):
            if not label.prose:
                found, wanted = set(suggest(example.text)), set(label.topics)
                total = total.add(Counts(tp=len(found & wanted), fp=len(found - wanted), fn=len(wanted - found)))
    assert total.support == sum(len(label.topics) for d in DOCUMENTS.values() for label in d.labels)
    assert total.precision >= 0.85 and total.recall >= 0.85, (total.precision, total.recall)


def _shape(text: str, name: str = "Vik") -> list[tuple[str, str]]:
    return [(b.kind, b.text) for b in decide_structure(raw_blocks(text), None, name)]


def test_symbol_font_bullets_copied_out_of_a_pdf_are_list_items_and_nothing_like_them_is() -> None:
    """A Word PDF's bullets in a symbol font come out of a PDF viewer as «q», «Ø», «o» or a
    private-use character: each was the first word of a paragraph (and «q» lines, starting in
    lower case, were joined to the heading above them); now one item each, the mark gone."""
    text = (
        "Retningsliner\n2 Når du er privat\nq Skriv aldri om brukarar.\nq Ikkje ver venn med brukarar.\n"
        "3 Kontoar\nØ Kvar konto har to administratorar.\nØ Kontoen skal godkjennast.\n"
        "4 Svar\n\uf0b7 Svar innan to dagar.\n\uf0a7 Skriv kven som svarar.\n"
    )
    assert _shape(text) == [
        ("h", "Retningsliner"), ("h", "2 Når du er privat"), ("li", "Skriv aldri om brukarar."), ("li", "Ikkje ver venn med brukarar."),
        ("h", "3 Kontoar"), ("li", "Kvar konto har to administratorar."), ("li", "Kontoen skal godkjennast."),
        ("h", "4 Svar"), ("li", "Svar innan to dagar."), ("li", "Skriv kven som svarar."),
    ]
    # a letter alone is not a bullet, nor a section sign before a number
    lone = _shape("Retningsliner\nSvar same dag.\no Facebook er kommunen sin kanal.\nSkriv kort.\n")
    assert ("p", "o Facebook er kommunen sin kanal.") in lone
    paragraphs = _shape("Reglement\n§ 3 Formål\n§ 4 Ansvar\nTeksta.\n")
    assert all(not text.startswith("•") and kind != "li" for kind, text in paragraphs)
    assert ("p", "§ 3 Formål") in paragraphs or ("h", "§ 3 Formål") in paragraphs


def test_a_private_use_character_is_accepted_as_a_bullet_and_refused_anywhere_else() -> None:
    from municipal_guidelines.importing.messages import InputError
    from municipal_guidelines.importing.source import check_text_characters

    assert check_text_characters("Tittel\n\uf0b7 Svar same dag.\n", Path("vik.txt"))
    with pytest.raises(InputError, match=r"vik\.txt, linje 2: .*U\+F0B7"):
        check_text_characters("Tittel\nSvar \uf0b7 same dag.\n", Path("vik.txt"))


def test_a_table_of_contents_copied_with_a_web_page_is_left_out_and_repeated_lines_that_are_not_one_stay() -> None:
    """The headings listed under «Innhold» came out as headings of their own, with nothing under
    them; now the list and its label are left out as the page's furniture (and the import says so)."""
    body = "Om retningslinjene\nKommunen bruker sosiale medier.\nPrivat bruk\n– Vær tydelig.\nKommunens kontoer\n– Svar raskt.\n"
    labelled = _shape("Retningslinjer\nInnhold\nOm retningslinjene\nPrivat bruk\nKommunens kontoer\n" + body)
    unlabelled = _shape("Retningslinjer\nOm retningslinjene\nPrivat bruk\nKommunens kontoer\n" + body)
    wanted = [("h", "Retningslinjer"), ("h", "Om retningslinjene"), ("p", "Kommunen bruker sosiale medier."),
              ("h", "Privat bruk"), ("li", "Vær tydelig."), ("h", "Kommunens kontoer"), ("li", "Svar raskt.")]
    assert labelled == wanted and unlabelled == wanted
    # two short lines that come again further down, without a label, are text
    kept = _shape("Retningslinjer\nFacebook\nInstagram\nKommunen har to kontoer.\nFacebook\nInstagram\n")
    assert [t for _, t in kept].count("Facebook") == 2


def test_links_to_other_pages_at_a_web_pages_end_are_left_out_but_a_section_so_named_is_not(tmp_path: Path) -> None:
    page = _shape("Retningslinjer\nSvar\n– Svar raskt.\nLes også\nEtiske retningslinjer\nBilderutiner\nSist endret 12.03.2025\n")
    assert page == [("h", "Retningslinjer"), ("h", "Svar"), ("li", "Svar raskt.")]
    section = _shape("Retningslinjer\nSvar\n– Svar raskt.\nLes også\nLes også kommunens etiske retningslinjer før du skriver.\n")
    assert section[-1] == ("p", "Les også kommunens etiske retningslinjer før du skriver.") and len(section) == 5
