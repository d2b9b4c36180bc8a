"""Loaders for the security dimension: alliances, IGOs, arms transfers, conflict, capabilities.

Each loader reads one raw source in its published format (see :data:`analysis.sources.SOURCES`),
checks what it reads and returns a tidy frame keyed by ISO3 codes. Country codes go through
:func:`analysis.countries.map_source_names` (COW numbers with source ``"cow"``, Gleditsch-Ward
numbers with ``"gw"``, SIPRI names with ``"sipri"``). Any problem raises
:class:`~analysis.errors.BadInput` with one line naming the file and the problem.

Also here: the curated memberships table (``data/curated/memberships.csv``), checked against its
schema on load.

Where two COW states share one ISO3 code in the same year (Germany in 1990: COW 255 and 260;
Yemen in 1990: 678 and 679), dyad-year flags and counts keep the larger value and state-year
values keep the state of :data:`analysis.countries.COW_PREFERRED`.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from pathlib import Path

import numpy as np
import pandas as pd

from analysis import countries, datastore
from analysis.errors import BadInput, quote
from analysis.html import safe_href
from analysis.load import _check_complete, _check_range, _check_unique, _read_csv, raw_path

# --- helpers ------------------------------------------------------------------------------------


def _map_codes(path: Path, codes: pd.Series, source: str) -> pd.Series:
    """Map COW or GW state numbers to ISO3 (<NA> for states without an ISO code)."""
    values = codes.dropna().astype("int64")
    mapping, unmatched = countries.map_source_names(pd.unique(values), source)
    if unmatched:
        raise BadInput(
            f"{path}: unknown {source.upper()} state number(s) "
            f"{', '.join(map(str, sorted(unmatched)[:5]))}; add them to the fixes in "
            f"analysis/countries.py"
        )
    out = pd.Series(pd.NA, index=codes.index, dtype="string")
    out[values.index] = values.map(mapping).astype("string")
    return out


def _check_binary(path: Path, df: pd.DataFrame, cols: list[str]) -> None:
    for col in cols:
        bad = df.loc[~df[col].isin([0, 1]), col]
        if len(bad):
            raise BadInput(f"{path}: column '{col}' has {quote(bad.iloc[0])}; expected 0 or 1")


def _dyad_years(path: Path, df: pd.DataFrame, flags: list[str], agg: str) -> pd.DataFrame:
    """Map ``ccode1, ccode2`` to ISO3 ``a, b`` and merge states that share an ISO3 in a year."""
    df = df.assign(a=_map_codes(path, df["ccode1"], "cow"), b=_map_codes(path, df["ccode2"], "cow"))
    df = df.dropna(subset=["a", "b"])
    df = df[df["a"] != df["b"]]
    out = df.groupby(["a", "b", "year"], as_index=False)[flags].agg(agg)
    out["year"] = out["year"].astype("int64")
    return out.sort_values(["a", "b", "year"], ignore_index=True)


# --- state system -------------------------------------------------------------------------------


@functools.cache
def load_state_spells(raw_dir: Path) -> pd.DataFrame:
    """Load the COW state list as spells of statehood per ISO3 code.

    The list (v2016) ends its open spells on 31 December 2016; those spells are returned as
    open (``end`` <NA>), meaning "still a state".

    Returns
    -------
    DataFrame
        ``iso3, cow, start, end`` (years; ``end`` <NA> for an open spell).
    """
    path = raw_path(raw_dir, "cow_states")
    num = ["ccode", "styear", "endyear", "endmonth", "endday", "version"]
    df = _read_csv(path, {"stateabb": "text", **{c: "number" for c in num}})
    _check_complete(path, df, num)
    _check_range(path, df, "styear", 1816, 2100)
    _check_range(path, df, "endyear", 1816, 2100)
    open_spell = (df["endyear"] == df["version"]) & (df["endmonth"] == 12) & (df["endday"] == 31)
    out = pd.DataFrame(
        {
            "iso3": _map_codes(path, df["ccode"], "cow"),
            "cow": df["ccode"].astype("int64"),
            "start": df["styear"].astype("int64"),
            "end": df["endyear"].astype("Int64").mask(open_spell),
        }
    ).dropna(subset=["iso3"])
    return out.sort_values(["iso3", "start"], ignore_index=True)


# --- alliances ----------------------------------------------------------------------------------

ATOP_FLAGS = ["atop_defense", "atop_offense", "atop_neutral", "atop_nonagg", "atop_consul"]
COW_ALLIANCE_FLAGS = ["cow_defense", "cow_neutral", "cow_nonagg", "cow_entente"]


def _load_alliance(raw_dir: Path, source: str, flags: list[str], lo: int) -> pd.DataFrame:
    path = raw_path(raw_dir, source)
    keys = ["ccode1", "ccode2", "year"]
    df = _read_csv(path, {c: "number" for c in keys + flags})
    _check_complete(path, df, keys + flags)
    _check_range(path, df, "year", lo, 2100)
    _check_binary(path, df, flags)
    _check_unique(path, df, keys)
    out = _dyad_years(path, df, flags, "max")
    out.attrs["last_year"] = int(df["year"].max())
    out.attrs["first_year"] = int(df["year"].min())
    return out


@functools.cache
def load_atop(raw_dir: Path) -> pd.DataFrame:
    """Load ATOP v5.1 dyad-years (both directions): ``a, b, year`` and five 0/1 obligations.

    Only dyad-years with an obligation are listed. ``attrs['first_year']`` and
    ``attrs['last_year']`` give the years the file covers.
    """
    return _load_alliance(Path(raw_dir), "atop", ATOP_FLAGS, 1815)


@functools.cache
def load_cow_alliance(raw_dir: Path) -> pd.DataFrame:
    """Load COW Formal Alliances v4.1 dyad-years (both directions): ``a, b, year`` + 0/1 types."""
    return _load_alliance(Path(raw_dir), "cow_alliance", COW_ALLIANCE_FLAGS, 1816)


# --- IGOs ---------------------------------------------------------------------------------------

#: COW IGO v3 membership codes (igoR documentation of state_year_format3).
IGO_CODES = {
    0: "no membership",
    1: "full membership",
    2: "associate membership",
    3: "observer",
    -9: "missing data",
    -1: "IGO not in existence",
}


@functools.cache
def load_igo_dyads(raw_dir: Path) -> pd.DataFrame:
    """Load the COW IGO dyad-year counts of shared full memberships.

    Returns
    -------
    DataFrame
        ``a, b, year, shared`` with ``a < b`` (non-directed, as published).
    """
    path = raw_path(raw_dir, "cow_igo", 0)
    keys = ["ccode1", "ccode2", "year"]
    df = _read_csv(path, {c: "number" for c in [*keys, "dyadigos"]})
    _check_complete(path, df, [*keys, "dyadigos"])
    _check_range(path, df, "year", 1816, 2100)
    _check_range(path, df, "dyadigos", 0, 1000)
    _check_unique(path, df, keys)
    out = _dyad_years(path, df.rename(columns={"dyadigos": "shared"}), ["shared"], "max")
    swap = out["a"] > out["b"]
    out.loc[swap, ["a", "b"]] = out.loc[swap, ["b", "a"]].to_numpy()
    out = out.groupby(["a", "b", "year"], as_index=False)["shared"].max()
    out["shared"] = out["shared"].astype("int64")
    return out


@functools.cache
def load_igo_state_counts(raw_dir: Path) -> pd.DataFrame:
    """Load COW IGO state-year sums: ``iso3, year, full, associate, observer, any``."""
    path = raw_path(raw_dir, "cow_igo", 1)
    cols = ["sum_igo_full", "sum_igo_associate", "sum_igo_observer", "sum_igo_anytype"]
    df = _read_csv(path, {c: "number" for c in ["ccode", "year", *cols]})
    _check_complete(path, df, ["ccode", "year", *cols])
    _check_range(path, df, "year", 1816, 2100)
    for col in cols:
        _check_range(path, df, col, 0, 1000)
    _check_unique(path, df, ["ccode", "year"])
    df = df.assign(iso3=_map_codes(path, df["ccode"], "cow")).dropna(subset=["iso3"])
    df = _prefer_cow(df, ["iso3", "year"])
    out = df.rename(columns=dict(zip(cols, ["full", "associate", "observer", "any"])))
    return out[["iso3", "year", "full", "associate", "observer", "any"]].reset_index(drop=True)


def _prefer_cow(df: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Keep one row per key where two COW states share an ISO3 (the COW_PREFERRED state)."""
    preferred = df["ccode"].isin(list(countries.COW_PREFERRED.values()))
    df = df.assign(_rank=(~preferred).astype(int)).sort_values([*keys, "_rank"])
    return df.drop_duplicates(keys).drop(columns="_rank").sort_values(keys, ignore_index=True)


