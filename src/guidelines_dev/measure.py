"""What the benchmarks measure with: one build in a fresh process, and compressed sizes."""

from __future__ import annotations

import gzip
import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


@dataclass
class Run:
    seconds: float
    max_rss_mb: float
    cpu_seconds: float  # user + system time of the build process: steadier than wall time on a shared machine


def build(project: Path, config: Path, site: Path) -> Run:
    """One build in a fresh process; wall time and the process's peak memory."""
    if site.exists():
        shutil.rmtree(site)
    start = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(site)],
        cwd=project, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"build of {config} failed: {process.stderr.read().decode()[-2000:]}")
    return Run(seconds, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime)


def gzip_size(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6))
