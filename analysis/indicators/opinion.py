"""Public opinion: poll toplines mapped to indicator ids, duplicate reports reconciled.

Every topline in the staged file is a survey of Armenia's residents, so the focal country
``a`` of every opinion indicator is Armenia and ``b`` is the country respondents named.

Three steps, each a pure function:

1. :func:`map_toplines` gives every reported share a *measure* (from the exact question
   wording, :data:`QUESTION_MEASURES`) and, where the response is a country, its ISO3 code.
2. :func:`reconcile_waves` turns the reports into one value per survey wave, measure and
   response. Where several reports give one wave (e.g. CRRC Caucasus Barometer 2013 "main
   friend = Russia": 83 in one article, 84 in another) all are kept in the detail table and the
   wave gets the value reported by the primary publisher (:data:`PRIMARY_DOMAINS`) if one
   did, else the mean of the reports; ``lo``/``hi`` give the range of all reports whenever
   they disagree. A disagreement is never dropped.
3. :func:`compute_opinion` gives panel rows for a pair: one per measure and calendar year,
   the year being the wave's fieldwork year (a wave reported only by its publication date is
   dated to that date and flagged). Where one year has two waves (IRI 2023: Q1 and December)
   the panel takes every measure of that survey from the later wave only (a measure it lacks is
   missing that year); every wave stays in the waves table and in the charts.
"""

from __future__ import annotations

from urllib.parse import urlparse

import pandas as pd

from analysis.countries import resolve
from analysis.errors import BadInput, quote
from analysis.indicators.common import to_panel

#: The country every staged topline surveyed (its residents were asked).
SURVEYED_COUNTRY = "ARM"

#: Source id of the toplines in :data:`analysis.sources.SOURCES`.
SOURCE_ID = "press_toplines"

#: Exact question wording (as transcribed) -> measure. Different outlets word one IRI question
#: differently; each wording is listed and mapped to the same measure.
QUESTION_MEASURES = {
    # CRRC Caucasus Barometer (single answer)
    "Which country is currently the main friend of Armenia?": "main_friend",
    "Which country is currently the main enemy of Armenia?": "main_enemy",
    # IRI public opinion surveys of residents of Armenia
    "Relations between Armenia and Russia are good / very good": "relations_good",  # OC Media
    "Relations with Russia: good": "relations_good",  # Azatutyun (good + very good vs bad)
    "Relations with Russia: good or very good": "relations_good",  # OC Media
    "Relations with Russia: bad": "relations_bad",
    "Greatest political threat to Armenia (multiple mentions)": "political_threat",
    "Greatest political threat (multiple mentions)": "political_threat",
    "Greatest economic threat (multiple mentions)": "economic_threat",
    "Most important political partner (multiple mentions)": "political_partner",
    "Most important security partner (multiple mentions)": "security_partner",
    # EU NEIGHBOURS east annual surveys (blocs and institutions, not countries)
    "Relations with the EU are good": "relations_good",
    "Positive image of the EU": "image_positive",
    "Negative image of the EU": "image_negative",
    "Trust in institution": "trust",
    "Attitude towards Eurasian Economic Union: positive": "attitude_positive",
    "Attitude towards Eurasian Economic Union: negative": "attitude_negative",
}

#: Measures that become panel indicators when the response is a country.
MEASURE_IDS = {
    "main_friend": "opinion.partner_main_friend",
    "main_enemy": "opinion.partner_main_enemy",
    "relations_good": "opinion.relations_good",
    "relations_bad": "opinion.relations_bad",
    "political_threat": "opinion.partner_main_threat",
    "economic_threat": "opinion.partner_economic_threat",
    "political_partner": "opinion.partner_political_partner",
    "security_partner": "opinion.partner_security_partner",
}

#: Responses that are not countries: kept in the detail tables, never in the pair panel.
NON_COUNTRY_RESPONSES = {
    "No one": "no country named",
    "EU": "European Union",
    "EEU": "Eurasian Economic Union",
    "NATO": "North Atlantic Treaty Organization",
    "UN": "United Nations",
}

