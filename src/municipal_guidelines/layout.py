"""The site's fixed facts, each written once: language forms, folders and URL segments.

Public URLs and folder names are nynorsk (``kommunar``, ``tema``); code is English.
"""

from __future__ import annotations

LANGS: tuple[str, ...] = ("nb", "nn")  # bokmål and nynorsk; mkdocs.yml's i18n languages must agree
GUIDELINE_DIR = "kommunar"  # docs/kommunar/<slug>.<lang>.md → /kommunar/<slug>/
TOPIC_DIR = "tema"  # docs/tema/<topic>.<lang>.md → /tema/<topic>/
PROFILE_DIR = "profil"  # docs/profil/<slug>.<lang>.md → /profil/<slug>/
EXPORT_DIR = "data"  # /data/matrix.json, /data/matrix.csv, /data/kommunar/<slug>.json
DRAFT_URL = "utkast/"  # the draft builder's page, relative to a language root (docs/utkast.<lang>.md)
INDEX_STEM = "index"
VERSION_DIR = "versjon"  # docs/kommunar/<slug>/versjon/<date>.<lang>.md → /kommunar/<slug>/versjon/<date>/ (earlier versions)
CHANGES_PAGE = "sist-endra/"  # docs/sist-endra.<lang>.md: what changed in every municipality's latest versions
FEED_FILE = "endringar.xml"  # Atom feeds: <lang root>/endringar.xml, <lang root>/kommunar/<slug>/endringar.xml
SHARED_PAGE = "lik-ordlyd/"  # docs/lik-ordlyd.<lang>.md: every group of shared wording
# Names the site uses for its own pages and folders (a URL segment or a file stem under docs/, and
# MkDocs' and Pagefind's output): no topic id, municipality slug or rule id may be one of them.
SITE_NAMES = frozenset(
    {INDEX_STEM, GUIDELINE_DIR, TOPIC_DIR, PROFILE_DIR, EXPORT_DIR, DRAFT_URL.strip("/"), SHARED_PAGE.strip("/")}
    | {"matrise", "dekning", "om", "assets", "search", "pagefind", "sitemap", "404", "nb", "nn"}
)


def other_lang(lang: str) -> str:
    """``nb`` → ``nn`` and back."""
    if lang not in LANGS:
        raise ValueError(f"unknown language form {lang!r} (expected one of {', '.join(LANGS)})")
    return LANGS[1 - LANGS.index(lang)]


def lang_prefix(lang: str, default_lang: str) -> str:
    """URL prefix of a language form's root: ``""`` for the default, ``"nn/"`` for the other."""
    return "" if lang == default_lang else f"{lang}/"


def page_path(src_uri: str) -> str:
    """A page's path without static-i18n's language suffix: ``tema/bilete.nn.md`` → ``tema/bilete.md``."""
    stem, dot, ext = src_uri.rpartition(".")
    base, _, lang = stem.rpartition(".")
    return f"{base}.{ext}" if dot and base and lang in LANGS else src_uri


def page_stem(src_uri: str) -> str:
    """A page's name without folder and suffixes: ``profil/alta.nb.md`` → ``alta``."""
    return src_uri.rpartition("/")[2].split(".")[0]


def guideline_url(slug: str) -> str:
    """A guideline page's URL relative to its language root."""
    return f"{GUIDELINE_DIR}/{slug}/"


def version_url(slug: str, version: str) -> str:
    """An earlier version's page, relative to its language root ("" for the current version)."""
    return f"{GUIDELINE_DIR}/{slug}/{VERSION_DIR}/{version}/" if version else guideline_url(slug)


def feed_url(slug: str | None = None) -> str:
    """The Atom feed of the whole site, or of one municipality, relative to a language root."""
    return f"{GUIDELINE_DIR}/{slug}/{FEED_FILE}" if slug else FEED_FILE


def topic_url(topic_id: str) -> str:
    return f"{TOPIC_DIR}/{topic_id}/"


def profile_url(slug: str) -> str:
    """A municipality's profile page, relative to its language root."""
    return f"{PROFILE_DIR}/{slug}/"
