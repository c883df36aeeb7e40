"""Adding a municipality: scripts/import_guideline.py, the topic suggester and its evaluation.

The import runs as a user runs it (a subprocess with this Python) into a temporary docs
directory; the checks here are independent of the script's own: the page must parse with
``parse_guideline``, every sentence of the seed must be in the page rendered by Python-Markdown,
and every annotation must land on its paragraph or list item.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import markdown
import pytest
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "sources"  # the project's own copies of the texts as received
sys.path.insert(0, str(ROOT / "hooks"))
sys.path.insert(0, str(ROOT / "scripts"))

from evaluate_suggester import evaluate  # noqa: E402
from guidelines.fidelity import missing_sentences  # noqa: E402
from guidelines.pages import parse_guideline  # noqa: E402
from guidelines.suggest import stem_matches, suggest_topics  # noqa: E402
from guidelines.topics import load_topics  # noqa: E402
from guidelines.validate import check_translation  # noqa: E402

IMPORT = ROOT / "scripts" / "import_guideline.py"
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
        [sys.executable, str(IMPORT), *map(str, args)], capture_output=True, text=True, cwd=ROOT
    )


def import_args(seed: str, docs: Path) -> list[str | Path]:
    name, number, county, lang, _ = SEED_FILES[seed]
    args: list[str | Path] = [SEEDS / seed, "--name", name, "--number", number, "--county", county, "--lang", lang]
    args += ["--docs", docs]
    return args if HAS_APERTIUM else [*args, "--no-translate"]


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture()
def docs(tmp_path: Path) -> Path:
    folder = tmp_path / "docs"
    (folder / "kommunar").mkdir(parents=True)
    return folder


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
        runs[seed] = (run_import(*import_args(seed, folder)), folder)
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
    "empty file": (["--name", "Løten", "--number", "3412", "--county", "Innlandet", "--lang", "nb"], "empty"),
    "unknown language form": (["--name", "Løten", "--number", "3412", "--county", "Innlandet", "--lang", "de"], "--lang"),
    "kommunenummer not four digits": (["--name", "Løten", "--number", "123", "--county", "Innlandet", "--lang", "nb"], "--number"),
    "existing page": (["--name", "Løten", "--number", "3412", "--county", "Innlandet", "--lang", "nb"], "already exists"),
}


@pytest.mark.parametrize("case", sorted(BAD_INPUT))
def test_bad_input_exits_2_and_writes_nothing(case: str, docs: Path, tmp_path: Path) -> None:
    options, expected = BAD_INPUT[case]
    source = SEEDS / SEED
    if case == "empty file":
        source = tmp_path / "empty.txt"
        source.write_text("\n  \n", encoding="utf-8")
    if case == "existing page":
        (docs / "kommunar" / "loten.nb.md").write_text("hand-made page\n", encoding="utf-8")
    before = snapshot(docs)
    result = run_import(source, *options, "--docs", docs)
    assert result.returncode == 2, f"{case}: exit {result.returncode}\n{result.stdout}\n{result.stderr}"
    message = result.stderr.strip()
    assert len(message.splitlines()) == 1 and expected in message, f"{case}: unclear message {message!r}"
    assert result.stdout == ""
    assert snapshot(docs) == before, f"{case}: the docs directory changed"


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
    scores = evaluate(ROOT / "docs")
    for topic in TARGET_TOPICS:
        precision, recall, support = scores[topic]
        assert support > 0, f"{topic}: no annotated rule"
        assert recall >= 0.9, f"{topic}: recall {recall:.2f} < 0.9"
        assert precision >= 0.8, f"{topic}: precision {precision:.2f} < 0.8"


def test_review_scripts_run() -> None:
    for script, expected in (("check_topics.py", "rules agree"), ("evaluate_suggester.py", "| **micro** |")):
        result = subprocess.run([sys.executable, str(ROOT / "scripts" / script)], capture_output=True, text=True, cwd=ROOT)
        assert result.returncode == 0, result.stderr
        assert expected in result.stdout
