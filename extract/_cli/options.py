"""What commands share: the model options (extract, explain, batch), ``--store`` and exit 2."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from extract._backends.base import BackendSettings, api_key_from_env
from extract._batch.store import DEFAULT_STORE
from extract._errors import AssayError
from extract._pipeline.pipeline import ExtractionConfig
from extract._strategies.guided.strategy import GuidedOptions

F = TypeVar("F", bound=Callable[..., Any])

_OPTIONS = [
    click.option("--backend", type=click.Choice(["local", "openai"]), default="local",
                 envvar="ASSAY_BACKEND", show_default=True, show_envvar=True,
                 help="local: the embedded Gemma 3 270M, no server or key. "
                      "openai: any OpenAI-compatible endpoint."),
    click.option("--model", envvar=["ASSAY_MODEL", "OPENAI_MODEL"], show_envvar=True,
                 help="Model name for --backend openai, or a GGUF file for local."),
    click.option("--base-url", envvar=["ASSAY_BASE_URL", "OPENAI_BASE_URL"], show_envvar=True,
                 help="Endpoint of an OpenAI-compatible server, e.g. http://127.0.0.1:8000/v1."),
    click.option("--strategy", type=click.Choice(["direct", "guided", "records"]),
                 envvar="ASSAY_STRATEGY", show_envvar=True,
                 help="guided: small questions per figure (default for local). "
                      "direct: whole article in one call (default for openai). "
                      "records: the local model writes whole records under a grammar from "
                      "the schema (with --adapter adapters/gemma3-270m-records)."),
    click.option("--adapter", envvar="ASSAY_ADAPTER", show_envvar=True,
                 help="A LoRA adapter for the local model, applied in process: a GGUF file "
                      "or its directory. Default: the bundled gemma3-270m-decisions-v4 adapter "
                      "(guided strategy, bundled model); 'none' for the base model."),
    click.option("--timeout", type=float, default=120.0, envvar="ASSAY_TIMEOUT", show_default=True,
                 show_envvar=True, help="Seconds before a request to the endpoint times out."),
    click.option("--max-retries", type=int, default=4, envvar="ASSAY_MAX_RETRIES",
                 show_default=True, show_envvar=True,
                 help="Retries per call on 429, 5xx, timeouts."),
    click.option("--keep-ungrounded", is_flag=True, envvar="ASSAY_KEEP_UNGROUNDED",
                 show_envvar=True,
                 help="Keep records whose evidence or value is not found in the article."),
]  # fmt: skip


def model_options(function: F) -> F:
    """Add the backend, model, endpoint and strategy options to a command."""
    for option in reversed(_OPTIONS):
        function = option(function)
    return function


def config_from_options(
    backend: str,
    model: str | None,
    base_url: str | None,
    strategy: str | None,
    timeout: float,
    max_retries: int,
    keep_ungrounded: bool,
    guided: GuidedOptions | None = None,
    adapter: str | None = None,
) -> ExtractionConfig:
    """The extraction config the options describe; the key comes from the environment."""
    settings = BackendSettings(backend=backend, model=model, base_url=base_url,
                               api_key=api_key_from_env(), timeout=timeout,
                               max_retries=max_retries, adapter=adapter)  # fmt: skip
    return ExtractionConfig(backend=settings, strategy=strategy, keep_ungrounded=keep_ungrounded,
                            guided=guided or GuidedOptions())  # fmt: skip


class Fatal(click.ClickException):
    """A one-line error that ends the command with exit code 2."""

    exit_code = 2


def store_option(function: Any) -> Any:
    """Add ``--store`` (the result store, ``$ASSAY_STORE``) to a command."""
    option = click.option("--store", "store_path", type=click.Path(path_type=Path),
                          default=DEFAULT_STORE, envvar="ASSAY_STORE", show_envvar=True,
                          show_default=True, help="The result store (a SQLite file).")  # fmt: skip
    return option(function)


def or_fatal(call: Any) -> Any:
    """The result of ``call()``; an :class:`AssayError` it raises ends the command (exit 2)."""
    try:
        return call()
    except AssayError as exc:
        raise Fatal(str(exc)) from exc
