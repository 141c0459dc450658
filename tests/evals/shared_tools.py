"""The shared tools (``../shared/tools``) as corpus tests find them (imported, not collected)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

CHECK_RESERVED = Path(__file__).resolve().parents[3] / "shared" / "tools" / "check-reserved"


def require_check_reserved(what: str) -> Path:
    """The check-reserved tool; skip the test without it, but fail in CI, which has it.

    Args:
        what: What cannot run without the tool, for the skip or failure message.

    """
    if not CHECK_RESERVED.is_file():
        reason = f"{CHECK_RESERVED} is absent: {what} cannot run here"
        if os.environ.get("CI") == "true":
            pytest.fail(reason)  # CI has the shared tools: a missing one is a broken set-up
        pytest.skip(reason)
    return CHECK_RESERVED
