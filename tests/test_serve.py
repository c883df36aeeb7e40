"""``mkdocs serve`` with a broken guideline page: requests answer at once with an error page that
names the file and line (hooks/serve.py), and the fixed page is served again once it is saved.

Each test runs a real ``mkdocs serve`` (with live reload, as ``bash scripts/site.sh serve`` does)
on a free 127.0.0.1 port in a throwaway copy of the project, and always kills it afterwards.
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from conftest import run_build

PAGE = "docs/kommunar/loten.nb.md"
RULE = "loten-2"
MARKER = 'content="build-error"'  # only the error page has it
REQUEST_TIMEOUT = 5  # seconds one request may take: the bug was requests that never answered
STARTUP_TIMEOUT = 60
REBUILD_TIMEOUT = 30
_LIVERELOAD = re.compile(r"<script>\s*var livereload = function.*?</script>", re.S)
_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # never via a proxy


def break_annotation(text: str) -> tuple[str, int]:
    """Drop the topics from one rule's annotation; return the page and that annotation's line."""
    lines = text.split("\n")
    for number, line in enumerate(lines, start=1):
        if f"#{RULE} " in line and "data-topics=" in line:
            lines[number - 1] = re.sub(r'\s*data-topics="[^"]*"', "", line)
            return "\n".join(lines), number
    raise AssertionError(f"no annotation for {RULE} with data-topics in {PAGE}")


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    def __init__(self, project: Path, tmp_path: Path) -> None:
        self.port = free_port()
        self.log_path = tmp_path / "serve.log"
        temp = tmp_path / "tmp"  # mkdocs serve builds into a mkdtemp() folder: keep it in here
        temp.mkdir()
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "TMPDIR": str(temp)}
        with open(self.log_path, "wb") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{self.port}"],
                cwd=project,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # its own process group, killed as a whole
            )

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")[-4000:]

    def get(self, path: str) -> tuple[int, str]:
        """(status, body); fails the test if the server takes longer than REQUEST_TIMEOUT."""
        url = f"http://127.0.0.1:{self.port}{path}"
        start = time.monotonic()
        try:
            with _OPENER.open(url, timeout=REQUEST_TIMEOUT) as response:
                status, body = response.status, response.read()
        except urllib.error.HTTPError as error:
            status, body = error.code, error.read()
        except TimeoutError as error:
            raise AssertionError(f"GET {path} got no answer in {time.monotonic() - start:.1f} s\n{self.log()}") from error
        return status, body.decode("utf-8")

    def wait_for(self, what: str, check: Callable[[], bool], timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"mkdocs serve exited ({self.process.returncode}) waiting for {what}\n{self.log()}")
            try:
                if check():
                    return
            except (urllib.error.URLError, ConnectionError):
                pass  # not listening yet
            time.sleep(0.2)
        raise AssertionError(f"no {what} within {timeout} s\n{self.log()}")

    def stop(self) -> None:
        if self.process.poll() is None:
            try:
                os.killpg(self.process.pid, signal.SIGTERM)
                self.process.wait(timeout=5)
            except ProcessLookupError:
                pass
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=5)


@pytest.fixture()
def serve(project: Path, tmp_path: Path) -> Iterator[Callable[[], Server]]:
    servers: list[Server] = []

    def start() -> Server:
        server = Server(project, tmp_path)
        servers.append(server)
        server.wait_for("answer from mkdocs serve", lambda: server.get("/")[0] in (200, 404), STARTUP_TIMEOUT)
        return server

    try:
        yield start
    finally:
        for server in servers:
            server.stop()


def is_error_page(server: Server, path: str) -> bool:
    status, body = server.get(path)
    return status == 404 and MARKER in body


def is_real_page(server: Server, path: str) -> bool:
    status, body = server.get(path)
    return status == 200 and MARKER not in body and f'id="{RULE}"' in body


def assert_error_page(server: Server, path: str, line: int) -> None:
    start = time.monotonic()
    status, body = server.get(path)
    took = time.monotonic() - start
    assert took < 3, f"GET {path} took {took:.1f} s"
    assert status == 404 and MARKER in body, f"GET {path}: {status}, not the error page\n{body[:500]}"
    assert "Nettstaden kan ikkje byggjast" in body  # nynorsk
    assert "Nettstedet kan ikke bygges" in body  # bokmål
    assert "bygd på nytt med ein gong" in body and "bygges da på nytt med en gang" in body
    assert f"<code>{PAGE}</code>, <b>linje</b> {line}:" in body, f"file and line not named on the error page\n{body}"


def strip_livereload(body: str) -> str:
    return _LIVERELOAD.sub("", body)


def test_broken_page_under_serve_shows_error_then_fixed_page(project: Path, serve: Callable[[], Server]) -> None:
    page = project / PAGE
    good = page.read_text(encoding="utf-8")
    broken, line = break_annotation(good)

    server = serve()
    status, before = server.get("/kommunar/loten/")
    assert status == 200 and MARKER not in before

    page.write_text(broken, encoding="utf-8")
    server.wait_for("error page after the rebuild", lambda: is_error_page(server, "/kommunar/loten/"), REBUILD_TIMEOUT)
    for path in ("/", "/kommunar/loten/", "/nn/kommunar/loten/", "/finst/ikkje/"):
        assert_error_page(server, path, line)

    page.write_text(good, encoding="utf-8")
    server.wait_for("fixed page after the rebuild", lambda: is_real_page(server, "/kommunar/loten/"), REBUILD_TIMEOUT)
    status, after = server.get("/kommunar/loten/")
    assert status == 200 and strip_livereload(after) == strip_livereload(before)
    for path in ("/", "/nn/kommunar/loten/", "/assets/stylesheets/site.css"):
        status, body = server.get(path)
        assert status == 200 and MARKER not in body, f"GET {path}: {status}"


def test_serve_starts_with_broken_page_and_recovers(project: Path, serve: Callable[[], Server]) -> None:
    page = project / PAGE
    good = page.read_text(encoding="utf-8")
    broken, line = break_annotation(good)
    page.write_text(broken, encoding="utf-8")

    server = serve()
    assert_error_page(server, "/kommunar/loten/", line)

    page.write_text(good, encoding="utf-8")
    server.wait_for("fixed page after the rebuild", lambda: is_real_page(server, "/kommunar/loten/"), REBUILD_TIMEOUT)
    assert server.get("/nn/kommunar/loten/")[0] == 200


def test_build_still_fails_on_broken_page(project: Path, tmp_path: Path) -> None:
    """hooks/serve.py changes nothing for ``mkdocs build --strict``."""
    page = project / PAGE
    broken, line = break_annotation(page.read_text(encoding="utf-8"))
    page.write_text(broken, encoding="utf-8")
    result = run_build(project, tmp_path / "site")
    assert result.returncode != 0, "the build should have failed"
    assert f"{PAGE}:{line}:" in result.stdout + result.stderr