@functools.cache
def load_igo_memberships(raw_dir: Path) -> pd.DataFrame:
    """Load which IGOs each state belonged to each year (COW IGO v3 state-year table).

    Returns
    -------
    DataFrame
        ``iso3, year, igo (lower-case COW abbreviation), status`` with status 1 (full),
        2 (associate) or 3 (observer); non-memberships and missing codes are not listed.
    """
    path = raw_path(raw_dir, "cow_igo", 2)
    df = _read_csv(path, {"ccode": "number", "year": "number", "state": "text"})
    _check_complete(path, df, ["ccode", "year"])
    _check_range(path, df, "year", 1816, 2100)
    _check_unique(path, df, ["ccode", "year"])
    igos = [c for c in df.columns if c not in ("ccode", "year", "state")]
    if not igos:
        raise BadInput(f"{path}: no IGO columns after ccode, year, state; expected one per IGO")
    values = df[igos].apply(pd.to_numeric, errors="coerce")
    bad = ~values.isin(list(IGO_CODES)) | values.isna()
    if bad.any().any():
        r, c = bad.to_numpy().nonzero()
        raise BadInput(
            f"{path}: IGO column '{igos[c[0]]}' has '{df[igos].iloc[r[0], c[0]]}' on line "
            f"{r[0] + 2}; expected one of {sorted(IGO_CODES)}"
        )
    matrix = values.to_numpy(dtype="int64")
    r, c = np.nonzero(matrix > 0)
    iso3 = _map_codes(path, df["ccode"], "cow")
    out = pd.DataFrame(
        {
            "iso3": iso3.to_numpy()[r],
            "ccode": df["ccode"].to_numpy()[r],
            "year": df["year"].to_numpy(dtype="int64")[r],
            "igo": np.asarray(igos, dtype=object)[c],
            "status": matrix[r, c],
        }
    ).dropna(subset=["iso3"])
    out = _prefer_cow(out, ["iso3", "year", "igo"]).drop(columns="ccode")
    out["iso3"] = out["iso3"].astype("string")
    out["igo"] = out["igo"].astype("string")
    out.attrs["last_year"] = int(df["year"].max())
    out.attrs["igos"] = tuple(igos)
    return out


