"""Greedy generation under a GBNF grammar that checks only the likeliest tokens first.

llama-cpp-python's sampler chain applies a grammar to every candidate token
before picking one; with Gemma's 262,144-token vocabulary that costs seconds
per generated token on 2 cores, so a record list of a few hundred tokens would
take many minutes. Greedy decoding only needs the best token the grammar
allows: the ``top_k`` likeliest tokens are offered to the grammar first, and
then the next ``32 * top_k``, then the rest, each only when the likelier ones
all failed. The result is the same as greedy decoding under the grammar over
the whole vocabulary.
"""

from __future__ import annotations

import ctypes
from dataclasses import dataclass
from typing import Any

import numpy as np


@dataclass(frozen=True)
class Generated:
    """Generated text, its token count, and whether the grammar completed (EOS)."""

    text: str
    tokens: int
    finished: bool


_TOKEN_DATA = np.dtype([("id", np.int32), ("logit", np.float32), ("p", np.float32)])


def _allowed_best(
    sampler: Any, ids: np.ndarray[Any, Any], logits: np.ndarray[Any, Any]
) -> int | None:
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
    """The likeliest token the grammar allows: widening from ``top_k`` to the whole vocabulary."""
    ranked = np.argsort(-logits, kind="stable")
    start = 0
    for size in (top_k, top_k * 32, len(logits)):
        chunk = ranked[start:size]  # likelier tokens were offered already and refused
        best = _allowed_best(sampler, chunk, logits[chunk]) if len(chunk) else None
        if best is not None:
            return best
        start = size
    raise RuntimeError("the grammar allows no token here")


def generate_constrained(llm: Any, prompt: str, grammar: Any, max_tokens: int = 1024,
                         top_k: int = 64) -> Generated:  # fmt: skip
    """Greedy completion of ``prompt`` under ``grammar`` (a ``llama_cpp.LlamaGrammar``)."""
    import llama_cpp

    vocab = llama_cpp.llama_model_get_vocab(llm.model)
    sampler = llama_cpp.llama_sampler_init_grammar(
        vocab, grammar._grammar.encode("utf-8"), grammar._root.encode("utf-8")
    )
    try:
        llm.reset()
        llm.eval(llm.tokenize(prompt.encode("utf-8"), add_bos=True, special=False))
        out: list[int] = []
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
