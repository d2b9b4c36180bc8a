"""The atlas: batch configs over many pairs (``pairs: all``, ``pairs: {country: ARM}``).

Which pairs an atlas config means is decided from the data in use (:func:`atlas_pairs`):

- the countries are the **current UN member states as the UNGA roll-call data show them**: every
  country with a UNGA vote-agreement value (``alignment.unga_agreement``) in the last
  :data:`UN_YEARS` years of those data (a member that cast no vote in those years, or a state
  that joined after them, is not among them; observer states never vote);
- a pair is kept when its data have at least one year inside the period (any dimension: the
  same years :meth:`analysis.datastore.DataStore.pair_years` counts), read for all pairs at once
  from the all-pairs store (or the embedded tables when no store is built, which hold only
  :data:`analysis.config.EMBEDDED_PAIRS`);
- ``pairs: all`` gives each unordered pair once, as A-B with A < B (ISO3 order); with
  ``directed: true`` both A-B and B-A; ``pairs: {country: ARM}`` gives ARM-X for every partner X
  (and X-ARM too with ``directed: true``); ``limit: N`` keeps the first N pairs of that order.
"""

from __future__ import annotations

from collections import defaultdict

import pandas as pd

from analysis import datastore, political, reliability, report
from analysis import index as closeness
from analysis.countries import resolve
from analysis.errors import BadInput, quote
from analysis.panel import get_peer_panel

#: Years of UNGA vote data (counted back from the last) that define the current UN members.
UN_YEARS = 3
#: The indicator whose presence marks a UN member's vote in a year.
UN_INDICATOR = "alignment.unga_agreement"
ATLAS_KEYS = ("country",)


def parse_pairs(value, where: str) -> dict | None:
    """Return ``{"country": ISO3 or None}`` for an atlas ``pairs:`` value, None for a pair list."""

    if value == "all":
        return {"country": None}
    if isinstance(value, dict) and set(map(str, value)) <= set(ATLAS_KEYS) and value:
        try:
            country = resolve(value["country"]).iso3
        except BadInput as exc:
            raise BadInput(f"{where}.country: {exc}") from None
        return {"country": country}
    if isinstance(value, str | dict):
        raise BadInput(
            f"{where} must be all, {{country: ARM}} or a list of pairs such as "
            f'["ARM-RUS", [AZE, RUS]], got {quote(value)}'
        )
    return None


def _rows(ds: datastore.DataStore) -> list[tuple[str, pd.DataFrame]]:
    """Return ``(kind, frame of country_a, country_b, year, has_data, un_vote)`` per dyad file."""
    frames = []
    if ds.has_store():
        for name, meta in ds.store.manifest["dimensions"].items():
            for kind in meta.get("files", {}):
                rows = ds.store.read_dyads(name, kind)
                values = rows.drop(columns=["country_a", "country_b", "year"])
                values = values[[c for c in values.columns if "|" not in c]]
                values = values.select_dtypes("number")
                frame = rows[["country_a", "country_b", "year"]].copy()
                frame["has_data"] = values.notna().any(axis=1).to_numpy()
                frame["un_vote"] = (
                    rows[UN_INDICATOR].notna().to_numpy() if UN_INDICATOR in rows else False
                )
                frames.append((kind, frame))
    else:
        p = ds.embedded("panel.csv")
        p = p[p["value"].notna()]
        frame = p[["country_a", "country_b", "year"]].copy()
        frame["has_data"] = True
        frame["un_vote"] = (p["indicator"] == UN_INDICATOR).to_numpy()
        frames.append(("directed", frame))
    return frames


def un_members(frames) -> set[str]:
    """Return the current UN members: countries with a UNGA vote value in the last
    :data:`UN_YEARS` years of the vote data."""
    votes = pd.concat([f.loc[f["un_vote"], ["country_a", "country_b", "year"]] for _, f in frames])
    if votes.empty:
        return set()
    last = int(votes["year"].max())
    recent = votes[votes["year"] > last - UN_YEARS]
    return set(recent["country_a"]) | set(recent["country_b"])


def pair_years(frames) -> dict[tuple[str, str], set[int]]:
    """Return the years with data of every directed pair (an undirected row counts for both)."""
    years: dict[tuple[str, str], set[int]] = defaultdict(set)
    for kind, f in frames:
        f = f[f["has_data"]]
        grouped = f.groupby(["country_a", "country_b"])["year"].unique()
        for (a, b), ys in grouped.items():
            years[(a, b)].update(int(y) for y in ys)
            if kind != "directed":
                years[(b, a)].update(int(y) for y in ys)
    return years


def atlas_pairs(
    country: str | None,
    directed: bool,
    periods: list[dict],
    ds: datastore.DataStore | None = None,
) -> list[tuple[str, str, list[int]]]:
    """Return ``(a, b, years with data)`` of every pair an atlas config means, in order.

    A pair is kept when it has a year of data inside at least one of ``periods``.

    Raises
    ------
    BadInput
        ``country`` is not a current UN member in the data in use.
    """
    frames = _rows(ds or datastore.current())
    members = un_members(frames)
    if country is not None and country not in members:
        raise BadInput(
            f"{country} is not a current UN member in the data in use ({len(members)} members "
            "with UNGA votes in the last years); give a member's code"
        )
    years = pair_years(frames)

    def in_period(ys: set[int]) -> bool:
        return any(
            (p["start"] is None or y >= p["start"]) and (p["end"] is None or y <= p["end"])
            for p in periods
            for y in ys
        )

    pairs = []
    for a, b in sorted(years):
        if a not in members or b not in members or a == b:
            continue
        if country is not None and country not in (a, b):
            continue
        if not directed and (a > b if country is None else b == country):
            continue
        ys = years[(a, b)]  # what the A-B report reads (DataStore.pair_years)
        if in_period(ys):
            pairs.append((a, b, sorted(ys)))
    if country is not None:  # the country first: ARM-X, then X-ARM when directed
        pairs.sort(key=lambda t: (t[0] != country, t[1] if t[0] == country else t[0]))
    return pairs


def index_summary(params: dict) -> dict:
    """Return the pair's closeness index as its report computes it (same peers, weights,
    normalisation and reliability rules as ``notebooks/index.ipynb``), for the atlas index:
    :func:`analysis.index.headline`. The index notebook hands the runner the same summary
    (:data:`analysis.index.HEADLINE_MIMETYPE`); this computes it for a report run without it.
    """

    declared = {k: d.default for k, d in report.declared_parameters().items()}
    p = {**declared, **params}
    a, b = p["country_a"], p["country_b"]
    weights = closeness.validate_weights(
        {d: p[f"weight_{d}"] for d in ("economy", "security", "alignment", "society", "diplomacy")}
    )
    reference = get_peer_panel(a, b, p["start_year"], p["end_year"], p["peers"] or None)
    countries = sorted({*reference["country_a"], *reference["country_b"]})
    reference = reliability.solid_rows(reference, political.get_idealpoints(countries))
    scores = closeness.compute_scores(reference, weights, p["normalisation"])
    return closeness.headline(scores, a, b)