@functools.cache
def load_igo_names(raw_dir: Path) -> pd.DataFrame:
    """Load the full name of every COW IGO: ``igo (lower-case abbreviation), name``."""
    path = raw_path(raw_dir, "cow_igo", 3)
    df = _read_csv(path, {"ioname": "text", "orgname": "text", "year": "number"}, low_memory=False)
    _check_complete(path, df, ["year"])
    if df["ioname"].isna().any() or df["orgname"].isna().any():
        raise BadInput(f"{path}: empty 'ioname' or 'orgname'; expected an abbreviation and a name")
    names = df[["ioname", "orgname"]].drop_duplicates()
    names = names.assign(igo=names["ioname"].str.lower())
    _check_unique(path, names, ["igo"])
    return pd.DataFrame(
        {"igo": names["igo"].astype("string"), "name": names["orgname"].astype("string")}
    ).sort_values("igo", ignore_index=True)


# --- arms transfers -----------------------------------------------------------------------------


def _map_sipri(path: Path, labels: pd.Series) -> pd.Series:
    mapping, unmatched = countries.map_source_names(labels.dropna().unique(), "sipri")
    if unmatched:
        raise BadInput(
            f"{path}: unmatched supplier/recipient name(s) "
            f"{', '.join(map(repr, sorted(unmatched)[:5]))}; add them to SIPRI_NAME_FIXES in "
            f"analysis/countries.py"
        )
    return labels.map(mapping).astype("string")


