"""Shared wording: the finder on the labelled pairs (precision and recall above a floor), its parts,
and what the built site shows."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest

from conftest import LANGS, lang_root, soup
from municipal_guidelines.model.shared import COMPARE_LANG, NGRAMS, THRESHOLD, find_shared, passages, shared_groups, vectorise
from municipal_guidelines.model.shared_evaluation import grouped, load_pairs, score
from municipal_guidelines.model.site import load_site
from municipal_guidelines.render.shared import shared_note_html, word_diff

ROOT = Path(__file__).resolve().parents[1]
PAIRS = ROOT / "tests" / "data" / "shared_wording_pairs.yml"
# Floors under the figures in benchmarks/shared_wording.md (0.95 and 0.83 at the threshold chosen).
MIN_PRECISION, MIN_RECALL = 0.9, 0.75


@pytest.fixture(scope="module")
def model():
    return load_site(ROOT / "docs", ROOT / "data" / "topics.yml")


def test_labelled_pairs_are_found_with_precision_and_recall_above_the_floor(model):
    pairs = load_pairs(PAIRS)
    assert sum(p.same for p in pairs) >= 30 and sum(not p.same for p in pairs) >= 30, "the labelled set is too small"
    result = score(pairs, grouped(model.shared, pairs))
    assert result.precision >= MIN_PRECISION, f"precision {result.precision:.2f} < {MIN_PRECISION}: {result}"
    assert result.recall >= MIN_RECALL, f"recall {result.recall:.2f} < {MIN_RECALL}: {result}"


def test_labelled_pairs_name_rules_that_exist_and_each_pair_once(model):
    known = {e.rule_id for e in model.matrices["nb"].entries}
    pairs = load_pairs(PAIRS)
    assert {r for p in pairs for r in (p.a, p.b)} <= known
    keys = [frozenset((p.a, p.b)) for p in pairs]
    assert len(keys) == len(set(keys)), "a pair is labelled twice"
    assert all(p.a.rsplit("-", 1)[0] != p.b.rsplit("-", 1)[0] for p in pairs), "a pair within one municipality"


def test_the_examples_of_the_issue_are_groups_across_language_forms(model):
    """frogn-13 ≈ meraker-2; "Ansatte har ytringsfrihet, men taushetsplikten gjelder også …" in four
    guidelines, one of them Bømlo's, written in nynorsk and compared in its bokmål translation."""
    group = model.shared.group("frogn-13")
    assert group is not None and "meraker-2" in group.rule_ids
    four = model.shared.group("frogn-12")
    assert four is not None and {"alta-26", "bomlo-5", "frogn-12", "loten-4"} <= set(four.rule_ids)
    assert model.guideline("bomlo", "nn").is_original


def test_a_group_spans_municipalities_and_each_rule_is_in_one_group_at_most(model):
    seen: set[str] = set()
    for group in model.shared.groups:
        assert len(group.municipalities) >= 2, group
        assert not seen & set(group.rule_ids)
        seen |= set(group.rule_ids)
        assert model.shared.group(group.rule_ids[0]) is group


def test_passages_join_short_sentences_to_their_neighbour():
    assert passages("Tilpass svaret etter form og innhold. Saklig? Humoristisk? Formell?") == [
        "tilpass svaret etter form og innhold. saklig? humoristisk? formell?"
    ]
    assert passages("Svar alltid.  Rett   opp feil i saka di.") == ["svar alltid. rett opp feil i saka di."]
    assert passages("Vær gjerne aktiv. Det er fint om du støtter opp om våre mål.") == [
        "vær gjerne aktiv. det er fint om du støtter opp om våre mål."
    ]
    assert passages("Vær gjerne aktiv i faglige diskusjoner. Det er fint om du støtter opp.") == [
        "vær gjerne aktiv i faglige diskusjoner.",
        "det er fint om du støtter opp.",
    ]


def test_a_copied_sentence_inside_a_longer_rule_is_found_but_not_within_one_municipality():
    texts = [
        "Vær bevisst på skillet mellom administrativt og politisk nivå.",
        "Husk dette. Vær bevisst på skillet mellom administrativt og politisk nivå. Ikke gi egne vurderinger av saker.",
        "Vær bevisst på skillet mellom administrativt og politisk nivå.",
        "Bilder av barn krever samtykke fra de foresatte.",
    ]
    assert shared_groups(texts, ["a", "b", "a", "c"]) == [[0, 1, 2]]
    assert shared_groups(texts, ["a", "a", "a", "a"]) == []


