"""Generate the other language form (nb <-> nn) of guideline pages with Apertium.

Every page in ``docs/kommunar/`` exists as ``<slug>.nb.md`` and ``<slug>.nn.md`` (see FORMAT.md).
The file whose suffix equals its front-matter ``original_language`` is the *original*; this module
writes the other file from it: ``apertium nob-nno`` for a Bokmål original, ``apertium nno-nob`` for a
Nynorsk original.

The command, its options and exit codes: ``guidelines translate`` (``cli/translate.py``).

What gets translated: the text of headings, paragraphs and list items, and the front-matter values
``document_title`` and ``adoption``. Never touched: Markdown syntax (heading markers, list markers,
their indentation and numbering, ``---``, blank lines), annotation lines (``{ #loten-3 ... }``,
``{ .prosa }``, copied byte for byte), every other front-matter line. Lines are read by the page
grammar the build uses (``format.grammar``), and an original the build would refuse is refused
here too, with the build's message.

How: each text segment is protected (URLs, e-mail addresses, hashtags, @handles, inline code,
link targets, emphasis markers and stray ``# @ | ~ *`` become empty tags ``<b data-p="N"></b>``,
everything else is HTML-escaped), wrapped as ``<p data-s="K">...</p>`` and the whole page goes through
ONE ``apertium -u -f html`` call. In html format, tags are "superblanks": Apertium copies them
unchanged and transfer rules do not match across them, and ``</p>`` ends a sentence, so no word can
move from one line into another. (With ``-f txt`` a newline does not stop words moving between lines,
and blanks are duplicated when words are reordered.) The output is split back on the ``<p>`` tags;
the segment count, their order and every placeholder are verified, and the script fails loudly if
anything does not round-trip. ``-u`` drops the ``*`` unknown-word marks; the ``#`` (cannot generate)
and ``@`` (not in bilingual dictionary) marks are removed afterwards: every ``#`` and ``@`` of the
source is protected, so any left in Apertium's output is a mark.

Other tools can import :func:`translate_markdown` (page text in, page text out).
"""

from __future__ import annotations

import hashlib
import html
import re
import shutil
import subprocess
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

from municipal_guidelines.format import grammar, guideline
from municipal_guidelines.format.errors import GuidelineError, GuidelineErrors
from municipal_guidelines.format.guideline import meta_keys
from municipal_guidelines.layout import GUIDELINE_DIR, LANGS, VERSION_DIR, other_lang
from municipal_guidelines.project import Project
from municipal_guidelines.translation.quality import (
    Doubt,
    GlossaryEntry,
    Quality,
    Resources,
    leftovers,
    load_resources,
    lost_words,
    names_pattern,
)

APERTIUM_PAIRS: dict[str, str] = {"nb": "nob-nno", "nn": "nno-nob"}
TRANSLATED_KEYS = meta_keys(translated=True)  # front-matter values in the page's language form


class TranslationError(RuntimeError):
    """Apertium failed or its output did not round-trip."""


class PageError(ValueError):
    """A page does not follow FORMAT.md closely enough to be translated."""


# --------------------------------------------------------------------------------------------
# Languages and file names
# --------------------------------------------------------------------------------------------


def language_of_path(path: Path) -> str | None:
    """The language suffix of ``<slug>.<lang>.md``, or None."""
    match = re.fullmatch(r".+\.(nb|nn)\.md", path.name)
    return match.group(1) if match else None


def sibling_path(path: Path) -> Path:
    """``x.nb.md`` <-> ``x.nn.md``."""
    lang = language_of_path(path)
    if lang is None:
        raise PageError(f"{path}: filnamnet endar ikkje på .nb.md eller .nn.md")
    return path.with_name(path.name[: -len(f".{lang}.md")] + f".{other_lang(lang)}.md")


def page_original_language(text: str) -> str | None:
    """``original_language`` from a page's front matter, or None."""
    try:
        page = grammar.parse(text)
        value = page.front_matter.data.get("original_language") if page.front_matter else None
    except grammar.FrontMatterError:
        return None
    return value if isinstance(value, str) else None


def _has_letter(text: str) -> bool:
    return bool(_LETTER.search(text))


