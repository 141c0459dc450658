"""Clauses that describe a noun, and the nouns a figure is of, read from spaCy's parse.

"X, the group founded by Y, said ...", "a pit at K, a mine operated by Y": a name told in
a clause describing another noun (an ``acl`` or ``relcl``) founds or runs that noun; it
is no party of the figure's own clause (:mod:`.roles`). But a clause describing the
figure's own noun ("the $1bn plant to be built by X", "the project launched by X is worth
$1bn") tells who did what the figure is of. A selling clause gives up a holding to a buyer
("sold a 50% stake to X") or trades goods.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # spaCy loads in seconds: only when an article is parsed
    from spacy.tokens import Token

_DESCRIBING = ("acl", "relcl")


def own_nouns(figure: Token) -> list[Token]:
    """The figure's token, the nouns above it up to a verb, and the dependents of its verbs."""
    found = [figure]
    token = figure
    while token.head.i != token.i and token.head.pos_ not in ("VERB", "AUX"):
        token = token.head
        found.append(token)
    verbs = [t for t in token.ancestors if t.pos_ in ("VERB", "AUX")]
    return found + [child for verb in verbs for child in verb.children]


def described(token: Token, top: Token) -> bool:
    """Whether ``token`` sits in a clause describing a noun of the phrase headed by ``top``."""
    while token != top and token.head.i != token.i:
        if token.dep_ in _DESCRIBING:
            return True
        token = token.head
    return False


def acts_in_clause(agent: Token, verb: Token, figure: Token) -> bool:
    """Whether a "by X" agent under ``verb`` acts in the figure's clause.

    Not when a clause on the way up describes a noun other than the figure's own.
    """
    own = own_nouns(figure)
    clause = agent.head
    while clause != verb and clause.head.i != clause.i:
        if clause.dep_ in _DESCRIBING and clause.head not in own:
            return False
        clause = clause.head
    return True


def aside(token: Token, figure: Token) -> bool:
    """Whether ``token`` is told only in a clause describing a noun other than the figure's.

    "R7bn for a new pit at K, a mine operated by Y": Y runs the mine, not the spending.
    """
    clause = next((t for t in [token, *token.ancestors] if t.dep_ in _DESCRIBING), None)
    return (
        clause is not None and figure not in clause.subtree and clause.head not in own_nouns(figure)
    )


# Verbs whose subject gives something up: "A sold 50% of X to B", "A will transfer its stake
# to B". The subject is the seller; the one it goes "to" is the buyer, who invests.
SELLING = frozenset({"sell", "transfer", "cede", "divest"})
# Verbs of an acquisition, the buyer's side of the same deal (GUIDELINES 42).
BUYING = frozenset({"buy", "acquire", "purchase"})
# What a seller gives up in an acquisition (GUIDELINES 42): a stake, shares, a business.
_HOLDINGS = frozenset({"stake", "share", "interest", "%", "percent", "business",
                       "subsidiary", "asset", "mine", "plant", "deposit", "project", "unit",
                       "operation"})  # fmt: skip


def sells_a_holding(verb: Token) -> bool:
    """Whether a selling verb's object is a stake or an asset: a buyer's acquisition, not trade.

    "sold a 50% stake in X to Y for $1bn" is Y's deal; "sold copper to Y for $1bn" is trade.
    """
    if verb.lemma_.lower() not in SELLING:
        return False
    return any(c.dep_ == "dobj" and c.lemma_.lower() in _HOLDINGS for c in verb.children)