def test_two_rules_of_one_municipality_sharing_a_sentence_do_not_join_the_groups_of_each():
    """Frogn's rules 11 and 12 both end "Dette gjelder både i tekst og bilder."; only 12 shares wording elsewhere."""
    texts = [
        "Kommunens etiske retningslinjer gjelder også her. Dette gjelder både i tekst og bilder.",
        "Ansatte har ytringsfrihet, men taushetsplikten gjelder også. Dette gjelder både i tekst og bilder.",
        "Ansatte har ytringsfrihet, men taushetsplikten gjelder også i de sosiale mediene.",
    ]
    assert shared_groups(texts, ["frogn", "frogn", "bomlo"]) == [[1, 2]]
    assert shared_groups(texts[:2], ["frogn", "frogn"]) == []


def test_unlike_rules_are_not_grouped_and_identical_ones_are():
    texts = ["Svar på spørsmål og kommentarer innen rimelig tid.", "Ikke publiser helse- eller personopplysninger."]
    assert shared_groups(texts, ["a", "b"], THRESHOLD) == []
    assert shared_groups([texts[0], texts[0]], ["a", "b"]) == [[0, 1]]


def test_a_third_joins_a_group_only_where_every_two_municipalities_share_wording():
    """Issue #22: a group called "the same or nearly the same wording" held texts that were almost
    wholly different (Meråker's 9 and Alta's 26, each one sentence of Løten's 4)."""
    texts = [
        "Svar på spørsmål og kommentarer fra innbyggerne.",
        "Svar på spørsmål og kommentarer fra innbyggerne. Takk for skryt og ros fra alle.",
        "Takk for skryt og ros fra alle.",
    ]
    groups = shared_groups(texts, ["a", "b", "c"])
    assert len(groups) == 1 and len(groups[0]) == 2 and 1 in groups[0], groups  # a and c have nothing in common
    # one municipality's two rules that together hold another's one rule (Løten's 14 and 15, Frogn's 14): one group
    assert shared_groups(texts, ["a", "b", "a"]) == [[0, 1, 2]]
    # three municipalities with the same sentence, one of them with more: one group
    alike = [texts[0], texts[1], "Svar på alle spørsmål og kommentarer fra innbyggerne."]
    assert shared_groups(alike, ["a", "b", "c"]) == [[0, 1, 2]]


def test_no_group_on_the_site_holds_two_municipalities_with_nothing_in_common(model):
    """Every two municipalities in a group have rules that share a passage (the issue's example:
    meraker-9 is not grouped with alta-26, frogn-12 or bomlo-5)."""
    from municipal_guidelines.model.shared import FLOOR, passage_scores

    for group in model.shared.groups:
        texts = [model.matrices["nb"].by_rule[r].text for r in group.rule_ids]
        scores = passage_scores(texts)
        for a in group.municipalities:
            for b in group.municipalities:
                if a < b:
                    best = max(scores.get((i, j), 0.0) for i in range(len(texts)) for j in range(i + 1, len(texts))
                               if {group.slugs[i], group.slugs[j]} == {a, b})
                    assert best >= FLOOR, f"{group.id}: {a} and {b} share nothing ({best:.2f})"
    group = model.shared.group("meraker-9")
    assert group is None or not {"alta-26", "bomlo-5", "frogn-12"} & set(group.rule_ids)


def test_no_rules_no_groups():
    assert find_shared(()).groups == ()


# --- on the built site ---------------------------------------------------------------------------

NOTE_START = {"nb": "Samme ordlyd i", "nn": "Same ordlyd i"}


@pytest.mark.parametrize("lang", LANGS)
def test_a_rule_names_and_links_the_municipalities_with_the_same_wording(site: Path, lang: str):
    page = soup(site, f"{lang_root(lang)}kommunar/frogn/")
    note = page.select_one("#frogn-12 .rule-shared")
    assert note is not None, "frogn-12 has no shared-wording note"
    assert note.get_text(" ", strip=True).startswith(NOTE_START[lang])
    links = {a.get_text(): a["href"] for a in note.select("a")}
    assert {"Alta", "Bømlo", "Løten"} <= set(links), links
    assert "Meråker" not in links, "meraker-9 shares nothing with Frogn's 12 (issue #22)"
    assert links["Bømlo"] == "../../kommunar/bomlo/#bomlo-5"
    assert "Frogn" not in links, "a rule's note names its own municipality"
    target = page.select_one("#frogn-12 .rule-shared a[href*='lik-ordlyd']")["href"]
    assert target == "../../lik-ordlyd/#delt-alta-26"
    assert soup(site, f"{lang_root(lang)}lik-ordlyd/").select_one("#delt-alta-26") is not None
    assert page.select_one("#frogn-1 .rule-shared") is None, "a rule nobody else has got a note"


