"""The steps of a MkDocs build that render nothing themselves: the state of one build pass
(state.py), running Pagefind (search.py), writing into a staging folder and publishing it whole
(staging.py), the minifier (minify.py), and the only two modules that touch MkDocs' own objects
(mkdocs_env.py: navigation, URLs, templates; serve_errors.py: errors shown by ``mkdocs serve``)."""
