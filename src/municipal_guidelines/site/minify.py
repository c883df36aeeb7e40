"""Smaller pages: collapse the indentation Jinja leaves between tags.

Material's templates indent every nested tag; on a guideline page that whitespace was a third of
the bytes. A run of whitespace between two tags that contains a line break renders exactly like a
single line break, so it is replaced by one. ``<pre>``, ``<textarea>`` and ``<script>`` content is
left untouched.
"""

from __future__ import annotations

import re

_KEEP = re.compile(r"(<(pre|textarea|script)\b.*?</\2>)", re.DOTALL | re.IGNORECASE)
_BETWEEN_TAGS = re.compile(r">[ \t\r\f\v]*\n\s*<")


def collapse_whitespace(html: str) -> str:
    parts = _KEEP.split(html)
    # re.split with two groups yields: text, kept block, tag name, text, kept block, tag name, …
    out = []
    for index in range(0, len(parts), 3):
        out.append(_BETWEEN_TAGS.sub(">\n<", parts[index]))
        if index + 1 < len(parts):
            out.append(parts[index + 1])
    return "".join(out)

