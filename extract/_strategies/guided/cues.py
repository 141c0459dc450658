"""Cue words that score each option of a decision, for the genre of the corpus.

Cues are read in a window around the figure (its clause), because a sentence
in this genre often carries two figures of different kinds. Every table is
data: adding a cue is a one-line change that the ablation script measures.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from extract._text.numbers import Quantity
from extract._text.spans import Span

Cues = Mapping[str, tuple[re.Pattern[str], ...]]
#: Someone "is (also) building / constructing / completing" a thing: work under way. The deal
#: mentions, the deal stage and the plant status all read it (a pattern fragment, no anchors).
BUILDING = r"is (?:also )?(?:building|constructing|completing)"
#: Agencies, ministries, state funds and banks: the company priors, the article's main company
#: and the names of deal mentions all leave them out (read by fields and mentions).
AGENCY_NAME = re.compile(r"Invest$|Ministry|Government|Fund$|Bank$|akimat")


def _cues(*patterns: str) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p, re.IGNORECASE) for p in patterns)


MONEY_ROLE: Cues = {
    "investment": _cues(r"\binvest", r"\bworth\b", r"\bfinanc", r"\bfund(?:s|ing|ed)?\b",
                        r"\ballocat", r"\bspend", r"\bcapital expenditure", r"\bcapex\b",
                        r"\binject", r"\bagreement", r"\bdeal\b", r"\bproject (?:worth|of|valued)",
                        r"\bloan"),
    "cost": _cues(r"\bcost", r"\bestimated at\b", r"\bprice tag\b", r"\bvalued at\b"),
    "other": _cues(r"\bcredit\b", r"\bexport", r"\bimport", r"\bsales\b",
                   r"\bearn", r"\bpaid\b", r"\bdebt\b"),
}  # fmt: skip

MASS_METRIC: Cues = {
    "reserves": _cues(r"\breserve", r"\bresources?\b", r"\bcontain(?:s|ing)?\b",
                      r"\bhold(?:s|ing)?\b", r"\bproven\b",
                      r"\bprobable\b", r"\bin the ground\b", r"\bmineral base\b"),
    # Not mining or extracting: a stand-alone mine's ore output is production (GUIDELINES 28).
    "throughput": _cues(r"\bprocess(?:es|ed|ing)?\b", r"\bthroughput\b", r"\bof ore\b",
                        r"\bore (?:per|a)\b", r"\btreat"),
    "capacity": _cues(r"\bcapacit", r"\bup to\b", r"\bdesign", r"\bwill (?:produce|make|yield)",
                      r"\b(?:is|are) to produce\b", r"\bexpected to (?:produce|yield)",
                      r"\bable to\b", r"\bannual(?:ly)? (?:output|production)\b",
                      # "a plant to produce N", "enabling to produce N"; not "began to produce"
                      r"(?<!began )(?<!started )(?<!continued )(?<!continues )\bto produce\b",
                      # what a plant can do: "can now produce", "could export", "may produce"
                      r"\b(?:can|could|may)(?: now| also)? "
                      r"(?:produce|make|yield|export|ship|supply)\b"),
    "production": _cues(r"\bproduced\b", r"\boutput\b", r"\blast year\b", r"\bin (?:19|20)\d\d\b",
                        r"\bH[12]\b", r"\bquarter\b", r"\bmonths?\b", r"\btotal(?:l)?ed\b",
                        r"\bsmelted\b", r"\bshipped\b", r"\bmanufactured\b"),
    "other": _cues(r"\bcountry\b", r"\bnational\b", r"\bcountry's\b", r"\bexports?\b",
                   r"\bimports?\b", r"\bsector\b", r"\bindustry\b",
                   r"\b(?:company|corporation|group|country)(?:'s|’s)\b",
                   r"\bits (?:plants|mines|facilities|operations|smelters)\b",
                   r"\bgrowth\b",
                   # what is emitted or saved of CO2 is no output of a plant (GUIDELINES 10)
                   r"\bCO2\b", r"\bcarbon\b", r"\bemissions?\b",
                   # a market's need is no plant's figure: "annual demand for cement"
                   r"\bdemand\b", r"\bconsumption\b"),
}  # fmt: skip

PLANT_STATUS: Cues = {
    # "plant" votes for a plan as well as "plan": it began as a pattern slip ("\bplan"),
    # but without it tune loses on both halves (A -0.0019, B -0.0008): most plants the
    # news names are still to be built.
    "planned": _cues(r"\bwill\b", r"\bplan(?!t)", r"\bplant", r"\bto (?:build|construct)\b",
                     r"\bto be (?:built|constructed)\b", r"\bproject\b", r"\bintend", r"\bwould\b",
                     r"\bis to\b", r"\bexpected\b", r"\bfuture\b", r"\bproposed\b",
                     r"\bfirst stage\b", r"\bsupposed\b", r"\bdiscover"),
    "under_construction": _cues(r"\bunder construction\b", r"\bbeing (?:built|constructed)\b",
                                r"\bconstruction (?:is|has) (?:under ?way|started|begun)",
                                # built, not yet running: "is completed and set for commissioning"
                                r"\b(?:set|ready) for commissioning\b",
                                r"\bnearing completion\b"),
    "operating": _cues(r"\bproduced\b", r"\bproduces\b", r"\bcurrently\b", r"\blast year\b",
                       r"\bhas reached\b", r"\boperat", r"\bprocesses\b", r"\bin (?:19|20)\d\d\b",
                       r"\bH[12]\b", r"\bexisting\b"),
}  # fmt: skip

# A completion word right after "be" is a completion still ahead ("will be commissioned").
_NOT_AHEAD = r"(?<!\bbe )\b"
# "has almost been completed": work still under way.
_NOT_ALMOST = r"(?<!almost been )(?<!nearly been )(?<!almost )(?<!nearly )"

DEAL_STAGE: Cues = {
    "agreed": _cues(r"\bsign(?:s|ed)?\b", r"\bagreements?\b", r"\bmemorand", r"\bconcluded\b",
                    r"\bcontracts?\b", r"\bagreed\b", r"\bMoU\b", r"\bdeal (?:was|has been)\b"),
    "discussed": _cues(r"\bdiscuss", r"\btalks\b", r"\bconsider", r"\blooking (?:for|at)\b",
                       r"\bnegotiat", r"\bprospects\b", r"\bexplor(?:e|ing) ",
                       r"\binterest(?:ed)? in\b", r"\bpotential\b"),
    "planned": _cues(r"\bplan(?:s|ned|ning)?\b", r"\bintends?\b", r"\bwill\b", r"\bwould\b",
                     r"\b(?:is|are) (?:to|set to|going to|expected to|scheduled to)\b",
                     r"\bto be (?:built|constructed|launched|commissioned)\b",
                     r"\bapproved\b", r"\bannounced\b", r"\bintention\b", r"\benvisage",
                     r"\baims?\b"),
    "under_way": _cues(r"\bunder ?way\b", r"\bbeing (?:built|implemented|constructed|developed)\b",
                       r"\bunder construction\b", r"\bis implementing\b", rf"\b{BUILDING}\b",
                       r"\bis carrying out\b", r"\bis working on\b", r"\bso far\b",
                       r"\b(?:is|are|was|were) investing\b", r"\bcontinues\b",
                       r"\balready\b", r"\b(?:has|have) been (?:directed|funneled|provided)\b",
                       r"\bconstruction (?:has |is )?(?:begun|began|started|continu)",
                       r"\b(?:started|began|begun|commenced) (?:the )?construction\b",
                       r"\bbroke ground\b", r"\bfoundation stone\b",
                       r"\b(?:almost|nearly) (?:been )?completed\b"),
    # "to be completed in 2012", "will be put into operation": a date ahead, not work done.
    "completed": _cues(rf"{_NOT_AHEAD}{_NOT_ALMOST}completed\b", rf"{_NOT_AHEAD}commissioned\b",
                       rf"{_NOT_AHEAD}opened\b", rf"{_NOT_AHEAD}inaugurated\b", r"\bunveil",
                       r"\b(?:began|started) (?:production|operations?)\b",
                       rf"{_NOT_AHEAD}(?<!\band )put into (?:operation|service)\b",
                       r"\b(?:was|were|been) \w+ and put into (?:operation|service)\b",
                       r"\b(?:acquired|bought|purchased|took over)\b", r"\b(?:was|were) built\b",
                       # Money already put in: "X spent $2 billion on", "$300 million was invested".
                       r"(?<!\bbe )(?<!\bbeen )\bspent\b", r"\b(?:was|were) (?:\w+ly )?invested\b",
                       r"\b(?:has|have) been (?:invested|spent)\b", r"\bhas invested\b"),
}  # fmt: skip


def score(cues: Cues, text: str) -> dict[str, float]:
    """Number of cue patterns of each option found in ``text``."""
    return {
        label: float(sum(1 for p in patterns if p.search(text))) for label, patterns in cues.items()
    }


def without_names(text: str, names: Iterable[Span]) -> str:
    """``text`` with its proper names blanked out, offsets kept.

    A cue word inside a name ("Export-Import Bank", "Freedonia Investment Fund") says
    what the name denotes, not how the sentence frames a figure.
    """
    chars = list(text)
    for name in names:
        chars[name.start : name.end] = " " * (name.end - name.start)
    return "".join(chars)


def clause(text: str, quantity: Quantity, sentence_start: int, sentence_end: int) -> str:
    """The part of the sentence that belongs to the figure: between the nearest separators."""
    before = text[sentence_start : quantity.start]
    after = text[quantity.end : sentence_end]
    cut = max(before.rfind(m) for m in ("; ", ", while ", ", and ", " which ", " – ", "—"))
    start = sentence_start + (cut + 1 if cut >= 0 else 0)
    stops = [i for i in (after.find(m) for m in ("; ", ", while ", ", which ", " – ")) if i >= 0]
    end = quantity.end + (min(stops) if stops else len(after))
    return text[start:end]


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
