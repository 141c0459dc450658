"""The metric of a tonnage: its clause's cues, with the number reader's own hints added.

What a figure of mass measures (capacity, production, throughput, reserves, or other)
is voted by the ``MASS_METRIC`` cues of its clause; the rules here add what the words
right before it say: a country's total, ore a mine digs or a plant processes, a change's
step or new level, a stock of resources, a sale, ounces that weigh metal.
"""

from __future__ import annotations

import re

from extract._strategies.guided.cues import MASS_METRIC, score
from extract._text.numbers import Quantity

_COUNTRY_SUBJECT = re.compile(
    r"^\W*the country(?:’s|'s)?\s+"
    r"(?:produced|exported|imported|mined|smelted|output|production|exports|imports)\b"
)


_PROCESSING_CAPACITY = re.compile(
    r"\b(?:processing|treatment|milling|throughput) capacity\b|\bcapacity to (?:process|treat)\b"
    # "a capacity of concentrating 30 Mt", "a processing plant with an annual capacity of 2 Mt"
    r"|\bcapacity (?:of|for) (?:processing|treating|concentrating|enriching|washing)\b"
    r"|\b(?:processing|concentrating|dressing|beneficiation|enrichment|washing)\b[\w\s-]{0,30}?"
    r"\b(?:plant|factory|mill|line|complex|facility) with (?:an? )?(?:annual |total )?capacity\b",
    re.IGNORECASE,
)
_PROCESS_VERB = re.compile(
    r"\b(?:process(?:es|ed)?|treat(?:s|ed)?)\s+"
    r"(?:up to\s+|about\s+|around\s+|some\s+|over\s+|nearly\s+)?$",
    re.IGNORECASE,
)


# A verb of change before "(up) to N": "output was increased to N", "raised production by 5%
# - up to N". Its "to" gives the new level, not a maximum (GUIDELINES 11, 33).
_CHANGE_VERB = re.compile(
    r"\b(?:increas|rais|rose\b|rise|rising|grow|grew|boost|expand|doubl|tripl|ramp)", re.IGNORECASE
)
# What is changed when it is not an output: its own cue already names the metric.
_OTHER_STOCK = re.compile(r"\bcapacit|\breserve|\bresources?\b", re.IGNORECASE)
_TO_LEVEL = re.compile(r"\b(?:up )?to\s+$", re.IGNORECASE)
_UP_TO = re.compile(r"\bup to\b", re.IGNORECASE)
_STEP = re.compile(
    r"\bby\s+(?:about\s+|around\s+|some\s+|nearly\s+|almost\s+|over\s+|more than\s+)?$",
    re.IGNORECASE,
)


# What is changed is what a plant processes: "processing of potash will rise to N".
_PROCESSING = re.compile(r"\b(?:processing|throughput|treatment|milling)\b", re.IGNORECASE)


def _level_metric(before: str) -> str:
    """The metric of the level an output is changed to (the text ``before`` it).

    "processing of potash will rise to 450,000 t" is the material a plant processes,
    throughput (GUIDELINES 28); any other output's new level is production.
    """
    return "throughput" if _PROCESSING.search(before) else "production"


def _new_level(before: str) -> bool:
    """Whether the figure after ``before`` is the level an output is changed to."""
    changed = _TO_LEVEL.search(before) and _CHANGE_VERB.search(before)
    return bool(changed) and not _OTHER_STOCK.search(before)


_MINING = re.compile(
    r"\b(?:mine[sd]?|mining|extract(?:s|ed|ing|ion)?|quarr(?:y|ies|ied)|open[- ]pit|underground)\b",
    re.IGNORECASE,
)
_PROCESS_WORDS = re.compile(
    r"\bprocess|\btreat|\bmill(?:s|ed|ing)?\b|\bconcentrat|\bthroughput|\bdressing|\bbeneficiat"
    r"|\bleach|\bplant\b|\bfactory\b|\bline\b|\bsmelt|\brefin",
    re.IGNORECASE,
)


