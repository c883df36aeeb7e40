"""Under ``mkdocs serve``: a failed build shows an error page instead of hanging every request
(used by ``hooks/serve.py``).

MkDocs 1.6's dev server holds each request until the build it is waiting for has finished
(``LiveReloadServer._serve_request`` waits for ``_visible_epoch == _wanted_epoch``), and
a build that raises never advances ``_visible_epoch`` (``_build_loop`` logs "The server will
appear stuck until build errors are resolved" and ``continue``s), so after one bad save
every request waits until the page is fixed. A failed first build stops ``serve`` instead.

This hook makes the serve builder never raise: a failed build empties the served directory
and writes one error page, ``404.html``, which MkDocs's own error handler answers for every
address. The page says in nynorsk and bokmål which file and line are wrong and what to fix
(the messages the build logged), and reloads itself once the site builds again. Nothing
changes for ``mkdocs build``: the wrapped functions only exist in a serve process.
"""

from __future__ import annotations

import functools
import html
import logging
import os
import re
import threading
import traceback
from collections.abc import Callable
from typing import Any

import mkdocs.utils
from mkdocs.exceptions import MkDocsException
from mkdocs.plugins import get_plugin_logger

log = get_plugin_logger("hooks.serve")

ERROR_PAGE = "404.html"  # MkDocs's serve answers every missing address with this file
MARKER = '<meta name="mkdocs-serve" content="build-error">'
WRAPPED = "_hooks_serve_guarded"
_PROBLEM_LINE = re.compile(r"^(?P<path>[^\s:]+\.[A-Za-z]+):(?P<line>\d+): (?P<message>.+)$")


class Problems(logging.Handler):
    """The warnings and errors the build logged (in the build's thread), for the error page."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.thread = threading.get_ident()
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.thread == self.thread:
            message = record.getMessage().strip()
            if message and message not in self.messages:
                self.messages.append(message)


def guard(run: Callable, site_dir_of: Callable[..., str]) -> Callable:
    @functools.wraps(run)
    def guarded(*args: Any, **kwargs: Any) -> None:
        site_dir = site_dir_of(*args, **kwargs)
        problems = Problems()
        mkdocs_log = logging.getLogger("mkdocs")
        mkdocs_log.addHandler(problems)
        # mkdocs-static-i18n swaps these out around its nested build and leaves them swapped
        # when that build fails (the site would never be cleaned again): put them back.
        clean_directory = mkdocs.utils.clean_directory
        build_log = logging.getLogger("mkdocs.commands.build")
        build_log_filters = list(build_log.filters)
        try:
            run(*args, **kwargs)
        except Exception as exc:  # noqa: BLE001 — every failure must end the build, not the server
            if not isinstance(exc, MkDocsException):
                traceback.print_exc()
            messages = problems.messages
            if not messages:  # e.g. a broken mkdocs.yml: raised, never logged
                messages = ["".join(traceback.format_exception_only(exc)).strip()]
                log.error(messages[0])
            clean_directory(site_dir)
            os.makedirs(site_dir, exist_ok=True)
            with open(os.path.join(site_dir, ERROR_PAGE), "w", encoding="utf-8") as page:
                page.write(error_page(messages))
            log.error(
                "The site could not be built (see above). Until the error is fixed, every page "
                "shows it; the site is rebuilt as soon as a watched file is saved."
            )
        finally:
            mkdocs_log.removeHandler(problems)
            mkdocs.utils.clean_directory = clean_directory
            build_log.filters[:] = build_log_filters

    setattr(guarded, WRAPPED, True)
    return guarded


def _problem_items(messages: list[str]) -> str:
    items = []
    for message in messages:
        for line in message.splitlines():
            line = line.strip()
            found = _PROBLEM_LINE.match(line)
            if found:
                where = f"<b>Fil:</b> <code>{html.escape(found['path'])}</code>"
                if found["line"] != "0":
                    where += f", <b>linje</b> {found['line']}"
                items.append(f"<li>{where}: {html.escape(found['message'])}</li>")
            elif line:
                items.append(f"<li>{html.escape(line)}</li>")
    return "\n".join(items)


def error_page(messages: list[str]) -> str:
    """A self-contained page (the site's CSS is gone with the failed build)."""
    return f"""<!doctype html>
<html lang="nn">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
{MARKER}
<title>Feil: nettstaden kan ikkje byggjast</title>
<style>
body {{ font: 1.05rem/1.5 system-ui, sans-serif; max-width: 48rem; margin: 2rem auto; padding: 0 1rem; color: #1a1a1a; }}
h1 {{ font-size: 1.6rem; color: #9b1c1c; }}
h2 {{ font-size: 1.25rem; margin-top: 2rem; }}
ul.problems {{ background: #fdf2f2; border-left: 4px solid #9b1c1c; padding: .75rem 1rem .75rem 2rem; }}
ul.problems li {{ margin: .4rem 0; overflow-wrap: anywhere; }}
code {{ font-size: .95em; }}
</style>
</head>
<body>
<main>
<h1>Nettstaden kan ikkje byggjast</h1>
<p>Ei fil har ein feil, så nettstaden kunne ikkje byggjast på nytt. Dette er feilen:</p>
<ul class="problems">
{_problem_items(messages)}
</ul>
<p>Rett feilen i fila og lagre ho. Nettstaden blir då bygd på nytt med ein gong, og denne sida
viser den retta nettstaden av seg sjølv. Feilmeldinga står òg i terminalen der
<code>mkdocs serve</code> køyrer.</p>
<section lang="nb">
<h2>Nettstedet kan ikke bygges</h2>
<p>En fil har en feil, så nettstedet kunne ikke bygges på nytt. Feilen står over. Rett feilen i
filen og lagre den. Nettstedet bygges da på nytt med en gang, og denne siden viser det rettede
nettstedet av seg selv. Feilmeldingen står også i terminalen der <code>mkdocs serve</code> kjører.</p>
</section>
</main>
<script>
(function () {{
  function poll() {{
    fetch(location.href, {{ cache: "no-store" }})
      .then(function (response) {{ return response.text(); }})
      .then(function (text) {{
        if (text.indexOf('content="build-error"') < 0) {{ location.reload(); }} else {{ setTimeout(poll, 1500); }}
      }}, function () {{ setTimeout(poll, 3000); }});
  }}
  setTimeout(poll, 1500);
}})();
</script>
</body>
</html>
"""
