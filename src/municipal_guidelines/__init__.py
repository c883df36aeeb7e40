"""Norwegian municipalities' social media guidelines, in bokmål and nynorsk, compared by topic.

The pipeline, one subpackage per stage (see ARCHITECTURE.md):

1. ``format`` — **read**: the page format of FORMAT.md (``grammar`` reads and writes pages,
   ``guideline`` turns one into a checked ``Guideline``, ``fields`` and ``safety`` say what text may hold);
2. ``model`` — **validate and model**: the taxonomy, the checks across pages (ids, pairs of
   language forms), the whole site and the topic × municipality matrix per language form;
3. ``render`` — **render**: what the MkDocs hooks put on pages (rule marks and links, generated
   pages, one search index per language form); ``render.mkdocs_env`` is the glue to MkDocs;
4. ``export`` — **export**: JSON and CSV.

``tools`` holds the command line (``guidelines``): import, translate, check, model, suggest,
evaluate, topic pages, synthetic corpus, benchmark. Only ``render.mkdocs_env`` and
``render.serve_errors`` import MkDocs; everything else runs without it.
"""
