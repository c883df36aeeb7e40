"""Add a municipality: turn a plain-text guideline into an annotated page and its translation.

Usage::

    guidelines import FILE.txt --name "Bømlo" --number 4613 --county Vestland \
        --lang nn [--slug bomlo] [--title "..."] [--adoption "..."] [--how "..."] [--force]
        [--docs DIR] [--sources DIR] [--max-bytes N] [--no-translate]

What it does (see FORMAT.md for the page format):

0. Checks the options (names and free text with ``guidelines.fields``, the same rules the build
   applies to the front matter), that no page of another slug already has this kommunenummer or
   name, and the input: at most ``--max-bytes`` (200 000) bytes, UTF-8 plain text, not a web page
   (HTML), PDF or Word file, no control characters (tab, line ends and no-break spaces are fine).
1. Reads the text (copied from a PDF or web page) and recognises its structure: the title
   (``--title`` if it is a line of the text, else a ``#`` line, else the first block) becomes the
   ``#`` heading; short lines without final punctuation standing alone, lines like ``A) …``, lone
   ``•`` lines (Frogn style) and Markdown ``#`` lines become ``##`` headings; ``1.``/``1)``,
   ``-``, ``•``, ``✓``, ``- ✓`` lines become list items (indented ones nest under the item
   above), ``---`` a rule; everything else paragraphs. Lists are tight.
2. Suggests topics (``guidelines.suggest``) for every paragraph and list item. A block with a
   topic becomes a rule ``{ #<slug>-<n> data-topics="…" }`` (n = 1, 2, … in document order); a
   block without one is marked ``{ .prosa }`` and listed under "could not place" for a person to
   decide. The page gets ``review: true`` in its front matter.
3. Checks before writing anything: the page parses with ``parse_guideline``; every sentence of
   the input (split at line ends and sentence ends, list markers and whitespace normalised) is
   in the text of the page rendered with Python-Markdown + attr_list, and every annotation
   landed on its paragraph or list item; the translation (``guidelines translate``, Apertium)
   parses and carries the same rules.
4. Writes ``<docs>/kommunar/<slug>.<lang>.md`` (front matter ``source: <slug>.txt``), the
   translation into the other language form, and keeps the input in the repository:
   ``<sources>/<slug>.txt`` (the bytes exactly as received) and ``<sources>/<slug>.yml`` (its
   provenance: municipality, municipality_number, file, sha256, received, received_as, how).
   ``<sources>`` is ``<docs>/../sources`` unless ``--sources`` says otherwise.

Exit codes: 0 written; 2 bad input (one line on stderr, in nynorsk, naming the file and line: empty
or too big a file, not plain text, a control character, a bad option, a page or kept source that
exists without ``--force``, the municipality already under another slug, …) or no translation
possible, nothing written; 1 the generated page failed its own checks (a bug: please report with
the input), nothing written."""
