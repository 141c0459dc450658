"""The machine and checkout a benchmark ran on."""

from __future__ import annotations

import os
import platform
import subprocess
import time
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def cpu_model() -> str:
    """The CPU's model name from /proc/cpuinfo (the platform's name elsewhere)."""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def ram_gb() -> float | None:
    """Total RAM in GiB from /proc/meminfo."""
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return round(int(line.split()[1]) / 1024**2, 1)
    except OSError:
        pass
    return None


def version(package: str) -> str | None:
    """Installed version of ``package``, or None."""
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return None


def git_revision() -> str | None:
    """HEAD of the checkout, with ``+dirty`` when tracked files are modified."""

    def git(*args: str) -> str:
        return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True,
                              timeout=10, check=False).stdout.strip()  # fmt: skip

    try:
        head = git("rev-parse", "--short=12", "HEAD")
        dirty = git("status", "--porcelain", "--untracked-files=no")
    except (OSError, subprocess.SubprocessError):
        return None
    return f"{head}+dirty" if head and dirty else head or None


def load_average() -> float | None:
    """One-minute load average: above the core count, other work competed for the CPU."""
    try:
        return round(os.getloadavg()[0], 2)
    except OSError:
        return None


class CpuShare:
    """Share of the machine's CPU that other processes used between start and :meth:`share`.

    Busy time of all CPUs (/proc/stat) minus this process's and its waited-for
    children's own CPU time, over wall time times cores: 0 on a quiet machine.
    """

    def __init__(self) -> None:
        self._start = self._sample()

    @staticmethod
    def _sample() -> tuple[float, float, float] | None:
        try:
            fields = [int(v) for v in Path("/proc/stat").read_text().split("\n")[0].split()[1:]]
        except (OSError, ValueError):
            return None
        busy = (sum(fields[:8]) - fields[3] - fields[4]) / os.sysconf("SC_CLK_TCK")  # minus idle
        own = sum(os.times()[:4])  # user and system, of this process and of waited children
        return time.monotonic(), busy, own

    def share(self) -> float | None:
        """Others' share of the CPU since construction, from 0 to 1."""
        end = self._sample()
        if self._start is None or end is None or end[0] <= self._start[0]:
            return None
        wall, busy, own = (e - s for e, s in zip(end, self._start, strict=True))
        return round(min(1.0, max(0.0, (busy - own) / (wall * (os.cpu_count() or 1)))), 3)


def machine() -> dict[str, Any]:
    """Everything that explains the numbers: hardware, versions, date, revision."""
    return {"cpu": cpu_model(), "cores": os.cpu_count(), "ram_gb": ram_gb(),
            "python": platform.python_version(), "llama_cpp_python": version("llama-cpp-python"),
            "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
            "git_revision": git_revision(), "load_average_start": load_average()}  # fmt: skip
