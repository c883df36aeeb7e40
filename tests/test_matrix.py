"""The comparison built by the hooks: matrix, topic pages, coverage, exports, and bad input."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import jsonschema
import pytest

from conftest import LANGS, MUNICIPALITIES, ROOT, build_here, lang_root, run_build, soup
from municipal_guidelines.format.guideline import parse_guideline

# What the five guidelines say on the four named topics, worked out by reading them:
# topic -> municipality -> {rule id: a phrase of the original rule}. Absent = "not addressed".
EXPECTED = {
    "taushetsplikt": {
        "loten": {"loten-4": "taushetsplikten også gjelder", "loten-5": "kan bli identifisert"},
        "alta": {
            "alta-5": "Ivaretas personvern og taushetsplikten?",
            "alta-15": "Den lovpålagte taushetsplikten skal overholdes",
            "alta-26": "taushetsplikten gjelder også her",
        },
        "meraker": {
            "meraker-3": "reglene om taushetsplikt, personvern",
            "meraker-7": "Ikke publiser helse- eller personopplysninger",
            "meraker-8": "ikke kommer med på bilder",
            "meraker-9": "da brytes taushetsplikten",
            "meraker-10": "må samtykke innhentes",
        },
        "frogn": {"frogn-12": "taushetsplikten gjelder også i de sosiale mediene"},
        "bomlo": {"bomlo-5": "teieplikta gjeld også"},
    },
    "bilete": {
        "loten": {"loten-5": "Bilder/video som skal publiseres krever samtykke"},
        "meraker": {"meraker-8": "ikke kommer med på bilder"},
        "frogn": {"frogn-12": "Dette gjelder både i tekst og bilder"},
    },
    "kontakt-brukarar": {
        "loten": {"loten-6": "Unngå å være venn med brukere"},
        "meraker": {"meraker-2": "kontakt med elever/brukere/pårørende eller leverandører"},
        "frogn": {"frogn-13": "kontakt med elever/brukere/pårørende eller leverandører"},
        "bomlo": {"bomlo-4": "kontakt med elevar/brukarar/pårørande"},
    },
    "krisekommunikasjon": {
        "alta": {"alta-22": "der rådmannen har satt krisestab"},
        "frogn": {"frogn-15": "der rådmannen har satt kriseledelse"},
    },
}


def matrix_row(site: Path, lang: str, topic: str):
    row = soup(site, f"{lang_root(lang)}matrise/").select_one(f'table.matrix tr[data-row="{topic}"]')
    assert row is not None, f"no row for {topic} in the {lang} matrix"
    return row


@pytest.mark.parametrize("topic", EXPECTED)
def test_matrix_rows_of_the_four_named_topics_match_the_guidelines(site: Path, topic: str) -> None:
    for lang in LANGS:
        row = matrix_row(site, lang, topic)
        for slug, (_, original_lang) in MUNICIPALITIES.items():
            cell = row.select_one(f'td[data-col="{slug}"]')
            found = [a.get_text() for a in cell.select("a.matrix-rule__id")]
            expected = EXPECTED[topic].get(slug, {})
            assert found == list(expected), f"{lang} matrix, {topic} x {slug}: {found}, expected {list(expected)}"
            if not expected:
                assert "is-gap" in cell["class"], f"{topic} x {slug} should be marked as a gap"
                assert cell.select_one(".matrix-gap"), f"{topic} x {slug} should say 'not addressed'"
            for rule in cell.select(".matrix-rule"):
                phrase = expected[rule["data-rule"]]
                link = rule.select_one("a.matrix-rule__id")["href"]
                assert link.endswith(f"kommunar/{slug}/#{rule['data-rule']}"), link
                if lang == original_lang:
                    assert phrase in rule.get_text(" "), f"{rule['data-rule']}: {phrase!r} not quoted"
                else:  # machine translated: marked once, on the column, not on the rule
                    assert not rule.select(".mt-badge, details"), f"{rule['data-rule']}: the translation is marked on the rule"
            language = {"nb": "bokmål", "nn": "nynorsk"}[original_lang]
            marks = [m.get_text(strip=True) for m in row.parent.parent.select(f'thead th[data-col="{slug}"] .mt-badge')]
            if lang == original_lang:
                assert marks == [], f"{lang} matrix: the original {slug} is marked as a translation"
            else:
                word = {"nb": "maskinoversatt fra", "nn": "maskinomsett frå"}[lang]
                assert marks == [f"({word} {language})"], f"{lang} matrix: {slug}'s column is marked {marks}"
    coverage = {topic: len(cells) for topic, cells in EXPECTED.items()}
    label = matrix_row(site, "nb", topic).select_one(".matrix-covered").get_text()
    assert label == f"{coverage[topic]} av 5 kommuner omtaler dette"


def all_rules(lang: str, site: Path | None = None) -> dict[str, set[str]]:
    """slug -> rule ids: read from the built guideline pages when ``site`` is given (what a reader
    sees, independent of the hooks' parser), else parsed from the committed pages."""
    rules = {}
    for slug in MUNICIPALITIES:
        if site is not None:
            rules[slug] = {el["id"] for el in soup(site, f"{lang_root(lang)}kommunar/{slug}/").select("li.rule[id], p.rule[id]")}
            continue
        path = ROOT / "docs" / "kommunar" / f"{slug}.{lang}.md"
        rules[slug] = {r.id for r in parse_guideline(path.read_text(encoding="utf-8"), path).rules}
    return rules


@pytest.mark.parametrize("lang", LANGS)
def test_every_rule_is_in_the_matrix_and_the_json_export(site: Path, lang: str) -> None:
    in_matrix = {a.get_text() for a in soup(site, f"{lang_root(lang)}matrise/").select("a.matrix-rule__id")}
    export = json.loads((site / lang_root(lang) / "data" / "matrix.json").read_text(encoding="utf-8"))
    in_export = [r["rule_id"] for r in export["rules"]]
    assert len(in_export) == len(set(in_export)), "a rule appears twice in the export"
    rendered = all_rules(lang, site)
    assert rendered == all_rules(lang), "the built pages show other rules than the source annotates"
    for slug, ids in rendered.items():
        assert len(ids) >= 15, f"{slug}: only {len(ids)} rules on the page"
        assert ids <= in_matrix, f"{slug}: rules missing from the {lang} matrix: {sorted(ids - in_matrix)}"
        assert ids <= set(in_export), f"{slug}: rules missing from the {lang} export: {sorted(ids - set(in_export))}"
    assert all(r["language"] == lang for r in export["rules"])


@pytest.mark.parametrize("lang", LANGS)
def test_exports_validate_against_the_schema_and_agree(site: Path, lang: str) -> None:
    schema = json.loads((ROOT / "data" / "matrix.schema.json").read_text(encoding="utf-8"))
    export = json.loads((site / lang_root(lang) / "data" / "matrix.json").read_text(encoding="utf-8"))
    jsonschema.validate(export, schema)
    rows = list(csv.DictReader(io.StringIO((site / lang_root(lang) / "data" / "matrix.csv").read_text(encoding="utf-8-sig"))))
    assert [r["rule_id"] for r in rows] == [r["rule_id"] for r in export["rules"]]
    bomlo = next(r for r in rows if r["rule_id"] == "bomlo-5")
    assert bomlo["municipality_number"] == "4613" and bomlo["is_translation"] == ("true" if lang == "nb" else "false")
    target = bomlo["url"].split("#")
    assert (site / target[0] / "index.html").exists() and target[1] == "bomlo-5"
    links = soup(site, f"{lang_root(lang)}matrise/").select("ul.matrix-exports a")
    tables = ("matrix", "coverage", "gaps")
    expected = [f"../data/{t}.{ext}" for t in tables for ext in ("csv", "semicolon.csv")] + ["../data/coverage.json", "../data/matrix.json", "../data/matrix.xlsx"]
    assert sorted(a["href"] for a in links) == sorted(expected)


@pytest.mark.parametrize("lang", LANGS)
def test_the_matrix_export_validates_against_its_schema(site: Path, lang: str) -> None:
    schema = json.loads((ROOT / "data" / "matrix.schema.json").read_text(encoding="utf-8"))
    document = json.loads((site / lang_root(lang) / "data" / "matrix.json").read_text(encoding="utf-8"))
    jsonschema.validate(document, schema)
    assert document["language"] == lang and len(document["municipalities"]) == len(MUNICIPALITIES)
    broken = {**document, "municipalities": [{**document["municipalities"][0], "extra": "x"}]}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, schema)


