"""Fixtures of the reliability suite."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest


@pytest.fixture(autouse=True)
def _collect_garbage() -> Iterator[None]:
    """Collect each test's reference cycles in its own teardown.

    An unclosed socket left in a cycle (an HTTP client held by a traceback) warns when the
    collector happens to run, which could be during any later test; collecting here makes
    such a leak fail the test that caused it, every time.
    """
    yield
    gc.collect()
