"""Opinion shares computed from survey microdata (CRRC Caucasus Barometer 2024 Armenia).

Pure functions, no I/O. :func:`compute_cb_shares` gives, for every answer to the questions of
:data:`analysis.load_crrc.CB_QUESTIONS`, its weighted share with a design-based 95% interval
(:func:`analysis.indicators.survey.weighted_share`); :func:`microdata_waves` turns those rows
into the survey-wave rows of :func:`analysis.indicators.opinion.reconcile_waves`, so that the
panel (``opinion.partner_main_friend``, ``opinion.partner_main_enemy``) and the charts take the
2024 wave beside the earlier, press-reported waves.

Denominator: every completed interview, "don't know", refusals, "none" and interviewer errors
included (CRRC's convention in its online analysis, and that of the published shares of the
earlier waves), so the shares of one question add up to 100% over all answers.
"""

from __future__ import annotations

import pandas as pd

from analysis.countries import resolve
from analysis.errors import BadInput
from analysis.indicators import survey
from analysis.indicators.opinion import MEASURE_IDS, SURVEYED_COUNTRY

#: Source id in :data:`analysis.sources.SOURCES`.
SOURCE_ID = "crrc_cb2024"

#: What the rows say about the survey (the series name is that of the press-reported waves, so
#: that one question's waves form one series).
SURVEY = {
    "survey_series": "CRRC Caucasus Barometer",
    "fieldwork_org_or_sponsor": "CRRC-Armenia",
    "wave": "2024",
}

#: CRRC's code of the answer "None" (no country is the main friend / enemy), and how the press
#: toplines write that answer (:data:`analysis.indicators.opinion.NON_COUNTRY_RESPONSES`).
NONE_CODE = -5
NONE_RESPONSE = "No one"

#: The surveyed country's name, put for the file's ``/Country/`` placeholder in question labels.
SURVEYED_NAME = "Armenia"

#: Columns of the microdata shares table (``opinion_microdata.csv``).
MICRODATA_COLUMNS = [
    "survey_series", "fieldwork_org_or_sponsor", "wave", "fieldwork_period", "date", "year",
    "variable", "question", "measure", "code", "response", "country_a", "country_b",
    "indicator", "value_pct", "lo", "hi", "se_pct", "n_respondents", "n_answer",
    "n_eff_kish", "deff", "n_psu", "n_strata", "weight_variable", "source",
]  # fmt: skip


def _iso3(code: int, label: str) -> str | None:
    """ISO3 of an answer that names a country; None for non-answers, 'None' and 'Other'."""
    if code < 0 or code == 999:
        return None
    try:
        return resolve(label).iso3
    except BadInput:
        raise BadInput(
            f"CB answer label {label!r} (code {code}) is not a country; map it in "
            f"analysis/indicators/opinion_survey.py"
        ) from None


def fieldwork_dates(dates: pd.Series) -> tuple[pd.Timestamp, pd.Timestamp]:
    """Return the first and last interview date of the year most interviews carry.

    The CB 2024 file gives some interviews a placeholder date (1959-12-29); taking the modal
    year leaves them out without a hand-typed cut-off.
    """
    d = dates.dropna()
    year = int(d.dt.year.mode().iloc[0])
    d = d[d.dt.year == year]
    return d.min().normalize(), d.max().normalize()


def compute_cb_shares(
    data: pd.DataFrame,
    labels: dict[str, dict[int, str]],
    questions: dict[str, str],
    measures: dict[str, str],
    weight: str = "INDWT",
    psu: str = "PSU",
    strata: str = "SUBSTRATUM",
) -> pd.DataFrame:
    """Return every answer's weighted share of the given questions (:data:`MICRODATA_COLUMNS`).

    Parameters
    ----------
    data, labels, questions
        As :func:`analysis.load_crrc.load_cb2024` returns them.
    measures : dict
        Variable -> measure (``"main_friend"``, ...); the indicator id follows from
        :data:`analysis.indicators.opinion.MEASURE_IDS` where the answer is a country.
    """
    first, last = fieldwork_dates(data["INTDATE"])
    middle = (first + (last - first) / 2).normalize()
    rows = []
    for var, measure in measures.items():
        codes = data[var].to_numpy()
        for code, label in labels[var].items():
            r = survey.weighted_share(
                codes == code, data[weight].to_numpy(), data[psu].to_numpy(),
                data[strata].to_numpy(),
            )  # fmt: skip
            iso3 = _iso3(code, label)
            rows.append(
                {
                    **SURVEY,
                    "fieldwork_period": f"{first:%Y-%m-%d}..{last:%Y-%m-%d}",
                    "date": middle,
                    "year": int(middle.year),
                    "variable": var,
                    "question": questions[var].replace("/Country/", SURVEYED_NAME),
                    "measure": measure,
                    "code": int(code),
                    "response": label,
                    "country_a": SURVEYED_COUNTRY,
                    "country_b": iso3,
                    "indicator": MEASURE_IDS[measure] if iso3 else None,
                    "value_pct": 100 * r["share"],
                    "lo": 100 * r["lo"],
                    "hi": 100 * r["hi"],
                    "se_pct": 100 * r["se"],
                    "n_respondents": r["n"],
                    "n_answer": r["n_answer"],
                    "n_eff_kish": r["n_eff_kish"],
                    "deff": r["deff"],
                    "n_psu": r["n_psu"],
                    "n_strata": r["n_strata"],
                    "weight_variable": weight,
                    "source": SOURCE_ID,
                }
            )
    out = pd.DataFrame(rows, columns=MICRODATA_COLUMNS)
    floats = ["value_pct", "lo", "hi", "se_pct", "n_eff_kish", "deff"]
    out[floats] = out[floats].round(6)  # as written to the processed table
    for col in ("country_b", "indicator"):
        out[col] = out[col].astype("string")
    return out.sort_values(["variable", "code"], ignore_index=True)


def microdata_waves(table: pd.DataFrame, url: str = "") -> pd.DataFrame:
    """Return the microdata shares as survey-wave rows (the columns of ``reconcile_waves``).

    Only answers the press-reported waves also give are kept: the countries named and "none"
    (written "No one", as the press toplines write it); "don't know", refusals, interviewer
    errors and "other" stay in the microdata table (they are in every share's denominator).
    ``lo``/``hi`` are the 95% design-based interval; ``rule`` says how the value was made.
    """
    t = table[table["country_b"].notna() | (table["code"] == NONE_CODE)].copy()
    t["response"] = t["response"].where(t["code"] != NONE_CODE, NONE_RESPONSE)
    t["date"] = pd.to_datetime(t["date"])
    out = pd.DataFrame(
        {
            "survey_series": t["survey_series"],
            "fieldwork_org_or_sponsor": t["fieldwork_org_or_sponsor"],
            "wave": t["wave"].astype(str),
            "measure": t["measure"],
            "response": t["response"],
            "question": t["question"],
            "country_a": t["country_a"],
            "country_b": t["country_b"].astype("string"),
            "indicator": t["indicator"].astype("string"),
            "date": t["date"],
            "year": t["year"].astype(int),
            "dated_by": "fieldwork",
            "value": t["value_pct"].astype(float),
            "lo": t["lo"].astype(float),
            "hi": t["hi"].astype(float),
            "n_reports": 1,
            "rule": "computed from the microdata: weight "
            + t["weight_variable"].astype(str)
            + ", 95% design-based interval",
            "source_urls": url,
            "source": t["source"],
        }
    )
    return out.reset_index(drop=True)
