"""Benchmark the build at national scale: time, memory and page weight for N municipalities.

    guidelines bench [--sizes 5,50,357] [--runs 3] [--out benchmarks/results.md] [--serve-n 50] [--search-n 357]
                     [--import-n 5000]
    guidelines bench --import-only [--import-n 5000] [--runs 3] [--out benchmarks/import.md]

For each N a synthetic corpus (``guidelines corpus``) is built four ways, each run in a fresh
process, ``--runs`` times (median reported):

- **hooks**: the site as it is (hooks, county navigation pruned to the current county);
- **no profiles**: the same without the municipalities' profile pages (``exclude_docs``), to
  measure what the profiles cost;
- **no hooks**: the same pages and navigation with the hooks switched off (a static nav);
- **plain**: the same pages with Material's default navigation (every page listed in every page),
  no hooks and no overrides — what a straightforward MkDocs site would do.

It reports build time, the hooks' overhead, hooks/plain, peak memory (the build process's own, VmHWM), page
sizes, the search index per language form (Pagefind), and the bytes a browser transfers for the
first view of the matrix (Chromium, raw and gzip-compressed as a web server would send them).
``--serve-n`` measures an incremental edit under ``guidelines serve`` (``mkdocs serve --dirty``):
the time from saving a guideline to the change being served in the matrix. ``--search-n`` compares Pagefind with Material's search
on the same corpus (``guidelines_dev/search_bench.py``). ``--history-n`` builds a corpus in which
``--history-share`` of the municipalities have an earlier version against the same corpus without
them (the current pages are the same), to measure what versions cost. ``--import-n`` imports a
generated .docx of that many paragraphs into a copy of the project (issue 25: 5,000 in at most
5 s; ``guidelines_dev/import_bench.py``); ``--import-only`` measures only that, into
benchmarks/import.md. Prints a Markdown report and writes it to --out.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import yaml

from guidelines_dev.corpus import generate
from guidelines_dev.import_bench import import_benchmark, render_import
from guidelines_dev.measure import ENV, Run, build, gzip_size
from guidelines_dev.search_bench import render_search, search_benchmark
from municipal_guidelines.format.guideline import parse_guideline
from municipal_guidelines.layout import GUIDELINE_DIR, PROFILE_DIR, TOPIC_DIR, VERSION_DIR
from municipal_guidelines.model.matrix import sort_key
from municipal_guidelines.project import Project
from municipal_guidelines.site.search import BUNDLE_DIR


def guideline_nav(project: Path) -> list:
    """The navigation hooks/generated.py builds, written out statically (for the no-hooks build)."""
    counties: dict[str, list[tuple[str, str]]] = {}
    for path in sorted((project / "docs" / GUIDELINE_DIR).glob("*.nb.md")):
        if path.name.startswith("index."):
            continue
        meta = parse_guideline(path.read_text(encoding="utf-8"), path).meta
        counties.setdefault(meta.county, []).append((meta.municipality, f"{GUIDELINE_DIR}/{path.name.split('.')[0]}.md"))
    municipalities = [{county: [{name: uri} for name, uri in sorted(items, key=lambda i: sort_key(i[0]))]}
                      for county, items in sorted(counties.items(), key=lambda c: sort_key(c[0]))]
    topics = [f"{TOPIC_DIR}/{p.name.split('.')[0]}.md" for p in sorted((project / "docs" / TOPIC_DIR).glob("*.nb.md"))
              if not p.name.startswith("index.")]
    return [
        "index.md",
        {"Kommunene": ["kommunar/index.md", *municipalities]},
        {"Sammenligning": ["matrise.md", "dekning.md", {"Tema": ["tema/index.md", *topics]}]},
        {"Om nettstedet": ["om/index.md", "om/tilgjengelegheit.md"]},
    ]


def write_configs(project: Path) -> dict[str, Path]:
    base = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))
    base["strict"] = False  # the baselines have no hooks to resolve the pages' generated links
    # The profile pages are the hooks' own (empty stubs without them): the baselines leave them
    # out, and "no profiles" is the site without them, to measure what they cost.
    without_profiles = {"exclude_docs": f"{PROFILE_DIR}/\n"}
    no_hooks = {**base, "hooks": [], "nav": guideline_nav(project)} | without_profiles
    plain_theme = {k: v for k, v in base["theme"].items() if k != "custom_dir"}
    plain_theme["features"] = [f for f in base["theme"]["features"] if f != "navigation.prune"]
    plain = {k: v for k, v in base.items() if k not in ("nav", "hooks")} | {"theme": plain_theme} | without_profiles
    configs = {
        "hooks": project / "mkdocs.yml",
        "no profiles": project / "mkdocs-noprofiles.yml",
        "no hooks": project / "mkdocs-nohooks.yml",
        "plain": project / "mkdocs-plain.yml",
    }
    for name, config in (("no profiles", base | without_profiles), ("no hooks", no_hooks), ("plain", plain)):
        configs[name].write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return configs


def first_view_bytes(site: Path, path: str) -> tuple[int, int, int]:
    """(requests, raw bytes, gzip bytes) a browser fetches for the first view of ``path``."""
    from playwright.sync_api import sync_playwright

    from guidelines_dev.screenshot import CHROMIUM, CHROMIUM_ARGS, serve

    server = serve(site)
    base = f"http://127.0.0.1:{server.server_address[1]}"
    bodies: list[bytes] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.on("response", lambda r: bodies.append(r.body()) if r.ok else bodies.append(b""))
        page.goto(base + path, wait_until="networkidle")
        page.wait_for_timeout(500)
        browser.close()
    server.shutdown()
    return len(bodies), sum(map(len, bodies)), sum(gzip_size(b) for b in bodies if b)


def page_sizes(site: Path) -> dict[str, float]:
    html = {p: p.stat().st_size for p in site.rglob("*.html")}
    municipality = [size for p, size in html.items() if p.parent.parent.name == GUIDELINE_DIR]
    per_lang = {lang: search_index_bytes(site, lang) for lang in ("nb", "nn")}
    largest = max(html, key=html.get)
    return {
        "matrix_kb": max(html[site / "matrise" / "index.html"], html[site / "nn" / "matrise" / "index.html"]) / 1024,
        "largest_kb": html[largest] / 1024,
        "largest": largest.relative_to(site).as_posix(),
        "municipality_max_kb": max(municipality) / 1024,
        "municipality_median_kb": statistics.median(municipality) / 1024,
        "search_nb_kb": per_lang["nb"] / 1024,
        "search_nn_kb": per_lang["nn"] / 1024,
        "search_share": max(per_lang.values()) / sum(per_lang.values()),
    }


def search_index_bytes(site: Path, lang: str) -> int:
    """Pagefind's files for one language form: its metadata, index chunks, fragments and filters."""
    bundle = site / BUNDLE_DIR
    files = [*bundle.glob(f"pagefind.{lang}_*.pf_meta"), *bundle.glob(f"*/{lang}_*.pf_*")]
    return sum(f.stat().st_size for f in files)


