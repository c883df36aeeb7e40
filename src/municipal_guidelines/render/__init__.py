"""Stage 3, render: what the MkDocs hooks put on pages. Pure functions on the model; the glue to
MkDocs objects is in ``municipal_guidelines.site``."""
