"""Tests for analysis.countries: resolving identifiers and mapping source country labels."""

import functools
import subprocess
import sys

import pandas as pd
import pytest

from analysis import config, countries
from analysis.countries import Country, map_source_names, resolve
from analysis.errors import BadInput

# --- resolve ----------------------------------------------------------------------------------


def test_resolve_returns_full_country():
    assert resolve("ARM") == Country(iso3="ARM", iso2="AM", name="Armenia", cow=371)


@pytest.mark.parametrize(
    ("value", "iso3"),
    [
        # ISO 3166 alpha-3, any case, surrounding whitespace ignored
        ("ARM", "ARM"),
        ("arm", "ARM"),
        ("Rus", "RUS"),
        (" ARM ", "ARM"),
        # ISO 3166 alpha-2
        ("AM", "ARM"),
        ("ru", "RUS"),
        ("XK", "XKX"),
        # COW state numbers, int or digits
        (371, "ARM"),
        ("371", "ARM"),
        (365, "RUS"),
        (2, "USA"),
        (732, "KOR"),
        (713, "TWN"),
        (347, "XKX"),
        (260, "DEU"),
        (265, "DDR"),
        (345, "SRB"),
        # names: pycountry, everyday, and the sources' own
        ("Armenia", "ARM"),
        ("armenia", "ARM"),
        ("Russian Federation", "RUS"),
        ("Russia", "RUS"),
        ("Iran", "IRN"),
        ("Islamic Republic of Iran", "IRN"),
        ("South Korea", "KOR"),
        ("North Korea", "PRK"),
        ("Turkey", "TUR"),
        ("Türkiye", "TUR"),
        ("Cote d'Ivoire", "CIV"),
        ("Ivory Coast", "CIV"),
        ("United States of America", "USA"),
        ("UK", "GBR"),
        ("Kosovo", "XKX"),
        ("XKX", "XKX"),
        ("Taiwan", "TWN"),
        ("TWN", "TWN"),
        ("Armenia, Rep. of", "ARM"),
        ("China, P.R.: Mainland", "CHN"),
        ("Congo, Rep. of", "COG"),
        ("Congo, Dem. Rep. of the", "COD"),
        ("Taiwan Province of China", "TWN"),
        ("Korea, Republic of", "KOR"),
        ("Georgia", "GEO"),
        # historic countries
        ("SUN", "SUN"),
        ("USSR", "SUN"),
        ("Yugoslavia", "YUG"),
        ("Czechoslovakia", "CSK"),
        ("Serbia and Montenegro", "SCG"),
        ("Netherlands Antilles", "ANT"),
        ("DDR", "DDR"),
        ("East Germany", "DDR"),
    ],
)
def test_resolve_accepts_codes_numbers_and_names(value, iso3):
    assert resolve(value).iso3 == iso3


@pytest.mark.parametrize(
    ("value", "cow"),
    [("ARM", 371), ("RUS", 365), ("DEU", 255), ("YEM", 679), ("DDR", 265), ("SUN", None)],
)
def test_resolve_attaches_cow_number(value, cow):
    assert resolve(value).cow == cow


@pytest.mark.parametrize(
    ("value", "suggestion"),
    [("ARN", "ARM"), ("Armnia", "ARM"), ("Rusia", "RUS"), ("RUZ", "RUS"), ("Azrbaijan", "AZE")],
)
def test_resolve_unknown_suggests_closest(value, suggestion):
    with pytest.raises(BadInput, match=f"did you mean {suggestion} "):
        resolve(value)


@pytest.mark.parametrize("value", ["ARN", "Arm\nenia", "QQQ\n1", "Korea"])
def test_resolve_refusal_is_one_line(value):
    with pytest.raises(BadInput) as caught:
        resolve(value)
    message = str(caught.value)
    assert "\n" not in message
    assert message.endswith("ive an ISO 3166 alpha-3 code such as ARM")


def test_resolve_unknown_message_names_input_and_options():
    with pytest.raises(BadInput) as caught:
        resolve("ARN")
    assert str(caught.value) == (
        "unknown country 'ARN'; did you mean ARM (Armenia), ARG (Argentina), "
        "ARE (United Arab Emirates)? Give an ISO 3166 alpha-3 code such as ARM"
    )


def test_resolve_unknown_without_suggestion():
    with pytest.raises(BadInput, match=r"^unknown country 'QQQ'; give an ISO 3166 alpha-3 code"):
        resolve("QQQ")


