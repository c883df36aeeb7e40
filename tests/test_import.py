"""Adding a municipality: ``guidelines import``, the topic suggester and its evaluation.

The import runs as a user runs it (a subprocess with this Python) into a temporary docs
directory; the checks here are independent of the script's own: the page must parse with
``parse_guideline``, every sentence of the seed must be in the page rendered by Python-Markdown,
and every annotation must land on its paragraph or list item.
"""

from __future__ import annotations

import datetime
import hashlib
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import markdown
import pytest
import yaml
from bs4 import BeautifulSoup

from municipal_guidelines.format.guideline import parse_guideline
from municipal_guidelines.importing.fidelity import missing_sentences, source_sentences
from municipal_guidelines.model.site import load_site
from municipal_guidelines.model.topics import load_topics
from municipal_guidelines.model.validate import check_translation
from municipal_guidelines.suggest.evaluation import evaluate
from municipal_guidelines.suggest.keywords import matching_keywords, read_keywords, stem_matches, suggest_topics

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "sources"  # the project's own copies of the texts as received

HAS_APERTIUM = shutil.which("apertium") is not None
TOPICS = load_topics(ROOT / "data" / "topics.yml")
TARGET_TOPICS = ("taushetsplikt", "bilete", "kontakt-brukarar", "krisekommunikasjon")

SEED_FILES = {  # seed file -> (name, kommunenummer, county, language form, slug)
    "loten.txt": ("Løten", "3412", "Innlandet", "nb", "loten"),
    "alta.txt": ("Alta", "5601", "Finnmark", "nb", "alta"),
    "meraker.txt": ("Meråker", "5034", "Trøndelag", "nb", "meraker"),
    "frogn.txt": ("Frogn", "3214", "Akershus", "nb", "frogn"),
    "bomlo.txt": ("Bømlo", "4613", "Vestland", "nn", "bomlo"),
}

def rendered(page: str) -> BeautifulSoup:
    body = page.split("\n---\n", 1)[1]
    return BeautifulSoup(markdown.markdown(body, extensions=["attr_list"]), "html.parser")


def run_import(*args: str | Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "municipal_guidelines", "import", *map(str, args)], capture_output=True, text=True, cwd=ROOT
    )


def import_args(seed: str, docs: Path, sources: Path | None = None) -> list[str | Path]:
    name, number, county, lang, _ = SEED_FILES[seed]
    args: list[str | Path] = [SEEDS / seed, "--name", name, "--number", number, "--county", county, "--lang", lang]
    args += ["--docs", docs, "--sources", sources if sources is not None else docs.parent / "sources"]
    return args if HAS_APERTIUM else [*args, "--no-translate"]


def snapshot(*folders: Path) -> dict[str, bytes]:
    return {
        p.as_posix(): p.read_bytes() for folder in folders for p in sorted(folder.rglob("*")) if p.is_file()
    }


@pytest.fixture()
def docs(tmp_path: Path) -> Path:
    folder = tmp_path / "docs"
    (folder / "kommunar").mkdir(parents=True)
    return folder


@pytest.fixture()
def sources(tmp_path: Path) -> Path:
    """The sources folder the importer keeps its input in (``<docs>/../sources`` by default)."""
    folder = tmp_path / "sources"
    folder.mkdir()
    return folder


def front_matter(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("\n---\n", 1)[0].removeprefix("---\n"))


def assert_refused(result: subprocess.CompletedProcess, before: dict, *folders: Path, expected: tuple[str, ...]) -> str:
    """Exit 2, one line on stderr holding every ``expected`` piece, nothing on stdout, nothing written."""
    assert result.returncode == 2, f"exit {result.returncode}\n{result.stdout}\n{result.stderr}"
    message = result.stderr.strip()
    assert len(message.splitlines()) == 1, f"not one line: {message!r}"
    for piece in expected:
        assert piece in message, f"{piece!r} not in {message!r}"
    assert result.stdout == ""
    assert snapshot(*folders) == before, "something was written"
    return message


# --------------------------------------------------------------------------------------------
# Importing the five seeds
# --------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[subprocess.CompletedProcess, Path]]:
    """Each seed imported once into its own docs directory: seed -> (process, docs dir)."""
    runs = {}
    for seed in SEED_FILES:
        folder = tmp_path_factory.mktemp("docs")
        (folder / "kommunar").mkdir()
        runs[seed] = (run_import(*import_args(seed, folder, folder / "sources")), folder)
    return runs


@pytest.mark.parametrize("seed", sorted(SEED_FILES))
def test_import_of_seed_parses_and_keeps_every_sentence(seed: str, imported: dict) -> None:
    name, number, county, lang, slug = SEED_FILES[seed]
    result, docs = imported[seed]
    assert result.returncode == 0, f"import failed:\n{result.stdout}\n{result.stderr}"
    assert re.search(r"all \d+ sentences kept", result.stdout), result.stdout

    path = docs / "kommunar" / f"{slug}.{lang}.md"
    page = path.read_text(encoding="utf-8")
    guideline = parse_guideline(page, path)
    assert guideline.is_original and guideline.meta.review
    assert (guideline.meta.municipality, guideline.meta.municipality_number, guideline.meta.county) == (name, number, county)
    assert guideline.rules, "no rule got a topic"
    assert [r.id for r in guideline.rules] == [f"{slug}-{n}" for n in range(1, len(guideline.rules) + 1)]

    html = rendered(page)
    _, missing = missing_sentences((SEEDS / seed).read_text(encoding="utf-8"), html.get_text(" "))
    assert not missing, f"sentences of {seed} missing from {path.name}: {missing}"
    for rule in guideline.rules:
        element = html.find(id=rule.id)
        assert element is not None and element.name == rule.kind, f"{rule.id} is on {element!r}, expected <{rule.kind}>"
    assert not re.search(r"\{:?\s*[#.]", html.get_text(" ")), "an annotation stayed literal text"


@pytest.mark.skipif(not HAS_APERTIUM, reason="apertium is not installed")
@pytest.mark.parametrize("seed", sorted(SEED_FILES))
def test_import_of_seed_writes_matching_translation(seed: str, imported: dict) -> None:
    _, _, _, lang, slug = SEED_FILES[seed]
    result, docs = imported[seed]
    assert result.returncode == 0, result.stderr
    other = "nn" if lang == "nb" else "nb"
    original_path, translation_path = (docs / "kommunar" / f"{slug}.{x}.md" for x in (lang, other))
    assert translation_path.is_file(), f"no translation {translation_path.name}"
    assert f"wrote {translation_path}" in result.stdout or translation_path.name in result.stdout
    original = parse_guideline(original_path.read_text(encoding="utf-8"), original_path)
    translation = parse_guideline(translation_path.read_text(encoding="utf-8"), translation_path)
    assert not translation.is_original
    assert check_translation(original, translation) == []
    check = subprocess.run(
        [sys.executable, "-m", "municipal_guidelines", "translate", "--check", "--docs", str(docs)], capture_output=True, text=True
    )
    assert check.returncode == 0, f"guidelines translate --check does not accept the imported translation:\n{check.stderr}"


def test_title_and_adoption_options(docs: Path) -> None:
    seed = "bomlo.txt"
    title, adoption = "Rettleiar for bruk av Sosiale medier i Bømlo kommune", "PS 64/2013"
    result = run_import(*import_args(seed, docs), "--title", title, "--adoption", adoption, "--slug", "bomlo-test")
    assert result.returncode == 0, result.stderr
    path = docs / "kommunar" / "bomlo-test.nn.md"
    page = path.read_text(encoding="utf-8")
    guideline = parse_guideline(page, path)
    assert (guideline.meta.document_title, guideline.meta.adoption) == (title, adoption)
    assert f"\n# {title}\n" in page
    assert guideline.rules[0].id == "bomlo-test-1"


def test_unplaced_blocks_are_prose_and_listed(docs: Path) -> None:
    result = run_import(*import_args("alta.txt", docs))
    assert result.returncode == 0, result.stderr
    assert "could not place — decide: rule (add topics) or prose" in result.stdout
    listed = re.findall(r"alta\.nb\.md:(\d+) \(source line \d+\): (.*)", result.stdout)
    lines = (docs / "kommunar" / "alta.nb.md").read_text(encoding="utf-8").split("\n")
    assert ("2022" in [text for _, text in listed]) and listed
    for number, text in listed:
        block_line = lines[int(number) - 1]
        assert text.rstrip("…") in block_line, f"line {number} is {block_line!r}, listed as {text!r}"
        assert lines[int(number)].strip() == "{ .prosa }"


def test_force_overwrites(docs: Path) -> None:
    seed = "frogn.txt"
    (docs / "kommunar" / "frogn.nb.md").write_text("old", encoding="utf-8")
    result = run_import(*import_args(seed, docs), "--force")
    assert result.returncode == 0, result.stderr
    assert (docs / "kommunar" / "frogn.nb.md").read_text(encoding="utf-8").startswith("---\nmunicipality: Frogn")


# --------------------------------------------------------------------------------------------
# Bad input: exit 2, one clear line, nothing written
# --------------------------------------------------------------------------------------------

