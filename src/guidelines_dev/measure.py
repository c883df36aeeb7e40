"""What the benchmarks measure with: one build in a fresh process, and compressed sizes."""

from __future__ import annotations

import gzip
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


@dataclass
class Run:
    seconds: float
    max_rss_mb: float
    cpu_seconds: float  # user + system time of the build process: steadier than wall time on a shared machine


# Runs a module as ``python -m`` does and writes the process's own peak memory (VmHWM, in kB) to
# the file named first: ``ru_maxrss`` from wait4 is at least the parent's size when it started the
# child (Linux carries it across exec), so a big benchmark process would inflate every figure.
_PEAK_PROBE = (
    "import atexit, runpy, sys\n"
    "out = sys.argv.pop(1)\n"
    "def peak():\n"
    "    with open('/proc/self/status') as status, open(out, 'w') as sink:\n"
    "        sink.write(next(line.split()[1] for line in status if line.startswith('VmHWM:')))\n"
    "atexit.register(peak)\n"
    "module = sys.argv.pop(1)\n"
    "sys.argv[0] = module\n"
    "runpy.run_module(module, run_name='__main__', alter_sys=True)\n"
)


@dataclass
class Process:
    seconds: float
    cpu_seconds: float
    max_rss_mb: float  # the process's own peak (VmHWM)
    returncode: int
    stderr: str  # its last 2,000 characters


def run_module(module: str, args: list[str], cwd: Path) -> Process:
    """``python -m module args`` in a fresh process, measured."""
    with tempfile.TemporaryDirectory(prefix="measure-") as scratch:
        peak_file, err_file = Path(scratch) / "peak", Path(scratch) / "stderr"
        with err_file.open("wb") as err:
            start = time.perf_counter()
            process = subprocess.Popen([sys.executable, "-c", _PEAK_PROBE, str(peak_file), module, *args],
                                       cwd=cwd, env=ENV, stdout=subprocess.DEVNULL, stderr=err)
            _, status, usage = os.wait4(process.pid, 0)
            seconds = time.perf_counter() - start
        peak = peak_file.read_text().strip() if peak_file.exists() else ""
        return Process(seconds, usage.ru_utime + usage.ru_stime, int(peak) / 1024 if peak else float("nan"),
                       os.waitstatus_to_exitcode(status), err_file.read_text(errors="replace")[-2000:])


def build(project: Path, config: Path, site: Path) -> Run:
    """One build in a fresh process; wall time and the process's peak memory."""
    if site.exists():
        shutil.rmtree(site)
    run = run_module("mkdocs", ["build", "-q", "-f", str(config), "-d", str(site)], project)
    if run.returncode != 0:
        raise RuntimeError(f"build of {config} failed: {run.stderr}")
    return Run(run.seconds, run.max_rss_mb, run.cpu_seconds)


def gzip_size(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6))
