"""The bilingual site: pages, languages, fidelity to the sources, translations, switcher, search,
and no request to any external host. Builds the real site (``site`` fixture) and reads its HTML."""

from __future__ import annotations

import gzip
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import LANGS, MUNICIPALITIES, ROOT, SOURCES, lang_root, soup, url_to_file
from municipal_guidelines.importing.fidelity import missing_sentences, normalise


def article_text(site: Path, url: str) -> str:
    article = soup(site, url).select_one("article")
    assert article is not None, f"{url} has no <article>"
    # A law the text cites is a link inside the sentence (render/laws.py): read it as the words it is.
    for link in article.select("a.law-ref"):
        link.unwrap()
    article.smooth()
    return normalise(article.get_text(" "))


def html_pages(site: Path, lang: str) -> list[str]:
    """URL paths of every built HTML page of one language form (404 excluded)."""
    root = site / lang_root(lang)
    pages = []
    for path in root.rglob("index.html"):
        rel = path.relative_to(site).as_posix()
        if lang == "nb" and rel.startswith("nn/"):
            continue
        pages.append(rel.removesuffix("index.html"))
    return sorted(pages)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("slug", MUNICIPALITIES)
def test_every_guideline_page_exists_in_its_language(site: Path, slug: str, lang: str) -> None:
    page = soup(site, f"{lang_root(lang)}kommunar/{slug}/")
    assert page.html.get("lang") == lang, f"{lang} page of {slug} has lang={page.html.get('lang')!r}"
    assert page.select("li.rule, p.rule"), f"{slug} ({lang}) shows no rules"


@pytest.mark.parametrize("slug", MUNICIPALITIES)
def test_original_contains_every_sentence_of_the_source(site: Path, slug: str) -> None:
    seed, lang = MUNICIPALITIES[slug]
    text = article_text(site, f"{lang_root(lang)}kommunar/{slug}/")
    count, missing = missing_sentences((SOURCES / seed).read_text(encoding="utf-8"), text)
    assert count > 10, f"{seed}: only {count} sentences read"
    assert not missing, f"{slug}: {len(missing)} of {count} sentences of {seed} missing from the page, e.g. {missing[:3]}"


@pytest.mark.parametrize("slug", MUNICIPALITIES)
def test_translation_carries_notice_link_and_no_unknown_word_marks(site: Path, slug: str) -> None:
    _, original_lang = MUNICIPALITIES[slug]
    lang = "nn" if original_lang == "nb" else "nb"
    url = f"{lang_root(lang)}kommunar/{slug}/"
    page = soup(site, url)
    notice = page.select_one(".translation-notice")
    assert notice is not None, f"{url}: no machine-translation notice"
    expected_word = {"nb": "maskinoversettelse", "nn": "maskinomsetjing"}[lang]
    assert expected_word in notice.get_text().lower(), f"{url}: notice is not in {lang}: {notice.get_text()!r}"
    link = notice.select_one(f'a[hreflang="{original_lang}"]')
    assert link is not None, f"{url}: the notice does not link to the original"
    target = url_to_file(site, (Path("/" + url) / link["href"]).resolve().as_posix())
    assert target == url_to_file(site, f"{lang_root(original_lang)}kommunar/{slug}/"), f"notice links to {target}"
    original_text = article_text(site, f"{lang_root(original_lang)}kommunar/{slug}/")
    marks = [m for m in re.findall(r"(?<![\w/])[*#@][^\W\d_]\w*", article_text(site, url)) if m not in original_text]
    assert not marks, f"{url}: Apertium unknown-word marks left in the text: {marks}"


def test_committed_translations_are_up_to_date() -> None:
    """By the digests each translation records (no Apertium run: its output differs between machines)."""
    result = subprocess.run(
        [sys.executable, "-m", "municipal_guidelines", "translate", "--check"], capture_output=True, text=True
    )
    assert result.returncode == 0, f"translations out of date; run: guidelines translate\n{result.stdout}{result.stderr}"


