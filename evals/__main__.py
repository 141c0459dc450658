"""``python -m evals --gold gold --pred preds.jsonl``: the eval command on its own."""

from evals._command import eval_command

if __name__ == "__main__":
    eval_command(prog_name="python -m evals")
