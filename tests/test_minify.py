"""The minifier (site/minify.py) removes only whitespace a browser shows as one line break."""

from __future__ import annotations

from bs4 import BeautifulSoup

from municipal_guidelines.site.minify import collapse_whitespace

PAGE = (
    '<div>\n    <span class="md-ellipsis">\n            Løten\n          </span>\n'
    '  <p>To  ord og\n      ei linje</p>\n'
    '  <pre><code>a\n    b</code></pre>\n'
    '  <textarea>x\n    y</textarea>\n'
    '  <script type="application/json">{"a":\n    1}</script>\n'
    '  <a title="line\n    two" href="#x">lenke</a>\n</div>'
)


def test_indentation_around_text_becomes_one_line_break() -> None:
    out = collapse_whitespace(PAGE)
    assert '<span class="md-ellipsis">\nLøten\n</span>' in out
    assert "<p>To  ord og\nei linje</p>" in out  # spaces without a line break are left
    assert "</p>\n<pre>" in out and "</a>\n</div>" in out  # between tags as before


def test_preformatted_text_scripts_and_attributes_are_left_as_written() -> None:
    out = collapse_whitespace(PAGE)
    assert "<pre><code>a\n    b</code></pre>" in out and "<textarea>x\n    y</textarea>" in out
    assert '{"a":\n    1}' in out and 'title="line\n    two"' in out


def test_the_text_a_reader_sees_does_not_change() -> None:
    def seen(html: str) -> list[str]:
        return [" ".join(s.split()) for s in BeautifulSoup(html, "html.parser").stripped_strings]

    assert seen(collapse_whitespace(PAGE)) == seen(PAGE)
