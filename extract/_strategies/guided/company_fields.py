"""Which company a figure is of: the rule priors for a deal's investor or a plant's owner.

A company near the figure, in its paragraph, scores by
:func:`~.article_index.nearby`, raised when the syntax makes it the actor of
the figure's verb (:mod:`.roles`) and lowered when it is a partner or a
seller; agencies are quoted, not parties. An
investor is further read as the party bringing capital into the host country,
which the text marks as foreign (:func:`~.country_fields.nationality_of`); a
sentence that names no company tells of the article's :func:`main_company`.
"""

from __future__ import annotations

import re

from extract._strategies.guided.article_index import ArticleIndex, nearby
from extract._strategies.guided.country_fields import (
    main_country,
    marked_foreign,
    nationality_of,
)
from extract._strategies.guided.cues import AGENCY_NAME
from extract._strategies.guided.roles import roles_at
from extract._text.nlp import parse

# "Tominsky Processing Plant", "Yanqul Project": a facility's name is not an investor.
_FACILITY_NAMED = re.compile(
    r"\b(?:Plant|Project|Mine|Deposit|Field|Refinery|Smelter|Complex|Factory)s?$"
)
_MAIN_COMPANY_WEIGHT = 2.0


def company_priors(
    index: ArticleIndex, sentence_no: int, at: int, *, investor: bool
) -> dict[str, float]:
    """Companies near a figure, agencies left out; for a deal, foreign-marked names first.

    The investor of a deal in this genre is the party bringing capital into the
    host country, which the text marks as foreign ("China's X", "the German company Y").
    """
    priors = _role_priors(index, sentence_no, at)
    # A facility's name ("... Processing Complex") is neither investor nor operator (contract).
    priors = {name: score for name, score in priors.items() if not _FACILITY_NAMED.search(name)}
    if not investor:
        return priors
    return _investor_priors(index, priors, sentence_no, at)


def _role_priors(index: ArticleIndex, sentence_no: int, at: int) -> dict[str, float]:
    """Companies near a figure, raised as the actor of its verb, lowered as partner or seller.

    Near means in the figure's paragraph: news opens a paragraph for a new turn of the
    story, and a company named only in an earlier one is not the figure's (a paragraph
    that names none tells of the article's :func:`main_company`).
    """
    paragraph = index.text.rfind("\n", 0, at)
    priors = nearby([c for c in index.companies if c.start > paragraph], index, sentence_no, at)
    priors = {name: score for name, score in priors.items() if not AGENCY_NAME.search(name)}
    roles = roles_at(index.text, index.names, at)
    for mention, weight in roles.actors.items():
        name = index.full_name(mention)
        priors[name] = priors.get(name, 0.0) + weight
    for mention in [*roles.partners, *roles.sellers]:
        name = index.full_name(mention)
        if name in priors and mention not in roles.actors:
            priors[name] -= 1.0
    return priors


def _investor_priors(
    index: ArticleIndex, priors: dict[str, float], sentence_no: int, at: int
) -> dict[str, float]:
    """``priors`` for a deal's investor: foreign-marked names first."""
    sentence = index.sentences[sentence_no]
    later = {c.text for c in index.companies if at < c.start < sentence.end}
    earlier = {c.text for c in index.companies if sentence.start <= c.start < at}
    home = main_country(index)
    foreign = {c.text for c in index.companies if marked_foreign(index, c, home)}
    for name in priors:
        priors[name] += (0.75 if name in foreign else 0.0) - (
            0.5 if name in later - earlier else 0.0
        )
    for mention in roles_at(index.text, index.names, at).bystanders:
        # "R7bn for a pit at K, a mine operated by Y": Y runs the mine, not the spending.
        if (name := index.full_name(mention)) in priors:
            priors[name] -= 1.0
    main = main_company(index)
    if not _acting_named(index, sentence_no, at):
        # "The investment in the project will amount to $1.2 billion": a sentence that names
        # no company tells of the company the sentence before acts as, else of the one the
        # article is about, not the last one named.
        main = _previous_subject(index, sentence_no) or main
        if main:
            priors[main] = priors.get(main, 0.0) + _MAIN_COMPANY_WEIGHT
    return _with_parents(index, priors)


