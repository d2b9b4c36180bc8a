"""Resolve country identifiers and map the country labels of each source to ISO 3166 alpha-3.

Every country in the package is keyed by its ISO 3166 alpha-3 code. This module turns what
people type (``"arm"``, ``"AM"``, ``371``, ``"Russia"``) into a :class:`Country`, and what the
sources print (``"Armenia, Rep. of"``, ``"Korea"``, ``"EU countries not specified"``) into a
code, ``None`` for labels that are not countries, or a list of unmatched labels for the loader to
fail on. Source fixes live in the named constants below, one comment each.

The country registry is pycountry's current countries, a few of its historic countries
(:data:`HISTORIC_NAMES`) and :data:`EXTRA_COUNTRIES` (Kosovo). Correlates of War (COW) state
numbers come from ``data/processed/cow_countries.csv`` (built from the raw COW state list by
:func:`write_cow_table`), read lazily so that ``resolve(371)`` works without raw data.

pandas is imported only inside the functions that build the COW table, so importing this module
stays light.
"""

from __future__ import annotations

import difflib
import functools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pycountry

from analysis import config
from analysis.errors import BadInput, RunFailure, quote

if TYPE_CHECKING:
    import pandas as pd

# --- registry ---------------------------------------------------------------------------------

#: The sources :func:`map_source_names` knows, with what their labels are.
SOURCES = {
    "armstat": "English country names of Armstat foreign-trade tables",
    "cba": "English country names of the CBA money-transfers tables (CSV and workbook)",
    "imf_dots": "IMF Direction of Trade Statistics reporter and partner names",
    "wdi": "World Bank WDI country codes (ISO 3166 alpha-3 plus WB aggregate codes)",
    "cow": "COW state abbreviations (stateabb) or state numbers (ccode)",
    "wb_matrix": "World Bank names in the 2017 bilateral migration and remittance matrices",
    "icews": "ICEWS event-data country names (Source Country, Target Country)",
    "unvotes": "ISO 3166 alpha-2 codes of the unvotes UNGA vote table (its country name where the code is empty)",
    "undl": "ISO 3166 alpha-3 vote-column names of the UN Digital Library vote scrapes (3DL)",
    "gw": "Gleditsch-Ward state numbers (UCDP gwno columns); equal to COW numbers but for GW_CODE_FIXES",
    "sipri": "SIPRI Arms Transfers Database supplier and recipient names (TIV tables, trade register)",
    "us_historian": "US Office of the Historian country slugs (travels and visits: 'armenia', 'korea-south')",
}

#: Historic ISO 3166 countries taken from ``pycountry.historic_countries``, with the short name
#: used for them here (pycountry's names are long and formal).
HISTORIC_NAMES = {
    "SUN": "Soviet Union",  # USSR, to 1991; IMF DOTS partner "USSR"
    "YUG": "Yugoslavia",  # SFR Yugoslavia, to 1992; IMF DOTS "Yugoslavia"
    "CSK": "Czechoslovakia",  # to 1992; IMF DOTS "Czechoslovakia", COW 315
    "SCG": "Serbia and Montenegro",  # 2003-2006 (FR Yugoslavia 1992-2003); Armstat 2007, IMF
    "ANT": "Netherlands Antilles",  # dissolved 2010; Armstat 2011 and IMF still report it
    "DDR": "German Democratic Republic",  # East Germany, COW 265
    "YMD": "South Yemen",  # People's Democratic Republic of Yemen, COW 680 (to 1990)
}

#: Countries outside ISO 3166 that the sources report: alpha-3 -> (alpha-2, name).
EXTRA_COUNTRIES = {
    "XKX": ("XK", "Kosovo"),  # user-assigned code used by the World Bank, IMF and EU; COW 347
}

#: Everyday names that pycountry lacks (its name, common_name and official_name are matched
#: already). Used by :func:`resolve` only, never to map a source.
COMMON_NAMES = {
    "Russia": "RUS",  # pycountry has only "Russian Federation"
    "Turkey": "TUR",  # pycountry has "Türkiye" only
    "UK": "GBR",  # everyday abbreviation, not an ISO code
    "Great Britain": "GBR",  # everyday name
    "Britain": "GBR",  # everyday name
    "UAE": "ARE",  # everyday abbreviation, not an ISO code
    "Czech Republic": "CZE",  # short form of the former name (official_name is the long one)
    "Ivory Coast": "CIV",  # English name, also COW's
    "Cape Verde": "CPV",  # former English name, also COW's
    "Swaziland": "SWZ",  # former name (to 2018), also COW's
    "Macedonia": "MKD",  # former short name, also COW's
    "Burma": "MMR",  # former name
    "East Timor": "TLS",  # English name, also COW's
    "Brunei": "BRN",  # short name, also COW's
    "Vatican": "VAT",  # short name
    "Vatican City": "VAT",  # short name
    "Holy See": "VAT",  # IMF DOTS name; pycountry has "Holy See (Vatican City State)"
    "Palestine": "PSE",  # short name
    "Micronesia": "FSM",  # short name
    "DR Congo": "COD",  # short name
    "DRC": "COD",  # abbreviation
    "Democratic Republic of the Congo": "COD",  # English word order, also COW's
    "Congo-Kinshasa": "COD",  # name by capital
    "Congo-Brazzaville": "COG",  # name by capital
    "Republic of Congo": "COG",  # English word order
    "Bosnia": "BIH",  # short name
    "USSR": "SUN",  # abbreviation
    "East Germany": "DDR",  # everyday name
    "West Germany": "DEU",  # ISO 3166 code DE/DEU was West Germany's, kept on unification
    "North Yemen": "YEM",  # ISO 3166 code YE/YEM was the Yemen Arab Republic's
    "Chinese Taipei": "TWN",  # name used by international organisations
    "GDR": "DDR",  # German Democratic Republic, everyday abbreviation (also COW's)
    "FRG": "DEU",  # Federal Republic of Germany, everyday abbreviation
}

#: Names and codes that denote more than one country: resolve refuses them and lists the options.
AMBIGUOUS_NAMES = {
    "Korea": ("KOR", "PRK"),  # CBA's "Korea" is South Korea, but alone the word is ambiguous
    "CS": ("CSK", "SCG"),  # ISO alpha-2 CS was Czechoslovakia's, then Serbia and Montenegro's
    "Saoma": ("ASM", "WSM"),  # Armstat misspelling; see ARMSTAT_NAME_FIXES
}

# --- source fixes -----------------------------------------------------------------------------