_LETTER = re.compile(r"[^\W\d_]")
TEXT_LINES = ("heading", "item", "text")  # the lines whose words are translated


# --------------------------------------------------------------------------------------------
# Protecting tokens
# --------------------------------------------------------------------------------------------

_URL_CHAR = r"[^\s<>\"«»()\[\]]"
_URL_END = r"[^\s<>\"«»()\[\].,;:!?'’”]"
_URL_PAREN = r"\([^\s<>()]*\)"
_TLDS = r"(?:no|com|org|net|eu|info|io|dk|app)"  # bare domains: frogn.kommune.no
PROTECTED = re.compile(
    "|".join(
        [
            r"(`+)[^`]*?\1(?!`)",  # inline code
            r"<(?:[a-z][\w+.-]*:|www\.)[^\s<>]+>",  # autolink <https://...>
            r"<[\w.%+-]+@[\w.-]+>",  # autolink <x@y.no>
            r"\]\((?:[^()\s]|" + _URL_PAREN + r")*(?:[ \t]+(?:\"[^\"]*\"|'[^']*'))?\)",  # ](target)
            r"\[\^[^\]\s]+\]",  # footnote reference
            r"(?:mailto:)?[\w.%+-]+@[\w-]+(?:\.[\w-]+)+",  # e-mail address
            r"(?:(?:https?|ftp)://|www\.)(?:" + _URL_CHAR + "|" + _URL_PAREN + r")*"
            r"(?:" + _URL_END + "|" + _URL_PAREN + ")",  # URL
            r"\b[\w-]+(?:\.[\w-]+)*\." + _TLDS + r"\b"
            r"(?:/(?:(?:" + _URL_CHAR + "|" + _URL_PAREN + ")*(?:" + _URL_END + "|" + _URL_PAREN + "))?)?",
            r"\\?#\w[\w-]*",  # hashtag, also escaped at the start of a line (\#hashtag)
            r"(?<![\w.])@\w(?:[\w.]*\w)?",  # @handle
            r"\\[\\`*_{}\[\]()#+\-.!|~<>]",  # Markdown backslash escape
            r"\*+|~+|(?<!\w)_+|_+(?!\w)",  # emphasis / strike-through markers
            r"[#@|]",  # anything else Apertium could confuse with its marks, table pipes
        ]
    )
)
_PLACEHOLDER = re.compile(r'<b data-p="(\d+)"></b>')
_MARK = re.compile(r"(?<![&\w])[*#@~]+(?=\w)")  # Apertium marks (never after `&`: `&#39;`)


def placeholder(index: int) -> str:
    """The empty tag that stands for protected token ``index`` (an Apertium superblank)."""
    return f'<b data-p="{index}"></b>'


@lru_cache(maxsize=64)
def _protected(names: tuple[str, ...]) -> re.Pattern:
    """PROTECTED, and the names never translated (the municipality's, the county's, data/language_forms.yml)."""
    pattern = names_pattern(names)
    return re.compile(f"{pattern}|{PROTECTED.pattern}") if pattern else PROTECTED


def protect(text: str, names: Sequence[str] = ()) -> tuple[str, list[str]]:
    """Turn plain segment text into Apertium html input: tokens (and ``names``) become
    placeholders, the rest is escaped.

    Runs of whitespace are collapsed (Apertium would otherwise copy or duplicate them).
    Returns the html text and the tokens, ``tokens[i]`` replacing ``placeholder(i)``.
    """
    tokens: list[str] = []
    parts: list[str] = []
    position = 0
    for match in _protected(tuple(names)).finditer(text):
        parts.append(html.escape(text[position : match.start()], quote=False))
        parts.append(placeholder(len(tokens)))
        tokens.append(match.group(0))
        position = match.end()
    parts.append(html.escape(text[position:], quote=False))
    return re.sub(r"\s+", " ", "".join(parts)).strip(), tokens


def strip_marks(translated_html: str) -> str:
    """Remove the ``*``, ``#``, ``@`` (and ``~``) marks Apertium puts before words.

    Only valid on text produced from :func:`protect`, where every such source character is a
    placeholder: whatever is left in Apertium's output is a mark.
    """
    return _MARK.sub("", translated_html)