SEED = "loten.txt"
BAD_INPUT = {
    "empty file": (["--name", "Løten", "--number", "3412", "--county", "Innlandet", "--lang", "nb"], "er tom"),
    "unknown language form": (["--name", "Løten", "--number", "3412", "--county", "Innlandet", "--lang", "de"], "--lang"),
    "kommunenummer not four digits": (["--name", "Løten", "--number", "123", "--county", "Innlandet", "--lang", "nb"], "--number"),
    "existing page": (["--name", "Løten", "--number", "3412", "--county", "Innlandet", "--lang", "nb"], "finst alt"),
}


@pytest.mark.parametrize("case", sorted(BAD_INPUT))
def test_bad_input_exits_2_and_writes_nothing(case: str, docs: Path, sources: Path, tmp_path: Path) -> None:
    options, expected = BAD_INPUT[case]
    source = SEEDS / SEED
    if case == "empty file":
        source = tmp_path / "empty.txt"
        source.write_text("\n  \n", encoding="utf-8")
    if case == "existing page":
        (docs / "kommunar" / "loten.nb.md").write_text("hand-made page\n", encoding="utf-8")
    before = snapshot(docs, sources)
    result = run_import(source, *options, "--docs", docs, "--sources", sources)
    assert_refused(result, before, docs, sources, expected=(expected,))


LOTEN = ["--name", "Løten", "--number", "3412", "--county", "Innlandet", "--lang", "nb", "--no-translate"]
GUIDELINE = "Retningslinjer for sosiale medier\n\nHusk at taushetsplikten gjelder også i sosiale medier.\n"


def write_input(folder: Path, text: str | bytes, name: str = "tekst.txt") -> Path:
    path = folder / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return path


@pytest.mark.parametrize(
    "char, line",
    [("\x00", 3), ("\x1b", 3), ("\x07", 1), ("\x0c", 3), ("\x7f", 3), ("\x85", 3), ("\u00ad", 3), ("\u200b", 3), ("\u2028", 3)],
)
def test_control_character_in_text_is_refused_with_line(char: str, line: int, docs: Path, sources: Path, tmp_path: Path) -> None:
    lines = GUIDELINE.split("\n")
    lines[line - 1] = lines[line - 1][:5] + char + lines[line - 1][5:]
    source = write_input(tmp_path, "\n".join(lines))
    before = snapshot(docs, sources)
    result = run_import(source, *LOTEN, "--docs", docs, "--sources", sources)
    assert_refused(result, before, docs, sources, expected=("tekst.txt", f"linje {line}", f"U+{ord(char):04X}"))


def test_tabs_crlf_and_no_break_spaces_stay_allowed(docs: Path, sources: Path, tmp_path: Path) -> None:
    raw = "\ufeffRetningslinjer for\u00a0sosiale medier\r\n\r\n-\tHusk at taushetsplikten gjelder også her.\r\n\tBruk a < b og AT&T &foo; med vett.\r\n".encode()
    source = write_input(tmp_path, raw)
    result = run_import(source, *LOTEN, "--docs", docs, "--sources", sources)
    assert result.returncode == 0, result.stderr
    assert (sources / "loten.txt").read_bytes() == raw, "the kept source is not the input as received"


HTML_PAGES = {
    "doctype": "<!DOCTYPE html>\n<html lang=nb><head><title>Retningslinjer</title></head>\n<body>\n<p>Husk taushetsplikten.</p>\n</body></html>\n",
    "html tag": "\n  <html>\nRetningslinjer for sosiale medier\n\nHusk taushetsplikten.\n</html>\n",
    "many tags": "".join(f"<p>Regel {n}: husk taushetsplikten.</p>\n<br>\n" for n in range(1, 8)),
}


@pytest.mark.parametrize("case", sorted(HTML_PAGES))
def test_html_file_is_recognised_by_content(case: str, docs: Path, sources: Path, tmp_path: Path) -> None:
    """A web page saved under any name is read as a web page: its text, not its tags, and the page
    kept as received beside the text taken from it."""
    source = write_input(tmp_path, HTML_PAGES[case], "retningsliner.txt")
    result = run_import(source, *LOTEN, "--docs", docs, "--sources", sources, "--title", "Retningslinjer for sosiale medier")
    assert result.returncode == 0, result.stderr
    assert yaml.safe_load((sources / "loten.yml").read_text(encoding="utf-8"))["received_file"] == "loten.html"
    text = (sources / "loten.txt").read_text(encoding="utf-8")
    assert "taushetsplikten" in text and "<" not in text


@pytest.mark.parametrize(
    "line, expected",
    [
        ("Bruk <b>aldri</b> fet skrift.", "HTML"),
        ("Svar innan 24&nbsp;timar.", "&nbsp;"),
        ("Les meir { #id } her.", "krøllparentes"),
        ("Sjå [her](javascript:alert(1)) for meir.", "javascript:alert(1"),
    ],
)
def test_markup_in_a_line_is_refused_with_its_line(line: str, expected: str, docs: Path, sources: Path, tmp_path: Path) -> None:
    source = write_input(tmp_path, GUIDELINE + "\n" + line + "\n")
    before = snapshot(docs, sources)
    result = run_import(source, *LOTEN, "--docs", docs, "--sources", sources)
    assert_refused(result, before, docs, sources, expected=("tekst.txt", "linje 5", expected))


BAD_OPTIONS = {  # case -> (option, value, piece of the message)
    "name with a script tag": ("--name", "<script>alert(1)</script>", "--name"),
    "name with a character reference": ("--name", "L&#248;ten", "&#248;"),
    "name with a control character": ("--name", "Lø\x1bten", "U+001B"),
    "name of digits only": ("--name", "3412", "ikkje eit namn"),
    "empty name": ("--name", " ", "--name"),
    "county with markup": ("--county", "<b>Innlandet</b>", "--county"),
    "county of digits only": ("--county", "34", "--county"),
    "full-width kommunenummer": ("--number", "３４１２", "fire siffer"),
    "kommunenummer with five digits": ("--number", "34120", "--number"),
    "title with markup": ("--title", "<img src=x onerror=alert(1)>", "--title"),
    "title with a character reference": ("--title", "&lt;b&gt;Retningslinjer", "&lt;"),
    "adoption with a control character": ("--adoption", "Vedteke\x07 2013", "U+0007"),
    "slug with capitals": ("--slug", "Loten", "--slug"),
    "slug that is a path": ("--slug", "../loten", "--slug"),
    "how with markup": ("--how", "<script>", "--how"),
}


@pytest.mark.parametrize("case", sorted(BAD_OPTIONS))
def test_bad_option_exits_2_and_writes_nothing(case: str, docs: Path, sources: Path) -> None:
    option, value, expected = BAD_OPTIONS[case]
    before = snapshot(docs, sources)
    result = run_import(SEEDS / SEED, *with_options(LOTEN, {option: value}), "--docs", docs, "--sources", sources)
    assert_refused(result, before, docs, sources, expected=(expected,))


def copy_page(docs: Path, name: str) -> None:
    shutil.copyfile(ROOT / "docs" / "kommunar" / name, docs / "kommunar" / name)


def with_options(args: list[str], options: dict[str, str]) -> list[str]:
    """``args`` with each option set to its value (replaced if present, else added)."""
    args = list(args)
    for option, value in options.items():
        if option in args:
            args[args.index(option) + 1] = value
        else:
            args += [option, value]
    return args


@pytest.mark.parametrize(
    "options, force",
    [
        ({"--slug": "loten-kommune"}, False),  # the same kommunenummer and name
        ({"--name": "LØTEN", "--number": "3499", "--slug": "loten-stor"}, False),  # the same name, in capitals
        ({"--name": "Løten Nord", "--number": "3412"}, False),  # the same kommunenummer
        ({"--slug": "loten-kommune"}, True),  # --force overwrites only the same slug
    ],
)
def test_municipality_under_another_slug_is_refused(options: dict[str, str], force: bool, docs: Path, sources: Path) -> None:
    copy_page(docs, "loten.nb.md")
    copy_page(docs, "index.nb.md")
    (docs / "kommunar" / "brokenpage.nb.md").write_text("---\nmunicipality: [\n---\n", encoding="utf-8")
    (docs / "kommunar" / "nofrontmatter.nn.md").write_text("# Ingen framside\n", encoding="utf-8")
    args = with_options(LOTEN, options) + (["--force"] if force else [])
    before = snapshot(docs, sources)
    result = run_import(SEEDS / "alta.txt", *args, "--docs", docs, "--sources", sources)
    assert_refused(result, before, docs, sources, expected=("loten.nb.md",))


def test_broken_pages_do_not_stop_an_import(docs: Path, sources: Path) -> None:
    copy_page(docs, "index.nb.md")
    (docs / "kommunar" / "brokenpage.nb.md").write_text("---\nmunicipality: [\n---\n", encoding="utf-8")
    (docs / "kommunar" / "listpage.nb.md").write_text("---\n- a\n---\n", encoding="utf-8")
    (docs / "kommunar" / "binary.nb.md").write_bytes(b"---\n\xff\xfe\n---\n")
    result = run_import(SEEDS / SEED, *LOTEN, "--docs", docs, "--sources", sources)
    assert result.returncode == 0, result.stderr


