"""Profiles, the checklist from national guidance, the gap check and the coverage exports."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml
from markdown.extensions.toc import slugify

from conftest import LANGS, MUNICIPALITIES, ROOT, lang_root, run_build, soup
from municipal_guidelines.format.errors import GuidelineError, GuidelineErrors
from municipal_guidelines.model.checklist import load_checklist
from municipal_guidelines.model.site import load_site
from municipal_guidelines.render.charts import LEVELS, level
from municipal_guidelines.render.profile_pages import Subject, fill, mark, read_shell

TOPIC_IDS = [t["id"] for t in yaml.safe_load((ROOT / "data" / "topics.yml").read_text(encoding="utf-8"))["topics"]]
CHECKLIST = yaml.safe_load((ROOT / "data" / "checklist.yml").read_text(encoding="utf-8"))
SOURCES = {source["id"]: source for source in CHECKLIST["sources"]}


def annotated_topics(slug: str) -> set[str]:
    """The topics a guideline's rules carry, read straight from its original's annotations."""
    original_lang = MUNICIPALITIES[slug][1]
    text = (ROOT / "docs" / "kommunar" / f"{slug}.{original_lang}.md").read_text(encoding="utf-8")
    return {topic for group in re.findall(r'data-topics="([^"]*)"', text) for topic in group.split()}


def answered_points(covered: set[str]) -> set[str]:
    return {p["id"] for p in CHECKLIST["points"] if covered & set(p["topics"])}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("slug", sorted(MUNICIPALITIES))
def test_each_profile_names_exactly_the_topics_and_points_its_annotations_leave_out(site: Path, slug: str, lang: str) -> None:
    page = soup(site, f"{lang_root(lang)}profil/{slug}/")
    shown_gaps = {h3["id"].removeprefix("gap-") for h3 in page.select("section.profile-gap h3[id]")}
    covered = annotated_topics(slug)
    assert shown_gaps == set(TOPIC_IDS) - covered
    assert shown_gaps, f"{slug} addresses every topic: the test shows nothing"
    missing_points = page.select_one("#sjekkliste-manglar").find_next("ul").select("li")
    labels = {p["id"]: p["label"][lang] for p in CHECKLIST["points"]}
    expected = {labels[p] for p in set(labels) - answered_points(covered)}
    assert {li.strong.get_text().rstrip(".") for li in missing_points} == expected
    # every point it lacks names its sources, with links out to those whose address is known
    points = {p["label"][lang]: p for p in CHECKLIST["points"]}
    for li in missing_points:
        point = points[li.strong.get_text().rstrip(".")]
        assert len(li.select('a[rel="external"][href^="https://"]')) == len([s for s in point["sources"] if "url" in SOURCES[s]]), li
        assert all(SOURCES[s]["title"] in li.get_text(" ") for s in point["sources"]), li


@pytest.mark.parametrize("lang", LANGS)
def test_a_profile_shows_how_others_word_a_missing_topic_and_is_linked(site: Path, lang: str) -> None:
    """Frogn says nothing on reply times; Alta and Bømlo do: their rules are the examples, linked."""
    root = lang_root(lang)
    page = soup(site, f"{root}profil/frogn/")
    examples = page.select_one("#gap-svartid").find_parent("section").select("ul.profile-examples li")
    linked = {li.a.get_text() for li in examples}
    assert linked and linked <= {"alta-6", "alta-13", "bomlo-29"}
    assert all("kommunar/" in li.a["href"] and "#" in li.a["href"] for li in examples)
    # counts against the median, drawn and as a table
    assert page.select_one("figure.chart svg[role=img]") is not None
    rows = {tr.th.get_text(strip=True): tr.find_all("td")[0].get_text(strip=True) for tr in page.select("#median ~ table tbody tr")}
    assert any(value.startswith(str(15)) for value in rows.values()), rows  # Frogn's 15 rules
    # linked from the guideline page and the overview
    assert page.h1.get_text(strip=True).startswith("Profil: Frogn")
    assert soup(site, f"{root}kommunar/frogn/").select_one('a[href$="profil/frogn/"]') is not None
    assert len(soup(site, f"{root}kommunar/").select('a[href*="profil/"]')) == len(MUNICIPALITIES)


def test_a_profiles_examples_are_the_shared_wording_groups_of_the_notes_under_each_rule() -> None:
    """One example per group of shared wording (model.shared, as the rule pages' notes say), naming the
    group's other municipalities whose rule is on the topic too; a rule shared with no one stands
    alone. Never the profile's own municipality: it lacks the topic (issue #22: Bømlo's profile listed
    pictures as a gap, and its example said "Same ordlyd òg hos … Bømlo")."""
    model = load_site(ROOT / "docs", ROOT / "data" / "topics.yml")
    seen_shared = 0
    for lang in LANGS:
        profiles = model.profiles[lang]
        for column in model.matrices[lang].columns:
            for topic, examples in profiles.profile(column.slug).missing_topics:
                for example in examples:
                    group = model.shared.group(example.entry.rule_id)
                    entries = model.matrices[lang].by_rule
                    on_topic = {entries[r].slug for r in group.rule_ids if topic.id in entries[r].topics} if group else set()
                    assert set(example.also) == on_topic - {example.entry.slug}, example.entry.rule_id
                    assert column.slug not in example.also, (column.slug, topic.id, example.entry.rule_id)
                    seen_shared += bool(group)
                assert len({model.shared.group(e.entry.rule_id) or e.entry.rule_id for e in examples}) == len(examples)
    assert seen_shared, "no profile shows a shared wording: the test shows nothing"


@pytest.mark.parametrize("lang", LANGS)
def test_coverage_page_has_the_gap_check_heatmaps_with_numbers_and_links_to_the_matrix(site: Path, lang: str) -> None:
    page = soup(site, f"{lang_root(lang)}dekning/")
    heatmaps = page.select("figure.heatmap svg")
    assert len(heatmaps) == 2
    topic_map = heatmaps[0]
    values = [t.get_text() for t in topic_map.select("text.heat-value")]
    assert len(values) == len(TOPIC_IDS) * len(MUNICIPALITIES)
    table = page.select_one("table.coverage:not(.checklist-table)")
    counts = [td.get_text(strip=True).replace("–", "").replace("\xa0", "") for td in table.select("tbody td.count")]
    cells = [re.sub(r"\D", "", c) or "0" for c in counts]
    assert [v if v != "–" else "0" for v in values] == cells  # the chart and the table say the same
    links = [a["href"] for a in table.select("tbody td.count a")]
    assert links and all(re.search(r"matrise/\?k=[a-z]+&t=[a-z-]+$", href) for href in links)
    # the checklist table: every point, with its sources, and who answers it
    rows = page.select("table.checklist-table tbody tr")
    assert [tr["id"] for tr in rows] == [p["id"] for p in CHECKLIST["points"]]
    for tr, point in zip(rows, CHECKLIST["points"]):  # sources named, linked where the address is known
        assert len(tr.select('details a[rel="external"][href^="https://"]')) == len([s for s in point["sources"] if "url" in SOURCES[s]])
        assert all(SOURCES[s]["title"] in tr.get_text(" ") for s in point["sources"])
    for tr, point in zip(rows, CHECKLIST["points"]):
        answered = [slug for slug in sorted(MUNICIPALITIES, key=lambda s: s.replace("ø", "{").replace("å", "}")) if set(point["topics"]) & annotated_topics(slug)]
        assert len(tr.select("td.answered")) == len(answered), point["id"]
    few = page.select_one("#faa").find_next("ul").select("li a")
    assert {a["href"].lstrip("#") for a in few} == {
        p["id"] for p in CHECKLIST["points"] if 2 * sum(1 for s in MUNICIPALITIES if set(p["topics"]) & annotated_topics(s)) <= len(MUNICIPALITIES)
    }


def test_every_checklist_point_carries_a_source_with_address_and_date() -> None:
    """Each source links to its publisher's own address over https, or, where that address is not
    known (KS' 2012 "Veikart", found only as a copy on docplayer.me), is cited without a link and
    its note says why."""
    sources = {s["id"]: s for s in CHECKLIST["sources"]}
    for point in CHECKLIST["points"]:
        assert point["sources"], point["id"]
        for source_id in point["sources"]:
            source = sources[source_id]
            assert source["title"] and source["publisher"]
            if "url" in source:
                assert re.match(r"https://", source["url"]) and "docplayer" not in source["url"], source["url"]
            else:
                assert "not linked" in source["note"], f"{source_id} has no url and its note does not say why"
            assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(source["read"]))
        assert set(point["topics"]) <= set(TOPIC_IDS)
    assert len(load_checklist(ROOT / "data" / "checklist.yml", TOPIC_IDS)) == len(CHECKLIST["points"])


BOMB = "x: &a [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]\ny: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda t: t.replace("    sources: [datatilsynet-bilder-av-barn]\n", ""), "punktet 'bilete-av-born' har ingen kjelde"),
        (lambda t: t.replace("topics: [svartid]", "topics: [svartider]"), "temaet svartider finst ikkje i data/topics.yml"),
        (lambda t: t.replace("topics: [svartid]", "topics: svartid"), "punktet 'svartid' har ingen tema"),
        (lambda t: t.replace("    read: 2026-11-30\n", "    read: i fjor\n", 1), "read må vere datoen du las kjelda"),
        (lambda t: t.replace("    read: 2026-11-30\n", "    read: 2999-01-01\n", 1), "read må vere datoen du las kjelda"),
        (lambda t: t.replace("sources: [digdir-politikk]", "sources: [digdir-politikken]"), "kjelda digdir-politikken finst ikkje"),
        (lambda t: t.replace("      nn: Teieplikta gjeld òg i sosiale medium.\n", ""), "punktet 'teieplikt': text må ha nb og nn"),
        (lambda t: t.replace("label: {nb: \"Taushetsplikt\", nn: \"Teieplikt\"}", "label: {nb: ['<b>x</b>'], nn: y}"), "punktet 'teieplikt': label nb må vere ein tekst"),
        (lambda t: t.replace('label: {nb: "Taushetsplikt"', 'label: {nb: "Taushets<b>plikt"'), "punktet 'teieplikt': label nb inneheld < eller >"),
        (lambda t: t.replace('label: {nb: "Taushetsplikt"', 'label: {nb: "Taushets\\u202eplikt"'), "kontrollteikn (U+202E)"),
        (lambda t: t.replace("url: https://www.digdir.no/datadeling/personvern-pa-facebook/2960", "url: javascript:alert(1)"), "kjelda 'digdir-facebook': url må vere ei nettadresse"),
        (lambda t: t.replace("  - id: teieplikt\n", "  - id: kart\n"), "id-en 'kart' må vere"),
        (lambda t: t.replace("url: https://www.digdir.no/datadeling/personvern-pa-facebook/2960", "url: http://docplayer.me/1-x.html"), "url må byrje med https://"),
        (lambda t: t.replace("    url: https://www.digdir.no/datadeling/personvern-pa-facebook/2960\n", ""), "kjelda 'digdir-facebook': url må vere ei nettadresse"),
        (lambda t: t.replace("  - id: teieplikt\n", "  - teieplikt\n  - id: x\n"), "punkt nr. 10 må vere ein tabell"),
        (lambda t: BOMB + t, "bruk ikkje YAML-ankre"),
    ],
)
def test_a_broken_checklist_fails_with_file_line_and_what_to_do(tmp_path: Path, change, message: str) -> None:
    broken = tmp_path / "checklist.yml"
    broken.write_text(change((ROOT / "data" / "checklist.yml").read_text(encoding="utf-8")), encoding="utf-8")
    with pytest.raises(GuidelineError) as error:
        load_checklist(broken, TOPIC_IDS)
    assert message in str(error.value)
    assert error.value.line >= 1 and str(error.value).startswith("data/checklist.yml:")
    line = broken.read_text(encoding="utf-8").split("\n")[error.value.line - 1]
    assert "- id:" in line or "- teieplikt" in line or "&a" in line, line  # the entry the problem is in


def test_a_duplicate_point_is_reported_at_the_duplicate(tmp_path: Path) -> None:
    text = (ROOT / "data" / "checklist.yml").read_text(encoding="utf-8")
    broken = tmp_path / "checklist.yml"
    broken.write_text(text.replace("  - id: deltaking\n", "  - id: svartid\n"), encoding="utf-8")
    with pytest.raises(GuidelineError) as error:
        load_checklist(broken, TOPIC_IDS)
    lines = broken.read_text(encoding="utf-8").split("\n")
    assert error.value.line == max(n for n, line in enumerate(lines, 1) if line == "  - id: svartid")


@pytest.mark.parametrize(
    ("breakage", "message"),
    [
        (lambda docs: (docs / "profil" / "alta.nn.md").unlink(), "docs/profil/alta.nn.md:0: kommunen 'alta' har inga profilside; køyr: guidelines stub-pages"),
        (
            lambda docs: (docs / "om" / "profil.nb.md").write_text("---\ngenerated: profile\n---\n", encoding="utf-8"),
            "docs/om/profil.nb.md:0: profilsider ligg berre i docs/profil/",
        ),
        (
            lambda docs: [(docs / "om" / f"alta.{lang}.md").write_text("---\ngenerated: 'profile' # x\n---\n", encoding="utf-8") for lang in LANGS],
            "docs/om/alta.nb.md:0: profilsider ligg berre i docs/profil/",
        ),
        (
            lambda docs: (docs / "profil" / "oslo.nb.md").write_text("---\ngenerated: profile\n---\n", encoding="utf-8"),
            "docs/profil/oslo.nb.md:0: sida er profilen til 'oslo', som ikkje har nokon retningslinje",
        ),
    ],
    ids=["missing", "elsewhere", "elsewhere, quoted with a comment", "no such municipality"],
)
def test_a_missing_stray_or_orphan_profile_page_fails_the_build(project: Path, tmp_path: Path, breakage, message: str) -> None:
    breakage(project / "docs")
    result = run_build(project, tmp_path / "site")
    assert result.returncode != 0
    assert message in result.stdout + result.stderr


def test_stub_pages_check_finds_a_profile_missing_and_writes_it(project: Path) -> None:
    (project / "docs" / "profil" / "loten.nb.md").unlink()
    command = [sys.executable, "-m", "municipal_guidelines", "stub-pages"]
    check = subprocess.run([*command, "--check"], capture_output=True, text=True, cwd=project)
    assert check.returncode == 1 and "profil/loten.nb.md" in check.stdout
    subprocess.run(command, check=True, capture_output=True, cwd=project)
    assert subprocess.run([*command, "--check"], capture_output=True, cwd=project).returncode == 0


def test_heat_levels_put_any_count_above_nothing_and_the_largest_at_the_top() -> None:
    assert level(0, 12) == 0 and level(1, 12) == 1 and level(12, 12) == LEVELS - 1
    assert all(1 <= level(n, 12) <= LEVELS - 1 for n in range(1, 13))
    assert [level(n, 12) for n in range(13)] == sorted(level(n, 12) for n in range(13))


@pytest.mark.parametrize("lang", LANGS)
def test_coverage_exports_validate_open_in_a_norwegian_spreadsheet_and_use_absolute_urls(tmp_path: Path, lang: str) -> None:
    out = tmp_path / "out"
    subprocess.run(
        [sys.executable, "-m", "municipal_guidelines", "model", str(out), "--site-url", "https://retningsliner.example.no/"],
        check=True, capture_output=True, cwd=ROOT,
    )
    data = out / lang_root(lang) / "data"
    document = json.loads((data / "coverage.json").read_text(encoding="utf-8"))
    schema = json.loads((ROOT / "data" / "coverage.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(document, schema, format_checker=jsonschema.FormatChecker())
    for municipality in document["municipalities"]:
        covered = annotated_topics(municipality["slug"])
        assert set(municipality["topics_missing"]) == set(TOPIC_IDS) - covered
        assert set(municipality["checklist_answered"]) == answered_points(covered)
        assert municipality["profile_url"] == f"https://retningsliner.example.no/{lang_root(lang)}profil/{municipality['slug']}/"
    for name, columns in (("matrix", 11), ("coverage", 9), ("gaps", 9)):  # each with topics_reviewed
        raw = (data / f"{name}.semicolon.csv").read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf")  # a byte-order mark: æøå read right
        rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
        assert {len(row) for row in rows} == {columns}, name
        comma = list(csv.reader(io.StringIO((data / f"{name}.csv").read_text(encoding="utf-8-sig"))))
        assert rows == comma
        assert all(cell.startswith("https://retningsliner.example.no/") for cell in (row[-1] for row in rows[1:]))
    gaps = list(csv.DictReader(io.StringIO((data / "gaps.semicolon.csv").read_text(encoding="utf-8-sig")), delimiter=";"))
    assert len(gaps) == len(MUNICIPALITIES) * len(CHECKLIST["points"])


def test_a_municipality_named_like_a_section_of_the_topic_pages_is_refused(tmp_path: Path) -> None:
    """A topic page gives each municipality's card its slug as id, beside its own sections."""
    docs = tmp_path / "docs"
    shutil.copytree(ROOT / "docs", docs)
    for lang in LANGS:
        text = (docs / "kommunar" / f"alta.{lang}.md").read_text(encoding="utf-8").replace("#alta-", "#lover-")
        (docs / "kommunar" / f"lover.{lang}.md").write_text(text, encoding="utf-8")
        (docs / "kommunar" / f"alta.{lang}.md").unlink()
        (docs / "profil" / f"alta.{lang}.md").rename(docs / "profil" / f"lover.{lang}.md")
    with pytest.raises(GuidelineErrors) as errors:
        load_site(docs, ROOT / "data" / "topics.yml")
    assert "docs/kommunar/lover.nb.md:0: filnamnet 'lover' er namnet på ein bolk på temasidene" in str(errors.value)


def test_a_profile_written_from_the_shell_has_its_own_title_heading_and_address() -> None:
    """Only the frame and heading are the shell's municipality's; links in the profile itself stay."""
    shell = read_shell(
        '<title>Profil: Alta - X</title><a href="../../nn/profil/alta/">Nynorsk</a>'
        + mark('<h1 id="profil-alta">Profil: Alta<a href="#profil-alta">¶</a></h1>', "<p>shell</p>")
        + "<footer>Profil: Alta</footer>",
        Subject("alta", "Profil: Alta", "profil-alta"),
    )
    page = fill(shell, Subject("bomlo", "Profil: Bømlo", "profil-bmlo"), '<a href="../alta/">Alta</a> Profil: Alta')
    assert page.startswith('<title>Profil: Bømlo - X</title><a href="../../nn/profil/bomlo/">Nynorsk</a>')
    assert '<h1 id="profil-bmlo">Profil: Bømlo<a href="#profil-bmlo">¶</a></h1>' in page
    assert '<a href="../alta/">Alta</a> Profil: Alta' in page and page.endswith("<footer>Profil: Bømlo</footer>")


@pytest.mark.parametrize("lang", LANGS)
def test_every_profile_page_names_its_own_municipality_in_title_heading_and_language_links(site: Path, lang: str) -> None:
    names = {"alta": "Alta", "bomlo": "Bømlo", "frogn": "Frogn", "loten": "Løten", "meraker": "Meråker"}
    for slug, name in names.items():
        page = soup(site, f"{lang_root(lang)}profil/{slug}/")
        assert page.title.get_text().startswith(f"Profil: {name}")
        assert page.h1["id"] == slugify(f"Profil: {name}", "-")
        assert page.select_one(f'a[hreflang="{"nn" if lang == "nb" else "nb"}"][href*="profil/{slug}/"]') is not None, slug
        assert not [a["href"] for a in page.select("header a[href*='profil/']") if f"profil/{slug}/" not in a["href"]]


def test_pagefind_reads_every_folder_of_the_site_but_the_profiles(site: Path) -> None:
    """The profile pages are not indexed; Pagefind does not even read them (714 files at N = 357)."""
    from municipal_guidelines.site.search import pages_glob

    glob = pages_glob(site)
    folders = {p.name for p in site.iterdir() if p.is_dir()} - {"pagefind", "profil", "nn", "kommunar"}
    assert all(f"{folder}/**/*.html" in glob and f"nn/{folder}/**/*.html" in glob for folder in folders - {"assets", "search"} if (site / "nn" / folder).is_dir())
    assert "profil/" not in glob and "*.html" in glob
    # every guideline page (kommunar/<slug>/index.html) and the overview, but not the earlier
    # versions (kommunar/<slug>/versjon/<date>/), which are not indexed either (tests/test_versions.py)
    for prefix in ("", "nn/"):
        assert f"{prefix}kommunar/*.html" in glob and f"{prefix}kommunar/*/*.html" in glob
        assert f"{prefix}kommunar/**" not in glob


@pytest.mark.parametrize("lang", LANGS)
def test_a_source_without_a_known_address_is_cited_not_linked(site: Path, lang: str) -> None:
    """KS' "Veikart" was linked through docplayer.me over http on every profile and the coverage page."""
    for url in (f"{lang_root(lang)}dekning/", f"{lang_root(lang)}profil/bomlo/"):
        page = soup(site, url)
        links = [a["href"] for a in page.select("article a[href]")]
        assert not [href for href in links if href.startswith("http:") or "docplayer" in href], f"/{url}: {links}"
        assert "Veikart for sosiale medier i kommunesektoren" in page.get_text(" "), f"/{url} no longer cites KS' Veikart"
