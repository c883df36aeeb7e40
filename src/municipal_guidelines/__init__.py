"""Norwegian municipalities' social media guidelines, in bokmål and nynorsk, compared by topic.

One subpackage per job (see ARCHITECTURE.md):

- ``format`` — **read**: the page format of FORMAT.md (``grammar`` reads and writes pages,
  ``guideline`` turns one into a checked ``Guideline``, ``fields`` and ``safety`` say what text may
  hold, ``datafile`` reads the data files, ``stubs`` the stub pages the hooks fill);
- ``model`` — **validate and model**: the taxonomy, the checklist, the laws, the checks across pages,
  the whole site, the topic × municipality matrix, profiles and shared wording;
- ``render`` — **render**: what the MkDocs hooks put on pages (pure functions on the model);
- ``export`` — **export**: JSON and CSV;
- ``suggest`` — topic suggestions (keywords, learned model) and their evaluation;
- ``translation`` — bokmål <-> nynorsk with Apertium, and its quality report;
- ``importing`` — a municipality's document → an annotated page;
- ``site`` — the MkDocs build: its state, the glue to MkDocs objects, staging, Pagefind;
- ``cli`` — the command line ``guidelines``: argument parsing and reports only.

Only ``site.mkdocs_env`` and ``site.serve_errors`` import MkDocs. Developer tooling (corpus,
benchmark, screenshots) is the separate package ``guidelines_dev``.
"""