@pytest.mark.parametrize(
    ("value", "options"),
    [("Korea", "KOR .*, PRK "), ("CS", "CSK .*, SCG ")],
)
def test_resolve_ambiguous_lists_options(value, options):
    with pytest.raises(BadInput, match=f"ambiguous country '{value}'; did you mean {options}"):
        resolve(value)


@pytest.mark.parametrize(
    ("value", "match"),
    [
        (240, r"COW state 240 \(Hanover\) has no ISO 3166 code"),
        ("817", r"COW state 817 \(Republic of Vietnam\) has no ISO 3166 code"),
        (999, "unknown COW state number 999"),
        ("", "empty country"),
        ("Nagorno-Karabakh", "unknown country"),
        (True, "must be a code"),
    ],
)
def test_resolve_refuses_bad_input(value, match):
    with pytest.raises(BadInput, match=match):
        resolve(value)


def test_import_does_not_load_pandas():
    code = "import sys, analysis.countries; print('pandas' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        cwd=config.PROJ_ROOT,
    )
    assert result.stdout.strip() == "False"


# --- map_source_names -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "labels", "expected", "unmatched"),
    [
        (
            "armstat",
            ["Russian Federation", "Iran", "Islamic Republic of Iran", "Saoma", "Samoa",
             "Czech Rep.", "Nagorno Karabagh", "Unknown country", "Aland Islands", "Atlantis"],
            {"Russian Federation": "RUS", "Iran": "IRN", "Islamic Republic of Iran": "IRN",
             "Saoma": "ASM", "Samoa": "WSM", "Czech Rep.": "CZE", "Nagorno Karabagh": None,
             "Unknown country": None, "Aland Islands": "ALA"},
            ["Atlantis"],
        ),
        (
            "cba",
            ["Korea ", "Turkey", "USA", "Russian Federation", "Others", "Total"],
            {"Korea ": "KOR", "Turkey": "TUR", "USA": "USA", "Russian Federation": "RUS",
             "Others": None, "Total": None},
            [],
        ),
        (
            "imf_dots",
            ["Armenia, Rep. of", "Congo, Rep. of", "Congo, Dem. Rep. of the",
             "China, P.R.: Mainland", "USSR", "Yugoslavia", "Kosovo, Rep. of", "World",
             "Euro Area", "Belgium-Luxembourg", "Korea"],
            {"Armenia, Rep. of": "ARM", "Congo, Rep. of": "COG", "Congo, Dem. Rep. of the": "COD",
             "China, P.R.: Mainland": "CHN", "USSR": "SUN", "Yugoslavia": "YUG",
             "Kosovo, Rep. of": "XKX", "World": None, "Euro Area": None,
             "Belgium-Luxembourg": None},
            ["Korea"],
        ),
        (
            "wdi",
            ["ARM", "RUS", "XKX", "WLD", "EUU", "CHI", "XXX"],
            {"ARM": "ARM", "RUS": "RUS", "XKX": "XKX", "WLD": None, "EUU": None, "CHI": None},
            ["XXX"],
        ),
        (
            "cow",
            ["ARM", "RUS", "GFR", "GDR", "HAN", 371, "260", "ZZZ", 1],
            {"ARM": "ARM", "RUS": "RUS", "GFR": "DEU", "GDR": "DDR", "HAN": None, 371: "ARM",
             "260": "DEU"},
            ["ZZZ", 1],
        ),
    ],
)  # fmt: skip
def test_map_source_names_known_answers(source, labels, expected, unmatched):
    assert map_source_names(labels, source) == (expected, unmatched)


def test_map_source_names_keeps_first_seen_order_once():
    mapping, unmatched = map_source_names(["Total", "Atlantis", "Total", "Atlantis"], "cba")
    assert list(mapping) == ["Total"]
    assert unmatched == ["Atlantis"]


def test_map_source_names_does_not_guess():
    # pycountry's fuzzy search would map these; exact lookup must leave them unmatched.
    _, unmatched = map_source_names(["Korea", "Congo, Rep", "Armenia Rep"], "armstat")
    assert unmatched == ["Korea", "Congo, Rep", "Armenia Rep"]


def test_map_source_names_refuses_unknown_source():
    with pytest.raises(BadInput, match="unknown source 'comtrade'; give one of armstat, cba"):
        map_source_names(["Armenia"], "comtrade")


