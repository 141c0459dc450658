"""Model backends: the one interface every model implements, and its implementations.

Owns the :class:`~extract._backends.base.Backend` protocol with
``BackendSettings`` and ``Usage`` (``base``), the factory ``make_backend``
(``factory``), the embedded llama.cpp model (``local``, with a LoRA adapter if
asked), the files it loads (``model_files``: model and adapter found and
hashed), its grammar-constrained greedy decoding (``greedy``), any
OpenAI-compatible endpoint (``openai``, the only module that imports ``openai``
and ``instructor``) and the queue-fed fake for tests (``fake``).

May import: :mod:`extract._errors` and its own modules. ``local``, ``openai``
and ``fake`` are independent of one another and import only ``base``,
``model_files`` and ``greedy``, which import no sibling.
"""
