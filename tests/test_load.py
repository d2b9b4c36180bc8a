"""Loaders: the real staged files, and small malformed fixtures in the published formats."""

from pathlib import Path

import pandas as pd
import pytest
from helpers import write_raw as _write

from analysis import load
from analysis.errors import BadInput
from analysis.sources import SOURCES

# --- fixtures in the published formats --------------------------------------------------------


ARMSTAT_OK = (
    '\ufeff"country","year","month","export","import_origin","import_consignment","date"\n'
    '"Russian Federation",2022,1,1000,2000,2500,"2022-01-01"\n'
    '"Unknown country",2022,1,5,0,0,"2022-01-01"\n'
)
DOTS_OK = (
    "reporter,partner,flow,year,value_musd,is_estimate\n"
    '"Armenia, Rep. of",Russian Federation,exports_fob,2019,733.1,False\n'
    '"Armenia, Rep. of",World,exports_fob,2019,2640.0,False\n'
    '"Armenia, Rep. of",World,exports_fob,2019,2640.0,False\n'  # exact repeat: dropped
)
WDI_OK = (
    "indicator_code,country_name,country_code,year,value\n"
    + "".join(f"{code},Armenia,ARM,2020,1.0\n" for code in load.WDI_CODES)
    + "NY.GDP.MKTP.CD,World,WLD,2020,5.0\n"
)


def _cba_sheet(
    labels, value=1.0, first_cell="(thousand USD)", month="January", direction=" Inflow "
):
    """A CBA workbook sheet in the published wide layout: two months of 2024."""
    header = [
        ["Total money transfers ... in USD"] + [None] * 12,
        [None] * 13,
        [first_cell, 2024] + [None] * 11,
        [
            None,
            month,
            None,
            None,
            "of which non-commercial",
            None,
            None,
            "February",
            None,
            None,
            "of which non-commercial",
            None,
            None,
        ],
        [None] + [direction, "Outflow", "Net inflow"] * 4,
    ]
    body = [[lab] + [value] * 12 for lab in labels]
    return pd.DataFrame(header + body)


def _write_cba(raw: Path, sheet: pd.DataFrame) -> Path:
    path = raw / SOURCES["cba"]["files"][0]
    path.parent.mkdir(parents=True, exist_ok=True)
    with pd.ExcelWriter(path) as xl:
        sheet.to_excel(xl, sheet_name="monthly in USD", header=False, index=False)
    return path


def _fresh(tmp_path) -> Path:
    load.load_armstat_trade.cache_clear()
    load.load_cba_transfers.cache_clear()
    load.load_imf_dots.cache_clear()
    load.load_wdi.cache_clear()
    return tmp_path


def test_armstat_fixture_is_read_in_usd_million(tmp_path):
    raw = _fresh(tmp_path)
    _write(raw, "armstat", ARMSTAT_OK)
    df = load.load_armstat_trade(raw)
    rus = df[df["partner"] == "RUS"].iloc[0]
    assert (rus["exports"], rus["imports_origin"], rus["imports_consignment"]) == (1.0, 2.0, 2.5)
    assert df.loc[df["partner_label"] == "Unknown country", "partner"].isna().all()


@pytest.mark.parametrize(
    ("text", "match"),
    [
        (ARMSTAT_OK.replace('"import_origin",', ""), "missing column"),
        (ARMSTAT_OK.replace(",1000,", ",abc,"), "'export' must be numeric, found 'abc'"),
        (ARMSTAT_OK.replace(",1000,", ",,"), "'export' is empty on line 2"),
        (ARMSTAT_OK.replace(",2022,1,1000", ",2022,13,1000"), "'month' has 13"),
        (ARMSTAT_OK.replace(",1000,", ",-1000,"), "negative"),
        (ARMSTAT_OK.replace("Russian Federation", "Atlantis"), "unmatched country label.*Atlantis"),
        (ARMSTAT_OK + '"Russian Federation",2022,1,1,2,3,"2022-01-01"\n', "duplicate rows"),
    ],
)
def test_armstat_malformed(tmp_path, text, match):
    raw = _fresh(tmp_path)
    path = _write(raw, "armstat", text)
    with pytest.raises(BadInput, match=match) as err:
        load.load_armstat_trade(raw)
    assert str(path) in str(err.value) and "\n" not in str(err.value)


def test_missing_file_names_the_file_and_the_fix(tmp_path):
    with pytest.raises(BadInput, match="raw file missing: .*arm_trade_country.*BILATERAL_RAW_DIR"):
        load.load_armstat_trade(_fresh(tmp_path))


def test_gzip_garbage_is_a_clear_error(tmp_path):
    raw = _fresh(tmp_path)
    path = raw / SOURCES["imf_dots"]["files"][0]
    path.parent.mkdir(parents=True)
    path.write_bytes(b"\x1f\x8b\x08not really gzip")
    with pytest.raises(BadInput, match="cannot be read as CSV"):
        load.load_imf_dots(raw)


def test_dots_fixture_and_exact_repeats(tmp_path):
    raw = _fresh(tmp_path)
    _write(raw, "imf_dots", DOTS_OK)
    df = load.load_imf_dots(raw)
    assert len(df) == 2
    assert df["reporter"].tolist() == ["ARM", "ARM"]
    assert df["partner"].tolist()[0] == "RUS" and pd.isna(df["partner"].tolist()[1])