def test_input_over_the_size_limit_is_refused(docs: Path, sources: Path, tmp_path: Path) -> None:
    source = write_input(tmp_path, GUIDELINE + "Husk taushetsplikten.\n" * (200_001 // 22), "stor.txt")
    assert source.stat().st_size > 200_000
    before = snapshot(docs, sources)
    result = run_import(source, *LOTEN, "--docs", docs, "--sources", sources)
    assert_refused(result, before, docs, sources, expected=("stor.txt", "200000", "--max-bytes"))


def test_max_bytes_option(docs: Path, sources: Path) -> None:
    size = (SEEDS / SEED).stat().st_size
    before = snapshot(docs, sources)
    result = run_import(SEEDS / SEED, *LOTEN, "--docs", docs, "--sources", sources, "--max-bytes", str(size - 1))
    assert_refused(result, before, docs, sources, expected=(f"--max-bytes {size}",))
    for bad in ("lots", "-5", "0", "１０"):
        result = run_import(SEEDS / SEED, *LOTEN, "--docs", docs, "--sources", sources, "--max-bytes", bad)
        assert_refused(result, before, docs, sources, expected=("--max-bytes",))
    result = run_import(SEEDS / SEED, *LOTEN, "--docs", docs, "--sources", sources, "--max-bytes", str(size))
    assert result.returncode == 0, result.stderr


# --------------------------------------------------------------------------------------------
# The source is kept: sources/<slug>.txt as received, sources/<slug>.yml its provenance
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("seed", sorted(SEED_FILES))
def test_import_keeps_the_source_as_received(seed: str, imported: dict) -> None:
    name, number, _, lang, slug = SEED_FILES[seed]
    result, docs = imported[seed]
    assert result.returncode == 0, result.stderr
    kept = docs / "sources" / f"{slug}.txt"
    assert kept.read_bytes() == (SEEDS / seed).read_bytes()
    provenance = yaml.safe_load((docs / "sources" / f"{slug}.yml").read_text(encoding="utf-8"))
    assert set(provenance) == {"municipality", "municipality_number", "file", "sha256", "received", "received_as", "how"}
    assert (provenance["municipality"], provenance["municipality_number"], provenance["file"]) == (name, number, f"{slug}.txt")
    assert provenance["sha256"] == hashlib.sha256(kept.read_bytes()).hexdigest()
    assert provenance["received"] in {str(datetime.date.today()), str(datetime.date.today() - datetime.timedelta(days=1))}
    assert provenance["received_as"] == seed
    assert provenance["how"] == "guidelines import"
    for path in (docs / "kommunar").glob(f"{slug}.*.md"):
        assert front_matter(path)["source"] == f"{slug}.txt", path.name


def test_how_and_default_sources_folder(docs: Path, tmp_path: Path) -> None:
    source = write_input(tmp_path, (SEEDS / SEED).read_bytes(), "Retningsliner Løten (2).txt")
    result = run_import(source, *LOTEN, "--docs", docs, "--how", "e-post frå kommunen 2026-11-20, kopiert frå PDF")
    assert result.returncode == 0, result.stderr
    provenance = yaml.safe_load((tmp_path / "sources" / "loten.yml").read_text(encoding="utf-8"))
    assert provenance["how"] == "guidelines import: e-post frå kommunen 2026-11-20, kopiert frå PDF"
    assert provenance["received_as"] == "Retningsliner Løten (2).txt"
    assert "sources/loten.txt" in result.stdout


def test_kept_source_is_not_overwritten_without_force(docs: Path, sources: Path) -> None:
    (sources / "loten.txt").write_text("the text as first received\n", encoding="utf-8")
    before = snapshot(docs, sources)
    result = run_import(SEEDS / SEED, *LOTEN, "--docs", docs, "--sources", sources)
    assert_refused(result, before, docs, sources, expected=("loten.txt", "--force"))
    result = run_import(SEEDS / SEED, *LOTEN, "--docs", docs, "--sources", sources, "--force")
    assert result.returncode == 0, result.stderr
    assert (sources / "loten.txt").read_bytes() == (SEEDS / SEED).read_bytes()


def test_failed_write_leaves_nothing(docs: Path, tmp_path: Path) -> None:
    """The sources folder cannot be made (a file stands where a folder should): no page either."""
    (tmp_path / "afile").write_text("", encoding="utf-8")
    before = snapshot(docs, tmp_path)
    result = run_import(SEEDS / SEED, *LOTEN, "--docs", docs, "--sources", tmp_path / "afile" / "sources")
    assert_refused(result, before, docs, tmp_path, expected=("kunne ikkje skrive", "ingenting er skrive"))


def test_late_error_writes_no_source(docs: Path, sources: Path, tmp_path: Path) -> None:
    """A problem found only when the page is built (a title line too long for the front matter)."""
    source = write_input(tmp_path, "# " + "Retningslinjer " * 30 + "\n\nHusk taushetsplikten.\n")
    before = snapshot(docs, sources)
    result = run_import(source, *LOTEN, "--docs", docs, "--sources", sources)
    assert_refused(result, before, docs, sources, expected=("tekst.txt", "linje 1", "--title"))


# --------------------------------------------------------------------------------------------
# The suggester
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "word, stem",
    [
        ("teieplikta", "teieplikt"),
        ("taushetsplikten", "taushetsplikt"),
        ("bileta", "bilete"),
        ("krisestab", "krise"),
        ("kriseleiing", "krise"),
        ("krisa", "krise"),
        ("beredskapsleiing", "beredskap"),
        ("kriseberedskapen", "beredskap"),
        ("mediekontoar", "konto"),
        ("fakta-feil", "faktafeil"),
    ],
)
def test_stem_matches_inflection_and_compounds(word: str, stem: str) -> None:
    assert stem_matches(word, stem)


@pytest.mark.parametrize("word, stem", [("ansvar", "svar"), ("kristen", "krise"), ("opprettholde", "opprette")])
def test_stem_does_not_match_other_words(word: str, stem: str) -> None:
    assert not stem_matches(word, stem)


@pytest.mark.parametrize(
    "text, topic",
    [
        ("Tilsette har ytringsfridom, men teieplikta gjeld òg i sosiale medium.", "taushetsplikt"),
        ("Husk at taushetsplikten gjelder også her.", "taushetsplikt"),
        ("Ikkje legg ut bileta der elevar kan kjennast att.", "bilete"),
        ("Når rådmannen har satt krisestab, går all kommunikasjon via nettsida.", "krisekommunikasjon"),
        ("Kriseleiinga avgjer kven som uttaler seg.", "krisekommunikasjon"),
        ("Beredskapsleiinga har ansvaret for informasjonen.", "krisekommunikasjon"),
        ("Unngå å være venn med brukere og pårørende.", "kontakt-brukarar"),
    ],
)
def test_suggester_finds_topic(text: str, topic: str) -> None:
    assert topic in suggest_topics(text, TOPICS)


def test_pictures_without_persons_are_not_the_picture_topic() -> None:
    """bilete is pictures *of persons*: an image word alone (copyright of images) does not suggest it."""
    assert "bilete" not in suggest_topics("Ver merksam på opphavsretten til bilete og tekst.", TOPICS)


def test_suggester_on_prose_finds_nothing() -> None:
    assert suggest_topics("Gruppens oppgaver:", TOPICS) == ()


def test_suggester_meets_targets_on_the_five_guidelines() -> None:
    scores = evaluate(ROOT / "docs", ROOT / "data" / "topics.yml")
    for topic in TARGET_TOPICS:
        precision, recall, support = scores[topic]
        assert support > 0, f"{topic}: no annotated rule"
        assert recall >= 0.9, f"{topic}: recall {recall:.2f} < 0.9"
        assert precision >= 0.8, f"{topic}: precision {precision:.2f} < 0.8"


def test_review_scripts_run() -> None:
    """The commands as an editor runs them (``evaluate``'s work is the fixture below: run once)."""
    for command, expected in ((["suggest", "--compare"], "rules agree"), (["evaluate", "--help"], "--out")):
        result = subprocess.run([sys.executable, "-m", "municipal_guidelines", *command], capture_output=True, text=True, cwd=ROOT)
        assert result.returncode == 0, result.stderr
        assert expected in result.stdout


@pytest.fixture(scope="module")
def suggester_evaluations():
    """The leave-one-out evaluation of the three suggesters, computed once for the tests that read it
    (what ``guidelines evaluate`` computes)."""
    from municipal_guidelines.suggest.evaluation import evaluate_suggesters

    return evaluate_suggesters(ROOT / "docs", TOPICS)


def test_leave_one_out_never_trains_on_the_municipality_it_tests_and_skips_unreviewed_pages() -> None:
    from municipal_guidelines.suggest.evaluation import leave_one_out
    from municipal_guidelines.suggest.training import Example, reviewed_examples

    seen: list[tuple[set[str], str]] = []

    def factory(training: list[Example]):
        slugs = {e.slug for e in training}

        def suggest(text: str) -> tuple[str, ...]:
            seen.append((slugs, text))
            return ("bilete",)

        return suggest

    examples = [Example(slug, "nb", f"{slug}-1", f"{slug} tekst", ("bilete",)) for slug in ("aby", "bby", "cby")]
    evaluation = leave_one_out(examples, factory, ["bilete", "rolle"])
    assert [(sorted(slugs), text) for slugs, text in seen] == [
        (["bby", "cby"], "aby tekst"), (["aby", "cby"], "bby tekst"), (["aby", "bby"], "cby tekst")
    ]
    assert evaluation.rules == 3 and evaluation.totals["bilete"].tp == 3 and evaluation.totals["rolle"].fp == 0
    page = parse_guideline(
        (ROOT / "docs" / "kommunar" / "loten.nb.md").read_text(encoding="utf-8").replace("source: loten.txt", "source: loten.txt\nreview: true"),
        Path("loten.nb.md"),
    )
    assert page.meta.review and reviewed_examples([page]) == []


def test_the_committed_suggester_report_holds_todays_figures(suggester_evaluations) -> None:
    """benchmarks/suggester.md quotes each suggester's micro precision and recall as the evaluation
    gives them today (not the report's text: a figure that moved, in the report or in the code, fails)."""
    from municipal_guidelines.suggest.evaluation import MICRO, scores

    report = (ROOT / "benchmarks" / "suggester.md").read_text(encoding="utf-8")
    quoted = re.findall(r"^\| \*\*micro\*\* \| ([0-9.]+) \| ([0-9.]+) \|", report, flags=re.M)
    assert len(quoted) == len(suggester_evaluations), f"the report has {len(quoted)} micro rows: run guidelines evaluate --out benchmarks/suggester.md"
    for (name, evaluation), (precision, recall) in zip(suggester_evaluations, quoted, strict=True):
        today = scores(evaluation.totals)[MICRO]
        assert (float(precision), float(recall)) == pytest.approx(today[:2], abs=0.006), f"{name}: report {precision}/{recall}, today {today[:2]}"


def test_leave_one_out_figures_do_not_fall(suggester_evaluations) -> None:
    """The targets of the suggester, held as lower bounds (benchmarks/suggester.md has the figures)."""
    from municipal_guidelines.suggest.evaluation import scores

    (_, combined_evaluation), (_, learned_evaluation), _ = suggester_evaluations
    combined = scores(combined_evaluation.totals)
    for topic in TARGET_TOPICS:
        precision, recall, _ = combined[topic]
        assert precision >= 0.85 and recall >= 0.85, (topic, precision, recall)
    assert combined["micro"][0] >= 0.85 and combined["micro"][1] >= 0.85, combined["micro"]  # the issue-20 target
    learned = scores(learned_evaluation.totals)
    assert learned["micro"][0] >= 0.9 and learned["micro"][1] >= 0.45, learned["micro"]  # the model alone, honestly


def test_the_importer_gives_its_evidence_and_flags_prose_that_reads_like_a_rule(tmp_path: Path) -> None:
    """Trained on the committed pages, the importer says why it suggests each topic (keywords, the
    learned probability, the most alike reviewed rules) and puts unplaced blocks that read like
    instructions first."""
    docs = tmp_path / "docs"
    shutil.copytree(ROOT / "docs" / "kommunar", docs / "kommunar")
    text = tmp_path / "testvik.txt"
    text.write_text(
        "Retningslinjer for sosiale medier i Testvik kommune\n\nInnledning om dokumentet.\n\n"
        "- Ikke legg ut bilder av elever uten samtykke fra foreldrene.\n- Alle skal lese dette dokumentet grundig.\n",
        encoding="utf-8",
    )
    result = run_import(text, "--name", "Testvik", "--number", "9901", "--county", "Innlandet", "--lang", "nb",
                        "--docs", docs, "--sources", tmp_path / "sources", "--no-translate")
    assert result.returncode == 0, result.stderr
    rule = next(line for line in result.stdout.splitlines() if "testvik-1:" in line)
    assert "bilete (keyword" in rule and "learned 0." in rule and "like " in rule
    flagged = [line for line in result.stdout.splitlines() if "[reads like a rule]" in line]
    assert any("Alle skal lese" in line for line in flagged) and not any("Innledning" in line for line in flagged)


@pytest.mark.skipif(not HAS_APERTIUM, reason="apertium is not installed; CI installs it")
def test_an_imported_guideline_keeps_its_names_and_imperatives_in_translation(imported: dict) -> None:
    result, docs = imported["bomlo.txt"]
    assert result.returncode == 0, result.stderr
    translation = (docs / "kommunar" / "bomlo.nb.md").read_text(encoding="utf-8")
    assert "Vær åpen om hvor du jobber" in translation and "Verger" not in translation
    assert "som ansatt i Bømlo kommune" in translation and "tilsetter" not in translation


UNSEEN = [  # (sentence written for this test, topic it must get, topic it must not get)
    ("Opplysninger du får i jobben er fortrolige og skal ikke deles.", "taushetsplikt", None),
    ("Ikke send venneforespørsler til elever.", "kontakt-brukarar", None),
    ("Ikkje send venneførespurnader til elevar.", "kontakt-brukarar", None),
    ("Kommentarer som bryter reglene kan skjules eller fjernes.", "sletting", None),
    ("Kommentarar som bryt reglane kan skjulast eller fjernast.", "sletting", None),
    ("Kommunen sin krisestab tek over all kommunikasjon.", "krisekommunikasjon", None),
    ("Avdelingen har eget ansvar for dette.", None, "deltaking"),
    ("Hvis du oppretter en privat profil, bruk ikke jobbadressen.", None, "offisielle-kontoer"),
]


@pytest.mark.parametrize(("text", "wanted", "unwanted"), UNSEEN, ids=[u[0][:32] for u in UNSEEN])
def test_keywords_find_synonyms_plurals_and_passives_and_not_word_parts(text: str, wanted: str | None, unwanted: str | None) -> None:
    """The misses the keywords had on guideline texts written outside the project, in sentences of their kind."""
    suggested = suggest_topics(text, TOPICS)
    assert wanted is None or wanted in suggested, suggested
    assert unwanted is None or unwanted not in suggested, suggested


# --- documents as municipalities publish them: Word (.docx) -----------------------------------


def page_to_docx(page_path: Path) -> bytes:
    """A Word document made from a committed page: its headings in heading styles (the title in
    Title), its lists in Word's list styles (nested ones in "List Bullet 2" …), paragraphs as paragraphs."""
    import io
    import re

    import docx

    from municipal_guidelines.format import grammar

    document = docx.Document()
    for line in grammar.parse(page_path.read_text(encoding="utf-8")).body:
        text = re.sub(r"\\(.)", r"\1", line.text)  # Markdown escapes are not in a Word document
        if line.kind == "heading":
            document.add_paragraph(text, style="Title") if line.level == 1 else document.add_heading(text, level=line.level)
        elif line.kind == "item":
            depth = line.indent // 4
            style = ("List Number" if line.marker[0].isdigit() else "List Bullet") + (f" {depth + 1}" if depth else "")
            document.add_paragraph(text, style=style)
        elif line.kind == "text":
            document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def structure(page_text: str) -> list[tuple]:
    from municipal_guidelines.format import grammar

    return [(line.kind, line.level, line.indent, line.marker[:1].isdigit()) for line in grammar.parse(page_text).body if line.kind in ("heading", "item")]


def import_document(seed: str, content: bytes, file_name: str, kind: str, tmp_path: Path) -> str:
    """Import ``content`` (a document made from a committed page) as the seed's municipality, check
    what every format must give (every sentence, the committed page's headings and lists, the file
    kept as received with its checksum, the same text when extracted again) and return the page."""
    from test_sources import check_kept_document

    name, number, county, lang, slug = SEED_FILES[seed]
    received = tmp_path / file_name
    received.write_bytes(content)
    docs, sources = tmp_path / "docs", tmp_path / "sources"
    (docs / "kommunar").mkdir(parents=True)
    result = run_import(received, "--name", name, "--number", number, "--county", county, "--lang", lang,
                        "--docs", docs, "--sources", sources, "--no-translate")
    assert result.returncode == 0, result.stderr
    assert re.search(r"^all \d+ sentences kept$", result.stdout, re.M), result.stdout
    imported = (docs / "kommunar" / f"{slug}.{lang}.md").read_text(encoding="utf-8")
    assert structure(imported) == structure((ROOT / "docs" / "kommunar" / f"{slug}.{lang}.md").read_text(encoding="utf-8"))
    provenance = yaml.safe_load((sources / f"{slug}.yml").read_text(encoding="utf-8"))
    assert provenance["received_file"] == f"{slug}.{kind}" and provenance["received_as"] == received.name
    assert (sources / f"{slug}.{kind}").read_bytes() == content
    check_kept_document(sources, provenance)
    return imported


@pytest.mark.parametrize("seed", SEED_FILES)
def test_a_word_document_imports_with_its_headings_lists_and_every_sentence(seed: str, tmp_path: Path) -> None:
    _, _, _, lang, slug = SEED_FILES[seed]
    import_document(seed, page_to_docx(ROOT / "docs" / "kommunar" / f"{slug}.{lang}.md"), f"{slug}-retningslinjer.docx", "docx", tmp_path)


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"PK\x03\x04" + b"\x00" * 40, "ei zip-fil"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 40, "dokument med passord"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "PDF-en kan ikkje lesast"),
        (b"{\\rtf1\\ansi Retningslinjer}", "eit RTF-dokument"),
    ],
    ids=["zip", "ole-or-protected", "pdf", "rtf"],
)
def test_documents_that_cannot_be_imported_say_so(content: bytes, words: str, docs: Path, sources: Path, tmp_path: Path) -> None:
    path = tmp_path / "retningslinjer.dat"
    path.write_bytes(content)
    result = run_import(path, *LOTEN, "--docs", docs, "--sources", sources, "--no-translate")
    assert result.returncode == 2 and words in result.stderr, result.stderr
    assert not any(docs.rglob("*.md")) and not any(sources.iterdir())