#: Armstat labels (foreign trade by country, 2007-2024) that are not a pycountry name.
ARMSTAT_NAME_FIXES = {
    "American Saoma": "ASM",  # misspelling of American Samoa (2014-2021)
    # "Saoma" (2024 only): "Samoa" is reported separately in 2024 too, and "American Saoma" stops
    # in 2021 - so this is American Samoa under a shortened label, not Samoa.
    "Saoma": "ASM",
    "Bosnia Herzegovina": "BIH",  # "and" missing
    "Cape Verde": "CPV",  # former English name of Cabo Verde
    "Cote d' Ivoire": "CIV",  # no accent, stray space
    "Czech Rep.": "CZE",  # abbreviated
    "FYR of Macedonia": "MKD",  # former name (to 2017); "North Macedonia" from 2018
    "Faeroe Islands": "FRO",  # older spelling of Faroe Islands
    "Folkland Islands (Malvinas)": "FLK",  # misspelling of Falkland
    "French Southern Terrirories": "ATF",  # misspelling of Territories
    "Korea, DPR of": "PRK",  # North Korea (to 2023)
    "Republic of Korea": "KOR",  # South Korea, 2024 label
    "Libyan Arab Jamahiriya": "LBY",  # former name of Libya
    "Monako": "MCO",  # misspelling of Monaco
    "Palestinian Territory, Occupied": "PSE",  # former ISO name of Palestine
    "Saint Helena": "SHN",  # ISO adds ", Ascension and Tristan da Cunha"
    "Saint-Barth?lemy": "BLM",  # Saint Barthélemy, é lost to an encoding error in the source
    "Saint-Martin (French part)": "MAF",  # hyphenated
    "Svalbard and Jan Mayen Islands": "SJM",  # "Islands" added
    "Swaziland": "SWZ",  # former name of Eswatini
    "Turkey": "TUR",  # pycountry has "Türkiye"
    "USA": "USA",  # 2024 label ("United States" to 2023)
    "United States Virgin Islands": "VIR",  # word order
    "Vatican City State": "VAT",  # ISO has "Holy See (Vatican City State)"
    "Wallis and Futuna Islands": "WLF",  # "Islands" added
    "Congo, Democratic Republic of the": "COD",  # ISO has "Congo, The Democratic Republic of the"
}

#: CBA labels (money transfers by country, 2013-2024) that are not a pycountry name.
CBA_NAME_FIXES = {
    # South Korea: CBA lists it among the main sending and receiving countries (about USD 1-2
    # million a year each way), which North Korea, under sanctions and with no banking links to
    # Armenia, cannot be.
    "Korea": "KOR",
    "Turkey": "TUR",  # pycountry has "Türkiye"
    "USA": "USA",  # abbreviation
}

#: IMF DOTS reporter and partner names that are not a pycountry name.
IMF_NAME_FIXES = {
    "Afghanistan, Islamic Rep. of": "AFG",  # IMF "Rep." style
    "Armenia, Rep. of": "ARM",  # IMF "Rep." style
    "Aruba, Kingdom of the Netherlands": "ABW",  # IMF adds the kingdom
    "Azerbaijan, Rep. of": "AZE",  # IMF "Rep." style
    "Bahamas, The": "BHS",  # IMF article style
    "Bahrain, Kingdom of": "BHR",  # IMF style
    "Belarus, Rep. of": "BLR",  # IMF "Rep." style
    "Central African Rep.": "CAF",  # abbreviated
    "China, P.R.: Hong Kong": "HKG",  # IMF style for SARs
    "China, P.R.: Macao": "MAC",  # IMF style for SARs
    "China, P.R.: Mainland": "CHN",  # China without Hong Kong, Macao, Taiwan
    "Comoros, Union of the": "COM",  # IMF style
    "Congo, Dem. Rep. of the": "COD",  # Kinshasa; not COG
    "Congo, Rep. of": "COG",  # Brazzaville; not COD
    "Croatia, Rep. of": "HRV",  # IMF "Rep." style
    "Curaçao, Kingdom of the Netherlands": "CUW",  # IMF adds the kingdom
    "Czech Rep.": "CZE",  # abbreviated
    "Dominican Rep.": "DOM",  # abbreviated
    "Egypt, Arab Rep. of": "EGY",  # IMF "Rep." style
    "Equatorial Guinea, Rep. of": "GNQ",  # IMF "Rep." style
    "Eritrea, The State of": "ERI",  # IMF style
    "Estonia, Rep. of": "EST",  # IMF "Rep." style
    "Eswatini, Kingdom of": "SWZ",  # IMF style
    "Ethiopia, The Federal Dem. Rep. of": "ETH",  # IMF style
    "Fiji, Rep. of": "FJI",  # IMF "Rep." style
    "Gambia, The": "GMB",  # IMF article style
    "Iran, Islamic Rep. of": "IRN",  # abbreviated
    "Kazakhstan, Rep. of": "KAZ",  # IMF "Rep." style
    "Korea, Dem. People's Rep. of": "PRK",  # North Korea, abbreviated
    "Korea, Rep. of": "KOR",  # South Korea, abbreviated
    "Kosovo, Rep. of": "XKX",  # not in ISO 3166; see EXTRA_COUNTRIES
    "Kyrgyz Rep.": "KGZ",  # abbreviated official name
    "Lao People's Dem. Rep.": "LAO",  # abbreviated
    "Lesotho, Kingdom of": "LSO",  # IMF style
    "Madagascar, Rep. of": "MDG",  # IMF "Rep." style
    "Marshall Islands, Rep. of the": "MHL",  # IMF "Rep." style
    "Mauritania, Islamic Rep. of": "MRT",  # IMF "Rep." style
    "Moldova, Rep. of": "MDA",  # abbreviated
    "Mozambique, Rep. of": "MOZ",  # IMF "Rep." style
    "Nauru, Rep. of": "NRU",  # IMF "Rep." style
    "Netherlands, The": "NLD",  # IMF article style
    "North Macedonia, Republic of": "MKD",  # IMF style
    "Palau, Rep. of": "PLW",  # IMF "Rep." style
    "Poland, Rep. of": "POL",  # IMF "Rep." style
    "San Marino, Rep. of": "SMR",  # IMF "Rep." style
    "Serbia, Rep. of": "SRB",  # IMF "Rep." style (from 2006; before: Serbia and Montenegro)
    "Sint Maarten, Kingdom of the Netherlands": "SXM",  # IMF adds the kingdom
    "Slovak Rep.": "SVK",  # abbreviated official name
    "Slovenia, Rep. of": "SVN",  # IMF "Rep." style
    "South Sudan, Rep. of": "SSD",  # IMF "Rep." style
    "St. Kitts and Nevis": "KNA",  # "St." abbreviated
    "St. Lucia": "LCA",  # "St." abbreviated
    "St. Vincent and the Grenadines": "VCT",  # "St." abbreviated
    "Syrian Arab Rep.": "SYR",  # abbreviated
    "São Tomé and Príncipe, Dem. Rep. of": "STP",  # IMF "Rep." style
    "Taiwan Province of China": "TWN",  # IMF name, no comma
    "Tajikistan, Rep. of": "TJK",  # IMF "Rep." style
    "Tanzania, United Rep. of": "TZA",  # abbreviated
    "Timor-Leste, Dem. Rep. of": "TLS",  # IMF "Rep." style
    "Turkey": "TUR",  # pycountry has "Türkiye"
    "USSR": "SUN",  # Soviet Union, historic ISO code
    "Uzbekistan, Rep. of": "UZB",  # IMF "Rep." style
    "Venezuela, Rep. Bolivariana de": "VEN",  # IMF Spanish-style name
    "West Bank and Gaza": "PSE",  # IMF and World Bank name for Palestine
    "Yemen, Rep. of": "YEM",  # IMF "Rep." style
    "Holy See": "VAT",  # pycountry has "Holy See (Vatican City State)"
}

