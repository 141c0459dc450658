"""The loss of one example, or of examples sharing a context, and its backward pass.

Owns the target loss (mean cross-entropy of the target tokens, the model
computing logits only for the last ``n_target + 1`` positions) of a single
example (:func:`example_loss`) and of a group of questions about one article
(:func:`group_backward`): the article's context runs forward once and its
key/value cache is forked for each question, so memory holds one question's
graph at a time. :mod:`training._train` steps the optimiser over them.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from typing import Any

from training._tokens import Encoded


def _target_loss(logits: Any, ids: Any, n_target: int) -> Any:
    import torch

    return torch.nn.functional.cross_entropy(logits[0, :-1].float(), ids[0, -n_target:])


def example_loss(model: Any, encoded: Encoded) -> Any:
    """Mean cross-entropy of the target tokens (a scalar tensor with its graph)."""
    import torch

    ids = torch.tensor([encoded.ids])
    logits = model(input_ids=ids, logits_to_keep=encoded.n_target + 1).logits
    return _target_loss(logits, ids, encoded.n_target)


def _fork(cache: Any) -> Any:
    """A copy of a key/value cache that can grow without touching the original.

    Cache layers grow by concatenation into new tensors, so sharing the old
    tensors is safe and keeps them in the autograd graph.
    """
    clone = copy.copy(cache)
    clone.layers = [copy.copy(layer) for layer in cache.layers]
    return clone


def _detach_cache(cache: Any) -> tuple[list[Any], list[Any]]:
    """Cut the cache from the context's graph: its tensors become leaves that collect gradients.

    Returns the original tensors (still in the graph) and the leaves now in the cache.
    """
    roots, leaves = [], []
    for layer in cache.layers:
        for name in ("keys", "values"):
            tensor = getattr(layer, name)
            leaf = tensor.detach().requires_grad_()
            setattr(layer, name, leaf)
            roots.append(tensor)
            leaves.append(leaf)
    return roots, leaves


def group_backward(model: Any, members: Sequence[Encoded], scale: float) -> list[float]:
    """Back-propagate ``scale`` x the target losses of examples sharing a context.

    The context runs forward once. Each question then runs on a fork of its
    key/value cache and back-propagates at once (its graph freed), gathering
    the gradient that reaches the cache; the context's graph back-propagates
    that gradient once at the end. Exact, and memory holds one question's graph
    at a time. Returns the unscaled losses.
    """
    import torch

    shared = members[0].n_shared
    prefix = model(input_ids=torch.tensor([members[0].ids[:shared]]), use_cache=True,
                   logits_to_keep=1)  # fmt: skip
    roots, leaves = _detach_cache(prefix.cache)
    losses = []
    for item in members:
        rest = torch.tensor([item.ids[shared:]])
        out = model(input_ids=rest, cache=_fork(prefix.cache), use_cache=True,
                    logits_to_keep=item.n_target + 1)  # fmt: skip
        loss = _target_loss(out.logits, rest, item.n_target)
        (loss * scale).backward()
        losses.append(float(loss.detach()))
    pairs = [
        (root, leaf.grad) for root, leaf in zip(roots, leaves, strict=True) if leaf.grad is not None
    ]
    if pairs:
        torch.autograd.backward([root for root, _ in pairs], [grad for _, grad in pairs])
    return losses
