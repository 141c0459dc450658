"""The commodity vocabulary of the contract, with the synonyms articles use."""

from __future__ import annotations

from extract._vocab.text import key

COMMODITIES: tuple[str, ...] = (
    "aluminium", "alumina", "bauxite", "copper", "copper cathode",
    "copper concentrate", "gold", "silver", "iron ore", "steel", "ferroalloys",
    "ferrochrome", "ferrosilicon", "coal", "coke", "lithium", "rare earths",
    "uranium", "zinc", "lead", "tungsten", "nickel", "cobalt", "manganese",
    "titanium", "polymetallic", "ore", "cast iron", "pig iron",
    "hot briquetted iron", "pipes", "cement", "fertilizers", "chemicals",
    "antimony", "phosphate",
)  # fmt: skip

# Synonyms seen in the genre -> canonical name. Keys are lower-case.
_COMMODITY_SYNONYMS: dict[str, str] = {
    "aluminum": "aluminium",
    "cooper": "copper",
    "cathode copper": "copper cathode",
    "copper cathodes": "copper cathode",
    "cathodes": "copper cathode",
    "refined copper": "copper cathode",
    "copper concentrates": "copper concentrate",
    "concentrate": "copper concentrate",
    "rare earth metals": "rare earths",
    "rare earth": "rare earths",
    "rare-earth metals": "rare earths",
    "rare earth elements": "rare earths",
    "ferro-alloys": "ferroalloys",
    "ferroalloy": "ferroalloys",
    "ferro-chrome": "ferrochrome",
    "ferrochromium": "ferrochrome",
    "ferro-silicon": "ferrosilicon",
    "refined gold": "gold",
    "gold bullion": "gold",
    "iron-ore": "iron ore",
    "iron ore concentrate": "iron ore",
    "hbi": "hot briquetted iron",
    "polymetals": "polymetallic",
    "polymetallic ore": "polymetallic",
    "fertilisers": "fertilizers",
    "fertiliser": "fertilizers",
    "fertilizer": "fertilizers",
    "crude steel": "steel",
    "rolled steel": "steel",
    "coal concentrate": "coal",
    "coking coal": "coal",
    "pig-iron": "pig iron",
    "cast-iron": "cast iron",
    "steel pipes": "pipes",
    "uranium oxide": "uranium",
    "zinc concentrate": "zinc",
    "lead concentrate": "lead",
    "raw materials": "ore",
    "silicomanganese": "ferroalloys",
    "sulphuric acid": "chemicals",
    "sulfuric acid": "chemicals",
    "raw material": "ore",
    "blister copper": "copper",
    "copper cable": "copper",
    "copper wire": "copper",
    "pellets": "iron ore",
    "iron ore pellets": "iron ore",
    "clinker": "cement",
    "phosphate fertilizer": "fertilizers",
    "phosphate fertilizers": "fertilizers",
    "phosphate rock": "phosphate",
    "phosphates": "phosphate",
    # Products of a vocabulary class keep the class (GUIDELINES 47).
    "urea": "fertilizers",
    "carbamide": "fertilizers",
    "ammonia": "fertilizers",
    "ammonium nitrate": "fertilizers",
    "ammonium phosphate": "fertilizers",
    "diammonium phosphate": "fertilizers",
    "monoammonium phosphate": "fertilizers",
    "ammonium dihydrogen phosphate": "fertilizers",
    "superphosphate": "fertilizers",
    "triple superphosphate": "fertilizers",
    "phosphoric acid": "chemicals",
    "methanol": "chemicals",
    "caustic soda": "chemicals",
    "soda ash": "chemicals",
    "polyvinyl chloride": "chemicals",
    "polyethylene": "chemicals",
    "polypropylene": "chemicals",
    "ferronickel": "ferroalloys",
    "ferromanganese": "ferroalloys",
    "tubular products": "pipes",
    "steel tubes": "pipes",
    # Lithium's ores and their concentrates are lithium (as iron ore pellets are iron ore).
    "spodumene": "lithium",
    "spodumene concentrate": "lithium",
    "petalite": "lithium",
    "petalite concentrate": "lithium",
    "lepidolite": "lithium",
    # Semi-finished steel: a slab is steel cast for rolling.
    "slab": "steel",
    "slabs": "steel",
}

# Synonyms too generic to read as a commodity in running text ("tungsten concentrate" is not
# copper concentrate); they still map when a model or a labeller writes them as a commodity.
_GENERIC_SYNONYMS = frozenset({"concentrate", "cathodes", "raw materials", "raw material"})
#: Every word of running text that names a commodity: canonical names and specific synonyms.
COMMODITY_WORDS: tuple[str, ...] = (
    *COMMODITIES,
    *(name for name in _COMMODITY_SYNONYMS if name not in _GENERIC_SYNONYMS),
)


def canonical_commodity(name: str) -> str:
    """Return the canonical lower-case commodity name for ``name``.

    Unknown names are kept, lower-cased and space-folded, so that a new
    commodity is visible in output rather than silently dropped.

    Args:
        name: A commodity as written in an article or by a labeller.

    """
    folded = key(name)
    return _COMMODITY_SYNONYMS.get(folded, folded)


def known_commodity(name: str) -> bool:
    """Return True when ``name`` canonicalises into the contract's vocabulary."""
    return canonical_commodity(name) in COMMODITIES