#: World Bank names in the 2017 bilateral migration and remittance matrices (KNOMAD) that are not
#: a pycountry name (World Bank "Rep." and "SAR" styles).
WB_MATRIX_NAME_FIXES = {
    "Bahamas, The": "BHS",  # article style
    "Congo, Dem. Rep.": "COD",  # Kinshasa; not COG
    "Congo, Rep.": "COG",  # Brazzaville; not COD
    "Egypt, Arab Rep.": "EGY",  # "Rep." style
    "Faeroe Islands": "FRO",  # spelling; ISO has "Faroe Islands"
    "Gambia, The": "GMB",  # article style
    "Hong Kong SAR, China": "HKG",  # SAR style
    "Iran, Islamic Rep.": "IRN",  # "Rep." style
    "Korea, Dem. Rep.": "PRK",  # North Korea
    "Korea, Rep.": "KOR",  # South Korea
    "Lao PDR": "LAO",  # abbreviated
    "Macao SAR, China": "MAC",  # SAR style
    "Macedonia, FYR": "MKD",  # former name (to 2019)
    "Micronesia, Fed. Sts.": "FSM",  # abbreviated
    "St. Kitts and Nevis": "KNA",  # "St." abbreviated
    "St. Lucia": "LCA",  # "St." abbreviated
    "St. Martin (French part)": "MAF",  # "St." abbreviated
    "St. Vincent and the Grenadines": "VCT",  # "St." abbreviated
    "Swaziland": "SWZ",  # former name of Eswatini (to 2018)
    "Turkey": "TUR",  # pycountry has "Türkiye"
    "Venezuela, RB": "VEN",  # "Republica Bolivariana" abbreviated
    "Virgin Islands (U.S.)": "VIR",  # ISO has "Virgin Islands, U.S."
    "West Bank and Gaza": "PSE",  # World Bank name for Palestine
    "Yemen, Rep.": "YEM",  # "Rep." style
}

#: ICEWS country names (events.YYYY.tab, Source/Target Country) that are not a pycountry name;
#: those seen in the staged 2018 sample.
ICEWS_NAME_FIXES = {
    "Democratic Republic of Congo": "COD",  # without "the"
    "Holy See": "VAT",  # pycountry has "Holy See (Vatican City State)"
    "Occupied Palestinian Territory": "PSE",  # ICEWS name for Palestine
    "Swaziland": "SWZ",  # former name of Eswatini (to 2018)
    "Turkey": "TUR",  # pycountry has "Türkiye"
    "the former Yugoslav Republic of Macedonia": "MKD",  # UN name to 2019
}


#: unvotes (Voeten's UNGA votes, ``country_code``) labels that are not a registry ISO2 code. Rows
#: without a code are labelled by their ``country`` name (three states, listed here).
UNVOTES_CODE_FIXES = {
    # Czechoslovakia (1946-1992): ISO2 CS was also Serbia and Montenegro's, so the code alone is
    # ambiguous; the unvotes rows named "Czechoslovakia" end in 1992, before CZ and SK start.
    "CS": "CSK",
    # Yugoslavia (1946-2020): Voeten keeps one series for SFR Yugoslavia, FR Yugoslavia, Serbia and
    # Montenegro and Serbia (Montenegro apart from 2006), as COW keeps 345; mapped to the
    # continuing state SRB like COW 345 (see COW_ISO3_FIXES) and like the ideal points (ccode 345).
    "YU": "SRB",
    # West Germany (1973-1990) has no country_code in unvotes; ISO DE/DEU was its code and stayed
    # with the united Germany ("Germany", DE, from 1991), as for COW 260.
    "Federal Republic of Germany": "DEU",
    # North Yemen (1947-1990) has no country_code in unvotes; ISO YE/YEM was its code and passed
    # to the united Yemen (YE, from 1991), as for COW 678.
    "Yemen Arab Republic": "YEM",
}


#: SIPRI supplier and recipient names (TIV tables via 360info, trade register 2023) that are not
#: a pycountry name.
SIPRI_NAME_FIXES = {
    "Bosnia-Herzegovina": "BIH",  # hyphen for "and"
    "Brunei": "BRN",  # short name
    "DR Congo": "COD",  # short name (Kinshasa)
    "East Germany (GDR)": "DDR",  # German Democratic Republic, historic ISO code
    # General National Congress government in Tripoli (2014-2016); SIPRI lists its rival, the
    # House of Representatives, as a non-state actor ("Libya HoR*").
    "Libya GNC": "LBY",
    "Micronesia": "FSM",  # short name
    "North Yemen": "YEM",  # Yemen Arab Republic, whose ISO code passed to united Yemen (as COW 678)
    "Yemen Arab Republic": "YEM",  # the same state under its official name
    "Palestine": "PSE",  # short name
    "Russia": "RUS",  # from 1992; SIPRI lists the Soviet Union apart ("Soviet Union" -> SUN)
    "Saint Vincent": "VCT",  # short for Saint Vincent and the Grenadines
    "UAE": "ARE",  # abbreviation
    "Turkey": "TUR",  # pycountry has "Türkiye" (SIPRI's 2023 register spells it "Turkiye")
}

