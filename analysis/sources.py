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

# --- society: opinion, migration, event data ---------------------------------------------------
SOURCES.update(
    {
        "press_toplines": {
            "title": "Poll toplines on Armenia's foreign relations (CRRC Caucasus Barometer, IRI, "
            "EU NEIGHBOURS east), transcribed from press reports",
            "publisher": (
                "CRRC-Armenia (Caucasus Barometer); International Republican Institute; "
                "EU NEIGHBOURS east (EU-funded); as reported by news outlets"
            ),
            "citation": (
                "Survey toplines transcribed by hand from public news and blog pages (one URL per "
                "value in data/processed/opinion_toplines.csv); primary publishers: CRRC Caucasus "
                "Barometer (caucasusbarometer.org), IRI public opinion surveys of residents of "
                "Armenia (iri.org), EU NEIGHBOURS east annual surveys (euneighbourseast.eu)"
            ),
            "license": "Facts reported in the press; survey data under each publisher's terms",
            "url": "https://caucasusbarometer.org/en/",
            "files": ["press_opinion_toplines/armenia_opinion_toplines_transcribed.csv"],
            "unit": "% of respondents",
            "caveats": [
                "Secondary reports transcribed from press; verify against primary reports "
                "(caucasusbarometer.org, iri.org, euneighbourseast.eu) before publication.",
                "Where two reports of one wave disagree, both are kept; the series uses the "
                "primary publisher's value if one reported it, else the mean, with the range "
                "as lo-hi (CB 2013 'main friend = Russia': 83 and 84).",
                "One CRRC poll reported in June 2022 does not name its wave or fieldwork dates; "
                "it is dated by its publication date and drawn as a hollow marker.",
                "IRI threat and partner questions allow several answers, so shares across "
                "countries add up to more than 100%.",
            ],
        },
        "undesa_ims": {
            "title": "International Migrant Stock 2024 (origin x destination), extract",
            "publisher": "United Nations, Department of Economic and Social Affairs, Population Division",
            "citation": (
                "UN DESA Population Division (2024), International Migrant Stock 2024; rows for "
                "Armenia, Azerbaijan, Georgia, Iran, Russia and Ukraine copied from "
                "github.com/X80110/migration-visualization, 'Data 2025/formatted by year/data/"
                "stock_undesa_ims2024.csv', commit ba303d4818ea998b609c040cbf6ba45357c703bb"
            ),
            "license": "United Nations terms of use (free use with attribution)",
            "url": "https://www.un.org/development/desa/pd/content/international-migrant-stock",
            "files": ["undesa_ims2024_extract/undesa_ims2024_stock_arm_rus_extract.csv"],
            "unit": "persons (international migrant stock at mid-year, by country of birth)",
            "caveats": [
                "Stocks by country of birth from censuses and registers: the 2022 relocation of "
                "Russian citizens to Armenia is not in the 2024 figure.",
                "Only the pairs in the extract are covered (ARM, AZE, GEO to Russia; RUS, AZE, "
                "GEO, IRN, UKR to Armenia); other pairs have no rows.",
            ],
        },
        "wb_bilateral_2017": {
            "title": "Bilateral Migration Matrix 2017 and Bilateral Remittance Estimates 2017",
            "publisher": "World Bank / KNOMAD",
            "citation": (
                "World Bank/KNOMAD, 'Bilateral Estimates of Migrant Stocks in 2017' and 'Bilateral "
                "Remittance Estimates for 2017 using Migrant Stocks, Host Country Incomes, and "
                "Origin Country Incomes (millions of US$) (April 2018 Version)'; workbooks as "
                "copied in github.com/hbenveniste/mig-scenarios, data/rem_wb/, commit "
                "a3610e86e8eee21a914dd9e70aaeb7cde94dedcb"
            ),
            "license": "World Bank data (CC-BY-4.0 unless stated); the copying repository states none",
            "url": "https://www.worldbank.org/en/topic/migrationremittancesdiasporaissues/overview",
            "files": [
                "wb_bilateral_matrices_2017/WB_Bilateral_Estimates_Migrant_Stocks_2017.xlsx",
                "wb_bilateral_matrices_2017/WB_Bilateral_Remittance_Estimates_2017.xlsx",
            ],
            "unit": "persons (migrant stocks); USD million (remittance estimates)",
            "caveats": [
                "The bilateral remittances are analytical estimates (migrant stocks times host "
                "and origin incomes, Ratha and Shaw 2007), not reported flows.",
                "The matrices do not tell a zero from a missing estimate: zero cells get no row "
                "in the panel; '-' cells (India-Pakistan, Israel-Lebanon) are missing.",
                "A second estimate of 2017 migrant stocks, distinct from UN DESA's: the two are "
                "kept as separate series and never joined into one line.",
            ],
        },
        "gdelt": {
            "title": "GDELT 1.0 and 2.0 event formats: column labels, CAMEO codes, samples",
            "publisher": "The GDELT Project",
            "citation": (
                "Leetaru, K. and Schrodt, P. (2013), GDELT: Global Data on Events, Location and "
                "Tone; header files (Sep 2016), CAMEO code table and 50-event samples as shipped "
                "in github.com/linwoodc3/gdeltPyR, commit 8762db7f5aaa4f30eda0c9e72b2039ddb68ad593"
            ),
            "license": "GDELT data free and open with citation; gdeltPyR GPL-3",
            "url": "https://www.gdeltproject.org/data.html",
            "files": [
                "gdelt_gdeltpyr/GDELT_1.0_event_Column_Labels_Header_Row_Sep2016.tsv",
                "gdelt_gdeltpyr/GDELT_2.0_Events_Column_Labels_Header_Row_Sep2016.csv",
                "gdelt_gdeltpyr/cameoCodeTable.tsv",
                "gdelt_gdeltpyr/gdelt1_events_sample_gdeltpyr.csv",
                "gdelt_gdeltpyr/gdelt2_events_sample_gdeltpyr.csv",
            ],
            "unit": "events (CAMEO-coded), Goldstein scale -10 to +10",
            "caveats": [
                "Format fixtures only: no Armenia-Russia events are staged; run 'bilateral "
                "events' on your own GDELT download.",
                "The samples are gdeltPyR's layout (comma-separated, header, an added "
                "CAMEOCodeDescription column), not the published tab-separated files.",
            ],
        },
        "icews": {
            "title": "Integrated Crisis Early Warning System (ICEWS) coded event data: format sample",
            "publisher": "Boschee et al., Harvard Dataverse",
            "citation": (
                "Boschee, E. et al. (2015), ICEWS Coded Event Data, Harvard Dataverse, "
                "doi:10.7910/DVN/28075; raw-format sample (events.2018.sample.tab), CAMEO codes "
                "and Goldstein mappings from the R package icews (A. Beger, MIT), "
                "github.com/andybega/icews, commit 3746c729551f5fcb5a49f643f82638011a5fcfec"
            ),
            "license": "See Harvard Dataverse terms for ICEWS; icews R package MIT",
            "url": "https://doi.org/10.7910/DVN/28075",
            "files": [
                "icews_andybega/events.2018.sample.tab.gz",
                "icews_andybega/goldstein_mappings.csv",
                "icews_andybega/cameo-codes.csv",
            ],
            "unit": "events (CAMEO-coded), intensity (Goldstein scale) -10 to +10",
            "caveats": [
                "Format fixture only (3,705 events of 1-2 June 2018, four of them between "
                "Armenia and Russia); run 'bilateral events' on your own ICEWS download.",
            ],
        },
    }
)
