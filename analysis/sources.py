"""What each raw source is: publisher, citation, license, files, caveats.

This is metadata typed by hand from the publishers' pages and the staging notes
(``PROVENANCE-*.md``); it holds no data values. ``bilateral data build`` adds
coverage and the sha256 of every raw file and writes it to ``data/catalog.yml``.
"""

SOURCES = {
    "armstat": {
        "title": "Foreign trade of Armenia by partner country, monthly",
        "publisher": "Statistical Committee of the Republic of Armenia (Armstat)",
        "citation": (
            "Armstat, external trade by countries (monthly), as compiled by A. Tavadyan, "
            "Tvyal Newsletter, github.com/tavad/tvyal_newsletter, "
            "commit d1b2914a9ed749c592a7c0e2296d7f9343dfb953 (2025-02-25)"
        ),
        "license": "Official statistics of Armenia; the compiling repository states no license",
        "url": "https://armstat.am/en/?nid=12",
        "files": ["tvyal_armstat_trade/arm_trade_country_monthly_2007_2024.csv.gz"],
        "unit": "thousand USD (exports FOB; imports by country of origin and of consignment)",
        "caveats": [
            "Imports by country of origin and by country of consignment differ; this package "
            "uses country of origin.",
            "Russia's mirror figures (its reported exports to Armenia) disagree with Armenia's "
            "imports from Russia.",
            "Exports grew several-fold after 2022; the compiling newsletter attributes the jump "
            "mainly to re-exported gold and precious stones, which officially declared "
            "re-exports (UN Comtrade) do not capture.",
        ],
    },
    "cba": {
        "title": "Money transfers of individuals through commercial banks of Armenia, by country",
        "publisher": "Central Bank of Armenia (CBA)",
        "citation": (
            "Central Bank of Armenia, statistics table 5 'Money transfers of individuals by "
            "countries' (monthly, thousand USD), workbook as downloaded in "
            "github.com/tavad/tvyal_newsletter, commit 21cee1a4648824cfa5267f0d16c5652cf737b846"
        ),
        "license": "Official statistics of the Central Bank of Armenia",
        "url": "https://www.cba.am/en/SitePages/statexternalsector.aspx",
        "files": ["tvyal_cba_transfers/cba_5_Money_transfers_of_individuals_by_countries.xlsx"],
        "unit": "thousand USD",
        "caveats": [
            "'Total' transfers include commercial flows by individuals; 'non-commercial' is "
            "the remittance-like part, the closer measure of migrants' remittances.",
            "Only transfers through Armenian banks; cash and informal channels are not covered.",
        ],
    },
    "imf_dots": {
        "title": "Direction of Trade Statistics (DOTS), annual",
        "publisher": "International Monetary Fund",
        "citation": (
            "IMF, Direction of Trade Statistics (exports FOB, imports CIF, USD million), "
            "reshaped from the per-reporter workbooks in github.com/SamLeBlanc/"
            "Direction-of-Trade-Map, commit a769819d9b25a21a362d6cabfb10f150903f834d"
        ),
        "license": "IMF data terms (attribution to IMF DOTS); repository MIT",
        "url": "https://data.imf.org/?sk=9D6028D4-F14A-464C-A2F2-59B2CD424B85",
        "files": ["imf_dots_sam_leblanc/imf_dots_annual_1990_2020_long.csv.gz"],
        "unit": "USD million",
        "caveats": [
            "Ends in 2020; Russia stopped publishing partner data in 2022.",
            "Values flagged by the IMF as estimates are kept and counted.",
            "Each country's own reports are used (exports FOB, imports CIF); mirror data are "
            "not mixed in.",
        ],
    },
    "wdi": {
        "title": "World Development Indicators",
        "publisher": "World Bank",
        "citation": (
            "World Bank, World Development Indicators, via github.com/datasets/"
            "world-development-indicators, commit 4ebec5a2273f531ba238a34dbe440394dc5a6c4b "
            "(2026-07-01)"
        ),
        "license": "CC-BY-4.0",
        "url": "https://datacatalog.worldbank.org/dataset/world-development-indicators",
        "files": [
            "datahub_wdi/wdi_selected_indicators_long.csv.gz",
            "datahub_wdi/wdi_selected_indicators_meta.csv",
        ],
        "unit": "as per indicator (GDP in current USD)",
        "caveats": ["GDP in current US dollars moves with the dram's exchange rate."],
    },
    "cow_states": {
        "title": "Correlates of War state system membership list (v2016)",
        "publisher": "Correlates of War Project",
        "citation": (
            "Correlates of War Project (2017), State System Membership List, v2016; via the "
            "peacesciencer R package (S. Miller)"
        ),
        "license": "COW data terms (free use with citation)",
        "url": "https://correlatesofwar.org/data-sets/state-system-membership/",
        "files": ["peacesciencer/cow_states.csv"],
        "coverage": "1816-2016, country codes only",
        "caveats": [],
    },
    "atop": {
        "title": "Alliance Treaty Obligations and Provisions (ATOP), dyad-year obligations, v5.1",
        "publisher": "ATOP project (B. A. Leeds et al.)",
        "citation": (
            "Leeds, Ritter, Mitchell and Long (2002), 'Alliance Treaty Obligations and Provisions, "
            "1815-1944', International Interactions 28: 237-260; ATOP v5.1 dyad-year data as "
            "distributed in the peacesciencer R package (S. Miller), commit "
            "fe150a2648056fbd4fbbbd833f0c9e437b2ed04b"
        ),
        "license": "ATOP data free for use with citation; peacesciencer package GPL-2",
        "url": "http://www.atopdata.org/",
        "files": ["peacesciencer/atop_alliance.csv.gz"],
        "unit": "0/1 per obligation type (defense, offense, neutrality, non-aggression, consultation)",
        "caveats": [
            "Ends in 2018; a defence pact after 2018 is shown only where curated, cited "
            "membership facts document it (source 'curated').",
            "Only dyad-years with an obligation are listed; a dyad-year of two states without a "
            "row has no ATOP obligation (0).",
        ],
    },
    "cow_alliance": {
        "title": "Correlates of War Formal Alliances, dyad-year, v4.1",
        "publisher": "Correlates of War Project (D. M. Gibler)",
        "citation": (
            "Gibler, D. M. (2009), International Military Alliances, 1648-2008, CQ Press; COW "
            "Formal Alliances v4.1 dyad-year data via the peacesciencer R package, commit "
            "4b2a02d2c135a710b255ae069977e193f68a751e (the file was deprecated there later)"
        ),
        "license": "COW data terms (free use with citation)",
        "url": "https://correlatesofwar.org/data-sets/formal-alliances/",
        "files": ["peacesciencer/cow_alliance.csv.gz"],
        "unit": "0/1 per alliance type (defense, neutrality, non-aggression, entente)",
        "caveats": ["Ends in 2012; kept beside ATOP as a second, independent coding."],
    },
    "cow_igo": {
        "title": "Correlates of War Intergovernmental Organizations (IGO), v3",
        "publisher": "Correlates of War Project (J. Pevehouse, T. Nordstrom, R. McManus, A. Jamison)",
        "citation": (
            "Pevehouse, Nordstrom, McManus and Jamison (2020), 'Tracking Organizations in the "
            "World: The Correlates of War IGO Version 3.0 datasets', Journal of Peace Research "
            "57(3): 492-503; dyad-year counts and state-year sums via the peacesciencer R "
            "package; state-year and IGO-year membership tables via the igoR R package "
            "(D. Hernangomez), commit c9936cac3f0fc117520e89f9a232e62dde1ce3e9"
        ),
        "license": "COW data terms (free use with citation); igoR GPL (>= 3), peacesciencer GPL-2",
        "url": "https://correlatesofwar.org/data-sets/igos/",
        "files": [
            "peacesciencer/cow_igo_ndy.csv.gz",
            "peacesciencer/cow_igo_sy.csv.gz",
            "cow_igo_v3_igoR/state_year_format3.csv.gz",
            "cow_igo_v3_igoR/igo_year_format3.csv.gz",
        ],
        "unit": "count of IGOs in which both states are full members",
        "caveats": [
            "Ends in 2014; the Eurasian Economic Union (2015) is not in it.",
            "Only full membership (code 1) counts as shared; associate (2) and observer (3) "
            "memberships are shown apart.",
            "The named list of shared IGOs comes from the state-year table; for some dyads the "
            "published dyad-year count is one or two higher (e.g. Belarus-Russia 2003-2014, "
            "Georgia-Russia 2008-2014); for Armenia's pairs the two agree.",
        ],
    },
    "sipri_tiv": {
        "title": "SIPRI Arms Transfers Database, TIV of arms exports by supplier, recipient and year",
        "publisher": "Stockholm International Peace Research Institute (SIPRI); tidied by 360info",
        "citation": (
            "SIPRI Arms Transfers Database, TIV tables 'TIV of arms exports from X, 1950-2021' "
            "(generated 28 July 2022), as tidied in github.com/360-info/report-arms-trade, "
            "data/sipri-exports-processed.csv, commit 09cf955df2abce8a1c2c81e3d87ac903383d063c"
        ),
        "license": "SIPRI terms (free use with attribution 'Source: SIPRI Arms Transfers Database'); 360info CC BY 4.0",
        "url": "https://www.sipri.org/databases/armstransfers",
        "files": ["sipri_tiv_dyadyear_360info/sipri-exports-processed.csv.gz"],
        "unit": "TIV million (SIPRI trend-indicator value, integer-rounded)",
        "caveats": [
            "The TIV measures the volume of transfers of major conventional weapons, not their "
            "price; TIV figures compare transfers with each other, not with money values.",
            "Used for years before 2000; from 2000 the newer trade register is used.",
        ],
    },
    "sipri_register": {
        "title": "SIPRI Arms Transfers Database, trade register, deliveries 2000-2023",
        "publisher": "Stockholm International Peace Research Institute (SIPRI)",
        "citation": (
            "SIPRI Arms Transfers Database, trade register 'Transfers of major conventional arms "
            "from All countries to All countries', deals with deliveries or orders 2000-2030, "
            "generated 3 Jan 2025; copy in github.com/lucacasu/Global-Arms-Trade, "
            "russia_trade_decline/trade_2023.csv, commit 827ee354f2632934432920c5a625b9a64dd77b02"
        ),
        "license": "SIPRI terms (free use with attribution 'Source: SIPRI Arms Transfers Database')",
        "url": "https://www.sipri.org/databases/armstransfers",
        "files": ["sipri_trade_register/trade_2023.csv.gz"],
        "unit": "TIV million per deal and delivery year",
        "caveats": [
            "One row per deal and delivery year; a year's TIV for a pair is the sum over deals.",
            "Delivery years and numbers are often SIPRI estimates (flagged in the register).",
            "A revision newer (2025) than the TIV tables used before 2000 (2022); the two "
            "SIPRI extracts are joined at 2000 without overlap.",
        ],
    },
    "ucdp_acd": {
        "title": "UCDP/PRIO Armed Conflict Dataset, v25.1",
        "publisher": "Uppsala Conflict Data Program (UCDP) and Peace Research Institute Oslo (PRIO)",
        "citation": (
            "Gleditsch, Wallensteen, Eriksson, Sollenberg and Strand (2002), 'Armed Conflict "
            "1946-2001: A New Dataset', Journal of Peace Research 39(5); UCDP/PRIO Armed Conflict "
            "Dataset v25.1, one row per conflict, year and party, via the peacesciencer R package"
        ),
        "license": "UCDP data CC BY 4.0 (cite UCDP)",
        "url": "https://ucdp.uu.se/downloads/",
        "files": ["peacesciencer/ucdp_acd.csv.gz"],
        "unit": "conflicts (state-based armed conflicts with at least 25 battle-related deaths a year)",
        "caveats": [
            "Country codes are Gleditsch-Ward numbers, mapped through the COW list with the "
            "GW fixes in analysis/countries.py.",
            "A country counts as a party whether it is a primary or a secondary (supporting) "
            "party, on either side; secondary parties include troop contributors to coalitions.",
        ],
    },
    "cow_nmc": {
        "title": "Correlates of War National Material Capabilities (NMC), v7.0",
        "publisher": "Correlates of War Project",
        "citation": (
            "Singer, Bremer and Stuckey (1972), 'Capability Distribution, Uncertainty, and Major "
            "Power War, 1820-1965', in B. Russett (ed.), Peace, War, and Numbers; COW NMC data "
            "1816-2022 via the peacesciencer R package"
        ),
        "license": "COW data terms (free use with citation)",
        "url": "https://correlatesofwar.org/data-sets/national-material-capabilities/",
        "files": ["peacesciencer/cow_nmc.csv.gz"],
        "unit": "CINC: share of the world's total capabilities (0-1)",
        "caveats": [
            "CINC averages six shares (military spending and personnel, iron and steel, energy, "
            "total and urban population); it measures material capability, not military power "
            "in use."
        ],
    },
}
