"""Candidate figures: which are context and why."""

from extract._strategies.guided.candidates import find_candidates


def _reasons(text: str) -> dict[str, str | None]:
    return {c.quantity.text: c.dropped for c in find_candidates(text)}


def test_jobs_during_construction_are_dropped_and_permanent_jobs_kept() -> None:
    reasons = _reasons("The mill will add 800 permanent jobs and 2,500 jobs during construction.")
    assert reasons["800 permanent jobs"] is None
    assert (reasons["2,500 jobs"] or "").startswith("jobs during construction")
    peak = _reasons("The smelter employed 1,900 people at the peak of construction.")
    assert (peak["1,900 people"] or "").startswith("jobs during construction")
    assert _reasons("The smelter employs 1,900 people.")["1,900 people"] is None
