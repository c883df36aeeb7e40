"""Versions of a guideline: a revised text imported with --new-version keeps the ids of its kept and
reworded rules, the earlier version stays published at its own address, and the changes show on
the pages, on "Sist endra" and in the Atom feeds, in both language forms.

The municipality is made up (Prøvedal, tests/data/revision/): its two versions are texts written for
these tests, imported into a copy of the project; the published guidelines keep one version each.
"""

from __future__ import annotations

import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT, copy_project, run_build
from municipal_guidelines.format.errors import GuidelineErrors
from municipal_guidelines.format.guideline import parse_guideline
from municipal_guidelines.model.site import load_site

REVISION = Path(__file__).parent / "data" / "revision"
FIRST, SECOND = REVISION / "provedal-2019.txt", REVISION / "provedal-2024.txt"
ATOM = "{http://www.w3.org/2005/Atom}"
SLUG = "provedal"


def guidelines(project: Path, *args: str | Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "municipal_guidelines", *map(str, args)], capture_output=True, text=True, cwd=project
    )


def import_first(project: Path) -> None:
    done = guidelines(
        project, "import", FIRST, "--name", "Prøvedal", "--number", "9901", "--county", "Vestland", "--lang", "nb",
        "--adopted", "2019-03-12", "--decision", "PS 14/2019",
    )
    assert done.returncode == 0, done.stderr


def new_version(project: Path, *extra: str) -> subprocess.CompletedProcess:
    return guidelines(
        project, "import", SECOND, "--new-version", "--slug", SLUG, "--adopted", "2024-02-20", "--decision", "PS 9/2024",
        "--in-force", "2024-04-01", *extra,
    )


def rules_by_text(path: Path) -> dict[str, str]:
    page = parse_guideline(path.read_text(encoding="utf-8"), path)
    return {rule.text: rule.id for rule in page.rules}


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def revised(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str], subprocess.CompletedProcess]:
    """A copy of the project with Prøvedal's first version imported, then its second with --new-version."""
    project = copy_project(tmp_path_factory.mktemp("revised") / "project")
    import_first(project)
    before = rules_by_text(project / "docs" / "kommunar" / f"{SLUG}.nb.md")
    done = new_version(project)
    assert done.returncode == 0, done.stderr
    return project, before, done


def first_words(text: str, words: int = 5) -> str:
    return " ".join(text.split()[:words])


def test_kept_and_reworded_rules_keep_their_ids(revised):
    project, before, _ = revised
    after = rules_by_text(project / "docs" / "kommunar" / f"{SLUG}.nb.md")
    second = SECOND.read_text(encoding="utf-8")
    unchanged = {text: rule_id for text, rule_id in before.items() if text in second}
    assert len(unchanged) >= 6, unchanged
    for text, rule_id in unchanged.items():
        assert after.get(text) == rule_id, f"unchanged rule {rule_id} ({text!r}) got {after.get(text)}"
    # Reworded in the second version (tests/data/revision): the same opening words, other text.
    for opening in ("Skriv aldri om brukere", "Hver konto skal", "Svar på spørsmål og kommentarer"):
        old = [(t, i) for t, i in before.items() if t.startswith(opening)]
        new = [(t, i) for t, i in after.items() if t.startswith(opening)]
        assert len(old) == len(new) == 1 and old[0][0] != new[0][0], (old, new)
        assert new[0][1] == old[0][1], f"reworded rule {old[0][1]} got the id {new[0][1]}"


def test_new_rules_get_unused_ids_and_a_removed_id_is_not_reused(revised):
    project, before, _ = revised
    after = rules_by_text(project / "docs" / "kommunar" / f"{SLUG}.nb.md")
    numbers = {int(rule_id.rsplit("-", 1)[1]) for rule_id in before.values()}
    new_ids = [rule_id for text, rule_id in after.items() if text.startswith(("Bruk ikke kunstig", "Alle innlegg skal"))]
    assert len(new_ids) == 2
    assert all(int(rule_id.rsplit("-", 1)[1]) > max(numbers) for rule_id in new_ids), new_ids
    removed = before["Svar ikke på henvendelser om enkeltsaker i sosiale medier; henvis til kommunens postmottak."]
    assert removed not in after.values()


