"""The fake OpenAI server in its own process: ``python -m bench._fake_server LATENCY``.

A real endpoint runs elsewhere; serving from the benchmark's own process would
charge the server's request handling to the client's interpreter lock. Prints
the base URL on one line, then serves until its stdin closes.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager

from extract._testing.fake_openai import FakeOpenAIServer


@contextmanager
def fake_server(latency: float) -> Iterator[str]:
    """Start the server in a child process; yield its base URL; stop it on exit."""
    child = subprocess.Popen([sys.executable, "-m", "bench._fake_server", str(latency)],
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)  # fmt: skip
    try:
        assert child.stdout is not None
        yield child.stdout.readline().strip()
    finally:
        assert child.stdin is not None
        child.stdin.close()
        child.wait(timeout=10)


def main() -> None:
    """Serve with the latency given on the command line until stdin closes."""
    with FakeOpenAIServer(latency=float(sys.argv[1])) as server:
        print(server.base_url, flush=True)
        sys.stdin.read()


if __name__ == "__main__":
    main()