@pytest.mark.parametrize("lang", LANGS)
def test_language_switcher_leads_to_the_same_page_in_the_other_language(site: Path, lang: str) -> None:
    other = "nn" if lang == "nb" else "nb"
    pages = html_pages(site, lang)
    assert len(pages) == len(html_pages(site, other)), "the two language forms have different sets of pages"
    for url in pages:
        switch = soup(site, url).select("nav.language-switch a")
        assert [(a["hreflang"], a.get_text(strip=True), a.get("aria-current")) for a in switch] == [
            ("nb", "Bokmål", "page" if lang == "nb" else None),
            ("nn", "Nynorsk", "page" if lang == "nn" else None),
        ], f"{url}: the language switch is not 'Bokmål' / 'Nynorsk' with the current one marked"
        links = [a for a in switch if a["hreflang"] == other]
        target = (Path("/" + url) / links[0]["href"]).resolve().as_posix().lstrip("/") + "/"
        expected = lang_root(other) + url.removeprefix(lang_root(lang))
        assert target.rstrip("/") == expected.rstrip("/"), f"{url}: switcher leads to {target}, expected {expected}"
        assert url_to_file(site, expected).exists()


def test_site_has_the_home_overview_matrix_and_topic_pages_in_both_languages(site: Path) -> None:
    for lang in LANGS:
        for url in ("", "kommunar/", "matrise/", "dekning/", "tema/", "tema/taushetsplikt/", "om/tilgjengelegheit/"):
            page = soup(site, lang_root(lang) + url)
            assert page.html.get("lang") == lang, f"{lang_root(lang) + url}: lang={page.html.get('lang')}"
    overview = soup(site, "kommunar/")
    rows = overview.select("table.overview tbody tr")
    assert [r.th.get_text(strip=True) for r in rows] == ["Alta", "Bømlo", "Frogn", "Løten", "Meråker"]
    bomlo = next(r for r in rows if "Bømlo" in r.get_text())
    assert "4613" in bomlo.get_text() and "Vestland" in bomlo.get_text() and "nynorsk" in bomlo.get_text()


def search_fragments(site: Path) -> dict[str, dict]:
    """Pagefind's record of every indexed page, by URL: its text (``content``), ``meta``, ``filters``
    and ``anchors`` (a fragment is gzipped JSON after the signature ``pagefind_dcd``)."""
    fragments = {}
    for path in (site / "pagefind" / "fragment").glob("*.pf_fragment"):
        data = gzip.decompress(path.read_bytes())
        fragment = json.loads(data[data.index(b"{") :])
        fragments[fragment["url"]] = fragment
    return fragments


# Pages that list or tabulate what the guideline and topic pages hold: not in the search index,
# their scraps of every topic took the places of the pages that answer a query.
UNINDEXED_LIST_PAGES = ("", "matrise/", "dekning/", "kommunar/", "tema/", "lik-ordlyd/", "utkast/", "sist-endra/")  # generated lists (overrides/main.html)


def test_search_has_one_index_per_language_form_with_every_page_of_it(site: Path) -> None:
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert sorted(entry["languages"]) == sorted(LANGS), f"Pagefind's indexes: {sorted(entry['languages'])}"
    fragments = search_fragments(site)
    for lang in LANGS:
        # every page but the profiles and the generated lists and tables (overrides/main.html)
        pages = {
            "/" + page for page in html_pages(site, lang)
            if "profil/" not in page and page.removeprefix(lang_root(lang)) not in UNINDEXED_LIST_PAGES
        }
        indexed = {url for url in fragments if url.startswith("/nn/") == (lang == "nn")}
        assert indexed == pages, f"{lang}: not indexed {sorted(pages - indexed)}; indexed but no page {sorted(indexed - pages)}"
        assert entry["languages"][lang]["page_count"] == len(pages)


