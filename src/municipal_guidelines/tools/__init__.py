"""The command-line tools behind ``guidelines`` (see ``municipal_guidelines.cli``)."""