#: Web domains of the surveys' own publishers: a value they report outranks a press report.
PRIMARY_DOMAINS = ("crrc.am", "caucasusbarometer.org", "iri.org", "euneighbourseast.eu")

#: Key of one survey wave's value.
WAVE_KEYS = ["survey_series", "wave", "measure", "response"]


def is_primary(url: str) -> bool:
    """Return True if ``url`` is on a survey publisher's own site (:data:`PRIMARY_DOMAINS`).

    Examples
    --------
    >>> is_primary("https://www.crrc.am/en/blog/"), is_primary("https://azatutyun.am/a/1.html")
    (True, False)
    """
    host = (urlparse(str(url)).hostname or "").lower()
    return any(host == d or host.endswith("." + d) for d in PRIMARY_DOMAINS)


def _response_iso3(response: str) -> str | None:
    if response in NON_COUNTRY_RESPONSES:
        return None
    try:
        return resolve(response).iso3
    except BadInput:
        raise BadInput(
            f"poll response {quote(response)} is neither a country nor a known non-country "
            f"({', '.join(NON_COUNTRY_RESPONSES)}); add it to NON_COUNTRY_RESPONSES"
        ) from None


def map_toplines(toplines: pd.DataFrame) -> pd.DataFrame:
    """Add ``measure``, ``indicator``, ``country_a``, ``country_b`` and ``primary`` to toplines.

    ``indicator`` and ``country_b`` are empty where the response is not a country (e.g. the
    EU or "No one"): those rows stay in the detail table only.

    Raises
    ------
    BadInput
        A question wording not in :data:`QUESTION_MEASURES`, or a response that is neither
        a country nor in :data:`NON_COUNTRY_RESPONSES`.
    """
    unknown = sorted(set(toplines["question"]) - set(QUESTION_MEASURES))
    if unknown:
        raise BadInput(
            f"poll question {quote(unknown[0])} has no measure; add its exact wording to "
            f"QUESTION_MEASURES in analysis/indicators/opinion.py"
        )
    out = toplines.copy()
    out["measure"] = out["question"].map(QUESTION_MEASURES).astype("string")
    iso3 = {r: _response_iso3(r) for r in out["response"].unique()}
    out["country_a"] = SURVEYED_COUNTRY
    out["country_b"] = out["response"].map(iso3).astype("string")
    ind = out["measure"].map(MEASURE_IDS)
    out["indicator"] = ind.where(out["country_b"].notna()).astype("string")
    out["primary"] = out["source_url"].map(is_primary).astype(bool)
    return out


