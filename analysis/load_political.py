"""Loaders of the political sources: UNGA roll-call votes and UNGA ideal points.

Three staged sources hold the UNGA votes, each read in its own published format:

``unvotes``
    Voeten's votes via the unvotes R package (1946 to 2019, plus one vote of 2020-01-14):
    three tables (votes, roll calls, issues); absences are not rows; ISO2 country codes.
``undl_2020_2024``
    UN Digital Library voting records of 2020-2024 as scraped by 3DL, one row per resolution
    with one column per member state (``YES``/``NO``/``ABSTAIN``/blank = non-voting).
``undl_2025_thirdparty_scrape``
    A third-party scrape of the 2025 records in the same wide layout, with Security Council rows.

:func:`load_unga_votes` joins them into one vote table without double counting (see there).
Every loader validates what it reads and raises :class:`~analysis.errors.BadInput` with one
line naming the file and the problem.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.errors import BadInput, quote
from analysis.load import (
    _check_complete,
    _check_range,
    _check_unique,
    _map_labels,
    _read_csv,
    raw_path,
)

#: The vote categories of the joined table; ``non_voting`` is a member that did not vote (only
#: the UN Digital Library sources record it; in unvotes such a country has no row).
VOTES = ("yes", "abstain", "no", "non_voting")

#: The six issue codes of unvotes and their names as the source writes them.
ISSUES = {
    "me": "Palestinian conflict",
    "nu": "Nuclear weapons and nuclear material",
    "di": "Arms control and disarmament",
    "hr": "Human rights",
    "co": "Colonialism",
    "ec": "Economic development",
}

#: Vote sources in order of precedence: a roll call found in an earlier source (same resolution
#: symbol and date) is dropped from the later ones. The UN Digital Library extract comes first
#: because it is the full record of 2020 (and records non-voting members).
VOTE_PRECEDENCE = ("undl_2020_2024", "undl_2025_thirdparty_scrape", "unvotes")

#: The columns of the 3DL wide layout besides the member-state columns.
_UNDL_META = {
    "token": "number",
    "Council": "text",
    "Date": "text",
    "Title": "text",
    "Resolution": "text",
    "YES COUNT": "number",
    "NO COUNT": "number",
    "ABSTAIN COUNT": "number",
    "NO-VOTE COUNT": "number",
    "TOTAL VOTES": "number",
}
_UNDL_CELLS = {"YES": "yes", "NO": "no", "ABSTAIN": "abstain"}
_UNDL_COUNTS = {"yes": "YES COUNT", "no": "NO COUNT", "abstain": "ABSTAIN COUNT"}

ROLL_CALL_COLUMNS = ["rcid", "date", "year", "resolution", "title", "amend", "para", "source"]
VOTE_COLUMNS = ["rcid", "country", "vote"]


@dataclass(frozen=True)
class UngaVotes:
    """UNGA roll calls, votes and issues of all sources, joined (see :func:`load_unga_votes`).

    ``roll_calls``: ``rcid, date, year, resolution, title, amend, para, source``;
    ``votes``: ``rcid, country (ISO3), vote`` (one of :data:`VOTES`);
    ``issues``: ``rcid, issue`` (codes of :data:`ISSUES`; unvotes roll calls only).
    """

    roll_calls: pd.DataFrame
    votes: pd.DataFrame
    issues: pd.DataFrame


def _read(path: Path, columns: dict[str, str], **kwargs) -> pd.DataFrame:
    # "NA" is Namibia's ISO2 code: only empty cells are missing values.
    return _read_csv(path, columns, keep_default_na=False, na_values=[""], **kwargs)


def _parse_dates(path: Path, values: pd.Series, column: str) -> pd.Series:
    dates = pd.to_datetime(values, format="%Y-%m-%d", errors="coerce")
    if dates.isna().any():
        bad = values[dates.isna()].iloc[0]
        raise BadInput(f"{path}: column '{column}' has {quote(bad)}; expected a date YYYY-MM-DD")
    return dates


def _check_values(path: Path, values: pd.Series, column: str, allowed) -> None:
    bad = sorted(set(values.dropna().unique()) - set(allowed), key=str)
    if bad:
        value = bad[0].item() if isinstance(bad[0], np.generic) else bad[0]
        value = int(value) if isinstance(value, float) and value.is_integer() else value
        raise BadInput(
            f"{path}: column '{column}' has {quote(value)}; expected one of {', '.join(map(str, allowed))}"
        )


def _flag(values: pd.Series) -> pd.Series:
    """Turn a 0/1 column with gaps into a nullable boolean."""
    return values.astype("Float64").eq(1).where(values.notna()).astype("boolean")


@functools.cache
def load_unvotes_roll_calls(raw_dir: Path) -> pd.DataFrame:
    """Load the unvotes roll calls: one row per UNGA roll call, 1946 to 2020-01-14.

    Returns
    -------
    DataFrame
        :data:`ROLL_CALL_COLUMNS` plus ``session``; ``amend``/``para`` say whether the vote was
        on an amendment or a paragraph (<NA> where the source does not say).
    """
    path = raw_path(raw_dir, "unvotes", 1)
    spec = {"rcid": "number", "session": "number", "date": "text", "unres": "text"}
    df = _read(path, {**spec, "amend": "number", "para": "number", "short": "text"})
    _check_complete(path, df, ["rcid", "session"])
    _check_unique(path, df, ["rcid"])
    dates = _parse_dates(path, df["date"], "date")
    _check_range(path, df, "session", 1, 200)
    for col in ("amend", "para"):
        _check_values(path, df[col], col, (0, 1))
    out = pd.DataFrame(
        {
            "rcid": df["rcid"].astype("int64"),
            "date": dates.dt.strftime("%Y-%m-%d").astype("string"),
            "year": dates.dt.year.astype("int64"),
            "resolution": df["unres"].astype("string").str.strip(),
            "title": df["short"].astype("string"),
            "amend": _flag(df["amend"]),
            "para": _flag(df["para"]),
            "source": "unvotes",
            "session": df["session"].astype("int64"),
        }
    )
    return out.sort_values(["date", "rcid"], ignore_index=True)


@functools.cache
def load_unvotes_votes(raw_dir: Path) -> pd.DataFrame:
    """Load the unvotes votes: one row per country and roll call on which it voted.

    Countries are mapped from ISO2 codes (or the name where the code is empty) to ISO3 with the
    ``unvotes`` fixes of :mod:`analysis.countries`; rows of Zanzibar (no ISO code) are dropped.

    Returns
    -------
    DataFrame
        ``rcid, country, vote`` (yes, abstain or no).
    """
    path = raw_path(raw_dir, "unvotes", 0)
    df = _read(path, {"rcid": "number", "country": "text", "country_code": "text", "vote": "text"})
    _check_complete(path, df, ["rcid"])
    _check_values(path, df["vote"], "vote", VOTES[:3])
    if df["vote"].isna().any():
        raise BadInput(f"{path}: empty vote on line {int(df['vote'].isna().argmax()) + 2}")
    label = df["country_code"].fillna(df["country"])
    if label.isna().any():
        raise BadInput(f"{path}: a row has neither country_code nor country; expected one")
    iso3 = _map_labels(path, label, "unvotes")
    out = pd.DataFrame(
        {"rcid": df["rcid"].astype("int64"), "country": iso3, "vote": df["vote"].astype("string")}
    ).dropna(subset=["country"])
    _check_unique(path, out, ["rcid", "country"])
    known = load_unvotes_roll_calls(raw_dir)["rcid"]
    orphans = out.loc[~out["rcid"].isin(known), "rcid"]
    if len(orphans):
        raise BadInput(f"{path}: rcid {orphans.iloc[0]} is not in the roll-call table")
    return out.reset_index(drop=True)


@functools.cache
def load_unvotes_issues(raw_dir: Path) -> pd.DataFrame:
    """Load the unvotes issue codes: ``rcid, issue`` (codes of :data:`ISSUES`)."""
    path = raw_path(raw_dir, "unvotes", 2)
    df = _read(path, {"rcid": "number", "short_name": "text", "issue": "text"})
    _check_complete(path, df, ["rcid"])
    _check_values(path, df["short_name"], "short_name", ISSUES)
    wrong = df[df["issue"] != df["short_name"].map(ISSUES)]
    if len(wrong):
        r = wrong.iloc[0]
        raise BadInput(
            f"{path}: issue {quote(r['issue'])} does not match code {quote(r['short_name'])}; expected "
            f"{quote(ISSUES.get(r['short_name']))}"
        )
    _check_unique(path, df, ["rcid", "short_name"])
    known = load_unvotes_roll_calls(raw_dir)["rcid"]
    orphans = df.loc[~df["rcid"].isin(known), "rcid"]
    if len(orphans):
        raise BadInput(f"{path}: rcid {orphans.iloc[0]} is not in the roll-call table")
    out = pd.DataFrame(
        {"rcid": df["rcid"].astype("int64"), "issue": df["short_name"].astype("string")}
    )
    return out.sort_values(["rcid", "issue"], ignore_index=True)


def _read_undl_wide(path: Path, seats: int = 193) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Read the 3DL wide layout: metadata columns, then one ISO3 column per member state.

    Checks that every vote cell is YES/NO/ABSTAIN/blank and that, on every General Assembly
    row, the cells add up to the row's own counts: ``YES COUNT`` etc., and blanks plus the
    member states without a column equal ``NO-VOTE COUNT`` (``TOTAL VOTES`` seats in all).

    Returns
    -------
    (roll_calls, votes)
        General Assembly rows only; votes ``rcid, country, vote`` with ``non_voting`` for blanks.
    """
    df = _read(path, _UNDL_META, dtype={"Council": "string"})
    _check_complete(path, df, ["token", "YES COUNT", "NO-VOTE COUNT", "TOTAL VOTES"])
    # An empty NO or ABSTAIN count means none: 38 rows of the 2020-2024 extract leave 'NO COUNT'
    # empty and have no NO cell (25 likewise for ABSTAIN); the cell check below confirms it.
    df[["NO COUNT", "ABSTAIN COUNT"]] = df[["NO COUNT", "ABSTAIN COUNT"]].fillna(0)
    df = df[df["Council"].str.strip() == "General Assembly"]
    if df.empty:
        raise BadInput(f"{path}: no 'General Assembly' rows in column 'Council'")
    _check_unique(path, df, ["token"])
    _check_unique(path, df, ["Resolution"])
    dates = _parse_dates(path, df["Date"], "Date")
    labels = [c for c in df.columns if len(c) == 3 and c.isalpha() and c.isupper()]
    if len(labels) < 150:
        raise BadInput(
            f"{path}: found {len(labels)} member-state columns; expected about {seats} ISO3 columns"
        )
    iso3 = _map_labels(path, pd.Series(labels), "undl")
    cells = df[labels].astype("string").apply(lambda col: col.str.strip())
    _check_values(path, pd.Series(cells.to_numpy().ravel()), "vote", _UNDL_CELLS)
    if (df["TOTAL VOTES"] != seats).any():
        raise BadInput(f"{path}: 'TOTAL VOTES' is not {seats} on some rows; expected {seats} seats")
    for vote, count in _UNDL_COUNTS.items():
        cell = {"yes": "YES", "no": "NO", "abstain": "ABSTAIN"}[vote]
        found = cells.eq(cell).sum(axis=1)
        bad = found != df[count]
        if bad.any():
            r = int(bad.to_numpy().argmax())
            raise BadInput(
                f"{path}: {df['Resolution'].iloc[r]} has {found.iloc[r]} {cell} cells but "
                f"'{count}' {df[count].iloc[r]:g}; expected them to agree"
            )
    blanks = cells.isna().sum(axis=1) + (seats - len(labels))
    bad = blanks != df["NO-VOTE COUNT"]
    if bad.any():
        r = int(bad.to_numpy().argmax())
        raise BadInput(
            f"{path}: {df['Resolution'].iloc[r]} has {blanks.iloc[r]} non-voting seats but "
            f"'NO-VOTE COUNT' {df['NO-VOTE COUNT'].iloc[r]:g}; expected them to agree"
        )
    title = (
        df["Title"]
        .astype("string")
        .str.replace(r"\s*:\s*resolutions? / adopted by the General Assembly\s*$", "", regex=True)
    )
    roll_calls = pd.DataFrame(
        {
            "rcid": df["token"].astype("int64").to_numpy(),
            "date": dates.dt.strftime("%Y-%m-%d").astype("string").to_numpy(),
            "year": dates.dt.year.astype("int64").to_numpy(),
            "resolution": df["Resolution"].astype("string").str.strip().to_numpy(),
            "title": title.to_numpy(),
            "amend": pd.array([False] * len(df), dtype="boolean"),
            "para": pd.array([False] * len(df), dtype="boolean"),
        }
    )
    coded = cells.apply(lambda col: col.map(_UNDL_CELLS)).fillna("non_voting")
    votes = pd.DataFrame(
        {
            "rcid": np.repeat(roll_calls["rcid"].to_numpy(), len(labels)),
            "country": np.tile(iso3.to_numpy(dtype=object), len(df)),
            "vote": coded.to_numpy().ravel(),
        }
    ).astype({"country": "string", "vote": "string"})
    return roll_calls, votes


