"""Small labelled data for the training tests."""

import json
import stat
from pathlib import Path
from typing import Any

ARTICLE = (
    "Kazakh Invest and Zeta Metals signed an agreement on Tuesday. Zeta Metals will invest "
    "$120 million in a zinc plant in the Pavlodar region. The zinc plant will have a capacity "
    "of 50,000 tonnes per year. The company's shares rose 3 %."
)
GOLD: dict[str, Any] = {
    "doc_id": "a1",
    "deals": [{
        "investor": "Zeta Metals", "counterparty": "Kazakh Invest", "host_country": "Kazakhstan",
        "project": "zinc plant in the Pavlodar region", "commodities": ["zinc"],
        "amount": 120000000.0, "currency": "USD", "stage": "agreed",
        "evidence": "Zeta Metals will invest $120 million in a zinc plant in the Pavlodar region.",
    }],
    "plant_facts": [{
        "facility": "zinc plant", "operator": "Zeta Metals", "location": "Pavlodar region",
        "country": "Kazakhstan", "commodity": "zinc", "metric": "capacity", "value": 50000.0,
        "unit": "t", "period": "year", "status": "planned",
        "evidence": "The zinc plant will have a capacity of 50,000 tonnes per year.",
    }],
}  # fmt: skip


def write_labelled(root: Path, *, header: str = "", gold: dict[str, Any] | None = None) -> Path:
    """A labelled directory in the corpus layout: gold/<id>.json + articles/<id>.txt."""
    (root / "gold").mkdir(parents=True)
    (root / "articles").mkdir()
    (root / "gold" / "a1.json").write_text(json.dumps(gold or GOLD))
    (root / "articles" / "a1.txt").write_text(header + ARTICLE)
    return root


def fake_checker(directory: Path, verdict: str) -> Path:
    """A stand-in for check-reserved that calls every file ``verdict``."""
    tool = directory / "check-reserved"
    code = 1 if verdict.startswith("RESERVED") else 0
    tool.write_text(
        f'#!/bin/sh\nfor f in "$@"; do printf "%s\\t%s\\n" "{verdict}" "$f"; done\nexit {code}\n'
    )
    tool.chmod(tool.stat().st_mode | stat.S_IXUSR)
    return tool
