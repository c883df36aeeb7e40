"""The last net under every page: what Python-Markdown made of a page's text may hold only plain
document markup — no script, no event handler, no style, no link that runs code, no image or frame
from another host — whatever way the text found to ask for it (raw HTML, attribute lists, link
definitions, extensions).

The page parser (``format/guideline.py``) already refuses these in guideline pages with the exact line; this
check covers every page of ``docs/`` (the home page, "Om", topic stubs) and anything the parser
did not foresee. Pure: HTML in, problems out.
"""

from __future__ import annotations

import posixpath
import re
from html import unescape
from html.parser import HTMLParser

from municipal_guidelines.render.insert import without_rule_markers

# Elements the Markdown of this site produces (headings, paragraphs, lists, emphasis, code,
# quotes, tables, admonitions, links, images, the heading permalinks of the toc extension).
ALLOWED_TAGS = frozenset(
    "h1 h2 h3 h4 h5 h6 p ul ol li em strong b i code pre blockquote hr br a img "
    "table thead tbody tr th td div span sup sub abbr del ins dl dt dd".split()
)
# Attributes, per element ("*" = any allowed element). No style, no on…, no data-… from text.
ALLOWED_ATTRIBUTES = {
    "*": frozenset({"id", "class", "title"}),
    "a": frozenset({"href"}),
    "img": frozenset({"src", "alt"}),
    "ol": frozenset({"start"}),
    "th": frozenset({"align"}),
    "td": frozenset({"align"}),
}
# Class names the site's own Markdown gives: rules and prose, heading permalinks, admonitions.
_CLASS = re.compile(r"(?:rule|prosa|headerlink|admonition|admonition-title|note|info|tip|warning|danger|example)")
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:")
_INVISIBLE = re.compile(r"[\x00-\x20\x7f]+")
SAFE_SCHEMES = ("http:", "https:", "mailto:")
# Ids of the site's own elements on every page (those its scripts look up; Material's start with
# "__", refused as a prefix): no heading may take one of them.
RESERVED_IDS = frozenset({"site-announcer", "draft-settings", "site-search", "site-search-title", "site-search-filters"})
# Every fixed id the templates write on some page: no rule (its id is its element's id on the topic,
# matrix and draft pages) and no topic may take one (a rule "site-announcer" was the live region the
# draft builder writes into). tests/test_hostile.py checks that every fixed id of overrides/ and of
# the scripts is listed.
TEMPLATE_IDS = RESERVED_IDS | frozenset(
    {"matrix-differ", "matrix-differ-status", "matrix-caption", "matrix-picker-help", "overview-caption"}
    | {"coverage-caption", "checklist-caption", "utval", "kart", "sjekkliste", "sjekkliste-manglar", "sjekkliste-svarer"}
    | {"faa", "data", "kodebok", "lik-ordlyd", "likaste", "lover", "manglar", "median", "reglar", "home-finder-heading"}
    | {"home-municipalities", "home-municipality", "home-municipality-help", "draft-actions-label", "draft-county"}
    | {"draft-missing", "draft-municipality", "draft-number", "draft-number-help", "draft-title"}
    | {"__drawer", "endringar", "endringar-title", "fjerna-reglar", "changes-since-date"}
)


def url_problem(url: str, *, same_site: bool) -> str | None:
    """Links: web, e-mail or this site. Images (``same_site``): this site only. An address of this
    site is relative (the site may be served under any path) and stays inside it."""
    what = "biletet" if same_site else "lenkja"
    # As a browser reads it: blanks and control characters dropped, backslashes taken as slashes
    # (``/\\host/x`` is ``//host/x``, another host).
    lowered = _INVISIBLE.sub("", url).replace("\\", "/").lower()
    scheme = _SCHEME.match(lowered)
    if same_site and (scheme or lowered.startswith("//")):
        return f"biletet {url!r} ligg på ein annan nettstad; legg biletfila i docs/ og vis til henne derifrå"
    if "\\" in url:
        return f"{what} {url!r} har ein omvendt skråstrek (\\); skriv adressa med / (eller https://… for ei side ein annan stad)"
    if scheme and scheme.group(0) not in SAFE_SCHEMES:
        return f"lenkja {url!r} er ikkje ei vanleg nettadresse; bruk https://…, mailto:… eller ei side på denne nettstaden"
    if scheme and scheme.group(0) != "mailto:" and not lowered[scheme.end():].startswith("//"):
        return f"lenkja {url!r} manglar // etter {scheme.group(0)}; skriv heile adressa, https://…"
    if lowered.startswith("//"):
        return f"lenkja {url!r} manglar https: framfor //; skriv heile adressa, https://…"
    if not scheme:
        path = lowered.split("#")[0].split("?")[0]
        if path.startswith("/"):
            return f"{what} {url!r} peikar til rota av vertsmaskina, ikkje til denne nettstaden (som kan liggje under ein sti); vis relativt til ei fil i docs/, t.d. ../tema/bilete.md"
        # A page is at most one folder down (docs/kommunar/…): a path that climbs two leaves docs/.
        if path and posixpath.normpath("a/" + path).startswith(".."):
            return f"{what} {url!r} peikar ut av nettstaden (for mange ../); vis til ei fil i docs/"
    return None


