"""Site search with Pagefind: one index per language form, made once the whole site is written.

Pagefind reads the built HTML, finds each page's language form by ``<html lang>`` (nb, nn) and
writes one index per language form into ``pagefind/`` with the Snowball Norwegian stemmer, so a
search on a nynorsk page finds nynorsk pages only. It indexes what the templates mark
``data-pagefind-body`` (the page content), without what they mark ``data-pagefind-ignore`` and the
selectors in ``EXCLUDE_SELECTORS``: interface text and the generated tables that repeat rules the
guideline pages already hold. No MkDocs needed.

Beside the index, each language form gets the words its index holds (``search-words.json`` at
the form's root, ``vocabulary``), with how often each occurs: what a misspelt query word is
corrected to; and what the dialog needs to understand a query (``search-settings.json``,
``dialog_settings``: the topics' labels and search words, the other form's words, the words a
query leaves out and the endings it strips), one file the browser keeps rather than the same
3–4 KB in every page. A guideline page says which topics each of its rules is on
(``rule_topics``), as metadata, so the dialog can title a rule "Løten · Bilder og video av personer".
"""

from __future__ import annotations

import gzip
import json
import re
import shutil
import subprocess
import time
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pagefind_bin import get_executable

from municipal_guidelines.format.guideline import Guideline
from municipal_guidelines.layout import GUIDELINE_DIR, LANGS, PROFILE_DIR, TOPIC_DIR, other_lang
from municipal_guidelines.model.topics import Topic
from municipal_guidelines.site.staging import publish

BUNDLE_DIR = "pagefind"  # under the site root: /pagefind/pagefind-ui.js, the indexes, the wasm
# Inside the indexed content, left out: permalink signs, interface labels and notices repeated on
# every page, the topic links under each rule (they ran on from the rule's text in excerpts; Pagefind
# still reads their filters) and a topic page's count of municipalities, and what the generated pages repeat from the guideline pages or from their own tables:
# the matrix, coverage, checklist and overview tables, the topic cards, and the charts (their
# numbers are in the tables), the note under a rule on where else its wording stands and the groups
# of shared wording (they quote other rules); and the draft builder's frame, which is interface.
# Profile pages are not indexed at all (overrides/main.html).
EXCLUDE_SELECTORS = (
    ".headerlink",
    ".rule-permalink",
    ".rule-meta",
    ".topic-coverage",
    ".translation-notice",
    ".review-notice",
    ".rule-to-check",
    ".guideline-facts dt",
    ".guideline-facts a",
    "table.matrix",
    "table.coverage",
    "table.overview",
    ".topic-grid",
    ".chart",
    ".draft",
    ".rule-shared",
    ".shared-group",
    ".shared-legend",
)
WORDS_FILE = "search-words.json"  # at each language form's root: the words a query is corrected to
WORD = re.compile(r"[^\W_]+")  # as Pagefind splits words: letters and digits
MIN_WORD = 4  # shorter words are not corrected
SETTINGS_FILE = "search-settings.json"  # at each language form's root: what the dialog reads a query with
RULES_META = "rules"  # a guideline page's metadata: the topics of each rule (rule_topics)


def vocabulary(site: Path) -> dict[str, dict[str, int]]:
    """Per language form, the words its search index holds (each page's indexed text and metadata:
    titles, the topics' search words of both forms; not the digits of the rules' topics), with how
    often each occurs, the most frequent first: what a misspelt query word can be corrected to, and
    the dialog's test of whether a word is in the index at all. Read from Pagefind's own records of
    the pages (``fragment/*.pf_fragment``: gzipped JSON after a signature)."""
    counts: dict[str, Counter[str]] = {}
    for path in (site / BUNDLE_DIR / "fragment").glob("*.pf_fragment"):
        data = gzip.decompress(path.read_bytes())
        fragment = json.loads(data[data.index(b"{") :])
        meta = [value for key, value in fragment.get("meta", {}).items() if key != RULES_META]
        words = WORD.findall(" ".join([fragment.get("content", ""), *meta]).lower())
        counts.setdefault(path.name.split("_", 1)[0], Counter()).update(w for w in words if len(w) >= MIN_WORD and not w.isdigit())
    return {lang: dict(sorted(found.items(), key=lambda item: (-item[1], item[0]))) for lang, found in counts.items()}


