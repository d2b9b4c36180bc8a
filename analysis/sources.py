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
}
