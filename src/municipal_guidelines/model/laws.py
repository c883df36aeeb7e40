"""The law behind the rules (``data/laws.yml``): the acts with their Lovdata addresses, the laws each
topic names, and citations of them recognised in rule text ("forvaltningsloven § 13", "fvl. § 13",
"jf. åndsverkloven", "teieplikt etter forvaltningslova § 13", "§ 13 i forvaltningsloven")."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from municipal_guidelines.format.datafile import read_data_file, text_list
from municipal_guidelines.format.errors import GuidelineError
from municipal_guidelines.format.fields import check_text
from municipal_guidelines.layout import LANGS

_LAW_ID = re.compile(r"^[a-z0-9]+$")
_SECTION = re.compile(r"^[0-9]+[a-z]?$")
_LETTER = "a-zæøåéA-ZÆØÅÉ0-9"


@dataclass(frozen=True)
class Law:
    id: str
    url: str  # the act at Lovdata
    name: Mapping[str, str]  # lang -> short title
    short: str  # abbreviation (fvl.)
    section_url: str = ""  # pattern with {n}; "" = sections link to the act
    article: bool = False  # its parts are articles ("art. 6"), not sections ("§ 13")
    also: tuple[str, ...] = ()
    sections: Mapping[str, Mapping[str, str]] = field(default_factory=dict)  # n -> lang -> heading
    eli: str = ""

    def link(self, section: str | None = None) -> str:
        return self.section_url.format(n=section) if section and self.section_url else self.url

    def cited(self, lang: str, section: str | None = None) -> str:
        """How the site names the act or one of its sections: "forvaltningsloven § 13"."""
        if not section:
            return self.name[lang]
        return f"{self.name[lang]} {'art.' if self.article else '§'} {section}"

    def __hash__(self) -> int:  # mappings are not hashable; the id is unique
        return hash(self.id)


@dataclass(frozen=True)
class LawRef:
    """A law, or one of its sections, as a topic names it (``forvaltningsloven § 13``)."""

    law: Law
    section: str | None = None

    @property
    def url(self) -> str:
        return self.law.link(self.section)

    def label(self, lang: str) -> str:
        return self.law.cited(lang, self.section)

    def heading(self, lang: str) -> str:
        return self.law.sections.get(self.section or "", {}).get(lang, "")


@dataclass(frozen=True)
class Citation:
    start: int
    end: int
    law_id: str
    section: str | None


def load_laws(path: Path) -> dict[str, Law]:
    """Read and check ``data/laws.yml``: ids, Lovdata addresses, names in both language forms; a
    problem names the line of the act it is in."""
    file = read_data_file(path)
    laws: dict[str, Law] = {}
    for index, entry in enumerate(file.entries("laws", "lov")):
        def fail(message: str, index: int = index) -> GuidelineError:
            return file.fail("laws", index, message)

        law_id = entry.get("id")
        where = f"lov nr. {index + 1} ({law_id or 'utan id'})"
        if not isinstance(law_id, str) or not _LAW_ID.match(law_id) or law_id in laws:
            raise fail(f"{where}: id-en må vere små ASCII-bokstavar og tal, og berre brukt éin gong")
        name = entry.get("name")
        if not isinstance(name, dict) or set(name) != set(LANGS) or not all(isinstance(v, str) and len(v.strip()) >= 3 for v in name.values()):
            raise fail(f"{where}: name må ha nb og nn, kvar ein tekst på minst tre bokstavar")
        url, section_url = entry.get("url"), entry.get("section_url") or ""
        if not isinstance(url, str) or not re.fullmatch(r"https://lovdata\.no/[A-Za-z0-9/_.§-]+", url) or section_url not in ("", url + "/§{n}"):
            raise fail(f"{where}: url må vere ei adresse hos https://lovdata.no/, og section_url {url}/§{{n}} (eller ingen)")
        also = text_list(entry.get("also", []))
        short = entry.get("short", "")
        if also is None or any(len(a) < 3 for a in also) or not isinstance(short, str):
            raise fail(f"{where}: also må vere ei liste med namn på minst tre bokstavar, [a, b], og short ein tekst")
        sections = entry.get("sections") or {}
        if not isinstance(sections, dict) or not all(isinstance(v, dict) and set(v) <= set(LANGS) and all(isinstance(t, str) for t in v.values()) for v in sections.values()):
            raise fail(f"{where}: sections må vere ein tabell, paragraf: {{nb: …, nn: …}}")
        texts = [*name.values(), *also, short, *(t for v in sections.values() for t in v.values())]
        problem = next((p for p in map(check_text, texts) if p), None)
        if problem:
            raise fail(f"{where}: eit namn eller ein paragraftittel {problem}")
        laws[law_id] = Law(
            id=law_id,
            url=url,
            name=dict(name),
            short=short,
            section_url=section_url,
            article=bool(entry.get("article")),
            also=tuple(also),
            sections={str(n): dict(v) for n, v in sections.items()},
            eli=str(entry.get("eli") or ""),
        )
    return laws


def parse_ref(text: str, laws: Mapping[str, Law]) -> LawRef | None:
    """``forvaltningsloven`` or ``forvaltningsloven § 13`` (``gdpr art. 6``) → the reference; None if unknown."""
    match = re.fullmatch(r"\s*([a-z0-9]+)(?:\s*(?:§|art\.)\s*([0-9]+[a-z]?))?\s*", text)
    if match is None or match.group(1) not in laws:
        return None
    return LawRef(laws[match.group(1)], match.group(2))


# --- citations in rule text ------------------------------------------------------------------------

def _names(law: Law) -> list[str]:
    """The names recognised on their own: short titles (without a parenthesis) and other names."""
    return [n for n in (*law.name.values(), *law.also) if "(" not in n]


def citation_pattern(laws: Mapping[str, Law]) -> re.Pattern[str]:
    """One pattern for every law: "<name>[s] [§ n | art. n]", "<abbreviation> § n" and "§ n i|etter <name>"."""
    names: dict[str, str] = {}
    shorts: dict[str, str] = {}
    for law in laws.values():
        for name in _names(law):
            names[name.lower()] = law.id
        if law.short:
            shorts[law.short.lower()] = law.id
    alternatives = lambda words: "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))  # noqa: E731
    section = r"(?:§§?|art\.|artikkel)\s*(?P<{}>[0-9]+[a-z]?)\b"
    before = rf"(?<![{_LETTER}.])"
    after = rf"(?![{_LETTER}])"
    return re.compile(
        rf"{before}(?:"
        rf"(?P<name>{alternatives(names)})s?{after}(?:\s+{section.format('sec1')})?"
        rf"|(?P<short>{alternatives(shorts)})\s*{section.format('sec2')}"
        rf"|{section.format('sec3')}\s+(?:i|etter|jf\.)\s+(?P<name3>{alternatives(names)})s?{after}"
        r")",
        re.IGNORECASE,
    )


# Every citation holds one of these (names end in -loven/-lova, the GDPR's are "forordning" and
# "GDPR", abbreviations count only before "§" or "art."): a quick test before the full pattern.
_MAYBE = re.compile(r"lov|§|art|gdpr|forordning", re.IGNORECASE)


def cites(text: str, pattern: re.Pattern[str]) -> bool:
    """Whether ``text`` cites a law at all."""
    return _MAYBE.search(text) is not None and pattern.search(text) is not None


def find_citations(text: str, laws: Mapping[str, Law], pattern: re.Pattern[str] | None = None) -> list[Citation]:
    """Every citation of a law in ``text``, in order, with its section if one is given."""
    pattern = pattern or citation_pattern(laws)
    by_name = {name.lower(): law.id for law in laws.values() for name in _names(law)}
    by_short = {law.short.lower(): law.id for law in laws.values() if law.short}
    found = []
    for match in pattern.finditer(text):
        if match.group("name"):
            law_id, section = by_name[match.group("name").lower()], match.group("sec1")
        elif match.group("short"):
            law_id, section = by_short[match.group("short").lower()], match.group("sec2")
        else:
            law_id, section = by_name[match.group("name3").lower()], match.group("sec3")
        found.append(Citation(match.start(), match.end(), law_id, section))
    return found


def topic_laws(entries: Sequence[object], laws: Mapping[str, Law], topic_id: str, shown: str) -> tuple[LawRef, ...]:
    """A topic's ``laws:`` list from data/topics.yml, each checked against data/laws.yml."""
    refs = []
    for entry in entries:
        ref = parse_ref(str(entry), laws)
        if ref is None:
            raise GuidelineError(
                shown, 0, f"temaet {topic_id!r}: lova {entry!r} finst ikkje i data/laws.yml (skriv id-en, ev. med § og nummer)"
            )
        refs.append(ref)
    return tuple(refs)