def test_the_reviewer_sees_the_alignment(revised):
    _, before, done = revised
    removed = before["Svar ikke på henvendelser om enkeltsaker i sosiale medier; henvis til kommunens postmottak."]
    table = [line for line in done.stdout.splitlines() if line.startswith("  ")]
    assert any("gammal id" in line and "likskap" in line and "avgjerd" in line for line in table), done.stdout
    kept = before["Hver konto skal ha minst to administratorer."]
    row = next(line for line in table if "Hver konto skal alltid" in line)
    assert kept in row and "omskriven" in row, row
    assert any(removed in line and "fjerna" in line for line in table)


def test_the_earlier_version_is_kept_unchanged_with_its_translation(revised):
    project, _, done = revised
    folder = project / "docs" / "kommunar" / SLUG / "versjon"
    assert sorted(p.name for p in folder.iterdir()) == ["2019-03-12.nb.md", "2019-03-12.nn.md"]
    original = (folder / "2019-03-12.nb.md").read_text(encoding="utf-8")
    assert rules_by_text(folder / "2019-03-12.nb.md")["Hver konto skal ha minst to administratorer."]
    assert 'adopted: "2019-03-12"' in original and "source: provedal.txt" in original
    assert (project / "sources" / "provedal.txt").read_bytes() == FIRST.read_bytes()
    assert (project / "sources" / "provedal-2024-04-01.txt").read_bytes() == SECOND.read_bytes()
    current = (project / "docs" / "kommunar" / f"{SLUG}.nb.md").read_text(encoding="utf-8")
    assert 'in_force: "2024-04-01"' in current and 'decision: "PS 9/2024"' in current
    assert "source: provedal-2024-04-01.txt" in current
    checked = guidelines(project, "translate", "--check")
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_dry_run_writes_nothing_and_pair_corrects_the_alignment(tmp_path):
    project = copy_project(tmp_path / "project")
    import_first(project)
    before = tree(project)
    first = rules_by_text(project / "docs" / "kommunar" / f"{SLUG}.nb.md")
    kept = first["Hver konto skal ha minst to administratorer."]
    done = new_version(project, "--dry-run")
    assert done.returncode == 0, done.stderr
    assert tree(project) == before
    row = next(line for line in done.stdout.splitlines() if "Hver konto skal alltid" in line)
    number = row.split()[0]
    corrected = new_version(project, "--dry-run", "--pair", f"{number}=ny")
    row = next(line for line in corrected.stdout.splitlines() if "Hver konto skal alltid" in line)
    columns = row.split()  # row, decision, new id, text: no old id and no similarity
    assert columns[0] == number and columns[1] == "ny" and columns[2] != kept, row
    assert any(kept in line and "fjerna" in line for line in corrected.stdout.splitlines())
    bad = new_version(project, "--dry-run", "--pair", f"{number}=provedal-999")
    assert bad.returncode == 2 and "provedal-999" in bad.stderr
    assert tree(project) == before


def test_new_version_needs_an_existing_page(tmp_path):
    project = copy_project(tmp_path / "project")
    done = new_version(project)
    assert done.returncode == 2 and "finst ikkje" in done.stderr and "--new-version" in done.stderr


@pytest.fixture(scope="module")
def site(revised, tmp_path_factory) -> Path:
    project, _, _ = revised
    out = tmp_path_factory.mktemp("site")
    done = run_build(project, out)
    assert done.returncode == 0, done.stdout + done.stderr
    return out


def page(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path / "index.html").read_text(encoding="utf-8"), "html.parser")


@pytest.mark.parametrize("lang, prefix, heading, notice", [("nb", "", "Endringer", "Tidligere versjon"), ("nn", "nn/", "Endringar", "Tidlegare versjon")])
def test_pages_show_the_versions_and_the_changes(site, revised, lang, prefix, heading, notice):
    project, before, _ = revised
    current = page(site, f"{prefix}kommunar/{SLUG}")
    history = current.select_one("#endringar")
    assert history is not None and history.h2.get_text(strip=True) == heading
    assert history.has_attr("data-pagefind-ignore")
    changed = history.select(".version-changes li")
    assert any(li.find("ins") and li.find("del") for li in changed), "a reworded rule shows a word diff"
    earlier = page(site, f"{prefix}kommunar/{SLUG}/versjon/2019-03-12")
    banner = earlier.select_one(".version-notice")
    assert banner is not None and notice in banner.get_text()
    link = banner.find("a")["href"]
    assert (site / f"{prefix}kommunar/{SLUG}/versjon/2019-03-12" / link / "index.html").resolve() == (site / f"{prefix}kommunar/{SLUG}/index.html").resolve()
    assert earlier.select_one("[data-pagefind-body]") is None, "an earlier version is not in the search index"
    assert current.select_one("[data-pagefind-body]") is not None
    kept = before["Hver konto skal ha minst to administratorer."]
    assert earlier.find(id=kept) is not None and current.find(id=kept) is not None