def _tidy_transfers(path: Path, df: pd.DataFrame, source: str) -> pd.DataFrame:
    """Return ``supplier, recipient (ISO3 or NA), supplier_label, recipient_label, year, tiv``."""
    out = pd.DataFrame(
        {
            "supplier": _map_sipri(path, df["supplier"]),
            "recipient": _map_sipri(path, df["recipient"]),
            "supplier_label": df["supplier"].astype("string"),
            "recipient_label": df["recipient"].astype("string"),
            "year": df["year"].astype("int64"),
            "tiv": df["tiv"].astype("float64"),
        }
    )
    out["source"] = source
    return out


@functools.cache
def load_sipri_tiv(raw_dir: Path) -> pd.DataFrame:
    """Load SIPRI TIV by supplier, recipient and year (TIV tables 1950-2021, via 360info).

    Returns
    -------
    DataFrame
        ``supplier, recipient`` (ISO3, <NA> for non-state groups, organisations, unknown),
        ``supplier_label, recipient_label, year, tiv`` (TIV million), ``source``.
    """
    path = raw_path(raw_dir, "sipri_tiv")
    df = _read_csv(
        path, {"supplier": "text", "recipient": "text", "year": "number", "value": "number"}
    )
    _check_complete(path, df, ["year", "value"])
    if df["supplier"].isna().any() or df["recipient"].isna().any():
        raise BadInput(f"{path}: empty supplier or recipient; expected a name on every row")
    _check_range(path, df, "year", 1950, 2100)
    _check_range(path, df, "value", 0, 1e6)
    _check_unique(path, df, ["supplier", "recipient", "year"])
    df = df.rename(columns={"value": "tiv"})
    return _tidy_transfers(path, df, "sipri_tiv")


#: Columns of the SIPRI trade register export used here.
REGISTER_COLUMNS = {
    "SIPRI AT Database ID": "number",
    "Supplier": "text",
    "Recipient": "text",
    "Designation": "text",
    "Description": "text",
    "Armament category": "text",
    "Order date": "number",
    "Delivery year": "number",
    "Delivery year is estimate": "text",
    "TIV delivery values": "number",
}


def _register_header_line(path: Path) -> int:
    """Return the 0-based line of the register's column header (after SIPRI's notes)."""
    import gzip

    opener = gzip.open if path.suffix == ".gz" else open
    try:
        with opener(path, "rt", encoding="utf-8", errors="replace") as handle:
            for i, line in enumerate(handle):
                if line.startswith("SIPRI AT Database ID,"):
                    return i
                if i > 50:
                    break
    except (OSError, EOFError) as exc:
        raise BadInput(f"{path}: cannot be read ({exc})") from None
    raise BadInput(
        f"{path}: no header line starting 'SIPRI AT Database ID,' in the first 50 lines; "
        f"expected a SIPRI trade-register export (notes, then the column header)"
    )


def _load_register(raw_dir: Path, source: str) -> pd.DataFrame:
    """Load one edition of the SIPRI trade register (see :func:`load_sipri_register`)."""
    path = raw_path(raw_dir, source)
    df = _read_csv(path, REGISTER_COLUMNS, skiprows=_register_header_line(path))
    # the February 2026 export ends every line with ';': the last column's name and values
    # carry it (not a column read here, stripped all the same so the frame reads as published)
    df.columns = df.columns.str.rstrip(";")
    _check_complete(path, df, ["SIPRI AT Database ID", "Delivery year", "TIV delivery values"])
    if df["Supplier"].isna().any() or df["Recipient"].isna().any():
        raise BadInput(f"{path}: empty Supplier or Recipient; expected a name on every row")
    _check_range(path, df, "Delivery year", 1950, 2100)
    _check_range(path, df, "TIV delivery values", 0, 1e6)
    _check_unique(path, df, ["SIPRI AT Database ID", "Delivery year"])
    base = df.rename(
        columns={"Supplier": "supplier", "Recipient": "recipient", "Delivery year": "year"}
    ).assign(tiv=df["TIV delivery values"])
    out = _tidy_transfers(path, base, source)
    out.insert(0, "deal_id", df["SIPRI AT Database ID"].astype("int64"))
    out["order_year"] = df["Order date"].astype("Int64")
    out["designation"] = df["Designation"].astype("string")
    out["description"] = df["Description"].astype("string")
    out["category"] = df["Armament category"].astype("string")
    out["year_is_estimate"] = df["Delivery year is estimate"].astype("string").eq("Yes")
    return out


