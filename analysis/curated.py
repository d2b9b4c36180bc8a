"""Curated tables: facts no dataset has, typed by hand with a source on every row.

``data/curated/timeline.csv`` is a dated chronology of the events that shaped a pair's
relationship. It is read through :func:`load_timeline`, which checks every row against the schema
below and raises :class:`~analysis.errors.BadInput` naming the file, the line and the problem.

Schema of ``timeline.csv`` (UTF-8, comma-separated, header on line 1):

``date``
    ISO date ``YYYY-MM-DD``. Month precision ``YYYY-MM`` is allowed only where the public record
    gives no day; such a row is placed on the 15th of the month (mid-month, so an annual or
    monthly chart puts it in the right period) and keeps ``date_precision = "month"``.
``country_a``, ``country_b``
    ISO3 codes of the pair the event concerns (the reader matches both orderings).
``category``
    One of :data:`CATEGORIES`.
``tone``
    An integer from -2 to +2 (:data:`TONES`): the CAMEO quad class of the interaction between a
    and b in the event, or of its bearing on them. +2 material cooperation (treaty signed, troops
    or base agreed, union joined: CAMEO roots 06-08); +1 verbal cooperation (meeting, statement
    of will to cooperate: roots 01-05); 0 no direct a-b interaction (context: a war elsewhere, a
    court's warrant, a change of government); -1 verbal conflict (accusation, criticism, refusal
    to sign, boycott: roots 09-13); -2 material conflict or the cutting of a material tie
    (withdrawal, stopped payments, troops sent home: roots 14-20, e.g. 16 "reduce relations").
    A five-step ordinal scale is coarse enough to be coded reproducibly from a one-line
    description, and it maps onto the quad classes that GDELT/ICEWS event data use, so the
    timeline can sit beside event counts; a Goldstein score would claim more precision than a
    hand-coded chronology has.
``importance``
    1 landmark (changes the relationship's terms), 2 major, 3 minor; charts filter on it.
``tags``
    Optional, ``;``-separated, from :data:`TAGS`: ``leader_meeting`` (an in-person meeting of the
    heads of state or government of a and b took place), ``founding_report`` (an event named in the
    project's founding news report).
``title``, ``description``
    A short title (at most :data:`MAX_TITLE` characters) and one or two sentences, as plain text.
``source_publisher``, ``source_title``, ``source_date``, ``source_url``
    The source: publisher, title and ``source_url`` (http or https) are required; ``source_date``
    is YYYY-MM-DD (or YYYY-MM), or 'undated' for a reference page that shows no date.

Only well-documented public facts go into the table; every date and URL was checked against a
stored copy of the cited page when the table was written.
"""

from __future__ import annotations

import csv
import functools
import re
from pathlib import Path
from urllib.parse import urlsplit

import pandas as pd

from analysis import datastore
from analysis.errors import BadInput, quote
from analysis.fileio import check_file
from analysis.html import safe_href
from analysis.panel import check_pair, check_years

TIMELINE_FILE = "timeline.csv"

TIMELINE_COLUMNS = [
    "date",
    "country_a",
    "country_b",
    "category",
    "tone",
    "importance",
    "tags",
    "title",
    "description",
    "source_publisher",
    "source_title",
    "source_date",
    "source_url",
]

#: Event categories, in the order charts list them.
CATEGORIES = (
    "diplomatic",
    "security",
    "economic",
    "legal/institutional",
    "conflict",
    "societal",
)

#: The tone scale (CAMEO quad classes; see the module docstring) with a label for each step.
TONES = {
    -2: "strongly conflictual",
    -1: "conflictual",
    0: "neutral",
    1: "cooperative",
    2: "strongly cooperative",
}

#: Importance levels: 1 landmark, 2 major, 3 minor.
IMPORTANCE = {1: "landmark", 2: "major", 3: "minor"}

#: Allowed tags.
TAGS = ("leader_meeting", "founding_report")

#: Longest title, so that chart labels and tables stay readable.
MAX_TITLE = 80

#: Day of the month on which a month-precision event is placed.
MONTH_PRECISION_DAY = 15

