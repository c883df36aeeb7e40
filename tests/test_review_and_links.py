"""Review means review, and links that last (issue #20, items 5 and 6; the shared-wording items of #22).

A page with ``review: true`` has the importer's guessed topics: they never feed other municipalities'
profiles, the shared-wording groups, the counts across municipalities or the exports as if decided,
and are marked wherever they show. A shared-wording group keeps its id when a municipality is added.
"""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import LANGS, ROOT, copy_project, lang_root, run_build, soup
from municipal_guidelines.model.shared import SharedGroup, SharedWording, oldest_rule
from municipal_guidelines.model.site import load_site
from municipal_guidelines.render.shared import word_diff

UNREVIEWED = "meraker"  # its pages get review: true in the fixture project


def flag_for_review(project: Path, slug: str) -> None:
    """``review: true`` in both language forms of a guideline (the field is shared by the pair)."""
    for lang in LANGS:
        page = project / "docs" / "kommunar" / f"{slug}.{lang}.md"
        text = page.read_text(encoding="utf-8")
        page.write_text(text.replace("\n---\n", "\nreview: true\n---\n", 1), encoding="utf-8")


@pytest.fixture(scope="module")
def reviewed_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("review") / "project")
    flag_for_review(project, UNREVIEWED)
    return project


@pytest.fixture(scope="module")
def review_model(reviewed_project: Path):
    return load_site(reviewed_project / "docs", reviewed_project / "data" / "topics.yml")


@pytest.fixture(scope="module")
def real_model():
    return load_site(ROOT / "docs", ROOT / "data" / "topics.yml")


# --- review means review -------------------------------------------------------------------------


def test_the_fixture_flags_a_municipality_whose_rules_share_wording_when_reviewed(real_model, review_model) -> None:
    """Meråker's rules are in groups while reviewed (else the tests below show nothing)."""
    assert any(UNREVIEWED in g.municipalities for g in real_model.shared.groups)
    assert review_model.guideline(UNREVIEWED, "nb").meta.review and review_model.guideline(UNREVIEWED, "nn").meta.review


def test_unreviewed_rules_make_no_shared_wording_groups(review_model) -> None:
    assert review_model.shared.groups, "no groups left at all: the test shows nothing"
    assert all(UNREVIEWED not in g.municipalities for g in review_model.shared.groups)
    assert all(review_model.shared.group(e.rule_id) is None for e in review_model.matrices["nb"].entries if e.slug == UNREVIEWED)


