"""The local backend with a LoRA adapter and the fast grammar decoder, on the real model.

The adapter is the fixture tests/fixtures/adapters/tiny (made by its
``make_tiny.py``): over-fitted on one seed article, it writes that article's
gold deal plus one invented plant fact, and answers the deal-stage question
" discussed". So each path shows whether llama.cpp applied it. The guided
strategy need not ask that question (its cues may decide the stage), so the
guided test checks that the adapted model answered whatever it was asked.
"""

import json
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("llama_cpp", reason="needs llama-cpp-python (scripts/install.sh)")

from extract._backends import local
from extract._backends.base import BackendSettings
from extract._errors import BackendUnavailable
from extract._pipeline.pipeline import ExtractionConfig, Extractor
from extract._schema import Article
from extract._strategies.prompts import load_choice_prompt

pytestmark = pytest.mark.model
ROOT = Path(__file__).resolve().parents[3]
TINY = ROOT / "tests/fixtures/adapters/tiny"
DOC_ID = "002_6a78e8b725ffe9cc"
TEXT = (ROOT / "gold/articles" / f"{DOC_ID}.txt").read_text()


def test_fast_constrained_decoding_equals_llama_cpp_grammar_sampling() -> None:
    from llama_cpp import LlamaGrammar  # type: ignore[attr-defined]

    llm = local._load(str(local.default_model_path()), 4096, 2, 0)
    schema = {"type": "string", "enum": ["capacity", "production", "throughput", "reserves"]}
    grammar = LlamaGrammar.from_json_schema(json.dumps(schema), verbose=False)
    prompt = "The smelter produced 145,000 tonnes of zinc in 2022. The figure measures:"
    ours = local.generate_constrained(llm, prompt, grammar, max_tokens=16)
    reference = llm.create_completion(prompt, max_tokens=16, temperature=0.0, grammar=grammar)
    assert ours.finished and ours.text == reference["choices"][0]["text"]
    assert json.loads(ours.text) in schema["enum"]


Question = tuple[str, str, tuple[str, ...]]


class _Recording(local.LocalBackend):
    """The local backend, keeping every question it is asked."""

    def __init__(self, settings: BackendSettings) -> None:
        super().__init__(settings)
        self.asked: list[Question] = []

    def score_options(self, context: str, prompt: str, options: Sequence[str]) -> list[float]:
        self.asked.append((context, prompt, tuple(options)))
        return super().score_options(context, prompt, options)


def _margin(backend: local.LocalBackend, question: Question, answer: str) -> float:
    """How far ``answer`` is ahead of the best other option (log-probability)."""
    context, prompt, options = question
    scores = dict(zip(options, backend.score_options(context, prompt, options), strict=True))
    return scores[answer] - max(s for o, s in scores.items() if o != answer)


def test_guided_with_an_adapter_asks_the_tuned_model() -> None:
    tuned = _Recording(BackendSettings(adapter=str(TINY)))
    with Extractor(ExtractionConfig(strategy="guided"), backend=tuned) as extractor:
        result = extractor.extract(Article(id=DOC_ID, text=TEXT))
    assert result.meta is not None and result.meta.model_calls > 0
    assert result.meta.model == "gemma-3-270m-q4_k_m.gguf+lora:tiny"
    assert all(r.evidence in TEXT for r in [*result.deals, *result.plant_facts])
    base = local.LocalBackend(BackendSettings(adapter="none"))
    # The guided questions were answered by the adapted model: its scores of the first
    # few (each re-scored twice; all of them would take minutes) are far from the base's.
    shifts = [max(abs(t - b) for t, b in zip(tuned.score_options(*q), base.score_options(*q),
                                             strict=True)) for q in tuned.asked[:4]]  # fmt: skip
    assert len(tuned.asked) > 4 and max(shifts) > 1.0


def test_the_tuned_model_answers_the_question_it_was_trained_on() -> None:
    from training._data import load_labelled
    from training._examples import decision_examples

    [article] = [a for a in load_labelled([ROOT / "gold"]) if a.doc_id == DOC_ID]
    stage = next(e for e in decision_examples(article) if e.kind == "deal_stage")
    options = tuple(o.text for o in load_choice_prompt("deal_stage").options)
    question = (stage.context, stage.prompt, options)
    tuned = local.LocalBackend(BackendSettings(adapter=str(TINY)))
    base = local.LocalBackend(BackendSettings(adapter="none"))
    assert stage.target == " discussed"
    assert _margin(tuned, question, " discussed") > _margin(base, question, " discussed") + 1.0


def test_records_with_an_adapter_writes_under_the_grammar_and_is_grounded() -> None:
    config = ExtractionConfig(strategy="records", backend=BackendSettings(adapter=str(TINY)))
    with Extractor(config) as extractor:
        result = extractor.extract(Article(id=DOC_ID, text=TEXT))
    assert result.meta is not None and result.meta.completion_tokens > 0
    [deal] = result.deals
    assert (deal.investor, deal.amount, deal.currency) == ("Zijin Mining Group Co. Ltd", 1e8, "USD")
    # The adapter wrote the invented plant fact too; its evidence is not in the article.
    assert result.plant_facts == []
    assert [g.grounded for g in result.meta.grounding] == [True, False]


def _lora_gguf(path: Path, hidden: int) -> Path:
    """A Gemma 3 LoRA adapter GGUF for a model of width ``hidden`` (this one's is 640)."""
    gguf = pytest.importorskip("gguf", reason="writing a GGUF needs the train extra")
    writer = gguf.GGUFWriter(str(path), "gemma3")
    writer.add_type(gguf.GGUFType.ADAPTER)
    writer.add_string(gguf.Keys.Adapter.TYPE, "lora")
    writer.add_float32(gguf.Keys.Adapter.LORA_ALPHA, 4.0)
    writer.add_tensor("blk.0.attn_q.weight.lora_a", np.zeros((2, hidden), dtype=np.float32))
    writer.add_tensor("blk.0.attn_q.weight.lora_b", np.zeros((1024, 2), dtype=np.float32))
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()
    return path


def test_an_adapter_for_another_base_or_no_adapter_at_all_is_refused(tmp_path: Path) -> None:
    assert local.LocalBackend(BackendSettings(adapter=str(_lora_gguf(tmp_path / "ok.gguf", 640))))
    junk = tmp_path / "junk.gguf"
    junk.write_bytes(b"not a GGUF file")
    for adapter in (_lora_gguf(tmp_path / "wide.gguf", 1152), junk):  # 1152: Gemma 3 1B's width
        with pytest.raises(BackendUnavailable, match=f"^{adapter}: llama.cpp cannot apply"):
            local.LocalBackend(BackendSettings(adapter=str(adapter)))