#: US Office of the Historian country slugs (``country_id`` of the travels, ``from_id`` of the
#: visits) whose words are not a pycountry name. Slugs are matched with hyphens read as spaces.
US_HISTORIAN_SLUG_FIXES = {
    "antigua-barbuda": "ATG",  # Antigua and Barbuda
    "bosnia-herzegovina": "BIH",  # Bosnia and Herzegovina
    "brunei": "BRN",  # short name
    "burma": "MMR",  # former name of Myanmar
    "cape-verde": "CPV",  # former English name of Cabo Verde
    "congo-democratic-republic": "COD",  # Democratic Republic of the Congo (Zaire)
    "congo-kinshasa": "COD",  # the same state by its capital
    "congo-republic": "COG",  # Republic of the Congo
    "cote-divoire": "CIV",  # Cote d'Ivoire without the apostrophe
    "guinea-bissau": "GNB",  # hyphen belongs to the name
    "holy-see": "VAT",  # Holy See (Vatican City)
    "korea": "KOR",  # its one record reads "Korea, South"
    "korea-north": "PRK",  # Korea, North
    "korea-south": "KOR",  # Korea, South
    "macedonia": "MKD",  # former name of North Macedonia
    "micronesia": "FSM",  # Federated States of Micronesia
    "palestinian-authority": "PSE",  # Palestinian Authority (ISO 3166 PS)
    "west-bank": "PSE",  # trips to the West Bank (Ramallah): the Palestinian territory
    "russia": "RUS",  # Russia and the U.S.S.R. (one slug, as COW's one state 365)
    "saint-kitts-nevis": "KNA",  # Saint Kitts and Nevis
    "saint-vincent-grenadines": "VCT",  # Saint Vincent and the Grenadines
    "somoa": "WSM",  # misspelling of Samoa in the record
    "swaziland": "SWZ",  # former name of Eswatini
    "timor-leste": "TLS",  # Timor-Leste
    "turkey": "TUR",  # pycountry has "Türkiye" only
}

#: World Bank regional, income and lending aggregates in WDI (codes that are not countries).
WDI_AGGREGATE_CODES = frozenset(
    """
    AFE AFW ARB CEB CSS EAP EAR EAS ECA ECS EMU EUU FCS HIC HPC IBD IBT IDA IDB IDX LAC LCN LDC
    LIC LMC LMY LTE MEA MIC MNA NAC OED OSS PRE PSS PST SAS SSA SSF SST TEA TEC TLA TMN TSA TSS
    UMC WLD
    """.split()
)

#: Per source: labels known NOT to be a country (aggregates, residuals, unrecognised entities).
#: They map to None; loaders drop them (or keep them as totals) on purpose.
NON_COUNTRY_LABELS = {
    "armstat": {
        "EU countries not specified",  # residual of EU trade without a member state (2022-)
        "Unknown country",  # residual
        # Nagorno-Karabakh: Armstat reports the unrecognised entity apart from Azerbaijan (to 2022);
        # no ISO code, and mapping it to AZE would misstate Armenia-Azerbaijan trade.
        "Nagorno Karabagh",
        "Nagorno-Karabakh",  # 2022 spelling of the same
        "Channel Islands",  # Guernsey + Jersey together (2007-2011), no ISO code; both also apart
    },
    "cba": {
        "Others",  # residual of countries not listed
        "Total",  # all countries
    },
    "imf_dots": {
        "World",  # aggregate
        "Advanced Economies",  # IMF country group
        "Emerging and Developing Economies",  # IMF country group
        "Emerging and Developing Asia",  # IMF region
        "Emerging and Developing Europe",  # IMF region
        # IMF analytical groups
        "Emerging Market and Developing Economies by Source of Export Earnings: Fuel",
        "Emerging Market and Developing Economies by Source of Export Earnings: Nonfuel",
        "Euro Area",  # aggregate
        "European Union",  # aggregate
        "Africa",  # region
        "Sub-Saharan Africa",  # region
        "Middle East",  # region
        "Middle East and Central Asia",  # IMF region
        "Western Hemisphere",  # IMF region
        "Africa not specified",  # residual
        "Asia not specified",  # residual
        "Europe not specified",  # residual
        "Middle East and Central Asia not specified",  # residual
        "Western Hemisphere not specified",  # residual
        "Countries & Areas not specified",  # residual
        "Other Countries not included elsewhere",  # residual
        "Special Categories",  # IMF residual (e.g. confidential or military trade)
        # Belgium-Luxembourg Economic Union: reported jointly to 1996 (partner in some data to
        # 2015); not splittable, no ISO code
        "Belgium-Luxembourg",
        # customs union of South Africa, Botswana, Lesotho, Namibia, Eswatini (reporter 1990-1997)
        "South African Common Customs Area (SACCA)",
    },
    "wdi": {
        "CHI",  # Channel Islands: WB economy without an ISO 3166 code (Guernsey + Jersey)
        *WDI_AGGREGATE_CODES,
    },
    # SIPRI: besides these, every label ending in "*" is a non-state armed group (e.g. "PKK
    # (Turkey)*") and every label ending in "**" an international organisation (e.g. "NATO**");
    # see _map_label. 360info gives such groups the COW code of their country: never used here.
    "sipri": {
        "Unknown supplier(s)",  # SIPRI: supplier not identified with certainty
        "Unknown recipient(s)",  # SIPRI: recipient not identified with certainty
        "unknown supplier(s)",  # the same, lower case in the 2023 trade register
        "unknown recipient(s)",  # the same, lower case in the 2023 trade register
        "Biafra",  # secessionist entity (1967-1970), not a recognised state
        "Katanga",  # secessionist entity (1960-1963), not a recognised state
        "Northern Cyprus",  # recognised by Turkey only; mapping it to CYP would misstate Cyprus
        "South Vietnam",  # state without an ISO code here (COW 817, see COW_NO_ISO3)
    },
    "gw": set(),  # GW numbers are states; those without an ISO code map to None via GW/COW
    "cow": set(),  # the COW list holds states only; states without an ISO code: COW_NO_ISO3
    "wb_matrix": {
        "Channel Islands",  # Guernsey + Jersey together, no ISO 3166 code
        "Other North",  # residual of high-income destinations/origins not listed
        "Other South",  # residual of developing destinations/origins not listed
        "World",  # total (migrant-stock matrix)
        "WORLD",  # total (remittance matrix)
    },
    "icews": set(),  # missing countries ("" or "NA") are dropped before mapping
    # Zanzibar voted twice in 1963 (no country_code) before it merged into Tanzania (TZ votes
    # from 1961 on its own); no ISO code (COW 511 has none either), so its votes are dropped.
    "unvotes": {"Zanzibar"},
    "undl": set(),  # every vote column is a member state's ISO3 code
    "us_historian": {
        "hawaii",  # Kingdom of Hawaii (visits of King Kalakaua, 1874-1881): no ISO code
        "antarctica",  # secretary's visit to Antarctica: not a state
    },
}

