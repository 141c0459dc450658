"""Greedy decoding under a GBNF grammar, fast on Gemma's large vocabulary.

Structured output is greedy decoding under a GBNF grammar compiled from the
response model's JSON schema. llama-cpp-python's sampler applies a grammar to
every candidate token before picking one; with Gemma's 262,144-token vocabulary
that costs seconds per token on 2 cores. Greedy decoding needs only the best
token the grammar allows, so the likeliest tokens are offered to the grammar
first and the rest only when all of those are refused: the same output, about
ten times faster (:func:`decode_greedy`).
"""

from __future__ import annotations

import ctypes
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np

from extract._errors import ModelOutputError


@lru_cache(maxsize=8)
def compile_grammar(schema: str) -> Any:
    """The GBNF grammar of a JSON schema (compiled once per schema)."""
    from llama_cpp import LlamaGrammar  # type: ignore[attr-defined]

    return LlamaGrammar.from_json_schema(schema, verbose=False)


@dataclass(frozen=True)
class Generated:
    """Generated text, its token count, and whether the grammar completed (end of sequence)."""

    text: str
    tokens: int
    finished: bool


_TOKEN_DATA = np.dtype([("id", np.int32), ("logit", np.float32), ("p", np.float32)])


def _allowed_best(sampler: Any, ids: np.ndarray[Any, Any],
                  logits: np.ndarray[Any, Any]) -> int | None:  # fmt: skip
    """The likeliest of ``ids`` that the grammar allows next, or None."""
    import llama_cpp

    data = np.zeros(len(ids), dtype=_TOKEN_DATA)  # llama_token_data[], filled without a loop
    data["id"], data["logit"] = ids, logits
    pointer = data.ctypes.data_as(ctypes.POINTER(llama_cpp.llama_token_data))
    array = llama_cpp.llama_token_data_array(data=pointer, size=len(ids), selected=-1, sorted=False)
    llama_cpp.llama_sampler_apply(sampler, ctypes.byref(array))
    # The grammar only sets refused tokens to -inf; it neither moves nor drops entries.
    finite = np.isfinite(data["logit"])
    if not finite.any():
        return None
    return int(data["id"][finite][np.argmax(data["logit"][finite])])


def _next_token(sampler: Any, logits: np.ndarray[Any, Any], top_k: int) -> int:
    """The likeliest token the grammar allows: the ``top_k`` likeliest first, then all of them.

    Almost always one of the ``top_k`` is allowed, found without sorting the
    vocabulary; otherwise the whole ranking is offered, ``32 * top_k`` at a time
    first, so the answer is still the likeliest allowed token.
    """
    top = np.argpartition(-logits, top_k)[:top_k]
    best = _allowed_best(sampler, top, logits[top])
    if best is not None:
        return best
    ranked = np.argsort(-logits, kind="stable")
    for chunk in (ranked[: top_k * 32], ranked[top_k * 32 :]):
        best = _allowed_best(sampler, chunk, logits[chunk]) if len(chunk) else None
        if best is not None:
            return best
    raise ModelOutputError("the grammar allows no token here")


def decode_greedy(llm: Any, grammar: Any, max_tokens: int, top_k: int = 64) -> Generated:
    """Greedy continuation, under ``grammar``, of what ``llm`` has just evaluated.

    Args:
        llm: A ``llama_cpp.Llama`` whose last evaluated position holds the logits to start from.
        grammar: A ``llama_cpp.LlamaGrammar``.
        max_tokens: Stop (unfinished) after this many tokens.
        top_k: How many of the likeliest tokens the grammar checks first.

    """
    import llama_cpp

    vocab = llama_cpp.llama_model_get_vocab(llm.model)
    sampler = llama_cpp.llama_sampler_init_grammar(
        vocab, grammar._grammar.encode("utf-8"), grammar._root.encode("utf-8")
    )
    out: list[int] = []
    try:
        while len(out) < max_tokens:
            row = np.ctypeslib.as_array(llm._ctx.get_logits_ith(-1), shape=(llm.n_vocab(),))
            token = _next_token(sampler, row.copy(), top_k)
            if llama_cpp.llama_vocab_is_eog(vocab, token):
                return Generated(llm.detokenize(out).decode("utf-8", "replace"), len(out), True)
            llama_cpp.llama_sampler_accept(sampler, token)
            out.append(token)
            llm.eval([token])
        return Generated(llm.detokenize(out).decode("utf-8", "replace"), len(out), False)
    finally:
        llama_cpp.llama_sampler_free(sampler)


def generate_constrained(llm: Any, prompt: str, grammar: Any, max_tokens: int = 1024,
                         top_k: int = 64) -> Generated:  # fmt: skip
    """Greedy completion of ``prompt`` (BOS first, the cache cleared) under ``grammar``."""
    llm.reset()
    llm.eval(llm.tokenize(prompt.encode("utf-8"), add_bos=True, special=False))
    return decode_greedy(llm, grammar, max_tokens, top_k)
