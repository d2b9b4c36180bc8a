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
    "russia_1tv": {
        "title": "Channel One Russia (1tv.ru) news items on Armenia, fixed daily sample",
        "publisher": "Channel One Russia (items indexed by the kremlin-speeches project)",
        "citation": (
            "Channel One Russia news items mentioning Armenia, extracted from the 1tv.ru search "
            "index of github.com/lobsterbush/kremlin-speeches (docs/data/search/<year>.json, "
            "commit 68cbdf8e81053925c7111d361ac49a6c46685486), with leader-contact kinds "
            "(call, meeting) assigned by keyword; see PROVENANCE-political.md section 12"
        ),
        "license": "Titles, snippets and URLs only; 1tv.ru content (c) Channel One; no repository license",
        "url": "https://github.com/lobsterbush/kremlin-speeches",
        "files": [
            "russia_state_media_1tv_armenia_extract/1tv_armenia_items.csv",
            "russia_state_media_1tv_armenia_extract/items_per_year.csv",
        ],
        "unit": "news items (one row per item); counts of distinct dates per year",
        "caveats": [
            "Russian state television, not the Kremlin's own record of meetings and calls.",
            "A fixed daily sample of about 15 items per day of 1tv.ru news, not the full feed: "
            "contacts the sample did not pick up are missing, so counts are lower bounds.",
            "Kinds come from keywords in titles (phone/telephone; meeting/talks/visit/summit); "
            "several items can report one event, so events are counted as distinct dates.",
        ],
    },
    "unga_es11": {
        "title": "UNGA recorded votes on the Ukraine emergency-session resolutions and A/RES/77/13",
        "publisher": "United Nations Dag Hammarskjöld Library (UN Digital Library), via the 3DL scraper",
        "citation": (
            "UN Digital Library voting records, as scraped by the 3DL Data Driven Decision Lab "
            "(github.com/data-driven-decision-lab/un-digital-library-scraper, commit "
            "3eca1b55230337338d2b360b9e6fa7889decce7c); seven rows reshaped to one row per "
            "member state and resolution"
        ),
        "license": "UN Digital Library terms (non-commercial use with attribution)",
        "url": "https://digitallibrary.un.org/",
        "files": ["unga_es11_ukraine_3dl_extract/unga_es11_ukraine_and_csto_votes_long.csv"],
        "unit": "vote of each member state (YES, NO, ABSTAIN, NON-VOTING/ABSENT)",
        "caveats": [
            "On A/RES/ES-11/5 the scrape may have swapped the votes of the Bahamas and Bolivia "
            "(press reports list Bolivia among those against); other cells match published results.",
            "A blank cell in the UN record means the state did not vote or was absent.",
        ],
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
