"""Who does what around a figure, read from spaCy's dependency parse.

The party that invests in, builds, buys or runs something is the subject of
a verb that governs the figure, whatever the verb ("X will invest $1 billion",
"X has pledged to invest $1 billion"), the agent of a
passive ("will be built by X"), or the owner in a possessive ("X's $1 billion
plant"); "with X" names a partner and "from X" the seller of what is bought
(elsewhere "from" names a source of funds, no party); the subject of a selling
verb is a seller too, and the one it sells "to" the actor. A pronoun or "the
company" as subject stands for the company named last before it. Scores are
priors for the decider: the nearer the verb to the figure, the stronger.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from extract._strategies.guided.clauses import SELLING, acts_in_clause, aside, described
from extract._text.names import Name
from extract._text.nlp import parse

if TYPE_CHECKING:  # spaCy loads in seconds: only when an article is parsed
    from spacy.tokens import Doc, Token

_PARTNER_PREPS = {"with": "partner", "between": "partner", "from": "seller", "by": "agent"}
_REFERRING = frozenset({"company", "corporation", "group", "firm", "it", "they", "holding",
                        "miner", "producer", "investor", "enterprise", "he", "she"})  # fmt: skip
_PARTIES = ("company", "agency", "other")


@dataclass(frozen=True)
class Roles:
    """Names found in a role around one offset, with their scores."""

    actors: dict[Name, float]
    partners: dict[Name, float]
    sellers: dict[Name, float]
    bystanders: tuple[Name, ...] = ()  # named only in a clause describing another noun


def roles_at(text: str, names: tuple[Name, ...], at: int) -> Roles:
    """The actors, partners and sellers of the clause around character ``at``."""
    doc = parse(text)
    token = token_at(doc, at)
    actors: dict[Name, float] = {}
    partners: dict[Name, float] = {}
    sellers: dict[Name, float] = {}
    if token is None:
        return Roles(actors, partners, sellers)
    selling = False
    for depth, verb in enumerate(verbs_above(token)):
        weight = 3.0 / (depth + 1)
        # "A is expected to sell", "A plans to sell": the verb above a selling one names its seller.
        selling = verb.lemma_.lower() in SELLING or (selling and _opens_xcomp(verb))
        for name in _subjects(doc, verb, names, raising=selling):
            _add(sellers if selling else actors, name, weight)
        for name in _buyers(verb, names) if selling else []:
            _add(actors, name, weight)
        for role, name in _prepositional(doc, verb, names, token):
            target = {"partner": partners, "seller": sellers, "agent": actors}[role]
            _add(target, name, weight if role != "agent" else weight + 1)
    for name in _owners(doc, token, names):
        _add(actors, name, 2.5)
    aside_names = [n for t in token.sent if (n := _name_of(names, t)) and aside(t, token)]
    return Roles(actors, partners, sellers, tuple(dict.fromkeys(aside_names)))


def _add(scores: dict[Name, float], name: Name, weight: float) -> None:
    scores[name] = max(scores.get(name, 0.0), weight)


def token_at(doc: Doc, at: int) -> Token | None:
    """The token at character offset ``at`` (or the one the space after it follows)."""
    for token in doc:
        if token.idx <= at < token.idx + len(token.text) + 1:
            return token
    return None


def verbs_above(token: Token) -> list[Token]:
    """The verbs from the token up to its sentence root, nearest first (and conjoined ones)."""
    verbs: list[Token] = []
    current = token
    for _ in range(12):
        if current.pos_ in ("VERB", "AUX") and current not in verbs:
            verbs.append(current)
            if current.dep_ == "conj" and current.head.pos_ in ("VERB", "AUX"):
                verbs.append(current.head)  # "X signed ... and will build": X builds
        if current.head.i == current.i:
            break
        current = current.head
    return verbs


def _name_of(names: tuple[Name, ...], token: Token) -> Name | None:
    for name in names:
        if name.start <= token.idx < name.end and name.kind in _PARTIES:
            return name
    return None


def _names_under(names: tuple[Name, ...], token: Token) -> list[Name]:
    """Party names in the subtree of ``token`` (a subject phrase, a prepositional object).

    A clause describing a noun of the phrase names no party of it when the phrase names
    one itself: in "X, the group founded by Y", X is the subject; in "the deposit
    controlled by Y", Y is.
    """
    found: list[Name] = []
    aside_names: list[Name] = []
    for child in token.subtree:
        name = _name_of(names, child)
        if name is not None and name not in found and name not in aside_names:
            (aside_names if described(child, token) else found).append(name)
    return found or aside_names


def _subjects(
    doc: Doc, verb: Token, names: tuple[Name, ...], *, raising: bool = False
) -> list[Name]:
    """The named subjects of a verb that governs the figure, whatever the verb.

    "X will invest", "X has pledged to invest", "X is expected to fund", "X said it would
    spend": no list of verbs decides who acts; the nearer verb weighs more (:func:`roles_at`).
    A passive's subject is the thing built, not who builds it; the agent is "by X". But
    over a verb it raises (``raising``: "X is expected to sell") it is the one who acts.
    """
    wanted = ("nsubj", "nsubjpass") if raising and _opens_xcomp(verb) else ("nsubj",)
    found: list[Name] = []
    for child in verb.children:
        if child.dep_ in wanted:  # "the construction of the X refinery": X is the site's name
            works = child.lemma_ in ("construction", "development", "expansion", "building")
            under = [n for n in _names_under(names, child) if not (works and n.kind == "other")]
            found += under or referent(child, names)
    return found


def referent(subject: Token, names: tuple[Name, ...]) -> list[Name]:
    """Reading "It", "the company": the company last named as a subject, else last named."""
    if subject.lower_ not in _REFERRING:
        return []
    before = [n for n in names if n.end <= subject.idx and n.kind == "company"]
    doc = subject.doc
    subjects = [n for n in before if (span := doc.char_span(n.start, n.end, "expand")) is not None
                and span.root.dep_ in ("nsubj", "nsubjpass")]  # fmt: skip
    return (subjects or before)[-1:]


# What one buys from a seller: "bought the mine from X", "the acquisition of Y from X".
_BUYING = frozenset({"buy", "acquire", "purchase", "take", "obtain", "acquisition", "sale",
                     "takeover", "stake", "share", "shares"})  # fmt: skip


def _opens_xcomp(verb: Token) -> bool:
    return any(child.dep_ == "xcomp" for child in verb.children)


def _buyers(verb: Token, names: tuple[Name, ...]) -> list[Name]:
    """The names a selling verb's "to" hands the thing to: "sold 49% to B" -> [B]."""
    found: list[Name] = []
    for child in verb.children:
        if child.dep_ in ("prep", "dative") and child.lower_ == "to":
            found += [n for n in _names_under(names, child) if n not in found]
    return found


