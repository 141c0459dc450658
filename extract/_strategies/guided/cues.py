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
                     r"\bfirst stage\b", r"\bsupposed\b", r"\bdiscover",
                     # a figure hedged is still ahead: "could produce"; "may" (not "in May")
                     r"\bcould\b", r"(?-i:\bmay\b)"),
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