_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_MONTH = re.compile(r"^\d{4}-\d{2}$")
_ISO3 = re.compile(r"^[A-Z]{3}$")


def _parse_date(text: str) -> tuple[pd.Timestamp, str] | None:
    """Return (timestamp, precision) for ``YYYY-MM-DD`` or ``YYYY-MM``, None if invalid."""
    try:
        if _DAY.match(text):
            return pd.Timestamp(text), "day"
        if _MONTH.match(text):
            return pd.Timestamp(f"{text}-{MONTH_PRECISION_DAY:02d}"), "month"
    except ValueError:
        return None
    return None


def _check_row(row: dict[str, str]) -> str | None:
    """Return the first problem of one timeline row, or None when it is valid."""
    if _parse_date(row["date"]) is None:
        return f"bad date {quote(row['date'])}; expected YYYY-MM-DD (or YYYY-MM if no day is known)"
    for col in ("country_a", "country_b"):
        if not _ISO3.match(row[col]):
            return f"bad {col} {quote(row[col])}; expected an ISO3 code such as ARM"
    if row["country_a"] == row["country_b"]:
        return f"country_a and country_b are both {row['country_a']}; expected two countries"
    if row["category"] not in CATEGORIES:
        return f"unknown category {quote(row['category'])}; expected one of {', '.join(CATEGORIES)}"
    if row["tone"] not in {str(t) for t in TONES} | {f"+{t}" for t in TONES if t > 0}:
        return f"unknown tone {quote(row['tone'])}; expected an integer from -2 to +2"
    if row["importance"] not in {str(i) for i in IMPORTANCE}:
        return f"unknown importance {quote(row['importance'])}; expected 1, 2 or 3"
    tags = [t for t in row["tags"].split(";") if t]
    bad = [t for t in tags if t not in TAGS]
    if bad:
        return f"unknown tag {quote(bad[0])}; expected {', '.join(TAGS)} (separated by ';')"
    if not row["title"]:
        return "empty title; every event needs a short title"
    if len(row["title"]) > MAX_TITLE:
        return f"title longer than {MAX_TITLE} characters; shorten it"
    if not row["description"]:
        return "empty description; describe the event in one or two sentences"
    for col in ("source_publisher", "source_title"):
        if not row[col]:
            return f"missing source: empty {col}; every row needs a source (publisher, title, date or URL)"
    problem = _check_source_date(row["source_date"])
    if problem:
        return problem
    if not row["source_url"]:
        return "missing source: empty source_url; every row needs the address of its source"
    if safe_href(row["source_url"], fragment=False) is None:
        return f"bad source_url {quote(row['source_url'])}; expected an http(s) URL"
    return None


def _read_rows(path: Path, columns: list[str], check_row, exact: bool) -> list[dict]:
    """Read a curated CSV row by row, checking each; return the rows with their line numbers.

    Parameters
    ----------
    columns : list of str
        The columns the table needs (``exact``: exactly these, in this order).
    check_row : callable
        ``row -> problem or None`` for one row (values stripped).

    Raises
    ------
    BadInput
        Naming the file and line of the first bad row (missing columns, wrong number of
        fields, what ``check_row`` says), a file that is not UTF-8, or a table without rows.
    """
    path = Path(path)
    check_file(path, "curated table missing", "it ships with the package in data/curated")
    try:
        with path.open(encoding="utf-8", newline="") as f:
            reader = csv.DictReader(f)
            header = reader.fieldnames or []
            if exact and header != columns:
                raise BadInput(
                    f"{path}: columns {', '.join(header)}; expected {', '.join(columns)}"
                )
            missing = [c for c in columns if c not in header]
            if missing:
                raise BadInput(
                    f"{path}: missing column(s) {', '.join(missing)}; expected {', '.join(columns)}"
                )
            rows = []
            for row in reader:
                line = reader.line_num
                if None in row or any(v is None for v in row.values()):
                    raise BadInput(
                        f"{path}, line {line}: wrong number of fields; expected "
                        f"{len(header)} comma-separated fields (quote text containing commas)"
                    )
                row = {k: v.strip() for k, v in row.items()}
                problem = check_row(row)
                if problem:
                    raise BadInput(f"{path}, line {line}: {problem}")
                rows.append({**row, "line": line})
    except UnicodeDecodeError:
        raise BadInput(f"{path}: not UTF-8 text; save the table as UTF-8") from None
    if not rows:
        raise BadInput(f"{path}: no rows")
    return rows