@pytest.mark.parametrize("lang", LANGS)
def test_unreviewed_rules_are_never_how_others_word_a_topic_nor_counted_across_municipalities(review_model, real_model, lang) -> None:
    profiles, matrix = review_model.profiles[lang], review_model.matrices[lang]
    shown = 0
    for column in matrix.columns:
        profile = profiles.profile(column.slug)
        for _, examples in profile.missing_topics:
            for example in examples:
                shown += 1
                assert example.entry.slug != UNREVIEWED and UNREVIEWED not in example.also, (column.slug, example)
        if column.slug != UNREVIEWED:
            assert all(other.slug != UNREVIEWED for other, _ in profile.closest), column.slug
    assert shown
    # Meråker (its guessed topics) would count in a topic's coverage: it does not
    assert [c.slug for c in matrix.unreviewed] == [UNREVIEWED]
    for topic in matrix.topics:
        reviewed_covering = sum(1 for c in matrix.columns if c.slug != UNREVIEWED and matrix.cell(topic.id, c.slug))
        assert matrix.covered(topic.id) == reviewed_covering, topic.id
    assert any(matrix.cell(t.id, UNREVIEWED) and matrix.covered(t.id) < real_model.matrices[lang].covered(t.id) for t in matrix.topics)
    # the medians are of the reviewed municipalities only
    rules = sorted(c.rule_count for c in matrix.columns if c.slug != UNREVIEWED)
    assert profiles.medians["rules"] == (rules[len(rules) // 2] if len(rules) % 2 else (rules[len(rules) // 2 - 1] + rules[len(rules) // 2]) / 2)


@pytest.fixture(scope="module")
def reviewed_site(reviewed_project: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("review-site")
    result = run_build(reviewed_project, out)
    assert result.returncode == 0, result.stderr
    return out


@pytest.mark.parametrize("lang", LANGS)
def test_unreviewed_topics_are_marked_everywhere_they_show(reviewed_site: Path, lang: str) -> None:
    root = lang_root(lang)
    badge = {"nb": "temaene ikke gjennomgått", "nn": "tema ikkje gjennomgått"}[lang]
    # the matrix and the coverage page: the column is marked, and a note says who is not counted
    for page in ("matrise/", "dekning/", "tema/", "tema/rolle/"):
        html = soup(reviewed_site, f"{root}{page}")
        assert "Meråker" in html.select_one(".unreviewed-note").get_text(), page
    matrix = soup(reviewed_site, f"{root}matrise/")
    heads = {th["data-col"]: th.get_text(" ", strip=True) for th in matrix.select("th[data-col]")}
    assert badge in heads[UNREVIEWED] and not any(badge in text for slug, text in heads.items() if slug != UNREVIEWED)
    assert badge in soup(reviewed_site, f"{root}tema/rolle/").select_one(f"#{UNREVIEWED} h2").get_text()
    assert badge in soup(reviewed_site, f"{root}dekning/").select_one("table.coverage thead").get_text()
    # its own profile says its topics are not decided; no other profile quotes its rules
    assert soup(reviewed_site, f"{root}profil/{UNREVIEWED}/").select_one(".review-notice") is not None
    for other in ("alta", "bomlo", "frogn", "loten"):
        profile = soup(reviewed_site, f"{root}profil/{other}/")
        assert not profile.select(f'.profile-examples a[href*="kommunar/{UNREVIEWED}/"]'), other
        assert profile.select_one(".review-notice") is None
    assert not soup(reviewed_site, f"{root}lik-ordlyd/").select(f'section.shared-group a[href*="kommunar/{UNREVIEWED}/"]')


@pytest.mark.parametrize("lang", LANGS)
def test_the_exports_say_which_topics_are_unreviewed(reviewed_site: Path, lang: str) -> None:
    data = reviewed_site / lang_root(lang) / "data"
    rows = list(csv.DictReader(io.StringIO((data / "matrix.csv").read_text(encoding="utf-8-sig"))))
    assert {r["topics_reviewed"] for r in rows if r["rule_id"].startswith(f"{UNREVIEWED}-")} == {"false"}
    assert {r["topics_reviewed"] for r in rows if not r["rule_id"].startswith(f"{UNREVIEWED}-")} == {"true"}
    document = json.loads((data / "matrix.json").read_text(encoding="utf-8"))
    assert all(UNREVIEWED not in g["municipalities"] for g in document["shared_wording"]["groups"])
    coverage = json.loads((data / "coverage.json").read_text(encoding="utf-8"))
    assert {m["slug"]: m["topics_reviewed"] for m in coverage["municipalities"]}[UNREVIEWED] is False
    gaps = list(csv.DictReader(io.StringIO((data / "gaps.csv").read_text(encoding="utf-8-sig"))))
    assert {g["topics_reviewed"] for g in gaps if g["municipality"] == "Meråker"} == {"false"}
    assert json.loads((data / "kommunar" / f"{UNREVIEWED}.json").read_text(encoding="utf-8"))["topics_reviewed"] is False


# --- links that last -----------------------------------------------------------------------------

NEWCOMER = "aremark"  # alphabetically before every municipality of the project: it would have renamed the groups it joins
NEWCOMER_PAGE = """---
municipality: Aremark
municipality_number: "3118"
county: Østfold
original_language: nb
document_title: "Retningslinjer for sosiale medier i Aremark kommune"
adoption: ""
source: aremark.txt
---

# Retningslinjer for sosiale medier i Aremark kommune

- Ansatte og folkevalgte har full ytringsfrihet, men taushetsplikten gjelder også her.
  { #aremark-1 data-topics="ytringsfridom taushetsplikt" }
- Vær bevisst på skillet mellom administrativt og politisk nivå.
  { #aremark-2 data-topics="politisk-niva" }
- Husk at internett er permanent, og at det kan være vanskelig å slette det du har skrevet.
  { #aremark-3 data-topics="permanens" }
- Svar på spørsmål og kommentarer, og rett alltid opp feil fakta.
  { #aremark-4 data-topics="svar-og-tone" }
"""


def add_municipality(project: Path) -> None:
    """A municipality received after all the others, as ``guidelines import`` leaves it, translated."""
    (project / "docs" / "kommunar" / f"{NEWCOMER}.nb.md").write_text(NEWCOMER_PAGE, encoding="utf-8")
    (project / "sources" / f"{NEWCOMER}.txt").write_text("Aremark\n", encoding="utf-8")
    (project / "sources" / f"{NEWCOMER}.yml").write_text(
        f'municipality: Aremark\nmunicipality_number: "3118"\nfile: {NEWCOMER}.txt\nreceived: "2026-12-02"\n', encoding="utf-8"
    )
    for command in (["translate", f"docs/kommunar/{NEWCOMER}.nb.md"], ["stub-pages"]):
        subprocess.run([sys.executable, "-m", "municipal_guidelines", *command], cwd=project, check=True, capture_output=True)


@pytest.fixture(scope="module")
def grown_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("grown") / "project")
    add_municipality(project)
    return project


def test_adding_a_municipality_keeps_every_group_id(real_model, grown_project: Path) -> None:
    grown = load_site(grown_project / "docs", grown_project / "data" / "topics.yml")
    joined = {g.id for g in grown.shared.groups if NEWCOMER in g.municipalities}
    assert len(joined) >= 3, "the newcomer joins too few groups: the test shows little"
    for group in real_model.shared.groups:
        now = grown.shared.group(group.named_by)
        assert now is not None and now.id == group.id, (group.id, now)
    # named after its oldest rule, not after the newcomer's (which sorts first by name)
    assert not any(g.id.startswith(f"delt-{NEWCOMER}-") for g in grown.shared.groups)


@pytest.mark.parametrize("lang", LANGS)
def test_every_link_to_a_group_still_resolves_after_a_municipality_is_added(site: Path, grown_project: Path, tmp_path: Path, lang: str) -> None:
    before = soup(site, f"{lang_root(lang)}lik-ordlyd/")
    links = {section["id"] for section in before.select("section.shared-group")}
    # every link to the page from a rule's note, as published before
    for slug in ("alta", "bomlo", "frogn", "loten", "meraker"):
        page = soup(site, f"{lang_root(lang)}kommunar/{slug}/")
        links |= {a["href"].split("#", 1)[1] for a in page.select('.rule-shared a[href*="lik-ordlyd/#"]')}
    assert links
    out = tmp_path / "site"
    result = run_build(grown_project, out)
    assert result.returncode == 0, result.stderr
    after = soup(out, f"{lang_root(lang)}lik-ordlyd/")
    ids = {element["id"] for element in after.select("[id]")}
    assert links <= ids, f"links that no longer resolve: {sorted(links - ids)}"
    assert any(a["href"].endswith(f"#{NEWCOMER}-1") for a in after.select("a")), "the newcomer's rule is not in a group"


def test_a_group_is_named_after_the_municipality_that_came_first_and_answers_to_every_member() -> None:
    joined = {"frogn": "2026-11-23", "alta": "2026-12-01"}
    assert oldest_rule(("alta-3", "frogn-14", "frogn-2"), ("alta", "frogn", "frogn"), joined) == "frogn-2"
    assert oldest_rule(("alta-3", "bomlo-1"), ("alta", "bomlo"), {}) == "alta-3"  # nothing recorded: by slug
    assert oldest_rule(("alta-3", "bomlo-1"), ("alta", "bomlo"), {"bomlo": "2026-01-01"}) == "bomlo-1"  # unrecorded counts as newest
    group = SharedGroup(("alta-3", "frogn-2"), ("alta", "frogn"), named_by="frogn-2")
    assert group.id == "delt-frogn-2" and group.aliases == ("delt-alta-3",)
    assert SharedWording((group,), {"alta-3": group}).group("alta-3").id == "delt-frogn-2"


def test_a_bad_received_date_fails_with_the_file_and_line(tmp_path: Path) -> None:
    from municipal_guidelines.format.errors import GuidelineErrors

    project = copy_project(tmp_path / "project")
    path = project / "sources" / "alta.yml"
    path.write_text(path.read_text(encoding="utf-8").replace('received: "2026-11-23"', "received: i fjor"), encoding="utf-8")
    with pytest.raises(GuidelineErrors) as failure:
        load_site(project / "docs", project / "data" / "topics.yml")
    message = str(failure.value)
    assert "sources/alta.yml" in message and "2026-11-23" in message


# --- shared wording that is shared (#22) ---------------------------------------------------------


def test_the_word_diff_never_runs_a_removed_word_into_the_added_one() -> None:
    for base, other, shown in (
        ("Ansatte og folkevalgte har full ytringsfrihet.", "Du har ytringsfrihet.", "folkevalgte Du"),
        ("Det skal ikke skje.", "På spørsmål skal det ikke skje.", "Det På"),
    ):
        changes = word_diff(base, other)
        assert shown in "".join(c.text for c in changes), changes
        assert "".join(c.text for c in changes if c.kind in ("same", "ins")) == other
        assert "".join(c.text for c in changes if c.kind in ("same", "del")) == base


@pytest.mark.parametrize("lang", LANGS)
def test_no_wording_on_the_site_runs_words_together(site: Path, lang: str) -> None:
    page = soup(site, f"{lang_root(lang)}lik-ordlyd/")
    for hidden in page.select(".visually-hidden"):
        hidden.decompose()
    for quote in page.select(".shared-variant__text"):
        for change in quote.select("del"):
            following = change.next_sibling
            if following is not None and getattr(following, "name", None) == "ins":
                assert change.get_text()[-1:].isspace() or following.get_text()[:1].isspace(), quote.get_text()
            elif isinstance(following, str):
                assert following[:1] in " .,;:!?)" or not following, quote.get_text()


@pytest.mark.parametrize("lang", LANGS)
def test_a_topic_page_shows_only_groups_whose_wording_is_on_its_topic(site: Path, real_model, lang: str) -> None:
    """The images page showed a confidentiality group (one rule of it mentions pictures)."""
    entries = real_model.matrices[lang].by_rule
    for topic in real_model.topics:
        page = soup(site, f"{lang_root(lang)}tema/{topic.id}/")
        for section in page.select("section.shared-group"):
            group = next(g for g in real_model.shared.groups if g.id == section["id"])
            on_topic = {entries[r].slug for r in group.rule_ids if topic.id in entries[r].topics}
            assert len(on_topic) >= 2, (topic.id, group.id, on_topic)
    assert "delt-alta-26" not in {s["id"] for s in soup(site, f"{lang_root(lang)}tema/bilete/").select("section.shared-group")}


@pytest.mark.parametrize("lang", LANGS)
def test_a_profile_never_says_its_own_municipality_has_the_wording_of_a_gap(site: Path, lang: str) -> None:
    """Bømlo's profile listed pictures as a gap, and its example said "Same ordlyd òg hos … Bømlo"."""
    names = {"alta": "Alta", "bomlo": "Bømlo", "frogn": "Frogn", "loten": "Løten", "meraker": "Meråker"}
    for slug, name in names.items():
        page = soup(site, f"{lang_root(lang)}profil/{slug}/")
        for gap in page.select("section.profile-gap"):
            for example in gap.select("ul.profile-examples li"):
                assert name not in example.get_text(" "), (slug, gap.h3["id"], example.get_text(" "))
