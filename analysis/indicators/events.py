"""Event data aggregated for a pair by month: counts by quad class, Goldstein, volume share.

Input is the standard event frame of :mod:`analysis.load_events` (GDELT 1.0/2.0 or ICEWS).
An event belongs to the pair when its source (acting) country is one of the two and its
target country the other; events of a country with itself are not counted. Months are
calendar months of the event date.

Normalisation: ``events_per_1000`` is the pair's events per 1,000 events of *all* actors in
the input with a date in the same month (``month_events``). News volume, and so the number
of coded events, grows and shrinks over time; the share removes that. It is a share of the
files given, so pass every file that covers the months of interest (for GDELT, an event file
holds the events *added* that day or quarter hour, dated by when they happened, so a month's
total is complete only with the files of that month and the days after it).
"""

from __future__ import annotations

import pandas as pd

#: Quad classes (CAMEO) and the column of each count.
QUAD_COLUMNS = {
    1: "verbal_cooperation",
    2: "material_cooperation",
    3: "verbal_conflict",
    4: "material_conflict",
}

#: Columns of the monthly aggregate.
MONTHLY_EVENT_COLUMNS = [
    "country_a",
    "country_b",
    "direction",
    "month",
    "events",
    *QUAD_COLUMNS.values(),
    "goldstein_sum",
    "goldstein_mean",
    "month_events",
    "events_per_1000",
]


def _month(dates: pd.Series) -> pd.Series:
    return dates.dt.strftime("%Y-%m")


def _aggregate(events: pd.DataFrame, totals: pd.Series) -> pd.DataFrame:
    if events.empty:
        return pd.DataFrame(columns=MONTHLY_EVENT_COLUMNS[3:])
    month = _month(events["date"]).rename("month")
    quads = (
        pd.crosstab(month, events["quad_class"])
        .reindex(columns=list(QUAD_COLUMNS), fill_value=0)
        .rename(columns=QUAD_COLUMNS)
    )
    g = events["goldstein"].groupby(month)
    out = pd.DataFrame({"events": g.size(), "goldstein_sum": g.sum(), "goldstein_mean": g.mean()})
    out = out.join(quads).reset_index()
    out["month_events"] = out["month"].map(totals).astype("int64")
    out["events_per_1000"] = out["events"] / out["month_events"] * 1000
    return out


def aggregate_pair_monthly(
    events: pd.DataFrame, a: str, b: str, directed: bool = True
) -> pd.DataFrame:
    """Aggregate the events between a and b by calendar month.

    Parameters
    ----------
    events : DataFrame
        Standard event frame (:data:`analysis.load_events.EVENT_COLUMNS`).
    a, b : str
        ISO3 codes of the two countries.
    directed : bool
        True: one row per month and direction, ``a_to_b`` (a acts on b) and ``b_to_a``.
        False: one row per month, ``both`` (events either way).

    Returns
    -------
    DataFrame
        :data:`MONTHLY_EVENT_COLUMNS`: counts of events by quad class, the sum and mean of
        the Goldstein scores, all events in the input that month (``month_events``) and the
        pair's events per 1,000 of them. Months without an event of the pair have no row,
        and a pair without events gives an empty frame.

    Examples
    --------
    >>> ev = pd.DataFrame({"date": pd.to_datetime(["2020-01-05", "2020-01-09", "2020-01-20"]),
    ...                    "source_country": ["ARM", "RUS", "USA"],
    ...                    "target_country": ["RUS", "ARM", "CHN"],
    ...                    "quad_class": [1, 4, 1], "goldstein": [4.0, -10.0, 1.0]})
    >>> row = aggregate_pair_monthly(ev, "ARM", "RUS", directed=False).iloc[0]
    >>> int(row["events"]), float(row["goldstein_sum"]), int(row["month_events"])
    (2, -6.0, 3)
    """
    if a == b:
        return pd.DataFrame(columns=MONTHLY_EVENT_COLUMNS)
    totals = _month(events["date"]).value_counts()
    src, tgt = events["source_country"], events["target_country"]
    a_to_b = events[(src == a) & (tgt == b)]
    b_to_a = events[(src == b) & (tgt == a)]
    if directed:
        parts = [("a_to_b", a_to_b), ("b_to_a", b_to_a)]
    else:
        parts = [("both", pd.concat([a_to_b, b_to_a]))]
    frames = []
    for direction, ev in parts:
        agg = _aggregate(ev, totals)
        if len(agg):
            frames.append(agg.assign(country_a=a, country_b=b, direction=direction))
    if not frames:
        return pd.DataFrame(columns=MONTHLY_EVENT_COLUMNS)
    out = pd.concat(frames, ignore_index=True)[MONTHLY_EVENT_COLUMNS]
    for col in ["events", *QUAD_COLUMNS.values(), "month_events"]:
        out[col] = out[col].astype("int64")
    return out.sort_values(["direction", "month"], ignore_index=True)
