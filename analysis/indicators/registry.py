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
            "distant",
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