@pytest.mark.parametrize(("lang", "text"), [("nb", "Original"), ("nn", "Maskinomsett")])
def test_search_indexes_a_guideline_with_its_municipality_filters_and_rules_without_interface_text(
    site: Path, lang: str, text: str
) -> None:
    fragment = search_fragments(site)[f"/{lang_root(lang)}kommunar/frogn/"]
    assert fragment["meta"]["title"].startswith("Frogn: "), fragment["meta"]
    filters = fragment["filters"]
    assert (filters["Kommune"], filters["Fylke"], filters["Tekst"]) == (["Frogn"], ["Akershus"], [text]), filters
    assert "Krisekommunikasjon" in filters["Tema"], filters["Tema"]
    rules = [a["id"] for a in fragment["anchors"] if a["element"] in ("li", "p")]
    assert rules[:3] == ["frogn-1", "frogn-2", "frogn-3"], rules[:5]
    content = fragment["content"]
    assert "3214" in content and "Akershus" in content
    ui = yaml.safe_load((ROOT / "data" / "ui.yml").read_text(encoding="utf-8"))[lang]
    for interface in ("¶", ui["municipality_number"], ui["original_language"], ui["adoption_none"], ui["read_original"].split("{")[0].strip()):
        assert interface not in content, f"interface text {interface!r} in the index of Frogn ({lang})"


@pytest.mark.parametrize("lang", LANGS)
def test_search_has_topic_words_of_both_forms_as_metadata_never_as_text(site: Path, lang: str) -> None:
    fragments = search_fragments(site)
    topic = fragments[f"/{lang_root(lang)}tema/taushetsplikt/"]
    keywords = topic["meta"]["keywords"].split()
    for word in ("fortrolig", "fortruleg", "taushetsplikt", "teieplikt", "personopplysning"):
        assert word in keywords, f"{word!r} not in the search metadata of the {lang} topic page: {keywords}"
    content = topic["content"].split()
    assert "fortrolig" not in content and "fortruleg" not in content, f"synonyms in the text of the topic page: {topic['content'][:300]}"
    ui = yaml.safe_load((ROOT / "data" / "ui.yml").read_text(encoding="utf-8"))[lang]
    coverage = ui["covered"].split("{")[-1].split("}")[-1].strip()  # "kommuner omtaler dette" and the like
    assert coverage not in topic["content"], f"the topic page's count in its search text: {topic['content'][:300]}"
    label = {"nb": "Taushetsplikt og personvern", "nn": "Teieplikt og personvern"}[lang]
    assert topic["filters"] == {"Tema": [label]}


@pytest.mark.parametrize("lang", LANGS)
def test_a_topic_pages_laws_are_search_metadata_not_text(site: Path, lang: str) -> None:
    """The list of laws under a topic's description is not in the page's indexed text (the excerpt
    of a topic page ran on from its description into the laws), but its laws are still searched."""
    topic = search_fragments(site)[f"/{lang_root(lang)}tema/taushetsplikt/"]
    ui = yaml.safe_load((ROOT / "data" / "ui.yml").read_text(encoding="utf-8"))[lang]
    content = topic["content"]
    for law_text in (ui["law_link_hint"], "§", "forvaltningslov", "helsepersonellov"):
        assert law_text not in content, f"the laws' list in the search text of the {lang} topic page: {content[:400]}"
    assert "Lovdata" not in topic["meta"].get("laws", "")
    for law in ("forvaltningslov", "helsepersonellov"):
        assert law in topic["meta"].get("laws", ""), f"{law!r} not in the search metadata of the {lang} topic page: {topic['meta']}"


@pytest.mark.parametrize("lang", LANGS)
def test_a_rule_in_the_search_index_has_its_text_alone_and_its_topics_as_metadata(site: Path, lang: str) -> None:
    fragment = search_fragments(site)[f"/{lang_root(lang)}kommunar/loten/"]
    words = fragment["content"].split()
    anchors = sorted((a for a in fragment["anchors"] if a["id"].startswith("loten-")), key=lambda a: a["location"])
    five = next(i for i, a in enumerate(anchors) if a["id"] == "loten-5")
    text = " ".join(words[anchors[five]["location"] : anchors[five + 1]["location"]])
    label = {"nb": "Bilder og video av personer", "nn": "Bilete og video av personar"}[lang]
    assert label not in text, f"the topic links run on from the text of loten-5 in the index: {text!r}"
    assert "samtykke" in text and text.endswith("."), f"loten-5 in the index: {text!r}"
    topics = [t["id"] for t in yaml.safe_load((ROOT / "data" / "topics.yml").read_text(encoding="utf-8"))["topics"]]
    rules = dict(entry.split(":") for entry in fragment["meta"]["rules"].split())
    assert [topics[int(i)] for i in rules["5"].split(".")] == ["bilete", "taushetsplikt"], fragment["meta"]["rules"]
    assert label in fragment["filters"]["Tema"], fragment["filters"]  # the topic links' filters stay