def marked_words(translated_html: str) -> list[str]:
    """The words Apertium marked (``#``: cannot generate, ``@``: not in its dictionary)."""
    return [m.group(0) for m in re.finditer(r"(?<![&\w])[*#@~]+\w+", translated_html)]


def unprotect(translated_html: str, tokens: Sequence[str]) -> str:
    """Inverse of :func:`protect` on Apertium's output: marks removed, tokens back, text unescaped.

    Raises TranslationError unless every placeholder comes back exactly once and nothing else
    looks like a tag.
    """
    pieces = _PLACEHOLDER.split(strip_marks(translated_html))
    texts, indexes = pieces[0::2], [int(i) for i in pieces[1::2]]
    if sorted(indexes) != list(range(len(tokens))):
        raise TranslationError(
            f"protected tokens did not survive Apertium: expected {len(tokens)} placeholders, "
            f"got {indexes} in {translated_html!r}"
        )
    if any("<" in piece or ">" in piece for piece in texts):
        raise TranslationError(f"unexpected tag in Apertium output: {translated_html!r}")
    texts = [re.sub(r"\s+", " ", html.unescape(piece)) for piece in texts]
    texts[0], texts[-1] = texts[0].lstrip(), texts[-1].rstrip()
    result = [texts[0]]
    for index, piece in zip(indexes, texts[1:]):
        result += [tokens[index], piece]
    return "".join(result)


# --------------------------------------------------------------------------------------------
# Apertium
# --------------------------------------------------------------------------------------------


def build_document(protected_segments: Sequence[str]) -> str:
    """One html document for Apertium: every segment in its own ``<p>``, one per line."""
    return "".join(
        f'<p data-s="{index}">{segment}</p>\n' for index, segment in enumerate(protected_segments)
    )


def split_document(translated: str, count: int) -> list[str]:
    """Inverse of :func:`build_document`; fails loudly unless exactly ``count`` segments in order."""
    found = re.findall(r'<p data-s="(\d+)">(.*?)</p>', translated, flags=re.DOTALL)
    if [int(index) for index, _ in found] != list(range(count)):
        raise TranslationError(
            f"Apertium output has {len(found)} segments, expected {count}:\n{translated}"
        )
    return [segment for _, segment in found]


def run_apertium(document: str, source_lang: str) -> str:
    """Translate an html document with ``apertium -u -f html`` (one process)."""
    executable = shutil.which("apertium")
    if executable is None:
        raise TranslationError("fann ikkje Apertium: installer apertium-nno-nob (sudo apt-get install apertium-nno-nob)")
    completed = subprocess.run(
        [executable, "-u", "-f", "html", APERTIUM_PAIRS[source_lang]],
        input=document.encode("utf-8"),
        capture_output=True,
        check=False,
    )
    if completed.returncode != 0:
        raise TranslationError(
            f"apertium {APERTIUM_PAIRS[source_lang]} failed ({completed.returncode}): "
            + completed.stderr.decode("utf-8", "replace")
        )
    return completed.stdout.decode("utf-8")


def translate_segments(
    segments: Sequence[str],
    source_lang: str,
    names: Sequence[str] = (),
    glossary: Sequence[GlossaryEntry] = (),
    quality: Quality | None = None,
) -> list[str]:
    """Translate text segments (no newlines) with one Apertium call; same length and order.

    ``names`` are never translated; the ``glossary`` corrects what Apertium gets wrong, and
    ``quality`` collects the unknown words and the corrections. Segments without a letter outside
    protected tokens are returned unchanged.
    """
    other_lang(source_lang)  # validates
    for segment in segments:
        if "\n" in segment:
            raise ValueError(f"segment contains a newline: {segment!r}")
    protected = [protect(segment, names) for segment in segments]
    todo = [
        index
        for index, (text, _) in enumerate(protected)
        if _LETTER.search(html.unescape(_PLACEHOLDER.sub(" ", text)))
    ]
    result = list(segments)
    if not todo:
        return result
    output = run_apertium(build_document([protected[i][0] for i in todo]), source_lang)
    for index, translated in zip(todo, split_document(output, len(todo))):
        text = unprotect(translated, protected[index][1])
        for entry in glossary:
            if entry.applies_to(segments[index]):
                corrected, count = entry.correct(text)
                if count and quality is not None:
                    quality.corrections.append(("|".join(entry.wrong), entry.right))
                text = corrected
        if quality is not None:
            quality.unknown += [word.lstrip("*#@~") for word in marked_words(translated)]
        result[index] = text
    return result