# --- COW ----------------------------------------------------------------------------------------

#: The COW state list inside the raw-data directory (peacesciencer copy of COW v2016).
COW_STATES_PATH = Path("peacesciencer") / "cow_states.csv"

#: File name of the processed COW table (in ``config.PROCESSED_DIR``).
COW_TABLE_NAME = "cow_countries.csv"

#: COW states whose name is not a pycountry name, or whose code needs a decision: ccode -> ISO3.
COW_ISO3_FIXES = {
    56: "LCA",  # SLU "St. Lucia"
    57: "VCT",  # SVG "St. Vincent and the Grenadines"
    58: "ATG",  # AAB "Antigua & Barbuda"
    60: "KNA",  # SKN "St. Kitts and Nevis"
    # GMY Germany (1816-1945, 1990-): the united Germany has DEU.
    255: "DEU",
    # GFR German Federal Republic (1955-1990): ISO DE/DEU was West Germany's code and stayed with
    # the united Germany, so 260 and 255 share DEU (their years do not overlap).
    260: "DEU",
    265: "DDR",  # GDR German Democratic Republic: historic ISO DD/DDR
    343: "MKD",  # MAC "Macedonia"
    # YUG "Yugoslavia" (1878-1941, 1944-2016): COW keeps 345 for FR Yugoslavia, Serbia and
    # Montenegro and, from 2006, Serbia (as it keeps 365 for the USSR and Russia). Mapped to the
    # continuing state today, SRB; the historic YUG and SCG codes stay available by name.
    345: "SRB",
    # RUS "Russia" (1816-): COW codes the USSR as 365 too; mapped to the continuing state RUS
    # (the historic SUN code stays available by name).
    365: "RUS",
    402: "CPV",  # CAP "Cape Verde"
    437: "CIV",  # CDI "Ivory Coast"
    490: "COD",  # DRC "Democratic Republic of the Congo"
    572: "SWZ",  # SWA "Swaziland"
    640: "TUR",  # TUR "Turkey" (pycountry has "Türkiye")
    # YAR "Yemen Arab Republic" (North Yemen, to 1990): ISO YE/YEM was its code and passed to the
    # united Yemen (679) in 1990; the years do not overlap.
    678: "YEM",
    680: "YMD",  # YPR "Yemen People's Republic" (South Yemen): historic ISO YD/YMD
    835: "BRN",  # BRU "Brunei"
    860: "TLS",  # ETM "East Timor"
}

#: COW states that get no ISO3 code, and why (they keep an empty iso3 in the table).
COW_NO_ISO3 = {
    240: "Hanover (to 1866): before ISO 3166, no successor with its own code",
    245: "Bavaria (to 1871): before ISO 3166, now part of Germany",
    267: "Baden (to 1871): before ISO 3166, now part of Germany",
    269: "Saxony (to 1867): before ISO 3166, now part of Germany",
    271: "Wuerttemburg (to 1871): before ISO 3166, now part of Germany",
    273: "Hesse Electoral (to 1866): before ISO 3166, now part of Germany",
    275: "Hesse Grand Ducal (to 1867): before ISO 3166, now part of Germany",
    280: "Mecklenburg Schwerin (to 1867): before ISO 3166, now part of Germany",
    300: "Austria-Hungary (to 1918): before ISO 3166, several successors",
    327: "Papal States (to 1860): before ISO 3166; not the Holy See (VAT), which COW omits",
    329: "Two Sicilies (to 1861): before ISO 3166, now part of Italy",
    332: "Modena (to 1860): before ISO 3166, now part of Italy",
    335: "Parma (to 1860): before ISO 3166, now part of Italy",
    337: "Tuscany (to 1860): before ISO 3166, now part of Italy",
    511: "Zanzibar (1963-1964): before ISO 3166, merged into Tanzania (TZA, COW 510)",
    730: "Korea (1887-1905): before ISO 3166, predecessor of both KOR and PRK",
    # South Vietnam held ISO VN/VNM in 1974-1976, but VNM belongs to COW 816 (North Vietnam, then
    # Vietnam) in the same years: one code for both would make VNM-VNM dyads.
    817: "Republic of Vietnam (1954-1975): its ISO code VNM is COW 816's in the same years",
}

#: Gleditsch-Ward (GW) numbers that differ from the COW number of the same state, or that COW
#: lacks: GW number -> ISO3 (None: no ISO code). Every other GW number is read as a COW number.
GW_CODE_FIXES = {
    340: "SRB",  # Serbia from 2006 (and 1878-1915) in GW; COW keeps 345 for Serbia
    751: None,  # Hyderabad (1947-1948), a GW state only; UCDP conflict of 1947-1948
    972: "TON",  # Tonga, GW microstate number (COW 955); UCDP coalition partner 2004-2014
    89: None,  # United Provinces of Central America (1823-1839), GW only
    99: None,  # Great Colombia (1821-1830), GW only
    563: None,  # Transvaal (1852-1910), GW only
    564: None,  # Orange Free State (1854-1910), GW only
    711: None,  # Tibet (1913-1950), GW only
    815: None,  # Vietnam (Annam/Cochin China/Tonkin, to 1893), GW only
}

#: GW microstate numbers that COW gives to another state (COW 970 is Nauru, for example): they
#: are left unmatched (a loader then fails) rather than read as COW numbers. None occurs in UCDP
#: v25.1 except Tonga, which is fixed above.
GW_NOT_COW = frozenset({970, 971, 973})

#: ISO3 codes carried by more than one COW state: the COW code a Country of that ISO3 gets.
COW_PREFERRED = {
    "DEU": 255,  # Germany since 1990 (not 260, West Germany 1955-1990)
    "YEM": 679,  # Yemen since 1990 (not 678, North Yemen)
}

#: What every refusal asks for instead.
_HINT = "an ISO 3166 alpha-3 code such as ARM"


@dataclass(frozen=True)
class Country:
    """A country: ISO 3166 alpha-3 and alpha-2 codes, a short English name, COW state number.

    ``iso2`` is None where no alpha-2 code exists; ``cow`` is None where COW has no state for
    the code (territories, and historic codes COW folds into a continuing state, e.g. SUN).
    """

    iso3: str
    iso2: str | None
    name: str
    cow: int | None


# --- name normalisation and registry ----------------------------------------------------------


