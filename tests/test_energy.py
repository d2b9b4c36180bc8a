"""Armenia's natural-gas imports by partner (UN Comtrade HS 271121) as energy indicators."""

import pandas as pd
import pytest
from helpers import require_raw_dir, write_raw

from analysis.dimensions.economy import compute_all_energy
from analysis.dyadic import wide_to_long
from analysis.economy import economy_provider, load_inputs
from analysis.errors import BadInput
from analysis.indicators import energy
from analysis.indicators.common import concat_panel
from analysis.load import raw_path
from analysis.load_comtrade import load_gas_trade


@pytest.fixture(scope="module")
def raw():
    return require_raw_dir()


@pytest.fixture(scope="module")
def panel(raw):
    p = economy_provider(raw, "ARM", "RUS")
    return p[p["indicator"].str.startswith("energy.")].set_index(["indicator", "year"])["value"]


def test_russian_gas_hand_checked(panel):
    # PROVENANCE-economic.md, tvyal_comtrade_gas: imports from RUS, USD million / kt:
    # 2015 360.4 / 1,379.9; 2021 404.1 / 1,782.8; 2022 443.2 / 1,853.7.
    for year, value, volume in [(2015, 360.4, 1379.9), (2021, 404.1, 1782.8),
                                (2022, 443.2, 1853.7)]:  # fmt: skip
        assert round(panel[("energy.gas_imports_value", year)], 1) == value
        assert round(panel[("energy.gas_imports_volume", year)], 1) == volume
    # 2010 (ten months) and 2023 (nine) are not annual: no value or volume row...
    for year in (2010, 2023):
        assert ("energy.gas_imports_value", year) not in panel.index
        assert ("energy.gas_imports_volume", year) not in panel.index
    # ...but a share and a unit value over the months present.
    assert ("energy.gas_import_share", 2023) in panel.index
    assert 226 <= panel[("energy.gas_import_unit_value", 2022)] <= 243  # provenance: 226-243 USD/t


def test_share_by_hand(raw, panel):
    g = pd.read_csv(raw_path(raw, "comtrade_gas"))
    imp = g[(g["trade_flow"] == "Import") & (g["year"] == 2022)]
    expected = 100 * imp.loc[imp["partner_iso"] == "RUS", "trade_value_us"].sum()
    expected /= imp["trade_value_us"].sum()
    assert panel[("energy.gas_import_share", 2022)] == pytest.approx(expected)
    iran = economy_provider(raw, "ARM", "IRN").set_index(["indicator", "year"])["value"]
    assert panel[("energy.gas_import_share", 2022)] + iran[
        ("energy.gas_import_share", 2022)
    ] == pytest.approx(100)


def test_pairs_the_file_does_not_cover_have_no_rows(raw):
    for a, b in [("RUS", "ARM"), ("ARM", "GEO"), ("GEO", "RUS")]:
        assert not economy_provider(raw, a, b)["indicator"].str.startswith("energy.").any()


def test_all_pairs_equal_per_pair(raw):
    inputs = load_inputs(raw)
    wide = compute_all_energy(inputs)
    assert set(zip(wide["country_a"], wide["country_b"])) == {("ARM", "RUS"), ("ARM", "IRN")}
    for a, b in [("ARM", "RUS"), ("ARM", "IRN")]:
        rows = wide[(wide["country_a"] == a) & (wide["country_b"] == b)]
        got = concat_panel([wide_to_long(rows)])
        expected = concat_panel([energy.compute_gas_imports(inputs.gas_annual, a, b)])
        pd.testing.assert_frame_equal(got, expected, check_dtype=False, obj=f"{a}-{b}")


def test_bad_flow_is_refused(tmp_path):
    header = (
        "year,month,period,trade_code,trade_flow,reporter,partner_iso,partner,commodity_code,"
        "commodity,IsQtyEstimated,IsNetWgtEstimated,netweight_kg,trade_value_us,partner_region\n"
    )
    row = "2020,1,2020-01-01,M,Export,Armenia,RUS,Russia,271121,gas,FALSE,FALSE,1,1,EAEU\n"
    write_raw(tmp_path, "comtrade_gas", header + row)
    with pytest.raises(BadInput, match=r"unknown trade_flow \['Export'\]"):
        load_gas_trade(tmp_path)