@pytest.mark.parametrize(
    "fixes",
    [
        countries.ARMSTAT_NAME_FIXES,
        countries.CBA_NAME_FIXES,
        countries.IMF_NAME_FIXES,
        countries.WB_MATRIX_NAME_FIXES,
        countries.ICEWS_NAME_FIXES,
    ],
)
def test_name_fixes_are_needed_and_valid(fixes):
    names = countries._iso_name_index()
    redundant = [
        label for label, iso3 in fixes.items() if names.get(countries._normalise(label)) == iso3
    ]
    assert redundant == []
    assert all(resolve(iso3).iso3 == iso3 for iso3 in fixes.values())


# --- COW table --------------------------------------------------------------------------------


def write_states(path, rows):
    """Write a tiny COW state list with the columns build_cow_table reads."""
    frame = pd.DataFrame(rows, columns=["stateabb", "ccode", "statenme", "styear", "endyear"])
    frame.to_csv(path, index=False)
    return path


def test_build_cow_table_known_answers(tmp_path):
    states = write_states(
        tmp_path / "cow_states.csv",
        [
            ("RUS", 365, "Russia", 1816, 2016),
            ("ARM", 371, "Armenia", 1991, 2016),
            ("GMY", 255, "Germany", 1816, 1945),
            ("GMY", 255, "Germany", 1990, 2016),
            ("HAN", 240, "Hanover", 1837, 1866),
            ("CDI", 437, "Ivory Coast", 1960, 2016),
            ("STP", 403, "Sao Tome and Principe", 1975, 2016),
        ],
    )
    expected = pd.DataFrame(
        {
            "cow": [240, 255, 365, 371, 403, 437],
            "cow_abb": ["HAN", "GMY", "RUS", "ARM", "STP", "CDI"],
            "cow_name": ["Hanover", "Germany", "Russia", "Armenia", "Sao Tome and Principe",
                         "Ivory Coast"],
            "iso3": pd.Series([None, "DEU", "RUS", "ARM", "STP", "CIV"], dtype="object"),
        }
    )  # fmt: skip
    table = countries.build_cow_table(states)
    pd.testing.assert_frame_equal(table, expected, check_dtype=False)
    assert table["cow"].dtype == "int64"


def test_build_cow_table_refuses_unmatched_state(tmp_path):
    states = write_states(tmp_path / "cow_states.csv", [("ATL", 999, "Atlantis", 1900, 2016)])
    with pytest.raises(BadInput, match="COW states without ISO3: 999 Atlantis"):
        countries.build_cow_table(states)


def test_build_cow_table_refuses_two_names_for_one_code(tmp_path):
    states = write_states(
        tmp_path / "cow_states.csv",
        [("ARM", 371, "Armenia", 1991, 2000), ("ARM", 371, "Armenia Rep", 2001, 2016)],
    )
    with pytest.raises(BadInput, match=r"COW codes \[371\] have several names"):
        countries.build_cow_table(states)


def test_write_cow_table_is_deterministic(tmp_path):
    raw = tmp_path / "raw"
    (raw / "peacesciencer").mkdir(parents=True)
    write_states(
        raw / countries.COW_STATES_PATH,
        [("ARM", 371, "Armenia", 1991, 2016), ("RUS", 365, "Russia", 1816, 2016)],
    )
    first = countries.write_cow_table(raw, tmp_path / "a").read_bytes()
    second = countries.write_cow_table(raw, tmp_path / "b").read_bytes()
    expected = b"cow,cow_abb,cow_name,iso3\n365,RUS,Russia,RUS\n371,ARM,Armenia,ARM\n"
    assert first == second == expected


def test_write_cow_table_refuses_missing_raw(tmp_path):
    with pytest.raises(BadInput, match="COW state list not found at"):
        countries.write_cow_table(tmp_path, tmp_path / "out")


def test_processed_cow_table_has_iso3_or_documented_gap():
    table = pd.read_csv(config.PROCESSED_DIR / countries.COW_TABLE_NAME, keep_default_na=False)
    assert table["cow"].is_unique
    assert table["cow"].is_monotonic_increasing
    missing = set(table.loc[table["iso3"] == "", "cow"])
    assert missing == set(countries.COW_NO_ISO3)
    assert all(resolve(iso3).iso3 == iso3 for iso3 in table.loc[table["iso3"] != "", "iso3"])


# --- real raw files ---------------------------------------------------------------------------


@functools.cache
def load_armstat_labels(raw_dir):
    path = raw_dir / "tvyal_armstat_trade" / "arm_trade_country_monthly_2007_2024.csv.gz"
    return pd.read_csv(path, encoding="utf-8-sig", usecols=["country"])["country"].unique()


@functools.cache
def load_cba_labels(raw_dir):
    path = raw_dir / "tvyal_cba_transfers" / "transfers_by_countries_clean_2013_2024.csv.gz"
    return pd.read_csv(path, usecols=["country"])["country"].unique()


