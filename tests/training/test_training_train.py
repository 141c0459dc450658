"""Two LoRA steps on two tiny examples, the GGUF export, and llama.cpp loading it."""

from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("torch", reason="needs the train extra: pip install -e '.[train]'")
pytest.importorskip("peft", reason="needs the train extra: pip install -e '.[train]'")
pytest.importorskip("llama_cpp", reason="needs llama-cpp-python (scripts/install.sh)")

from training._base import base_gguf, ensure_hf_base, load_base
from training._examples import Example
from training._export import export_gguf, load_llama, target_logprob
from training._loss import example_loss, group_backward
from training._tokens import encode
from training._train import Run, TrainConfig, make_run, train

pytestmark = pytest.mark.train

EXAMPLES = [
    Example("decisions", "a", "mass_metric", "",
            'Sentence: The smelter produced 145,000 tonnes of zinc in 2022.\n'
            'Question: What does "145,000 tonnes" measure?\nAnswer:', " production", eos=False),
    Example("decisions", "b", "plant_status", "",
            "Sentence: Construction of the 120,000-tonne smelter is under way.\n"
            'Question: Is the facility of "120,000-tonne" operating, planned or under '
            "construction?\nAnswer:", " under construction", eos=False),
]  # fmt: skip


@pytest.fixture(scope="module")
def base() -> tuple[Path, list[Any]]:
    """The dequantised base (loaded once) in a one-slot list: each run hands it back."""
    directory = ensure_hf_base()
    return directory, list(load_base(directory))


def _run(base: tuple[Path, list[Any]], checkpoint: Path, accumulation: int) -> Run:
    model, tokenizer = base[1]
    encoded = [encode(tokenizer, e) for e in EXAMPLES]
    config = TrainConfig(epochs=2, accumulation=accumulation, learning_rate=1e-3, dropout=0.0,
                         save_every=1)  # fmt: skip
    return make_run(model, encoded, config, checkpoint, "test")


def _release(base: tuple[Path, list[Any]], run: Run) -> None:
    base[1][0] = run.model.unload()  # the base without LoRA layers, for the next run


def test_two_steps_lower_the_loss_and_the_adapter_moves_llama_cpp(
    base: tuple[Path, list[Any]], tmp_path: Path
) -> None:
    # Both examples in every step, so the second step's loss is on the same data.
    run = _run(base, tmp_path / "checkpoint", accumulation=2)
    progress = train(run, resume=False)
    assert progress.step == 2 and progress.losses[1] < progress.losses[0]
    assert (tmp_path / "checkpoint" / "adapter.safetensors").is_file()
    run.model.save_pretrained(tmp_path / "peft")
    _release(base, run)

    adapter = export_gguf(tmp_path / "peft", base[0], tmp_path / "adapter.gguf")
    assert adapter.read_bytes()[:4] == b"GGUF"
    gguf = base_gguf()
    plain = [target_logprob(load_llama(gguf, n_ctx=512), e.text, e.target) for e in EXAMPLES]
    tuned_llm = load_llama(gguf, adapter, n_ctx=512)
    tuned = [target_logprob(tuned_llm, e.text, e.target) for e in EXAMPLES]
    # The adapter, applied by llama.cpp to the quantised base, makes the trained answers likelier.
    assert all(t > p + 0.5 for t, p in zip(tuned, plain, strict=True)), (plain, tuned)


def test_a_resumed_run_matches_an_uninterrupted_one(
    base: tuple[Path, list[Any]], tmp_path: Path
) -> None:
    whole = _run(base, tmp_path / "whole", accumulation=1)
    expected = train(whole, resume=False).losses
    _release(base, whole)
    first = _run(base, tmp_path / "split", accumulation=1)
    train(first, resume=False, stop=lambda: first.progress.step == 1)
    _release(base, first)
    second = _run(base, tmp_path / "split", accumulation=1)
    resumed = train(second, resume=True)
    _release(base, second)
    assert resumed.step == len(expected) == 4
    assert resumed.losses == pytest.approx(expected, abs=1e-5)


def test_a_shared_context_gives_the_gradients_of_separate_examples(
    base: tuple[Path, list[Any]],
) -> None:
    import torch

    model, tokenizer = base[1]
    context = "Article:\nThe smelter produced 145,000 tonnes of zinc in 2022.\n\n"
    questions = [Example(e.form, "a", e.kind, context, e.prompt, e.target, e.eos) for e in EXAMPLES]
    encoded = [encode(tokenizer, e) for e in questions]
    assert all(item.n_shared > 0 and item.group == encoded[0].group for item in encoded)
    run = make_run(model, encoded, TrainConfig(dropout=0.0), Path("unused"), "test")
    for name, parameter in run.model.named_parameters():
        if "lora_B" in name:  # fresh B is zero, which would leave A without gradient
            torch.nn.init.normal_(parameter, std=0.01)
    shared = group_backward(run.model, encoded, 0.5)
    first = {n: p.grad.clone() for n, p in run.model.named_parameters() if p.grad is not None}
    run.model.zero_grad(set_to_none=True)
    separate = [float(example_loss(run.model, item).detach()) for item in encoded]
    for item in encoded:
        (example_loss(run.model, item) * 0.5).backward()
    second = {n: p.grad for n, p in run.model.named_parameters() if p.grad is not None}
    _release(base, run)
    assert shared == pytest.approx(separate, rel=1e-4)
    assert first.keys() == second.keys() and len(first) > 0
    for name, grad in second.items():
        # Same up to summation order: compared against the tensor's largest entry.
        assert float((first[name] - grad).abs().max()) <= 1e-3 * float(grad.abs().max()), name