@pytest.mark.parametrize("lang", LANGS)
def test_each_language_form_has_the_words_a_query_is_corrected_to(site: Path, lang: str) -> None:
    words = json.loads((site / lang_root(lang) / "search-words.json").read_text(encoding="utf-8"))
    own, other = {"nb": ("taushetsplikten", "ikkje"), "nn": ("teieplikta", "ikke")}[lang]
    assert "facebook" in words and "frogn" in words and "taushetsplikt" in words and "teieplikt" in words
    assert own in words and other not in words, f"{lang}: {own!r} in, {other!r} out of {list(words)[:20]}"
    counts = list(words.values())
    assert counts == sorted(counts, reverse=True), "search-words.json is not the most frequent first"


@pytest.mark.parametrize("lang", LANGS)
def test_the_dialog_reads_a_query_with_one_settings_file_per_language_form(site: Path, lang: str) -> None:
    settings = json.loads((site / lang_root(lang) / "search-settings.json").read_text(encoding="utf-8"))
    topics = yaml.safe_load((ROOT / "data" / "topics.yml").read_text(encoding="utf-8"))["topics"]
    assert [t[0] for t in settings["topics"]] == [t["id"] for t in topics]  # the rules metadata's positions
    label = {"nb": "Taushetsplikt og personvern", "nn": "Teieplikt og personvern"}[lang]
    assert [t[1] for t in settings["topics"] if t[0] == "taushetsplikt"] == [label]
    ui = yaml.safe_load((ROOT / "data" / "ui.yml").read_text(encoding="utf-8"))[lang]
    assert settings["stop_words"] == ui["search_stop_words"].split() and "jeg" in settings["stop_words"]
    other, own = {"nb": ("teieplikt", "taushetsplikt"), "nn": ("taushetsplikt", "teieplikt")}[lang]
    assert settings["other_words"].get(other) == own, settings["other_words"]
    page = (site / lang_root(lang) / "kommunar" / "loten" / "index.html").read_text(encoding="utf-8")
    assert ui["search_stop_words"] not in page and "data-settings=" in page  # in the file, not in every page


# The verbs a question is asked with, in both forms: they say nothing of what it asks about
# ("kva gjer eg med nettroll" asks about trolls; "gjer" matched «gjer merksam på» in a rule).
QUESTION_VERBS = (
    "gjør", "gjer", "gjøre", "gjere", "gjorde", "gjort", "får", "få", "fått", "fikk", "fekk",
    "skal", "skulle", "må", "måtte", "bør", "burde", "vil", "ville", "kan", "kunne", "kunna",
)


@pytest.mark.parametrize("lang", LANGS)
def test_question_verbs_are_search_stop_words_and_no_stop_word_names_a_topic(lang: str) -> None:
    from municipal_guidelines.model.topics import load_topics

    stop = set(yaml.safe_load((ROOT / "data" / "ui.yml").read_text(encoding="utf-8"))[lang]["search_stop_words"].split())
    assert not [verb for verb in QUESTION_VERBS if verb not in stop], f"{lang}: question verbs a search looks for: {stop}"
    # a verb that is the point of a query names a topic (a word of its labels, a synonym or reader's
    # word of one word): none of those the search leaves out may
    for topic in load_topics(ROOT / "data" / "topics.yml"):
        labels = re.findall(r"[^\W_]+", " ".join(topic.label.values()).lower())
        named = {*labels, *(w.lower() for w in topic.reader_words if len(w.split()) == 1)}
        assert not named & set(QUESTION_VERBS), f"{lang}: question verbs that name the topic {topic.id}: {sorted(named & set(QUESTION_VERBS))}"