@pytest.mark.parametrize("prefix", ["", "nn/"])
def test_a_removed_rules_permalink_leads_to_the_version_it_stood_in(site, revised, prefix):
    _, before, _ = revised
    removed = before["Svar ikke på henvendelser om enkeltsaker i sosiale medier; henvis til kommunens postmottak."]
    current = page(site, f"{prefix}kommunar/{SLUG}")
    anchor = current.find(id=removed)
    assert anchor is not None and "rule" not in (anchor.get("class") or [])
    href = anchor.find("a")["href"]
    path, _, fragment = href.partition("#")
    target = (site / f"{prefix}kommunar/{SLUG}" / path / "index.html").resolve()
    assert target == (site / f"{prefix}kommunar/{SLUG}/versjon/2019-03-12/index.html").resolve()
    assert fragment == removed
    assert BeautifulSoup(target.read_text(encoding="utf-8"), "html.parser").find(id=removed) is not None


@pytest.mark.parametrize("prefix, title", [("", "Sist endret"), ("nn/", "Sist endra")])
def test_the_latest_changes_page(site, prefix, title):
    soup = page(site, f"{prefix}sist-endra")
    assert soup.h1.get_text(strip=True).rstrip("¶") == title
    entries = soup.select(".site-change")
    assert len(entries) == 1 and "Prøvedal" in entries[0].h2.get_text()


@pytest.mark.parametrize("prefix", ["", "nn/"])
def test_feeds_are_atom_with_links_that_resolve(site, prefix):
    for feed_path in (f"{prefix}endringar.xml", f"{prefix}kommunar/{SLUG}/endringar.xml"):
        feed = ET.parse(site / feed_path).getroot()
        assert feed.tag == f"{ATOM}feed"
        for required in ("id", "title", "updated", "author"):
            assert feed.find(f"{ATOM}{required}") is not None, (feed_path, required)
        entries = feed.findall(f"{ATOM}entry")
        assert len(entries) == 1, feed_path
        entry = entries[0]
        assert entry.find(f"{ATOM}id").text.startswith("urn:uuid:")
        assert entry.find(f"{ATOM}updated").text == "2024-04-01T00:00:00Z"
        href = entry.find(f"{ATOM}link").get("href")
        path, _, fragment = href.partition("#")
        target = (site / feed_path).parent / path / "index.html"
        assert target.is_file(), (feed_path, href)
        assert BeautifulSoup(target.read_text(encoding="utf-8"), "html.parser").find(id=fragment) is not None
        content = BeautifulSoup(entry.find(f"{ATOM}content").text, "html.parser")
        assert content.find("ins") and content.find("del")
    # a municipality without a new version has a feed without entries
    loten = ET.parse(site / f"{prefix}kommunar/loten/endringar.xml").getroot()
    assert loten.findall(f"{ATOM}entry") == []


def test_the_matrix_holds_only_the_current_version(site, revised):
    _, before, _ = revised
    matrix = json.loads((site / "data" / "matrix.json").read_text(encoding="utf-8"))
    columns = [c for c in matrix["municipalities"] if c["slug"] == SLUG]
    assert len(columns) == 1 and columns[0]["in_force"] == "2024-04-01" and columns[0]["decision"] == "PS 9/2024"
    texts = {rule["rule_id"]: rule["text"] for rule in matrix["rules"] if rule["rule_id"].startswith(f"{SLUG}-")}
    removed = before["Svar ikke på henvendelser om enkeltsaker i sosiale medier; henvis til kommunens postmottak."]
    assert removed not in texts, "a removed rule is not in the matrix"
    assert texts[before["Hver konto skal ha minst to administratorer."]] == "Hver konto skal alltid ha minst to administratorer fra kommunen."


def version_project(tmp_path: Path, revised) -> Path:
    source, _, _ = revised
    project = copy_project(tmp_path / "project")
    for part in ("docs/kommunar", "sources", "docs/profil"):
        subprocess.run(["cp", "-a", f"{source / part}/.", str(project / part)], check=True)
    return project


