"""Where each raw file can be downloaded from: the publisher's file, pinned where it is fixed.

A raw file (a path of the raw layout, as listed in :data:`analysis.sources.SOURCES`) has a
:class:`Download` when the file its publisher (or the repository that publishes it) serves *is*
the raw file, byte for byte, or its uncompressed content (``gzip=True``: the raw layout keeps it
compressed). The URLs point into GitHub repositories at the commits the citations and the
``PROVENANCE-*.md`` notes name, so the bytes cannot move under the pinned sha256; each pair of
hashes was checked against the repository at that commit (``git show COMMIT:PATH | sha256sum``,
2026-12-03) before it was entered here. ``bilateral data build`` copies these entries into
``data/catalog.yml`` and ``bilateral data fetch`` downloads from there.

The other raw files were *derived* when the raw data were staged (reshaped from many workbooks,
converted from R data files, extracted rows, transcribed by hand): no publisher serves those
bytes, so they come from a mirror of the raw layout (``bilateral data fetch --mirror URL``).
:data:`DERIVED` says why, per source. Adding a source: one line here per downloadable file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote


@dataclass(frozen=True)
class Download:
    """The publisher's download of one raw file.

    Parameters
    ----------
    url : str
        The file's URL.
    gzip : bool
        The download is the uncompressed content of the raw file (``.gz`` in the layout): it is
        checked against the content's sha256 and compressed on arrival.
    """

    url: str
    gzip: bool = False


def github(repo: str, commit: str, path: str, gzip: bool = False) -> Download:
    """Return the download of ``path`` in the GitHub repository ``repo`` at ``commit``."""
    return Download(f"https://raw.githubusercontent.com/{repo}/{commit}/{quote(path)}", gzip)


_TVYAL = "tavad/tvyal_newsletter"
_GDELTPYR = ("linwoodc3/gdeltPyR", "8762db7f5aaa4f30eda0c9e72b2039ddb68ad593")
_ICEWS = ("andybega/icews", "3746c729551f5fcb5a49f643f82638011a5fcfec")
_WB = ("hbenveniste/mig-scenarios", "a3610e86e8eee21a914dd9e70aaeb7cde94dedcb")

#: Raw path -> its download (commits from the sources' citations and PROVENANCE-*.md).
DOWNLOADS: dict[str, Download] = {
    "tvyal_armstat_trade/arm_trade_country_monthly_2007_2024.csv.gz": github(
        _TVYAL,
        "d1b2914a9ed749c592a7c0e2296d7f9343dfb953",
        "2025/2025_02_25_exports_annual/arm_trade_country.csv",
        gzip=True,
    ),
    "tvyal_cba_transfers/cba_5_Money_transfers_of_individuals_by_countries.xlsx": github(
        _TVYAL,
        "21cee1a4648824cfa5267f0d16c5652cf737b846",
        "2025/2025_02_18_transfers/transfers_by_countries.xlsx",
    ),
    "unga_2025_undl_scrape/un_votes_2025_processed.csv": github(
        "HZloto/unga-2025",
        "46fa27efae8b05d522b89bbdcdcd564a96e49cef",
        "data/un_votes_2025_processed.csv",
    ),
    "voeten_unga_idealpoints/Idealpointestimates1946-2025.tab": github(
        "s-geffroy/cvs",
        "10db2f99a9dbfa105a4c9be35625d96bc29d83b4",
        "data_sources/un_voting/Idealpointestimates1946-2025.tab",
    ),
    "sipri_tiv_dyadyear_360info/sipri-exports-processed.csv.gz": github(
        "360-info/report-arms-trade",
        "09cf955df2abce8a1c2c81e3d87ac903383d063c",
        "data/sipri-exports-processed.csv",
        gzip=True,
    ),
    "sipri_trade_register/trade_2023.csv.gz": github(
        "lucacasu/Global-Arms-Trade",
        "827ee354f2632934432920c5a625b9a64dd77b02",
        "russia_trade_decline/trade_2023.csv",
        gzip=True,
    ),
    "wb_bilateral_matrices_2017/WB_Bilateral_Estimates_Migrant_Stocks_2017.xlsx": github(
        *_WB, "data/rem_wb/WB_Bilateral_Estimates_Migrant_Stocks_2017.xlsx"
    ),
    "wb_bilateral_matrices_2017/WB_Bilateral_Remittance_Estimates_2017.xlsx": github(
        *_WB, "data/rem_wb/WB_Bilateral_Remittance_Estimates_2017.xlsx"
    ),
    "gdelt_gdeltpyr/GDELT_1.0_event_Column_Labels_Header_Row_Sep2016.tsv": github(
        *_GDELTPYR, "utils/schema_csvs/GDELT_1.0_event_Column_Labels_Header_Row_Sep2016.tsv"
    ),
    "gdelt_gdeltpyr/GDELT_2.0_Events_Column_Labels_Header_Row_Sep2016.csv": github(
        *_GDELTPYR, "utils/schema_csvs/GDELT_2.0_Events_Column_Labels_Header_Row_Sep2016.csv"
    ),
    "gdelt_gdeltpyr/cameoCodeTable.tsv": github(*_GDELTPYR, "utils/schema_csvs/cameoCodeTable.tsv"),
    "icews_andybega/events.2018.sample.tab.gz": github(
        *_ICEWS, "inst/extdata/events.2018.sample.tab", gzip=True
    ),
    "icews_andybega/cameo-codes.csv": github(*_ICEWS, "data-raw/cameo-codes.csv"),
}

_RDA = "converted to CSV from the R data files (.rda) of the package named in the citation"

#: Source id -> why (some of) its raw files have no publisher download: they were derived at
#: staging (see PROVENANCE-*.md). A file of these sources listed in DOWNLOADS has one.
DERIVED: dict[str, str] = {
    "imf_dots": "reshaped from the 235 per-reporter DOTS workbooks into one long table",
    "wdi": "22 indicator files stacked into one table; the metadata table built from them",
    "russia_1tv": "extracted from the yearly search indexes of the repository",
    "unga_es11": "seven rows of the 3DL scrape reshaped to one row per member state",
    "cow_states": _RDA,
    "unvotes": _RDA,
    "undl_2020_2024": "General Assembly rows of 2020-2024 extracted from a 9.5 MB scrape",
    "atop": _RDA,
    "cow_alliance": _RDA,
    "cow_igo": _RDA,
    "ucdp_acd": _RDA,
    "cow_nmc": _RDA,
    "press_toplines": "transcribed by hand from press reports (a URL on every row)",
    "undesa_ims": "rows of six countries extracted from the 4 MB origin-destination table",
    "gdelt": "the event samples converted from gdeltPyR's pickled test data",
    "icews": "the Goldstein mappings " + _RDA,
}


_PINNED_GITHUB = re.compile(r"^(https://raw\.githubusercontent\.com/[^/]+/[^/]+)/[0-9a-f]{40}/")


def latest_url(url: str) -> str:
    """Return where the publisher's current version of a pinned download is.

    A GitHub file pinned to a commit (``raw.githubusercontent.com/OWNER/REPO/<commit>/PATH``) is
    at ``.../HEAD/PATH`` now (the repository's default branch); any other URL serves its current
    version itself.
    """
    return _PINNED_GITHUB.sub(r"\1/HEAD/", url, count=1)


def download_entry(source: str, path: str) -> dict:
    """Return what the catalog records about fetching one raw file.

    ``{"url": ..., "compress": "gzip"}`` (compress only when the download is the uncompressed
    content) for a file with a :class:`Download`; ``{"no_download": reason}`` otherwise.
    """
    d = DOWNLOADS.get(path)
    if d is not None:
        return {"url": d.url, **({"compress": "gzip"} if d.gzip else {})}
    reason = DERIVED.get(source, "no publisher serves this file; see PROVENANCE-*.md")
    return {"no_download": f"derived at staging: {reason}"}