@functools.cache
def load_sipri_register(raw_dir: Path) -> pd.DataFrame:
    """Load the SIPRI trade register of January 2025: one row per deal and delivery year
    (2000-2023). Superseded by :func:`load_sipri_register_2024`; kept to state revisions.

    Returns
    -------
    DataFrame
        ``deal_id, supplier, recipient`` (ISO3 or <NA>), ``supplier_label, recipient_label,
        year`` (delivery year), ``tiv`` (TIV million delivered that year), ``order_year,
        designation, description, category, year_is_estimate, source``.
    """
    return _load_register(Path(raw_dir), "sipri_register")


@functools.cache
def load_sipri_register_2024(raw_dir: Path) -> pd.DataFrame:
    """Load the SIPRI trade register of February 2026 (deliveries 1995-2024), as
    :func:`load_sipri_register` (source ``sipri_register_1995_2024``)."""
    return _load_register(Path(raw_dir), "sipri_register_1995_2024")


# --- conflict -----------------------------------------------------------------------------------

UCDP_PARTY_COLUMNS = {
    "gwno_a": ("a", True),
    "gwno_a_2nd": ("a", False),
    "gwno_b": ("b", True),
    "gwno_b_2nd": ("b", False),
}
UCDP_TYPES = {"extrasystemic", "interstate", "intrastate", "II"}


@functools.cache
def load_ucdp_parties(raw_dir: Path) -> pd.DataFrame:
    """Load the UCDP/PRIO Armed Conflict Dataset as one row per conflict, year and state party.

    The staged file repeats a conflict-year once per combination of its parties; this loader
    keeps each (conflict, year, side, state) once.

    Returns
    -------
    DataFrame
        ``conflict_id, year, intensity`` (1: 25-999 battle deaths, 2: 1,000 or more),
        ``type`` (extrasystemic, interstate, intrastate, II = internationalised intrastate),
        ``incompatibility, side`` (a: government side, b: opposition side), ``primary``
        (False for a secondary, supporting party), ``iso3``.
    """
    path = raw_path(raw_dir, "ucdp_acd")
    spec = {
        "conflict_id": "number",
        "year": "number",
        "intensity_level": "number",
        "type_of_conflict": "text",
        "incompatibility": "text",
        **{c: "number" for c in UCDP_PARTY_COLUMNS},
    }
    df = _read_csv(path, spec)
    _check_complete(path, df, ["conflict_id", "year", "intensity_level", "gwno_a"])
    _check_range(path, df, "year", 1946, 2100)
    bad = df.loc[~df["intensity_level"].isin([1, 2]), "intensity_level"]
    if len(bad):
        raise BadInput(
            f"{path}: column 'intensity_level' has {quote(bad.iloc[0])}; expected 1 or 2"
        )
    bad = set(df["type_of_conflict"].dropna()) - UCDP_TYPES
    if bad or df["type_of_conflict"].isna().any():
        raise BadInput(
            f"{path}: unknown type_of_conflict {sorted(bad) or ['(empty)']}; expected one of "
            f"{sorted(UCDP_TYPES)}"
        )
    per_year = df.groupby(["conflict_id", "year"])[["intensity_level", "type_of_conflict"]]
    if (per_year.nunique() > 1).any().any():
        raise BadInput(
            f"{path}: a conflict-year has two intensities or types; expected one per "
            f"conflict_id and year"
        )
    frames = []
    for col, (side, primary) in UCDP_PARTY_COLUMNS.items():
        part = df[df[col].notna()]
        frames.append(
            pd.DataFrame(
                {
                    "conflict_id": part["conflict_id"].astype("int64"),
                    "year": part["year"].astype("int64"),
                    "intensity": part["intensity_level"].astype("int64"),
                    "type": part["type_of_conflict"].astype("string"),
                    "incompatibility": part["incompatibility"].astype("string"),
                    "side": side,
                    "primary": primary,
                    "iso3": _map_codes(path, part[col], "gw"),
                }
            )
        )
    out = pd.concat(frames, ignore_index=True).dropna(subset=["iso3"]).drop_duplicates()
    out = out.sort_values(["conflict_id", "year", "side", "iso3"], ignore_index=True)
    out.attrs["first_year"] = int(df["year"].min())
    out.attrs["last_year"] = int(df["year"].max())
    return out