def test_a_damaged_word_document_says_so(docs: Path, sources: Path, tmp_path: Path) -> None:
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<not word")
    path = tmp_path / "retningslinjer.docx"
    path.write_bytes(buffer.getvalue())
    result = run_import(path, *LOTEN, "--docs", docs, "--sources", sources, "--no-translate")
    assert result.returncode == 2 and "Word-dokumentet kan ikkje lesast" in result.stderr, result.stderr
    assert not any(docs.rglob("*.md")) and not any(sources.iterdir())


# --- OpenDocument text (.odt) ---------------------------------------------------------------------

ODT_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"'
)


def page_to_odt(page_path: Path) -> bytes:
    """An OpenDocument text made from a committed page: headings with outline levels, lists nested
    as OpenDocument nests them (a numbered and a bulleted list style), paragraphs."""
    import io
    import re
    import zipfile
    from xml.sax.saxutils import escape

    from municipal_guidelines.format import grammar

    body: list[str] = []
    open_lists: list[str] = []  # list styles of the lists open, outermost first

    def close_to(depth: int) -> None:
        while len(open_lists) > depth:
            open_lists.pop()
            body.append("</text:list-item></text:list>")

    for line in grammar.parse(page_path.read_text(encoding="utf-8")).body:
        text = escape(re.sub(r"\\(.)", r"\1", line.text))
        if line.kind == "item":
            depth, style = line.indent // 4, "L1" if line.marker[0].isdigit() else "L2"
            if len(open_lists) > depth + 1:
                close_to(depth + 1)
            if len(open_lists) == depth + 1:
                body.append("</text:list-item>")
                if open_lists[depth] != style:  # another kind of list: a new list
                    body.append("</text:list>")
                    open_lists.pop()
            while len(open_lists) < depth + 1:
                body.append(f'<text:list text:style-name="{style}">')
                open_lists.append(style)
            body.append(f"<text:list-item><text:p>{text}</text:p>")
        elif line.kind in ("heading", "text"):
            close_to(0)
            body.append(f'<text:h text:outline-level="{line.level}">{text}</text:h>' if line.kind == "heading" else f"<text:p>{text}</text:p>")
    close_to(0)
    styles = (
        '<text:list-style style:name="L1"><text:list-level-style-number text:level="1"/><text:list-level-style-number text:level="2"/></text:list-style>'
        '<text:list-style style:name="L2"><text:list-level-style-bullet text:level="1"/><text:list-level-style-bullet text:level="2"/></text:list-style>'
    )
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ODT_NS}><office:automatic-styles>{styles}'
        f"</office:automatic-styles><office:body><office:text>{''.join(body)}</office:text></office:body></office:document-content>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", content)
    return out.getvalue()


