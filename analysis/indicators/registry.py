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


#: Display titles of the dimensions (the part of an id before the dot). A dimension missing here is
#: still shown everywhere, titled from its id ("public_opinion" -> "Public opinion").
DIMENSION_TITLES = {
    "trade": "Trade",
    "remittances": "Money transfers",
    "alignment": "Political alignment",
    "security": "Security",
    "diplomacy": "Diplomacy",
    "opinion": "Public opinion",
    "migration": "Migration",
    "energy": "Energy",
}

#: What a higher value means, per ``Indicator.direction``; for reports and summaries.
DIRECTION_TEXT = {
    "closer": "closer ties",
    "distant": "more distant ties",
    "neutral": "neither closer nor more distant ties",
}


def dimension_title(dimension: str) -> str:
    """Return the display title of a dimension id.

    Examples
    --------
    >>> dimension_title("remittances"), dimension_title("public_opinion")
    ('Money transfers', 'Public opinion')
    """
    return DIMENSION_TITLES.get(dimension, dimension.replace("_", " ").capitalize())


_TRADE_SRC = ("armstat", "imf_dots")

INDICATORS: dict[str, Indicator] = {
    i.id: i
    for i in [
        Indicator(
            "trade.exports_a_to_b",
            "Exports of a to b",
            "USD million",
            "closer",
            "Merchandise exports of a to b, FOB, as reported by a (its national statistics "
            "office where the package has its series, IMF DOTS otherwise).",
            _TRADE_SRC,
        ),
        Indicator(
            "trade.imports_a_from_b",
            "Imports of a from b",
            "USD million",
            "closer",
            "Merchandise imports of a from b as reported by a: by country of origin (national "
            "series) or CIF (IMF DOTS).",
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
            "the same source (a national series: sum over all partners; IMF DOTS: partner "
            "'World').",
            _TRADE_SRC,
        ),
        Indicator(
            "trade.partner_rank",
            "b's rank among a's trading partners",
            "rank",
            "distant",  # a higher rank number is a less important partner
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
            "trade.pta_in_force",
            "Trade agreement in force between a and b",
            "0/1",
            "closer",
            "1 if at least one trade agreement binding both a and b is in force that year "
            "(DESTA: from its entry into force, a withdrawal ending it), 0 if none. Only for "
            "pairs with Armenia or Russia (the staged DESTA extract holds their agreements); "
            "missing for other pairs and after DESTA's last year.",
            ("desta",),
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
            "diplomacy.leader_meetings",
            "Documented in-person meetings of the leaders of a and b (a lower bound)",
            "count",
            "closer",
            "In-person meetings of the two countries' leaders per year, counted from the curated, "
            "cited table data/curated/leader_contacts.csv (one row per meeting, each with its "
            "source; which offices count is stated in the catalog). Only years with at least one "
            "documented meeting have a row: the table is not complete, so the counts are lower "
            "bounds and a year without a documented meeting is missing, not zero. Pairs without "
            "curated contacts have no rows.",
            ("curated",),
        ),
        Indicator(
            "diplomacy.leader_calls",
            "Phone calls between the leaders of a and b",
            "count",
            "closer",
            "Telephone calls of the two countries' leaders per year from the curated table, given "
            "only for the years the table declares complete for the pair (CALL_COVERAGE in "
            "analysis/curated.py); outside that window there is no row. No window is declared "
            "yet: the calls in the table are a lower bound.",
            ("curated",),
        ),
        *[
            Indicator(
                f"diplomacy.leader_visits_{d}",
                f"Top-level visits from {x} to {y} (pairs with the USA)",
                "count",
                "closer",
                f"Visits per year from {x} to {y} recorded by the US Office of the Historian; "
                "pairs with the USA only. From the USA: trips of the US President or the "
                "Secretary of State (one per trip and country visited). To the USA: the "
                "Historian's visits by foreign leaders (heads of state and government as it "
                "records them, and occasionally others such as a president-elect; every record "
                "counts). A multilateral summit held in the host country counts as a visit. "
                "Complete records, not a sample: 0 in a covered year without a visit; no row "
                "before a file's first year, after its last complete year, or in years the "
                "partner was not a state (COW state list). Other pairs have no rows.",
                ("us_visits", "cow_states"),
            )
            for d, x, y in (("a_to_b", "a", "b"), ("b_to_a", "b", "a"))
        ],
        # --- energy: Armenia's natural-gas imports (UN Comtrade) -------------------------------
        Indicator(
            "energy.gas_imports_value",
            "Natural-gas imports of a from b",
            "USD million",
            "closer",
            "Imports of natural gas in gaseous state (HS 271121) of a from b, as reported by a to "
            "UN Comtrade, summed over the year; only years with all twelve months in the file "
            "(Armenia only, 2011-2022).",
            ("comtrade_gas",),
        ),
        Indicator(
            "energy.gas_imports_volume",
            "Natural-gas imports of a from b (net weight)",
            "thousand tonnes",
            "closer",
            "Net weight of the HS 271121 imports of a from b (UN Comtrade), summed over the year; "
            "only years with all twelve months in the file.",
            ("comtrade_gas",),
        ),
        Indicator(
            "energy.gas_import_share",
            "b's share of a's natural-gas imports",
            "%",
            "closer",
            "Energy dependence: HS 271121 imports of a from b / a's HS 271121 imports from all "
            "partners x 100, by value (UN Comtrade), over the months the file holds (2010: ten, "
            "2023: January-September).",
            ("comtrade_gas",),
        ),
        Indicator(
            "energy.gas_import_unit_value",
            "Unit value of a's natural-gas imports from b",
            "USD per tonne",
            "neutral",
            "Value / net weight of the HS 271121 imports of a from b (UN Comtrade): the average "
            "price paid per tonne, over the months the file holds.",
            ("comtrade_gas",),
        ),
        # --- society: migration (UN DESA, World Bank 2017) -----------------------------------
        Indicator(
            "migration.stock_a_in_b",
            "People born in a living in b",
            "persons",
            "closer",
            "International migrant stock at mid-year: persons born in a living in b, both sexes "
            "(UN DESA International Migrant Stock 2024; 1990, 1995, ..., 2020, 2024).",
            ("undesa_ims",),
        ),
        Indicator(
            "migration.stock_b_in_a",
            "People born in b living in a",
            "persons",
            "closer",
            "International migrant stock at mid-year: persons born in b living in a, both sexes "
            "(UN DESA International Migrant Stock 2024).",
            ("undesa_ims",),
        ),
        Indicator(
            "migration.stock_a_in_b_pop",
            "People born in a living in b, % of a's population",
            "%",
            "closer",
            "migration.stock_a_in_b / population of a in the same year (WDI SP.POP.TOTL) x 100.",
            ("undesa_ims", "wdi"),
        ),
        Indicator(
            "migration.stock_a_in_b_wb2017",
            "People born in a living in b (World Bank 2017)",
            "persons",
            "closer",
            "Bilateral migrant stock 2017 from the World Bank/KNOMAD Bilateral Migration Matrix: "
            "a second estimate, kept apart from the UN DESA series.",
            ("wb_bilateral_2017",),
        ),
        Indicator(
            "migration.stock_b_in_a_wb2017",
            "People born in b living in a (World Bank 2017)",
            "persons",
            "closer",
            "Bilateral migrant stock 2017 (World Bank/KNOMAD Bilateral Migration Matrix).",
            ("wb_bilateral_2017",),
        ),
        Indicator(
            "remittances.estimate_b_to_a_wb2017",
            "Estimated remittances from b to a (World Bank 2017, analytical estimate)",
            "USD million",
            "closer",
            "World Bank/KNOMAD Bilateral Remittance Estimates for 2017 (April 2018): a's "
            "remittance inflows allocated to senders by migrant stocks and incomes (Ratha and "
            "Shaw 2007). An analytical estimate, not a reported flow.",
            ("wb_bilateral_2017",),
        ),
        Indicator(
            "remittances.estimate_a_to_b_wb2017",
            "Estimated remittances from a to b (World Bank 2017, analytical estimate)",
            "USD million",
            "closer",
            "World Bank/KNOMAD Bilateral Remittance Estimates for 2017, from a to b. An "
            "analytical estimate, not a reported flow.",
            ("wb_bilateral_2017",),
        ),
        Indicator(
            "remittances.received_all_gdp",
            "Personal remittances received by a from all countries, % of a's GDP",
            "%",
            "neutral",
            "WDI BX.TRF.PWKR.CD.DT / NY.GDP.MKTP.CD x 100: a's remittances from every country, "
            "context for the bilateral figures (the same for every partner b; given only for "
            "pairs with a World Bank remittance estimate from b to a).",
            ("wdi",),
        ),
        # --- society: public opinion (surveys of Armenia's residents) ---------------------------
        Indicator(
            "opinion.partner_main_friend",
            "Share of people in a naming b as a's main friend",
            "%",
            "closer",
            "CRRC Caucasus Barometer, 'Which country is currently the main friend of Armenia?' "
            "(one answer): % naming b. Survey year = fieldwork year; a wave reported only by its "
            "publication date is dated by it. Two reports of one wave: the primary publisher's "
            "value, else their mean with the range as lo-hi. The 2024 wave is computed from the "
            "microdata: weighted share (weight INDWT) over every completed interview, don't "
            "know and refusals included; lo-hi its 95% design-based interval (Taylor "
            "linearisation over CRRC's clusters and strata).",
            ("press_toplines", "crrc_cb2024"),
        ),
        Indicator(
            "opinion.partner_main_enemy",
            "Share of people in a naming b as a's main enemy",
            "%",
            "distant",
            "CRRC Caucasus Barometer, 'Which country is currently the main enemy of Armenia?' "
            "(one answer): % naming b. The 2024 wave from the microdata, as for main_friend.",
            ("press_toplines", "crrc_cb2024"),
        ),
        Indicator(
            "opinion.relations_good",
            "Share of people in a saying relations with b are good",
            "%",
            "closer",
            "IRI surveys of residents of Armenia: % saying relations with b are good or very "
            "good. Where a year has two waves the later is kept (all waves in the charts).",
            ("press_toplines",),
        ),
        Indicator(
            "opinion.relations_bad",
            "Share of people in a saying relations with b are bad",
            "%",
            "distant",
            "IRI surveys of residents of Armenia: % saying relations with b are bad or very bad.",
            ("press_toplines",),
        ),
        Indicator(
            "opinion.partner_main_threat",
            "Share of people in a naming b as the greatest political threat",
            "%",
            "distant",
            "IRI surveys of residents of Armenia, greatest political threat to Armenia (several "
            "answers allowed): % naming b. The later wave of a year is kept.",
            ("press_toplines",),
        ),
        Indicator(
            "opinion.partner_economic_threat",
            "Share of people in a naming b as the greatest economic threat",
            "%",
            "distant",
            "IRI surveys of residents of Armenia, greatest economic threat (several answers "
            "allowed): % naming b.",
            ("press_toplines",),
        ),
        Indicator(
            "opinion.partner_political_partner",
            "Share of people in a naming b as the most important political partner",
            "%",
            "closer",
            "IRI surveys of residents of Armenia, most important political partner (several "
            "answers allowed): % naming b. The later wave of a year is kept.",
            ("press_toplines",),
        ),
        Indicator(
            "opinion.partner_security_partner",
            "Share of people in a naming b as the most important security partner",
            "%",
            "closer",
            "IRI surveys of residents of Armenia, most important security partner (several "
            "answers allowed): % naming b.",
            ("press_toplines",),
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
            "that year (trade register of February 2026 from 1995, TIV tables before); 0 in a "
            "year SIPRI records no delivery. The TIV measures volume, not price.",
            ("sipri_register_1995_2024", "sipri_tiv"),
        ),
        Indicator(
            "security.arms_imports_a",
            "Arms imports of a",
            "TIV million",
            "neutral",
            "SIPRI trend-indicator value of all major conventional weapons delivered to a that "
            "year, from every supplier (including non-state and unknown suppliers).",
            ("sipri_register_1995_2024", "sipri_tiv"),
        ),
        Indicator(
            "security.arms_supplier_share",
            "b's share of a's arms imports",
            "%",
            "closer",
            "TIV delivered from b to a / TIV delivered to a from all suppliers x 100, in the "
            "years a imported any (SIPRI).",
            ("sipri_register_1995_2024", "sipri_tiv"),
        ),
        Indicator(
            "security.arms_supplier_hhi",
            "Concentration of a's arms imports (HHI)",
            "index 0-10,000",
            "neutral",
            "Herfindahl-Hirschman index of a's arms imports over its suppliers: sum of squared "
            "percentage shares of TIV (each supplier SIPRI lists counts once, including "
            "'unknown supplier(s)'); 10,000 = a single supplier. Years a imported any.",
            ("sipri_register_1995_2024", "sipri_tiv"),
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
            "security.mid_onsets",
            "Militarised disputes begun between a and b",
            "count",
            "distant",
            "Number of militarised interstate disputes (threats, displays or uses of force) "
            "that began between a and b that year, COW MID v5.0 directed dyad-years "
            "(1816-2014); 0 in the dyad's years without a new dispute. The peacesciencer file "
            "keeps one dispute per dyad-year, so the count is at most 1.",
            ("cow_mid",),
        ),
        Indicator(
            "security.rivalry",
            "Strategic rivals",
            "0/1",
            "distant",
            "1 if a and b are strategic rivals that year (Thompson, Sakuwa and Suhas), 0 if not; "
            "no row outside the data set's coverage (to 2020).",
            ("tss_rivalries",),
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


_VOTE_SRC = ("unvotes", "undl_2020_2024", "undl_2025_thirdparty_scrape")
_VOTE_BASIS = (
    "on the UNGA roll calls of the calendar year on which both a and b voted yes, no or "
    "abstain (absent, non-voting and non-member excluded); votes from Voeten's data to 2019, "
    "the UN Digital Library extract 2020-2024 and a third-party scrape for 2025"
)
_ISSUES = {
    "me": "Palestinian conflict",
    "nu": "nuclear weapons",
    "di": "arms control and disarmament",
    "hr": "human rights",
    "co": "colonialism",
    "ec": "economic development",
}


def _vote_indicators(suffix: str = "", issue: str | None = None) -> list[Indicator]:
    """The four UNGA vote indicators, for all roll calls or the roll calls of one issue."""
    on = f": {issue} votes" if issue else ""
    basis = _VOTE_BASIS
    sources = _VOTE_SRC
    if issue:
        basis = (
            f"on the UNGA roll calls coded '{issue}' in Voeten's data (to 2019) of the calendar "
            "year on which both a and b voted yes, no or abstain"
        )
        sources = ("unvotes",)
    return [
        Indicator(
            f"alignment.unga_agreement{suffix}",
            f"Agreement of a with b at the UNGA{on}",
            "%",
            "closer",
            f"Roll calls on which a and b cast the same vote / roll calls on which both voted x "
            f"100, {basis}. lo/hi: 95% percentile bootstrap interval over roll calls.",
            sources,
        ),
        Indicator(
            f"alignment.unga_joint_votes{suffix}",
            f"UNGA roll calls on which a and b both voted{on}",
            "count",
            "neutral",
            f"The denominator of the agreement: the number of roll calls {basis}.",
            sources,
        ),
        Indicator(
            f"alignment.unga_kappa{suffix}",
            f"Cohen's kappa of a's and b's UNGA votes{on}",
            "—",
            "closer",
            "Agreement corrected for chance (Häge 2011): (p_o - p_e) / (1 - p_e), p_o the share "
            "of identical votes, p_e = sum over yes/abstain/no of the product of a's and b's "
            f"shares of that vote; unweighted, {basis}. 1 = identical voting, 0 = as by chance; "
            "no row where both always cast one and the same vote. lo/hi: bootstrap interval.",
            sources,
        ),
        Indicator(
            f"alignment.unga_s_score{suffix}",
            f"Signorino-Ritter S of a's and b's UNGA votes{on}",
            "—",
            "closer",
            "S = 1 - 2 x sum|x_a - x_b| / n (Signorino and Ritter 1999, three categories) with "
            f"yes = 1, abstain = 0.5, no = 0 and n joint votes, {basis}. From -1 (always "
            "opposite) to 1 (always the same). lo/hi: bootstrap interval.",
            sources,
        ),
    ]


_IDEAL = "Bailey-Strezhnev-Voeten ideal point (final-passage votes; 2025 provisional)"
INDICATORS.update(
    {
        i.id: i
        for i in [
            *_vote_indicators(),
            *[x for code, label in _ISSUES.items() for x in _vote_indicators(f"_{code}", label)],
            Indicator(
                "alignment.idealpoint_distance",
                "Distance between a's and b's UNGA ideal points",
                "—",
                "distant",
                f"|ideal point of a - ideal point of b|, each the {_IDEAL}; in the years both "
                "have one. No interval: the joint posterior is not published.",
                ("unga_idealpoints",),
            ),
            Indicator(
                "alignment.idealpoint_a",
                "UNGA ideal point of a",
                "—",
                "neutral",
                f"The {_IDEAL} of a; lo/hi: 5% and 95% posterior quantiles.",
                ("unga_idealpoints",),
            ),
            Indicator(
                "alignment.idealpoint_b",
                "UNGA ideal point of b",
                "—",
                "neutral",
                f"The {_IDEAL} of b; lo/hi: 5% and 95% posterior quantiles.",
                ("unga_idealpoints",),
            ),
        ]
    }
)


def get_indicator(indicator_id: str) -> Indicator:
    """Return the metadata of an indicator id, or raise KeyError naming the known ids."""
    try:
        return INDICATORS[indicator_id]
    except KeyError:
        raise KeyError(
            f"unknown indicator {indicator_id!r}; known: {', '.join(INDICATORS)}"
        ) from None
