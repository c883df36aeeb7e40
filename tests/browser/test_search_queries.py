"""The query table: what readers type, and the page or rule search must put first or among the
first three, in each language form. Typed into the real search dialog in Chromium on the language
form's home page (Pagefind picks that form's index by ``<html lang>``): inflected forms and compounds
(Snowball Norwegian stemming), synonyms from ``data/topics.yml`` (on the topic pages), municipality
and county names, whole questions (their question words left out, data/ui.yml), and rules as
sub-results with their permalinks."""

from __future__ import annotations

import pytest

from .helpers import SEARCH_FIELD, open_search, search_results

# (language form, query, expected page or rule permalink, rank of the page at most: 1 = first,
#  3 = among the first three; a rule must be a sub-result of one of those pages)
QUERIES = [
    ("nb", "taushetsplikten", "/tema/taushetsplikt/", 1),
    ("nb", "fortrolighet", "/tema/taushetsplikt/", 1),
    ("nb", "personopplysningene", "/tema/taushetsplikt/", 3),
    ("nb", "publisere personopplysninger", "/kommunar/meraker/#meraker-7", 3),
    ("nb", "venneforespørsel", "/tema/kontakt-brukarar/", 1),
    ("nb", "venneforespørsler", "/tema/kontakt-brukarar/", 1),
    ("nb", "kan jeg være venn med en elev", "/tema/kontakt-brukarar/", 3),
    ("nb", "kan jeg være venn med en elev", "/kommunar/loten/#loten-6", 3),
    ("nb", "krisestab", "/tema/krisekommunikasjon/", 1),
    ("nb", "kriseledelsen", "/tema/krisekommunikasjon/", 3),
    ("nb", "kriseledelse", "/kommunar/frogn/#frogn-15", 3),
    ("nb", "bilder av elever", "/tema/bilete/", 3),
    ("nb", "ytringsfriheten", "/tema/ytringsfridom/", 3),
    ("nb", "omdømmet", "/tema/omdome/", 3),
    ("nb", "Frogn", "/kommunar/frogn/", 1),
    ("nb", "Meråker", "/kommunar/meraker/", 1),
    ("nb", "Vestland", "/kommunar/bomlo/", 1),
    ("nn", "teieplikta", "/nn/tema/taushetsplikt/", 1),
    ("nn", "fortrulegheit", "/nn/tema/taushetsplikt/", 1),
    ("nn", "personopplysningane", "/nn/tema/taushetsplikt/", 3),
    ("nn", "venneførespurnad", "/nn/tema/kontakt-brukarar/", 1),
    ("nn", "kan eg vere ven med ein elev", "/nn/tema/kontakt-brukarar/", 3),
    ("nn", "kontakt med elevar", "/nn/kommunar/meraker/#meraker-2", 3),
    ("nn", "kriseleiinga", "/nn/tema/krisekommunikasjon/", 3),
    ("nn", "krisestab", "/nn/tema/krisekommunikasjon/", 1),
    ("nn", "bilete av elevar", "/nn/tema/bilete/", 3),
    ("nn", "ytringsfridomen", "/nn/tema/ytringsfridom/", 3),
    ("nn", "Bømlo", "/nn/kommunar/bomlo/", 1),
    ("nn", "Løten", "/nn/kommunar/loten/", 1),
    ("nn", "Alta", "/nn/kommunar/alta/", 1),
]


@pytest.mark.parametrize(("lang", "query", "expected", "rank"), QUERIES)
def test_query_finds_the_expected_page_or_rule(page, base_url: str, lang: str, query: str, expected: str, rank: int) -> None:
    open_search(page, base_url + ("nn/" if lang == "nn" else ""))
    page.locator(SEARCH_FIELD).fill(query)
    results = search_results(page)
    pages = [url for url, _ in results]
    other = [url for url in pages if url.startswith("/nn/") != (lang == "nn")]
    assert not other, f"{lang} search for {query!r} shows pages of the other language form: {other}"
    found = pages[:rank] if "#" not in expected else [rule for _, rules in results[:rank] for rule in rules]
    assert expected in found, f"{lang} {query!r}: expected {expected} in the first {rank}, got {results[:5]}"
