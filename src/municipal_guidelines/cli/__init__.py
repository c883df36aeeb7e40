"""The project's tools behind one command: ``guidelines <command> …`` (or ``python -m municipal_guidelines``).

Run it from the project folder (the one with mkdocs.yml) or any folder inside it.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Sequence

# command -> (module with main(argv), what it does: one line a policy writer can follow)
COMMANDS: dict[str, tuple[str, str]] = {
    "import": ("municipal_guidelines.cli.importer", "legg til ein kommune: gjer ei retningslinje i rein tekst om til ei side med merknader, og omset ho"),
    "translate": ("municipal_guidelines.cli.translate", "lag bokmåls- eller nynorskutgåva av sidene med Apertium (--check: sjekk at omsetjingane er oppdaterte)"),
    "check": ("municipal_guidelines.cli.check", "sjekk alle sidene utan å byggje nettstaden: format, tema, id-ar, omsetjingar og temasider"),
    "serve": ("municipal_guidelines.cli.serve", "vis nettstaden medan du skriv (mkdocs serve --dirty): ei lagra retningslinje byggjer berre sidene som kjem av ho på nytt"),
    "model": ("municipal_guidelines.cli.model", "lag samanlikninga (matrise) og eksportfilene (JSON, CSV) frå docs/ utan MkDocs"),
    "suggest": ("municipal_guidelines.cli.suggest", "føreslå tema for ein tekst, eller samanlikn merkte og føreslåtte tema (--compare)"),
    "evaluate": ("municipal_guidelines.cli.evaluate", "mål kor godt temaforslaga treffer på dei merkte sidene (presisjon og treffsikkerheit)"),
    "stub-pages": ("municipal_guidelines.cli.stub_pages", "lag eller fjern temasidene og profilsidene (etter data/topics.yml og kommunane)"),
    "shared-wording": ("municipal_guidelines.cli.shared_wording", "mål kor godt finnaren av lik ordlyd treffer på dei merkte para (skriv benchmarks/shared_wording.md)"),
    "corpus": ("guidelines_dev.corpus", "lag eit syntetisk prosjekt med N kommunar (for målingar og skaleringstestar)"),
    "bench": ("guidelines_dev.bench", "mål byggjetid, minne og sidestorleik ved N kommunar (skriv benchmarks/results.md)"),
    "screenshot": ("guidelines_dev.screenshot", "ta skjermbilete av bygde sider med Chromium"),
}


def usage() -> str:
    width = max(map(len, COMMANDS))
    lines = [
        "bruk: guidelines <kommando> [val …]      (hjelp til ein kommando: guidelines <kommando> --help)",
        "",
        "Verktøya for «Retningslinjer for sosiale medium — samanlikna». Køyr dei frå prosjektmappa.",
        "",
        "kommandoar:",
        *(f"  {name.ljust(width)}  {about}" for name, (_, about) in COMMANDS.items()),
    ]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] in ("-h", "--help", "help"):
        print(usage())
        return 0
    command, rest = args[0], args[1:]
    if command not in COMMANDS:
        print(f"guidelines: ukjend kommando {command!r}\n\n{usage()}", file=sys.stderr)
        return 2
    module = importlib.import_module(COMMANDS[command][0])
    sys.argv[0] = f"guidelines {command}"  # what argparse shows in usage lines
    return int(module.main(rest) or 0)
