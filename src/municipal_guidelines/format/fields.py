"""What a front-matter field (and an importer option) may hold, checked the same way everywhere.

Each ``check_*`` returns ``None`` for a good value, or a message for the people who edit pages,
in plain nynorsk: what is wrong and what to write instead. Values come from hostile pages: none
of them may carry markup, a character reference (``&#60;`` decodes to ``<`` in a page title) or a
control character into the site, its navigation, ``<title>``, JSON or CSV.
"""

from __future__ import annotations

import datetime
import html
import re
import unicodedata

from confusable_homoglyphs import confusables

from municipal_guidelines.format.safety import TEMPLATE_IDS
from municipal_guidelines.layout import LANGS, SITE_NAMES

_WEB_ADDRESS = re.compile(r"https?://[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?(?::[0-9]{1,5})?(?:[/?#][^\s\\\"'<>]*)?")  # also intranet hosts
MAX_NAME = 80
MAX_TEXT = 300

# A place name: letters, with single spaces, hyphens, dashes, apostrophes and full stops between
# them ("Nord-Aurdal", "Møre og Romsdal", "Gáivuotna – Kåfjord – Kaivuono", "Sør-Trøndelag").
_NAME = re.compile(r"[^\W\d_]+(?:(?: ?[-–] ?| |['’.] ?)[^\W\d_]+)*\.?")
_NUMBER = re.compile(r"[0-9]{4}", re.ASCII)
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*", re.ASCII)
_SOURCE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\.txt", re.ASCII)
CHARACTER_REFERENCE = re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);?")
_MARKUP = re.compile(r"[<>]")


def character_reference(text: str) -> str | None:
    """The first HTML character reference in ``text`` (``&#60;``, ``&lt;``, even ``&lt`` without
    its semicolon), or None: "AT&T" and "hund & katt" are plain text."""
    for match in CHARACTER_REFERENCE.finditer(text):
        if html.unescape(match.group(0)) != match.group(0):
            return match.group(0)
    return None


def control_character(text: str, allowed: str = "") -> str | None:
    """The first control or invisible formatting character in ``text`` (tab and line end excepted
    where ``allowed`` says so), named as a reader can find it, or None."""
    if text.isprintable():  # no character of those categories is printable: the common case, fast
        return None
    for char in text:
        if char in allowed:
            continue
        code = ord(char)
        # Noncharacters (U+FDD0–FDEF, U+xFFFE, U+xFFFF) too: a Word file with one cannot be opened.
        if unicodedata.category(char) in ("Cc", "Cf", "Cs", "Co", "Zl", "Zp") or 0xFDD0 <= code <= 0xFDEF or code & 0xFFFE == 0xFFFE:
            return f"U+{code:04X}"
    return None


def check_text(value: str, *, max_length: int = MAX_TEXT) -> str | None:
    """Free text shown on the site (a title, what the text says about its adoption)."""
    hidden = control_character(value)
    if hidden:
        return f"inneheld eit usynleg kontrollteikn ({hidden}); skriv teksta på nytt utan det"
    if _MARKUP.search(value):
        return "inneheld < eller >; skriv vanleg tekst utan slike teikn"
    reference = character_reference(value)
    if reference:
        return f"inneheld teiknkoden {reference!r}; skriv sjølve teiknet i staden"
    if len(value) > max_length:
        return f"er {len(value)} teikn lang; korta ned til høgst {max_length} teikn"
    return None


# Characters that show as nothing (or as a blank) but are letters or marks to Unicode, so that
# "Løten" + U+3164 passes for a name: the Hangul fillers, the Khmer and Mongolian invisible vowels
# and separators, the variation selectors, the combining grapheme joiner, the braille blank.
# (Format characters, U+200B and the like, are refused as control characters already.)
_INVISIBLE_LETTERS = frozenset(
    [0x034F, 0x115F, 0x1160, 0x17B4, 0x17B5, 0x180B, 0x180C, 0x180D, 0x180E, 0x180F, 0x2800, 0x3164, 0xFFA0]
    + list(range(0xFE00, 0xFE10))
    + list(range(0xE0100, 0xE01F0))
)


def invisible_letter(text: str) -> str | None:
    """The first character of ``text`` that shows as nothing but counts as a letter, or None."""
    return next((f"U+{ord(char):04X}" for char in text if ord(char) in _INVISIBLE_LETTERS), None)


_SCRIPTS = {"CYRILLIC": "kyrillisk", "GREEK": "gresk", "ARMENIAN": "armensk", "CHEROKEE": "cherokee", "COMMON": "eit felles teikn"}


def lookalike(text: str) -> tuple[str, str, str] | None:
    """The first letter of ``text`` from another script that looks like a Latin one (Cyrillic «о»
    in «Lоten»): (the letter, its script, the Latin letter it looks like), or None."""
    found = [e for e in confusables.is_confusable(text, greedy=True, preferred_aliases=["latin"]) or () if e["alias"] != "COMMON"]
    if not found:
        return None
    entry = found[0]
    latin = next((h["c"] for h in entry["homoglyphs"] if h["n"].startswith("LATIN")), entry["homoglyphs"][0]["c"] if entry["homoglyphs"] else "?")
    return entry["character"], entry["alias"], latin


