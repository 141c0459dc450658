"""Examples to token ids, laid out as llama.cpp sees them at inference.

The local backend tokenises ``context + prompt`` with a BOS token and each
scored option separately without one; a structured call tokenises its prompt
with BOS and generates until end of sequence. So a training sequence is BOS,
the input's tokens, the target's tokens (and EOS for records), and the loss
covers the target's tokens only.

Examples of one article share their context (BOS + "Article: ..."): the
trainer runs it once per group and reuses its key/value cache, which is
exact only if tokenising the context alone gives the same tokens as the
front of the whole input. Where it does not, the example shares nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from training._examples import Example


@dataclass(frozen=True)
class Encoded:
    """One example as token ids.

    The last ``n_target`` ids are the answer; the first ``n_shared`` are shared
    with the other examples of ``group`` ("" when the example shares nothing).
    """

    ids: tuple[int, ...]
    n_target: int
    n_shared: int
    group: str


def _ids(tokenizer: Any, text: str) -> list[int]:
    ids: list[int] = tokenizer(text, add_special_tokens=False)["input_ids"]
    return ids


def encode(tokenizer: Any, example: Example) -> Encoded:
    """Token ids of ``example``: BOS + input + target (+ EOS when the example ends)."""
    whole = [tokenizer.bos_token_id, *_ids(tokenizer, example.text)]
    target = _ids(tokenizer, example.target) + ([tokenizer.eos_token_id] if example.eos else [])
    if not target:
        raise ValueError(f"{example.doc_id}: {example.kind} example has an empty target")
    shared = [tokenizer.bos_token_id, *_ids(tokenizer, example.context)] if example.context else []
    n_shared = len(shared) if whole[: len(shared)] == shared and len(shared) < len(whole) else 0
    group = f"{example.doc_id}\0{example.context}" if n_shared else ""  # "": shares nothing
    return Encoded((*whole, *target), len(target), n_shared, group)


def shared_token_count(encoded: list[Encoded]) -> tuple[int, int]:
    """Tokens the model runs per epoch ``(with shared contexts, without)``."""
    seen: set[str] = set()
    shared = 0
    for item in encoded:
        if item.group and item.group not in seen:
            seen.add(item.group)
            shared += item.n_shared
        shared += len(item.ids) - item.n_shared
    return shared, sum(len(item.ids) for item in encoded)
