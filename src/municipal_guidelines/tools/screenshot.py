"""Screenshot built pages with Debian's Chromium, to look at them as a user would.

    guidelines screenshot SITE_DIR OUT_DIR PATH [PATH ...]   e.g. / nn/matrise/

Serves SITE_DIR on a free local port and writes OUT_DIR/<path>.png (full page, 1280 px wide).
"""

from __future__ import annotations

import argparse
import functools
import http.server
import sys
import threading
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]


def serve(site: Path) -> http.server.ThreadingHTTPServer:
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("site", type=Path, help="a built site, e.g. site/")
    parser.add_argument("out", type=Path, help="folder for the PNG files")
    parser.add_argument("paths", nargs="+", help="addresses in the site, e.g. / nn/matrise/")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    server = serve(args.site)
    base = f"http://127.0.0.1:{server.server_address[1]}"
    from playwright.sync_api import sync_playwright  # a test dependency: only this command needs it

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        for path in args.paths:
            page.goto(base + "/" + path.lstrip("/"))
            name = path.strip("/").replace("/", "_").replace("?", "_") or "index"
            page.screenshot(path=str(args.out / f"{name}.png"), full_page=True)
            print(args.out / f"{name}.png")
        browser.close()
    server.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
