"""Citations of laws in the rules of a rendered guideline page, linked to Lovdata (no MkDocs needed).

Runs on the page's HTML after search has indexed it (``hooks/rules.py``, ``on_post_page``), so the
source text, the check that the page renders as written and the search index are untouched. Only
the text of rules is looked at (from a rule's start tag to its meta placeholder), only outside tags
and outside links the text already has. The text was escaped by Python-Markdown; what is wrapped is
that escaped text, and the address comes from ``data/laws.yml``, escaped again. A link's accessible
name adds "(Lovdata)" (``aria-label``, which holds the visible text): the text itself stays as written.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from html import escape, unescape

from municipal_guidelines.model.laws import Law, citation_pattern, find_citations

_RULE_START = re.compile(r'<(?:li|p) class="rule" id="([a-z0-9-]+)"[^>]*>')
_TAG = re.compile(r"(<[^>]*>)")


def link_text(text: str, laws: Mapping[str, Law], pattern: re.Pattern[str], hint: str) -> str:
    """Every citation in a piece of (escaped) text wrapped in a link to the act or section."""
    parts, position = [], 0
    for citation in find_citations(text, laws, pattern):
        law = laws[citation.law_id]
        cited = text[citation.start : citation.end]
        # The hint is in the link's name, not in the text: the rule reads as written.
        parts += [
            text[position : citation.start],
            f'<a class="law-ref" href="{escape(law.link(citation.section))}" rel="external" '
            f'aria-label="{escape(unescape(cited) + " " + hint)}">{cited}</a>',
        ]
        position = citation.end
    parts.append(text[position:])
    return "".join(parts)


def link_rule_segment(segment: str, laws: Mapping[str, Law], pattern: re.Pattern[str], hint: str) -> str:
    """Citations linked in the text of one rule's HTML, not inside tags or existing links."""
    out, in_link = [], 0
    for piece in _TAG.split(segment):
        if piece.startswith("<"):
            in_link += 1 if re.match(r"<a[\s>]", piece) else -1 if piece.startswith("</a") else 0
            out.append(piece)
        else:
            out.append(piece if in_link or not piece else link_text(piece, laws, pattern, hint))
    return "".join(out)


def link_citations(html: str, laws: Mapping[str, Law], hint: str, pattern: re.Pattern[str] | None = None) -> str:
    """Every rule's citations linked (a rule's own text runs from its start tag to its meta placeholder)."""
    if not laws:
        return html
    pattern = pattern or citation_pattern(laws)
    out, position = [], 0
    for start in _RULE_START.finditer(html):
        end = html.find(f"<!--rule-meta {start.group(1)}-->", start.end())
        if end == -1 or start.start() < position:
            continue
        out += [html[position : start.end()], link_rule_segment(html[start.end() : end], laws, pattern, hint)]
        position = end
    out.append(html[position:])
    return "".join(out)