@pytest.mark.parametrize("lang", LANGS)
def test_every_per_municipality_export_validates_against_its_schema(site: Path, lang: str) -> None:
    schema = json.loads((ROOT / "data" / "municipality.schema.json").read_text(encoding="utf-8"))
    folder = site / lang_root(lang) / "data" / "kommunar"
    files = sorted(folder.glob("*.json"))
    assert [f.stem for f in files] == sorted(MUNICIPALITIES), f"{folder}: {[f.name for f in files]}"
    for file in files:
        document = json.loads(file.read_text(encoding="utf-8"))
        jsonschema.validate(document, schema)
        assert document["slug"] == file.stem and document["rules"], file
        translated = [r for r in document["rules"] if "original_text" in r]
        assert bool(translated) == (MUNICIPALITIES[file.stem][1] != lang), f"{file}: translated rules {len(translated)}"


def test_topic_page_shows_every_municipality_side_by_side(site: Path) -> None:
    page = soup(site, "nn/tema/krisekommunikasjon/")
    assert page.h1.get_text(strip=True).startswith("Krisekommunikasjon")
    cards = {card["id"]: card for card in page.select("section.topic-card")}
    assert sorted(cards) == sorted(MUNICIPALITIES)
    assert [r["data-rule"] for r in cards["alta"].select(".matrix-rule")] == ["alta-22"]
    assert "is-gap" in cards["bomlo"]["class"] and "Ikkje omtalt" in cards["bomlo"].get_text()
    assert "2 av 5 kommunar omtaler dette" in page.select_one(".topic-coverage").get_text()