def _prepositional(
    doc: Doc, verb: Token, names: tuple[Name, ...], figure: Token
) -> list[tuple[str, Name]]:
    found: list[tuple[str, Name]] = []
    for child in verb.subtree:
        role = _PARTNER_PREPS.get(child.lower_)
        if role is None or child.dep_ not in ("prep", "agent"):
            continue
        if role == "agent" and (child.dep_ != "agent" or not acts_in_clause(child, verb, figure)):
            continue  # "X, the group founded by Y, said": Y founded the group
        if role == "seller" and child.head.lemma_.lower() not in _BUYING:
            continue  # "will come from X's cash flows", "funds from X": a source, no seller
        found += [(role, name) for name in _names_under(names, child)]
    return found


def _owners(doc: Doc, token: Token, names: tuple[Name, ...]) -> list[Name]:
    """Reading "X's $1 billion plant", "the X project": a name that owns the figure's noun."""
    found: list[Name] = []
    for noun in (token, token.head, token.head.head):
        for child in noun.children:
            if child.dep_ in ("poss", "compound") and (name := _name_of(names, child)):
                found.append(name)
    return found


# Pronouns that stand in for a name the clause above gives.
_STANDING_IN = frozenset({"it", "its", "they", "their"})
#: Relative pronouns: as a subject they stand for the noun their clause hangs on.
RELATIVE_PRONOUNS = frozenset({"which", "that", "who"})


def figure_owner(text: str, names: tuple[Name, ...], at: int) -> Name | None:
    """Whose figure it is: the name (of any kind) that is the subject or owner around ``at``.

    "Uzbekistan produced 14 Mt", "the country's output of 2 Mt" (a country) and "KAZ
    Minerals produced 299,000 t" (a company) tell totals, not a facility's figures.
    """
    doc = parse(text)
    token = token_at(doc, at)
    if token is None:
        return None
    for noun in (token, token.head, token.head.head):
        for child in noun.children:
            if child.dep_ == "poss" and (name := any_name(names, child) or _company_word(child)):
                return name
    for verb in verbs_above(token)[:3]:
        for child in _with_aux_children(verb):
            if child.dep_ == "nsubj":
                # "Kazakhstan's largest smelter produced ...": the smelter's figure, but
                # "Peru's output rose to ...": the country's.
                owner = next((c for c in child.children if c.dep_ == "poss"), None)
                if child.lemma_.lower() in _TOTAL_NOUNS and owner is not None:
                    if owner.lower_ in _STANDING_IN:
                        break  # "X said its output rose": whose, the verb above says
                    return any_name(names, owner) or _company_word(owner)
                if child.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
                    child = verb.head  # "X, which produced 1 Mt": X's figure
                elif child.lower_ in _STANDING_IN:
                    break  # "X said it produced": whose, the verb above says
                return any_name(names, child) or _company_word(child)
    return None


def _with_aux_children(verb: Token) -> list[Token]:
    """The verb's dependents, and those the parse hung on its auxiliaries.

    "Uzbekistan plans to by 2030 raise its output": the small model may read "plans" as
    an auxiliary of "raise" and hang the subject on it.
    """
    children = list(verb.children)
    return children + [c for aux in children if aux.dep_ == "aux" for c in aux.children]


# "The gold mining firm produced 440,000 ounces", "the company's output": a company named by
# a common noun owns the figure as surely as one named by its name.
_COMPANY_WORDS = frozenset({"company", "firm", "group", "miner", "producer", "corporation",
                            "holding", "conglomerate"})  # fmt: skip


def _company_word(token: Token) -> Name | None:
    if token.lemma_.lower() not in _COMPANY_WORDS or token.pos_ != "NOUN":
        return None
    return Name(token.idx, token.idx + len(token.text), token.text, "company")


# Nouns whose owner owns the figure: "Peru's output", "the company's production".
_TOTAL_NOUNS = frozenset(
    {
        "output",
        "production",
        "export",
        "exports",
        "reserve",
        "reserves",
        "capacity",
        "sale",
        "sales",
        "shipment",
        "shipments",
    }
)


def any_name(names: tuple[Name, ...], token: Token) -> Name | None:
    """The name, of any kind, that ``token`` stands in."""
    return next((n for n in names if n.start <= token.idx < n.end), None)
