"""Security indicators: alliances, shared organisations, arms transfers, conflict, capabilities.

Pure functions on the tables of :mod:`analysis.load_security`. Every pair indicator is given
for the years in which both countries are states of the COW state system (the dyad exists);
within a source's coverage, a value that the source records as absent is 0 (no ATOP defence
obligation, no SIPRI delivery, no UCDP conflict), and a year outside the coverage has no row.
Where a country is not in the COW list (a territory), only years with recorded data get rows.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.indicators import PANEL_COLUMNS
from analysis.indicators.common import to_panel

#: Statuses that count as membership: a frozen or suspended participation is not leaving.
MEMBER_STATUSES = frozenset({"member", "frozen", "suspended"})

#: Curated organisations whose founding treaty carries a mutual-defence obligation (Collective
#: Security Treaty of 1992, Article 4), used to extend ``security.defense_pact`` past ATOP.
DEFENCE_ORGANISATIONS = ("CSTO",)

#: Periods of the top-suppliers table: decades, the last one cut at the data's last year.
PERIOD_START = 1950
PERIOD_LENGTH = 10


def _empty() -> pd.DataFrame:
    return pd.DataFrame(columns=PANEL_COLUMNS)


def _concat(parts: list[pd.DataFrame]) -> pd.DataFrame:
    parts = [p for p in parts if len(p)]
    if not parts:
        return _empty()
    return pd.concat(parts, ignore_index=True)[PANEL_COLUMNS]


# --- years of the dyad --------------------------------------------------------------------------


def state_years(spells: pd.DataFrame, iso3: str, lo: int, hi: int) -> set[int] | None:
    """Return the years in ``[lo, hi]`` in which ``iso3`` was a COW state (None if not listed).

    Examples
    --------
    >>> s = pd.DataFrame({"iso3": ["ARM"], "start": [1991], "end": pd.array([pd.NA], "Int64")})
    >>> sorted(state_years(s, "ARM", 1989, 1993))
    [1991, 1992, 1993]
    """
    rows = spells[spells["iso3"] == iso3]
    if rows.empty:
        return None
    years: set[int] = set()
    for start, end in zip(rows["start"], rows["end"]):
        last = hi if pd.isna(end) else min(int(end), hi)
        years.update(range(max(int(start), lo), last + 1))
    return years


def pair_years(spells: pd.DataFrame, a: str, b: str, lo: int, hi: int) -> list[int] | None:
    """Return the years in ``[lo, hi]`` in which both a and b were states (None if either is
    not in the COW list, so the caller keeps only years with recorded data)."""
    ya, yb = state_years(spells, a, lo, hi), state_years(spells, b, lo, hi)
    if ya is None or yb is None:
        return None
    return sorted(ya & yb)


def _fill_years(
    values: pd.Series, years: list[int] | None, fill: float = 0.0, keep: bool = False
) -> pd.Series:
    """Reindex a year-indexed series on ``years`` (missing years get ``fill``); with ``years``
    None, keep only the recorded years."""
    if years is None:
        return values.sort_index()
    out = values.reindex(years)
    return out if keep else out.fillna(fill)


def _rows(values: pd.Series, source, a: str, b: str, indicator: str) -> pd.DataFrame:
    """Turn a year-indexed series into panel rows (``source``: one id or a year-indexed series)."""
    df = pd.DataFrame({"year": values.index.astype("int64"), "value": values.to_numpy()})
    df["source"] = (
        source.reindex(values.index).to_numpy() if isinstance(source, pd.Series) else source
    )
    return to_panel(df, a, b, indicator)


# --- alliances ----------------------------------------------------------------------------------


def compute_membership_status(memberships: pd.DataFrame) -> pd.DataFrame:
    """Return each curated country's status in each organisation, year by year.

    The status in a year is the one after the last status-changing event dated on or before
    31 December. A country's status is documented from the year of its first event to the year
    of its latest event of any kind (a dated confirmation such as 'participated' extends it);
    no row outside those years.

    Parameters
    ----------
    memberships : DataFrame
        ``country, organisation, event, event_date, status_after`` (None for events that leave
        the status unchanged), as returned by :func:`analysis.load_security.load_memberships`.

    Returns
    -------
    DataFrame
        ``country, organisation, year, status``.
    """
    out = []
    for (country, org), g in memberships.groupby(["country", "organisation"], sort=True):
        g = g.sort_values("event_date")
        years = [d.year for d in g["event_date"]]
        status = None
        changes = dict.fromkeys(range(years[0], years[-1] + 1))
        for year, new in zip(years, g["status_after"]):
            if new is not None and pd.notna(new):
                changes[year] = new
        for year in range(years[0], years[-1] + 1):
            status = changes[year] or status
            out.append((country, org, year, status or "not a member"))
    return pd.DataFrame(out, columns=["country", "organisation", "year", "status"])


def status_spans(years: pd.DataFrame) -> pd.DataFrame:
    """Collapse yearly statuses into runs of consecutive years.

    Parameters
    ----------
    years : DataFrame
        ``country, organisation, year, status, source``.

    Returns
    -------
    DataFrame
        ``country, organisation, status, first_year, last_year, source``, without the status
        'not a member'.
    """
    cols = ["country", "organisation", "status", "first_year", "last_year", "source"]
    y = years[years["status"] != "not a member"]
    if y.empty:
        return pd.DataFrame(columns=cols)
    y = y.sort_values(["country", "organisation", "year"], ignore_index=True)
    key = ["country", "organisation", "status", "source"]
    new = (y[key] != y[key].shift()).any(axis=1) | (y["year"].diff() != 1)
    y = y.assign(run=new.cumsum())
    out = y.groupby(["run", *key], as_index=False)["year"].agg(["min", "max"])
    out = out.rename(columns={"min": "first_year", "max": "last_year"})
    return out.sort_values(["country", "organisation", "first_year"], ignore_index=True)[cols]


def _curated_pair(status: pd.DataFrame, a: str, b: str, org: str) -> pd.DataFrame:
    """Return ``year, status_a, status_b`` for the years both statuses are documented."""
    s = status[status["organisation"] == org]
    sa = s[s["country"] == a].set_index("year")["status"].rename("status_a")
    sb = s[s["country"] == b].set_index("year")["status"].rename("status_b")
    return pd.concat([sa, sb], axis=1, join="inner").sort_index()


def compute_defense_pact(
    atop: pd.DataFrame, spells: pd.DataFrame, status: pd.DataFrame, a: str, b: str
) -> pd.DataFrame:
    """Compute ``security.defense_pact``: ATOP defence obligation, extended by curated facts.

    Parameters
    ----------
    atop : DataFrame
        :func:`~analysis.load_security.load_atop` (``attrs`` give its first and last year).
    spells : DataFrame
        COW state spells (:func:`~analysis.load_security.load_state_spells`).
    status : DataFrame
        Curated statuses (:func:`compute_membership_status`).

    Returns
    -------
    DataFrame
        Panel rows: 1/0 from ATOP for the dyad's years in ATOP's coverage; after ATOP's last
        year, 1 (source 'curated') where both are documented members of a
        :data:`DEFENCE_ORGANISATIONS` organisation; no row otherwise.
    """
    first, last = atop.attrs.get("first_year", 1815), atop.attrs.get("last_year", 2018)
    rows = atop[(atop["a"] == a) & (atop["b"] == b)].set_index("year")["atop_defense"]
    values = _fill_years(rows.astype("float64"), pair_years(spells, a, b, first, last))
    parts = [_rows(values, "atop", a, b, "security.defense_pact")]
    for org in DEFENCE_ORGANISATIONS:
        pair = _curated_pair(status, a, b, org)
        pair = pair[pair.index > last]
        both = pair["status_a"].isin(MEMBER_STATUSES) & pair["status_b"].isin(MEMBER_STATUSES)
        ext = pd.Series(1.0, index=pair.index[both])
        parts.append(_rows(ext, "curated", a, b, "security.defense_pact"))
    out = _concat(parts)
    return out.drop_duplicates(["year"], keep="first").sort_values("year", ignore_index=True)


def compute_defense_pact_cow(cow: pd.DataFrame, spells: pd.DataFrame, a: str, b: str):
    """Compute ``security.defense_pact_cow``: 1/0 defence pact in COW Formal Alliances v4.1."""
    first, last = cow.attrs.get("first_year", 1816), cow.attrs.get("last_year", 2012)
    rows = cow[(cow["a"] == a) & (cow["b"] == b)].set_index("year")["cow_defense"]
    values = _fill_years(rows.astype("float64"), pair_years(spells, a, b, first, last))
    return _rows(values, "cow_alliance", a, b, "security.defense_pact_cow")


# --- IGOs and organisations ---------------------------------------------------------------------


def compute_shared_igos(
    igo_dyads: pd.DataFrame, igo_counts: pd.DataFrame, a: str, b: str
) -> pd.DataFrame:
    """Compute ``security.shared_igos`` (COW dyad-year count) and ``security.igo_memberships_a``.

    Both as published: years without a row in the COW files have no row.
    """
    x, y = sorted((a, b))
    shared = igo_dyads[(igo_dyads["a"] == x) & (igo_dyads["b"] == y)].set_index("year")["shared"]
    parts = [_rows(shared.astype("float64").sort_index(), "cow_igo", a, b, "security.shared_igos")]
    own = igo_counts[igo_counts["iso3"] == a].set_index("year")["full"]
    own = own[own.index.isin(shared.index)] if len(shared) else own.iloc[0:0]
    parts.append(_rows(own.astype("float64"), "cow_igo", a, b, "security.igo_memberships_a"))
    return _concat(parts)


def list_shared_igos(
    igo_memberships: pd.DataFrame, names: pd.DataFrame, a: str, b: str
) -> pd.DataFrame:
    """List the IGOs in which a and b were both full members, as runs of consecutive years.

    Returns
    -------
    DataFrame
        ``country_a, country_b, igo, name, first_year, last_year``, one row per IGO and run of
        consecutive years (sorted by first year, then name).
    """
    full = igo_memberships[igo_memberships["status"] == 1]
    ma = full[full["iso3"] == a][["year", "igo"]]
    mb = full[full["iso3"] == b][["year", "igo"]]
    both = ma.merge(mb, on=["year", "igo"]).sort_values(["igo", "year"])
    cols = ["country_a", "country_b", "igo", "name", "first_year", "last_year"]
    if both.empty:
        return pd.DataFrame(columns=cols)
    run = (both["igo"] != both["igo"].shift()) | (both["year"].diff() != 1)
    both = both.assign(run=run.cumsum())
    spans = both.groupby(["run", "igo"], as_index=False)["year"].agg(["min", "max"])
    spans = spans.rename(columns={"min": "first_year", "max": "last_year"})
    spans["name"] = spans["igo"].map(names.set_index("igo")["name"]).fillna(spans["igo"])
    spans = spans.assign(country_a=a, country_b=b)
    return spans.sort_values(["first_year", "name"], ignore_index=True)[cols]


def compute_shared_org(
    igo_memberships: pd.DataFrame,
    status: pd.DataFrame,
    spells: pd.DataFrame,
    a: str,
    b: str,
    org: str,
    cow_igo: str | None,
) -> pd.DataFrame:
    """Compute ``security.shared_org_<org>`` and, for the CSTO, ``..._active``.

    ``shared_org_<org>`` is 1 when both are members (a frozen or suspended participation
    counts), 0 when not: from the COW IGO column ``cow_igo`` (full membership, code 1) for the
    years the organisation is in COW (from its first member year to COW's last year), then from
    the curated memberships for the years both countries' statuses are documented.
    ``shared_org_<org>_active`` (CSTO only) is 1 when both are members and neither has frozen
    or suspended its participation, from the curated table alone.
    """
    name = f"security.shared_org_{org.lower()}"
    parts = []
    cow_last = None
    if cow_igo is not None:
        cow_last = igo_memberships.attrs.get("last_year", 2014)
        org_rows = igo_memberships[(igo_memberships["igo"] == cow_igo)]
        if len(org_rows):
            first = int(org_rows["year"].min())
            years = pair_years(spells, a, b, first, cow_last)
            full = org_rows[org_rows["status"] == 1]
            ya = set(full.loc[full["iso3"] == a, "year"])
            yb = set(full.loc[full["iso3"] == b, "year"])
            if years is not None:
                v = pd.Series([float(y in ya and y in yb) for y in years], index=years)
                parts.append(_rows(v, "cow_igo", a, b, name))
    pair = _curated_pair(status, a, b, org)
    member = pair["status_a"].isin(MEMBER_STATUSES) & pair["status_b"].isin(MEMBER_STATUSES)
    later = pair.index > cow_last if cow_last is not None else np.full(len(pair), True)
    parts.append(_rows(member[later].astype("float64"), "curated", a, b, name))
    if org == "CSTO":
        active = (pair["status_a"] == "member") & (pair["status_b"] == "member")
        parts.append(_rows(active.astype("float64"), "curated", a, b, f"{name}_active"))
    return _concat(parts)


# --- arms transfers -----------------------------------------------------------------------------


def _key(iso: pd.Series, label: pd.Series) -> pd.Series:
    """ISO3 where mapped, else the label with a capital first letter (SIPRI mixes cases)."""
    text = label.astype("string").str.strip()
    text = text.str.slice(0, 1).str.upper() + text.str.slice(1)
    return iso.astype("string").fillna(text)


def combine_transfers(tiv: pd.DataFrame, register: pd.DataFrame) -> pd.DataFrame:
    """Join the two SIPRI extracts into one supplier-recipient-year table without overlap.

    The trade register (newer revision) serves every year from its first delivery year
    (2000); the TIV tables serve the years before.

    Returns
    -------
    DataFrame
        ``supplier, recipient`` (ISO3 or label for non-state groups, organisations and unknown
        parties), ``supplier_iso, recipient_iso`` (ISO3 or <NA>), ``year, tiv, source``.
    """
    start = int(register["year"].min())
    frames = []
    for df in (tiv[tiv["year"] < start], register):
        frames.append(
            pd.DataFrame(
                {
                    "supplier": _key(df["supplier"], df["supplier_label"]),
                    "recipient": _key(df["recipient"], df["recipient_label"]),
                    "supplier_iso": df["supplier"].astype("string"),
                    "recipient_iso": df["recipient"].astype("string"),
                    "year": df["year"].astype("int64"),
                    "tiv": df["tiv"].astype("float64"),
                    "source": df["source"].astype("string"),
                }
            )
        )
    both = pd.concat(frames, ignore_index=True)
    keys = ["supplier", "recipient", "year"]
    out = both.groupby(keys, as_index=False).agg(
        supplier_iso=("supplier_iso", "first"),
        recipient_iso=("recipient_iso", "first"),
        tiv=("tiv", "sum"),
        source=("source", "first"),
    )
    out.attrs["first_year"] = int(both["year"].min())
    out.attrs["last_year"] = int(both["year"].max())
    out.attrs["register_start"] = start
    return out


def _source_by_year(transfers: pd.DataFrame, years) -> pd.Series:
    start = transfers.attrs.get("register_start", 2000)
    idx = pd.Index(years, dtype="int64")
    return pd.Series(np.where(idx >= start, "sipri_register", "sipri_tiv"), index=idx)


def _imports_of(transfers: pd.DataFrame, a: str) -> pd.DataFrame:
    return transfers[transfers["recipient"] == a]


def compute_arms(transfers: pd.DataFrame, spells: pd.DataFrame, a: str, b: str) -> pd.DataFrame:
    """Compute the arms indicators of a pair from :func:`combine_transfers`.

    - ``security.arms_tiv_b_to_a``: TIV delivered from b to a (0 in a dyad year without
      deliveries, within SIPRI's coverage).
    - ``security.arms_imports_a``: a's arms imports from all suppliers (0 likewise).
    - ``security.arms_supplier_share``: b's share of a's imports, % (years a imported).
    - ``security.arms_supplier_hhi``: Herfindahl-Hirschman index of a's imports over its
      suppliers, 0-10,000 (years a imported). Every supplier listed by SIPRI counts as one,
      including non-state groups, organisations and 'unknown supplier(s)'.
    """
    first = transfers.attrs.get("first_year", 1950)
    last = transfers.attrs.get("last_year", int(transfers["year"].max()))
    years = pair_years(spells, a, b, first, last)
    imports = _imports_of(transfers, a)
    from_b = imports[imports["supplier"] == b].groupby("year")["tiv"].sum()
    total = imports.groupby("year")["tiv"].sum()
    if years is None:  # a territory: only the years with recorded imports
        years = sorted(total.index)
    from_b = from_b.reindex(years, fill_value=0.0)
    total = total.reindex(years, fill_value=0.0)
    src = _source_by_year(transfers, years)
    imported = total[total > 0]
    share = (from_b[imported.index] / imported * 100).astype("float64")
    by_supplier = imports[imports["year"].isin(imported.index)]
    by_supplier = by_supplier.groupby(["year", "supplier"])["tiv"].sum()
    shares = by_supplier / by_supplier.groupby("year").transform("sum") * 100
    hhi = (shares**2).groupby("year").sum().reindex(imported.index)
    return _concat(
        [
            _rows(from_b.astype("float64"), src, a, b, "security.arms_tiv_b_to_a"),
            _rows(total.astype("float64"), src, a, b, "security.arms_imports_a"),
            _rows(share, src, a, b, "security.arms_supplier_share"),
            _rows(hhi.astype("float64"), src, a, b, "security.arms_supplier_hhi"),
        ]
    )


def period_of(year: int, last_year: int) -> str:
    """Return the period label of a year: its decade, the last one ending at ``last_year``.

    Examples
    --------
    >>> period_of(2015, 2023), period_of(2021, 2023)
    ('2010-2019', '2020-2023')
    """
    start = PERIOD_START + (year - PERIOD_START) // PERIOD_LENGTH * PERIOD_LENGTH
    return f"{start}-{min(start + PERIOD_LENGTH - 1, last_year)}"


def compute_top_suppliers(transfers: pd.DataFrame, a: str, top: int = 6) -> pd.DataFrame:
    """Return a's arms suppliers by period: the ``top`` largest by TIV, the rest as 'Others'.

    Returns
    -------
    DataFrame
        ``country_a, period, supplier`` (ISO3, a SIPRI label, or 'Others'), ``tiv`` (TIV
        million over the period), ``share`` (% of a's imports in the period), ``rank``
        (0 for 'Others'), sorted by period and rank.
    """
    cols = ["country_a", "period", "supplier", "tiv", "share", "rank"]
    imports = _imports_of(transfers, a)
    if imports.empty:
        return pd.DataFrame(columns=cols)
    last = transfers.attrs.get("last_year", int(transfers["year"].max()))
    imports = imports.assign(period=[period_of(y, last) for y in imports["year"]])
    per = imports.groupby(["period", "supplier"], as_index=False)["tiv"].sum()
    per = per[per["tiv"] > 0]
    per["share"] = per["tiv"] / per.groupby("period")["tiv"].transform("sum") * 100
    per = per.sort_values(["period", "tiv", "supplier"], ascending=[True, False, True])
    per["rank"] = per.groupby("period").cumcount() + 1
    head = per[per["rank"] <= top]
    rest = per[per["rank"] > top].groupby("period", as_index=False)[["tiv", "share"]].sum()
    rest = rest.assign(supplier="Others", rank=0)
    out = pd.concat([head, rest], ignore_index=True).assign(country_a=a)
    out["order"] = out["rank"].replace(0, top + 1)
    return out.sort_values(["period", "order"], ignore_index=True)[cols]


# --- conflict -----------------------------------------------------------------------------------


def compute_conflict(parties: pd.DataFrame, spells: pd.DataFrame, a: str, b: str) -> pd.DataFrame:
    """Compute conflict context from UCDP/PRIO ACD parties.

    - ``security.conflict_a`` / ``security.conflict_b``: number of armed conflicts in which
      the country was a party (primary or secondary, either side) that year.
    - ``security.conflict_intensity_a`` / ``_b``: highest intensity among them (0 none,
      1 minor: 25-999 battle-related deaths, 2 war: 1,000 or more).
    - ``security.conflict_opposed``: number of conflicts with a and b on opposite sides.

    Zero in the dyad's years within UCDP's coverage when no conflict is recorded.
    """
    first, last = parties.attrs.get("first_year", 1946), parties.attrs.get("last_year", 2024)
    years = pair_years(spells, a, b, first, last)
    parts = []
    for iso, suffix in ((a, "a"), (b, "b")):
        p = parties[parties["iso3"] == iso]
        count = p.groupby("year")["conflict_id"].nunique().astype("float64")
        level = p.groupby("year")["intensity"].max().astype("float64")
        parts.append(
            _rows(_fill_years(count, years), "ucdp_acd", a, b, f"security.conflict_{suffix}")
        )
        parts.append(
            _rows(
                _fill_years(level, years), "ucdp_acd", a, b, f"security.conflict_intensity_{suffix}"
            )
        )
    pa = parties[parties["iso3"] == a][["conflict_id", "year", "side"]]
    pb = parties[parties["iso3"] == b][["conflict_id", "year", "side"]]
    both = pa.merge(pb, on=["conflict_id", "year"], suffixes=("_a", "_b"))
    opposed = both[both["side_a"] != both["side_b"]].groupby("year")["conflict_id"].nunique()
    parts.append(
        _rows(
            _fill_years(opposed.astype("float64"), years),
            "ucdp_acd",
            a,
            b,
            "security.conflict_opposed",
        )
    )
    return _concat(parts)


# --- capabilities -------------------------------------------------------------------------------


def compute_cinc(nmc: pd.DataFrame, spells: pd.DataFrame, a: str, b: str) -> pd.DataFrame:
    """Compute ``security.cinc_ratio`` (CINC a / CINC b) and ``security.cinc_share_a``
    (CINC a / (CINC a + CINC b) x 100) for the years both have a CINC score."""
    ca = nmc[nmc["iso3"] == a].set_index("year")["cinc"]
    cb = nmc[nmc["iso3"] == b].set_index("year")["cinc"]
    both = pd.concat([ca.rename("a"), cb.rename("b")], axis=1, join="inner").sort_index()
    years = pair_years(spells, a, b, 1816, 2100)
    if years is not None:
        both = both[both.index.isin(years)]
    both = both[(both["a"] + both["b"]) > 0]
    ratio = (both["a"] / both["b"]).replace([np.inf], np.nan)
    share = both["a"] / (both["a"] + both["b"]) * 100
    return _concat(
        [
            _rows(ratio, "cow_nmc", a, b, "security.cinc_ratio"),
            _rows(share, "cow_nmc", a, b, "security.cinc_share_a"),
        ]
    )
