"""Trade rises that pass through Armenia: the transit table, the summary rule, the caveat."""

import pandas as pd
import pytest
from helpers import require_raw_dir, write_raw

from analysis import summary
from analysis.economy import build_trade_transit, describe_trade_surge, load_inputs
from analysis.errors import BadInput
from analysis.indicators import transit
from analysis.load import raw_path
from analysis.load_comtrade import load_reexports
from analysis.panel import compute_panel


@pytest.fixture(scope="module")
def raw():
    return require_raw_dir()


@pytest.fixture(scope="module")
def table(raw):
    return build_trade_transit(raw)


@pytest.fixture(scope="module")
def armstat(raw):
    """Armstat's file summed by country and year, by hand (USD million)."""
    d = pd.read_csv(raw_path(raw, "armstat"), encoding="utf-8-sig")
    return d.groupby(["country", "year"])[["export", "import_origin"]].sum() / 1000


def test_russian_imports_2024_pass_through_by_hand(table, armstat):
    row = table[(table["country_b"] == "RUS") & (table["year"] == 2024)].iloc[0]
    imports = armstat["import_origin"]
    # PROVENANCE-economic.md: imports from Russia (origin) 4,383.8 (2023) and 9,239.6 (2024).
    rise = imports[("Russian Federation", 2024)] - imports[("Russian Federation", 2023)]
    assert row["flow"] == "imports" and row["rise_b"] == pytest.approx(rise, abs=1e-6)
    assert row["rise_b"] == pytest.approx(9239.6 - 4383.8, abs=0.1)  # rounded inputs
    exports = armstat["export"]
    onward = sum(
        exports[(c, 2024)] - exports[(c, 2023)] for c in ("United Arab Emirates", "Hong Kong")
    )
    assert row["counterparts"] == "ARE HKG"
    assert row["counterpart_rise"] == pytest.approx(onward, abs=1e-6)
    assert row["passes_through"] and row["counterpart_pct"] == pytest.approx(100 * onward / rise)
    # Declared re-exports (armenia_official_reexports_2010_2023.csv): 2023 RX / X = 3.3%.
    assert (round(row["reexports_pct"], 1), row["reexports_year"]) == (3.3, 2023)


def test_table_rows(table):
    # Every row is a dominant mover of Armenia's trade; only the rises matched by the opposite
    # flow pass through. The 2022 rise of exports to Russia (matched by 48% only) does not.
    got = table[["country_b", "year", "flow", "passes_through"]].values.tolist()
    assert got == [
        ["RUS", 2022, "exports", False],
        ["ARE", 2023, "exports", True],
        ["ARE", 2024, "exports", True],
        ["RUS", 2024, "imports", True],
    ]


def test_tiny_rules():
    bp = pd.DataFrame(
        {
            "reporter": "ARM",
            "partner": ["RUS", "ARE", "FRA"] * 2,
            "year": [2023] * 3 + [2024] * 3,
            "exports": [0.0, 10.0, 5.0, 0.0, 10.0, 5.0],  # nothing moves on
            "imports": [10.0, 0.0, 90.0, 40.0, 0.0, 90.0],
        }
    )
    rx = pd.DataFrame({"year": [2023], "reexports_pct": [3.3]})
    t = transit.compute_transit(bp, rx)
    # Imports from RUS rose by 30 = 30% of all imports before, all of the rise: dominant, but no
    # other flow rose, so it does not pass through.
    assert t[["country_b", "flow", "rise_b", "passes_through"]].values.tolist() == [
        ["RUS", "imports", 30.0, False]
    ]
    # A rise under 20% of the country's imports before is no surge: no row.
    small = bp.assign(imports=bp["imports"].where(bp["partner"] != "FRA", 900.0))
    assert transit.compute_transit(small, rx).empty


@pytest.fixture(scope="module")
def arm_rus(raw):
    p = compute_panel(raw, "ARM", "RUS")
    return p[p["year"] >= 2000]


def _trade_sentence(sentences):
    return next(s for s in sentences if s.startswith("Trade:"))


def test_import_surge_is_not_called_closer_ties(table, arm_rus):
    """Issue 12 regression: the 2024 import surge was called 'closer ties'."""
    before = _trade_sentence(summary.summarize_panel(arm_rus, "Armenia", "Russia"))
    assert "in 2024" in before and "towards closer ties" in before  # the old wording
    passing = transit.transit_years(table, "ARM", "RUS")
    sentences = summary.summarize_panel(arm_rus, "Armenia", "Russia", None, passing)
    text = _trade_sentence(sentences)
    assert "in 2024, when imports of Armenia from Russia rose" in text
    assert "closer ties by this measure" not in text
    assert "not read as closer ties" in text and "goods passing through Armenia" in text
    assert "United Arab Emirates and Hong Kong" in text
    assert "officially declared re-exports were 3.3% of its exports in 2023" in text
    five = next(s for s in sentences if s.startswith("Over the five years"))
    assert "Imports of Armenia from Russia" not in five.split("moved towards closer ties")[1][:300]
    assert "rose with goods passing through Armenia in 2024 and are not counted" in five
    # Exports to Russia had no transit year (2022 did not pass through): still counted.
    assert "Exports of Armenia to Russia" in five.split("towards more distant")[0]


def test_caveat_is_stated_from_the_data(raw):
    text = describe_trade_surge(load_inputs(raw))
    rx = load_reexports(raw).set_index("year")["reexports_pct"]
    for year in (2021, 2022, 2023):
        assert f"{rx[year]:.1f}%" in text
    assert "imports from Russia in 2024 (+4,856 million" in text
    assert "cannot be computed here" in text
    assert "export jump" not in text  # the old, unsupported wording


def test_reexport_share_is_checked(tmp_path):
    write_raw(tmp_path, "comtrade_reexports", "year,RX,X,RX_pct\n2020,10,100,20.0%\n")
    with pytest.raises(BadInput, match=r"RX_pct on line 2 is '20.0%', not RX / X \(10.0%\)"):
        load_reexports(tmp_path)
