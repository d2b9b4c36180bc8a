"""Metadata of every indicator id: title, unit, direction, definition, sources."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Indicator:
    """Metadata of one indicator id (``dimension.name``)."""

    id: str
    title: str
    unit: str
    direction: str  # "closer" if a higher value means closer ties, "distant", or "neutral"
    definition: str
    sources: tuple[str, ...]

    @property
    def dimension(self) -> str:
        """Return the dimension, the part of the id before the dot."""
        return self.id.split(".", 1)[0]


_TRADE_SRC = ("armstat", "imf_dots")

INDICATORS: dict[str, Indicator] = {
    i.id: i
    for i in [
        Indicator(
            "trade.exports_a_to_b",
            "Exports of a to b",
            "USD million",
            "closer",
            "Merchandise exports of a to b, FOB, as reported by a (Armstat for Armenia from "
            "2007, IMF DOTS otherwise).",
            _TRADE_SRC,
        ),
        Indicator(
            "trade.imports_a_from_b",
            "Imports of a from b",
            "USD million",
            "closer",
            "Merchandise imports of a from b as reported by a: by country of origin (Armstat) "
            "or CIF (IMF DOTS).",
            _TRADE_SRC,
        ),
        Indicator(
            "trade.balance",
            "Trade balance of a with b",
            "USD million",
            "neutral",
            "Exports of a to b minus imports of a from b.",
            _TRADE_SRC,
        ),
        Indicator(
            "trade.total",
            "Total trade of a with b",
            "USD million",
            "closer",
            "Exports of a to b plus imports of a from b.",
            _TRADE_SRC,
        ),
        Indicator(
            "trade.partner_share",
            "b's share of a's trade",
            "%",
            "closer",
            "(Exports + imports of a with b) / (a's total exports + imports) x 100; totals from "
            "the same source (Armstat: sum over all partners; IMF DOTS: partner 'World').",
            _TRADE_SRC,
        ),
        Indicator(
            "trade.partner_rank",
            "b's rank among a's trading partners",
            "rank",
            "closer",
            "Rank of b among a's partner countries by exports + imports (1 = largest; ties "
            "share the lower rank; aggregates and unspecified partners excluded). Lower is closer.",
            _TRADE_SRC,
        ),
        Indicator(
            "trade.dependence_gdp",
            "Trade with b as % of a's GDP",
            "%",
            "closer",
            "(Exports + imports of a with b) / GDP of a in current USD (WDI NY.GDP.MKTP.CD) x 100.",
            _TRADE_SRC + ("wdi",),
        ),
        Indicator(
            "trade.partner_hhi",
            "Concentration of a's trade over partners (HHI)",
            "index 0-10,000",
            "neutral",
            "Herfindahl-Hirschman index of a's trade (exports + imports) over its partner "
            "countries: sum of squared percentage shares; 10,000 = one partner only.",
            _TRADE_SRC,
        ),
        Indicator(
            "trade.salience",
            "Trade salience (Barbieri)",
            "0-1",
            "closer",
            "Barbieri (1996): sqrt(share_a x share_b), where share_a = trade of a with b / a's "
            "total trade (same source as the bilateral flow) and share_b = the same bilateral "
            "trade / b's merchandise trade (WDI TX.VAL.MRCH.CD.WT + TM.VAL.MRCH.CD.WT).",
            _TRADE_SRC + ("wdi",),
        ),
        Indicator(
            "trade.symmetry",
            "Trade symmetry (Barbieri)",
            "0-1",
            "neutral",
            "Barbieri (1996): 1 - |share_a - share_b| with the shares of trade.salience; "
            "1 = both depend on the other equally.",
            _TRADE_SRC + ("wdi",),
        ),
        Indicator(
            "remittances.transfers_b_to_a",
            "Money transfers from b to a",
            "USD million",
            "closer",
            "Money transfers of individuals from b to a through a's banks, total, incl. "
            "commercial transfers (CBA inflows; Armenia only).",
            ("cba",),
        ),
        Indicator(
            "remittances.transfers_b_to_a_noncommercial",
            "Non-commercial transfers from b to a",
            "USD million",
            "closer",
            "The non-commercial (remittance-like) part of transfers from b to a (CBA).",
            ("cba",),
        ),
        Indicator(
            "remittances.transfers_a_to_b",
            "Money transfers from a to b",
            "USD million",
            "closer",
            "Money transfers of individuals from a to b through a's banks, total (CBA outflows).",
            ("cba",),
        ),
        Indicator(
            "remittances.partner_share",
            "b's share of transfers into a",
            "%",
            "closer",
            "Total transfers from b / total transfers from all countries into a x 100 (CBA).",
            ("cba",),
        ),
        Indicator(
            "remittances.transfers_gdp",
            "Transfers from b as % of a's GDP",
            "%",
            "closer",
            "Total transfers from b to a / GDP of a in current USD (WDI) x 100.",
            ("cba", "wdi"),
        ),
        Indicator(
            "security.defense_pact",
            "Defence pact between a and b",
            "0/1",
            "closer",
            "1 if ATOP v5.1 records a defence obligation between a and b that year (any "
            "alliance with a defence clause), 0 if the two states have none (1815-2018). After "
            "2018, 1 (source 'curated') where both are documented members of the CSTO in the "
            "curated memberships table (a frozen participation still counts: it is not leaving); "
            "no row where nothing is documented.",
            ("atop", "curated"),
        ),
        Indicator(
            "security.defense_pact_cow",
            "Defence pact between a and b (COW)",
            "0/1",
            "closer",
            "1 if COW Formal Alliances v4.1 (Gibler) records a defence pact between a and b that "
            "year, 0 if not (1816-2012); a second, independent coding beside ATOP.",
            ("cow_alliance",),
        ),
        Indicator(
            "security.shared_igos",
            "Intergovernmental organisations a and b share",
            "count",
            "closer",
            "Number of intergovernmental organisations in which both a and b are full members "
            "(COW IGO v3 dyad-year count, to 2014).",
            ("cow_igo",),
        ),
        Indicator(
            "security.igo_memberships_a",
            "Intergovernmental organisations a belongs to",
            "count",
            "neutral",
            "Number of intergovernmental organisations in which a is a full member (COW IGO v3), "
            "in the years shared_igos is given: the denominator for reading shared_igos.",
            ("cow_igo",),
        ),
        Indicator(
            "security.shared_org_csto",
            "Both in the CSTO",
            "0/1",
            "closer",
            "1 if a and b are both members of the Collective Security Treaty Organization: COW "
            "IGO full membership to 2014, then the curated memberships table where both "
            "countries' statuses are documented (a frozen participation still counts as "
            "membership). See shared_org_csto_active for participation.",
            ("cow_igo", "curated"),
        ),
        Indicator(
            "security.shared_org_csto_active",
            "Both taking part in the CSTO",
            "0/1",
            "closer",
            "1 if a and b are both CSTO members and neither has frozen or suspended its "
            "participation, 0 otherwise; from the curated memberships table only (documented "
            "years).",
            ("curated",),
        ),
        Indicator(
            "security.shared_org_eaeu",
            "Both in the Eurasian Economic Union",
            "0/1",
            "closer",
            "1 if a and b are both members of the Eurasian Economic Union (from 2015), 0 if "
            "not; from the curated memberships table (documented years only).",
            ("curated",),
        ),
        Indicator(
            "security.shared_org_cis",
            "Both in the CIS",
            "0/1",
            "closer",
            "1 if a and b are both members of the Commonwealth of Independent States: COW IGO "
            "full membership to 2014, then the curated memberships table where documented.",
            ("cow_igo", "curated"),
        ),
        Indicator(
            "security.arms_tiv_b_to_a",
            "Arms delivered from b to a",
            "TIV million",
            "closer",
            "SIPRI trend-indicator value of major conventional weapons delivered from b to a "
            "that year (trade register from 2000, TIV tables before); 0 in a year SIPRI records "
            "no delivery. The TIV measures volume, not price.",
            ("sipri_register", "sipri_tiv"),
        ),
        Indicator(
            "security.arms_imports_a",
            "Arms imports of a",
            "TIV million",
            "neutral",
            "SIPRI trend-indicator value of all major conventional weapons delivered to a that "
            "year, from every supplier (including non-state and unknown suppliers).",
            ("sipri_register", "sipri_tiv"),
        ),
        Indicator(
            "security.arms_supplier_share",
            "b's share of a's arms imports",
            "%",
            "closer",
            "TIV delivered from b to a / TIV delivered to a from all suppliers x 100, in the "
            "years a imported any (SIPRI).",
            ("sipri_register", "sipri_tiv"),
        ),
        Indicator(
            "security.arms_supplier_hhi",
            "Concentration of a's arms imports (HHI)",
            "index 0-10,000",
            "neutral",
            "Herfindahl-Hirschman index of a's arms imports over its suppliers: sum of squared "
            "percentage shares of TIV (each supplier SIPRI lists counts once, including "
            "'unknown supplier(s)'); 10,000 = a single supplier. Years a imported any.",
            ("sipri_register", "sipri_tiv"),
        ),
        Indicator(
            "security.conflict_a",
            "Armed conflicts a took part in",
            "count",
            "neutral",
            "Number of UCDP/PRIO state-based armed conflicts (25 or more battle-related deaths "
            "in the year) in which a was a primary or secondary party on either side; 0 if none.",
            ("ucdp_acd",),
        ),
        Indicator(
            "security.conflict_b",
            "Armed conflicts b took part in",
            "count",
            "neutral",
            "As conflict_a, for b.",
            ("ucdp_acd",),
        ),
        Indicator(
            "security.conflict_intensity_a",
            "Highest conflict intensity for a",
            "0-2",
            "neutral",
            "Highest UCDP intensity among a's conflicts that year: 0 none, 1 minor (25-999 "
            "battle-related deaths), 2 war (1,000 or more).",
            ("ucdp_acd",),
        ),
        Indicator(
            "security.conflict_intensity_b",
            "Highest conflict intensity for b",
            "0-2",
            "neutral",
            "As conflict_intensity_a, for b.",
            ("ucdp_acd",),
        ),
        Indicator(
            "security.conflict_opposed",
            "Conflicts with a and b on opposite sides",
            "count",
            "distant",
            "Number of UCDP/PRIO armed conflicts in which a and b were parties (primary or "
            "secondary) on opposite sides that year.",
            ("ucdp_acd",),
        ),
        Indicator(
            "security.cinc_ratio",
            "Capabilities of a relative to b (CINC ratio)",
            "ratio",
            "neutral",
            "COW Composite Index of National Capability of a divided by that of b (1 = equal "
            "material capabilities).",
            ("cow_nmc",),
        ),
        Indicator(
            "security.cinc_share_a",
            "a's share of the pair's capabilities",
            "%",
            "neutral",
            "CINC of a / (CINC of a + CINC of b) x 100.",
            ("cow_nmc",),
        ),
    ]
}


def get_indicator(indicator_id: str) -> Indicator:
    """Return the metadata of an indicator id, or raise KeyError naming the known ids."""
    try:
        return INDICATORS[indicator_id]
    except KeyError:
        raise KeyError(
            f"unknown indicator {indicator_id!r}; known: {', '.join(INDICATORS)}"
        ) from None
