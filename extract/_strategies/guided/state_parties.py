"""The states among a deal's parties: a country or its government acting or signing.

Where no company is a party of a clause, states may be: "Norway signed an agreement
with Chile" (both states), "the Norwegian government will build a plant" (one acts),
"X and the Spanish government signed" (the other side of a company's deal). Read from
the parse by :mod:`extract._strategies.guided.roles`; a state is named "Government of
<country>" (GUIDELINES 15).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from extract._strategies.guided.article_index import ArticleIndex
from extract._strategies.guided.roles import RELATIVE_PRONOUNS, any_name, token_at, verbs_above
from extract._text.names import Name
from extract._text.nlp import parse
from extract._vocab import canonical_country

if TYPE_CHECKING:  # spaCy loads in seconds: only when an article is parsed
    from spacy.tokens import Token


def government_party(index: ArticleIndex, at: int) -> str | None:
    """The state on the other side of the deal clause around ``at``, as "Government of <c>".

    A government a country marks ("X and the Spanish government signed", "bought from the
    Freedonian government"), joined to the clause's subject or named as its partner or
    seller, is the other side of the deal (GUIDELINES 15).
    """
    token = token_at(parse(index.text), at)
    for verb in verbs_above(token)[:3] if token is not None else []:
        for child in verb.children:
            if child.dep_ == "nsubj":
                parties = [c for c in child.children
                           if c.dep_ in ("conj", "appos") and not _in_dateline(c)]  # fmt: skip
            elif child.dep_ in ("prep", "agent") and child.lower_ in ("with", "from"):
                parties = [c for c in child.children if c.dep_ == "pobj"]
            else:
                continue
            for party in parties:
                if state := _government_of(index, party):
                    return state
    return None


def _in_dateline(token: Token) -> bool:
    """Whether ``token`` is in a dateline: "LIMA, Peru (AP) - X plans ...".

    The dateline's country says where the news comes from, not who signs: the
    sentence opens with a city in capitals, and the token comes before its dash.
    """
    sentence = token.sent
    dash = next((t.i for t in sentence if t.text in ("-", "—", "–")), None)
    return sentence[0].is_upper and len(sentence[0]) > 1 and dash is not None and token.i < dash


def _government_of(index: ArticleIndex, token: Token) -> str | None:
    """The state a phrase names: "the Spanish government", "Spain" -> "Government of Spain".

    A bare "the government" names none.
    """
    state = _state_of(index.names, token, _GOVERNMENT_NOUN)
    return f"Government of {canonical_country(state)}" if state else None


# "The government will build", "the state plans": the state itself acts.
_STATE_NOUNS = frozenset({"government", "state", "cabinet"})


def state_parties(text: str, names: tuple[Name, ...], at: int) -> tuple[list[str], list[str]]:
    """The states acting around ``at``: subjects of the nearest verb with one, "with" partners.

    Read where no company acts: "Norway signed an agreement with Chile on a $2 billion
    smelter" -> (["Norway"], ["Chile"]); "the Norwegian government will build a plant"
    -> (["Norwegian"], []); a bare "the government" gives an empty string.
    """
    token = token_at(parse(text), at)
    for verb in verbs_above(token)[:3] if token is not None else []:
        subjects = [
            c for c in verb.children if c.dep_ == "nsubj" and c.lower_ not in RELATIVE_PRONOUNS
        ]
        if not subjects:
            continue
        states = [state for subject in subjects for state in _states_under(names, subject)]
        partners = [state for prep in verb.subtree if prep.lower_ == "with"
                    and prep.dep_ == "prep" for state in _states_under(names, prep)]  # fmt: skip
        return states, partners
    return [], []


def _states_under(names: tuple[Name, ...], token: Token) -> list[str]:
    """The states a phrase is: "Norway", "Norway and Chile", "the Norwegian government".

    "A Norwegian company" is a company, not a state; a bare "the government" gives "".
    """
    heads = [token, *(c for c in token.children if c.dep_ in ("conj", "pobj"))]
    found = [state for head in heads if (state := _state_of(names, head)) is not None]
    return list(dict.fromkeys(found))


_GOVERNMENT_NOUN = frozenset({"government"})


def _state_of(
    names: tuple[Name, ...], head: Token, nouns: frozenset[str] = _STATE_NOUNS
) -> str | None:
    """The state one word is: a country's name, or a state noun and the country marking it.

    "Norway" -> "Norway", "the Norwegian government" -> "Norwegian", a bare "the
    government" -> "", anything else -> None.
    """
    name = any_name(names, head)
    if name is not None and name.kind == "country":
        return name.text
    if head.lemma_.lower() not in nouns:
        return None
    marks = [n for c in head.children if (n := any_name(names, c))
             and n.kind in ("country", "nationality")]  # fmt: skip
    return marks[0].text if marks else ""
