"""Command line: ``bilateral`` (also ``python -m analysis``).

Exit codes: 0 success, 2 bad input (one line on stderr), 1 failure while running.

Each command imports what it runs inside its function, the one place in the package that does:
the modules behind the commands (pandas, pyarrow, papermill) take 0.52-0.59 s to import against
0.05-0.06 s for this module (measured 2026-12-03 with ``python -c "import time; ..."``), and
``bilateral --help`` or a mistyped argument should not pay for them.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import click

from analysis import config
from analysis.errors import BadInput, RunFailure, Stopped, one_line, quote

FORMATS = ("csv", "json", "table")


class YearType(click.ParamType):
    """A year option: digits only (at most six), so a 5,000-digit value is refused in one line."""

    name = "year"

    def convert(self, value, param, ctx):
        if isinstance(value, int):
            return value
        text = str(value).strip()
        if not re.fullmatch(r"-?[0-9]{1,6}", text):
            self.fail(
                f"{quote(value, limit=20)} is not a year; give a year such as 2000", param, ctx
            )
        return int(text)


YEAR = YearType()


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="bilateral", prog_name="bilateral")
def cli() -> None:
    """Indicators, charts and reports on the relationship between two countries."""


@cli.command()
@click.argument("a")
@click.argument("b")
@click.option("--start", type=YEAR, help="First year to show.")
@click.option("--end", type=YEAR, help="Last year to show.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True)
def indicators(a: str, b: str, start: int | None, end: int | None, fmt: str) -> None:
    """Print the indicator panel of the pair A (focal country) and B (partner)."""
    from analysis.panel import get_panel
    from analysis.tables import format_panel

    click.echo(format_panel(get_panel(a, b, start, end), fmt), nl=False)


@cli.command()
def sources() -> None:
    """Print the catalog: each source with publisher, citation, license, coverage, checksum."""
    from analysis.tables import format_catalog, read_catalog

    click.echo(format_catalog(read_catalog()), nl=False)


@cli.command()
@click.argument("a", default=config.DEFAULT_A)
@click.argument("b", default=config.DEFAULT_B)
@click.option(
    "--start",
    type=YEAR,
    help=f"First year (default: {config.DEFAULT_START}, or the first year of the pair's data "
    "when later).",
)
@click.option("--end", type=YEAR, help="Last year (default: the latest year the data reach).")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), help="Output folder.")
@click.option(
    "--param",
    "param",
    multiple=True,
    metavar="NAME=VALUE",
    help="Set a notebook parameter, e.g. --param weight_economy=2 (the index weights, "
    "n_weightings, normalisation, break_model); repeat for more. Checked against the "
    "notebooks' typed parameters before anything runs.",
)
@click.option(
    "--peers",
    metavar="A-B,...",
    help="The pairs the closeness index compares with, e.g. --peers IND-CHN,IND-USA "
    "(default: chosen from the data; the report states how).",
)
@click.option(
    "--brief",
    is_flag=True,
    help="The brief edition: key findings, a compact headline table, one chart per dimension "
    "and the closeness index (A-B_START-END_brief.html).",
)
@click.option(
    "--pdf", is_flag=True, help="Also print the report to an A4 PDF beside the HTML (Chromium)."
)
def report(
    a: str,
    b: str,
    start: int | None,
    end: int | None,
    out: Path | None,
    param: tuple[str, ...],
    peers: str | None,
    brief: bool,
    pdf: bool,
) -> None:
    """Run the notebook suite for A and B and write one offline HTML report.

    On a terminal, one line per notebook goes to stderr as it finishes; nothing when piped.
    """
    from analysis.parameters import parse_assignments
    from analysis.report import run_report

    default = start is None
    start = config.DEFAULT_START if default else start
    progress = _notebook_progress if sys.stderr.isatty() else None
    path = run_report(
        a,
        b,
        start,
        end,
        out or config.REPORTS_DIR,
        clamp_start=default,
        extra={
            **parse_assignments(param),
            **({"peers": peers} if peers is not None else {}),
            **({"edition": "brief"} if brief else {}),
        },
        pdf=pdf,
        progress=progress,
    )
    click.echo(str(path))
    if pdf:
        click.echo(str(path.with_suffix(".pdf")))


def _notebook_progress(i: int, n: int, name: str, seconds: float) -> None:
    """Print one line per finished notebook on stderr (a terminal only: see ``report``)."""
    click.echo(f"report: [{i}/{n}] {name} done in {seconds:.1f} s", err=True)


@cli.command()
@click.argument("a")
@click.argument("b")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--format", "fmt", type=click.Choice(["gdelt1", "gdelt2", "icews"]), required=True,
    help="Event file format: GDELT 1.0 or 2.0 export files, or ICEWS .tab files.",
)  # fmt: skip
@click.option("--undirected", is_flag=True, help="One row per month for both directions.")
@click.option(
    "--max-mb",
    type=click.IntRange(min=1),
    default=config.EVENT_FILE_MAX_MB,
    show_default=True,
    help="Largest size of one event file once decompressed, in MiB (guards against zip bombs).",
)
def events(
    a: str, b: str, files: tuple[Path, ...], fmt: str, undirected: bool, max_mb: int
) -> None:
    """Aggregate the events between A and B in event FILES by month; print CSV.

    Counts by CAMEO quad class, summed and mean Goldstein score, and events per 1,000 events
    of the same month in the files. Example:
    bilateral events ARM RUS 20230901.export.CSV.zip --format gdelt1
    """
    from analysis.fileio import neutralise_formulas
    from analysis.indicators.events import aggregate_pair_monthly
    from analysis.load_events import load_events, unmatched_labels
    from analysis.panel import check_pair

    a, b = check_pair(a, b)
    frame = load_events(files, fmt, max_mb)
    monthly = aggregate_pair_monthly(frame, a, b, directed=not undirected)
    csv_text = neutralise_formulas(monthly).to_csv(index=False, lineterminator="\n")
    click.echo(csv_text, nl=False)
    if monthly.empty:
        unmatched = unmatched_labels(frame)
        extra = f"; labels not mapped to a country: {', '.join(unmatched[:5])}" if unmatched else ""
        click.echo(
            f"note: no events between {a} and {b} among {len(frame)} events{extra}", err=True
        )


@cli.command()
@click.argument("config_file", metavar="CONFIG.yml", type=click.Path(path_type=Path))
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    help="Worker processes (default: the config's workers, else one per CPU core).",
)
@click.option("--force", is_flag=True, help="Rebuild every report, even those unchanged.")
@click.option(
    "--refresh",
    is_flag=True,
    help="First fetch the raw files (bilateral data fetch) and rebuild the data when any changed.",
)
@click.option(
    "--latest",
    is_flag=True,
    help="With --refresh: fetch each publisher's current version (bilateral data fetch --latest).",
)
@click.option(
    "--scheduler",
    metavar="tcp://HOST:PORT",
    help="Build the reports on this Dask cluster's workers (default: the config's scheduler, "
    "else a local process pool); needs pip install 'bilateral[cluster]'.",
)
def batch(
    config_file: Path,
    workers: int | None,
    force: bool,
    refresh: bool,
    latest: bool,
    scheduler: str | None,
) -> None:
    """Build the reports of a YAML config: pairs, periods, output folder.

    Everything is validated before any notebook runs; unchanged reports are skipped; a failure
    keeps the last good report and the others go on; index.html lists every report. Exit code 1
    when any report failed. With --refresh, the raw files are fetched first and the data rebuilt
    when any changed (with --latest, the publishers' current versions); then only the reports
    whose inputs changed are built.
    """
    from analysis.batch import run_batch

    if latest and not refresh:
        raise BadInput("--latest goes with --refresh (it says which raw files the refresh fetches)")
    result = run_batch(
        config_file,
        workers=workers,
        force=force,
        refresh="latest" if latest else refresh,
        scheduler=scheduler,
    )
    click.echo(str(result["index"]))


def _split(value: str | None) -> list[str] | None:
    items = [v.strip() for v in (value or "").split(",") if v.strip()]
    return items or None


@cli.command()
@click.option(
    "--countries",
    help="Comma-separated countries (ISO3, names or COW codes): the dyads among them; one "
    "country gives all its partners. Default: every country.",
)
@click.option("--start", type=YEAR, help="First year.")
@click.option("--end", type=YEAR, help="Last year.")
@click.option(
    "--indicators",
    "patterns",
    help="Comma-separated indicator ids or glob patterns (trade.*,alignment.unga_agreement).",
)
@click.option("--wide", is_flag=True, help="One row per dyad-year, one column per indicator.")
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="Output file: .parquet or .csv.",
)
def dyads(
    countries: str | None,
    start: int | None,
    end: int | None,
    patterns: str | None,
    wide: bool,
    out: Path,
) -> None:
    """Export the dyad-year data set of every dimension from the all-pairs store."""
    from analysis.countries import resolve
    from analysis.datastore import current
    from analysis.dyads import export_dyads, output_format
    from analysis.panel import check_span, check_years

    output_format(out)
    check_years(start, end)
    data = current()
    span = data.store.year_span() if data.has_store() else None
    if span is not None:
        check_span(*span, start, end, "the data in the store")
    codes = [resolve(c).iso3 for c in _split(countries) or []] or None
    result = export_dyads(data, out, codes, start, end, _split(patterns), wide)
    click.echo(f"{result['path']}: {result['rows']} rows, {result['columns']} columns")


@cli.group()
def data() -> None:
    """Fetch the raw files, show their state, rebuild the data."""


RAW_HELP = (
    "Raw-data directory (default: $BILATERAL_RAW_DIR, else data/raw if it exists, else the "
    "user's data directory)."
)


@data.command("fetch")
@click.argument("source_ids", nargs=-1, metavar="[SOURCE]...")
@click.option("--raw", type=click.Path(file_okay=False, path_type=Path), help=RAW_HELP)
@click.option(
    "--mirror", metavar="URL", help="Fetch every file from URL/<its path in the raw layout>."
)
@click.option(
    "--force", is_flag=True, help="Download again the files whose sha256 already matches."
)
@click.option(
    "--latest",
    is_flag=True,
    help="Take each publisher's current version instead of the catalog's pinned one, when it "
    "keeps the catalog's columns.",
)
def data_fetch(
    source_ids: tuple[str, ...], raw: Path | None, mirror: str | None, force: bool, latest: bool
) -> None:
    """Download the raw files of the catalog's sources (all, or SOURCE...) from their publishers.

    Each file is checked against its sha256 in data/catalog.yml and replaces the local copy only
    then; files already matching are not downloaded again. Files derived at staging (no
    publisher serves them) come from a mirror of the raw layout: --mirror URL. With --latest,
    each publisher's current version is downloaded and taken when its header keeps every column
    the catalog lists (a file that lost columns exits 2 naming them, the old copy kept); then
    'bilateral data build' uses it.
    """
    from analysis.fetch import fetch_raw, summary_line
    from analysis.tables import read_catalog

    raw = raw or config.raw_dir()
    result = fetch_raw(read_catalog(), raw, source_ids, mirror=mirror, force=force, latest=latest)
    click.echo(summary_line(result, raw))


@data.command("status")
@click.option("--raw", type=click.Path(file_okay=False, path_type=Path), help=RAW_HELP)
def data_status(raw: Path | None) -> None:
    """List each source: state of its local files (ok, newer, missing, changed), version,
    retrieval date and coverage."""
    from analysis.fetch import data_status as status
    from analysis.fetch import format_status
    from analysis.tables import read_catalog

    raw = raw or config.raw_dir()
    click.echo(format_status(status(read_catalog(), raw), raw), nl=False)


@data.command("build")
@click.option(
    "--raw",
    type=click.Path(path_type=Path),
    help=RAW_HELP,
)
@click.option("--out", type=click.Path(path_type=Path), default=config.DATA_DIR, show_default=True)
def data_build(raw: Path | None, out: Path) -> None:
    """Rebuild data/processed, data/catalog.yml and the all-pairs store from the raw sources.

    The store (every indicator for every pair of countries and year, Parquet) is written beside
    the old one and swapped in only when complete; it lets every command read any pair.
    """
    from analysis.build import build_data

    raw = raw or config.raw_dir()
    if not raw.is_dir():
        raise BadInput(
            f"raw-data directory not found: {raw}; run 'bilateral data fetch', pass --raw DIR "
            "or set BILATERAL_RAW_DIR"
        )

    def progress(name: str) -> None:
        click.echo(f"store: computing {name} for every pair", err=True)

    for path in build_data(raw, out, progress=progress):
        click.echo(str(path))


#: A value click quotes in its messages ('...'), when longer than a message should show (a
#: path of a usual length stays whole: the user needs to see which one).
CLICK_QUOTE_LIMIT = 120
_LONG_QUOTED = re.compile(rf"'([^'\n]{{{CLICK_QUOTE_LIMIT + 1},}})'")


def main(argv: list[str] | None = None) -> int:
    """Run the command line and return its exit code."""
    try:
        result = cli.main(args=argv, prog_name="bilateral", standalone_mode=False)
    except click.exceptions.Exit as exc:
        return exc.exit_code
    except click.UsageError as exc:
        # click quotes the value it refuses whole: cut any long quoted value (see errors.quote).
        msg = _LONG_QUOTED.sub(
            lambda m: quote(m.group(1), limit=CLICK_QUOTE_LIMIT), exc.format_message()
        )
        hint = (
            f" (see 'bilateral {exc.ctx.info_name} --help')" if exc.ctx and exc.ctx.parent else ""
        )
        print(one_line(f"bilateral: error: {msg}{hint}"), file=sys.stderr)
        return 2
    except BadInput as exc:
        print(one_line(f"bilateral: error: {exc}"), file=sys.stderr)
        return 2
    except RunFailure as exc:
        print(one_line(f"bilateral: failed: {exc}"), file=sys.stderr)
        return 1
    except Stopped as exc:
        print(f"bilateral: stopped: {exc}", file=sys.stderr)
        return exc.exit_code
    except OSError as exc:  # the disk, the file system: one line instead of a traceback
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"bilateral: failed: {where}{exc.strerror or exc}", file=sys.stderr)
        return 1
    except click.Abort:
        print("bilateral: aborted", file=sys.stderr)
        return 130
    return result if isinstance(result, int) else 0


if __name__ == "__main__":
    raise SystemExit(main())
