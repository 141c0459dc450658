"""The Ray cluster a batch runs on: joined when running or named, else started on the loopback.

:mod:`ray_engine` enters :func:`cluster` around the work it hands to Ray. This module
and :mod:`ray_engine` are the only modules that import ``ray`` (an import-linter
contract), and both import it inside functions, so the library loads without the
``ray`` extra.
"""

from __future__ import annotations

import logging
import os
import warnings
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from typing import Any

from extract._errors import BackendUnavailable

LOCAL_OBJECT_STORE = 1 << 30  # bytes of object store for a cluster this process starts
# Ray nices its workers (15) to keep its own daemons responsive; on a machine the actors
# share with other work that starves them. A cluster started here runs them at normal priority.
LOCAL_SYSTEM_CONFIG = {"worker_niceness": 0}


@contextmanager
def cluster(address: str | None = None) -> Iterator[None]:
    """Use the running Ray session, connect to ``address`` (or ``$RAY_ADDRESS``), or start one.

    A cluster this function starts listens on 127.0.0.1 only and is shut down on exit.
    """
    ray = _ray()
    if ray.is_initialized():
        with _data_context():
            yield
        return
    try:
        target = address or os.environ.get("RAY_ADDRESS")
        if target:
            # A cluster on the loopback: reach it there (Ray would swap in the machine's address).
            loopback = target.split("://")[-1].startswith(("127.", "localhost"))
            with loopback_only() if loopback else nullcontext():
                ray.init(address=address, logging_level=logging.WARNING, log_to_driver=False)
        else:
            with loopback_only():
                ray.init(address="local", include_dashboard=False, logging_level=logging.WARNING,
                         log_to_driver=False, object_store_memory=LOCAL_OBJECT_STORE,
                         _system_config=LOCAL_SYSTEM_CONFIG)  # fmt: skip
    except (ConnectionError, RuntimeError, ValueError) as exc:
        where = address or os.environ.get("RAY_ADDRESS") or "a local cluster"
        raise BackendUnavailable(
            f"cannot start or reach Ray at {where}: {first_line(exc)}"
        ) from exc
    try:
        with _data_context():
            yield
    finally:
        ray.shutdown()


def _ray() -> Any:
    try:
        import ray
        import ray.data
    except ImportError as exc:
        raise BackendUnavailable(
            f'--engine ray needs Ray: pip install "assay[ray]" ({exc})'
        ) from exc
    return ray


@contextmanager
def loopback_only() -> Iterator[None]:
    """Bind a cluster started inside the block to 127.0.0.1 only.

    On Linux Ray binds every interface and advertises the machine's address;
    with multi-node clusters off it uses the loopback. Ray reads that switch
    from the environment when imported (the processes it spawns read it again),
    so both the variable and the imported constant are set for the block.
    """
    from ray._private import ray_constants

    name = "RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER"
    previous, constant = os.environ.get(name), ray_constants.ENABLE_RAY_CLUSTER
    os.environ[name], ray_constants.ENABLE_RAY_CLUSTER = "0", False
    try:
        yield
    finally:
        ray_constants.ENABLE_RAY_CLUSTER = constant
        if previous is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = previous


@contextmanager
def _data_context() -> Iterator[None]:
    """Quiet, ordered Ray Data execution for the batch; the previous settings come back after."""
    import ray.data

    with warnings.catch_warnings():  # Ray's own settings emit DeprecationWarnings when created
        warnings.simplefilter("ignore", DeprecationWarning)
        context = ray.data.DataContext.get_current()
        saved = (context.enable_progress_bars, context.print_on_execution_start)
        context.enable_progress_bars = False
        context.print_on_execution_start = False
    logger = logging.getLogger("ray.data")
    level = logger.level
    logger.setLevel(logging.ERROR)  # not even "progress bars disabled"
    try:
        yield
    finally:
        logger.setLevel(level)
        context.enable_progress_bars, context.print_on_execution_start = saved


def first_line(exc: BaseException) -> str:
    """The first line of an exception's message (its type's name when it has none)."""
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