def _normalise(label: str) -> str:
    """Return ``label`` without accents, case and surplus whitespace, for exact matching.

    Examples
    --------
    >>> _normalise("  Côte  d'Ivoire ")
    "cote d'ivoire"
    """
    decomposed = unicodedata.normalize("NFKD", label)
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return re.sub(r"\s+", " ", plain).strip().casefold()


#: Short names shown in reports where pycountry's name is formal or inverted (its
#: common_name already gives "Iran", "South Korea", "Syria", "Moldova", ...).
SHORT_NAMES = {
    "RUS": "Russia",  # pycountry: "Russian Federation"
    "COD": "DR Congo",  # pycountry: "Congo, The Democratic Republic of the"
    "FSM": "Micronesia",  # pycountry: "Micronesia, Federated States of"
    "PSE": "Palestine",  # pycountry: "Palestine, State of"
    "VAT": "Vatican City",  # pycountry: "Holy See (Vatican City State)"
    "VGB": "British Virgin Islands",  # pycountry: "Virgin Islands, British"
    "VIR": "US Virgin Islands",  # pycountry: "Virgin Islands, U.S."
    "FLK": "Falkland Islands",  # pycountry: "Falkland Islands (Malvinas)"
}


@functools.cache
def _registry() -> dict[str, tuple[str | None, str]]:
    """Return every known country as ISO3 -> (ISO2, short name)."""
    registry: dict[str, tuple[str | None, str]] = {}
    for entry in pycountry.countries:
        name = SHORT_NAMES.get(entry.alpha_3) or getattr(entry, "common_name", None) or entry.name
        registry[entry.alpha_3] = (entry.alpha_2, name)
    for entry in pycountry.historic_countries:
        if entry.alpha_3 in HISTORIC_NAMES:
            registry[entry.alpha_3] = (
                getattr(entry, "alpha_2", None),
                HISTORIC_NAMES[entry.alpha_3],
            )
    missing = set(HISTORIC_NAMES) - set(registry)
    if missing:
        raise RunFailure(f"pycountry lacks historic countries {sorted(missing)}; update pycountry")
    registry.update(EXTRA_COUNTRIES)
    return registry


@functools.cache
def _iso2_index() -> dict[str, str]:
    """Return ISO2 -> ISO3 for every registry country whose ISO2 is unambiguous."""
    holders: dict[str, list[str]] = {}
    for iso3, (iso2, _) in _registry().items():
        if iso2:
            holders.setdefault(iso2, []).append(iso3)
    return {iso2: iso3s[0] for iso2, iso3s in holders.items() if len(iso3s) == 1}


@functools.cache
def _iso_name_index() -> dict[str, str]:
    """Return normalised ISO name -> ISO3: pycountry names, historic and extra names.

    These are the only names :func:`map_source_names` matches without a source fix.
    """
    index: dict[str, str] = {}

    def add(name: str, iso3: str) -> None:
        key = _normalise(name)
        if index.setdefault(key, iso3) != iso3:
            raise RunFailure(f"country name {name!r} names both {index[key]} and {iso3}")

    for entry in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            if getattr(entry, attr, None):
                add(getattr(entry, attr), entry.alpha_3)
    for entry in pycountry.historic_countries:
        if entry.alpha_3 in HISTORIC_NAMES:
            add(entry.name, entry.alpha_3)
            add(HISTORIC_NAMES[entry.alpha_3], entry.alpha_3)
    for iso3, (_, name) in EXTRA_COUNTRIES.items():
        add(name, iso3)
    return index


@functools.cache
def _resolve_name_index() -> dict[str, str]:
    """Return normalised name -> ISO3 for :func:`resolve`: ISO names first, then aliases.

    Order of precedence: ISO names, :data:`COMMON_NAMES`, the source name fixes, COW state
    names. A later name never overrides an earlier one (so "Yugoslavia" stays YUG although COW
    345 is mapped to SRB).
    """
    index = dict(_iso_name_index())
    sources = (COMMON_NAMES, ARMSTAT_NAME_FIXES, CBA_NAME_FIXES, IMF_NAME_FIXES)
    cow_names = {row["cow_name"]: row["iso3"] for row in _cow_rows().values() if row["iso3"]}
    for aliases in (*sources, cow_names):
        for name, iso3 in aliases.items():
            index.setdefault(_normalise(name), iso3)
    for name in AMBIGUOUS_NAMES:
        index.pop(_normalise(name), None)
    return index


# --- COW table --------------------------------------------------------------------------------


def build_cow_table(cow_states_csv: Path) -> pd.DataFrame:
    """Build one row per COW state number with its abbreviation, name and ISO3 code.

    ISO3 comes from an exact (accent- and case-insensitive) pycountry name match, overridden by
    :data:`COW_ISO3_FIXES`; states in :data:`COW_NO_ISO3` get None.

    Parameters
    ----------
    cow_states_csv : Path
        The COW state list (columns ``stateabb, ccode, statenme``; one row per spell).

    Returns
    -------
    pandas.DataFrame
        Columns ``cow`` (int), ``cow_abb``, ``cow_name``, ``iso3`` (None where absent), sorted by
        ``cow``.

    Raises
    ------
    BadInput
        If a state number has two names, a state matches no ISO3 and is not in
        :data:`COW_NO_ISO3`, or an ISO3 is shared by states not listed in :data:`COW_PREFERRED`.
    """
    import pandas as pd

    states = pd.read_csv(
        cow_states_csv, usecols=["ccode", "stateabb", "statenme"], low_memory=False
    )
    spells = states.groupby("ccode")[["stateabb", "statenme"]].nunique()
    inconsistent = spells[(spells > 1).any(axis=1)].index.tolist()
    if inconsistent:
        raise BadInput(f"COW codes {inconsistent} have several names in {cow_states_csv}")
    table = (
        states.drop_duplicates("ccode")
        .rename(columns={"ccode": "cow", "stateabb": "cow_abb", "statenme": "cow_name"})
        .sort_values("cow")
        .reset_index(drop=True)[["cow", "cow_abb", "cow_name"]]
    )
    table["cow"] = table["cow"].astype("int64")
    names = _iso_name_index()
    iso3 = []
    for cow, name in zip(table["cow"], table["cow_name"], strict=True):
        if cow in COW_NO_ISO3:
            iso3.append(None)
        else:
            iso3.append(COW_ISO3_FIXES.get(cow) or names.get(_normalise(name)))
    table["iso3"] = pd.Series(iso3, dtype="object")
    unmatched = table.loc[table["iso3"].isna() & ~table["cow"].isin(COW_NO_ISO3.keys())]
    if len(unmatched):
        labels = ", ".join(
            f"{c} {n}" for c, n in zip(unmatched["cow"], unmatched["cow_name"], strict=True)
        )
        raise BadInput(f"COW states without ISO3: {labels}; add them to COW_ISO3_FIXES")
    shared = table["iso3"].dropna()
    shared = sorted(set(shared[shared.duplicated()]) - set(COW_PREFERRED))
    if shared:
        raise BadInput(f"ISO3 codes {shared} carry several COW states; add them to COW_PREFERRED")
    return table


