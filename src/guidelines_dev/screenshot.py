"""Screenshot built pages with Debian's Chromium, to look at them as a user would.

    guidelines screenshot SITE_DIR OUT_DIR PATH [PATH ...]   e.g. / nn/matrise/
    guidelines screenshot --width 390 --scroll 1500 SITE_DIR OUT_DIR matrise/

Serves SITE_DIR on a free local port and writes OUT_DIR/<path>.png (full page, 1280 px wide;
with --scroll, the viewport after scrolling that many pixels down, as a reader sees it).
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
    parser.add_argument("--width", type=int, default=1280, help="viewport width in CSS pixels (default 1280)")
    parser.add_argument("--scroll", type=int, default=None, help="scroll down this many pixels and shoot the viewport only")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    server = serve(args.site)
    base = f"http://127.0.0.1:{server.server_address[1]}"
    from playwright.sync_api import sync_playwright  # a test dependency: only this command needs it

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": args.width, "height": 900 if args.width > 600 else 844})
        for path in args.paths:
            page.goto(base + "/" + path.lstrip("/"))
            name = path.strip("/").replace("/", "_").replace("?", "_") or "index"
            name += f"-{args.width}" + (f"-s{args.scroll}" if args.scroll is not None else "")
            if args.scroll is not None:
                page.evaluate("y => window.scrollTo(0, y)", args.scroll)
            page.screenshot(path=str(args.out / f"{name}.png"), full_page=args.scroll is None)
            print(args.out / f"{name}.png")
        browser.close()
    server.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
