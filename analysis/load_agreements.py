"""Loader of the trade agreements in force: DESTA membership rows (the staged extract).

The staged file (``desta_trade_agreements_manytrade``) holds the rows of DESTA's membership
table in which Armenia or Russia is a member: one row per base treaty, accession or withdrawal,
members as ISO 3166 numeric codes in ``c1``-``c91`` and a code per member in ``mc1``-``mc91``.
:func:`load_agreement_spells` turns it into the years each country was a party to each
agreement; :mod:`analysis.indicators.agreements` computes ``trade.pta_in_force`` from them.

How the rows are read (DESTA's codebook is not staged; the codes below are read off the file
itself and named in the catalog's caveats):

- a *base treaty* binds its listed members from its entry-into-force year (``entryforceyear``);
  one without that year is not counted (DESTA does not give it as in force);
- an *accession* adds the member coded 1 to the base treaty from the accession's entry into
  force (not counted without one); a *withdrawal* ends the membership of the member coded 1
  with the withdrawal's year (``year``: the agreement counts in that year, not after);
- in a base treaty between a bloc and a third country or another bloc (``typememb`` 3 or 4),
  the two sides carry different member codes (the EU members 1 and Armenia 0 in the
  EU-Armenia agreement): two members with the same code are on one side, not bound to each
  other by that treaty;
- negotiations (no entry into force) are not agreements in force.

Any problem raises :class:`~analysis.errors.BadInput` naming the file.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

import pandas as pd
import pycountry

from analysis.errors import BadInput
from analysis.load import _read_csv, raw_path

#: Countries whose agreements the staged extract holds completely: the rows of DESTA's
#: membership table in which Armenia (51) or Russia (643) is a member (PROVENANCE-political.md,
#: section 13). A pair without one of them may have agreements the extract lacks.
EXTRACT_COUNTRIES = ("ARM", "RUS")

#: First year of DESTA's coverage (agreements signed from 1948, the GATT's first year).
DESTA_FIRST_YEAR = 1948

#: ``typememb`` values of base treaties between two sides (a bloc and a third country; two
#: blocs), whose members with the same code are on one side.
TWO_SIDED = (3, 4)

#: ISO 3166 numeric codes that DESTA uses for a predecessor state, mapped to the ISO3 of the
#: country this package continues it as: the USSR is 643 (Russia) in DESTA already; none
#: needed so far.
NUMERIC_FIXES: dict[int, str] = {}

ENTRY_TYPES = {"base_treaty", "accession", "withdrawal", "negotiation"}


def _iso3(path: Path, codes: pd.Series) -> pd.Series:
    """Map ISO 3166 numeric codes to ISO3 (BadInput naming an unknown code)."""
    out = {}
    for code in pd.unique(codes.dropna().astype("int64")):
        if code in NUMERIC_FIXES:
            out[code] = NUMERIC_FIXES[code]
            continue
        country = pycountry.countries.get(numeric=f"{code:03d}")
        if country is None:
            raise BadInput(
                f"{path}: unknown ISO 3166 numeric country code {code}; add it to "
                f"NUMERIC_FIXES in analysis/load_agreements.py"
            )
        out[code] = country.alpha_3
    return codes.astype("Int64").map(out).astype("string")


@functools.cache
def load_agreement_spells(raw_dir: Path) -> pd.DataFrame:
    """Load the DESTA extract as the years each country was a party to each agreement.

    Returns
    -------
    DataFrame
        ``agreement`` (DESTA base-treaty number), ``name``, ``iso3``, ``side`` (the member code
        in a two-sided base treaty, <NA> otherwise), ``start`` (first year in force for the
        country), ``end`` (last year, <NA>: to the end of the coverage). ``attrs``:
        ``first_year`` (:data:`DESTA_FIRST_YEAR`), ``last_year`` (the latest year in the file),
        ``countries`` (:data:`EXTRACT_COUNTRIES`, checked: every row names one of them).
    """
    path = raw_path(raw_dir, "desta")
    spec = {
        "number": "text",
        "base_treaty": "number",
        "name": "text",
        "entry_type": "text",
        "year": "number",
        "entryforceyear": "number",
        "typememb": "number",
        "c1": "number",
        "mc1": "number",
    }
    df = _read_csv(path, spec, sep=";", dtype={"number": str})
    members = sorted((c for c in df.columns if re.fullmatch(r"c\d+", c)), key=lambda c: int(c[1:]))
    missing = [f"m{c}" for c in members if f"m{c}" not in df.columns]
    if missing:
        raise BadInput(
            f"{path}: missing column(s) {', '.join(missing)}; expected mc1-mc{len(members)}"
        )
    bad = sorted(set(df["entry_type"].dropna()) - ENTRY_TYPES)
    if bad or df["entry_type"].isna().any():
        raise BadInput(
            f"{path}: unknown entry_type {bad or ['(empty)']}; expected one of "
            f"{', '.join(sorted(ENTRY_TYPES))}"
        )
    if df["base_treaty"].isna().any():
        raise BadInput(f"{path}: empty base_treaty; expected the base treaty's number on every row")
    ids = ["number", "base_treaty", "name", "entry_type", "year", "entryforceyear", "typememb"]
    long = df.melt(id_vars=ids, value_vars=members, var_name="slot", value_name="code")
    # the member codes, melted in the same order (member slot by slot, rows in file order)
    codes = df.melt(value_vars=[f"m{c}" for c in members], value_name="status")
    long["status"] = codes["status"].to_numpy()
    long = long.dropna(subset=["code"])
    long["iso3"] = _iso3(path, long["code"])
    named = long.groupby("number")["iso3"].agg(lambda s: bool(set(s) & set(EXTRACT_COUNTRIES)))
    if not named.all():
        raise BadInput(
            f"{path}: row {named[~named].index[0]!r} names neither "
            f"{' nor '.join(EXTRACT_COUNTRIES)}; expected the extract of their agreements"
        )
    base = long[long["entry_type"] == "base_treaty"].dropna(subset=["entryforceyear"])
    two_sided = base["typememb"].isin(TWO_SIDED)
    spells = [
        pd.DataFrame(
            {
                "agreement": base["base_treaty"].astype("int64"),
                "iso3": base["iso3"],
                "side": base["status"].where(two_sided).astype("Int64"),
                "start": base["entryforceyear"].astype("int64"),
            }
        )
    ]
    joined = long[(long["entry_type"] == "accession") & (long["status"] == 1)]
    joined = joined.dropna(subset=["entryforceyear"])
    spells.append(
        pd.DataFrame(
            {
                "agreement": joined["base_treaty"].astype("int64"),
                "iso3": joined["iso3"],
                "side": pd.array([pd.NA] * len(joined), dtype="Int64"),
                "start": joined["entryforceyear"].astype("int64"),
            }
        )
    )
    out = pd.concat(spells, ignore_index=True)
    out = out.groupby(["agreement", "iso3"], as_index=False).agg(
        side=("side", "first"), start=("start", "min")
    )
    left = long[(long["entry_type"] == "withdrawal") & (long["status"] == 1)]
    if left["year"].isna().any():
        raise BadInput(f"{path}: a withdrawal without a year; expected the year it was decided")
    ends = left.groupby(["base_treaty", "iso3"])["year"].max().astype("int64")
    ends.index = ends.index.set_names(["agreement", "iso3"])
    out = out.join(ends.rename("end"), on=["agreement", "iso3"])
    out["end"] = out["end"].astype("Int64")
    names = df[df["entry_type"] == "base_treaty"].drop_duplicates("base_treaty")
    out["name"] = out["agreement"].map(names.set_index("base_treaty")["name"]).astype("string")
    out = out[["agreement", "name", "iso3", "side", "start", "end"]]
    out = out.sort_values(["agreement", "iso3"], ignore_index=True)
    years = pd.concat([df["year"], df["entryforceyear"]]).dropna()
    out.attrs.update(
        first_year=DESTA_FIRST_YEAR,
        last_year=int(years.max()),
        countries=EXTRACT_COUNTRIES,
        not_in_force=int(((df["entry_type"] == "base_treaty") & df["entryforceyear"].isna()).sum()),
    )
    return out