#: First year of the COW state system (and of the state spells every dyad-year needs).
COW_FIRST_YEAR = 1816

# --- militarised disputes and rivalries ---------------------------------------------------------


@functools.cache
def load_mid_onsets(raw_dir: Path) -> pd.DataFrame:
    """Load the COW MID v5.0 directed dyad-year disputes (peacesciencer ``cow_mid_ddydisps``).

    The file holds one dispute per directed dyad-year (peacesciencer keeps one where several
    overlap) and both directions of each dyad.

    Returns
    -------
    DataFrame
        ``a, b, year, onsets``: the number of distinct disputes that began between a and b
        that year (states sharing an ISO3 code counted once); only dyad-years with a dispute
        (ongoing or new) are listed, with 0 where it did not begin that year. ``attrs`` give
        the first and last year of the file.
    """
    path = raw_path(raw_dir, "cow_mid")
    keys = ["dispnum", "ccode1", "ccode2", "year"]
    df = _read_csv(path, {c: "number" for c in [*keys, "cowmidonset"]})
    _check_complete(path, df, [*keys, "cowmidonset"])
    _check_range(path, df, "year", 1816, 2100)
    _check_binary(path, df, ["cowmidonset"])
    _check_unique(path, df, keys)
    df = df.assign(a=_map_codes(path, df["ccode1"], "cow"), b=_map_codes(path, df["ccode2"], "cow"))
    df = df.dropna(subset=["a", "b"])
    df = df[df["a"] != df["b"]]
    new = df["dispnum"].where(df["cowmidonset"] == 1)
    out = df.assign(onsets=new).groupby(["a", "b", "year"], as_index=False)["onsets"].nunique()
    out["year"] = out["year"].astype("int64")
    out["onsets"] = out["onsets"].astype("int64")
    out = out.sort_values(["a", "b", "year"], ignore_index=True)
    out.attrs["first_year"] = int(df["year"].min())
    out.attrs["last_year"] = int(df["year"].max())
    return out


@functools.cache
def load_rivalries(raw_dir: Path) -> pd.DataFrame:
    """Load the Thompson, Sakuwa and Suhas strategic rivalries (peacesciencer ``tss_rivalries``)
    as the years each pair was in a rivalry.

    Returns
    -------
    DataFrame
        ``a, b, year, rivalry_id`` with ``a < b`` (ISO3; rivalries are not directed), one row
        per pair and year inside a rivalry (the lowest id where two overlap). ``attrs``: the
        first start and the last end year of the file (its coverage).
    """
    path = raw_path(raw_dir, "tss_rivalries")
    cols = ["tssr_id", "ccode1", "ccode2", "start", "end"]
    df = _read_csv(path, {**{c: "number" for c in cols}, "rivalry": "text"})
    _check_complete(path, df, cols)
    _check_range(path, df, "start", 1400, 2100)
    _check_range(path, df, "end", 1400, 2100)
    _check_unique(path, df, ["tssr_id"])
    bad = df[df["end"] < df["start"]]
    if len(bad):
        raise BadInput(
            f"{path}: rivalry {quote(bad['rivalry'].iloc[0])} ends ({int(bad['end'].iloc[0])}) "
            f"before it starts ({int(bad['start'].iloc[0])}); expected start <= end"
        )
    first, last = int(df["start"].min()), int(df["end"].max())
    # rivalries over before the COW state system begins name states it does not list (Venice)
    df = df[df["end"] >= COW_FIRST_YEAR]
    a, b = _map_codes(path, df["ccode1"], "cow"), _map_codes(path, df["ccode2"], "cow")
    spans = pd.DataFrame(
        {
            "a": a.where(a < b, b),
            "b": b.where(a < b, a),
            "start": df["start"].astype("int64"),
            "end": df["end"].astype("int64"),
            "rivalry_id": df["tssr_id"].astype("int64"),
        }
    ).dropna(subset=["a", "b"])
    spans = spans[spans["a"] != spans["b"]]
    lengths = (spans["end"] - spans["start"] + 1).to_numpy()
    rows = spans.loc[spans.index.repeat(lengths)].reset_index(drop=True)
    rows["year"] = rows["start"] + rows.groupby(["rivalry_id"]).cumcount()
    out = (
        rows.groupby(["a", "b", "year"], as_index=False)["rivalry_id"]
        .min()
        .astype({"a": "string", "b": "string", "year": "int64", "rivalry_id": "int64"})
        .sort_values(["a", "b", "year"], ignore_index=True)
    )
    out.attrs["first_year"] = first
    out.attrs["last_year"] = last
    return out