def read_timeline(path: Path) -> pd.DataFrame:
    """Read and validate a timeline CSV (see the module docstring for the schema).

    Parameters
    ----------
    path : Path
        The CSV file.

    Returns
    -------
    DataFrame
        The columns of :data:`TIMELINE_COLUMNS` with ``date`` as a Timestamp, ``tone`` and
        ``importance`` as int, plus ``date_text`` (the date as written), ``date_precision``
        (``day`` or ``month``) and ``year``; sorted by date, ``importance``, ``title``.

    Raises
    ------
    BadInput
        Naming the file and line of the first bad row and what is expected.
    """
    rows = _read_rows(path, TIMELINE_COLUMNS, _check_row, exact=False)
    df = pd.DataFrame(rows)
    parsed = [_parse_date(d) for d in df["date"]]
    out = df[TIMELINE_COLUMNS].copy()
    out["date_text"] = df["date"]
    out["date"] = pd.to_datetime([p[0] for p in parsed])
    out["date_precision"] = [p[1] for p in parsed]
    out["year"] = out["date"].dt.year.astype("int64")
    out["tone"] = df["tone"].map(int).astype("int64")
    out["importance"] = df["importance"].map(int).astype("int64")
    dup = out.duplicated(["date_text", "country_a", "country_b", "title"])
    if dup.any():
        line = int(df.loc[dup, "line"].iloc[0])
        raise BadInput(f"{path}, line {line}: duplicate event (same date, pair and title)")
    return out.sort_values(["date", "importance", "title"], ignore_index=True)


def load_timeline(curated_dir: Path | None = None) -> pd.DataFrame:
    """Load ``timeline.csv`` from ``curated_dir``.

    The default directory is the data store's (:attr:`analysis.datastore.DataStore.curated_dir`):
    ``$BILATERAL_CURATED_DIR`` when set and holding a timeline (a timeline of one's own), else
    the data dir's ``curated`` (``$BILATERAL_DATA_DIR`` or the package's ``data``): the dirs
    the batch fingerprints. A file edited since it was read is read again.
    """
    return _cached(read_timeline, _curated_path(curated_dir, TIMELINE_FILE))


def _curated_path(curated_dir: Path | None, name: str) -> Path:
    """Return the path of a curated table in ``curated_dir`` or the data store's
    (:meth:`analysis.datastore.DataStore.curated_file`)."""
    if curated_dir is not None:
        return Path(curated_dir).resolve() / name
    return datastore.current().curated_file(name).resolve()


def _cached(read, path: Path) -> pd.DataFrame:
    """Return ``read(path)``, read again only when the file's size or time changed."""
    try:
        st = path.stat()
        stamp = (st.st_mtime_ns, st.st_size)
    except OSError:
        stamp = None  # missing: ``read`` says so
    return _read_cached(read, path, stamp)


@functools.lru_cache(maxsize=16)
def _read_cached(read, path: Path, stamp) -> pd.DataFrame:
    return read(path)


