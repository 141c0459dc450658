"""A real served model for the Ray engine's fleet tests: llama-cpp-python's OpenAI server."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager

from extract._backends.local import default_model_path


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def llama_cpp_server(threads: int = 2, timeout: float = 180) -> Iterator[str]:
    """Serve the embedded model over an OpenAI-compatible API on 127.0.0.1; yield its /v1 URL.

    Args:
        threads: llama.cpp threads of the server (the model runs there, not in the actors).
        timeout: Seconds to wait for the server to answer.

    """
    port = _free_port()
    command = [sys.executable, "-m", "llama_cpp.server", "--model", str(default_model_path()),
               "--host", "127.0.0.1", "--port", str(port), "--n_ctx", "4096",
               "--n_threads", str(threads)]  # fmt: skip
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base_url = f"http://127.0.0.1:{port}/v1"
    try:
        _wait_until_up(base_url, process, timeout)
        yield base_url
    finally:
        process.terminate()
        process.wait(timeout=30)


def _wait_until_up(base_url: str, process: subprocess.Popen[bytes], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"llama_cpp.server exited early with code {process.returncode}")
        try:
            urllib.request.urlopen(f"{base_url}/models", timeout=2).read()
            return
        except OSError:
            time.sleep(0.5)
    raise TimeoutError(f"llama_cpp.server did not answer on {base_url} in {timeout:.0f} s")