def serve_edit_seconds(project: Path, timeout: float = 300) -> float:
    """Save an edit to one guideline under ``guidelines serve`` (``mkdocs serve --dirty``, an
    incremental rebuild: hooks/incremental.py); seconds until the matrix serves it."""
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    process = subprocess.Popen(
        [sys.executable, "-m", "municipal_guidelines", "serve", "-q", "-a", f"127.0.0.1:{port}"],
        cwd=project, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/matrise/"
    try:
        deadline = time.time() + timeout
        while True:  # wait for the first build to be served
            try:
                urllib.request.urlopen(url, timeout=5).read()
                break
            except OSError:
                if time.time() > deadline or process.poll() is not None:
                    raise RuntimeError("guidelines serve never served the first build") from None
                time.sleep(0.2)
        # the first column of the matrix is the alphabetically first municipality
        first = sorted(
            (p for p in (project / "docs" / GUIDELINE_DIR).glob("*.nb.md") if not p.name.startswith("index.")),
            key=lambda p: sort_key(parse_guideline(p.read_text(encoding="utf-8"), p).meta.municipality),
        )[0]
        marker = f"ENDRA{int(time.time())}"
        lines = first.read_text(encoding="utf-8").split("\n")
        rule_line = next(i for i, line in enumerate(lines) if line.startswith("- "))
        lines[rule_line] += f" {marker}"
        time.sleep(1.1)  # let the watcher settle after the initial build
        start = time.perf_counter()
        first.write_text("\n".join(lines), encoding="utf-8")
        while time.perf_counter() - start < timeout:
            try:
                if marker in urllib.request.urlopen(url, timeout=5).read().decode():
                    return time.perf_counter() - start
            except OSError:
                pass
            time.sleep(0.1)
        raise RuntimeError("the edit never showed up in the matrix")
    finally:
        process.terminate()
        process.wait(timeout=30)


def fmt_row(cells: list) -> str:
    return "| " + " | ".join(str(c) for c in cells) + " |"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="5,50,357")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--serve-n", type=int, default=50)
    parser.add_argument("--search-n", type=int, default=357, help="N of the search comparison (0: none)")
    parser.add_argument("--history-n", type=int, default=357, help="N of the comparison with and without earlier versions (0: none)")
    parser.add_argument("--history-share", type=float, default=0.3, help="share of municipalities with an earlier version (default: %(default)s)")
    parser.add_argument("--import-n", type=int, default=5000, help="paragraphs of the .docx the import is measured on (0: none)")
    parser.add_argument("--import-only", action="store_true", help="measure only the import (report: benchmarks/import.md)")
    parser.add_argument("--out", type=Path, help="where the report goes (default: benchmarks/results.md of the project)")
    args = parser.parse_args(argv)
    if args.import_only:
        return import_only(args)
    args.out = args.out or Project.find().root / "benchmarks" / "results.md"
    sizes = [int(n) for n in args.sizes.split(",") if n]
    results: dict[int, dict] = {}
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        for n in sizes:
            project = Path(tmp) / f"n{n}"
            generate(n, project)
            configs = write_configs(project)
            runs: dict[str, list[Run]] = {name: [] for name in configs}
            for _ in range(args.runs):
                for name, config in configs.items():  # interleaved, so drift hits all alike
                    runs[name].append(build(project, config, project / f"site-{name.replace(' ', '')}"))
                    print(f"N={n} {name}: {runs[name][-1].seconds:.1f} s", file=sys.stderr)
            site = project / "site-hooks"
            requests, raw, gz = first_view_bytes(site, "/matrise/")
            results[n] = {
                "time": {name: statistics.median(r.seconds for r in rs) for name, rs in runs.items()},
                "rss": {name: max(r.max_rss_mb for r in rs) for name, rs in runs.items()},
                "cpu": {name: statistics.median(r.cpu_seconds for r in rs) for name, rs in runs.items()},
                "sizes": page_sizes(site),
                "plain_municipality_kb": statistics.median(
                    p.stat().st_size for p in (project / "site-plain" / GUIDELINE_DIR).glob("*/index.html")
                ) / 1024,
                "first_view": (requests, raw / 1024, gz / 1024),
            }
        search = None
        if args.search_n:
            project = Path(tmp) / f"n{args.search_n}"
            if args.search_n not in results:
                generate(args.search_n, project)
                build_seconds = build(project, project / "mkdocs.yml", project / "site-hooks").seconds
            else:
                build_seconds = results[args.search_n]["time"]["hooks"]
            search = search_benchmark(project, project / "site-hooks", build_seconds, args.runs)
        history = None
        if args.history_n:
            history = history_benchmark(Path(tmp), args.history_n, args.history_share, args.runs)
        imported = import_benchmark(Path(tmp), args.import_n, args.runs) if args.import_n else None
        serve_seconds = None
        if args.serve_n:
            project = Path(tmp) / f"serve{args.serve_n}"
            generate(args.serve_n, project)
            serve_seconds = serve_edit_seconds(project)
    report = render_report(results, args.runs, args.serve_n, serve_seconds)
    if search is not None:
        report += "\n".join(render_search(args.search_n, search)) + "\n"
    if history is not None:
        report += "\n".join(render_history(args.history_n, args.history_share, args.runs, history)) + "\n"
    if imported is not None:
        report += "\n".join(render_import(imported, args.runs)) + "\n"
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(report, encoding="utf-8")
    print(report)
    return 0