# --- capabilities -------------------------------------------------------------------------------


@functools.cache
def load_nmc(raw_dir: Path) -> pd.DataFrame:
    """Load COW National Material Capabilities: ``iso3, year, cinc, milex, milper``.

    ``milex`` is military expenditure in thousands of current USD (from 1914), ``milper``
    military personnel in thousands; both <NA> where COW has no figure.
    """
    path = raw_path(raw_dir, "cow_nmc")
    df = _read_csv(
        path, {c: "number" for c in ["ccode", "year", "milex", "milper", "tpop", "cinc"]}
    )
    _check_complete(path, df, ["ccode", "year", "cinc"])
    _check_range(path, df, "year", 1816, 2100)
    _check_range(path, df, "cinc", 0, 1)
    _check_unique(path, df, ["ccode", "year"])
    df = df.assign(iso3=_map_codes(path, df["ccode"], "cow")).dropna(subset=["iso3"])
    df = _prefer_cow(df, ["iso3", "year"])
    return pd.DataFrame(
        {
            "iso3": df["iso3"].astype("string"),
            "year": df["year"].astype("int64"),
            "cinc": df["cinc"].astype("float64"),
            "milex": df["milex"].astype("Float64"),
            "milper": df["milper"].astype("Float64"),
        }
    )


# --- curated memberships ------------------------------------------------------------------------

#: The curated memberships table (committed; a source on every row).
#: The curated memberships table, in the data store's curated dir (see :func:`load_memberships`).
MEMBERSHIPS_FILE = "memberships.csv"

MEMBERSHIP_COLUMNS = [
    "country",
    "organisation",
    "event",
    "date",
    "note",
    "source_publisher",
    "source_title",
    "source_date",
    "source_url",
]

#: Organisations and agreements the curated table may name: code -> (full name, COW IGO column
#: holding the same organisation, or None).
ORGANISATIONS = {
    "CSTO": ("Collective Security Treaty Organization", "csto"),
    "EAEU": ("Eurasian Economic Union", None),
    "CIS": ("Commonwealth of Independent States", "cis"),
    "ICC": ("International Criminal Court (Rome Statute)", None),
    "NATO_PFP": ("NATO Partnership for Peace", None),
    "NATO_IPAP": ("NATO Individual Partnership Action Plan", None),
    "EU_CEPA": ("EU Comprehensive and Enhanced Partnership Agreement", None),
    "CST": ("Collective Security Treaty (Tashkent, 1992), the CSTO's founding treaty", None),
    "CoE": ("Council of Europe", None),
    "EAPC": (
        "Euro-Atlantic Partnership Council (North Atlantic Cooperation Council to 1997)",
        None,
    ),
}

#: Events the curated table may record, and the status a country has after each (None: the
#: event leaves the status unchanged; it is a marker, or a dated confirmation that the country
#: took part). A frozen or suspended participation keeps the membership: it is not leaving.
EVENTS = {
    "signed": "signatory",
    "ratified": "ratified",
    "joined": "member",
    "entered into force": "member",
    "froze participation": "frozen",
    "suspended": "suspended",
    "resumed participation": "member",
    "left": "not a member",
    "expelled": "not a member",
    "withdrew signature": "not a member",
    "stopped funding": None,
    "participated": None,
    "listed as member": None,
}

_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def _parse_date(text: str) -> dt.date | None:
    """Parse ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (the first day where parts are missing)."""
    if not _DATE.match(text):
        return None
    parts = [int(p) for p in text.split("-")] + [1, 1]
    try:
        return dt.date(parts[0], parts[1], parts[2])
    except ValueError:
        return None