# --------------------------------------------------------------------------------------------
# Checking: each sentence translated back and compared with the original
# --------------------------------------------------------------------------------------------

SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
# Apertium's own morphological analyser of each language form (Debian's apertium-nno-nob): the
# lemmas of the words, so inflections and passives compare as the same word.
ANALYSERS = {"nb": "nob-nno.automorf.bin", "nn": "nno-nob.automorf.bin"}
ANALYSER_DIR = Path("/usr/share/apertium/apertium-nno-nob")
_STREAM_SPECIAL = re.compile(r"[\[\]^$@\\/{}<>*#|~\0]")  # Apertium's stream syntax: not words
_UNIT = re.compile(r"\^((?:\\.|[^/$\\])*)/((?:\\.|[^$\\])*)\$")


def sentences(text: str) -> list[str]:
    """The sentences of a line of text (split after . ! ? and a space)."""
    return [part for part in SENTENCE_END.split(text.strip()) if part]


def analyse(texts: Sequence[str], lang: str) -> list[list[tuple[str, frozenset[str]]]]:
    """Each text's words with their possible lemmas, from Apertium's analyser (one ``lt-proc``)."""
    executable, analyser = shutil.which("lt-proc"), ANALYSER_DIR / ANALYSERS[lang]
    if executable is None or not analyser.is_file():
        raise TranslationError("fann ikkje analysatoren til Apertium (lt-proc): installer apertium-nno-nob (sudo apt-get install apertium-nno-nob)")
    stream = "\0".join(_STREAM_SPECIAL.sub(" ", text) for text in texts) + "\0"
    completed = subprocess.run([executable, "-w", "-z", str(analyser)], input=stream.encode("utf-8"), capture_output=True, check=False)
    chunks = completed.stdout.decode("utf-8", "replace").split("\0")
    if completed.returncode != 0 or len(chunks) < len(texts):
        raise TranslationError(f"lt-proc failed ({completed.returncode}): " + completed.stderr.decode("utf-8", "replace"))
    result = []
    for chunk in chunks[: len(texts)]:
        words = []
        for match in _UNIT.finditer(chunk):
            lemmas: set[str] = set()
            for analysis in match.group(2).split("/"):
                lemma = analysis.split("<", 1)[0].lstrip("*#@").lower()
                lemmas |= {lemma, *lemma.split()}
            words.append((match.group(1), frozenset(lemmas)))
        result.append(words)
    return result


def back_check(
    refs: Sequence[str], originals: Sequence[str], translations: Sequence[str], source_lang: str,
    names: Sequence[str] = (), resources: Resources | None = None,
) -> list[Doubt]:
    """The sentences of ``translations`` that do not survive being translated back into
    ``source_lang``: a word of the original sentence does not come back (``quality.lost_words``).
    ``refs[i]`` names where segment ``i`` stands; a doubt's ref adds the sentence's number (1 …;
    0: the whole segment, where the original and the translation back have not as many sentences)."""
    target = other_lang(source_lang)
    glossary = resources.entries(target) if resources is not None else ()
    back = translate_segments(translations, target, names, glossary)
    where: list[tuple[str, str, str, str]] = []  # ref, original sentence, translated sentence, sentence back
    for ref, original, translation, returned in zip(refs, originals, translations, back, strict=True):
        parts, returned_parts, translated_parts = sentences(original), sentences(returned), sentences(translation)
        if len(parts) == len(returned_parts) == len(translated_parts):
            where += [(f"{ref}.{n}", a, t, b) for n, (a, t, b) in enumerate(zip(parts, translated_parts, returned_parts, strict=True), start=1)]
        else:
            where.append((f"{ref}.0", original, translation, returned))
    if not where:
        return []
    analysed = analyse([w[1] for w in where] + [w[3] for w in where], source_lang)
    alike = resources.alike if resources is not None else ()
    doubts = []
    for index, (ref, original, translation, returned) in enumerate(where):
        lost = lost_words(analysed[index], analysed[len(where) + index], alike)
        if lost:
            doubts.append(Doubt(ref, original, translation, returned, tuple(lost)))
    return doubts


