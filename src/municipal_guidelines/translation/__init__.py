"""Bokmål <-> nynorsk: Apertium with protected tokens and a glossary (``engine``), and what the
build and ``guidelines check`` say about a translation's quality (``quality``)."""