def test_coverage_counts_rules_and_highlights_gaps(site: Path) -> None:
    table = soup(site, "dekning/").select_one("table.coverage")
    heads = [th.get_text(strip=True) for th in table.select("thead th")]
    assert heads == ["Tema", "Alta", "Bømlo", "Frogn", "Løten", "Meråker", "Kommuner som omtaler temaet"]
    rows = {tr.th.a["href"].split("/")[-2]: tr for tr in table.select("tbody tr")}
    krise = [td.get_text(strip=True) for td in rows["krisekommunikasjon"].select("td")]
    assert krise == ["1", "–Ikke omtalt", "1", "–Ikke omtalt", "–Ikke omtalt", "2 av 5"]
    assert "has-gaps" in rows["krisekommunikasjon"]["class"]
    totals = [td.get_text(strip=True) for td in table.select("tfoot td")][:5]
    assert totals == [str(len(all_rules("nb")[slug])) for slug in ("alta", "bomlo", "frogn", "loten", "meraker")]


def test_rules_have_permalinks_and_topic_links(site: Path) -> None:
    page = soup(site, "kommunar/loten/")
    rule = page.select_one("#loten-5")
    assert rule.name == "li" and "rule" in rule["class"]
    assert rule.select_one("a.rule-permalink")["href"] == "#loten-5"
    topics = {a.get_text(): a["href"] for a in rule.select("a.rule-topic")}
    assert topics == {"Bilder og video av personer": "../../tema/bilete/", "Taushetsplikt og personvern": "../../tema/taushetsplikt/"}
    nested = soup(site, "kommunar/meraker/").select_one("#meraker-13")
    assert nested.select_one(":scope > .rule-meta") is not None and nested.select_one("ul > li#meraker-14")


# --- bad input fails the build with the file, the line and what to fix --------------------------


def edit(path: Path, old: str, new: str) -> int:
    """Replace the first ``old`` in ``path`` and return the 1-based line where it stood."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    index = text.index(old)
    path.write_text(text[:index] + new + text[index + len(old) :], encoding="utf-8")
    return text[:index].count("\n") + 1


def failed_build(project: Path) -> str:
    """What a build of the broken ``project`` said; it must fail (built in this process: the
    message is the point, not the command line, which tests/test_site.py runs)."""
    ok, output = build_here(project, project / "site")
    assert not ok, "the build should have failed"
    return output


def rule_line(path: Path, rule_id: str) -> int:
    """Line of the rule's text (the annotation line is the next one)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    annotation = next(i for i, line in enumerate(lines) if f"#{rule_id} " in line)
    return annotation  # 0-based index of the annotation = 1-based line of the text above it


def test_unknown_topic_fails_the_build(project: Path) -> None:
    page = project / "docs/kommunar/loten.nb.md"
    line = rule_line(page, "loten-6")
    edit(page, '#loten-6 data-topics="kontakt-brukarar"', '#loten-6 data-topics="kontakt-brukarar venner"')
    output = failed_build(project)
    assert f"docs/kommunar/loten.nb.md:{line}: regelen loten-6 har eit ukjend tema 'venner'; bruk eitt av taushetsplikt" in output