def _check_membership_row(row: dict[str, str]) -> str | None:
    """Return the problem of one curated row, or None."""
    for col in MEMBERSHIP_COLUMNS:
        if col != "note" and not row[col].strip():
            return f"'{col}' is empty; every row needs it (a source on every row)"
    try:
        iso3 = countries.resolve(row["country"]).iso3
    except BadInput:
        iso3 = None
    if iso3 != row["country"]:
        return f"country {quote(row['country'])} is not an ISO3 code; expected e.g. ARM"
    if row["organisation"] not in ORGANISATIONS:
        return f"organisation {quote(row['organisation'])} unknown; expected one of {', '.join(ORGANISATIONS)}"
    if row["event"] not in EVENTS:
        return f"event {quote(row['event'])} unknown; expected one of {', '.join(EVENTS)}"
    date = _parse_date(row["date"])
    if date is None or len(row["date"]) < 7:
        return f"date {quote(row['date'])} is not a date; expected YYYY-MM-DD (or YYYY-MM)"
    if date > dt.date.today():
        return f"date {row['date']} is in the future; expected an event that happened"
    if row["source_date"] != "undated" and _parse_date(row["source_date"]) is None:
        return (
            f"source_date {quote(row['source_date'])} is not a date; expected YYYY-MM-DD, YYYY-MM, "
            f"YYYY or 'undated'"
        )
    if safe_href(row["source_url"], fragment=False) is None or "." not in row["source_url"]:
        return f"source_url {quote(row['source_url'])} is not a web address; expected https://..."
    return None


def load_memberships(path: Path | None = None) -> pd.DataFrame:
    """Load the curated memberships table, checking every row against the schema.

    ``path`` defaults to ``memberships.csv`` of the data store
    (:meth:`analysis.datastore.DataStore.curated_file`), as the timeline.

    Columns: ``country`` (ISO3), ``organisation`` (a key of :data:`ORGANISATIONS`), ``event``
    (a key of :data:`EVENTS`), ``date`` (YYYY-MM-DD, or YYYY-MM where only the month is
    documented), ``note``, and the source: ``source_publisher, source_title`` (the headline as
    published; a description in [square brackets] where the headline could not be confirmed),
    ``source_date`` (YYYY-MM-DD, YYYY-MM or YYYY as far as it is known; 'undated' for a page
    without a date, such as a live treaty-status page, or whose date could not be established),
    ``source_url``.

    Returns
    -------
    DataFrame
        The rows, plus ``event_date`` (a date; the first of the month for YYYY-MM) and
        ``status_after`` (the status the event leads to, :data:`EVENTS`), sorted by
        organisation, country and date.

    Raises
    ------
    BadInput
        Naming the file, the line and the problem.
    """
    path = Path(path) if path is not None else datastore.current().curated_file(MEMBERSHIPS_FILE)
    if not path.is_file():
        raise BadInput(f"curated table missing: {path}; it is part of the repository")
    try:
        df = pd.read_csv(path, dtype=str, keep_default_na=False)
    except (ValueError, OSError, UnicodeDecodeError) as exc:
        raise BadInput(f"{path}: cannot be read as CSV ({exc})") from None
    if list(df.columns) != MEMBERSHIP_COLUMNS:
        raise BadInput(
            f"{path}: columns {', '.join(df.columns)}; expected {', '.join(MEMBERSHIP_COLUMNS)}"
        )
    if df.empty:
        raise BadInput(f"{path}: no rows")
    for i, row in enumerate(df.to_dict("records")):
        problem = _check_membership_row(row)
        if problem:
            raise BadInput(f"{path}: line {i + 2}: {problem}")
    dup = df.duplicated(["country", "organisation", "event", "date"])
    if dup.any():
        line = int(dup.to_numpy().nonzero()[0][0]) + 2
        raise BadInput(
            f"{path}: line {line}: repeats an earlier row's country, organisation, event and "
            f"date; expected each event once"
        )
    df["event_date"] = [_parse_date(d) for d in df["date"]]
    df["status_after"] = df["event"].map(EVENTS)
    return df.sort_values(["organisation", "country", "event_date"], ignore_index=True)
