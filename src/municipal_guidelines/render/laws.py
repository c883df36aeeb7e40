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
from collections.abc import Collection, Mapping
from html import escape, unescape

from municipal_guidelines.model.laws import Law, citation_pattern, find_citations
from municipal_guidelines.render.insert import edit_rule_texts

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


def link_citations(
    html: str, rule_ids: Collection[str], laws: Mapping[str, Law], hint: str, pattern: re.Pattern[str] | None = None
) -> str:
    """The citations in the rules ``rule_ids`` linked (those whose text cites a law: ``model.laws.cites``).
    A rule's own text runs from its start tag to its marker (render/insert.py)."""
    if not laws or not rule_ids:
        return html
    pattern = pattern or citation_pattern(laws)
    return edit_rule_texts(html, rule_ids, lambda segment: link_rule_segment(segment, laws, pattern, hint))