# --------------------------------------------------------------------------------------------
# Pages
# --------------------------------------------------------------------------------------------


def translate_markdown(
    text: str, source_lang: str, resources: Resources | None = None, quality: Quality | None = None, *, check: bool = False
) -> str:
    """Translate a whole page (front matter + Markdown body) from ``source_lang`` to the other form.

    Only ``document_title``/``adoption`` and the words of headings, items and paragraph lines are
    translated; every other line and all Markdown syntax are copied. The result ends with exactly
    one newline. With ``check``, every sentence is translated back (``back_check``) and those that
    do not survive are listed in the translation's front matter (``to_check``, FORMAT.md) and in
    ``quality.doubts``: the page marks them for a person to check.
    """
    other_lang(source_lang)  # validates
    try:
        page = grammar.parse(text)
        data = page.front_matter.data if page.front_matter else {}
    except grammar.FrontMatterError as exc:
        raise PageError("framsida (front matter) kan ikkje lesast") from exc
    values = {key: " ".join(data[key].split()) for key in TRANSLATED_KEYS if isinstance(data.get(key), str) and data[key].strip()}
    todo = [index for index, line in enumerate(page.body) if line.kind in TEXT_LINES and _has_letter(line.text)]
    names = [str(data[key]) for key in ("municipality", "county") if isinstance(data.get(key), str)]
    if resources is not None:
        names += resources.protected
    glossary = resources.entries(source_lang) if resources is not None else ()
    segments = [*values.values(), *(page.body[index].text for index in todo)]
    translated = translate_segments(segments, source_lang, names, glossary, quality)
    if quality is not None and resources is not None:
        quality.leftovers += leftovers(translated, other_lang(source_lang), resources)
    body = list(page.body)
    for index, new_text in zip(todo, translated[len(values) :]):
        body[index] = body[index].with_text(new_text)
    doubts: list[Doubt] = []
    if check:
        refs = [*values, *(str(index + 1) for index in todo)]
        doubts = back_check(refs, segments, translated, source_lang, names, resources)
        if quality is not None:
            quality.doubts += doubts
    front = page.front_matter
    if front is not None:
        try:
            front = front.with_values(dict(zip(values, translated)))
            if doubts:
                front = front.with_lines([f"to_check: {grammar.yaml_scalar(' '.join(d.ref for d in doubts), chr(34))}"])
        except ValueError as exc:
            raise TranslationError(str(exc)) from exc
    result = grammar.write(grammar.Page(front, tuple(body)))
    return result.rstrip("\n") + "\n"


# --------------------------------------------------------------------------------------------
# Staleness: a translation records what it was made from
# --------------------------------------------------------------------------------------------

# Written into a translation's front matter. ``--check`` compares them instead of re-running
# Apertium, whose output differs between builds of the Debian package: a changed original, a hand
# edit of the translation, or different rules are caught on any machine.
STAMP_KEYS: tuple[str, ...] = ("original_sha256", "translator", "translation_sha256")


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def apertium_version() -> str:
    """``apertium-nno-nob 1.5.0-1`` from the Debian package database, else ``apertium-nno-nob``."""
    try:
        result = subprocess.run(
            ["dpkg-query", "-W", "-f=${Version}", "apertium-nno-nob"], capture_output=True, text=True, timeout=30
        )
    except (OSError, subprocess.TimeoutExpired):
        return "apertium-nno-nob"
    version = result.stdout.strip() if result.returncode == 0 else ""
    return f"apertium-nno-nob {version}".strip()


def _own_digest(page: grammar.Page) -> str:
    """The digest of a translation without its ``translation_sha256`` line."""
    return digest(grammar.write(page.with_front_matter(page.front_matter.without("translation_sha256"))))


def add_stamp(translation: str, original: str, translator: str) -> str:
    """The translation with the digest of its original, the translator, and its own digest (of
    the whole page without that last line) at the end of its front matter."""
    page = grammar.parse(translation)
    stamped = page.with_front_matter(
        page.front_matter.with_lines([f"original_sha256: {digest(original)}", f"translator: {grammar.yaml_scalar(translator, chr(34))}"])
    )
    own = digest(grammar.write(stamped))
    return grammar.write(stamped.with_front_matter(stamped.front_matter.with_lines([f"translation_sha256: {own}"])))


