"""Sentences on society: migrant stocks and opinion polls."""

from __future__ import annotations

import re

import pandas as pd

from analysis.summary.common import _series


def _persons(v: float) -> str:
    return f"{v:,.0f}"


def _change(v0: float, v1: float) -> str:
    return f"{(v1 / v0 - 1) * 100:+.0f}%" if v0 > 0 else ""


def describe_stock(panel: pd.DataFrame, direction: str, born: str, lives: str) -> str | None:
    """Describe a migrant stock: the latest UN DESA figure, its change, the World Bank 2017 figure.

    Examples
    --------
    >>> p = pd.DataFrame({"indicator": ["migration.stock_a_in_b"] * 2 + ["migration.stock_a_in_b_wb2017"],
    ...                   "year": [2000, 2024, 2017], "value": [100.0, 80.0, 95.0]})
    >>> describe_stock(p, "a_in_b", "Armenia", "Russia")
    "UN DESA counts 80 people born in Armenia living in Russia in 2024, against 100 in 2000 (-20%). The World Bank's 2017 matrix, a separate estimate, gives 95 for 2017."
    """
    un = _series(panel, f"migration.stock_{direction}")
    wb = _series(panel, f"migration.stock_{direction}_wb2017")
    if un.empty and wb.empty:
        return None
    text = ""
    if len(un):
        y1, v1 = int(un.index[-1]), un.iloc[-1]
        text = f"UN DESA counts {_persons(v1)} people born in {born} living in {lives} in {y1}"
        if len(un) > 1:
            y0, v0 = int(un.index[0]), un.iloc[0]
            change = _change(v0, v1)
            text += f", against {_persons(v0)} in {y0}" + (f" ({change})" if change else "")
        text += "."
    if len(wb):
        lead = (
            " The World Bank's 2017 matrix, a separate estimate, gives"
            if text
            else (
                f"The World Bank's 2017 matrix estimates people born in {born} living in {lives} at"
            )
        )
        text += f"{lead} {_persons(wb.iloc[-1])} for {int(wb.index[-1])}."
    return text.strip()


def _wave_when(row) -> str:
    """Say when a wave was fielded: "2013", "August 2018", "Q1 2023", or its report date."""
    wave = str(row["wave"])
    if row["dated_by"] == "publication":
        return f"a poll reported in {pd.Timestamp(row['date']):%B %Y} (wave not named)"
    if re.fullmatch(r"\d{4}-\d{2}", wave):
        return f"{pd.Period(wave, freq='M'):%B %Y}"
    quarter = re.fullmatch(r"(\d{4})-Q(\d)", wave)
    if quarter:
        return f"Q{quarter.group(2)} {quarter.group(1)}"
    return wave


def _wave_value(row) -> str:
    text = f"{row['value']:.0f}%" if row["value"] == round(row["value"]) else f"{row['value']:.1f}%"
    if pd.notna(row.get("lo")) and str(row.get("rule", "")).startswith("computed from the micro"):
        text += f" (95% interval {row['lo']:.1f}–{row['hi']:.1f})"  # a sampling interval
    elif pd.notna(row.get("lo")):
        text += f" (reports differ: {row['lo']:.0f}–{row['hi']:.0f})"
    return text


def describe_poll(waves: pd.DataFrame, indicator: str, what: str, survey: str) -> str | None:
    """Describe one poll series: its first and latest wave (the waves as reported).

    ``what`` completes "the share of people who ..." (e.g. "named Russia as Armenia's main
    friend"); ``survey`` names the survey.
    """
    w = waves[waves["indicator"] == indicator].sort_values("date")
    if w.empty:
        return None
    last = w.iloc[-1]
    text = f"In the {survey}, {_wave_value(last)} {what} in {_wave_when(last)}"
    if len(w) > 1:
        first = w.iloc[0]
        text += f", against {_wave_value(first)} in {_wave_when(first)}"
    return text + "."


def summarize_society(
    panel: pd.DataFrame, waves: pd.DataFrame, name_a: str, name_b: str, iso_b: str
) -> list[str]:
    """Return the society section's summary sentences, generated from the panel and poll waves."""
    w = waves[waves["country_b"] == iso_b] if len(waves) else waves
    sentences = [
        describe_stock(panel, "a_in_b", name_a, name_b),
        describe_stock(panel, "b_in_a", name_b, name_a),
    ]
    share = _series(panel, "migration.stock_a_in_b_pop")
    if len(share):
        sentences.append(
            f"People born in {name_a} living in {name_b} equalled {share.iloc[-1]:.1f}% of "
            f"{name_a}'s population in {int(share.index[-1])}."
        )
    est = _series(panel, "remittances.estimate_b_to_a_wb2017")
    cba = _series(panel, "remittances.transfers_b_to_a")
    if len(est):
        y = int(est.index[-1])
        text = (
            f"The World Bank's analytical estimate of remittances from {name_b} to {name_a} was "
            f"USD {est.iloc[-1]:,.0f} million in {y}"
        )
        if y in cba.index:
            text += (
                f"; the Central Bank of Armenia recorded USD {cba[y]:,.0f} million of money "
                f"transfers from {name_b} through banks that year"
            )
        sentences.append(text + ".")
    if len(w):
        sentences += [
            describe_poll(
                w,
                "opinion.partner_main_friend",
                f"named {name_b} as {name_a}'s main friend",
                "CRRC Caucasus Barometer and CRRC polls",
            ),
            describe_poll(
                w,
                "opinion.relations_good",
                f"said relations with {name_b} were good",
                "IRI surveys",
            ),
            describe_poll(
                w,
                "opinion.partner_main_threat",
                f"named {name_b} among the greatest political threats (several answers allowed)",
                "IRI surveys",
            ),
        ]
    return [s for s in sentences if s]