def _previous_subject(index: ArticleIndex, sentence_no: int) -> str | None:
    """The company the sentence before, in the same paragraph, names as its subject.

    "X announced it has opened two mines. Investments have totalled $21.5 million.": the
    sentence with no company goes on telling of X's project.
    """
    if sentence_no == 0:
        return None
    before, sentence = index.sentences[sentence_no - 1], index.sentences[sentence_no]
    if "\n" in index.text[before.end : sentence.start]:
        return None  # a new paragraph is a new turn of the story
    span = parse(index.text).char_span(before.start, before.end, alignment_mode="expand")
    for child in span.root.children if span is not None else []:
        if child.dep_ in ("nsubj", "nsubjpass"):
            first, last = child.left_edge.idx, child.idx
            found = [n for n in index.names if n.kind == "company" and first <= n.start <= last]
            return index.full_name(found[0]) if found else None
    return None


def _acting_named(index: ArticleIndex, sentence_no: int, at: int) -> bool:
    """Whether the figure's sentence names a company other than a partner or a seller.

    "The third contract is for works with X for $234 million": X, named only as the
    partner, is not the one spending; the sentence tells of the article's company.
    """
    sentence = index.sentences[sentence_no]
    roles = roles_at(index.text, index.names, at)
    others = {m.start for m in [*roles.partners, *roles.sellers, *roles.bystanders]
              if m not in roles.actors}  # fmt: skip
    return any(
        sentence.start <= c.start < sentence.end and c.start not in others for c in index.companies
    )


# "X, an arm of Y", "X, a subsidiary of the Chinese group Y", "X, a joint venture between A and B".
_VEHICLE_OF = re.compile(
    r"^,?\s+(?:an?|the|its)\s+(?:[\w-]+\s+){0,3}(?:(?:subsidiary|arm|unit|affiliate)\s+of"
    r"|joint\s+venture\s+(?:between|of))\s+(?:the\s+)?(?:[\w’'-]+\s+){0,3}$",
    re.IGNORECASE,
)


def _with_parents(index: ArticleIndex, priors: dict[str, float]) -> dict[str, float]:
    """A vehicle company's parent as a candidate at least as strong as the vehicle.

    The capital of a subsidiary's or a joint venture's project comes from the group behind
    it (GUIDELINES 13: the party bringing capital in; the foreign-marked one of two).
    """
    result = dict(priors)
    for name, score in priors.items():
        if (parent := parent_of(index, name)) is not None:
            result[parent] = max(result.get(parent, 0.0), score + 0.25)
    return result


def parent_of(index: ArticleIndex, name: str) -> str | None:
    """The group the text says is behind ``name``: "X, an arm of Y" -> Y.

    Of a joint venture "between A and B", the foreign-marked one, else the first.
    """
    for mention in (c for c in index.companies if c.text == name):
        end = sentence.end if (sentence := index.sentence_at(mention.start)) else 0
        after = [c for c in index.companies if mention.end <= c.start < end and c.text != name]
        for k, company in enumerate(after):
            gap = _VEHICLE_OF.match(index.text[mention.end : company.start])
            if gap is None:
                continue
            behind = after[k : k + 2] if "venture" in gap.group().lower() else [company]
            foreign = [c for c in behind if nationality_of(index, c)]
            return (foreign or behind)[0].text
    return None


def main_company(index: ArticleIndex) -> str | None:
    """The company the article is about: the most mentioned one, agencies and facilities aside."""
    counts: dict[str, int] = {}
    # An agency, a council or a press service is quoted, not the subject of the article.
    agencies = {n.start for n in index.names if n.kind == "agency"}
    for span in index.companies:
        named = AGENCY_NAME.search(span.text) or _FACILITY_NAMED.search(span.text)
        if not named and span.start not in agencies:
            counts[span.text] = counts.get(span.text, 0) + 1
    return max(counts, key=counts.__getitem__) if counts else None