TOPIC_PAGE = re.compile(r"(?:^|/)" + re.escape(TOPIC_DIR) + r"/([a-z0-9-]+)/$")


def topic_pages(site: Path) -> dict[str, dict[str, str]]:
    """Per language form, each topic page's id in the index (its fragment's name, which Pagefind
    gives each result before its data is loaded), by topic id: so the dialog knows a result is the
    page of a topic the query names before it loads the result's text."""
    found: dict[str, dict[str, str]] = {}
    for path in (site / BUNDLE_DIR / "fragment").glob("*.pf_fragment"):
        data = gzip.decompress(path.read_bytes())
        topic = TOPIC_PAGE.search(json.loads(data[data.index(b"{") :]).get("url", ""))
        if topic:
            found.setdefault(path.name.split("_", 1)[0], {})[topic.group(1)] = path.name.removesuffix(".pf_fragment")
    return found


def other_form_words(topics: Sequence[Topic], lang: str, other: str) -> dict[str, str]:
    """Words of the other language form ``other`` and the word of ``lang`` they stand for, from the
    topics' labels word by word where both labels have as many words («Taushetsplikt og
    personvern» / «Teieplikt og personvern»: taushetsplikt → teieplikt), so the dialog searches a
    word of the other form in this form's words too and finds the rules, not only the topic page."""
    pairs: dict[str, str] = {}
    for topic in topics:
        own, theirs = WORD.findall(topic.label[lang].lower()), WORD.findall(topic.label[other].lower())
        if len(own) == len(theirs):
            for their_word, own_word in zip(theirs, own):
                if their_word != own_word and len(their_word) >= MIN_WORD:
                    pairs.setdefault(their_word, own_word)
    return pairs


def dialog_settings(
    topics: Sequence[Topic], lang: str, other: str, ui: dict[str, Any], pages: int = 0, topic_ids: dict[str, str] | None = None
) -> dict[str, object]:
    """What the search dialog of language form ``lang`` reads a query with: each topic as
    ``[id, label, the words that name it, the other words of its keywords, the phrases that name
    it together]`` in ``topics``' order (a
    rule's topics in the page metadata are positions in this list, ``rule_topics``), the number of
    pages in the form's index (a query word found on most of them says little), each topic page's
    id in the index (``topic_pages``), the other form's
    words (``other_form_words``), and the words a query leaves out, the endings the dialog strips
    and the words after which a query word says where rather than what (``ui``: the form's
    data/ui.yml)."""
    return {
        "topics": [
            [
                topic.id,
                topic.label[lang],
                " ".join(topic.name_words),
                " ".join(w for w in topic.search_words if w not in topic.name_words),
                [" ".join(words) for words in topic.name_phrases],
            ]
            for topic in topics
        ],
        "pages": pages,
        "topic_pages": {index_id: topic for topic, index_id in (topic_ids or {}).items()},
        "other_words": other_form_words(topics, lang, other),
        "stop_words": ui["search_stop_words"].split(),
        "suffixes": ui["search_suffixes"].split(),
        "context_words": ui["search_context_words"].split(),
    }