@pytest.mark.parametrize(
    ("text", "match"),
    [
        (DOTS_OK + '"Armenia, Rep. of",World,exports_fob,2019,1.0,False\n', "duplicate rows"),
        (DOTS_OK.replace("exports_fob,2019,733.1", "re_exports,2019,733.1"), "unknown flow"),
        (DOTS_OK.replace("Russian Federation", "Ruritania"), "unmatched.*Ruritania"),
    ],
)
def test_dots_malformed(tmp_path, text, match):
    raw = _fresh(tmp_path)
    _write(raw, "imf_dots", text)
    with pytest.raises(BadInput, match=match):
        load.load_imf_dots(raw)


def test_wdi_fixture_drops_aggregates(tmp_path):
    raw = _fresh(tmp_path)
    _write(raw, "wdi", WDI_OK)
    df = load.load_wdi(raw)
    assert set(df["iso3"]) == {"ARM"}
    assert set(df["indicator"]) == set(load.WDI_CODES.values())


def test_wdi_missing_indicator(tmp_path):
    raw = _fresh(tmp_path)
    _write(
        raw,
        "wdi",
        WDI_OK.replace("NY.GDP.MKTP.CD,Armenia", "XX.YY,Armenia").replace(
            "NY.GDP.MKTP.CD,World", "XX.YY,World"
        ),
    )
    with pytest.raises(BadInput, match="NY.GDP.MKTP.CD.*not found"):
        load.load_wdi(raw)


def test_cba_fixture_wide_layout(tmp_path):
    raw = _fresh(tmp_path)
    _write_cba(raw, _cba_sheet(["Russian Federation", "Total"], value=1500.0))
    df = load.load_cba_transfers(raw)
    assert len(df) == 2 * 12  # 2 labels x 2 months x 2 types x 3 directions
    assert set(df["type"]) == {"total", "non_commercial"}
    assert set(df["direction"]) == {"inflow", "outflow", "net_inflow"}
    assert set(df["month"]) == {1, 2} and (df["value"] == 1.5).all()


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"first_cell": "(million AMD)"}, "thousand USD"),
        ({"month": "Janvier"}, "unexpected header 'Janvier'"),
        ({"direction": "Sideways"}, "unexpected direction"),
        ({"value": "n.a."}, "non-numeric cell 'n.a.'"),
        ({"labels": ["Ruritania"]}, "unmatched.*Ruritania"),
    ],
)
def test_cba_malformed(tmp_path, kwargs, match):
    raw = _fresh(tmp_path)
    labels = kwargs.pop("labels", ["Russian Federation", "Total"])
    _write_cba(raw, _cba_sheet(labels, **kwargs))
    with pytest.raises(BadInput, match=match):
        load.load_cba_transfers(raw)


# --- the real staged files --------------------------------------------------------------------


def _annual(df, partner, col):
    return df[df["partner"] == partner].groupby("year")[col].sum()


def test_armstat_real(raw_dir):
    df = load.load_armstat_trade(raw_dir)
    # Checked by hand against the raw file (sums of the monthly rows for "Russian Federation",
    # thousand USD / 1000); the same figures are listed in PROVENANCE-economic.md.
    exports = _annual(df, "RUS", "exports")
    imports = _annual(df, "RUS", "imports_origin")
    assert round(exports[2022], 1) == 2462.8
    assert round(exports[2024], 1) == 3162.0
    assert round(imports[2024], 1) == 9239.6
    assert round(df.groupby("year")["exports"].sum()[2024], 1) == 13092.2
    assert df["year"].min() == 2007 and df["year"].max() == 2024


def test_cba_workbook_equals_the_published_csv_reshape(raw_dir):
    df = load.load_cba_transfers(raw_dir)
    csv = pd.read_csv(
        raw_dir / "tvyal_cba_transfers/transfers_by_countries_clean_2013_2024.csv.gz",
        encoding="utf-8-sig",
    )
    csv = csv.assign(
        partner_label=csv["country"].str.strip(),
        type=csv["type"].str.replace("-", "_"),
        direction=csv["direction"].str.lower().str.replace(" ", "_"),
    )
    merged = df.merge(
        csv, on=["partner_label", "year", "month", "type", "direction"], how="outer", indicator=True
    )
    assert (merged["_merge"] == "both").all(), merged[merged["_merge"] != "both"].head()
    assert (merged["value"] * 1000 - merged["K_USD"]).abs().max() < 1e-6
    # PROVENANCE-economic.md: inflow from Russia 2022, total 3,598.2 and non-commercial 1,396.9
    rus = df[(df["partner"] == "RUS") & (df["direction"] == "inflow") & (df["year"] == 2022)]
    by_type = rus.groupby("type")["value"].sum()
    assert round(by_type["total"], 1) == 3598.2 and round(by_type["non_commercial"], 1) == 1396.9


def test_dots_real(raw_dir):
    df = load.load_imf_dots(raw_dir)
    arm_rus = df[(df["reporter"] == "ARM") & (df["partner"] == "RUS")]
    v = arm_rus.set_index(["flow", "year"])["value"]
    # PROVENANCE-economic.md table (Armenia's reports): 2019 exports 733.1, imports 1,513.2
    assert round(v[("exports_fob", 2019)], 1) == 733.1
    assert round(v[("imports_cif", 2019)], 1) == 1513.2
    assert not df.duplicated(["reporter_label", "partner_label", "flow", "year"]).any()


def test_wdi_real(raw_dir):
    df = load.load_wdi(raw_dir)
    gdp = df[(df["indicator"] == "gdp_usd") & (df["iso3"] == "ARM")].set_index("year")["value"]
    # PROVENANCE-economic.md: Armenia GDP 19.51 bn USD in 2022
    assert round(gdp[2022] / 1e9, 2) == 19.51