@functools.cache
def load_undl_votes(raw_dir: Path, source: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Load UNGA votes from a UN Digital Library scrape in the 3DL wide layout.

    Parameters
    ----------
    raw_dir : Path
    source : str
        ``"undl_2020_2024"`` or ``"undl_2025_thirdparty_scrape"``.

    Returns
    -------
    (roll_calls, votes)
        Roll calls :data:`ROLL_CALL_COLUMNS` (``rcid`` is the UN Digital Library record id;
        ``amend``/``para`` False: votes on whole resolutions); votes ``rcid, country, vote``
        with ``non_voting`` for a member state that did not vote. Security Council rows dropped.
    """
    if source not in ("undl_2020_2024", "undl_2025_thirdparty_scrape"):
        raise BadInput(f"unknown UN Digital Library source {quote(source)}")
    path = raw_path(raw_dir, source)
    roll_calls, votes = _read_undl_wide(path)
    roll_calls["source"] = source
    return roll_calls[ROLL_CALL_COLUMNS], votes


def _join_sources(parts: dict[str, tuple[pd.DataFrame, pd.DataFrame]]) -> tuple:
    """Join roll calls and votes of several sources by :data:`VOTE_PRECEDENCE`.

    A roll call is the same vote in two sources when its resolution symbol (spaces removed,
    upper case) and date agree; only the first source's record is kept.
    """
    kept, seen = [], set()
    for source in VOTE_PRECEDENCE:
        rc = parts[source][0]
        key = rc["resolution"].fillna("").str.replace(" ", "").str.upper() + "|" + rc["date"]
        dup = key.isin(seen) & rc["resolution"].notna()
        seen |= set(key[rc["resolution"].notna()])
        kept.append(rc[~dup])
    roll_calls = pd.concat(kept, ignore_index=True)
    if roll_calls["rcid"].duplicated().any():
        rcid = roll_calls.loc[roll_calls["rcid"].duplicated(), "rcid"].iloc[0]
        raise BadInput(f"roll-call id {rcid} occurs in two vote sources; expected distinct ids")
    votes = pd.concat([parts[s][1] for s in VOTE_PRECEDENCE], ignore_index=True)
    votes = votes[votes["rcid"].isin(roll_calls["rcid"])]
    return roll_calls, votes


@functools.cache
def load_unga_votes(raw_dir: Path) -> UngaVotes:
    """Load the UNGA votes of every source as one series, 1946 to the latest staged year.

    Voeten's unvotes serve 1946-2019, the UN Digital Library extract 2020-2024 and the
    third-party scrape 2025. One roll call (A/RES/74/267, 14 January 2020) is in both unvotes and
    the extract: roll calls are matched by resolution symbol and date and the extract's record is
    kept (:data:`VOTE_PRECEDENCE`), so no vote is counted twice and each calendar year comes from
    one source.

    Returns
    -------
    UngaVotes
    """
    raw_dir = Path(raw_dir)
    parts = {
        "unvotes": (load_unvotes_roll_calls(raw_dir), load_unvotes_votes(raw_dir)),
        "undl_2020_2024": load_undl_votes(raw_dir, "undl_2020_2024"),
        "undl_2025_thirdparty_scrape": load_undl_votes(raw_dir, "undl_2025_thirdparty_scrape"),
    }
    roll_calls, votes = _join_sources(
        {s: (rc[ROLL_CALL_COLUMNS], v) for s, (rc, v) in parts.items()}
    )
    mixed = roll_calls.groupby("year")["source"].nunique()
    if (mixed > 1).any():
        year = int(mixed[mixed > 1].index[0])
        raise BadInput(f"UNGA votes of {year} come from several sources; expected one per year")
    roll_calls = roll_calls.sort_values(["date", "rcid"], ignore_index=True)
    votes = votes.astype({"vote": pd.CategoricalDtype(VOTES)}).reset_index(drop=True)
    issues = load_unvotes_issues(raw_dir)
    issues = issues[issues["rcid"].isin(roll_calls["rcid"])].reset_index(drop=True)
    return UngaVotes(roll_calls=roll_calls, votes=votes, issues=issues)


@functools.cache
def load_idealpoints(raw_dir: Path) -> pd.DataFrame:
    """Load the Bailey-Strezhnev-Voeten ideal points (final-passage votes), 1946-2025.

    Countries are mapped from the COW code (``ccode``) like every COW-coded source, so
    Yugoslavia (345) is Serbia's series and North Yemen (678) Yemen's.

    Returns
    -------
    DataFrame
        ``country, year, n_votes, idealpoint, q05, q10, q50, q90, q95`` (posterior quantiles),
        one row per country and year.
    """
    path = raw_path(raw_dir, "unga_idealpoints")
    quantiles = {"Q5%FP": "q05", "Q10%FP": "q10", "Q50%FP": "q50", "Q90%FP": "q90", "Q95%FP": "q95"}
    num = ["ccode", "year", "NVotesFP", "IdealPointFP", *quantiles]
    df = _read(path, {"iso3c": "text", **dict.fromkeys(num, "number")}, sep="\t")
    _check_complete(path, df, num)
    _check_range(path, df, "year", 1946, 2100)
    _check_range(path, df, "NVotesFP", 0, 10_000)
    q = df[list(quantiles)].to_numpy()
    unordered = (np.diff(q, axis=1) < 0).any(axis=1)
    if unordered.any():
        r = int(unordered.argmax())
        raise BadInput(
            f"{path}: posterior quantiles of {df['iso3c'].iloc[r]} {df['year'].iloc[r]} are not "
            f"in order; expected Q5% <= Q10% <= Q50% <= Q90% <= Q95%"
        )
    country = _map_labels(path, df["ccode"].astype("int64").astype(str), "cow")
    if country.isna().any():
        code = df.loc[country.isna(), "ccode"].iloc[0]
        raise BadInput(f"{path}: COW code {code} has no ISO3 code; expected a current state")
    out = pd.DataFrame(
        {
            "country": country,
            "year": df["year"].astype("int64"),
            "n_votes": df["NVotesFP"].astype("int64"),
            "idealpoint": df["IdealPointFP"].astype("float64"),
            **{name: df[col].astype("float64") for col, name in quantiles.items()},
        }
    )
    _check_unique(path, out, ["country", "year"])
    return out.sort_values(["country", "year"], ignore_index=True)