def write_cow_table(raw_dir: Path, out_dir: Path) -> Path:
    """Write the COW table built from the raw COW state list to ``out_dir/cow_countries.csv``.

    The file is deterministic (sorted rows, no index, ``\\n`` line endings), so a rebuild from
    the same raw file gives the same bytes.

    Parameters
    ----------
    raw_dir : Path
        Raw-data directory holding ``peacesciencer/cow_states.csv``.
    out_dir : Path
        Directory to write to (created if missing).

    Returns
    -------
    Path
        The written file.
    """
    source = Path(raw_dir) / COW_STATES_PATH
    if not source.is_file():
        raise BadInput(f"COW state list not found at {source}; set {config.RAW_DIR_ENV}")
    table = build_cow_table(source)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / COW_TABLE_NAME
    table.to_csv(path, index=False, lineterminator="\n")
    return path


@functools.cache
def _cow_rows() -> dict[int, dict[str, str | None]]:
    """Load the processed COW table as cow -> {cow_abb, cow_name, iso3} (iso3 None if empty)."""
    path = config.PROCESSED_DIR / COW_TABLE_NAME
    if not path.is_file():
        raise BadInput(f"COW table not found at {path}; rebuild it with write_cow_table")
    # Imported here: analysis.schemas imports pandas, which resolving a code alone does not need
    # (import of analysis.countries 0.14 s, of analysis.schemas 0.62 s: python -X importtime).
    from analysis.schemas import read_processed

    table = read_processed(path)
    return {
        int(cow): {
            "cow_abb": abb,
            "cow_name": name,
            "iso3": iso3 if isinstance(iso3, str) else None,
        }
        for cow, abb, name, iso3 in table[["cow", "cow_abb", "cow_name", "iso3"]].itertuples(
            index=False
        )
    }


@functools.cache
def _cow_by_iso3() -> dict[str, int]:
    """Return ISO3 -> COW state number, using :data:`COW_PREFERRED` where several share an ISO3."""
    by_iso3: dict[str, int] = {}
    for cow, row in _cow_rows().items():
        iso3 = row["iso3"]
        if iso3 is None:
            continue
        if iso3 in COW_PREFERRED:
            by_iso3[iso3] = COW_PREFERRED[iso3]
        elif by_iso3.setdefault(iso3, cow) != cow:
            raise BadInput(f"COW codes {by_iso3[iso3]} and {cow} both map to {iso3}")
    return by_iso3


# --- resolve ----------------------------------------------------------------------------------


#: Digits of the longest COW state number (990, Samoa).
COW_MAX_DIGITS = 3


def _is_number(text: str) -> bool:
    """Return True if ``text`` is a plain ASCII number (a COW state number, not a code)."""
    return text.isascii() and text.isdigit()


def _country(iso3: str) -> Country:
    """Return the :class:`Country` of a registry ISO3 code."""
    iso2, name = _registry()[iso3]
    return Country(iso3=iso3, iso2=iso2, name=name, cow=_cow_by_iso3().get(iso3))


def _describe(iso3: str) -> str:
    """Return ``"ARM (Armenia)"`` for a registry ISO3 code."""
    return f"{iso3} ({_registry()[iso3][1]})"


#: QWERTY key positions (row, column): a mistyped code is most likely a neighbouring key.
_KEY_POSITIONS = {
    key: (row, column)
    for row, keys in enumerate(("qwertyuiop", "asdfghjkl", "zxcvbnm"))
    for column, key in enumerate(keys)
}


def _typo_distance(typed: str, candidate: str) -> float:
    """Return the summed keyboard distance of the differing letters (inf if lengths differ)."""
    if len(typed) != len(candidate):
        return float("inf")
    total = 0.0
    for a, b in zip(typed, candidate, strict=True):
        if a != b:
            if a not in _KEY_POSITIONS or b not in _KEY_POSITIONS:
                return float("inf")
            (row_a, col_a), (row_b, col_b) = _KEY_POSITIONS[a], _KEY_POSITIONS[b]
            total += ((row_a - row_b) ** 2 + (col_a - col_b) ** 2) ** 0.5
    return total


def _rank(typed: str, candidates: Iterable[str]) -> list[str]:
    """Sort difflib's close matches: similarity, then shared prefix, then keyboard distance."""

    def key(candidate: str) -> tuple[float, int, float, str]:
        ratio = difflib.SequenceMatcher(None, typed, candidate).ratio()
        prefix = next(
            (i for i, (a, b) in enumerate(zip(typed, candidate, strict=False)) if a != b),
            min(len(typed), len(candidate)),
        )
        return (-round(ratio, 9), -prefix, _typo_distance(typed, candidate), candidate)

    return sorted(candidates, key=key)


def _suggest(value: str, limit: int = 3) -> list[str]:
    """Return up to ``limit`` ISO3 codes closest to ``value`` (difflib over codes and names)."""
    typed = _normalise(value)
    codes: dict[str, str] = {iso3.casefold(): iso3 for iso3 in _registry()}
    if len(typed) == 2:
        codes = {iso2.casefold(): iso3 for iso2, iso3 in _iso2_index().items()}
    names = _resolve_name_index()
    # A short input is probably a code: look among codes first, then names.
    pools = (codes, names) if len(typed) <= 3 else (names, codes)
    found: list[str] = []
    for pool in pools:
        close = difflib.get_close_matches(typed, pool, n=len(pool), cutoff=0.6)
        for key in _rank(typed, close):
            if pool[key] not in found:
                found.append(pool[key])
    return found[:limit]


def _refuse(value: object, what: str, options: list[str]) -> BadInput:
    """Build the one-line BadInput for an unknown or ambiguous country."""
    if options:
        listed = ", ".join(_describe(iso3) for iso3 in options)
        return BadInput(f"{what} country {quote(value)}; did you mean {listed}? Give {_HINT}")
    return BadInput(f"{what} country {quote(value)}; give {_HINT}")


def _resolve_cow(code: int) -> Country:
    """Return the Country of a COW state number."""
    row = _cow_rows().get(code)
    if row is None:
        raise BadInput(
            f"unknown COW state number {quote(code, limit=20)}; give one such as 371 (Armenia) or an ISO 3166 "
            "alpha-3 code such as ARM"
        )
    if row["iso3"] is None:
        raise BadInput(f"COW state {code} ({row['cow_name']}) has no ISO 3166 code; give {_HINT}")
    return _country(row["iso3"])