def check_name(value: str) -> str | None:
    """The name of a municipality or a county, as people read it: no invisible letters, no
    full-width or other compatibility forms, no letters of another script that look Latin."""
    problem = check_text(value, max_length=MAX_NAME)
    if problem:
        return problem
    hidden = invisible_letter(value)
    if hidden:
        return f"inneheld eit usynleg teikn ({hidden}) som ser ut som ingenting; skriv namnet på nytt utan det"
    normal = unicodedata.normalize("NFKC", value)
    if normal != unicodedata.normalize("NFC", value):
        odd = next(c for c in value if unicodedata.normalize("NFKC", c) != unicodedata.normalize("NFC", c))
        return f"inneheld teiknet «{odd}» (U+{ord(odd):04X}), ei særskild form av «{unicodedata.normalize('NFKC', odd)}»; skriv det vanlege teiknet"
    if not _NAME.fullmatch(value):
        return (
            f"{value!r} er ikkje eit namn: bruk berre bokstavar, og mellom orda mellomrom, bindestrek, "
            "tankestrek eller apostrof (til dømes «Nord-Aurdal» eller «Møre og Romsdal»)"
        )
    similar = lookalike(value)
    if similar:
        char, script, latin = similar
        return (
            f"har bokstaven «{char}» (U+{ord(char):04X}), som er {_SCRIPTS.get(script, script.lower())} og ikkje latinsk, "
            f"sjølv om han ser ut som «{latin}»; skriv namnet med vanlege bokstavar"
        )
    return None


def check_number(value: object) -> str | None:
    """A kommunenummer: exactly four ASCII digits, written as a quoted string."""
    if isinstance(value, str) and _NUMBER.fullmatch(value):
        return None
    return f'må vere fire siffer i hermeteikn, til dømes "0301"; no står det {value!r}'


def check_language(value: object) -> str | None:
    if value in LANGS:
        return None
    return f"må vere nb (bokmål) eller nn (nynorsk); no står det {value!r}"


def check_slug(value: str) -> str | None:
    """A municipality's file name stem: also its folder of profile pages, its URL segment and its
    section's id on the topic pages, so none the site uses itself (``index`` is the overview)."""
    if not _SLUG.fullmatch(value):
        return f"{value!r} kan ikkje brukast i eit filnamn: bruk små bokstavar a–z, siffer og bindestrek"
    if value in SITE_NAMES or value in TEMPLATE_IDS:
        return f"{value!r} brukar nettstaden sjølv (som side, mappe eller element); vel eit anna, til dømes {value}-kommune"
    return None


def check_web_address(value: str) -> str | None:
    """An address on the web, ``https://…`` (or ``http://…``), of a page or file elsewhere."""
    # Not check_text: "&" is part of many addresses (?a=1&section=2), and the page escapes it.
    hidden = control_character(value)
    if hidden:
        return f"inneheld eit usynleg kontrollteikn ({hidden}); skriv adressa på nytt utan det"
    if len(value) > MAX_TEXT:
        return f"er {len(value)} teikn lang; korta ned til høgst {MAX_TEXT} teikn"
    if not _WEB_ADDRESS.fullmatch(value):
        return f"må vere ei nettadresse som byrjar med https://, til dømes https://www.loten.kommune.no/; no står det {value!r}"
    return None


def check_source(value: str) -> str | None:
    """The name of the kept source text in ``sources/`` (a plain file name, never a path)."""
    if _SOURCE.fullmatch(value):
        return None
    return f"{value!r} må vere namnet på ei fil i mappa sources/, til dømes «loten.txt» (utan mappenamn)"


_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", re.ASCII)


def check_date(value: str) -> str | None:
    """A date written as in ISO 8601, ``"2013-06-18"`` (in quotes: YAML would make it a date)."""
    if _DATE.fullmatch(value):
        try:
            datetime.date.fromisoformat(value)
            return None
        except ValueError:
            return f"{value!r} er ikkje ein dag som finst; skriv datoen som \"ÅÅÅÅ-MM-DD\", til dømes \"2013-06-18\""
    return f"må vere ein dato i hermeteikn, \"ÅÅÅÅ-MM-DD\", til dømes \"2013-06-18\"; no står det {value!r}"


def fold_name(name: str) -> str:
    """A name as compared for sameness, as people read it: compatibility forms folded (NFKC:
    "Ｌøten" = "Løten"), case ignored ("Bømlo" = "BØMLO"), letters of other scripts that look Latin
    taken as the Latin letter ("Lоten" with a Cyrillic о = "Løten"'s neighbour "Loten"), invisible
    letters dropped."""
    text = "".join(c for c in unicodedata.normalize("NFKC", name) if ord(c) not in _INVISIBLE_LETTERS and c.isprintable())
    text = " ".join(text.split()).casefold()
    for entry in confusables.is_confusable(text, greedy=True, preferred_aliases=["latin"]) or ():
        latin = next((h["c"] for h in entry["homoglyphs"] if h["n"].startswith("LATIN")), None)
        if latin:
            text = text.replace(entry["character"], latin)
    return unicodedata.normalize("NFC", text).casefold()


def make_slug(name: str) -> str:
    """The file-name stem of a municipality: lower-case ASCII (``Bømlo`` → ``bomlo``)."""
    text = name.strip().lower().replace("æ", "ae").replace("ø", "o").replace("å", "a")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"[^a-z0-9]+", "-", text)
    return text.strip("-")
