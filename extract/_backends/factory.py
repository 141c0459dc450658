"""The factory: the backend that settings name, built on demand.

The concrete backends are imported when one is built, not when this module is:
``llama_cpp`` and ``openai`` / ``instructor`` take a while to import, and a
caller that brings its own backend (or runs rules only) needs neither.
"""

from __future__ import annotations

from extract._backends.base import Backend, BackendSettings
from extract._backends.model_files import names_an_adapter
from extract._errors import BackendUnavailable


def make_backend(settings: BackendSettings) -> Backend:
    """Build the backend that ``settings.backend`` names.

    Raises:
        BackendUnavailable: Unknown backend name, its package is missing, or an
            adapter given to a backend that cannot apply one.

    """
    if names_an_adapter(settings.adapter) and settings.backend != "local":
        raise BackendUnavailable(
            f"adapter {settings.adapter}: a LoRA adapter needs --backend local "
            "(it is applied to the embedded model in process)"
        )
    if settings.backend == "local":
        from extract._backends.local import LocalBackend

        return LocalBackend(settings)
    if settings.backend == "openai":
        from extract._backends.openai import OpenAIBackend

        return OpenAIBackend(settings)
    raise BackendUnavailable(f"unknown backend {settings.backend!r}: use 'local' or 'openai'")