@pytest.mark.parametrize("seed", SEED_FILES)
def test_an_opendocument_text_imports_with_its_headings_lists_and_every_sentence(seed: str, tmp_path: Path) -> None:
    _, _, _, lang, slug = SEED_FILES[seed]
    import_document(seed, page_to_odt(ROOT / "docs" / "kommunar" / f"{slug}.{lang}.md"), f"{slug}.odt", "odt", tmp_path)


# --- web pages (.html) ----------------------------------------------------------------------------


def page_to_html(page_path: Path) -> bytes:
    """The page as a municipality's web page shows it: navigation, header and footer around the
    guideline in ``<main>`` (rendered by Python-Markdown from the page without its annotations)."""
    from municipal_guidelines.format import grammar

    page = grammar.parse(page_path.read_text(encoding="utf-8"))
    body = "\n".join(line.raw for line in page.body if line.kind != "annotation")
    main = markdown.markdown(body)
    return (
        "<!DOCTYPE html>\n<html lang=\"nb\"><head><meta charset=\"utf-8\"><title>Kommunen</title>"
        "<script>var tracking = 1;</script></head><body>"
        "<header><a href=\"/\">Forsida</a> <nav><ul><li><a href=\"/a\">Tenester</a></li><li>Politikk</li></ul></nav></header>"
        f"<main>{main}</main>"
        "<footer><p>Kontakt oss: postmottak@kommune.no</p></footer></body></html>\n"
    ).encode()


@pytest.mark.parametrize("seed", SEED_FILES)
def test_a_web_page_imports_its_main_content_with_headings_lists_and_every_sentence(seed: str, tmp_path: Path) -> None:
    _, _, _, lang, slug = SEED_FILES[seed]
    page = page_to_html(ROOT / "docs" / "kommunar" / f"{slug}.{lang}.md")
    imported = import_document(seed, page, "retningslinjer.txt", "html", tmp_path)  # recognised by content, not by name
    assert "Tenester" not in imported and "postmottak@kommune.no" not in imported and "tracking" not in imported


def test_markup_written_as_text_in_a_web_page_is_refused_not_published(docs: Path, sources: Path, tmp_path: Path) -> None:
    """``&lt;script&gt;`` in a web page is the text "<script>": refused like any markup in text,
    naming the line of the web page it stands on (case 8: it named the line of the extracted
    text), and nothing written."""
    page = tmp_path / "side.html"
    page.write_text(
        "<!DOCTYPE html>\n<html><body><main>\n<h1>Retningslinjer for sosiale medier</h1>\n"
        "<p>Husk taushetsplikten.</p>\n\n\n<p>Skriv aldri &lt;script&gt;alert(1)&lt;/script&gt; i eit innlegg.</p></main></body></html>",
        encoding="utf-8",
    )
    result = run_import(page, *LOTEN, "--docs", docs, "--sources", sources)
    assert result.returncode == 2 and "side.html, linje 7:" in result.stderr and "HTML-kode" in result.stderr, result.stderr
    assert not any(docs.rglob("*.md")) and not any(sources.iterdir())


# --- PDF ------------------------------------------------------------------------------------------

CHROMIUM = "/usr/bin/chromium"


def page_to_pdf(page_path: Path, tmp_path: Path) -> bytes:
    """The page printed to PDF by Chromium from its web page, with Chromium's running header and
    footer (date, title, address, page numbers); list markers as text (as Word writes them)."""
    from municipal_guidelines.format import grammar

    page = grammar.parse(page_path.read_text(encoding="utf-8"))
    main = markdown.markdown("\n".join(line.raw for line in page.body if line.kind != "annotation"))
    style = '<style>ul{list-style-type:"\u2022 "} ol ul, ul ul{list-style-type:"\u2013 "}</style>'
    html = f'<!DOCTYPE html><html lang="nb"><head><meta charset="utf-8"><title>Kommunen</title>{style}</head><body>{main}</body></html>'.encode()
    source, target = tmp_path / "side.html", tmp_path / "side.pdf"
    source.write_bytes(html)
    subprocess.run(
        [CHROMIUM, "--headless", "--disable-gpu", "--no-sandbox", f"--print-to-pdf={target}", source.as_uri()],
        capture_output=True, timeout=120, check=True,
    )
    return target.read_bytes()


@pytest.mark.skipif(not Path(CHROMIUM).exists() or shutil.which("pdftohtml") is None, reason="needs chromium and poppler-utils (scripts/setup.sh)")
@pytest.mark.parametrize("seed", SEED_FILES)
def test_a_pdf_imports_with_its_headings_lists_and_every_sentence(seed: str, tmp_path: Path) -> None:
    _, _, _, lang, slug = SEED_FILES[seed]
    pdf = page_to_pdf(ROOT / "docs" / "kommunar" / f"{slug}.{lang}.md", tmp_path)
    (tmp_path / "import").mkdir()
    imported = import_document(seed, pdf, f"{slug}.pdf", "pdf", tmp_path / "import")
    assert "file://" not in imported and "/3" not in imported  # Chromium's running header and footer are gone


def _print_html(html: str, tmp_path: Path) -> bytes:
    source, target = tmp_path / "utskrift.html", tmp_path / "utskrift.pdf"
    source.write_text(html, encoding="utf-8")
    subprocess.run([CHROMIUM, "--headless", "--disable-gpu", "--no-sandbox", "--no-pdf-header-footer", f"--print-to-pdf={target}", source.as_uri()],
                   capture_output=True, timeout=120, check=True)
    return target.read_bytes()


@pytest.mark.skipif(not Path(CHROMIUM).exists() or shutil.which("pdftohtml") is None, reason="needs chromium and poppler-utils (scripts/setup.sh)")
def test_a_pdf_list_with_drawn_bullets_gives_one_item_each_and_indented_first_lines_stay_paragraphs(tmp_path: Path) -> None:
    """A browser prints an HTML list's discs as graphics: the PDF's text has no "•", only the
    items' hanging indent. Each item must still be one item; a paragraph whose first line alone
    is indented (as Word writes them) must stay a paragraph."""
    from municipal_guidelines.importing.extract import extract_pdf

    long = "Dette er ei lang setning som held fram over fleire liner når ho blir skriven ut på papir i ein smal spalte"
    html = (
        '<!DOCTYPE html><html lang="nn"><head><meta charset="utf-8"><style>body{width:12cm} p.i{text-indent:3em}</style></head><body>'
        "<h1>Retningsliner</h1><h2>Reglar</h2><ul>"
        f"<li>{long}, og dette er den første regelen.</li><li>{long}, og dette er den andre.</li><li>Ein kort tredje regel.</li></ul>"
        f'<p class="i">{long}. {long}.</p><p class="i">{long}.</p></body></html>'
    )
    text = extract_pdf(_print_html(html, tmp_path)).text
    items = [line for line in text.splitlines() if line.startswith("- ")]
    assert len(items) == 3, text
    assert items[0].endswith("den første regelen.") and items[2] == "- Ein kort tredje regel.", items
    paragraphs = [line for line in text.splitlines() if line.startswith("Dette er ei lang")]
    assert len(paragraphs) == 2, text