def write_settings(root: Path, settings: dict[str, object]) -> Path:
    """``search-settings.json`` in a language form's built root."""
    root.mkdir(parents=True, exist_ok=True)
    path = root / SETTINGS_FILE
    path.write_text(json.dumps(settings, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return path


def write_vocabulary(root: Path, words: dict[str, int]) -> Path:
    """``search-words.json`` in a language form's built root: ``{"word": count, …}``."""
    path = root / WORDS_FILE
    path.write_text(json.dumps(words, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return path


def rule_topics(guideline: Guideline, topics: Sequence[Topic]) -> str:
    """Which topics each rule of ``guideline`` is on, for the page's search metadata: for each rule
    its number and the positions of its topics in ``topics`` (``"5:1.0 6:2"``: rule loten-5 is on
    the second and first topic). Digits only, so the metadata matches no reader's word."""
    position = {topic.id: index for index, topic in enumerate(topics)}
    return " ".join(
        f"{rule.id.rsplit('-', 1)[1]}:{'.'.join(str(position[t]) for t in rule.topics if t in position)}" for rule in guideline.rules
    )




class SearchIndexError(RuntimeError):
    """Pagefind failed or left a language form without an index."""


@dataclass(frozen=True)
class SearchIndex:
    seconds: float  # time Pagefind took
    pages: dict[str, int]  # language form → pages indexed


def pages_glob(site: Path) -> str:
    """The HTML files Pagefind is to read: everything but the profile pages, which are not indexed
    (they are derived from the guideline pages) and which Pagefind would otherwise parse, 714 files
    at N = 357 (2 s), and the earlier versions of guidelines (not indexed either: a search finds the
    rules in force). Made from the site's own folders, so a new folder is read without a change here."""
    def parts(root: Path, prefix: str) -> list[str]:
        found = [f"{prefix}*.html"]
        for folder in sorted(p.name for p in root.iterdir() if p.is_dir()):
            if folder in LANGS and not prefix:
                found += parts(root / folder, f"{folder}/")
            elif folder == GUIDELINE_DIR:  # the guidelines, not their earlier versions (kommunar/<slug>/versjon/)
                found += [f"{prefix}{folder}/*.html", f"{prefix}{folder}/*/*.html"]
            elif folder not in (PROFILE_DIR, BUNDLE_DIR):
                found.append(f"{prefix}{folder}/**/*.html")
        return found

    return "{" + ",".join(parts(site, "")) + "}"


def pagefind_command(site: Path, output: Path | None = None) -> list[str]:
    where = ["--output-path", str(output)] if output is not None else ["--output-subdir", BUNDLE_DIR]
    command = [str(get_executable()), "--site", str(site), *where, "--quiet", "--glob", pages_glob(site)]
    for selector in EXCLUDE_SELECTORS:
        command += ["--exclude-selectors", selector]
    return command


def index_site(site: Path, langs: Iterable[str], output: Path | None = None) -> SearchIndex:
    """Index the built ``site``; every form in ``langs`` must get an index of its own. The index
    goes into the site's ``pagefind/``, or into ``output`` (outside the site: a served site keeps
    its index until the new one is whole, ``write_search``)."""
    started = time.perf_counter()
    done = subprocess.run(pagefind_command(site, output), capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise SearchIndexError(f"Pagefind stoppa (exit {done.returncode}): {(done.stderr or done.stdout).strip()}")
    entry = json.loads(((output or site / BUNDLE_DIR) / "pagefind-entry.json").read_text(encoding="utf-8"))
    pages = {lang: int(info["page_count"]) for lang, info in entry["languages"].items()}
    missing = [lang for lang in langs if not pages.get(lang)]
    if missing:
        raise SearchIndexError(
            f"Pagefind laga ingen søkeindeks for {', '.join(missing)} (fann {', '.join(sorted(pages)) or 'ingen'}); "
            "sjekk at sidene har rett <html lang>"
        )
    return SearchIndex(seconds=seconds, pages=pages)



def write_search(
    site: Path, topics: Sequence[Topic], uis: Mapping[str, dict[str, Any]], prefixes: Mapping[str, str], output: Path | None = None
) -> SearchIndex:
    """Pagefind's index of the built ``site``, then each language form's words (``vocabulary``) and
    the dialog's settings (``dialog_settings``) at its root (``prefixes``: language form -> its root
    in the site). With ``output``, the index is made there and then put in place of the site's in
    one move (``staging.publish``): under serve, after an incremental rebuild, while the site is served."""
    if output is not None:
        shutil.rmtree(output, ignore_errors=True)  # what a failed run left
    index = index_site(site, LANGS, output)
    if output is not None:
        publish(str(output), str(site / BUNDLE_DIR))
    for lang, words in vocabulary(site).items():
        write_vocabulary(site / prefixes[lang], words)
    topic_ids = topic_pages(site)
    for lang in LANGS:
        settings = dialog_settings(topics, lang, other_lang(lang), uis[lang], index.pages.get(lang, 0), topic_ids.get(lang))
        write_settings(site / prefixes[lang], settings)
    return index