def _mined_ore(text_near: str, quantity: Quantity) -> bool:
    """Whether an ore figure is what a mine digs, with no plant processing it in the clause.

    "38 Mt of ore are mined at the pit each year": a stand-alone mine's ore output is
    production, not throughput (GUIDELINES 28).
    """
    mining = quantity.commodity == "ore" and _MINING.search(text_near)
    return bool(mining) and not _PROCESS_WORDS.search(text_near)


# What was sold, right after the verb or a figure before it (GUIDELINES 5: no plant fact).
_SOLD = re.compile(
    r"\b(?:sold|sells)\s+(?:[\d.,]+\s+(?:\w+\s+){1,3}(?:and|,)\s+)?"
    r"(?:(?:about|around|some|over|nearly|almost|more than)\s+)?$",
    re.IGNORECASE,
)
# The stock a figure states: the noun its "of" names ("586 Mt of mineral resources"), else the
# last stock word before it in its clause ("resources stand at 20 Mt and reserves at 15 Mt").
# Lower-case "resources" only: a capital one is a company's name ("Velcor Resources produced").
_STOCK_AFTER = re.compile(r"\s+of\s+(?:[\w-]+\s+){0,2}?([Rr]eserves?|resources?)\b")
_STOCK_WORD = re.compile(r"\b([Rr]eserves?|resources?)\b")


def _measures_resources(text_near: str, quantity: Quantity) -> bool:
    """Whether a tonnage states mineral resources, not reserves.

    Resources are a deposit's broader, less certain stock: gold records the reserves told
    beside them and skips the resources (GUIDELINES 9, 27).
    """
    at = text_near.find(quantity.text)
    if at < 0:
        return False
    after = _STOCK_AFTER.match(text_near, at + len(quantity.text))
    before = _STOCK_WORD.findall(text_near[:at])
    noun = after.group(1) if after else (before[-1] if before else "")
    return noun.lower().startswith("resource")


def mass_rules(text_near: str, quantity: Quantity, facility_in_sentence: bool) -> dict[str, float]:
    """Metric scores for a tonnage, with the normaliser's own hints added.

    A tonnage whose sentence names no facility leans to "other": in this genre
    such figures are mostly company or national totals.
    """
    scores = score(MASS_METRIC, text_near)
    if _COUNTRY_SUBJECT.search(text_near):
        scores["other"] += 1.5  # "Uzbekistan produced 14.2 million tonnes": a national total
    if not facility_in_sentence:
        scores["other"] += 1.0
    if _mined_ore(text_near, quantity):
        scores["production"] += 1.5
    elif quantity.commodity == "ore":
        scores["throughput"] += 2.0
    at = text_near.find(quantity.text)
    if at >= 0 and _STEP.search(text_near[:at]) and _CHANGE_VERB.search(text_near[:at]):
        # "will raise output by 200,000 t": the size of a change, no level of any metric.
        scores["other"] += 3.0
    if at >= 0 and _new_level(text_near[:at]):
        # "production was increased up to 750 thousand tons": the new level of an output, so
        # its "up to" is no capacity cue.
        scores["capacity"] -= 1.0 if _UP_TO.search(text_near) else 0.0
        scores[_level_metric(text_near[:at])] += 1.5
    elif quantity.qualifier == "up to":
        scores["capacity"] += 1.0
    if quantity.period == "day" and quantity.commodity in (None, "ore"):
        scores["throughput"] += 1.0
    if _PROCESSING_CAPACITY.search(text_near):
        scores["throughput"] += 2.0  # "a processing capacity of 33 Mt a year" (GUIDELINES 28)
    if at >= 0 and _PROCESS_VERB.search(text_near[:at]):
        # "will process up to 2 million tons": what a plant processes is throughput, even
        # when "up to" makes it sound like a capacity (GUIDELINES rule on throughput).
        scores["throughput"] += 1.5
    if at >= 0 and _SOLD.search(text_near[:at]):
        scores["other"] += 3.0  # "X sold 59,000 ounces of gold": sales, no plant's figure
    if _measures_resources(text_near, quantity):
        scores["other"] += 6.0  # above the reserves vote a stock noun earns (strategy)
    if quantity.unit == "oz":
        # Ounces weigh metal, never the ore a plant treats: no throughput (GUIDELINES 28).
        scores["throughput"] = -100.0  # far below any count of cues
    return scores
