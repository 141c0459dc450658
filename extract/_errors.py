"""The exception tree of assay.

    AssayError
    ├── InputError            bad article, gold or prediction input (names file and problem)
    │   └── ValidationFailed  a gold/prediction file that does not match the contract
    ├── PromptError           a prompt file or few-shot example that fails validation
    ├── BackendError          a model backend failed after its retries
    │   ├── BackendUnavailable the backend cannot be started or reached (missing package, bad URL)
    │   └── ModelOutputError   the model answered, but not with a valid, schema-conforming result
    └── StoreError            the result store cannot be opened or written

Every message is one line that names the file (or article) and the problem.
"""

from __future__ import annotations


class AssayError(Exception):
    """Base class of every error assay raises on purpose."""


class InputError(AssayError):
    """An input file or article cannot be read or is not usable."""


class ValidationFailed(InputError):
    """A gold or prediction file does not validate against the contract."""


class PromptError(AssayError):
    """A prompt file or few-shot example in ``prompts/`` is invalid."""


class BackendError(AssayError):
    """A model backend failed after its retries."""


class BackendUnavailable(BackendError):
    """A backend cannot be started or reached."""


class ModelOutputError(BackendError):
    """The model answered, but not with a valid result."""


class StoreError(AssayError):
    """The result store cannot be opened, migrated or written."""
