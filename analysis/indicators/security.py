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
    31 December, except that leaving (left, expelled, withdrew signature) shows from the next
    year: a year counts while the country was in for part of it. A country's status is documented from the year of its first event to the year
    of its latest event of any kind (a dated confirmation such as 'participated' or 'listed as
    member' extends it); a country that left or was expelled is documented as not a member up
    to the latest 'listed as member' row of the organisation (it is absent from that list). No
    row outside those years.

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
    listed = memberships[memberships["event"] == "listed as member"]
    listing_year = {
        org: max(d.year for d in g["event_date"]) for org, g in listed.groupby("organisation")
    }
    for (country, org), g in memberships.groupby(["country", "organisation"], sort=True):
        g = g.sort_values("event_date")
        years = [d.year for d in g["event_date"]]
        first, last = years[0], years[-1]
        changes: dict[int, str] = {}
        for year, new in zip(years, g["status_after"]):
            if new is None or pd.isna(new):
                continue
            if new == "not a member" and year > first and year not in changes:
                # a year counts while the country was in for part of it: leaving shows from
                # the next year
                changes[year + 1] = new
                last = max(last, year + 1)
            else:
                changes[year] = new
        if changes and changes[max(changes)] == "not a member" and org in listing_year:
            # absent from the organisation's latest member list: documented as not a member
            last = max(last, listing_year[org])
        status = None
        for year in range(first, last + 1):
            status = changes.get(year) or status
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
    # numpy bools: comparisons of pyarrow-backed strings give nullable pyarrow booleans
    run = both["igo"].ne(both["igo"].shift()).fillna(True).astype(bool)
    run = run.to_numpy() | (both["year"].diff() != 1).to_numpy()
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
    """Compute ``security.shared_org_<org>`` and, for the CSTO, ``..._active``, for one pair.

    The rules are those of :func:`all_shared_org` (this function reads its result for the
    pair): 1 when both are members (a frozen or suspended participation counts), 0 when not;
    nothing for a pair of which neither country was ever a member (the row does not apply).
    """
    countries = sorted({a, b})
    frame = all_shared_org(igo_memberships, status, spells, countries, org, cow_igo)
    if frame.empty:
        return _empty()
    parts = []
    for col in [c for c in frame.columns if c.startswith("security.") and _SEP not in c]:
        v = frame.set_index("year")[col].dropna()
        src = frame.set_index("year")[f"{col}{_SEP}source"].astype("string")
        parts.append(_rows(v, src, a, b, col))
    return _concat(parts).sort_values(["indicator", "year"], ignore_index=True)


# --- arms transfers -----------------------------------------------------------------------------


def _key(iso: pd.Series, label: pd.Series) -> pd.Series:
    """ISO3 where mapped, else the label with a capital first letter (SIPRI mixes cases)."""
    text = label.astype("string").str.strip()
    text = text.str.slice(0, 1).str.upper() + text.str.slice(1)
    return iso.astype("string").fillna(text)


def combine_transfers(tiv: pd.DataFrame, register: pd.DataFrame) -> pd.DataFrame:
    """Join the two SIPRI extracts into one supplier-recipient-year table without overlap.

    The trade register (the newest edition) serves every year from its first delivery year
    (1995 in the February 2026 edition); the TIV tables serve the years before. ``attrs``:
    ``first_year, last_year, register_start`` and ``register_source`` (the edition's id).

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
    out.attrs["register_source"] = _register_source(register)
    return out


def _register_source(register: pd.DataFrame) -> str:
    """Return the source id of a register edition (one id per edition)."""
    ids = pd.unique(register["source"].dropna())
    if len(ids) != 1:
        raise ValueError(f"a register edition has one source id, found {list(ids)}")
    return str(ids[0])


def _source_ids(transfers: pd.DataFrame) -> list[str]:
    """Return the source ids of :func:`combine_transfers`: TIV tables, then the register."""
    return ["sipri_tiv", transfers.attrs.get("register_source", "sipri_register")]


def _source_by_year(transfers: pd.DataFrame, years) -> pd.Series:
    start = transfers.attrs.get("register_start", 2000)
    tables, register = _source_ids(transfers)
    idx = pd.Index(years, dtype="int64")
    return pd.Series(np.where(idx >= start, register, tables), index=idx)


#: Smallest change of a supplier-recipient-year's TIV counted as a revision (TIV million; the
#: register gives TIV to two decimals, sums over deals carry floating-point noise).
REVISION_TOLERANCE = 0.005


def _by_pair_year(register: pd.DataFrame) -> pd.Series:
    keys = pd.DataFrame(
        {
            "supplier": _key(register["supplier"], register["supplier_label"]),
            "recipient": _key(register["recipient"], register["recipient_label"]),
            "year": register["year"].astype("int64"),
            "tiv": register["tiv"].astype("float64"),
        }
    )
    return keys.groupby(["supplier", "recipient", "year"])["tiv"].sum()


def compute_register_revisions(previous: pd.DataFrame, current: pd.DataFrame) -> pd.DataFrame:
    """List the supplier-recipient-years whose TIV differs between two register editions.

    Only the delivery years both editions cover (the overlap of their year ranges) are compared;
    a pair-year listed in one edition only counts as 0 in the other. Suppliers and recipients
    are keyed as in :func:`combine_transfers` (ISO3, or SIPRI's label for non-state parties).

    Parameters
    ----------
    previous, current : DataFrame
        Two editions of :func:`analysis.load_security.load_sipri_register` (older first).

    Returns
    -------
    DataFrame
        ``supplier, recipient, year, tiv_previous, tiv_current, change`` (current minus
        previous, TIV million), the rows whose change is at least :data:`REVISION_TOLERANCE`,
        sorted by supplier, recipient and year. ``attrs``: ``years`` (first, last compared),
        ``compared`` (number of supplier-recipient-years with a delivery in either edition),
        ``sources`` (previous, current).
    """
    lo = max(int(previous["year"].min()), int(current["year"].min()))
    hi = min(int(previous["year"].max()), int(current["year"].max()))
    old = _by_pair_year(previous[previous["year"].between(lo, hi)]).rename("tiv_previous")
    new = _by_pair_year(current[current["year"].between(lo, hi)]).rename("tiv_current")
    both = pd.concat([old, new], axis=1).fillna(0.0)
    both["change"] = both["tiv_current"] - both["tiv_previous"]
    out = both[both["change"].abs() >= REVISION_TOLERANCE].reset_index()
    out = out.astype({"supplier": "str", "recipient": "str", "year": "int64"})
    out = out.sort_values(["supplier", "recipient", "year"], ignore_index=True)
    out.attrs.update(
        years=(lo, hi),
        compared=len(both),
        sources=(_register_source(previous), _register_source(current)),
    )
    return out


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


# --- militarised disputes and rivalries ---------------------------------------------------------


def compute_mid_onsets(mids: pd.DataFrame, spells: pd.DataFrame, a: str, b: str) -> pd.DataFrame:
    """Compute ``security.mid_onsets``: militarised interstate disputes begun between a and b.

    Parameters
    ----------
    mids : DataFrame
        :func:`~analysis.load_security.load_mid_onsets` (``a, b, year, onsets``; ``attrs``
        give the years of the file).

    Returns
    -------
    DataFrame
        Panel rows for the dyad's state years within the file's coverage, 0 where no dispute
        began; with a country outside the COW list, only the recorded dyad-years.
    """
    first, last = mids.attrs.get("first_year", 1816), mids.attrs.get("last_year", 2014)
    rows = mids[(mids["a"] == a) & (mids["b"] == b)].set_index("year")["onsets"]
    values = _fill_years(rows.astype("float64"), pair_years(spells, a, b, first, last))
    return _rows(values, "cow_mid", a, b, "security.mid_onsets")


def compute_rivalry(rivalries: pd.DataFrame, spells: pd.DataFrame, a: str, b: str) -> pd.DataFrame:
    """Compute ``security.rivalry``: 1 in the years a and b are strategic rivals, 0 in the
    dyad's other state years within the file's coverage, no row outside it.

    Parameters
    ----------
    rivalries : DataFrame
        :func:`~analysis.load_security.load_rivalries` (``a < b, year``).
    """
    first, last = rivalries.attrs.get("first_year", 1494), rivalries.attrs.get("last_year", 2020)
    x, y = sorted((a, b))
    rows = rivalries[(rivalries["a"] == x) & (rivalries["b"] == y)]
    values = pd.Series(1.0, index=pd.Index(rows["year"], dtype="int64"))
    values = _fill_years(values, pair_years(spells, a, b, first, last))
    return _rows(values, "tss_rivalries", a, b, "security.rivalry")


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


# --- all pairs at once --------------------------------------------------------------------------
#
# The functions below compute the indicators above for every pair of a list of countries at
# once. They return *dyad-year frames*: ``country_a, country_b`` (categorical over the sorted
# ``countries``), ``year`` (int64), then for each indicator id ``ID`` a float64 column ``ID`` and
# a categorical column ``ID|source`` (the wide form of :mod:`analysis.dyadic`), sorted by pair and
# year. Countries are handled as their positions in ``countries`` ("codes"), so the sort order of
# the codes is the order of the ISO3 strings. Undirected frames hold pairs with
# ``country_a < country_b`` only.

#: Factor of the year in the integer key of a dyad-year: ``(code_a * n + code_b) * YEAR_SPAN +
#: year``, whose order is that of (country_a, country_b, year).
YEAR_SPAN = 10_000

#: Last year of the year axis of the per-country matrices (the per-pair CINC uses 2100).
MATRIX_LAST_YEAR = 2100

_SEP = "|"


def country_codes(values, countries) -> np.ndarray:
    """Return the position of each value in ``countries`` (-1 where absent or missing).

    Examples
    --------
    >>> country_codes(pd.Series(["RUS", "XYZ", "ARM"]), ["ARM", "RUS"]).tolist()
    [1, -1, 0]
    """
    return pd.Index(list(countries)).get_indexer(pd.Index(pd.Series(values, dtype="object")))


def _check_countries(countries) -> list[str]:
    countries = list(countries)
    if countries != sorted(set(countries)):
        raise ValueError("countries must be sorted and unique")
    return countries


def dyad_keys(a: np.ndarray, b: np.ndarray, year: np.ndarray, n: int) -> np.ndarray:
    """Return the integer key of dyad-years (codes of a and b among ``n`` countries, year).

    Examples
    --------
    >>> dyad_keys(np.array([1]), np.array([0]), np.array([2001]), 2).tolist()
    [22001]
    """
    a, b, year = (np.asarray(x, dtype="int64") for x in (a, b, year))
    return (a * n + b) * YEAR_SPAN + year


def _split_keys(keys: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    pair, year = np.divmod(keys, YEAR_SPAN)
    a, b = np.divmod(pair, n)
    return a, b, year


def state_matrix(spells: pd.DataFrame, countries, last_year: int = MATRIX_LAST_YEAR) -> np.ndarray:
    """Return a boolean matrix [country code, year] (years 0 to ``last_year``): True where the
    country was a COW state, an open spell lasting to ``last_year`` (as :func:`state_years`).

    Examples
    --------
    >>> s = pd.DataFrame({"iso3": ["ARM"], "start": [1991], "end": pd.array([pd.NA], "Int64")})
    >>> np.flatnonzero(state_matrix(s, ["ARM", "RUS"], 1993)[0]).tolist()
    [1991, 1992, 1993]
    """
    countries = _check_countries(countries)
    out = np.zeros((len(countries), last_year + 1), dtype=bool)
    codes = country_codes(spells["iso3"], countries)
    for code, start, end in zip(codes, spells["start"], spells["end"]):
        if code < 0:
            continue
        last = last_year if pd.isna(end) else min(int(end), last_year)
        out[code, max(int(start), 0) : last + 1] = True
    return out


def listed_countries(spells: pd.DataFrame, countries) -> np.ndarray:
    """Return a boolean array over ``countries``: True for those in the COW state list (a pair
    with an unlisted country keeps only the years with recorded data, see :func:`pair_years`)."""
    out = np.zeros(len(countries), dtype=bool)
    codes = country_codes(spells["iso3"], countries)
    out[codes[codes >= 0]] = True
    return out


def state_dyads(
    states: np.ndarray, lo: int, hi: int, ordered: bool = True
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Return the dyad-years in ``[lo, hi]`` in which both countries were states.

    Parameters
    ----------
    states : ndarray
        :func:`state_matrix`.
    ordered : bool
        Both orders of each pair (a != b); otherwise only ``code_a < code_b``.

    Returns
    -------
    tuple of ndarray
        Codes of a, codes of b, years (int64), sorted by a, b and year.

    Examples
    --------
    >>> st = np.zeros((3, 3), dtype=bool); st[:, 1] = True; st[2, 2] = st[0, 2] = True
    >>> [x.tolist() for x in state_dyads(st, 0, 2, ordered=False)]
    [[0, 0, 0, 1], [1, 2, 2, 2], [1, 1, 2, 1]]
    """
    lo, hi = max(int(lo), 0), min(int(hi), states.shape[1] - 1)
    parts_a, parts_b, parts_y = [], [], []
    for year in range(lo, hi + 1):
        s = np.flatnonzero(states[:, year])
        if ordered:
            aa, bb = np.repeat(s, len(s)), np.tile(s, len(s))
            keep = aa != bb
            aa, bb = aa[keep], bb[keep]
        else:
            i, j = np.triu_indices(len(s), 1)
            aa, bb = s[i], s[j]
        parts_a.append(aa)
        parts_b.append(bb)
        parts_y.append(np.full(len(aa), year, dtype="int64"))
    if not parts_a:
        return (np.empty(0, "int64"),) * 3
    a, b, y = (np.concatenate(p).astype("int64") for p in (parts_a, parts_b, parts_y))
    order = np.argsort(dyad_keys(a, b, y, states.shape[0]), kind="stable")
    return a[order], b[order], y[order]


def _unlisted_pairs(listed: np.ndarray, ordered: bool = True) -> tuple[np.ndarray, np.ndarray]:
    """Return the pairs (codes a, b; a != b) of which at least one country is not listed."""
    n = len(listed)
    a, b = np.repeat(np.arange(n), n), np.tile(np.arange(n), n)
    keep = (a != b) & ~(listed[a] & listed[b])
    if not ordered:
        keep &= a < b
    return a[keep], b[keep]


def _pair_years(
    pair_a: np.ndarray, pair_b: np.ndarray, codes: np.ndarray, years: np.ndarray, side: str
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Join pairs with the (code, year) records of their ``side`` ("a" or "b") country."""
    pairs = pd.DataFrame({"a": pair_a, "b": pair_b})
    recs = pd.DataFrame({side: codes, "year": years})
    m = pairs.merge(recs, on=side)
    return tuple(m[c].to_numpy(dtype="int64") for c in ("a", "b", "year"))


def _dense(
    codes: np.ndarray, years: np.ndarray, values, n: int, fill=np.nan, dtype="float64"
) -> np.ndarray:
    """Return a matrix [country code, year] holding ``values`` (``fill`` elsewhere)."""
    out = np.full((n, MATRIX_LAST_YEAR + 1), fill, dtype=dtype)
    keep = (np.asarray(codes) >= 0) & (np.asarray(years) <= MATRIX_LAST_YEAR)
    out[np.asarray(codes)[keep], np.asarray(years)[keep]] = np.asarray(values)[keep]
    return out


def _source(codes: np.ndarray, categories: list[str]) -> pd.Categorical:
    return pd.Categorical.from_codes(np.asarray(codes, dtype="int8"), categories=categories)


def _const_source(values: np.ndarray, source: str) -> pd.Categorical:
    return _source(np.where(np.isnan(values), -1, 0), [source])


def dyad_frame(
    a: np.ndarray, b: np.ndarray, year: np.ndarray, countries, columns: dict
) -> pd.DataFrame:
    """Build a dyad-year frame from codes, years and indicator columns; drop the rows without
    any value and sort by pair and year.

    ``columns`` maps ``ID`` to float values and ``ID|source`` to categorical sources (missing
    where the value is).
    """
    countries = list(countries)
    n = len(countries)
    a, b, year = (np.asarray(x, dtype="int64") for x in (a, b, year))
    values = [np.asarray(v, dtype="float64") for k, v in columns.items() if _SEP not in k]
    keep = ~np.all(np.isnan(np.vstack(values)), axis=0) if values else np.zeros(len(a), bool)
    order = np.flatnonzero(keep)
    order = order[np.argsort(dyad_keys(a[order], b[order], year[order], n), kind="stable")]
    dtype = pd.CategoricalDtype(countries)
    out = {
        "country_a": pd.Categorical.from_codes(a[order], dtype=dtype),
        "country_b": pd.Categorical.from_codes(b[order], dtype=dtype),
        "year": year[order],
    }
    for k, v in columns.items():
        out[k] = v[order] if _SEP in k else np.asarray(v, dtype="float64")[order]
    return pd.DataFrame(out)


def _in_sorted(sorted_keys: np.ndarray, keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Return the positions of ``keys`` in ``sorted_keys`` and whether each is there."""
    if not len(sorted_keys):
        return np.zeros(len(keys), dtype="int64"), np.zeros(len(keys), dtype=bool)
    pos = np.minimum(np.searchsorted(sorted_keys, keys), len(sorted_keys) - 1)
    return pos, sorted_keys[pos] == keys


def _sorted_union(keys: np.ndarray, more: np.ndarray) -> np.ndarray:
    """Return the sorted union of a sorted unique key array and another key array.

    Examples
    --------
    >>> _sorted_union(np.array([1, 5]), np.array([5, 3, 3])).tolist()
    [1, 3, 5]
    """
    missing = more[~_in_sorted(keys, more)[1]]
    if not len(missing):
        return keys
    out = np.concatenate([keys, missing])
    out.sort(kind="stable")
    return out[np.concatenate([[True], out[1:] != out[:-1]])]


def join_dyad_frames(frames, countries) -> pd.DataFrame:
    """Outer-join dyad-year frames on (country_a, country_b, year), folding them in one by one.

    An indicator may come in several frames for disjoint dyad-years; a dyad-year given twice
    is an error. Source categories are sorted; the result is sorted by pair and year.

    Examples
    --------
    >>> cats = ["ARM", "RUS"]
    >>> f1 = dyad_frame([0], [1], [2000], cats, {"x": [1.0], "x|source": _source([0], ["s"])})
    >>> f2 = dyad_frame([0], [1], [2001], cats, {"y": [2.0], "y|source": _source([0], ["t"])})
    >>> join_dyad_frames([f1, f2], cats)[["year", "x", "y"]].to_numpy().tolist()
    [[2000.0, 1.0, nan], [2001.0, nan, 2.0]]
    """
    countries = _check_countries(countries)
    n = len(countries)
    keys = np.empty(0, dtype="int64")
    values: dict[str, np.ndarray] = {}
    sources: dict[str, np.ndarray] = {}
    categories: dict[str, list[str]] = {}
    for frame in frames:
        k = dyad_keys(frame["country_a"].cat.codes, frame["country_b"].cat.codes, frame["year"], n)
        new = _sorted_union(keys, k)
        if len(new) > len(keys):
            where = np.searchsorted(new, keys)
            for store, fill in ((values, np.nan), (sources, -1)):
                for col, arr in store.items():
                    grown = np.full(len(new), fill, dtype=arr.dtype)
                    grown[where] = arr
                    store[col] = grown
            keys = new
        pos = np.searchsorted(keys, k)
        for col in frame.columns:
            if col in ("country_a", "country_b", "year"):
                continue
            if _SEP in col:
                cats = categories.setdefault(col, [])
                incoming = frame[col].cat
                for c in incoming.categories:
                    if c not in cats:
                        cats.append(c)
                remap = np.array([cats.index(c) for c in incoming.categories] + [-1], "int8")
                codes = incoming.codes.to_numpy()
                arr = sources.setdefault(col, np.full(len(keys), -1, dtype="int8"))
                arr[pos[codes >= 0]] = remap[codes[codes >= 0]]
            else:
                v = frame[col].to_numpy(dtype="float64")
                arr = values.setdefault(col, np.full(len(keys), np.nan))
                has = ~np.isnan(v)
                if (~np.isnan(arr[pos[has]])).any():
                    raise ValueError(f"{col}: a dyad-year given twice")
                arr[pos[has]] = v[has]
    a, b, year = _split_keys(keys, n)
    dtype = pd.CategoricalDtype(countries)
    out = {
        "country_a": pd.Categorical.from_codes(a, dtype=dtype),
        "country_b": pd.Categorical.from_codes(b, dtype=dtype),
        "year": year,
    }
    for col in sorted(values):
        out[col] = values.pop(col)
        src = f"{col}{_SEP}source"
        if src in sources:
            cat = pd.Categorical.from_codes(sources.pop(src), categories=categories[src])
            out[src] = cat.reorder_categories(sorted(categories[src]))
    return pd.DataFrame(out, copy=False)


def _curated_pairs(status: pd.DataFrame, org: str, countries) -> pd.DataFrame:
    """Return ``a, b`` (codes, a != b), ``year, status_a, status_b`` for every ordered pair and
    year in which both statuses in ``org`` are documented (as :func:`_curated_pair`)."""
    s = status[status["organisation"] == org]
    s = pd.DataFrame(
        {
            "code": country_codes(s["country"], countries),
            "year": s["year"].astype("int64").to_numpy(),
            "status": s["status"].to_numpy(),
        }
    )
    s = s[s["code"] >= 0]
    m = s.merge(s, on="year", suffixes=("_a", "_b"))
    m = m[m["code_a"] != m["code_b"]].rename(columns={"code_a": "a", "code_b": "b"})
    return m.reset_index(drop=True)


def _all_alliance(
    table: pd.DataFrame,
    column: str,
    spells: pd.DataFrame,
    countries: list[str],
    first: int,
    last: int,
    ordered: bool = True,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Alliance values of every ordered pair: recorded or 0 in the dyad's state years within
    ``[first, last]``; as recorded for pairs with an unlisted country. With ``ordered`` False,
    the pairs ``a < b`` of a table that lists each pair once that way (undirected)."""
    n = len(countries)
    listed = listed_countries(spells, countries)
    a, b, y = state_dyads(state_matrix(spells, countries, last), first, last, ordered=ordered)
    keys = dyad_keys(a, b, y, n)
    value = np.zeros(len(keys))
    ra, rb = country_codes(table["a"], countries), country_codes(table["b"], countries)
    ry = table["year"].to_numpy(dtype="int64")
    rv = table[column].to_numpy(dtype="float64")
    ok = (ra >= 0) & (rb >= 0)
    both = ok & listed[np.maximum(ra, 0)] & listed[np.maximum(rb, 0)]
    pos, hit = _in_sorted(keys, dyad_keys(ra[both], rb[both], ry[both], n))
    value[pos[hit]] = rv[both][hit]
    other = ok & ~both
    return (
        np.concatenate([a, ra[other]]),
        np.concatenate([b, rb[other]]),
        np.concatenate([y, ry[other]]),
        np.concatenate([value, rv[other]]),
    )


def all_defense_pact(
    atop: pd.DataFrame, spells: pd.DataFrame, status: pd.DataFrame, countries
) -> pd.DataFrame:
    """Compute ``security.defense_pact`` for every ordered pair (as :func:`compute_defense_pact`).

    Returns
    -------
    DataFrame
        Directed dyad-year frame (ATOP's obligation is directed: a's towards b).
    """
    countries = _check_countries(countries)
    first, last = atop.attrs.get("first_year", 1815), atop.attrs.get("last_year", 2018)
    a, b, y, v = _all_alliance(atop, "atop_defense", spells, countries, first, last)
    src = np.zeros(len(a), dtype="int8")
    n = len(countries)
    for org in DEFENCE_ORGANISATIONS:
        have = np.sort(dyad_keys(a, b, y, n), kind="stable")
        pair = _curated_pairs(status, org, countries)
        both = pair["status_a"].isin(MEMBER_STATUSES) & pair["status_b"].isin(MEMBER_STATUSES)
        ext = pair[(pair["year"] > last) & both]
        ek = dyad_keys(ext["a"], ext["b"], ext["year"], n)
        ext = ext[~_in_sorted(have, ek)[1]]
        a, b, y = (
            np.concatenate([x, ext[c].to_numpy("int64")])
            for x, c in zip((a, b, y), ("a", "b", "year"))
        )
        v = np.concatenate([v, np.ones(len(ext))])
        src = np.concatenate([src, np.ones(len(ext), dtype="int8")])
    name = "security.defense_pact"
    return dyad_frame(
        a, b, y, countries, {name: v, f"{name}|source": _source(src, ["atop", "curated"])}
    )


def all_defense_pact_cow(cow: pd.DataFrame, spells: pd.DataFrame, countries) -> pd.DataFrame:
    """Compute ``security.defense_pact_cow`` for every ordered pair (as
    :func:`compute_defense_pact_cow`); a directed dyad-year frame."""
    countries = _check_countries(countries)
    first, last = cow.attrs.get("first_year", 1816), cow.attrs.get("last_year", 2012)
    a, b, y, v = _all_alliance(cow, "cow_defense", spells, countries, first, last)
    name = "security.defense_pact_cow"
    return dyad_frame(
        a, b, y, countries, {name: v, f"{name}|source": _const_source(v, "cow_alliance")}
    )


def all_shared_igos(
    igo_dyads: pd.DataFrame, igo_counts: pd.DataFrame, countries
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Compute ``security.shared_igos`` and ``security.igo_memberships_a`` for every pair (as
    :func:`compute_shared_igos`).

    Returns
    -------
    tuple of DataFrame
        The undirected frame of ``shared_igos`` and the directed frame of
        ``igo_memberships_a`` (a's count in the years the pair has a shared count).
    """
    countries = _check_countries(countries)
    n = len(countries)
    x, y = country_codes(igo_dyads["a"], countries), country_codes(igo_dyads["b"], countries)
    keep = (x >= 0) & (y >= 0) & (x < y)
    x, y = x[keep], y[keep]
    year = igo_dyads["year"].to_numpy(dtype="int64")[keep]
    shared = igo_dyads["shared"].to_numpy(dtype="float64")[keep]
    name = "security.shared_igos"
    undirected = dyad_frame(
        x, y, year, countries, {name: shared, f"{name}|source": _const_source(shared, "cow_igo")}
    )
    counts = _dense(
        country_codes(igo_counts["iso3"], countries),
        igo_counts["year"].to_numpy(dtype="int64"),
        igo_counts["full"].to_numpy(dtype="float64"),
        n,
    )
    a, b, yy = np.concatenate([x, y]), np.concatenate([y, x]), np.concatenate([year, year])
    own = counts[a, yy]
    name = "security.igo_memberships_a"
    directed = dyad_frame(
        a, b, yy, countries, {name: own, f"{name}|source": _const_source(own, "cow_igo")}
    )
    return undirected, directed


def _org_member_matrix(
    igo_memberships: pd.DataFrame,
    status: pd.DataFrame,
    spells: pd.DataFrame,
    countries: list[str],
    org: str,
    cow_igo: str | None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Return the membership evidence of every country in ``org``, as [country code, year].

    ``curated`` holds 1.0 (member, frozen or suspended), 0.0 (documented as not a member) or
    NaN (not documented) from the curated statuses; a country that is in neither the curated
    table nor COW's membership of the organisation, in any year and any status, is taken as
    never a member: 0.0 in its years as a COW state (the curated table lists every member of
    the organisations it covers). ``cow`` holds COW's full membership (True) in COW's years.
    ``active`` is ``curated`` with frozen and suspended participations as 0. ``ever`` marks
    the countries that were ever members.
    """
    n = len(countries)
    s = status[status["organisation"] == org]
    codes = country_codes(s["country"], countries)
    years = s["year"].to_numpy(dtype="int64")
    is_member = s["status"].isin(MEMBER_STATUSES).to_numpy()
    curated = _dense(codes, years, is_member.astype("float64"), n)
    active = _dense(codes, years, (s["status"] == "member").to_numpy(dtype="float64"), n)
    mentioned = np.zeros(n, dtype=bool)
    mentioned[codes[codes >= 0]] = True
    ever = np.zeros(n, dtype=bool)
    ever[codes[(codes >= 0) & is_member]] = True
    cow = np.zeros((n, MATRIX_LAST_YEAR + 1), dtype=bool)
    if cow_igo is not None:
        rows = igo_memberships[igo_memberships["igo"] == cow_igo]
        rc = country_codes(rows["iso3"], countries)
        mentioned[rc[rc >= 0]] = True
        full = rows["status"].to_numpy() == 1
        ever[rc[(rc >= 0) & full]] = True
        cow = _dense(rc, rows["year"].to_numpy(dtype="int64"), full, n, fill=False, dtype=bool)
    never = ~mentioned
    states = state_matrix(spells, countries)
    fill = never[:, None] & states
    curated[fill] = 0.0
    active[fill] = 0.0
    return curated, active, cow, ever


def all_shared_org(
    igo_memberships: pd.DataFrame,
    status: pd.DataFrame,
    spells: pd.DataFrame,
    countries,
    org: str,
    cow_igo: str | None,
) -> pd.DataFrame:
    """Compute ``security.shared_org_<org>`` (and ``..._active`` for the CSTO) for every pair;
    an undirected dyad-year frame.

    ``shared_org_<org>`` is 1 when both are members (a frozen or suspended participation
    counts), 0 when not. A year uses the curated memberships where they document both
    countries (a country never a member counts as documented, see :func:`_org_member_matrix`),
    else COW IGO's full membership (``cow_igo``) in the years both were states, from the
    organisation's first year in COW to COW's last year. Curated facts take precedence over
    COW where both speak (they are checked against two sources and run past COW's last year),
    so a membership never ends where only COW ends. A pair of which neither country was ever a
    member has no row: the indicator does not apply to it.
    ``shared_org_<org>_active`` (CSTO only) is 1 when both are members and neither has frozen
    or suspended its participation, from the curated table alone.
    """
    countries = _check_countries(countries)
    name = f"security.shared_org_{org.lower()}"
    curated, active, cow, ever = _org_member_matrix(
        igo_memberships, status, spells, countries, org, cow_igo
    )
    documented = ~np.isnan(curated)
    doc_years = np.flatnonzero(documented[ever].any(axis=0))
    org_rows = igo_memberships[igo_memberships["igo"] == cow_igo] if cow_igo else None
    cow_first = cow_last = None
    if org_rows is not None and len(org_rows):
        cow_first = int(org_rows["year"].min())
        cow_last = int(igo_memberships.attrs.get("last_year", 2014))
    lo = min([*doc_years[:1], *([cow_first] if cow_first is not None else [])], default=None)
    if lo is None:
        return join_dyad_frames([], countries)
    hi = max([*doc_years[-1:], cow_last or 0])
    pairs = np.array(
        [
            (i, j)
            for i in range(len(countries))
            for j in range(i + 1, len(countries))
            if ever[i] or ever[j]
        ],
        dtype="int64",
    ).reshape(-1, 2)
    yrs = np.arange(lo, hi + 1, dtype="int64")
    a = np.repeat(pairs[:, 0], len(yrs))
    b = np.repeat(pairs[:, 1], len(yrs))
    y = np.tile(yrs, len(pairs))
    both_doc = documented[a, y] & documented[b, y]
    value = np.where(both_doc, curated[a, y] * curated[b, y], np.nan)
    source = np.where(both_doc, 0, -1)
    if cow_last is not None:
        states = state_matrix(spells, countries, cow_last)
        in_cow = ~both_doc & (y >= cow_first) & (y <= cow_last)
        in_cow &= states[a, np.minimum(y, cow_last)] & states[b, np.minimum(y, cow_last)]
        value = np.where(in_cow, (cow[a, y] & cow[b, y]).astype("float64"), value)
        source = np.where(in_cow, 1, source)
    cols = {name: value, f"{name}{_SEP}source": _source(source, ["curated", "cow_igo"])}
    frames = [dyad_frame(a, b, y, countries, cols)]
    if org == "CSTO":
        act_doc = ~(np.isnan(active[a, y]) | np.isnan(active[b, y]))
        act = np.where(act_doc, active[a, y] * active[b, y], np.nan)
        cols = {f"{name}_active": act, f"{name}_active{_SEP}source": _const_source(act, "curated")}
        frames.append(dyad_frame(a, b, y, countries, cols))
    return join_dyad_frames(frames, countries)


def all_arms(transfers: pd.DataFrame, spells: pd.DataFrame, countries) -> pd.DataFrame:
    """Compute the arms indicators of every ordered pair (as :func:`compute_arms`).

    Sums are taken group by group in the row order of ``transfers``, as the per-pair function
    does, so that the floating-point results are the same.

    Returns
    -------
    DataFrame
        Directed dyad-year frame of ``security.arms_tiv_b_to_a``, ``arms_imports_a``,
        ``arms_supplier_share`` and ``arms_supplier_hhi``.
    """
    countries = _check_countries(countries)
    n = len(countries)
    first = transfers.attrs.get("first_year", 1950)
    last = transfers.attrs.get("last_year", int(transfers["year"].max()))
    start = transfers.attrs.get("register_start", 2000)
    listed = listed_countries(spells, countries)
    total = transfers.groupby(["recipient", "year"])["tiv"].sum()
    t_codes = country_codes(total.index.get_level_values("recipient"), countries)
    t_years = total.index.get_level_values("year").to_numpy(dtype="int64")
    totals = _dense(t_codes, t_years, total.to_numpy(dtype="float64"), n)
    by_supplier = transfers.groupby(["recipient", "year", "supplier"])["tiv"].sum()
    shares = by_supplier / by_supplier.groupby(level=["recipient", "year"]).transform("sum") * 100
    hhi = (shares**2).groupby(level=["recipient", "year"]).sum()
    hhis = _dense(
        country_codes(hhi.index.get_level_values("recipient"), countries),
        hhi.index.get_level_values("year").to_numpy(dtype="int64"),
        hhi.to_numpy(dtype="float64"),
        n,
    )
    from_b = transfers.groupby(["recipient", "supplier", "year"])["tiv"].sum()
    fa = country_codes(from_b.index.get_level_values("recipient"), countries)
    fb = country_codes(from_b.index.get_level_values("supplier"), countries)
    fy = from_b.index.get_level_values("year").to_numpy(dtype="int64")
    ok = (fa >= 0) & (fb >= 0)
    f_keys = dyad_keys(fa[ok], fb[ok], fy[ok], n)
    f_values = from_b.to_numpy(dtype="float64")[ok]
    order = np.argsort(f_keys)
    f_keys, f_values = f_keys[order], f_values[order]
    # dyad-years: the state years of listed pairs; a's import years for the others
    a, b, y = state_dyads(state_matrix(spells, countries, last), first, last)
    recorded = t_codes >= 0
    ua, ub = _unlisted_pairs(listed)
    oa, ob, oy = _pair_years(ua, ub, t_codes[recorded], t_years[recorded], "a")
    a, b, y = np.concatenate([a, oa]), np.concatenate([b, ob]), np.concatenate([y, oy])
    keys = dyad_keys(a, b, y, n)
    tiv = np.zeros(len(keys))
    pos, hit = _in_sorted(f_keys, keys)
    tiv[hit] = f_values[pos[hit]]
    imports = np.nan_to_num(totals[a, y], nan=0.0)
    imported = imports > 0
    with np.errstate(divide="ignore", invalid="ignore"):
        share = np.where(imported, tiv / imports * 100, np.nan)
    hh = np.where(imported, hhis[a, y], np.nan)
    src_codes = (y >= start).astype("int8")
    cats = _source_ids(transfers)
    cols = {}
    for name, v in (
        ("security.arms_tiv_b_to_a", tiv),
        ("security.arms_imports_a", imports),
        ("security.arms_supplier_share", share),
        ("security.arms_supplier_hhi", hh),
    ):
        cols[name] = v
        cols[f"{name}|source"] = _source(np.where(np.isnan(v), -1, src_codes), cats)
    return dyad_frame(a, b, y, countries, cols)


def all_conflict(parties: pd.DataFrame, spells: pd.DataFrame, countries) -> pd.DataFrame:
    """Compute the conflict indicators of every pair (as :func:`compute_conflict`).

    Returns
    -------
    DataFrame
        Undirected dyad-year frame (``country_a < country_b``) of ``security.conflict_a``,
        ``_b``, ``conflict_intensity_a``, ``_b`` (those of country_a and country_b) and
        ``conflict_opposed``.
    """
    countries = _check_countries(countries)
    n = len(countries)
    first, last = parties.attrs.get("first_year", 1946), parties.attrs.get("last_year", 2024)
    listed = listed_countries(spells, countries)
    p = parties.assign(code=country_codes(parties["iso3"], countries))
    p = p[p["code"] >= 0]
    per = p.groupby(["code", "year"]).agg(
        count=("conflict_id", "nunique"), level=("intensity", "max")
    )
    pc = per.index.get_level_values("code").to_numpy(dtype="int64")
    py = per.index.get_level_values("year").to_numpy(dtype="int64")
    count = _dense(pc, py, per["count"].to_numpy(dtype="float64"), n)
    level = _dense(pc, py, per["level"].to_numpy(dtype="float64"), n)
    sides = p[["conflict_id", "year", "side", "code"]]
    both = sides.merge(sides, on=["conflict_id", "year"], suffixes=("_a", "_b"))
    both = both[(both["code_a"] < both["code_b"]) & (both["side_a"] != both["side_b"])]
    opposed = both.groupby(["code_a", "code_b", "year"])["conflict_id"].nunique()
    o_keys = dyad_keys(
        opposed.index.get_level_values("code_a"),
        opposed.index.get_level_values("code_b"),
        opposed.index.get_level_values("year"),
        n,
    )
    o_values = opposed.to_numpy(dtype="float64")

    def lookup(keys):
        out = np.full(len(keys), np.nan)
        pos, hit = _in_sorted(o_keys, keys)
        out[hit] = o_values[pos[hit]]
        return out

    names = [
        "security.conflict_a",
        "security.conflict_b",
        "security.conflict_intensity_a",
        "security.conflict_intensity_b",
        "security.conflict_opposed",
    ]
    # listed pairs: their state years in UCDP's coverage, 0 where nothing is recorded
    a, b, y = state_dyads(state_matrix(spells, countries, last), first, last, ordered=False)
    listed_values = [
        np.nan_to_num(v, nan=0.0)
        for v in (count[a, y], count[b, y], level[a, y], level[b, y], lookup(dyad_keys(a, b, y, n)))
    ]
    # other pairs: each value in the years it is recorded
    ua, ub = _unlisted_pairs(listed, ordered=False)
    xa, xb, xy = _split_keys(o_keys, n)
    unlisted = ~(listed[xa] & listed[xb])
    ra, rb, ry = zip(
        _pair_years(ua, ub, pc, py, "a"),
        _pair_years(ua, ub, pc, py, "b"),
        (xa[unlisted], xb[unlisted], xy[unlisted]),
    )
    ok = _sorted_union(
        np.empty(0, "int64"),
        np.sort(dyad_keys(np.concatenate(ra), np.concatenate(rb), np.concatenate(ry), n)),
    )
    oa, ob, oy = _split_keys(ok, n)
    other_values = [count[oa, oy], count[ob, oy], level[oa, oy], level[ob, oy], lookup(ok)]
    cols = {}
    for name, v1, v2 in zip(names, listed_values, other_values):
        v = np.concatenate([v1, v2])
        cols[name] = v
        cols[f"{name}|source"] = _const_source(v, "ucdp_acd")
    return dyad_frame(
        np.concatenate([a, oa]), np.concatenate([b, ob]), np.concatenate([y, oy]), countries, cols
    )


def all_mid_onsets(mids: pd.DataFrame, spells: pd.DataFrame, countries) -> pd.DataFrame:
    """Compute ``security.mid_onsets`` for every ordered pair (as :func:`compute_mid_onsets`);
    a directed dyad-year frame (each direction from its own rows of the file)."""
    countries = _check_countries(countries)
    first, last = mids.attrs.get("first_year", 1816), mids.attrs.get("last_year", 2014)
    a, b, y, v = _all_alliance(mids, "onsets", spells, countries, first, last)
    name = "security.mid_onsets"
    return dyad_frame(a, b, y, countries, {name: v, f"{name}|source": _const_source(v, "cow_mid")})


def all_rivalry(rivalries: pd.DataFrame, spells: pd.DataFrame, countries) -> pd.DataFrame:
    """Compute ``security.rivalry`` for every pair (as :func:`compute_rivalry`); an undirected
    dyad-year frame (``country_a < country_b``)."""
    countries = _check_countries(countries)
    first, last = rivalries.attrs.get("first_year", 1494), rivalries.attrs.get("last_year", 2020)
    table = rivalries.assign(rivalry=1.0)
    a, b, y, v = _all_alliance(table, "rivalry", spells, countries, first, last, ordered=False)
    name = "security.rivalry"
    cols = {name: v, f"{name}|source": _const_source(v, "tss_rivalries")}
    return dyad_frame(a, b, y, countries, cols)


def all_cinc(nmc: pd.DataFrame, spells: pd.DataFrame, countries) -> pd.DataFrame:
    """Compute ``security.cinc_ratio`` and ``security.cinc_share_a`` for every ordered pair (as
    :func:`compute_cinc`); a directed dyad-year frame."""
    countries = _check_countries(countries)
    n = len(countries)
    listed = listed_countries(spells, countries)
    codes = country_codes(nmc["iso3"], countries)
    years = nmc["year"].to_numpy(dtype="int64")
    cinc = _dense(codes, years, nmc["cinc"].to_numpy(dtype="float64"), n)
    has = codes >= 0
    lo = max(1816, int(years.min())) if len(years) else 1816
    hi = min(2100, int(years.max())) if len(years) else 1816
    a, b, y = state_dyads(state_matrix(spells, countries), lo, hi)
    ua, ub = _unlisted_pairs(listed)
    oa, ob, oy = _pair_years(ua, ub, codes[has], years[has], "a")
    a, b, y = np.concatenate([a, oa]), np.concatenate([b, ob]), np.concatenate([y, oy])
    ca, cb = cinc[a, y], cinc[b, y]
    keep = (ca + cb) > 0
    a, b, y, ca, cb = a[keep], b[keep], y[keep], ca[keep], cb[keep]
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = ca / cb
    ratio[ratio == np.inf] = np.nan
    share = ca / (ca + cb) * 100
    cols = {}
    for name, v in (("security.cinc_ratio", ratio), ("security.cinc_share_a", share)):
        cols[name] = v
        cols[f"{name}|source"] = _const_source(v, "cow_nmc")
    return dyad_frame(a, b, y, countries, cols)


# --- processed tables of every country at once --------------------------------------------------


def all_top_suppliers(transfers: pd.DataFrame, top: int = 6) -> pd.DataFrame:
    """Return :func:`compute_top_suppliers` of every recipient in ``transfers`` at once.

    Returns
    -------
    DataFrame
        ``country_a, period, supplier, tiv, share, rank``, sorted by recipient, period and rank
        ('Others' last); the rows of one recipient equal :func:`compute_top_suppliers`.
    """
    cols = ["country_a", "period", "supplier", "tiv", "share", "rank"]
    if transfers.empty:
        return pd.DataFrame(columns=cols)
    last = transfers.attrs.get("last_year", int(transfers["year"].max()))
    labels = {y: period_of(y, last) for y in pd.unique(transfers["year"])}
    t = transfers.assign(period=transfers["year"].map(labels).astype("str"))
    keys = ["recipient", "period"]
    per = t.groupby([*keys, "supplier"], as_index=False)["tiv"].sum()
    per = per[per["tiv"] > 0].copy()
    per["share"] = per["tiv"] / per.groupby(keys)["tiv"].transform("sum") * 100
    per = per.sort_values([*keys, "tiv", "supplier"], ascending=[True, True, False, True])
    per["rank"] = per.groupby(keys).cumcount() + 1
    head = per[per["rank"] <= top]
    rest = per[per["rank"] > top].groupby(keys, as_index=False)[["tiv", "share"]].sum()
    rest = rest.assign(supplier="Others", rank=0)
    out = pd.concat([head, rest], ignore_index=True)
    out["country_a"] = out["recipient"].astype("str")
    out["order"] = out["rank"].replace(0, top + 1)
    return out.sort_values(["country_a", "period", "order"], ignore_index=True)[cols]


def igo_membership_spans(igo_memberships: pd.DataFrame) -> pd.DataFrame:
    """Return each country's full memberships (COW status 1) in each IGO as runs of years.

    Returns
    -------
    DataFrame
        ``iso3, igo, first_year, last_year``, sorted; :func:`shared_igos_for` reads it.
    """
    full = igo_memberships[igo_memberships["status"] == 1][["iso3", "igo", "year"]]
    full = full.sort_values(["iso3", "igo", "year"], ignore_index=True)
    new = (
        (full["iso3"] != full["iso3"].shift())
        | (full["igo"] != full["igo"].shift())
        | (full["year"].diff() != 1)
    )
    full = full.assign(run=np.cumsum(new.to_numpy(dtype=bool)))
    out = full.groupby(["run", "iso3", "igo"], as_index=False)["year"].agg(["min", "max"])
    out = out.rename(columns={"min": "first_year", "max": "last_year"})
    return out[["iso3", "igo", "first_year", "last_year"]]


def shared_igos_for(spans: pd.DataFrame, names: pd.DataFrame, a: str, b: str) -> pd.DataFrame:
    """Return :func:`list_shared_igos` of (a, b) from :func:`igo_membership_spans`.

    The runs in which both are members are the non-empty intersections of a run of a with a
    run of b in the same IGO (runs of one country never touch, so intersections never do).
    """
    cols = ["country_a", "country_b", "igo", "name", "first_year", "last_year"]
    sa = spans[spans["iso3"] == a][["igo", "first_year", "last_year"]]
    sb = spans[spans["iso3"] == b][["igo", "first_year", "last_year"]]
    m = sa.merge(sb, on="igo", suffixes=("_a", "_b"))
    m = pd.DataFrame(
        {
            "igo": m["igo"],
            "first_year": np.maximum(m["first_year_a"], m["first_year_b"]),
            "last_year": np.minimum(m["last_year_a"], m["last_year_b"]),
        }
    )
    m = m[m["first_year"] <= m["last_year"]]
    if m.empty:
        return pd.DataFrame(columns=cols)
    spans = m.sort_values(["igo", "first_year"], ignore_index=True)
    spans["name"] = spans["igo"].map(names.set_index("igo")["name"]).fillna(spans["igo"])
    spans = spans.assign(country_a=a, country_b=b)
    return spans.sort_values(["first_year", "name"], ignore_index=True)[cols]
