"""Loaders for the diplomacy sources: Russian state-TV items on Armenia and key UNGA votes.

Each loader reads one staged file in its published format (see :data:`analysis.sources.SOURCES`),
checks it and returns a tidy frame; any problem raises :class:`~analysis.errors.BadInput` naming
the file. The shared helpers come from :mod:`analysis.load`.
"""

from __future__ import annotations

import functools
from pathlib import Path

import pandas as pd

from analysis.errors import BadInput
from analysis.load import _check_dates, _check_range, _check_unique, _read_csv, raw_path

#: Kinds the 1tv extract assigns to an item (only when both leader flags are 1).
ITEM_KINDS = (
    "leader_phone_call",
    "leader_meeting_or_talks",
    "leader_contact_unspecified",
    "other",
)

#: Votes as the UN Digital Library scrape writes them.
VOTE_CODES = ("YES", "NO", "ABSTAIN", "NON-VOTING/ABSENT")


@functools.cache
def load_state_media_items(raw_dir: Path) -> pd.DataFrame:
    """Load the Channel One Russia (1tv.ru) news items on Armenia.

    Returns
    -------
    DataFrame
        ``date`` (Timestamp), ``year``, ``title_ru``, ``title_en`` (machine translation),
        ``url``, ``mentions_armenian_leader``, ``mentions_russian_leader``, ``mentions_aliyev``
        (bool) and ``kind`` (one of :data:`ITEM_KINDS`), sorted by date.
    """
    path = raw_path(raw_dir, "russia_1tv", 0)
    flags = ["mentions_armenian_leader", "mentions_russian_leader", "mentions_aliyev"]
    spec = {"date": "text", "year": "number", "title_ru": "text", "title_en_machine": "text",
            "url": "text", "kind": "text", **{f: "number" for f in flags}}  # fmt: skip
    df = _read_csv(path, spec, dtype={"date": "string"})
    dates = _check_dates(path, df, "date")
    if (dates.dt.year != df["year"]).any():
        raise BadInput(f"{path}: column 'year' disagrees with 'date'; expected the date's year")
    bad = sorted(set(df["kind"].dropna()) - set(ITEM_KINDS)) or (
        ["<empty>"] if df["kind"].isna().any() else []
    )
    if bad:
        raise BadInput(f"{path}: unknown kind(s) {bad}; expected one of {', '.join(ITEM_KINDS)}")
    for f in flags:
        _check_range(path, df, f, 0, 1)
    out = pd.DataFrame(
        {
            "date": dates,
            "year": df["year"].astype("int64"),
            "title_ru": df["title_ru"].astype("string"),
            "title_en": df["title_en_machine"].astype("string"),
            "url": df["url"].astype("string"),
            **{f: df[f].astype(bool) for f in flags},
            "kind": df["kind"].astype("string"),
        }
    )
    return out.sort_values(["date", "url"], ignore_index=True)


@functools.cache
def load_state_media_totals(raw_dir: Path) -> pd.DataFrame:
    """Load the per-year totals of the 1tv.ru sample (``year, total_items, armenia_items``)."""
    path = raw_path(raw_dir, "russia_1tv", 1)
    df = _read_csv(path, {"year": "number", "total_items": "number", "armenia_items": "number"})
    _check_unique(path, df, ["year"])
    _check_range(path, df, "total_items", 1, 10**6)
    return df[["year", "total_items", "armenia_items"]].astype("int64")


@functools.cache
def load_es11_votes(raw_dir: Path) -> pd.DataFrame:
    """Load the recorded votes on the Ukraine emergency-session resolutions and A/RES/77/13.

    Returns
    -------
    DataFrame
        ``undl_id, resolution, date (Timestamp), title, iso3, vote`` (vote one of
        :data:`VOTE_CODES`), one row per resolution and member state.
    """
    path = raw_path(raw_dir, "unga_es11")
    spec = {"undl_id": "number", "resolution": "text", "date": "text", "title": "text",
            "iso3": "text", "vote": "text"}  # fmt: skip
    df = _read_csv(path, spec, dtype={"date": "string"}, keep_default_na=False)
    dates = _check_dates(path, df, "date")
    bad = sorted(set(df["vote"]) - set(VOTE_CODES))
    if bad:
        raise BadInput(f"{path}: unknown vote(s) {bad}; expected one of {', '.join(VOTE_CODES)}")
    _check_unique(path, df, ["resolution", "iso3"])
    per_res = df.groupby("resolution")[["undl_id", "date", "title"]].nunique()
    if (per_res > 1).any().any():
        res = per_res[(per_res > 1).any(axis=1)].index[0]
        raise BadInput(f"{path}: resolution {res} has several ids, dates or titles; expected one")
    out = df.assign(date=dates, undl_id=df["undl_id"].astype("int64"))
    return out[["undl_id", "resolution", "date", "title", "iso3", "vote"]].sort_values(
        ["date", "resolution", "iso3"], ignore_index=True
    )