def import_only(args: argparse.Namespace) -> int:
    """The import benchmark alone (``--import-only``), its report in benchmarks/import.md."""
    out = args.out or Project.find().root / "benchmarks" / "import.md"
    with tempfile.TemporaryDirectory(prefix="bench-import-") as tmp:
        result = import_benchmark(Path(tmp), args.import_n or 5000, args.runs)
    report = "\n".join(["# Benchmark: importing a long Word document", *render_import(result, args.runs)]) + "\n"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(report, encoding="utf-8")
    print(report)
    return 0


def history_benchmark(tmp: Path, n: int, share: float, runs: int) -> dict:
    """The build of N municipalities, ``share`` of them with an earlier version, against the same
    corpus without earlier versions; interleaved, each in a fresh process."""
    projects = {"with history": tmp / f"history{n}", "without": tmp / f"history{n}-none"}
    generate(n, projects["with history"], history=share)
    generate(n, projects["without"])
    measured: dict[str, list[Run]] = {name: [] for name in projects}
    for _ in range(runs):
        for name, project in projects.items():
            measured[name].append(build(project, project / "mkdocs.yml", project / "site"))
            print(f"N={n} {name}: {measured[name][-1].seconds:.1f} s", file=sys.stderr)
    earlier = len(list((projects["with history"] / "docs" / GUIDELINE_DIR).glob(f"*/{VERSION_DIR}/*.nb.md")))
    return {
        "earlier": earlier,
        "time": {name: statistics.median(r.seconds for r in rs) for name, rs in measured.items()},
        "cpu": {name: statistics.median(r.cpu_seconds for r in rs) for name, rs in measured.items()},
        "pages": {name: sum(1 for _ in (project / "site").rglob("index.html")) for name, project in projects.items()},
    }


