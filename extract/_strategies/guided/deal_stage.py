"""The stage of a deal: the cue words of its sentence, read in the light of the article's lead."""

from __future__ import annotations

import re

from extract._strategies.guided.cues import BUILDING, DEAL_STAGE, score

_SIGNED = re.compile(r"\b(?:signed|concluded|agreement|memorandum)\b", re.IGNORECASE)
# A party's own intention ("X intends to invest", "says it will invest", "X announced a
# $2bn investment") is a plan of its own, whatever the lead signed (GUIDELINES 19).
_INTENDS = re.compile(
    r"\b(?:intends?|hopes?|plans?|aims?)\s+(?:to\b|at\b)|\b(?:says|said)\s+(?:it|they)\s+will\b"
    r"|\bannounc(?:ed|es)\s+(?:an?\s+)?(?:\S+\s+){0,3}?investment\b",
    re.IGNORECASE,
)

# A pact on the project the article tells of, said to be signed.
_PROJECT_SIGNED = re.compile(
    r"\b(?:memorandum|agreement|contract)\b[^.]{0,80}?\b(?:this|the) (?:investment )?project\b"
    r"[^.]{0,30}?\b(?:was|were|has been|have been) signed\b",
    re.IGNORECASE,
)

# A lead that reports the work on the site: "construction is in full swing", "started the
# main preparatory work", "laid the foundation stone".
_LEAD_WORK = re.compile(
    r"\bunder construction\b|\bbeing (?:built|implemented|constructed)\b|\bin full swing\b"
    r"|\bconstruction (?:is |has |of \w+ )?(?:progress|begun|began|started|continu|under ?way)"
    r"|\b(?:started|starts|began|begins|commenced) (?:the )?(?:main )?(?:\w+ )?"
    r"(?:work|construction|development|moderni[sz]ing|building)\b|\bbroke ground\b"
    r"|\bfoundation stone\b"
    rf"|\b{BUILDING}\b",
    re.IGNORECASE,
)

# A lead that reports the opening: "President commissions $2.5bn fertiliser plant".
_LEAD_DONE = re.compile(
    r"(?<!\bbe )\b(?:inaugurat(?:ed|es)|commission(?:ed|s)|opened|opens|unveil(?:ed|s))\b",
    re.IGNORECASE,
)

# Finance a lender has granted: "attracted a loan from X", "secured $50m in debt financing".
_FINANCED = re.compile(
    r"\b(?:attracted|secured|obtained|received|raised|won)\s+(?:an?\s+)?(?:\S+\s+){0,4}?"
    r"(?:loans?|financing|funding|credit|grant)\b",
    re.IGNORECASE,
)
# An investment a party is bound to by a pact: "is obliged to allocate $300 million".
_OBLIGED = re.compile(r"\b(?:obliged|obligated|committed|bound)\s+to\b", re.IGNORECASE)
# Money that comes as a grant or a loan ("comes in the form of grant aid"): a donor's
# money granted, as a lender's is.
_GRANTED = re.compile(
    r"\bgrant\s+aid\b|\bin\s+the\s+form\s+of\s+(?:an?\s+)?(?:\S+\s+){0,2}?(?:grants?|loans?)\b",
    re.IGNORECASE,
)
_AGREED_TERMS = (_FINANCED, _GRANTED, _OBLIGED)
# Work about to end: "is nearing completion", "is scheduled for commissioning", "will finish
# work by 2026": the project is being built (GUIDELINES 19: the most advanced stage told).
_NEAR_DONE = re.compile(
    r"\bnearing completion\b|\b(?:scheduled|set|slated|due|ready) for commissioning\b"
    r"|\b(?:will|to) (?:finish|complete) (?:the )?(?:work|construction)\b",
    re.IGNORECASE,
)

#: Stages a cue asserts beyond a plan: one cue of them beats the default plan and one plan cue.
_ADVANCED = ("agreed", "under_way")


def stage_rules(sentence: str, article: str) -> dict[str, float]:
    """Stage cue scores of a deal's sentence, read in the light of the article's lead.

    When the lead reports a signing, the deals are agreed, except work the sentence
    says is already under way or done, or a party's own intention ("X intends to invest");
    a pact the article says was signed for "this project" makes even that intention agreed.
    A lead that reports work on the site makes the deals under way, and one that reports the
    opening makes them completed, except a party's own intention or a signing of the sentence.

    Args:
        sentence: The deal's sentence.
        article: The article's text; its first 600 characters are the lead.

    Returns:
        A score per stage; the highest is the stage.

    """
    rules = score(DEAL_STAGE, sentence)
    # A lender's money secured, a donor's grant, an obligation: terms of a deal agreed on.
    rules["agreed"] += sum(1.0 for terms in _AGREED_TERMS if terms.search(sentence))
    rules["under_way"] += 1.0 if _NEAR_DONE.search(sentence) else 0.0
    # Most deals in the news are announced plans; cue words must say otherwise.
    rules["planned"] += 0.5
    # The stage is the most advanced one the text asserts (GUIDELINES 19): a signing or
    # work begun outweighs the default plan and one "would" ("recently signed a deal ... to
    # build", "is now well underway ... is set to expand"). Completion is left out: with it,
    # tune-262 half A fell (0.6078 -> 0.6075) and half B did not gain.
    for stage in _ADVANCED:
        if rules[stage]:
            rules[stage] += 1.0
    own_plan = _INTENDS.search(sentence) is not None
    done = any(rules[k] for k in ("under_way", "completed"))
    if _SIGNED.search(article[:600]) and not own_plan and not done:
        rules["agreed"] += 2.0  # beats the default plan and one "will" of the sentence
    elif _PROJECT_SIGNED.search(article) and not done:
        # "A memorandum for this project was signed": the project's own plan is agreed.
        rules["agreed"] += 2.0
    elif _LEAD_WORK.search(article[:600]) and not own_plan and not rules["agreed"]:
        # The article is news of the work: its amounts are of a project under way.
        rules["under_way"] += 2.0
    elif _LEAD_DONE.search(article[:600]) and not own_plan and not rules["agreed"] and not done:
        # The article is news of the opening: its amounts are of a project completed.
        rules["completed"] += 2.0
    return rules


# Money already put in, told with the amount as its object: "has invested $4.4 billion",
# "X invested $4.8 billion in the purchase" (not "to be invested", "will have spent").
_SPENT = (
    r"(?:\b(?:has|have|had)\s+(?:already\s+)?|(?<!\bto )(?<!\bwill )(?<!\bwould )(?<!\bbe )"
    r"(?<!\bbeen ))\b(?:invested|spent)\s+(?:(?:about|around|over|nearly|some|almost|more than"
    r"|approximately|another|a further|a total of)\s+)?"
)


def spent_stage(stage: str | None, sentence: str, amount: str) -> str | None:
    """The deal's stage, ``completed`` when its amount is money already spent.

    "X has invested $4.4 billion in the plant, and will invest another $1.8 billion":
    the sentence's plan is the second amount's; the first one is spent (GUIDELINES 19).

    Args:
        stage: The stage the sentence's cues gave.
        sentence: The deal's sentence.
        amount: The amount as written in it.

    Returns:
        ``completed`` when the amount is the object of a past spending, else ``stage``.

    """
    spent = re.search(_SPENT + re.escape(amount), sentence, re.IGNORECASE)
    return "completed" if spent else stage