@pytest.mark.parametrize(
    "change, message",
    [
        (lambda text: text.replace('adopted: "2019-03-12"', 'adopted: "2019-03-13"'), "filnamnet seier at versjonen gjaldt frå 2019-03-12"),
        (lambda text: text.replace('municipality_number: "9901"', 'municipality_number: "9902"'), "kommunenummeret 9902"),
        (lambda text: text.replace('adopted: "2019-03-12"', "adopted: 12.03.2019"), "ÅÅÅÅ-MM-DD"),
        (lambda text: text.replace('adopted: "2019-03-12"', 'adopted: "2019-02-30"'), "ikkje ein dag som finst"),
    ],
)
def test_a_bad_earlier_version_fails_with_file_and_line(tmp_path, revised, change, message):
    project = version_project(tmp_path, revised)
    for lang in ("nb", "nn"):
        path = project / "docs" / "kommunar" / SLUG / "versjon" / f"2019-03-12.{lang}.md"
        path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")
    with pytest.raises(GuidelineErrors) as failed:
        load_site(project / "docs", project / "data" / "topics.yml")
    assert message in str(failed.value), str(failed.value)
    assert "docs/kommunar/provedal/versjon/2019-03-12.nb.md:" in str(failed.value)


def test_an_earlier_version_with_a_file_name_that_is_not_a_date_fails(tmp_path, revised):
    project = version_project(tmp_path, revised)
    folder = project / "docs" / "kommunar" / SLUG / "versjon"
    (folder / "2019-03-12.nb.md").rename(folder / "gammal.nb.md")
    with pytest.raises(GuidelineErrors) as failed:
        load_site(project / "docs", project / "data" / "topics.yml")
    assert "docs/kommunar/provedal/versjon/gammal.nb.md:1: filnamnet 'gammal.nb.md' passar ikkje" in str(failed.value)


def test_an_earlier_version_without_a_current_page_fails(tmp_path, revised):
    project = version_project(tmp_path, revised)
    earlier = project / "docs" / "kommunar" / SLUG / "versjon"
    elsewhere = project / "docs" / "kommunar" / "ukjend" / "versjon"
    elsewhere.mkdir(parents=True)
    for page in earlier.iterdir():
        page.rename(elsewhere / page.name)
    with pytest.raises(GuidelineErrors) as failed:
        load_site(project / "docs", project / "data" / "topics.yml")
    assert "docs/kommunar/ukjend/versjon/2019-03-12.nb.md:0: dette er ein tidlegare versjon, men kommunar/ukjend.<nb|nn>.md (den gjeldande) finst ikkje" in str(failed.value)


def test_the_published_guidelines_have_one_version_each():
    model = load_site(ROOT / "docs", ROOT / "data" / "topics.yml")
    assert model.histories == {}
    assert all(len(model.history(slug).versions) == 1 for slug in model.guidelines)


@pytest.mark.parametrize("prefix, note", [("", "Versjonen fra 2024-04-01."), ("nn/", "Versjonen frå 2024-04-01.")])
def test_exports_carry_the_version_and_its_dates(site, prefix, note):
    import jsonschema

    matrix = json.loads((site / prefix / "data" / "matrix.json").read_text(encoding="utf-8"))
    jsonschema.validate(matrix, json.loads((ROOT / "data" / "matrix.schema.json").read_text(encoding="utf-8")))
    column = next(c for c in matrix["municipalities"] if c["slug"] == SLUG)
    assert (column["version"], column["adopted"], column["in_force"]) == ("2024-04-01", "2024-02-20", "2024-04-01")
    assert next(c for c in matrix["municipalities"] if c["slug"] == "loten")["version"] == ""
    document = json.loads((site / prefix / "data" / "kommunar" / f"{SLUG}.json").read_text(encoding="utf-8"))
    jsonschema.validate(document, json.loads((ROOT / "data" / "municipality.schema.json").read_text(encoding="utf-8")))
    assert document["version"]["date"] == "2024-04-01" and document["version"]["decision"] == "PS 9/2024"
    # the draft builder's strings: the note it adds to each rule's source
    settings = BeautifulSoup((site / prefix / "utkast" / "index.html").read_text(encoding="utf-8"), "html.parser").find(id="draft-settings")
    assert json.loads(settings.string)["ui"]["draft_version_note"].format(date="2024-04-01") == note