def get_timeline(
    a: str,
    b: str,
    start: int | None = None,
    end: int | None = None,
    *,
    categories: tuple[str, ...] | list[str] | None = None,
    max_importance: int = 3,
) -> pd.DataFrame:
    """Return the timeline events of a pair, in either ordering of the pair.

    Parameters
    ----------
    a, b : str
        The two countries (ISO3, ISO2, COW code or name).
    start, end : int, optional
        First and last year to keep.
    categories : sequence of str, optional
        Keep only these categories (default: all).
    max_importance : int
        Keep events of importance 1 to ``max_importance`` (1 = landmarks only).

    Returns
    -------
    DataFrame
        The rows of :func:`load_timeline` for the pair, sorted by date; empty when the timeline
        has no event for the pair.

    Examples
    --------
    >>> get_timeline("RUS", "ARM", 1997, 1997)["title"].tolist()
    ['Treaty of Friendship, Cooperation and Mutual Assistance']
    """

    a, b = check_pair(a, b)
    check_years(start, end)
    unknown = [c for c in categories or () if c not in CATEGORIES]
    if unknown:
        raise BadInput(
            f"unknown category {quote(unknown[0])}; expected one of {', '.join(CATEGORIES)}"
        )
    t = load_timeline()
    pair = ((t["country_a"] == a) & (t["country_b"] == b)) | (
        (t["country_a"] == b) & (t["country_b"] == a)
    )
    keep = pair & t["year"].between(start or -9999, end or 9999)
    keep &= t["importance"] <= max_importance
    if categories:
        keep &= t["category"].isin(list(categories))
    return t[keep].reset_index(drop=True)


def has_tag(events: pd.DataFrame, tag: str) -> pd.Series:
    """Return a boolean Series: which events carry ``tag``."""
    return events["tags"].map(lambda tags: tag in tags.split(";")).astype(bool)


# --- leader contacts ----------------------------------------------------------------------------

LEADER_CONTACTS_FILE = "leader_contacts.csv"

LEADER_CONTACT_COLUMNS = [
    "date",
    "country_a",
    "country_b",
    "kind",
    "format",
    "place",
    "leader_a",
    "leader_b",
    "title",
    "source_publisher",
    "source_title",
    "source_date",
    "source_url",
    "second_source_url",
]

#: What a row records: an in-person meeting or a telephone (or video) call of the two leaders.
CONTACT_KINDS = ("meeting", "call")

#: How a meeting came about (empty for a call).
MEETING_FORMATS = (
    "bilateral visit",
    "on the sidelines of a summit",
    "trilateral",
    "multilateral",
)

#: Which offices count as a country's leader, by country (the catalog entry repeats this). A
#: row names the office holders of the day; a former leader (e.g. Kocharyan after 2008) or a
#: prime minister who is not the head of government who leads (Russia's) does not count.
LEADER_OFFICES = {
    "ARM": "the President of Armenia until April 2018; from May 2018 the Prime Minister, who "
    "leads the country under the 2015 constitution",
    "RUS": "the President of Russia (not the Prime Minister)",
}

#: Years in which the table records every call of a pair (the declared coverage window of
#: ``diplomacy.leader_calls``): none yet. The calls in the table are the ones confirmed from the
#: leaders' offices or the press, a lower bound, so no year is stated as a count.
CALL_COVERAGE: dict[frozenset, tuple[int, int]] = {}