@pytest.mark.parametrize("lang", LANGS)
def test_only_the_draft_page_carries_all_the_draft_builders_strings(site: Path, lang: str) -> None:
    from municipal_guidelines.render.draft import SCRIPT_UI, TOGGLE_UI

    def strings(path: str) -> set[str]:
        node = soup(site, lang_root(lang) + path).find(id="draft-settings")
        return set(json.loads(node.string)["ui"])

    assert strings("utkast/") == set(SCRIPT_UI)
    assert strings("kommunar/loten/") == strings("tema/bilete/") == set(TOGGLE_UI) < set(SCRIPT_UI)


EXTERNAL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:)?//", re.IGNORECASE)
CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)")


def test_no_built_file_requests_an_external_host(site: Path) -> None:
    problems = []
    for path in site.rglob("*.html"):
        page = soup(site, path.relative_to(site).as_posix())
        content_links = set(map(id, page.select("article a")))
        for tag in page.find_all(True):
            for attr in ("src", "href", "srcset", "data", "poster", "action"):
                value = tag.get(attr)
                if not value or not EXTERNAL.match(str(value)):
                    continue
                if tag.name == "a" and id(tag) in content_links:
                    continue  # a plain link in the text is fine: nothing is fetched
                problems.append(f"{path.relative_to(site)}: <{tag.name} {attr}={value}>")
        for style in page.find_all("style"):
            problems += [f"{path.relative_to(site)}: url({u})" for u in CSS_URL.findall(style.get_text()) if EXTERNAL.match(u)]
    for path in site.rglob("*.css"):
        text = path.read_text(encoding="utf-8", errors="replace")
        problems += [f"{path.relative_to(site)}: url({u})" for u in CSS_URL.findall(text) if EXTERNAL.match(u)]
        problems += [f"{path.relative_to(site)}: @import" for _ in re.findall(r"@import\s+(?:url\()?['\"]?(?:https?:)?//", text)]
    assert not problems, "external requests:\n" + "\n".join(problems[:20])


@pytest.mark.parametrize("lang", LANGS)
def test_the_site_title_shows_once_in_the_navigation(site: Path, lang: str) -> None:
    page = soup(site, lang_root(lang))
    title = page.select_one("label.md-nav__title").get_text(" ", strip=True)
    entries = [a.get_text(" ", strip=True) for a in page.select("nav.md-nav--primary a.md-nav__link")]
    assert title.startswith("Retningslinjer for sosiale medier")
    assert title not in entries, f"the site title {title!r} is also an entry of the navigation: {entries[:3]}"


@pytest.mark.parametrize("lang", LANGS)
def test_home_page_questions_open_the_matrix_on_their_topic(site: Path, lang: str) -> None:
    """The home page's form goes to the matrix with k (the municipality as typed, one of the
    datalist's names) and t (a question's topic, or every topic); it stands before the first section."""
    page = soup(site, lang_root(lang))
    form = page.select_one("form.home-finder")
    assert form is not None and form["method"] == "get"
    target = (Path("/" + lang_root(lang)) / form["action"]).resolve().as_posix().lstrip("/") + "/"
    assert target == lang_root(lang) + "matrise/", f"the form goes to {target}"
    field = form.select_one('input[name="k"]')
    names = [o["value"] for o in page.select(f'datalist#{field["list"]} option')]
    assert names == ["Alta", "Bømlo", "Frogn", "Løten", "Meråker"]
    topics = {t.stem.split(".")[0] for t in (Path(__file__).parent.parent / "docs" / "tema").glob("*.nb.md")}
    values = [r["value"] for r in form.select('input[type="radio"][name="t"]')]
    assert len(values) >= 4 and all(v in topics for v in values[:-1]), f"questions point at unknown topics: {values}"
    assert set(values[-1].split(",")) == topics - {"index"}, "the last choice is not every topic"
    assert page.select_one("article h2") is form.h2, "the form does not come before the page's first section"


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("slug", MUNICIPALITIES)
def test_guideline_page_starts_with_its_title(site: Path, slug: str, lang: str) -> None:
    """Nothing above the heading: Bømlo's page had three lines repeating its title and facts box."""
    body = soup(site, f"{lang_root(lang)}kommunar/{slug}/").select_one("article div[data-pagefind-body]")
    first = next(child for child in body.children if getattr(child, "name", None))
    assert first.name == "h1", f"{slug} ({lang}) starts with <{first.name}> {first.get_text(' ', strip=True)[:80]!r}, not its title"


