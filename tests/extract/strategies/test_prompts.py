import json
from pathlib import Path

import pytest

from extract._errors import PromptError
from extract._strategies.guided.strategy import GUIDED_PROMPTS, guided_prompt_ids
from extract._strategies.prompts import (
    ChoicePrompt,
    load_choice_prompt,
    load_direct_prompt,
    prompt_dir,
    prompt_id,
)


def test_every_shipped_prompt_validates() -> None:
    for name in GUIDED_PROMPTS:
        prompt = load_choice_prompt(name)
        assert prompt.name == name
    assert "{article}" in load_direct_prompt().template


def test_prompt_ids_are_stable_and_content_addressed() -> None:
    ids = guided_prompt_ids()
    assert ids == guided_prompt_ids()
    prompt = load_choice_prompt("mass_metric")
    edited = prompt.model_copy(update={"instructions": prompt.instructions + " "})
    assert prompt_id(edited, edited.output_schema()) != ids["mass_metric"]
    assert prompt_id(prompt, {"type": "string"}) != ids["mass_metric"]


def test_example_answer_must_be_an_option() -> None:
    data = json.loads((prompt_dir() / "mass_metric.json").read_text())
    data["examples"][0]["answer"] = "volume"
    with pytest.raises(ValueError, match="not an option"):
        ChoicePrompt.model_validate(data)


def test_example_figure_must_occur_in_its_sentence() -> None:
    data = json.loads((prompt_dir() / "money_role.json").read_text())
    data["examples"][0]["figure"] = "$999 million"
    with pytest.raises(ValueError, match="not in its sentence"):
        ChoicePrompt.model_validate(data)


def test_a_broken_prompt_file_names_file_and_field(tmp_path: Path) -> None:
    (tmp_path / "bad.json").write_text(json.dumps({"name": "bad", "instructions": "x"}))
    with pytest.raises(PromptError, match=r"bad\.json: template: Field required"):
        load_choice_prompt("bad", tmp_path)
    (tmp_path / "broken.json").write_text("{")
    with pytest.raises(PromptError, match=r"broken\.json: invalid JSON"):
        load_choice_prompt("broken", tmp_path)


def test_preamble_shows_definitions_and_solved_examples() -> None:
    prompt = load_choice_prompt("mass_metric")
    preamble = prompt.preamble()
    assert "- throughput: how much ore" in preamble
    assert "Answer: production\n\n" in preamble