def test_rule_without_topics_fails_the_build(project: Path) -> None:
    page = project / "docs/kommunar/alta.nb.md"
    annotation = next(line for line in page.read_text(encoding="utf-8").splitlines() if "#alta-3 " in line).strip()
    line = edit(page, annotation, "{ #alta-3 }")
    assert f"docs/kommunar/alta.nb.md:{line}: merknaden seier verken kva tema regelen har" in failed_build(project)


def test_unannotated_rule_fails_the_build(project: Path) -> None:
    page = project / "docs/kommunar/frogn.nb.md"
    line = rule_line(page, "frogn-4")
    text = page.read_text(encoding="utf-8").splitlines()
    page.write_text("\n".join(text[:line] + text[line + 1 :]) + "\n", encoding="utf-8")
    output = failed_build(project)
    assert f"docs/kommunar/frogn.nb.md:{line}: Listepunktet manglar merknad" in output
    assert "eller '{ .prosa }' om det ikkje er ein regel" in output


def test_duplicate_rule_id_fails_the_build(project: Path) -> None:
    page = project / "docs/kommunar/meraker.nb.md"
    first = rule_line(page, "meraker-1")
    line = rule_line(page, "meraker-2")
    edit(page, "#meraker-2 ", "#meraker-1 ")
    output = failed_build(project)
    assert f"docs/kommunar/meraker.nb.md:{line}: id-en 'meraker-1' er alt brukt i docs/kommunar/meraker.nb.md:{first}" in output


def test_missing_front_matter_fails_the_build(project: Path) -> None:
    page = project / "docs/kommunar/bomlo.nn.md"
    edit(page, "county: Vestland\n", "")
    assert "docs/kommunar/bomlo.nn.md:1: framsida manglar county" in failed_build(project)


def test_translation_with_other_rule_ids_fails_the_build(project: Path) -> None:
    page = project / "docs/kommunar/loten.nn.md"
    line = rule_line(page, "loten-9")
    edit(page, "#loten-9 ", "#loten-99 ")
    output = failed_build(project)
    assert f"docs/kommunar/loten.nn.md:{line}: reglane er ikkje dei same som i originalen docs/kommunar/loten.nb.md" in output
    assert "manglar loten-9; har i tillegg loten-99" in output and "guidelines translate" in output


def test_raw_html_in_rule_text_fails_the_build(project: Path) -> None:
    page = project / "docs/kommunar/alta.nb.md"
    line = edit(page, "Henvendelser skal besvares innen rimelig tid.", 'Henvendelser skal <a href="x">besvares</a> innen rimelig tid.')
    assert f"docs/kommunar/alta.nb.md:{line}: teksta inneheld HTML-kode ('<a')" in failed_build(project)


def test_missing_topic_page_fails_the_build(project: Path) -> None:
    (project / "docs/tema/sletting.nn.md").unlink()
    assert "docs/tema/sletting.nn.md:0: temaet 'sletting' har inga side; køyr: guidelines stub-pages" in failed_build(project)


def test_unreviewed_topics_are_shown_as_such_until_review_is_removed(project: Path) -> None:
    for lang in LANGS:
        edit(project / f"docs/kommunar/frogn.{lang}.md", "original_language: nb\n", "original_language: nb\nreview: true\n")
    result = run_build(project, project / "site")
    assert result.returncode == 0, result.stderr
    for lang, title in (("nb", "Temaene er ikke gjennomgått"), ("nn", "Tema er ikkje gjennomgått")):
        notice = soup(project / "site", f"{lang_root(lang)}kommunar/frogn/").select_one(".review-notice")
        assert notice is not None and title in notice.get_text(), f"{lang}: no review notice"
        assert soup(project / "site", f"{lang_root(lang)}kommunar/alta/").select_one(".review-notice") is None
    export = json.loads((project / "site" / "data" / "matrix.json").read_text(encoding="utf-8"))
    reviewed = {m["slug"]: m["topics_reviewed"] for m in export["municipalities"]}
    assert reviewed["frogn"] is False and reviewed["alta"] is True


