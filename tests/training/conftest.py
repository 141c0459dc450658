from pathlib import Path

import pytest
from training_helpers import fake_checker

import training  # noqa: F401  (sets OMP_WAIT_POLICY before torch is imported)


@pytest.fixture
def ok_checker(tmp_path: Path) -> Path:
    return fake_checker(tmp_path, "ok")
