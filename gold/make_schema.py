"""Write ``gold/schema.json``: the JSON Schema of a gold file.

A gold file is an :class:`extract._schema.ArticleExtraction` without the run
``meta`` envelope, so the schema is the model's own JSON Schema with the
``meta`` property (and the definitions only it uses) removed. Point an editor's
JSON-Schema validation at it when hand-editing ``gold/*.json``.

Run from the repository root::

    python gold/make_schema.py          # rewrite gold/schema.json
    python gold/make_schema.py --check  # exit 1 when gold/schema.json is stale
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

GOLD_DIR = Path(__file__).resolve().parent
SCHEMA_PATH = GOLD_DIR / "schema.json"

if str(GOLD_DIR.parent) not in sys.path:  # let `python gold/make_schema.py` find `extract`
    sys.path.insert(0, str(GOLD_DIR.parent))

from extract._schema import ArticleExtraction  # noqa: E402


def _refs(node: Any) -> set[str]:
    """Return the names of the ``#/$defs/<name>`` references anywhere in ``node``."""
    found: set[str] = set()
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/$defs/"):
            found.add(ref.removeprefix("#/$defs/"))
        for value in node.values():
            found |= _refs(value)
    elif isinstance(node, list):
        for value in node:
            found |= _refs(value)
    return found


def build_schema() -> dict[str, Any]:
    """Return the JSON Schema of a gold file (ArticleExtraction without ``meta``)."""
    schema = ArticleExtraction.model_json_schema()
    schema["properties"].pop("meta", None)
    schema["description"] = (
        "Gold file of the assay project: one ArticleExtraction without the run 'meta' "
        "envelope. See shared/extraction-contract.md and gold/GUIDELINES.md."
    )
    defs: dict[str, Any] = schema.get("$defs", {})
    keep: set[str] = set()
    frontier = _refs(schema["properties"])
    while frontier:  # definitions reachable from the remaining properties
        name = frontier.pop()
        if name not in keep:
            keep.add(name)
            frontier |= _refs(defs[name])
    schema["$defs"] = {name: defs[name] for name in sorted(keep)}
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema}


def render() -> str:
    """Return the text of ``gold/schema.json``."""
    return json.dumps(build_schema(), indent=2, ensure_ascii=False) + "\n"


def main(argv: list[str]) -> int:
    """Write the schema, or with ``--check`` report whether the file is current."""
    text = render()
    if "--check" in argv:
        current = SCHEMA_PATH.read_text(encoding="utf-8") if SCHEMA_PATH.exists() else ""
        if current != text:
            print(f"{SCHEMA_PATH} is stale: run python gold/make_schema.py", file=sys.stderr)
            return 1
        return 0
    SCHEMA_PATH.write_text(text, encoding="utf-8")
    print(f"wrote {SCHEMA_PATH}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
