"""Under ``mkdocs serve``: a failed build shows an error page (which file, which line, what to
fix) instead of hanging every request; see ``municipal_guidelines.site.serve_errors``. Under
``mkdocs serve --dirty`` (what ``guidelines serve`` runs) every rebuild is incremental
(hooks/incremental.py)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

from municipal_guidelines.site import incremental
from municipal_guidelines.site.serve_errors import WRAPPED, guard


def on_startup(*, command: str, dirty: bool) -> None:
    """Guard the first build too, so ``serve`` starts (and shows the error) with a broken page.

    ``mkdocs.commands.serve`` is only imported by the ``serve`` command (its ``builder`` calls
    the module's ``build``); under ``mkdocs build`` this does nothing. ``--no-livereload``
    never rebuilds, so there a broken first build still stops ``serve`` with the message.
    """
    serve = sys.modules.get("mkdocs.commands.serve")
    if command == "serve" and dirty and serve is not None:
        incremental.enable()  # guidelines serve: each rebuild renders what changed (hooks/incremental.py)
    if serve is None or "--no-livereload" in sys.argv or getattr(serve.build, WRAPPED, False):
        return
    serve.build = guard(serve.build, lambda config, **_: config.site_dir)


def on_serve(server: Any, *, config: Any, builder: Callable) -> Any:
    """Guard every rebuild, including reading a broken mkdocs.yml again."""
    if not getattr(server.builder, WRAPPED, False):
        server.builder = guard(server.builder, lambda *args, **kwargs: server.root)
    return server