@functools.cache
def load_cba_workbook_labels(raw_dir):
    name = "cba_5_Money_transfers_of_individuals_by_countries.xlsx"
    path = raw_dir / "tvyal_cba_transfers" / name
    sheet = pd.read_excel(path, sheet_name="monthly in USD", header=None, usecols=[0])
    return sheet.iloc[5:, 0].dropna().unique()


@functools.cache
def load_imf_labels(raw_dir):
    path = raw_dir / "imf_dots_sam_leblanc" / "imf_dots_annual_1990_2020_long.csv.gz"
    frame = pd.read_csv(path, usecols=["reporter", "partner"])
    return pd.unique(pd.concat([frame["reporter"], frame["partner"]]))


@functools.cache
def load_wdi_labels(raw_dir):
    path = raw_dir / "datahub_wdi" / "wdi_selected_indicators_long.csv.gz"
    return pd.read_csv(path, usecols=["country_code"])["country_code"].unique()


@functools.cache
def load_cow_labels(raw_dir):
    frame = pd.read_csv(raw_dir / countries.COW_STATES_PATH)
    return [*frame["stateabb"].unique(), *frame["ccode"].unique().tolist()]


@functools.cache
def load_wb_matrix_labels(raw_dir):
    labels = []
    for name in ("Migrant_Stocks", "Remittance_Estimates"):
        files = list((raw_dir / "wb_bilateral_matrices_2017").glob(f"*{name}*.xlsx"))
        sheet = pd.read_excel(files[0], sheet_name=0, header=1)
        body = sheet.iloc[: sheet.iloc[:, 0].isna().to_numpy().nonzero()[0][0]]
        labels += [*body.iloc[:, 0], *map(str, sheet.columns[1:])]
    return pd.unique(pd.Series(labels))


@functools.cache
def load_icews_labels(raw_dir):
    path = raw_dir / "icews_andybega" / "events.2018.sample.tab.gz"
    frame = pd.read_csv(path, sep="\t", dtype=str, keep_default_na=False)
    labels = pd.concat([frame["Source Country"], frame["Target Country"]])
    return labels[~labels.isin(["", "NA"])].unique()


LOADERS = {
    "armstat": [load_armstat_labels],
    "cba": [load_cba_labels, load_cba_workbook_labels],
    "imf_dots": [load_imf_labels],
    "wdi": [load_wdi_labels],
    "cow": [load_cow_labels],
    "wb_matrix": [load_wb_matrix_labels],
    "icews": [load_icews_labels],
}


@pytest.mark.parametrize(
    ("source", "load"),
    [(source, load) for source, loads in LOADERS.items() for load in loads],
    ids=lambda value: getattr(value, "__name__", value),
)
def test_every_raw_label_is_mapped_or_known_non_country(raw_dir, source, load):
    labels = load(raw_dir)
    mapping, unmatched = map_source_names(labels, source)
    assert unmatched == []
    assert len(mapping) == len(set(labels))


@pytest.mark.parametrize("source", ["armstat", "cba", "imf_dots", "wdi", "wb_matrix", "icews"])
def test_fixes_and_non_country_labels_occur_in_raw_files(raw_dir, source):
    labels = {str(label).strip() for load in LOADERS[source] for label in load(raw_dir)}
    fixes = countries._SOURCE_FIXES.get(source, {})
    assert set(fixes) - labels == set(), "stale fixes"
    assert countries.NON_COUNTRY_LABELS[source] - labels == set(), "stale non-country labels"


@pytest.mark.parametrize(
    ("source", "label", "iso3"),
    [
        ("armstat", "Russian Federation", "RUS"),
        ("cba", "Russian Federation", "RUS"),
        ("imf_dots", "Armenia, Rep. of", "ARM"),
        ("wdi", "ARM", "ARM"),
        ("cow", 371, "ARM"),
        ("wb_matrix", "Russian Federation", "RUS"),
        ("icews", "Russian Federation", "RUS"),
    ],
)
def test_raw_files_hold_the_default_pair(raw_dir, source, label, iso3):
    load = LOADERS[source][0]
    assert map_source_names(load(raw_dir), source)[0][label] == iso3


def test_processed_cow_table_matches_rebuild_from_raw(raw_dir, tmp_path):
    rebuilt = countries.write_cow_table(raw_dir, tmp_path)
    committed = config.PROCESSED_DIR / countries.COW_TABLE_NAME
    assert rebuilt.read_bytes() == committed.read_bytes()
