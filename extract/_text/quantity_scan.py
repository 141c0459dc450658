"""Read single figures of a text: a number with its currency, scale word and unit.

The first half of :mod:`extract._text.numbers`: every number token becomes an
:class:`Atom` (or is rejected as a year, date, ordinal or ranking), with the
qualifier written before it and the period and commodity written after it.
Forming ranges and before/after pairs from neighbouring atoms is left to
:mod:`extract._text.numbers`.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, replace
from decimal import Decimal

from extract._text import quantity_lexicon as lex
from extract._text.quantity_lexicon import Kind, Period
from extract._vocab import canonical_commodity, known_commodity

__all__ = ["Atom", "read_atoms"]

_CODES_BEHIND = "|".join(lex.CURRENCY_CODES)
# A number may touch a currency code ("KZT10") or a currency's Latin initials ("LE12 billion",
# "Sh45m"); the rand's R ("R100bn", South Africa) not after "&" ("R&D").
_INITIALS_BEHIND = "|".join(
    rf"(?<=(?<![A-Za-z{'&' if initials == 'R' else ''}]){initials})"
    for initials in lex.LETTER_PREFIXES
)
_TOKEN = re.compile(
    rf"""(?<![\d.,])(?:(?<![^\W\d])|(?<={_CODES_BEHIND})|{_INITIALS_BEHIND})
    (?<![A-Za-z]-)
    (?:(?P<comma>[0-9]{{1,3}}(?:,[0-9]{{3}})+(?:\.[0-9]+)?)
      |(?P<space>[0-9]{{1,3}}(?:{lex.THOUSANDS_SPACE}[0-9]{{3}})+(?:\.[0-9]+)?)
      |(?P<dots>[0-9]{{1,3}}(?:\.[0-9]{{3}}){{2,}})
      |(?P<plain>[0-9]+(?:[.,][0-9]+)?))(?![0-9])
    |{lex.WORD_NUMBER}""",
    re.VERBOSE,
)
_PREFIX = re.compile(rf"(?:{lex.CURRENCY_PREFIX.pattern}){lex.GAP}?\Z")
_RUNS_ON = re.compile(r"[^\W\d_]|[.,]\d")
_OF = re.compile(rf"{lex.GAP}{{1,2}}of(?=\s)")
_WORD = re.compile(rf"{lex.GAP}{{1,2}}([A-Za-z](?:[A-Za-z-]*[A-Za-z])?)")
_NOT_SKIPPABLE = frozenset(
    ["and", "or", "per", "in", "to", "from", "for", "with", "at", "by", "than", "which", "that"]
)
_ONE = Decimal(1)
# Longer digit runs are identifiers (accounts, phone numbers), not quantities.
_TOO_BIG = Decimal("1e18")


@dataclass(frozen=True, slots=True)
class Atom:
    """A single figure before ranges are formed; ``lead`` is where its qualifier starts."""

    start: int
    end: int
    lead: int
    raw: Decimal
    scale: Decimal | None
    factor: Decimal
    unit: str
    kind: Kind
    period: Period | None
    commodity: str | None
    qualifier: str | None
    yearish: bool

    @property
    def value(self) -> Decimal:
        return self.raw * (self.scale or _ONE) * self.factor


@dataclass(frozen=True, slots=True)
class _Suffix:
    end: int
    unit: str
    kind: Kind
    factor: Decimal
    period: Period | None


def _core(token: re.Match[str]) -> tuple[Decimal, str]:
    """Read the figure of a token and its form: digits, decimal_comma, word or article ("a")."""
    if fraction := token.group("frac"):
        return lex.FRACTIONS[" ".join(fraction.lower().replace("-", " ").split())], "word"
    if token.group("a"):
        return _ONE, "article"
    if word := token.group("small"):
        return Decimal(lex.SMALL_NUMBERS[word.lower()]), "word"
    if tens := token.group("tens"):
        ones = token.group("ones")
        units = lex.SMALL_NUMBERS[ones.lower()] if ones else 0
        return Decimal(lex.TENS[tens.lower()] + units), "word"
    digits = re.sub(r"[,\s]", "", token.group("comma") or token.group("space") or "")
    if digits:
        return Decimal(digits), "digits"
    if dots := token.group("dots"):
        return Decimal(dots.replace(".", "")), "digits"
    plain = token.group("plain")
    # "1,2 bn" is a European decimal comma; without a scale word it is too ambiguous to read.
    return Decimal(plain.replace(",", ".")), "decimal_comma" if "," in plain else "digits"


def _multiplier_at(text: str, pos: int, has_currency: bool) -> tuple[int, Decimal] | None:
    for multiplier in lex.MULTIPLIERS:
        match = multiplier.pattern.match(text, pos)
        if match is None:
            continue
        # "500m" is a depth, "$500m" and "5m tonnes" are millions.
        if multiplier.letter and not has_currency and _suffix_at(text, match.end(), 0) is None:
            return None
        return match.end(), multiplier.factor
    return None


def _scale_at(text: str, pos: int, has_currency: bool) -> tuple[int, Decimal | None]:
    scale: Decimal | None = None
    for _ in range(2):  # "two hundred thousand"
        found = _multiplier_at(text, pos, has_currency)
        if found is None:
            break
        pos, factor = found
        scale = factor if scale is None else scale * factor
    return pos, scale


def _suffix_at(text: str, pos: int, lead: int) -> _Suffix | None:
    """Read the currency word or unit right after a number (and its scale) at ``pos``."""
    if match := lex.CURRENCY_SUFFIX.match(text, pos):
        return _Suffix(match.end(), lex.currency_code(match.group("cur")), "money", _ONE, None)
    for unit in lex.UNITS:
        if match := unit.pattern.match(text, pos):
            return _Suffix(match.end(), unit.unit, unit.kind, unit.factor, unit.period)
    people = lex.PEOPLE.match(text, pos)
    if people and lex.JOB_CONTEXT.search(text, max(0, lead - 40), lead):
        return _Suffix(people.end(), "jobs", "jobs", _ONE, None)
    return None


def _slash_period(text: str, suffix: _Suffix) -> _Suffix:
    """Attach a "/y" or "/day" written right after a unit ("t/y") to it."""
    if suffix.period or suffix.kind not in ("mass", "power", "number"):
        return suffix
    match = lex.SLASH_PERIOD.match(text, suffix.end)
    if match is None:
        return suffix
    return replace(suffix, end=match.end(), period=lex.period_of(match.group("p")))


def _known(name: str) -> str | None:
    for candidate in (name, name[:-1] if name.endswith("s") else ""):
        if candidate and known_commodity(candidate):
            return canonical_commodity(candidate)
    return None


def _commodity_at(text: str, pos: int) -> tuple[int, str] | None:
    """Read a vocabulary commodity at ``pos``: "of copper cathode", "of low-grade ore", "copper"."""
    of = _OF.match(text, pos)
    cursor, words = (of.end() if of else pos), list[re.Match[str]]()
    while len(words) < 6 and (word := _WORD.match(text, cursor)):
        words.append(word)
        cursor = word.end()
    for skip in range(3 if of else 1):  # "of processed ore": skip up to two adjectives
        if any(word.group(1).lower() in _NOT_SKIPPABLE for word in words[:skip]):
            break
        for size in range(min(4, len(words) - skip), 0, -1):
            name = _known(" ".join(word.group(1) for word in words[skip : skip + size]))
            if name:
                return words[skip + size - 1].end(), name
    return None


def _context(text: str, atom: Atom) -> Atom:
    """Read the qualifier before the atom and the period and commodity after it."""
    qualifier = lex.QUALIFIER.search(text, max(0, atom.start - 30), atom.start)
    if qualifier:
        words = " ".join(qualifier.group("q").lower().split())
        atom = replace(atom, lead=qualifier.start("q"), qualifier=words)
    if atom.kind == "percent":
        return atom
    pos = atom.end
    if atom.period is None and (match := lex.WORD_PERIOD.match(text, pos)):  # "tonnes per day"
        atom = replace(atom, period=lex.period_of(match.group("p") or match.group("q")))
        pos = match.end()
    if atom.kind == "mass" and (found := _commodity_at(text, pos)):
        pos, commodity = found
        atom = replace(atom, commodity=commodity)
    if atom.period is None:  # "tonnes of copper cathode per year", "of acid a year"
        atom = replace(atom, period=_period_after_words(text, pos))
    return atom


def _period_after_words(text: str, pos: int) -> Period | None:
    """Find "per year" within a few words of the unit, not crossing punctuation or clauses."""
    for _ in range(4):
        if match := lex.WORD_PERIOD.match(text, pos):
            return lex.period_of(match.group("p") or match.group("q"))
        word = _WORD.match(text, pos)
        if word is None or word.group(1).lower() in _NOT_SKIPPABLE:
            return None
        pos = word.end()
    return None


def _atom(text: str, token: re.Match[str], skips: list[tuple[int, int]]) -> Atom | None:
    """Read one figure at ``token`` with its currency, scale and unit; None if no quantity."""
    if _skipped(skips, token.start()):
        return None
    raw, form = _core(token)
    prefix = _PREFIX.search(text, max(0, token.start() - 8), token.start())
    start = prefix.start() if prefix else token.start()
    pos, scale = _scale_at(text, token.end(), prefix is not None)
    suffix = None if prefix else _suffix_at(text, pos, start)
    suffix = _slash_period(text, suffix) if suffix else None
    end = suffix.end if suffix else pos
    if _rejected(text, token, form, scale, suffix, end) or raw * (scale or _ONE) > _TOO_BIG:
        return None
    yearish = form == "digits" and bool(token.group("plain")) and _is_year(raw)
    yearish = yearish and not (prefix or scale or suffix)
    if prefix:
        currency = lex.currency_code(prefix.group(0).strip())
        suffix = _Suffix(end, currency, "money", _ONE, None)
    atom = Atom(start, end, start, raw, scale, suffix.factor if suffix else _ONE,
                 suffix.unit if suffix else "", suffix.kind if suffix else "number",
                 suffix.period if suffix else None, None, None, yearish)  # fmt: skip
    return _context(text, atom)


def _rejected(
    text: str, token: re.Match[str], form: str, scale: Decimal | None, suffix: _Suffix | None,
    end: int,
) -> bool:  # fmt: skip
    if form == "decimal_comma" and scale is None:
        return True
    if form in ("word", "article") and scale is None and (suffix is None or form == "article"):
        return True  # "one of the", "two plants": only spelled-out figures with a scale or unit
    # "29th", "1990s", "500m", "1.2.3": digits that run on into a word or another figure.
    return end == token.end() and _RUNS_ON.match(text, end) is not None


def _is_year(raw: Decimal) -> bool:
    return raw == raw.to_integral_value() and 1900 <= raw <= 2100


def _skip_spans(text: str) -> list[tuple[int, int]]:
    return [match.span() for match in lex.NOT_QUANTITY.finditer(text)]


def _skipped(skips: list[tuple[int, int]], pos: int) -> bool:
    index = bisect_right(skips, pos, key=lambda span: span[0]) - 1
    return index >= 0 and skips[index][0] <= pos < skips[index][1]


def read_atoms(text: str) -> list[Atom]:
    """Return every single figure of ``text`` in order, years still included but flagged."""
    skips = _skip_spans(text)
    return [atom for token in _TOKEN.finditer(text) if (atom := _atom(text, token, skips))]