def test_text_is_escaped_in_every_generated_view(project: Path) -> None:
    for lang in LANGS:
        edit(project / f"docs/kommunar/alta.{lang}.md", "Henvendelser skal besvares innen rimelig tid." if lang == "nb" else "Førespurnader skal svarast på innan rimeleg tid.", "Svar innen 2 < 3 dager & vær høflig.")
    result = run_build(project, project / "site")
    assert result.returncode == 0, result.stderr
    for url in ("matrise/", "tema/svar-og-tone/", "kommunar/alta/"):
        html = (project / "site" / url / "index.html").read_text(encoding="utf-8")
        assert "Svar innen 2 &lt; 3 dager &amp; vær høflig." in html, f"{url}: text not escaped"
    export = json.loads((project / "site/data/matrix.json").read_text(encoding="utf-8"))
    assert any(r["text"] == "Svar innen 2 < 3 dager & vær høflig." for r in export["rules"])


def test_html_in_front_matter_or_an_unclosed_tag_fails_the_build(project: Path) -> None:
    page = project / "docs/kommunar/loten.nb.md"
    line = edit(page, 'adoption: "Punkt 11.2. i personalhåndboka"', 'adoption: "<i onmouseover=alert(1)>hei</i>"')
    page = project / "docs/kommunar/alta.nb.md"
    alta_line = edit(page, "Henvendelser skal besvares", "Henvendelser <img src=x onerror=alert(1) skal besvares")
    output = failed_build(project)
    assert f"docs/kommunar/loten.nb.md:{line}: feltet «adoption» i framsida inneheld < eller >" in output
    assert f"docs/kommunar/alta.nb.md:{alta_line}: teksta inneheld HTML-kode ('<img')" in output


def test_rule_annotation_on_a_heading_fails_the_build(project: Path) -> None:
    page = project / "docs/kommunar/frogn.nb.md"
    line = edit(page, "## Vær profesjonell!", '## Vær profesjonell! { #x data-topics="--><img src=x onerror=alert(1) " }')
    assert f"docs/kommunar/frogn.nb.md:{line}: ei overskrift kan ikkje vere ein regel" in failed_build(project)


def test_page_that_renders_differently_from_how_it_reads_fails_the_build(project: Path) -> None:
    """A paragraph right after a list joins the last item in Python-Markdown: the build must say so."""
    for lang, start in (("nb", "Sletting av kommentarer"), ("nn", "Sletting av kommentarar")):
        page = project / f"docs/kommunar/alta.{lang}.md"
        edit(page, f"\n\n{start}", f"\n{start}")
    output = failed_build(project)
    assert "docs/kommunar/alta.nb.md:" in output and "sida blir vist annleis enn ho er skriven" in output


def test_a_source_url_in_the_front_matter_is_checked_shown_and_exported(project: Path) -> None:
    """The field added as the example of ARCHITECTURE.md: declared once in Meta, it is checked,
    must agree between original and translation, is shown on the page and is in the export."""
    address = "https://www.loten.kommune.no/personalhandbok/sosiale-medier.pdf"
    pages = [project / "docs" / "kommunar" / f"loten.{lang}.md" for lang in LANGS]
    edit(pages[0], "county: Innlandet\n", "county: Innlandet\nsource_url: javascript:alert(1)\n")
    assert "docs/kommunar/loten.nb.md:5: feltet «source_url» i framsida må vere ei nettadresse som byrjar med https://" in failed_build(project)
    edit(pages[0], "source_url: javascript:alert(1)", f"source_url: {address}")
    assert f"feltet «source_url» er '' her, men '{address}' i originalen docs/kommunar/loten.nb.md" in failed_build(project)
    edit(pages[1], "county: Innlandet\n", f"county: Innlandet\nsource_url: {address}\n")
    result = run_build(project, project / "site")
    assert result.returncode == 0, result.stderr
    for lang in LANGS:
        link = soup(project / "site", f"{lang_root(lang)}kommunar/loten/").select_one(".guideline-facts a[rel=external]")
        assert link is not None and link["href"] == address
        export = json.loads((project / "site" / lang_root(lang) / "data" / "matrix.json").read_text(encoding="utf-8"))
        assert {m["slug"]: m["source_url"] for m in export["municipalities"]} == {s: (address if s == "loten" else "") for s in MUNICIPALITIES}
        jsonschema.validate(export, json.loads((ROOT / "data" / "matrix.schema.json").read_text(encoding="utf-8")))