@pytest.mark.skipif(not Path(CHROMIUM).exists() or shutil.which("pdftohtml") is None, reason="needs chromium and poppler-utils (scripts/setup.sh)")
def test_a_pdf_without_text_says_it_looks_scanned(docs: Path, sources: Path, tmp_path: Path) -> None:
    source, target = tmp_path / "tom.html", tmp_path / "skanna.pdf"
    source.write_text("<!DOCTYPE html><html><head><title>x</title></head><body><div style=\"height:200px;background:#888\"></div></body></html>", encoding="utf-8")
    subprocess.run([CHROMIUM, "--headless", "--disable-gpu", "--no-sandbox", "--no-pdf-header-footer", f"--print-to-pdf={target}", source.as_uri()],
                   capture_output=True, timeout=120, check=True)
    result = run_import(target, *LOTEN, "--docs", docs, "--sources", sources)
    assert result.returncode == 2 and "PDF-en har inga tekst" in result.stderr and "skanna" in result.stderr, result.stderr
    assert not any(docs.rglob("*.md")) and not any(sources.iterdir())


def test_a_password_protected_pdf_says_so(docs: Path, sources: Path, tmp_path: Path) -> None:
    """poppler answers a protected PDF with "Incorrect password"; a stand-in pdftohtml answers so
    here (nothing on this machine writes an encrypted PDF)."""
    tools = tmp_path / "bin"
    tools.mkdir()
    fake = tools / "pdftohtml"
    fake.write_text("#!/bin/sh\necho 'Command Line Error: Incorrect password' >&2\nexit 1\n", encoding="utf-8")
    fake.chmod(0o755)
    pdf = tmp_path / "verna.pdf"
    pdf.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Encrypt 2 0 R >> endobj\n")
    result = subprocess.run(
        [sys.executable, "-m", "municipal_guidelines", "import", str(pdf), *LOTEN, "--docs", str(docs), "--sources", str(sources)],
        capture_output=True, text=True, cwd=ROOT, env={**os.environ, "PATH": f"{tools}:{os.environ['PATH']}"},
    )
    assert result.returncode == 2 and "verna med passord" in result.stderr, result.stderr
    assert not any(docs.rglob("*.md")) and not any(sources.iterdir())


def test_pdf_lines_become_blocks_without_page_furniture_and_with_hyphenation_joined(monkeypatch: pytest.MonkeyPatch) -> None:
    """The PDF reading on lines as poppler gives them (page, top, left, height, size, text): a
    running header and a page number in the margins go, a word hyphenated at the line end is joined,
    a line in larger type is a heading, nested markers nest."""
    from municipal_guidelines.importing import extract as module

    Line = module._PdfLine
    lines = [
        Line(1, 20, 36, 14, 12, "30.11.2026 Testvik kommune"),
        Line(1, 60, 51, 42, 36, "Retningslinjer for sosiale medier"),
        Line(1, 140, 51, 21, 18, "Tilsette skal ikkje dele opplysningar om brukarar i sosi-"),
        Line(1, 161, 51, 21, 18, "ale medium, heller ikkje anonymisert."),
        Line(1, 200, 73, 21, 18, "1. Svar på spørsmål"),
        Line(1, 221, 126, 21, 18, "– Sei takk for skryt"),
        Line(1, 243, 73, 21, 18, "2. Rett opp feil"),
        Line(1, 1150, 860, 14, 12, "1/2"),
        Line(2, 60, 51, 21, 18, "Side 2"),
        Line(2, 100, 51, 21, 18, "Siste avsnitt."),
    ]
    monkeypatch.setattr(module, "_pdf_lines", lambda raw: (lines, {1: 1188.0, 2: 1188.0}))
    monkeypatch.setattr(module, "_poppler_version", lambda: "pdftohtml test")
    extracted = module.extract_pdf(b"%PDF-")
    assert extracted.text == (
        "# Retningslinjer for sosiale medier\n\n"
        "Tilsette skal ikkje dele opplysningar om brukarar i sosiale medium, heller ikkje anonymisert.\n\n"
        "1. Svar på spørsmål\n    - Sei takk for skryt\n1. Rett opp feil\n\n"
        "Siste avsnitt.\n"
    )
    assert any("30.11.2026" in note for note in extracted.unsure)


def test_a_document_that_unpacks_to_far_too_much_is_refused(docs: Path, sources: Path, tmp_path: Path) -> None:
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"<w>" + b" " * 30_000_000 + b"</w>")
    path = tmp_path / "retningslinjer.docx"
    path.write_bytes(buffer.getvalue())
    assert path.stat().st_size < 200_000
    result = run_import(path, *LOTEN, "--docs", docs, "--sources", sources)
    assert result.returncode == 2 and "pakka ut" in result.stderr, result.stderr
    assert not any(docs.rglob("*.md")) and not any(sources.iterdir())


def test_a_document_whose_zip_lies_about_its_sizes_is_refused_without_unpacking_it_whole(tmp_path: Path) -> None:
    """Issue 25, case 4: a zip whose directory gives a part 1,000 bytes that unpacks to 150 MB
    passed the size bound and python-docx unpacked it in one call (over 300 MB of memory for a
    file of 150 kB). It is refused, with a message, in a process that stays small."""
    import io
    import struct
    import zipfile

    import docx

    document = docx.Document()
    document.add_heading("Retningslinjer", 1)
    document.add_paragraph("Svar innen én dag.")
    saved = io.BytesIO()
    document.save(saved)
    buffer = io.BytesIO()
    with zipfile.ZipFile(saved) as source, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in source.infolist():
            data = source.read(info)
            if info.filename != "word/document.xml":
                archive.writestr(info.filename, data)
                continue
            head, tail = data.split(b"<w:body>", 1)
            with archive.open("word/document.xml", "w") as part:
                part.write(head + b"<w:body>")
                for _ in range(150):
                    part.write(b" " * 1_000_000)
                part.write(tail)
    raw = bytearray(buffer.getvalue())
    name = b"word/document.xml"
    at = raw.find(name)
    while at >= 0:  # the size in the local header and in the central directory
        if raw[at - 30 : at - 26] == b"PK\x03\x04":
            struct.pack_into("<I", raw, at - 30 + 22, 1000)
        elif raw[at - 46 : at - 42] == b"PK\x01\x02":
            struct.pack_into("<I", raw, at - 46 + 24, 1000)
        at = raw.find(name, at + 1)
    path = tmp_path / "retningslinjer.docx"
    path.write_bytes(bytes(raw))
    assert path.stat().st_size < 400_000
    probe = (
        "import sys\n"
        "from municipal_guidelines.importing import extract\n"
        "try:\n    extract.extract(open(sys.argv[1], 'rb').read())\n"
        "except extract.ExtractionError as exc:\n    print(exc)\n"
        # the probe's own peak: ru_maxrss would carry the pytest worker's (Linux keeps it across exec)
        "print(next(int(line.split()[1]) for line in open('/proc/self/status') if line.startswith('VmHWM:')) // 1024)\n"
    )
    result = subprocess.run([sys.executable, "-c", probe, str(path)], capture_output=True, text=True, cwd=ROOT)
    message, peak = result.stdout.strip().rsplit("\n", 1)
    assert "pakkast ut slik det seier" in message, result.stdout + result.stderr
    assert int(peak) < 120, f"{peak} MB"