def test_feeds_escape_the_text_and_use_absolute_links_with_a_site_url(tmp_path, revised):
    from municipal_guidelines.export.feeds import write_feeds
    from municipal_guidelines.project import Project
    from municipal_guidelines.site.state import load_ui

    project = version_project(tmp_path, revised)
    current = project / "docs" / "kommunar" / f"{SLUG}.nb.md"
    text = current.read_text(encoding="utf-8")
    current.write_text(text.replace("med bildetekst på hvert bilde.", "med bildetekst på hvert bilde (Q&A, «svar» og 1 > 0 er ikke lov)."), encoding="utf-8")
    model = load_site(project / "docs", project / "data" / "topics.yml")
    uis = {lang: load_ui(Project(project), lang) for lang in ("nb", "nn")}
    out = tmp_path / "site"
    write_feeds(out, model, uis, "https://example.org/retningslinjer/", "nb")
    feed = ET.parse(out / "kommunar" / SLUG / "endringar.xml").getroot()
    entry = feed.find(f"{ATOM}entry")
    assert entry.find(f"{ATOM}link").get("href") == f"https://example.org/retningslinjer/kommunar/{SLUG}/#endringar-2024-04-01"
    assert feed.find(f"{ATOM}id").text == f"https://example.org/retningslinjer/kommunar/{SLUG}/endringar.xml"
    content = BeautifulSoup(entry.find(f"{ATOM}content").text, "html.parser")
    assert "Q&A, «svar» og 1 > 0" in content.get_text()
    assert content.find("script") is None and all(tag.name in ("p", "h3", "ul", "li", "ins", "del") for tag in content.find_all(True))
    nn = ET.parse(out / "nn" / "endringar.xml").getroot()
    assert nn.find(f"{ATOM}link[@rel='alternate']").get("href") == "https://example.org/retningslinjer/nn/sist-endra/"


def test_version_pages_are_valid_html(site):
    from test_html_valid import allowed_by, allowlist, validate

    pages = [
        site / f"{prefix}{path}/index.html"
        for prefix in ("", "nn/")
        for path in (f"kommunar/{SLUG}", f"kommunar/{SLUG}/versjon/2019-03-12", "sist-endra")
    ]
    entries = allowlist()
    errors = [m for m in validate(pages) if allowed_by(m, entries) is None]
    assert errors == [], errors


@pytest.mark.parametrize("lang, prefix", [("nb", ""), ("nn", "nn/")])
def test_topic_pages_and_the_matrix_mark_what_a_later_version_added_or_reworded(site, revised, lang, prefix):
    """Issue #23: «what changed since a date». Every rule of Prøvedal's current page whose text the
    first version did not have (added or reworded in the second, in force 2024-04-01) carries that
    date on the matrix and its topic pages, and no other rule does; the form offers the date."""
    project, before, _ = revised
    current = parse_guideline((project / "docs" / "kommunar" / f"{SLUG}.{lang}.md").read_text(encoding="utf-8"), project / "docs" / "kommunar" / f"{SLUG}.{lang}.md")
    first = next((project / "docs" / "kommunar" / SLUG / "versjon").glob(f"*.{lang}.md"))
    old_texts = {rule.text for rule in parse_guideline(first.read_text(encoding="utf-8"), first).rules}
    expected = {rule.id for rule in current.rules if rule.text not in old_texts}
    assert 3 <= len(expected) < len(current.rules), expected
    matrix = page(site, f"{prefix}matrise")
    marked = {q["data-rule"]: q["data-changed"] for q in matrix.select(".matrix-rule[data-changed]")}
    assert set(marked) == expected and set(marked.values()) == {"2024-04-01"}, marked
    assert [o["value"] for o in matrix.select("form[data-changes-since] select option")] == ["", "2024-04-01"]
    for q in matrix.select(".matrix-rule[data-changed]"):
        mark = q.select_one(".rule-changed")
        assert mark.has_attr("hidden") and "2024-04-01" in mark.get_text(), q
    topics = {t for rule in current.rules if rule.id in expected for t in rule.topics}
    for topic in topics:
        on_page = {q["data-rule"] for q in page(site, f"{prefix}tema/{topic}").select(".matrix-rule[data-changed]")}
        assert on_page == {rule.id for rule in current.rules if rule.id in expected and topic in rule.topics}, topic


def test_the_published_site_has_no_changes_since_form(tmp_path):
    """Every published guideline has one version: nothing changed since any date, no form to ask."""
    model = load_site(ROOT / "docs", ROOT / "data" / "topics.yml")
    from municipal_guidelines.render.history import changes_since

    for lang in ("nb", "nn"):
        assert changes_since(model, lang) == ({}, [])