def annotation_lines(text: str) -> list[str]:
    return [line.raw.strip() for line in grammar.parse(text).body if line.kind == "annotation"]


def stamp_problem(original: str, translation: str) -> str | None:
    """Why a committed translation is not the one made from ``original`` (None if it is)."""
    try:
        page = grammar.parse(translation)
        data = page.front_matter.data if page.front_matter else {}
    except grammar.FrontMatterError:
        data = {}
    if any(key not in data for key in STAMP_KEYS):
        return "har ingen opplysning om originalen sin (lag henne på nytt)"
    if data["original_sha256"] != digest(original):
        return "utdatert: originalen er endra sidan han vart omsett"
    if data["translation_sha256"] != _own_digest(page):
        return "endra for hand etter omsetjinga"
    if annotation_lines(original) != annotation_lines(translation):
        return "merknadene på reglane er ikkje dei same som i originalen"
    return None


def find_originals(docs_dir: Path) -> list[Path]:
    """Every ``docs_dir/kommunar/*.{nb,nn}.md`` (and every earlier version,
    ``kommunar/<slug>/versjon/*.{nb,nn}.md``) whose suffix equals its ``original_language``."""
    originals = []
    folder = docs_dir / GUIDELINE_DIR
    for path in sorted([*folder.glob("*.md"), *folder.glob(f"*/{VERSION_DIR}/*.md")]):
        lang = language_of_path(path)
        if lang is not None and page_original_language(read_page(path)) == lang:
            originals.append(path)
    return originals


def resolve_original(path: Path) -> Path:
    """The original of a page given either the original or its translation."""
    if not path.is_file():
        raise PageError(f"{path}: fila finst ikkje")
    lang = language_of_path(path)
    if lang is None:
        raise PageError(f"{path}: filnamnet endar ikkje på .nb.md eller .nn.md")
    original_lang = page_original_language(read_page(path))
    if original_lang not in LANGS:
        raise PageError(f"{path}: original_language i framsida må vere nb eller nn")
    if original_lang == lang:
        return path
    original = sibling_path(path)
    if not original.is_file():
        raise PageError(f"{path} er ei omsetjing, men originalen {original} finst ikkje")
    return original


def translation_target(original: Path) -> Path:
    """Where the translation of ``original`` goes; refuses to overwrite another original."""
    target = sibling_path(original)
    if target.is_file() and page_original_language(read_page(target)) == language_of_path(target):
        raise PageError(f"både {original} og {target} seier at dei er originalen (original_language); rett den eine")
    return target


def read_page(path: Path) -> str:
    """A page's text as MkDocs and the build read it (``format.guideline.read_page``)."""
    try:
        return guideline.read_page(path, str(path))
    except GuidelineError as exc:
        raise PageError(str(exc)) from exc


def check_original(text: str, path: Path) -> None:
    """Refuse an original the build would refuse, with the build's message."""
    try:
        guideline.parse_guideline(text, path)
    except (GuidelineError, GuidelineErrors) as exc:
        raise PageError(f"originalen har feil; rett dei før du omset:\n{exc}") from exc


def translate_file(original: Path, translator: str, resources: Resources | None = None, quality: Quality | None = None) -> str:
    """The translation of an original page file, stamped with what it was made from."""
    source_lang = language_of_path(original)
    if source_lang is None:
        raise PageError(f"{original}: filnamnet endar ikkje på .nb.md eller .nn.md")
    text = read_page(original)
    check_original(text, original)
    if resources is None:  # the glossary and word lists of the project, as guidelines translate uses them
        resources = project_resources(original.resolve().parent.parent)
    return add_stamp(translate_markdown(text, source_lang, resources, quality, check=True), text, translator)


def project_resources(docs: Path) -> Resources:
    """The glossary and word lists of the project ``docs`` belongs to (else of the working directory's)."""
    data = docs.resolve().parent / "data"
    return load_resources(data if (data / "glossary.yml").is_file() else Project.find().root / "data")