@pytest.mark.skipif(not Path(CHROMIUM).exists() or shutil.which("pdftohtml") is None, reason="needs chromium and poppler-utils (scripts/setup.sh)")
def test_a_pdf_that_unpacks_to_too_much_text_is_stopped(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """pdftohtml's output is read only up to a bound (a 36 kB PDF can give 400 MB of text)."""
    from municipal_guidelines.importing import extract as module

    pdf = page_to_pdf(ROOT / "docs" / "kommunar" / "loten.nb.md", tmp_path)
    monkeypatch.setattr(module, "MAX_PDF_TEXT", 1000)
    with pytest.raises(module.ExtractionError, match="meir enn"):
        module.extract(pdf)


def test_odd_values_in_a_document_give_a_message_not_a_crash(docs: Path, sources: Path, tmp_path: Path) -> None:
    import io
    import zipfile

    content = f'<?xml version="1.0"?><office:document-content {ODT_NS}><office:body><office:text><text:h text:outline-level="x">Tittel</text:h></office:text></office:body></office:document-content>'
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", content)
    path = tmp_path / "rar.odt"
    path.write_bytes(buffer.getvalue())
    result = run_import(path, *LOTEN, "--docs", docs, "--sources", sources)
    assert result.returncode == 2 and "dokumentet kan ikkje lesast" in result.stderr and "Traceback" not in result.stderr, result.stderr
    assert not any(docs.rglob("*.md")) and not any(sources.iterdir())


def test_the_stem_index_matches_exactly_as_the_keywords_say() -> None:
    """suggest/keywords.py finds a text's keywords through an index of the stems (linear in the
    words, ≈ 17 ms a block less); it must find what matching each keyword word by word finds."""
    from municipal_guidelines.suggest.keywords import keyword_matches, parse_keyword, tokenise

    texts = [rule.text for pages in load_site(ROOT / "docs", ROOT / "data" / "topics.yml").guidelines.values() for page in pages.values() for rule in page.rules]
    texts += [case[0] for case in UNSEEN] + ["fakta-feil i pasient-/brukeromtale", "skjulast skjules skjult", "venneforespørsler og mediekontoer",
              "kommunikasjonsavdelingen skal kontrollere fritidsaktiviteter", "kontoane og bileta i krisa", "Svar frå kontoane skal signerast"]
    for text in texts:
        words = tokenise(text)
        found = {t.id: [parse_keyword(raw) for raw in t.keywords if keyword_matches(words, parse_keyword(raw))] for t in TOPICS}
        said = tuple(t.id for t in TOPICS if any(not keyword.mention for keyword in found[t.id]))
        assert suggest_topics(text, TOPICS) == (said or tuple(t.id for t in TOPICS if found[t.id])), text
        reading = read_keywords(text, TOPICS)  # what the importer reads: every topic from one index
        assert (reading.said, reading.mentioned) == (said, tuple(t.id for t in TOPICS if found[t.id] and t.id not in said)), text
        for topic in TOPICS:
            expected = tuple(raw for raw in topic.keywords if keyword_matches(words, parse_keyword(raw)))
            assert matching_keywords(text, topic.keywords) == expected == reading.keywords(topic), (text, topic.id)


def test_the_fidelity_check_finds_what_a_search_of_the_whole_page_finds() -> None:
    """missing_sentences searches each sentence first after the one before it (linear for a page
    in the source's order); a sentence elsewhere on the page, or twice in the source, is found as
    a search of the whole page finds it."""
    source = "Først dette. Så det andre.\nDet tredje står først.\n- Så det andre.\nBorte er denne.\nFørst dette."
    page = "Det tredje står først. Først dette. Så det andre. Resten."
    sentences = source_sentences(source)
    assert missing_sentences(source, page) == (len(sentences), [s for s in sentences if s not in page]) == (6, ["Borte er denne."])


# --- what a hostile document may not do (issue 25) -----------------------------------------------


def padded_docx(empty_paragraphs: int) -> bytes:
    """A small Word document whose text part holds ``empty_paragraphs`` empty paragraphs more: a few
    hundred kilobytes packed, megabytes of XML to parse."""
    import io
    import zipfile

    import docx

    document = docx.Document()
    document.add_paragraph("Retningslinjer for sosiale medier", style="Title")
    document.add_paragraph("Husk taushetsplikten.")
    out = io.BytesIO()
    document.save(out)
    source = zipfile.ZipFile(io.BytesIO(out.getvalue()))
    padded = io.BytesIO()
    with zipfile.ZipFile(padded, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "word/document.xml":
                data = data.replace(b"</w:body>", b"<w:p/>" * empty_paragraphs + b"</w:body>")
            target.writestr(info.filename, data)
    return padded.getvalue()


def test_a_document_that_unpacks_to_megabytes_of_xml_is_refused_before_it_is_parsed(docs: Path, sources: Path, tmp_path: Path) -> None:
    """Case 4: a small file whose XML would take hundreds of megabytes as objects."""
    received = tmp_path / "liten.docx"
    received.write_bytes(padded_docx(1_000_000))
    assert received.stat().st_size < 400_000
    result = run_import(received, *LOTEN, "--docs", docs, "--sources", sources)
    assert result.returncode == 2 and "byte XML" in result.stderr and "meir enn ei retningslinje har" in result.stderr, result.stderr
    assert not any(docs.rglob("*.md")) and not any(sources.iterdir())


def test_text_after_an_embed_and_in_unknown_elements_reaches_the_page(docs: Path, sources: Path, tmp_path: Path) -> None:
    """Case 7: a browser shows the paragraph after <embed> and the text of an element it does not
    know; the import kept neither while saying it kept every sentence."""
    page = tmp_path / "side.html"
    page.write_text(
        "<!DOCTYPE html><html><body><main><h1>Retningslinjer for sosiale medier</h1><p>Husk taushetsplikten.</p>"
        '<embed src="y"><p>Skjult regel om bilete av born.</p><x-regel>Del aldri passordet ditt.</x-regel>'
        "<div>Tekst i ein div. <span>Og ein span.</span></div></main></body></html>",
        encoding="utf-8",
    )
    result = run_import(page, *LOTEN, "--docs", docs, "--sources", sources)
    assert result.returncode == 0, result.stderr
    text = (docs / "kommunar" / "loten.nb.md").read_text(encoding="utf-8")
    for sentence in ("Skjult regel om bilete av born.", "Del aldri passordet ditt.", "Tekst i ein div.", "Og ein span."):
        assert sentence in text, text
    assert re.search(r"^all 6 sentences kept$", result.stdout, re.M), result.stdout


def test_deeply_nested_web_page_is_refused_not_emptied(docs: Path, sources: Path, tmp_path: Path) -> None:
    """Case 7: 18,000 nested divs (libxml2 stops at 256 and drops the rest)."""
    page = tmp_path / "side.html"
    page.write_text("<html><body><h1>Retningslinjer</h1>" + "<div>" * 18_000 + "<p>Djup regel.</p>" + "</div>" * 18_000 + "</body></html>", encoding="utf-8")
    result = run_import(page, *LOTEN, "--docs", docs, "--sources", sources)
    assert result.returncode == 2 and "18000 nivå inni kvarandre (høgst 200)" in result.stderr, result.stderr
    assert not any(docs.rglob("*.md"))


def test_a_web_page_without_end_tags_is_not_taken_for_deep_nesting() -> None:
    from municipal_guidelines.importing.extract import MAX_HTML_DEPTH, html_depth

    assert html_depth("<html><body>" + "<p>Regel." * 500 + "<ul>" + "<li>Punkt" * 500 + "</ul>") < MAX_HTML_DEPTH
    assert html_depth("<div>" * 300 + "x" + "</div>" * 300) == 300


def test_text_a_web_page_shows_and_the_extraction_drops_stops_the_import(docs: Path, sources: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """"Sentences kept" counts against what the document displays, not only against what the
    extractor made of it: an extraction that loses a paragraph (here made to) is an error."""
    from municipal_guidelines.cli import importer
    from municipal_guidelines.importing import extract

    real = extract.extract_html

    def losing(raw: bytes) -> extract.Extracted:
        got = real(raw)
        got.text = got.text.replace("Skjult regel om bilete av born.\n", "")
        return got

    monkeypatch.setattr(extract, "extract_html", losing)
    page = tmp_path / "side.html"
    page.write_text("<html><body><h1>Retningslinjer for sosiale medier</h1><p>Husk taushetsplikten.</p><p>Skjult regel om bilete av born.</p></body></html>", encoding="utf-8")
    code = importer.main([str(page), *LOTEN, "--docs", str(docs), "--sources", str(sources)])
    assert code != 0
    assert not any(docs.rglob("*.md"))


@pytest.mark.parametrize("slug", ["index", "tema", "data", "site-announcer"])
def test_a_slug_the_site_uses_itself_is_refused_even_with_force(slug: str, docs: Path, sources: Path, tmp_path: Path) -> None:
    """Case 8: ``--slug index --force`` overwrote the overview pages."""
    received = tmp_path / "tekst.txt"
    received.write_text("Retningslinjer for sosiale medier\n\nHusk taushetsplikten.\n", encoding="utf-8")
    (docs / "kommunar" / "index.nb.md").write_text("# Kommunar\n", encoding="utf-8")
    result = run_import(received, *LOTEN, "--slug", slug, "--force", "--docs", docs, "--sources", sources)
    assert result.returncode == 2 and "brukar nettstaden sjølv" in result.stderr, result.stderr
    assert (docs / "kommunar" / "index.nb.md").read_text(encoding="utf-8") == "# Kommunar\n"


def test_a_pdf_whose_lines_all_start_apart_is_no_list_and_no_crash() -> None:
    """Hostile review: a centred title and one paragraph (every line at its own left edge) made
    the drawn-bullet list finder take the minimum of nothing."""
    from municipal_guidelines.importing.extract import _PdfLine, _unmarked_items

    lines = [_PdfLine(1, 50, 200, 30, 24, "Retningslinjer"), _PdfLine(1, 100, 51, 18, 12, "Ein regel om sosiale medium.")]
    assert _unmarked_items(lines, 12, []) == set()


def test_the_import_benchmark_imports_its_document_the_same_way_each_time(tmp_path: Path) -> None:
    """``guidelines bench --import-only`` (issue 25) imports a generated .docx into a copy of the
    project: here a short one, twice; both runs write the same page, a rule per paragraph. The
    time is the benchmark's business, not this test's."""
    from guidelines_dev.import_bench import import_benchmark, paragraphs

    result = import_benchmark(tmp_path, 60, 2, ROOT)
    page = (tmp_path / "import60" / "docs" / "kommunar" / "testby.nb.md").read_text(encoding="utf-8")
    assert result["sha256"] == hashlib.sha256(page.encode("utf-8")).hexdigest()
    guideline = parse_guideline(page, Path("testby.nb.md"))
    assert guideline.meta.review and len(guideline.rules) + guideline.prose == 60
    assert all(text in page for text in paragraphs(60))


def test_a_web_pages_line_breaks_part_words_and_rules_and_a_bold_first_line_is_a_heading() -> None:
    """A publishing system's page: «redaktør.<br>Svar» was read as «redaktør.Svar» (words run
    together), a bold line over a <br> was glued to its text, a <summary> became a paragraph. Each
    <br>-line is a block of its own, but a line that refers back («Det gjelder også …») goes on
    from the one before; a <details> section's <summary> is a heading one level below the last."""
    from municipal_guidelines.importing.extract import extract_html

    page = (
        "<html><head><meta charset='utf-8'></head><body><main><h1>Retningslinjer</h1><details open><summary>Privat bruk</summary>"
        "<p><b>Taushetsplikt</b><br>Du deler ingenting du vet fra jobben.<br>Det gjelder også i lukkede grupper.</p>"
        "</details><h2>For kommunen</h2><p>Ha en fast redaktør.<br>Svar innen én dag.</p>"
        "<ul><li>Et punkt<br>over to linjer</li></ul></main></body></html>"
    )
    extracted = extract_html(page.encode("utf-8"))
    assert extracted.text.split("\n\n") == [
        "# Retningslinjer", "## Privat bruk", "### Taushetsplikt",
        "Du deler ingenting du vet fra jobben. Det gjelder også i lukkede grupper.",
        "## For kommunen", "Ha en fast redaktør.", "Svar innen én dag.", "- Et punkt over to linjer\n",
    ]
    assert missing_sentences(extracted.shown, extracted.text)[1] == []


@pytest.mark.parametrize("furniture", ["Sist oppdatert: 12.05.2025", "Sist endra 3.1.2024", "Del denne siden: Facebook E-post", "Skriv ut"])
def test_a_web_pages_furniture_inside_its_content_is_left_out_and_said(furniture: str) -> None:
    from municipal_guidelines.importing.extract import extract_html

    page = f"<html><head><meta charset='utf-8'></head><body><main><h1>Retningslinjer</h1><p>Svar innen én dag.</p><p>{furniture}</p></main></body></html>"
    extracted = extract_html(page.encode("utf-8"))
    assert furniture.split(":")[0] not in extracted.text and "Svar innen én dag." in extracted.text
    assert any(furniture[:20] in note for note in extracted.unsure)
    assert missing_sentences(extracted.shown, extracted.text)[1] == []  # the fidelity check does not miss it


def test_page_numbers_and_running_headers_copied_out_of_a_pdf_are_left_out_but_not_text_like_them() -> None:
    """Text copied out of a PDF viewer carries «Side 1 av 2» and the letterhead between two items;
    they are left out (and the import says so); a line that only looks like them is kept: «Side 2»
    inside a sentence, the municipality's name where no page number stands beside it."""
    from municipal_guidelines.importing.structure import decide_structure, raw_blocks

    text = (
        "Vik kommune\nRetningsliner for sosiale medium\n• Svar same dag.\nSide 1 av 2\nVik kommune\n• Skriv kven som svarar.\n"
        "Sjå side 2 av rettleiinga for døme.\nVik kommune\nSide 2 av 2\n"
    )
    blocks = decide_structure(raw_blocks(text), None, "Vik")
    texts = [b.text for b in blocks]
    assert "Side 1 av 2" not in texts and "Side 2 av 2" not in texts
    assert texts.count("Vik kommune") == 1  # the letterhead above the title stays, the repeats go
    assert "Sjå side 2 av rettleiinga for døme." in texts and "Skriv kven som svarar." in texts
    kept = decide_structure(raw_blocks("Retningsliner\nSvar same dag.\nVik kommune\nSkriv kven som svarar.\n"), None, "Vik")
    assert "Vik kommune" in [b.text for b in kept]  # no page number beside it: text


def test_the_fidelity_check_reads_a_word_hyphenated_at_a_line_end_as_one_word() -> None:
    source = "Alle kontoar skal godkjennast av kommunika-\nsjonseininga.\nEit ord med bindestrek-\nOg ei ny linje.\n"
    page = "Alle kontoar skal godkjennast av kommunikasjonseininga. Eit ord med bindestrek- Og ei ny linje."
    assert missing_sentences(source, page)[1] == []
    assert missing_sentences(source, page.replace("kommunikasjonseininga", "kommunika- sjonseininga"))[1]


# --- tables ---------------------------------------------------------------------------------------

TABLE_ROWS = [  # a guideline's table as municipalities write one: a header row, then topic | rules
    ["Tema", "Slik gjør vi det"],
    ["Bilder", ["Vi legger ikke ut bilder av barn uten samtykke.", "Spør alltid før du tar bilde."]],
    ["Taushetsplikt", "Opplysninger om enkeltpersoner hører aldri hjemme i sosiale medier."],
]
TABLE_BLOCKS = [
    "## Bilder", "Vi legger ikke ut bilder av barn uten samtykke.", "Spør alltid før du tar bilde.",
    "## Taushetsplikt", "Opplysninger om enkeltpersoner hører aldri hjemme i sosiale medier.",
]


def _cells(cell) -> list[str]:
    return cell if isinstance(cell, list) else [cell]


def test_a_table_in_a_web_page_is_read_row_by_row_with_a_cells_paragraphs_apart() -> None:
    """A table was left out whole (four rules lost); now its first cell is a heading one level
    below the section it stands in, each paragraph or list item of a cell a block of its own, and
    the header row of labels is left out, said, and not looked for by the fidelity check."""
    from municipal_guidelines.importing.extract import extract_html

    def cell(tag: str, value) -> str:
        parts = _cells(value)
        inner = "<ul>" + "".join(f"<li>{p}</li>" for p in parts) + "</ul>" if len(parts) > 1 else parts[0]
        return f"<{tag}>{inner}</{tag}>"

    rows = "".join(
        "<tr>" + "".join(cell("th" if n == 0 else "td", value) for value in row) + "</tr>" for n, row in enumerate(TABLE_ROWS)
    )
    page = (
        "<html><head><meta charset='utf-8'></head><body><main><h1>Sosiale medier</h1><p>Gjelder alle ansatte.</p>"
        f"<table><thead>{rows[:rows.index('</tr>') + 5]}</thead><tbody>{rows[rows.index('</tr>') + 5:]}</tbody></table>"
        "<p>Spørsmål rettes til kommunikasjon.</p></main></body></html>"
    )
    extracted = extract_html(page.encode("utf-8"))
    assert extracted.text.strip().split("\n\n") == ["# Sosiale medier", "Gjelder alle ansatte.", *TABLE_BLOCKS, "Spørsmål rettes til kommunikasjon."]
    assert any("header row" in note and "Tema" in note for note in extracted.unsure)
    assert any("row by row" in note for note in extracted.unsure)
    assert missing_sentences(extracted.shown, extracted.text)[1] == []
    assert "Slik gjør vi det" not in extracted.shown  # the header row is left out of what is checked


def test_a_table_in_an_opendocument_text_is_read_row_by_row() -> None:
    import io
    import zipfile
    from xml.sax.saxutils import escape

    from municipal_guidelines.importing.extract import extract_odt

    table_ns = 'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"'
    rows = "".join(
        "<table:table-row>"
        + "".join("<table:table-cell>" + "".join(f"<text:p>{escape(p)}</text:p>" for p in _cells(value)) + "</table:table-cell>" for value in row)
        + "</table:table-row>"
        for row in TABLE_ROWS
    )
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ODT_NS} {table_ns}><office:body><office:text>'
        '<text:h text:outline-level="1">Sosiale medier</text:h>'
        f"<table:table>{rows}</table:table><text:p>Spørsmål rettes til kommunikasjon.</text:p>"
        "</office:text></office:body></office:document-content>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", content)
    extracted = extract_odt(out.getvalue())
    assert extracted.text.strip().split("\n\n") == ["# Sosiale medier", *TABLE_BLOCKS, "Spørsmål rettes til kommunikasjon."]
    assert any("header row" in note for note in extracted.unsure)


def test_a_table_in_a_word_document_keeps_its_place_and_a_merged_cell_is_read_once() -> None:
    import io

    import docx

    from municipal_guidelines.importing.extract import extract_docx

    document = docx.Document()
    document.add_heading("Sosiale medier", 1)
    document.add_paragraph("Gjelder alle ansatte.")
    table = document.add_table(rows=len(TABLE_ROWS) + 1, cols=2)
    for r, row in enumerate(TABLE_ROWS):
        for c, value in enumerate(row):
            target = table.cell(r, c)
            parts = _cells(value)
            target.text = parts[0]
            for part in parts[1:]:
                target.add_paragraph(part)
    merged = table.cell(len(TABLE_ROWS), 0).merge(table.cell(len(TABLE_ROWS), 1))
    merged.text = "Alle innlegg skal kunne forsvares faglig."
    document.add_paragraph("Spørsmål rettes til kommunikasjon.")
    out = io.BytesIO()
    document.save(out)
    extracted = extract_docx(out.getvalue())
    assert extracted.text.strip().split("\n\n") == [
        "# Sosiale medier", "Gjelder alle ansatte.", *TABLE_BLOCKS, "Alle innlegg skal kunne forsvares faglig.", "Spørsmål rettes til kommunikasjon.",
    ]


def test_a_table_of_sentences_only_gives_each_cell_as_a_paragraph_and_no_heading() -> None:
    from municipal_guidelines.importing.extract import table_blocks

    rows = [["Svar innen én dag.", "Ikke slett kritikk."], ["", "Meld fra om trusler."]]
    blocks, notes = table_blocks(rows, 2)
    assert blocks == ["Svar innen én dag.", "Ikke slett kritikk.", "Meld fra om trusler."]
    assert not any("header row" in note for note in notes)