class _Checker(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[tuple[str, str]] = []  # (message, text to find it by in the page)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ALLOWED_TAGS:
            self.problems.append((f"HTML-elementet «{tag}» er ikkje lov i teksta; skriv vanleg tekst", f"<{tag}"))
            return
        allowed = ALLOWED_ATTRIBUTES["*"] | ALLOWED_ATTRIBUTES.get(tag, frozenset())
        for name, value in attrs:
            value = value or ""
            if name not in allowed:
                self.problems.append((f"eigenskapen {name}={value!r} er ikkje lov i teksta; fjern han", name))
            elif name == "class" and not all(_CLASS.fullmatch(c) for c in value.split()):
                self.problems.append((f"klassen {value!r} er ikkje lov i teksta; bruk berre .prosa i merknader", value))
            elif name in ("href", "src"):
                problem = url_problem(value, same_site=name == "src")
                if problem:
                    self.problems.append((problem, value))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_comment(self, data: str) -> None:
        pass  # comments do not run; the site's own placeholders are comments

    def handle_decl(self, decl: str) -> None:
        self.problems.append(("teksta inneheld ein HTML-deklarasjon; skriv vanleg tekst", "<!"))

    def handle_pi(self, data: str) -> None:
        self.problems.append(("teksta inneheld HTML-kode (<?…>); skriv vanleg tekst", "<?"))


# Python's HTMLParser and browsers disagree on where odd comments end (``<!-->``, ``<!--->``,
# ``<![CDATA[``): text never makes a comment, so any ``<!`` but the site's own rule markers
# (render/insert.py) is refused.


# The fast path of unsafe_markup: markup in which every "<" opens a plain tag — a lowercase name
# and only name="value" attributes without < > or " in the value — is tokenized by HTMLParser
# exactly as this pattern does. Anything else, and any element that is not allowed (which covers
# the elements whose content HTMLParser does not read as markup: script, style, textarea, title),
# goes through HTMLParser. tests/test_hostile.py checks that both paths agree.
_PLAIN_TAG = re.compile(r'<(/?)([a-z][a-z0-9]*)((?:[ \t\n]+[a-z][a-z-]*="[^"<>]*")*)[ \t\n]*/?>')
_PLAIN_ATTRIBUTE = re.compile(r'([a-z][a-z-]*)="([^"<>]*)"')


def plain_start_tags(html: str) -> list[tuple[str, list[tuple[str, str]]]] | None:
    """The start tags of ``html`` with their attributes (values unescaped as HTMLParser does), or
    None when the markup is not plain enough to be sure they are what HTMLParser would see."""
    tags = _PLAIN_TAG.findall(html)
    if len(tags) != html.count("<"):
        return None
    start_tags = []
    for closing, tag, attributes in tags:
        if closing:
            continue
        if tag not in ALLOWED_TAGS:
            return None
        start_tags.append((tag, [(name, unescape(value)) for name, value in _PLAIN_ATTRIBUTE.findall(attributes)]))
    return start_tags


def unsafe_markup(html: str, *, fast: bool = True) -> list[tuple[str, str]]:
    """Every problem in ``html`` (the rendered text of one page), in document order, each with a
    piece of text to find it by in the page's source. ``fast=False`` always uses HTMLParser."""
    without_own = without_rule_markers(html)
    if "<!" in without_own:
        return [("teksta inneheld ein HTML-kommentar eller -deklarasjon (<!…); skriv vanleg tekst", "<!")]
    checker = _Checker()
    plain = plain_start_tags(without_own) if fast else None
    if plain is not None:
        for tag, attrs in plain:
            checker.handle_starttag(tag, attrs)
    else:
        checker.feed(html)
        checker.close()
    return list(dict.fromkeys(checker.problems))