def render_history(n: int, share: float, runs: int, result: dict) -> list[str]:
    t, cpu, pages = result["time"], result["cpu"], result["pages"]
    return [
        "",
        f"## Versions at N = {n}",
        "",
        f"{result['earlier']} of {n} municipalities (share {share:.0%} drawn) have an earlier version, with its own page in both "
        "language forms, the changes on the current page, on *Sist endra* and in the Atom feeds; the same corpus without them "
        f"has the same current pages. Median of {runs} builds each, interleaved, each a fresh process.",
        "",
        "| build | wall (s) | CPU (s) | HTML pages |",
        "|---|---|---|---|",
        fmt_row(["with history", f"{t['with history']:.1f}", f"{cpu['with history']:.1f}", pages["with history"]]),
        fmt_row(["without", f"{t['without']:.1f}", f"{cpu['without']:.1f}", pages["without"]]),
        fmt_row(["cost of the history", f"{(t['with history'] / t['without'] - 1) * 100:+.1f} %",
                 f"{(cpu['with history'] / cpu['without'] - 1) * 100:+.1f} %", f"+{pages['with history'] - pages['without']}"]),
    ]


def render_report(results: dict[int, dict], runs: int, serve_n: int, serve_seconds: float | None) -> str:
    lines = [
        "# Benchmark: building the site at national scale",
        "",
        f"Made by `guidelines bench` (median of {runs} runs per build, each a fresh process; "
        f"{os.cpu_count()} cores). Synthetic corpora from `guidelines corpus`: N municipalities x "
        "2 language forms, 30 real rules each.",
        "",
        "| N | build with hooks (s) | same, without the profile pages (s) | profiles' cost (wall / CPU) | same pages, hooks off (s) | hooks overhead | plain Material, flat nav (s) | hooks / plain | peak memory, hooks (MB) | peak memory, plain (MB) |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for n, r in results.items():
        t, cpu = r["time"], r["cpu"]
        lines.append(fmt_row([
            n, f"{t['hooks']:.1f}", f"{t['no profiles']:.1f}",
            f"{(t['hooks'] / t['no profiles'] - 1) * 100:+.1f} % / {(cpu['hooks'] / cpu['no profiles'] - 1) * 100:+.1f} %",
            f"{t['no hooks']:.1f}", f"{(t['no profiles'] / t['no hooks'] - 1) * 100:+.1f} %",
            f"{t['plain']:.1f}", f"{t['no profiles'] / t['plain']:.2f}", f"{r['rss']['hooks']:.0f}", f"{r['rss']['plain']:.0f}",
        ]))
    lines += [
        "",
        "| N | matrix page (KB) | largest HTML page (KB) | municipality page max / median (KB) | same, plain flat nav (median KB) | search index nb / nn (KB) | larger form's share | matrix first view: requests, raw KB, gzip KB |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for n, r in results.items():
        s = r["sizes"]
        req, raw, gz = r["first_view"]
        lines.append(fmt_row([
            n, f"{s['matrix_kb']:.0f}", f"{s['largest_kb']:.0f} (`{s['largest']}`)",
            f"{s['municipality_max_kb']:.1f} / {s['municipality_median_kb']:.1f}", f"{r['plain_municipality_kb']:.1f}",
            f"{s['search_nb_kb']:.0f} / {s['search_nn_kb']:.0f}",
            f"{s['search_share'] * 100:.0f} %", f"{req}, {raw:.0f}, {gz:.0f}",
        ]))
    if len(results) >= 2:
        ns = sorted(results)
        lo, hi = ns[-2], ns[-1]
        growth = results[hi]["time"]["hooks"] / results[lo]["time"]["hooks"]
        lines += ["", f"Growth of build time from N={lo} to N={hi}: {growth:.2f}x for {hi / lo:.2f}x the pages "
                      f"(ratio {growth / (hi / lo):.2f}; linear = 1.00)."]
    if serve_seconds is not None:
        lines += ["", f"Incremental edit under `guidelines serve` at N={serve_n}: a saved change to one guideline was "
                      f"served in the matrix after {serve_seconds:.1f} s (`guidelines serve`: an incremental rebuild)."]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.exit(main())