def resolve(value: str | int) -> Country:
    """Resolve an ISO3 or ISO2 code, a COW state number or a country name to a Country.

    Codes and names are case-insensitive and surrounding whitespace is ignored. A number (or a
    string of digits) is a COW state number, never an ISO numeric code. Names are matched
    exactly (ignoring accents): pycountry names, :data:`COMMON_NAMES`, the names the sources use
    and COW state names.

    Parameters
    ----------
    value : str or int
        For example ``"ARM"``, ``"am"``, ``371``, ``"371"``, ``"Armenia"``, ``"Russia"``.

    Returns
    -------
    Country

    Raises
    ------
    BadInput
        Unknown or ambiguous input; the one-line message suggests the closest codes.

    Examples
    --------
    >>> resolve("arm")
    Country(iso3='ARM', iso2='AM', name='Armenia', cow=371)
    >>> resolve(365).iso3
    'RUS'
    """
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise BadInput(f"country must be a code, name or COW number, not {quote(value)}")
    if isinstance(value, int):
        return _resolve_cow(value)
    text = value.strip()
    if not text:
        raise _refuse(value, "empty", [])
    if _is_number(text):
        if len(text.lstrip("0")) > COW_MAX_DIGITS:  # never int() a 5,000-digit string
            raise BadInput(
                f"unknown COW state number {quote(text, limit=20)}; COW numbers have at most "
                f"{COW_MAX_DIGITS} digits, such as 371 (Armenia); or give {_HINT}"
            )
        return _resolve_cow(int(text))
    ambiguous = {_normalise(name): iso3s for name, iso3s in AMBIGUOUS_NAMES.items()}
    if _normalise(text) in ambiguous:
        raise _refuse(value, "ambiguous", list(ambiguous[_normalise(text)]))
    upper = text.upper()
    if len(text) == 3 and upper in _registry():
        return _country(upper)
    if len(text) == 2 and upper in _iso2_index():
        return _country(_iso2_index()[upper])
    iso3 = _resolve_name_index().get(_normalise(text))
    if iso3 is not None:
        return _country(iso3)
    raise _refuse(value, "unknown", _suggest(text))


# --- source labels ----------------------------------------------------------------------------

#: Per source: label fixes applied before the exact ISO-name match.
_SOURCE_FIXES = {
    "armstat": ARMSTAT_NAME_FIXES,
    "cba": CBA_NAME_FIXES,
    "imf_dots": IMF_NAME_FIXES,
    "wb_matrix": WB_MATRIX_NAME_FIXES,
    "icews": ICEWS_NAME_FIXES,
    "unvotes": UNVOTES_CODE_FIXES,
    "sipri": SIPRI_NAME_FIXES,
    "us_historian": US_HISTORIAN_SLUG_FIXES,
}


def _map_label(label: str | int, source: str) -> tuple[bool, str | None]:
    """Map one source label: (matched, ISO3 or None). Unmatched labels give (False, None)."""
    text = str(label).strip()
    if source == "gw":
        if not _is_number(text) or int(text) in GW_NOT_COW:
            return (False, None)
        if int(text) in GW_CODE_FIXES:
            return (True, GW_CODE_FIXES[int(text)])
        source = "cow"  # every other GW number is the COW number of the same state
    if source == "sipri" and text.endswith("*"):
        return (True, None)  # non-state armed group (*) or international organisation (**)
    if source == "cow":
        rows = _cow_rows()
        if _is_number(text):
            row = rows.get(int(text))
        else:
            row = next((r for r in rows.values() if r["cow_abb"] == text.upper()), None)
        return (row is not None, row["iso3"] if row else None)
    if text in NON_COUNTRY_LABELS[source]:
        return (True, None)
    if source in ("wdi", "undl"):
        code = text.upper()
        return (code in _registry(), code if code in _registry() else None)
    if source == "unvotes" and text not in UNVOTES_CODE_FIXES:
        iso3 = _iso2_index().get(text.upper()) if len(text) == 2 else None
        return (iso3 is not None, iso3)
    fixes = _SOURCE_FIXES[source]
    if text in fixes:
        return (True, fixes[text])
    if source == "us_historian":
        text = text.replace("-", " ")  # a slug: words joined by hyphens
    iso3 = _iso_name_index().get(_normalise(text))
    return (iso3 is not None, iso3)


def map_source_names(names: Iterable[str], source: str) -> tuple[dict[str, str | None], list[str]]:
    """Map the country labels of a source to ISO3 codes.

    Labels are stripped of surrounding whitespace before matching, but the mapping is keyed by
    the label as given, so ``frame["country"].map(mapping)`` works on the raw column. Names are
    matched exactly (ignoring case and accents) against pycountry's names after the source's fix
    constant; pycountry's fuzzy search is never used.

    Parameters
    ----------
    names : iterable of str
        Labels as the source prints them (duplicates allowed). For ``"cow"``, state
        abbreviations or state numbers (int or str).
    source : str
        One of :data:`SOURCES`: ``"armstat"``, ``"cba"``, ``"imf_dots"``, ``"wdi"``, ``"cow"``,
        ``"wb_matrix"``, ``"icews"``, ``"unvotes"``, ``"undl"``, ``"gw"``, ``"sipri"``,
        ``"us_historian"``.

    Returns
    -------
    mapping : dict of str to str or None
        Label -> ISO3 for countries; label -> None for labels known not to be countries
        (:data:`NON_COUNTRY_LABELS`) and for COW states without an ISO code
        (:data:`COW_NO_ISO3`).
    unmatched : list of str
        Labels that are neither, in first-seen order; loaders fail on these.

    Raises
    ------
    BadInput
        If ``source`` is not one of :data:`SOURCES`.

    Examples
    --------
    >>> map_source_names(["Armenia, Rep. of", "World", "Atlantis"], "imf_dots")
    ({'Armenia, Rep. of': 'ARM', 'World': None}, ['Atlantis'])
    """
    if source not in SOURCES:
        raise BadInput(f"unknown source {quote(source)}; give one of {', '.join(SOURCES)}")
    mapping: dict[str, str | None] = {}
    unmatched: list[str] = []
    for label in dict.fromkeys(names):
        matched, iso3 = _map_label(label, source)
        if matched:
            mapping[label] = iso3
        else:
            unmatched.append(label)
    return mapping, unmatched


if __name__ == "__main__":
    print(write_cow_table(config.raw_dir(), config.PROCESSED_DIR))