#: Web hosts a source URL may point to: the publishers the table cites (a leader's office, news
#: agencies, newspapers) and the archives that reprint their reports verbatim. A row whose URL
#: is elsewhere is rejected, so that a new source is a decision, not an accident.
SOURCE_DOMAINS = {
    "kremlin.ru": "President of Russia",
    "president.am": "President of the Republic of Armenia",
    "primeminister.am": "Office of the Prime Minister of Armenia",
    "rferl.org": "Radio Free Europe/Radio Liberty",
    "azatutyun.am": "Radio Free Europe/Radio Liberty, Armenian service",
    "azattyq.org": "Radio Free Europe/Radio Liberty, Kazakh service",
    "tass.com": "TASS",
    "tass.ru": "TASS",
    "armenpress.am": "Armenpress",
    "reuters.com": "Reuters",
    "apnews.com": "The Associated Press",
    "citynews.ca": "CityNews (The Associated Press wire)",
    "rt.com": "RT",
    "trud.ru": "Trud",
    "gazeta.ru": "Gazeta.ru",
    "lenta.ru": "Lenta.ru",
    "news.ru": "News.ru",
    "anews.com.tr": "A News (Anadolu Agency wire)",
    "commonspace.eu": "commonspace.eu",
    "oragir.news": "Oragir.news",
    "aravot.am": "Aravot",
    "zartonkmedia.com": "Zartonk",
    "alphanews.am": "Alpha News (Armenia)",
    "tsargrad.tv": "Tsargrad",
    "anca.org": "Armenian National Committee of America (Armenpress wire)",
    "asbarez.com": "Asbarez (reprints RFE/RL and Reuters)",
    "massispost.com": "Massis Post (reprints RFE/RL)",
    "armeniandiaspora.com": "armeniandiaspora.com (archive of wire reports)",
    # governments, international organisations and courts
    "mfa.am": "Ministry of Foreign Affairs of the Republic of Armenia",
    "mid.ru": "Ministry of Foreign Affairs of the Russian Federation",
    "mfa.gov.az": "Ministry of Foreign Affairs of the Republic of Azerbaijan",
    "mfa.gov.by": "Ministry of Foreign Affairs of the Republic of Belarus",
    "mfa.gov.ge": "Ministry of Foreign Affairs of Georgia",
    "diplomatie.gouv.fr": "Ministry for Europe and Foreign Affairs (France)",
    "treaties.un.org": "United Nations Treaty Collection",
    "icc-cpi.int": "International Criminal Court",
    "nato.int": "NATO",
    "natoinfo.am": "NATO Information Centre in Armenia",
    "eeas.europa.eu": "European External Action Service",
    "odkb.gov.ru": "Collective Security Treaty Organization",
    "cis-legislation.com": "CIS Legislation (SojuzPravoInform), texts of CIS treaties",
    "cvce.eu": "CVCE (University of Luxembourg), European integration documents",
    "denederlandsegrondwet.nl": "Parlement.com (Montesquieu Institute), reprints of EUobserver",
    "jamestown.org": "The Jamestown Foundation",
    "info-res.org": "Centre for Information Resilience",
    # news agencies and outlets
    "aa.com.tr": "Anadolu Agency",
    "belta.by": "BelTA (Belarusian Telegraph Agency)",
    "inform.kz": "Kazinform",
    "interfax.com": "Interfax",
    "sputnikglobe.com": "Sputnik",
    "ntv.ru": "NTV",
    "oananews.org": "OANA (reprints of member agencies such as TASS)",
    "chinadaily.com.cn": "China Daily",
    "shine.cn": "Shanghai Daily",
    "standardmedia.co.ke": "The Standard (Kenya)",
    "themoscowtimes.com": "The Moscow Times",
    "meduza.io": "Meduza",
    "novayagazeta.eu": "Novaya Gazeta Europe",
    "pravda.com.ua": "Ukrainska Pravda",
    "civilnet.am": "CivilNet",
    "armradio.am": "Public Radio of Armenia",
    "panarmenian.net": "PanARMENIAN.Net",
    "oc-media.org": "OC Media",
    "caucasuswatch.de": "Caucasus Watch",
    "globalnews.ge": "Global News (Georgia)",
    "georgianjournal.ge": "Georgian Journal",
    "horizonweekly.ca": "Horizon Weekly",
    "ragmamoul.net": "Ragmamoul",
}

_MONTH_OR_DAY = re.compile(r"^\d{4}-\d{2}(-\d{2})?$")


def _check_source_date(text: str) -> str | None:
    """Return the problem of a curated row's ``source_date``, or None: every row states when
    its source was published, as YYYY-MM-DD or YYYY-MM, or 'undated' for a page that shows no
    date (a live reference page)."""
    if text == "undated":
        return None
    if not text:
        return (
            "missing source_date; give YYYY-MM-DD, YYYY-MM, or 'undated' for a page without a date"
        )
    if _parse_date(text) is None:
        return f"bad source_date {quote(text)}; expected YYYY-MM-DD, YYYY-MM or 'undated'"
    return None


def url_host_allowed(url: str) -> bool:
    """Return True when ``url``'s host is one of :data:`SOURCE_DOMAINS` or a subdomain of one.

    Examples
    --------
    >>> url_host_allowed("http://en.kremlin.ru/events/president/news/1"), url_host_allowed("https://example.org/")
    (True, False)
    """
    host = (urlsplit(url).hostname or "").lower()
    return any(host == d or host.endswith("." + d) for d in SOURCE_DOMAINS)


