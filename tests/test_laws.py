"""The law behind the rules: data/laws.yml, the laws each topic names, citations recognised in rule
text (the table of citation forms) and linked on the built pages."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import LANGS, ROOT, lang_root, soup
from municipal_guidelines.format.errors import GuidelineError
from municipal_guidelines.model.laws import find_citations, load_laws
from municipal_guidelines.model.site import load_site
from municipal_guidelines.model.topics import load_topics
from municipal_guidelines.render.laws import link_citations, link_rule_segment

LAWS = load_laws(ROOT / "data" / "laws.yml")

# The acts the issue names, with their Lovdata address (date and number of the act).
ADDRESSES = {
    "forvaltningsloven": "https://lovdata.no/lov/1967-02-10",
    "offentleglova": "https://lovdata.no/lov/2006-05-19-16",
    "arkivlova": "https://lovdata.no/lov/1992-12-04-126",
    "personopplysningsloven": "https://lovdata.no/lov/2018-06-15-38",
    "andsverkloven": "https://lovdata.no/lov/2018-06-15-40",
    "helsepersonelloven": "https://lovdata.no/lov/1999-07-02-64",
    "straffeloven": "https://lovdata.no/lov/2005-05-20-28",
    "kommuneloven": "https://lovdata.no/lov/2018-06-22-83",
    "opplaeringslova": "https://lovdata.no/lov/2023-06-09-30",
    "barnehageloven": "https://lovdata.no/lov/2005-06-17-64",
}

# The table of citation forms: text → (law id, section) of every citation in it, in order.
CITATION_FORMS = [
    ("forvaltningsloven § 13", [("forvaltningsloven", "13")]),
    ("fvl. § 13", [("forvaltningsloven", "13")]),
    ("fvl. §13", [("forvaltningsloven", "13")]),
    ("jf. åndsverkloven", [("andsverkloven", None)]),
    ("jfr. Arbeidsmiljøloven og forvaltningsloven.", [("arbeidsmiljoloven", None), ("forvaltningsloven", None)]),
    ("teieplikt etter forvaltningslova § 13", [("forvaltningsloven", "13")]),
    ("§ 13 i forvaltningsloven", [("forvaltningsloven", "13")]),
    ("§ 13 etter forvaltningslova", [("forvaltningsloven", "13")]),
    ("personopplysningsloven", [("personopplysningsloven", None)]),
    ("personopplysningslova", [("personopplysningsloven", None)]),
    ("Offentlighetslovens bestemmelser", [("offentleglova", None)]),
    ("Føresegnene til offentleglova gjeld", [("offentleglova", None)]),
    ("offl. § 13", [("offentleglova", "13")]),
    ("etter åndsverkslova", [("andsverkloven", None)]),
    ("åndsverkloven § 104", [("andsverkloven", "104")]),
    ("åvl. § 104", [("andsverkloven", "104")]),
    ("helsepersonelloven § 21", [("helsepersonelloven", "21")]),
    ("hpl. § 21", [("helsepersonelloven", "21")]),
    ("straffeloven § 185 og § 263", [("straffeloven", "185")]),  # a second section without the act: not linked
    ("strl. § 263", [("straffeloven", "263")]),
    ("kommunelova", [("kommuneloven", None)]),
    ("opplæringslova § 9 A-2", [("opplaeringslova", "9")]),
    ("barnehageloven", [("barnehageloven", None)]),
    ("arkivloven og arkivlova", [("arkivlova", None), ("arkivlova", None)]),
    ("GDPR art. 6", [("gdpr", "6")]),
    ("personvernforordningen artikkel 6", [("gdpr", "6")]),
    ("Grunnloven § 100", [("grunnloven", "100")]),
    # not citations
    ("kl. 10", []),
    ("fvl. alene", []),  # an abbreviation counts only before a section
    ("forvaltningslovsaker og lovverket", []),
    ("det er lov å gjøre det", []),
]


@pytest.mark.parametrize(("text", "expected"), CITATION_FORMS)
def test_citation_forms(text: str, expected: list[tuple[str, str | None]]) -> None:
    assert [(c.law_id, c.section) for c in find_citations(text, LAWS)] == expected


def test_a_citation_covers_the_words_that_cite():
    text = "Ansatte har teieplikt etter forvaltningslova § 13, jf. åndsverkloven."
    assert [text[c.start : c.end] for c in find_citations(text, LAWS)] == ["forvaltningslova § 13", "åndsverkloven"]


@pytest.mark.parametrize(("law_id", "address"), ADDRESSES.items())
def test_the_acts_of_the_issue_have_their_lovdata_address(law_id: str, address: str) -> None:
    law = LAWS[law_id]
    assert law.url == address
    assert law.link("13") == f"{address}/§13"
    assert all(law.name[lang] for lang in LANGS) and law.short


def test_the_sections_of_the_issue_are_named_in_both_language_forms():
    for law_id, section in (("forvaltningsloven", "13"), ("andsverkloven", "104"), ("helsepersonelloven", "21"),
                            ("straffeloven", "185"), ("straffeloven", "263"), ("gdpr", "6")):
        assert set(LAWS[law_id].sections[section]) == set(LANGS), (law_id, section)
    assert LAWS["forvaltningsloven"].link("13") == "https://lovdata.no/lov/1967-02-10/§13"
    assert LAWS["gdpr"].eli == "https://eur-lex.europa.eu/eli/reg/2016/679/oj"


def test_topics_name_their_laws():
    topics = {t.id: t for t in load_topics(ROOT / "data" / "topics.yml")}
    assert [(r.law.id, r.section) for r in topics["taushetsplikt"].laws][:2] == [("forvaltningsloven", "13"), ("helsepersonelloven", "21")]
    assert ("andsverkloven", "104") in [(r.law.id, r.section) for r in topics["bilete"].laws]
    assert topics["taushetsplikt"].laws[0].label("nn") == "forvaltningslova § 13"


def test_a_topic_naming_an_unknown_law_fails_with_the_file(tmp_path: Path):
    shutil.copy(ROOT / "data" / "laws.yml", tmp_path / "laws.yml")
    text = (ROOT / "data" / "topics.yml").read_text(encoding="utf-8")
    (tmp_path / "topics.yml").write_text(text.replace("laws: [kommuneloven]", "laws: [kommunelova_x]"), encoding="utf-8")
    with pytest.raises(GuidelineError) as error:
        load_topics(tmp_path / "topics.yml")
    assert "data/topics.yml" in str(error.value) and "kommunelova_x" in str(error.value)


def test_laws_yml_refuses_an_address_outside_lovdata(tmp_path: Path):
    text = (ROOT / "data" / "laws.yml").read_text(encoding="utf-8")
    (tmp_path / "laws.yml").write_text(text.replace("url: https://lovdata.no/lov/1967-02-10", "url: javascript:alert(1)"), encoding="utf-8")
    with pytest.raises(GuidelineError, match="lovdata"):
        load_laws(tmp_path / "laws.yml")


def test_only_rule_text_outside_tags_and_links_is_linked():
    html = (
        '<p>forvaltningsloven in prose</p><ul><li class="rule" id="x-1">Etter fvl. § 13 og '
        '<a href="https://example.org/forvaltningsloven">forvaltningsloven</a> <em title="forvaltningsloven">x</em>'
        '<!--rule-meta x-1--><span class="rule-meta">forvaltningsloven</span></li></ul>'
    )
    out = link_citations(html, ["x-1"], LAWS, "(Lovdata)")
    assert out.count('class="law-ref"') == 1
    assert '<a class="law-ref" href="https://lovdata.no/lov/1967-02-10/§13" rel="external" aria-label="fvl. § 13 (Lovdata)">fvl. § 13</a>' in out
    assert out.startswith("<p>forvaltningsloven in prose</p>")
    assert '<em title="forvaltningsloven">' in out and '<span class="rule-meta">forvaltningsloven</span>' in out


def test_escaped_text_stays_escaped():
    segment = "&lt;script&gt; forvaltningsloven &amp; fvl. § 13"
    out = link_rule_segment(segment, LAWS, load_site(ROOT / "docs", ROOT / "data" / "topics.yml").law_pattern, '"><script>')
    assert "<script>" not in out and "&lt;script&gt;" in out and 'aria-label="fvl. § 13 &quot;&gt;&lt;script&gt;"' in out


# --- on the built site ---------------------------------------------------------------------------

@pytest.mark.parametrize(("lang", "cited", "href"), [
    ("nb", "åndsverkloven", "https://lovdata.no/lov/2018-06-15-40"),
    ("nn", "åndsverkslova", "https://lovdata.no/lov/2018-06-15-40"),
    ("nb", "Offentlighetslovens", "https://lovdata.no/lov/2006-05-19-16"),
    ("nn", "offentleglova", "https://lovdata.no/lov/2006-05-19-16"),
])
def test_citations_in_rules_link_to_lovdata_and_leave_the_text_as_written(site: Path, lang: str, cited: str, href: str):
    page = soup(site, f"{lang_root(lang)}kommunar/alta/")
    links = {a.get_text(): a for a in page.select("a.law-ref")}
    link = links[cited]
    assert link["href"] == href and link["rel"] == ["external"]
    assert link["aria-label"] == f"{cited} (Lovdata)", "the link's name says where it goes and holds its text"
    rule = link.find_parent(class_="rule")
    for extra in rule.select(".rule-meta, .rule-shared, .rule-to-check"):
        extra.decompose()
    model = load_site(ROOT / "docs", ROOT / "data" / "topics.yml")
    assert rule.get_text().strip() == next(r.text for r in model.guideline("alta", lang).rules if r.id == rule["id"])


@pytest.mark.parametrize("lang", LANGS)
def test_a_topic_page_names_and_links_its_laws(site: Path, lang: str):
    page = soup(site, f"{lang_root(lang)}tema/taushetsplikt/")
    links = page.select("ul.topic-laws a")
    first = {"nb": "forvaltningsloven § 13 (Lovdata)", "nn": "forvaltningslova § 13 (Lovdata)"}[lang]
    assert links[0].get_text() == first and links[0]["href"] == "https://lovdata.no/lov/1967-02-10/§13"
    assert soup(site, f"{lang_root(lang)}tema/omdome/").select_one("ul.topic-laws") is None  # a topic without laws
    listed = soup(site, f"{lang_root(lang)}tema/").select(".topic-list__laws a")
    assert "https://lovdata.no/lov/2018-06-22-83" in {a["href"] for a in listed}


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda t: t.replace("also: [personvernforordningen, personvernforordninga, GDPR]", 'also: [""]'), "also må vere ei liste med namn på minst tre bokstavar"),
        (lambda t: t.replace("also: [personvernforordningen, personvernforordninga, GDPR]", "also: lovi"), "also må vere ei liste"),
        (lambda t: t.replace("section_url: https://lovdata.no/lov/1967-02-10/§{n}", "section_url: https://lovdata.no/lov/1967-02-10/§{0}"), "section_url"),
        (lambda t: t.replace('"6": {nb: Behandlingsgrunnlag, nn: Behandlingsgrunnlag}', '"6": Behandlingsgrunnlag'), "sections må vere ein tabell"),
        (lambda t: t.replace("name: {nb: personvernforordningen (GDPR)", "name: {nb: personvern<b>forordningen (GDPR)"), "inneheld < eller >"),
        (lambda t: "a: &x [1]\nb: *x\n" + t, "bruk ikkje YAML-ankre"),
    ],
)
def test_a_broken_laws_file_fails_at_the_line_of_the_act(tmp_path: Path, change, message: str) -> None:
    broken = tmp_path / "laws.yml"
    broken.write_text(change((ROOT / "data" / "laws.yml").read_text(encoding="utf-8")), encoding="utf-8")
    with pytest.raises(GuidelineError) as error:
        load_laws(broken)
    assert message in str(error.value) and error.value.line >= 1
    line = broken.read_text(encoding="utf-8").split("\n")[error.value.line - 1]
    assert "- id:" in line or "&x" in line, line