# Nynorsk forms the interface once had wrong, with the right one: "tekst" is masculine in
# nynorsk as in bokmål (Nynorskordboka: tekst m1, teksten), so "teksta" is not a form of it.
NYNORSK_WRONG = {r"\bteksta\b": "teksten"}


def test_nynorsk_interface_text_has_no_known_wrong_forms() -> None:
    ui = yaml.safe_load((ROOT / "data" / "ui.yml").read_text(encoding="utf-8"))["nn"]
    strings = {key: value for key, value in ui.items() if isinstance(value, str)}
    wrong = [f"{key}: {value!r} (skriv {right!r})" for key, value in strings.items() for pattern, right in NYNORSK_WRONG.items() if re.search(pattern, value, re.IGNORECASE)]
    assert not wrong, "wrong nynorsk in data/ui.yml:\n" + "\n".join(wrong)


STATEMENT = {  # the parts uustatus.no asks for, and what the tests now check, per language form
    "nb": ["Status", "Slik er erklæringen laget", "Tilbakemelding", "Klage og tilsyn", "Tastaturgjennomgang", "Layoutforskyvning", "/retningsliner/"],
    "nn": ["Status", "Slik er erklæringa laga", "Tilbakemelding", "Klage og tilsyn", "Tastaturgjennomgang", "Layoutforskyving", "/retningsliner/"],
}


@pytest.mark.parametrize("lang", LANGS)
def test_the_accessibility_statement_has_the_parts_uustatus_asks_for(site: Path, lang: str) -> None:
    page = soup(site, f"{lang_root(lang)}om/tilgjengelegheit/")
    text = page.select_one("article").get_text(" ")
    headings = [h.get_text(" ", strip=True).rstrip("¶").strip() for h in page.select("article h2")]
    missing = [part for part in STATEMENT[lang] if part not in headings and part not in text]
    assert not missing, f"the {lang} accessibility statement lacks {missing}; its headings: {headings}"
    assert page.select_one('article a[href="https://www.uutilsynet.no/"]'), "no link to the supervisory authority"


@pytest.mark.parametrize("lang", LANGS)
def test_every_page_names_the_atom_feeds_in_its_head_by_relative_addresses(site: Path, lang: str) -> None:
    """Issue #23: feed readers find the feeds from the pages: the site's feed on every page, a
    municipality's on its guideline's page; addresses relative (any sub-path), each a feed that exists."""
    root = lang_root(lang)

    def feeds(url_path: str) -> dict[str, str]:
        page = soup(site, url_path)
        links = page.head.select('link[rel~="alternate"][type="application/atom+xml"]')
        for link in links:
            assert not link["href"].startswith(("/", "http")), link
            target = (url_to_file(site, url_path).parent / link["href"]).resolve()
            assert target.is_file() and target.read_bytes().startswith(b"<?xml"), target
            assert "<feed" in target.read_text(encoding="utf-8"), target
        return {str((url_to_file(site, url_path).parent / link["href"]).resolve().relative_to(site.resolve())): link["title"] for link in links}

    site_feed = f"{root}endringar.xml"
    assert list(feeds(f"{root}tema/bilete/")) == [site_feed]
    assert list(feeds(f"{root}matrise/")) == [site_feed]
    guideline = feeds(f"{root}kommunar/loten/")
    assert list(guideline) == [site_feed, f"{root}kommunar/loten/endringar.xml"]
    assert "Løten" in guideline[f"{root}kommunar/loten/endringar.xml"]
