"""Smaller pages: collapse the indentation Jinja leaves between tags and around text.

Material's templates indent every nested tag; on a guideline page that whitespace was a third of
the bytes. A run of whitespace that contains a line break renders exactly like a single line break
(the site sets no ``white-space: pre`` outside ``<pre>``), so in the text between tags every such
run is replaced by one: ``<span>\n      Løten\n    </span>`` becomes ``<span>\nLøten\n</span>``.
``<pre>``, ``<textarea>`` and ``<script>`` content and the attributes inside tags are left untouched.
"""

from __future__ import annotations

import re

_KEEP = re.compile(r"(<(pre|textarea|script)\b.*?</\2>)", re.DOTALL | re.IGNORECASE)
# From a tag's end (or a kept block's) to the next tag (or kept block): text, never an attribute.
_TEXT = re.compile(r"(?:^|>)[^<]*(?:<|$)")
_INDENT = re.compile(r"[ \t\r\f\v]*\n\s*")


def _collapse(match: re.Match[str]) -> str:
    return _INDENT.sub("\n", match.group())


def collapse_whitespace(html: str) -> str:
    parts = _KEEP.split(html)
    # re.split with two groups yields: text, kept block, tag name, text, kept block, tag name, …
    out = []
    for index in range(0, len(parts), 3):
        out.append(_TEXT.sub(_collapse, parts[index]))
        if index + 1 < len(parts):
            out.append(parts[index + 1])
    return "".join(out)

