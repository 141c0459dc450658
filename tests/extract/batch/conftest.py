"""Fixtures of the batch tests: one local Ray cluster for every Ray test of the session."""

from __future__ import annotations

from collections.abc import Iterator

import pytest


@pytest.fixture(scope="session")
def ray_cluster() -> Iterator[str]:
    """A 2-CPU Ray cluster on 127.0.0.1 for the session (a start costs seconds); its address."""
    ray = pytest.importorskip("ray")
    from ray_helpers import start_local_cluster

    address = start_local_cluster()
    yield address
    ray.shutdown()