@pytest.mark.parametrize("lang", LANGS)
def test_the_shared_wording_page_lists_every_group_with_the_differences_marked(site: Path, lang: str):
    model = load_site(ROOT / "docs", ROOT / "data" / "topics.yml")
    page = soup(site, f"{lang_root(lang)}lik-ordlyd/")
    sections = page.select("section.shared-group")
    assert [s["id"] for s in sections] == [g.id for g in model.shared.groups]
    group = page.select_one("#delt-bomlo-4")
    linked = [a["href"] for a in group.select(".shared-variant__where a")]
    assert linked == ["../kommunar/bomlo/#bomlo-4", "../kommunar/frogn/#frogn-13", "../kommunar/meraker/#meraker-2"]
    # frogn-13 adds to Bømlo's wording: the additions are <ins> and say so to a screen reader
    added = group.select(".shared-variant")[1].select("ins")
    assert added and all(ins.select_one(".visually-hidden") for ins in added)
    label = {"nb": "lagt til", "nn": "lagt til"}[lang]
    assert label in added[0].get_text()
    # what both have is plain text, in the page's language form
    first = group.select_one(".shared-variant blockquote").get_text()
    assert first == model.matrices[lang].by_rule["bomlo-4"].text
    other = "nn/" if lang == "nb" else ""
    assert soup(site, f"{other}lik-ordlyd/").select("section.shared-group"), "the page in the other language form"


@pytest.mark.parametrize("lang", LANGS)
def test_a_topic_page_shows_the_groups_on_its_topic(site: Path, lang: str):
    """Read from the pages alone, not from the model: a topic page shows exactly the groups of the
    shared-wording page that hold a rule annotated with the topic (its data-topics in docs/), in
    that page's order."""
    annotated: dict[str, set[str]] = {}
    for path in (ROOT / "docs" / "kommunar").glob(f"*.{lang}.md"):
        for rule_id, topics in re.findall(r'\{ #([a-z0-9-]+) data-topics="([^"]*)"', path.read_text(encoding="utf-8")):
            annotated[rule_id] = set(topics.split())
    overview = soup(site, f"{lang_root(lang)}lik-ordlyd/")
    groups = [
        (section["id"], {a["href"].rsplit("#", 1)[1] for a in section.select(".shared-variant__where a")})
        for section in overview.select("section.shared-group")
    ]
    checked = 0
    for topic in ("politisk-niva", "krisekommunikasjon", "taushetsplikt", "svar-og-tone"):
        expected = [group for group, rules in groups if any(topic in annotated.get(r, ()) for r in rules)]
        page = soup(site, f"{lang_root(lang)}tema/{topic}/")
        assert [s["id"] for s in page.select("section.shared-group")] == expected, topic
        assert (page.select_one("h2#lik-ordlyd") is not None) == bool(expected), topic
        checked += len(expected)
    assert checked >= 3, "too few groups on these topics to show anything"


@pytest.mark.parametrize("lang", LANGS)
def test_the_export_holds_the_groups(site: Path, lang: str):
    model = load_site(ROOT / "docs", ROOT / "data" / "topics.yml")
    document = json.loads((site / lang_root(lang) / "data" / "matrix.json").read_text(encoding="utf-8"))
    jsonschema.validate(document, json.loads((ROOT / "data" / "matrix.schema.json").read_text(encoding="utf-8")))
    shared = document["shared_wording"]
    assert shared["compared_in"] == "nb"
    assert [g["rule_ids"] for g in shared["groups"]] == [list(g.rule_ids) for g in model.shared.groups]
    rules = {r["rule_id"] for r in document["rules"]}
    assert all(set(g["rule_ids"]) <= rules for g in shared["groups"])