def _check_contact_row(row: dict[str, str]) -> str | None:
    """Return the first problem of one leader-contact row, or None when it is valid."""
    if _parse_date(row["date"]) is None:
        return f"bad date {quote(row['date'])}; expected YYYY-MM-DD (or YYYY-MM if no day is known)"
    for col in ("country_a", "country_b"):
        if not _ISO3.match(row[col]):
            return f"bad {col} {quote(row[col])}; expected an ISO3 code such as ARM"
    if row["country_a"] == row["country_b"]:
        return f"country_a and country_b are both {row['country_a']}; expected two countries"
    if row["kind"] not in CONTACT_KINDS:
        return f"unknown kind {quote(row['kind'])}; expected one of {', '.join(CONTACT_KINDS)}"
    if row["kind"] == "meeting" and row["format"] not in MEETING_FORMATS:
        return (
            f"unknown format {quote(row['format'])}; expected one of {', '.join(MEETING_FORMATS)}"
        )
    if row["kind"] == "call" and row["format"]:
        return f"format {quote(row['format'])} on a call; leave it empty"
    for col in ("leader_a", "leader_b", "title"):
        if not row[col]:
            return f"empty {col}; every contact names both leaders and has a title"
    for col in ("source_publisher", "source_title", "source_url"):
        if not row[col]:
            return f"missing source: empty {col}; every row needs a source (publisher, title, URL)"
    problem = _check_source_date(row["source_date"])
    if problem:
        return problem
    for col in ("source_url", "second_source_url"):
        url = row[col]
        if not url:
            continue
        if safe_href(url, fragment=False) is None:
            return f"bad {col} {quote(url)}; expected an http(s) URL"
        if not url_host_allowed(url):
            return (
                f"{col} {quote(url)} is not at a listed publisher; add the publisher's domain to "
                f"SOURCE_DOMAINS in analysis/curated.py if it is one"
            )
    return None


def read_leader_contacts(path: Path) -> pd.DataFrame:
    """Read and validate a leader-contacts CSV.

    Columns are :data:`LEADER_CONTACT_COLUMNS`: ``date`` (``YYYY-MM-DD``, or ``YYYY-MM`` where
    the sources agree on the month only; placed on the 15th like the timeline), the pair (ISO3;
    a is the first country, b the second, either order matches), ``kind`` (meeting or call),
    ``format`` (:data:`MEETING_FORMATS`; empty for a call), ``place``, the two leaders, a title,
    the source (publisher, title as published or a description in [square brackets], date,
    URL at a host in :data:`SOURCE_DOMAINS`) and ``second_source_url`` (an independent check,
    empty where none was found).

    Returns
    -------
    DataFrame
        The columns above with ``date`` as a Timestamp, plus ``date_text``, ``date_precision``
        and ``year``; sorted by date and kind.

    Raises
    ------
    BadInput
        Naming the file and line of the first bad row (no source, bad date or URL, a
        duplicate) and what is expected.
    """
    rows = _read_rows(path, LEADER_CONTACT_COLUMNS, _check_contact_row, exact=True)
    df = pd.DataFrame(rows)
    pair = df.apply(lambda r: "-".join(sorted((r["country_a"], r["country_b"]))), axis=1)
    dup = pd.DataFrame({"d": df["date"], "p": pair, "k": df["kind"]}).duplicated()
    if dup.any():
        line = int(df.loc[dup, "line"].iloc[0])
        raise BadInput(f"{path}, line {line}: duplicate contact (same date, pair and kind)")
    parsed = [_parse_date(d) for d in df["date"]]
    out = df[LEADER_CONTACT_COLUMNS].copy()
    out["date_text"] = df["date"]
    out["date"] = pd.to_datetime([p[0] for p in parsed])
    out["date_precision"] = [p[1] for p in parsed]
    out["year"] = out["date"].dt.year.astype("int64")
    return out.sort_values(["date", "kind"], ignore_index=True)


def load_leader_contacts(curated_dir: Path | None = None) -> pd.DataFrame:
    """Load ``leader_contacts.csv`` from ``curated_dir`` (default: as :func:`load_timeline`)."""
    return _cached(read_leader_contacts, _curated_path(curated_dir, LEADER_CONTACTS_FILE))