def reconcile_waves(mapped: pd.DataFrame) -> pd.DataFrame:
    """Return one value per survey wave, measure and response, keeping every report's trace.

    Rule: the value reported on the survey publisher's own site if any report is (mean of
    those if several), else the mean of all reports. ``lo``/``hi`` hold the smallest and
    largest reported value when the reports disagree (empty when they agree or there is one).

    Returns
    -------
    DataFrame
        ``survey_series, fieldwork_org_or_sponsor, wave, measure, response, question,
        country_a, country_b, indicator, date, year, dated_by, value, lo, hi, n_reports,
        rule, source_urls`` sorted by measure, response and date.

    Examples
    --------
    >>> rows = pd.DataFrame({
    ...     "survey_series": "CB", "fieldwork_org_or_sponsor": "CRRC", "wave": "2013",
    ...     "measure": "main_friend", "response": "Russia", "question": "Q",
    ...     "country_a": "ARM", "country_b": "RUS", "indicator": "opinion.partner_main_friend",
    ...     "date": pd.Timestamp("2013-07-02"), "year": 2013, "dated_by": "fieldwork",
    ...     "value_pct": [83.0, 84.0], "primary": False,
    ...     "source_url": ["https://a.example/1", "https://b.example/2"]})
    >>> r = reconcile_waves(rows).iloc[0]
    >>> float(r["value"]), float(r["lo"]), float(r["hi"]), int(r["n_reports"]), r["rule"]
    (83.5, 83.0, 84.0, 2, 'mean of 2 press reports (they differ)')
    """
    rows = []
    for key, g in mapped.groupby(WAVE_KEYS, sort=False, dropna=False):
        g = g.sort_values("source_url")
        primary = g[g["primary"]]
        values = g["value_pct"]
        disagree = values.nunique() > 1
        if len(primary):
            value = primary["value_pct"].mean()
            rule = "primary publisher" if len(g) == 1 else "primary publisher over press reports"
        elif len(g) == 1:
            value, rule = values.iloc[0], "single press report"
        else:
            value = values.mean()
            rule = f"mean of {len(g)} press reports" + (" (they differ)" if disagree else "")
        dates = g["date"].unique()
        if len(dates) != 1:
            raise BadInput(
                f"poll wave {dict(zip(WAVE_KEYS, key))} has reports with different fieldwork "
                f"dates; give one fieldwork period per wave"
            )
        first = g.iloc[0]
        rows.append(
            {
                **dict(zip(WAVE_KEYS, key)),
                "fieldwork_org_or_sponsor": first["fieldwork_org_or_sponsor"],
                "question": " | ".join(dict.fromkeys(g["question"])),
                "country_a": first["country_a"],
                "country_b": first["country_b"],
                "indicator": first["indicator"],
                "date": first["date"],
                "year": int(first["year"]),
                "dated_by": first["dated_by"],
                "value": float(value),
                "lo": float(values.min()) if disagree else float("nan"),
                "hi": float(values.max()) if disagree else float("nan"),
                "n_reports": len(g),
                "rule": rule,
                "source_urls": " ".join(dict.fromkeys(g["source_url"])),
            }
        )
    cols = [
        "survey_series",
        "fieldwork_org_or_sponsor",
        "wave",
        "measure",
        "response",
        "question",
        "country_a",
        "country_b",
        "indicator",
        "date",
        "year",
        "dated_by",
        "value",
        "lo",
        "hi",
        "n_reports",
        "rule",
        "source_urls",
    ]
    out = pd.DataFrame(rows, columns=cols)
    for col in ("country_b", "indicator"):
        out[col] = out[col].astype("string")
    return out.sort_values(["measure", "response", "date"], ignore_index=True)


def annual_opinion(waves: pd.DataFrame) -> pd.DataFrame:
    """Return one value per indicator, partner and year: the year's latest wave of each survey.

    A year with two waves of one survey (IRI 2023: Q1 and December) takes every measure from
    the later wave; a measure the later wave does not report is missing for that year, never
    filled from the earlier wave (which would mix two moments in one year). Rows without an
    indicator (non-country responses) are left out.
    """
    w = waves[waves["indicator"].notna()]
    series = ["survey_series", "country_a", "year"]
    latest = w.groupby(series)["date"].transform("max")
    w = w[w["date"] == latest].sort_values(["indicator", "country_b", "date"])
    keys = ["indicator", "country_b", "year"]
    return w.drop_duplicates(keys, keep="last").reset_index(drop=True)


def compute_opinion(waves: pd.DataFrame, a: str, b: str) -> pd.DataFrame:
    """Return the opinion indicators of the pair as panel rows (with ``lo``/``hi``).

    Empty unless ``a`` is the surveyed country and respondents named ``b``. ``source`` is the
    waves' ``source`` column where given (microdata waves), else the press toplines'.
    """
    annual = annual_opinion(waves)
    annual = annual[(annual["country_a"] == a) & (annual["country_b"] == b)]
    if "source" not in annual:
        annual = annual.assign(source=SOURCE_ID)
    annual = annual.assign(source=annual["source"].fillna(SOURCE_ID))
    parts = [to_panel(g, a, b, ind) for ind, g in annual.groupby("indicator", sort=True)]
    return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame()
