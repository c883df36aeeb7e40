"""Stage 3, render: what the MkDocs hooks put on pages. Pure functions except ``mkdocs_env``
and ``serve_errors``, the glue to MkDocs objects."""
