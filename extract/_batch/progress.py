"""Batch progress on stderr: one rewritten line on a terminal, a line per ~5 % in logs.

The line shows the articles done, the counts so far and an ETA::

    [ 12/200] extracted 10 cached 1 failed 1  ETA 0:01:23

The ETA counts only the articles that still need the model (cached ones are
instant), at the rate extracted-or-failed articles have been going so far.
"""

from __future__ import annotations

import math
import sys
import time
from datetime import timedelta
from typing import Protocol, TextIO


class Counts(Protocol):
    """What progress needs from a batch summary."""

    articles: int
    extracted: int
    cached: int
    failed: int


class Progress:
    """Reports a batch's progress to ``stream`` (stderr by default).

    Args:
        stream: Where to write.
        tty: Rewrite one line (True) or print a line every ``every`` of the
            batch (False); default: whether ``stream`` is a terminal.
        every: Fraction of the batch between two log lines when not a terminal.

    """

    def __init__(self, stream: TextIO | None = None, *, tty: bool | None = None,
                 every: float = 0.05) -> None:  # fmt: skip
        self.stream = stream or sys.stderr
        self.tty = self.stream.isatty() if tty is None else tty
        self.every = every
        self._started = time.monotonic()
        self._to_extract = 0
        self._attempted = 0
        self._next_log = 0

    def start(self, counts: Counts, to_extract: int) -> None:
        """Begin timing the ``to_extract`` articles that need the model."""
        self._started = time.monotonic()
        self._to_extract = to_extract
        self._attempted = 0
        self._next_log = 0
        self.update(counts, attempted=False)

    def update(self, counts: Counts, *, attempted: bool = True) -> None:
        """Report the counts after one more article (``attempted``: it went to the model)."""
        self._attempted += int(attempted)
        done = counts.extracted + counts.cached + counts.failed
        if self.tty:
            self._write("\r" + self.line(counts) + "\x1b[K")
        elif done >= self._next_log or done == counts.articles:
            self._write(self.line(counts) + "\n")
            step = max(1, math.ceil(counts.articles * self.every))
            self._next_log = (done // step + 1) * step

    def finish(self, counts: Counts) -> None:
        """End the progress line."""
        if self.tty:
            self._write("\r" + self.line(counts) + "\x1b[K\n")

    def line(self, counts: Counts) -> str:
        """Format the progress line for ``counts``."""
        done = counts.extracted + counts.cached + counts.failed
        width = len(str(counts.articles))
        return (f"[{done:>{width}}/{counts.articles}] extracted {counts.extracted} "
                f"cached {counts.cached} failed {counts.failed}  ETA {self.eta()}")  # fmt: skip

    def eta(self) -> str:
        """Remaining time at the rate so far, as H:MM:SS ('-:--:--' before the first article)."""
        remaining = self._to_extract - self._attempted
        if remaining <= 0:
            return "0:00:00"
        if self._attempted == 0:
            return "-:--:--"
        rate = (time.monotonic() - self._started) / self._attempted
        return str(timedelta(seconds=round(rate * remaining)))

    def _write(self, text: str) -> None:
        self.stream.write(text)
        self.stream.flush()