def test_word_diff_marks_what_each_wording_has_alone():
    changes = word_diff("Vurder nøye om du skal ha kontakt.", "Vurder meget nøye om du skal ha kontakt med elever.")
    assert [(c.kind, c.text) for c in changes] == [
        ("same", "Vurder"),
        ("ins", " meget"),
        ("same", " nøye om du skal ha kontakt"),
        ("ins", " med elever"),
        ("same", "."),
    ]
    assert "".join(c.text for c in changes if c.kind != "del") == "Vurder meget nøye om du skal ha kontakt med elever."
    ending = word_diff("Vær bevisst på nivå. Henvis kun til innstillingen.", "Vær bevisst på nivå")
    assert [(c.kind, c.text) for c in ending] == [("same", "Vær bevisst på nivå"), ("del", ". Henvis kun til innstillingen.")]


def test_the_note_escapes_names_and_counts_municipalities_beyond_the_first_five():
    from municipal_guidelines.model.matrix import Entry
    from municipal_guidelines.model.shared import SharedGroup, SharedWording

    slugs = [f"k{i}" for i in range(8)]
    entries = {f"{s}-1": Entry(s, f"{s}-1", ("t",), "x", "nb", "x", "nb", f"kommunar/{s}/#{s}-1") for s in slugs}
    group = SharedGroup(tuple(entries), tuple(slugs))
    shared = SharedWording((group,), {rule_id: group for rule_id in entries})
    names = {s: f"<b>{s}</b>" for s in slugs}
    ui = {"shared_in": "Samme ordlyd i", "shared_more": "{n} andre", "list_and": "og", "shared_compare": "se forskjellene"}
    html = shared_note_html("k0-1", shared, entries, names, ui, lambda url: url)
    assert "<b>" not in html and "&lt;b&gt;k1&lt;/b&gt;" in html
    assert html.count('href="kommunar/') == 5 and "og 2 andre" in html
    assert 'href="lik-ordlyd/#delt-k0-1"' in html
    # made once per group for the municipalities after the first named, and the same as made anew
    cache: dict = {}
    for rule_id in entries:
        assert shared_note_html(rule_id, shared, entries, names, ui, lambda url: url, cache) == shared_note_html(
            rule_id, shared, entries, names, ui, lambda url: url
        )
    assert len(cache) == 7  # k0 … k5 each their own note, k6 and k7 the same one
    assert "k7-1" not in shared_note_html("k7-1", shared, entries, names, ui, lambda url: url, cache)
    # a site of many municipalities: only how many, linked to the group (pages stay small)
    compact = shared_note_html("k3-1", shared, entries, names, {**ui, "shared_in_many": "Samme ordlyd i {n} andre kommuner"},
                               lambda url: url, compact=True)
    assert compact == '<span class="rule-shared"><a href="lik-ordlyd/#delt-k0-1">Samme ordlyd i 7 andre kommuner</a></span>'


def test_the_vectors_are_scikit_learns_tf_idf(model):
    """``vectorise`` is scikit-learn's TfidfVectorizer (char_wb 3–5, sublinear tf, smooth idf, l2)
    without importing scikit-learn: the same similarities between every two passages of the site."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    texts = sorted({p for e in model.matrices[COMPARE_LANG].entries for p in passages(e.text)})
    texts += ["a", "to  ord\tog\nEN Tredje", "ÆØÅ æøå", "x", ""]  # short words, runs of space, case, empty
    ours = vectorise(texts)
    theirs = TfidfVectorizer(analyzer="char_wb", ngram_range=NGRAMS, sublinear_tf=True).fit_transform(texts)
    assert ours.shape == theirs.shape and len(texts) > 150
    assert abs((ours @ ours.T) - (theirs @ theirs.T)).max() < 1e-9


def test_the_build_path_does_not_import_scikit_learn():
    """Reading, checking and modelling the site (every hook file loaded, the shared wording found)
    in a fresh interpreter leaves scikit-learn unimported: only the topic suggester needs it."""
    import subprocess
    import sys

    script = (
        "import importlib.util, sys\n"
        "from pathlib import Path\n"
        "for hook in sorted(Path('hooks').glob('*.py')):\n"
        "    spec = importlib.util.spec_from_file_location(hook.stem, hook); spec.loader.exec_module(importlib.util.module_from_spec(spec))\n"
        "from municipal_guidelines.project import Project\n"
        "from municipal_guidelines.validation import validate_site\n"
        "model = validate_site(Project(Path.cwd()))\n"
        "assert model.shared.groups\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'sklearn'))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"})
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]", result.stdout
