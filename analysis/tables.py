"""Tables for the terminal and the reports: panel output, catalog, key-figure tables."""

from __future__ import annotations

import html
import re

import pandas as pd
import yaml

from analysis import config
from analysis.errors import BadInput
from analysis.indicators import INDICATORS


def format_panel(panel: pd.DataFrame, fmt: str) -> str:
    """Render the panel as ``csv``, ``json`` (records) or an aligned ``table``."""
    if fmt == "csv":
        return panel.to_csv(index=False, lineterminator="\n")
    if fmt == "json":
        return panel.to_json(orient="records", indent=1) + "\n"
    shown = panel.assign(
        **{
            col: [format_value(v, u) for v, u in zip(panel[col], panel["unit"])]
            for col in ("value", "lo", "hi")
            if col in panel
        }
    )
    interval = [c for c in ("lo", "hi") if c in panel.columns]
    if interval and panel[interval].isna().all().all():
        shown = shown.drop(columns=interval)  # no interval in this selection
    return shown.to_string(index=False) + "\n"


def format_value(value: float, unit: str) -> str:
    """Format a value for reading, with precision chosen by its unit."""
    if pd.isna(value):
        return "–"
    if unit in ("rank", "count", "0/1", "0-2"):
        return f"{value:,.0f}"
    if unit == "ratio":
        return f"{value:.3g}"
    if unit in ("0-1", "—", "-"):
        return f"{value:.3f}"
    if unit.startswith("index"):
        return f"{value:,.0f}"
    if abs(value) >= 100:
        return f"{value:,.0f}"
    if value == 0:
        return "0"
    return f"{value:,.1f}" if abs(value) >= 1 else f"{value:,.2f}"


def read_catalog() -> dict:
    """Read ``data/catalog.yml``."""
    if not config.CATALOG_PATH.is_file():
        raise BadInput(f"catalog missing: {config.CATALOG_PATH}; run 'bilateral data build'")
    return yaml.safe_load(config.CATALOG_PATH.read_text(encoding="utf-8"))


def format_catalog(catalog: dict) -> str:
    """Render the catalog for the terminal: one block per source."""
    lines = []
    for sid, s in catalog["sources"].items():
        lines += [
            f"{sid}: {s['title']}",
            f"  publisher: {s['publisher']}",
            f"  citation:  {s['citation']}",
            f"  license:   {s['license']}",
            f"  url:       {s['url']}",
            f"  coverage:  {s['coverage']}",
        ]
        for f in s["raw_files"]:
            lines.append(f"  file:      {f['path']}  sha256 {f['sha256']}")
        lines.append("")
    for c in catalog.get("curated", {}).values():
        lines += [
            f"curated: {c['path']} ({c['rows']} rows, a cited source on every row)",
            f"  sha256:    {c['sha256']}",
            f"  sources:   {'; '.join(c['publishers'])}",
            "",
        ]
    return "\n".join(lines)


def sparkline_svg(values: list[float], width: int = 80, height: int = 18) -> str:
    """Return a tiny inline SVG line of ``values`` (for tables; no axes)."""
    vals = [float(v) for v in values if pd.notna(v)]
    if len(vals) < 2:
        return ""
    lo, hi = min(vals), max(vals)
    span = (hi - lo) or 1.0
    step = (width - 2) / (len(vals) - 1)
    pts = " ".join(
        f"{1 + i * step:.1f},{height - 2 - (v - lo) / span * (height - 4):.1f}"
        for i, v in enumerate(vals)
    )
    return (
        f'<svg class="spark" width="{width}" height="{height}" '
        f'role="img" aria-label="trend"><polyline fill="none" stroke="currentColor" '
        f'stroke-width="1.4" points="{pts}"/></svg>'
    )


def compute_key_figures(panel: pd.DataFrame, indicators: list[str] | None = None) -> pd.DataFrame:
    """Return per indicator: latest year and value, change over 1 and 5 years, source.

    Changes are differences in the indicator's unit (percentage points for shares).
    """
    rows = []
    ids = indicators or [i for i in INDICATORS if i in set(panel["indicator"])]
    for ind in ids:
        s = panel[panel["indicator"] == ind].sort_values("year")
        if s.empty:
            continue
        last = s.iloc[-1]
        by_year = s.set_index("year")["value"]
        y = int(last["year"])
        rows.append(
            {
                "indicator": ind,
                "title": INDICATORS[ind].title,
                "unit": last["unit"],
                "year": y,
                "value": last["value"],
                "change_1y": last["value"] - by_year[y - 1] if y - 1 in by_year else float("nan"),
                "change_5y": last["value"] - by_year[y - 5] if y - 5 in by_year else float("nan"),
                "trend": s["value"].tolist(),
                "source": last["source"],
            }
        )
    return pd.DataFrame(rows)


def _signed(value: float, unit: str) -> str:
    if pd.isna(value):
        return "–"
    text = format_value(abs(value), unit)
    return ("+" if value > 0 else "−" if value < 0 else "±") + text


def name_pair(text: str, country_a: str, country_b: str) -> str:
    """Replace the placeholders ``a`` and ``b`` of an indicator title with country names.

    Examples
    --------
    >>> name_pair("Trade with b as % of a's GDP", "Armenia", "Russia")
    "Trade with Russia as % of Armenia's GDP"
    """
    return re.sub(r"\b([ab])\b", lambda m: country_a if m.group(1) == "a" else country_b, text)


def render_key_figures_html(key: pd.DataFrame, country_a: str, country_b: str) -> str:
    """Render key figures as an HTML table (all text escaped) with a sparkline per row."""
    head = (
        "<thead><tr><th>Indicator</th><th>Unit</th><th>Year</th><th>Latest</th>"
        "<th>1-year change</th><th>5-year change</th><th>Trend</th><th>Source</th></tr></thead>"
    )
    body = []
    for r in key.itertuples():
        title = name_pair(r.title, country_a, country_b)
        body.append(
            "<tr>"
            f"<td>{html.escape(title)}<br><code>{html.escape(r.indicator)}</code></td>"
            f"<td>{html.escape(r.unit)}</td><td class='num'>{r.year}</td>"
            f"<td class='num'>{html.escape(format_value(r.value, r.unit))}</td>"
            f"<td class='num'>{html.escape(_signed(r.change_1y, r.unit))}</td>"
            f"<td class='num'>{html.escape(_signed(r.change_5y, r.unit))}</td>"
            f"<td>{sparkline_svg(r.trend)}</td><td>{html.escape(r.source)}</td>"
            "</tr>"
        )
    return f'<table class="key-figures">{head}<tbody>{"".join(body)}</tbody></table>'


def render_caveats_html(catalog: dict, source_ids: list[str]) -> str:
    """Render the caveats of the given sources (from the catalog) as an escaped list."""
    items = []
    for sid in source_ids:
        src = catalog["sources"].get(sid, {})
        for caveat in src.get("caveats", []):
            items.append(
                f"<li>{html.escape(caveat)} <em>({html.escape(src['publisher'])})</em></li>"
            )
    return f'<ul class="caveats">{"".join(items)}</ul>'


def render_table_html(df: pd.DataFrame, numeric: list[str] | None = None) -> str:
    """Render a small frame as an escaped HTML table, right-aligning ``numeric`` columns."""
    numeric = set(numeric or [])
    head = "".join(f"<th>{html.escape(str(c))}</th>" for c in df.columns)
    rows = []
    for rec in df.itertuples(index=False):
        cells = "".join(
            f"<td class='num'>{html.escape(str(v))}</td>"
            if c in numeric
            else f"<td>{html.escape(str(v))}</td>"
            for c, v in zip(df.columns, rec)
        )
        rows.append(f"<tr>{cells}</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def _link(url: str, text: str) -> str:
    """Return an escaped ``<a>`` to an http(s) URL, or the escaped text alone for anything else."""
    from urllib.parse import urlsplit

    if url and urlsplit(url).scheme in ("http", "https"):
        return f'<a href="{html.escape(url, quote=True)}">{html.escape(text)}</a>'
    return html.escape(text)


def render_timeline_html(events: pd.DataFrame) -> str:
    """Render timeline events as an HTML table: date, category, tone, event, source (escaped).

    Titles, descriptions and sources are plain text and are escaped, so markup in a row (say a
    ``<script>`` in a description) shows as text; the source title links to its URL when the URL
    is http(s).
    """
    from analysis.curated import TONES

    head = (
        "<thead><tr><th>Date</th><th>Category</th><th>Tone</th><th>Event</th>"
        "<th>Source</th></tr></thead>"
    )
    body = []
    for r in events.itertuples():
        tone = f"{r.tone:+d} {TONES[r.tone]}" if r.tone else f"0 {TONES[0]}"
        when = r.source_date or "n.d."
        source = f"{html.escape(r.source_publisher)}, {_link(r.source_url, r.source_title)} ({html.escape(when)})"
        body.append(
            "<tr>"
            f"<td class='date'>{html.escape(r.date_text)}</td><td>{html.escape(r.category)}</td>"
            f"<td>{html.escape(tone)}</td>"
            f"<td><strong>{html.escape(r.title)}</strong><br>{html.escape(r.description)}</td>"
            f"<td class='source'>{source}</td></tr>"
        )
    return f'<table class="timeline">{head}<tbody>{"".join(body)}</tbody></table>'


def render_key_votes_html(votes: pd.DataFrame, name_a: str, name_b: str) -> str:
    """Render a pair's key-votes table (resolution linked to its document at undocs.org)."""
    head = (
        f"<thead><tr><th>Date</th><th>Resolution</th><th>Title</th><th>{html.escape(name_a)}</th>"
        f"<th>{html.escape(name_b)}</th><th>Same vote</th></tr></thead>"
    )
    body = []
    for r in votes.itertuples():
        body.append(
            "<tr>"
            f"<td class='date'>{html.escape(str(r.date))}</td><td>{_link(r.url, r.resolution)}</td>"
            f"<td>{html.escape(r.title)}</td><td>{html.escape(r.vote_a)}</td>"
            f"<td>{html.escape(r.vote_b)}</td><td>{'yes' if r.same_vote else 'no'}</td></tr>"
        )
    return f'<table class="key-votes">{head}<tbody>{"".join(body)}</tbody></table>'


def render_toplines_html(toplines: pd.DataFrame) -> str:
    """Render poll toplines as an HTML table: survey, wave, exact question, answer, %, source.

    Each value keeps its own source: a link to the page that reported it (a link, not a load:
    the report stays offline) and the report's note.
    """
    head = (
        "<thead><tr><th>Survey</th><th>Wave (fieldwork)</th><th>Question (as reported)</th>"
        "<th>Answer</th><th>%</th><th>Reported by</th><th>Note</th></tr></thead>"
    )
    body = []
    for r in toplines.sort_values(["survey_series", "date", "question", "response"]).itertuples():
        host = re.sub(r"^www\.", "", re.sub(r"^https?://([^/]+).*$", r"\1", str(r.source_url)))
        when = str(r.wave)
        if r.dated_by == "publication":
            when += " (dated by publication)"
        elif str(r.fieldwork_period) != str(r.wave):
            when += f" ({r.fieldwork_period})"
        note = "" if pd.isna(r.note) else str(r.note)
        body.append(
            "<tr>"
            f"<td>{html.escape(str(r.survey_series))}</td><td>{html.escape(when)}</td>"
            f"<td>{html.escape(str(r.question))}</td><td>{html.escape(str(r.response))}</td>"
            f"<td class='num'>{r.value_pct:.0f}</td>"
            f'<td><a href="{html.escape(str(r.source_url), quote=True)}">{html.escape(host)}</a>'
            f"{'' if pd.isna(r.source_date) else ' ' + html.escape(str(r.source_date))}</td>"
            f"<td>{html.escape(note)}</td>"
            "</tr>"
        )
    return f'<table class="toplines">{head}<tbody>{"".join(body)}</tbody></table>'


def issue_agreement_table(panel: pd.DataFrame, labels: dict[str, str]) -> pd.DataFrame:
    """Return agreement pooled over the panel's years, for all roll calls and by issue.

    Pooled agreement = identical votes / joint votes summed over the years (not a mean of yearly
    percentages). Columns: ``Votes``, ``Years``, ``Joint votes``, ``Agreement (%)``.
    """
    from analysis.indicators.alignment import ALL, ISSUE_TITLES, pool_agreement

    pooled = pool_agreement(panel, (ALL, *labels))
    if pooled.empty:
        return pd.DataFrame(columns=["Votes", "Years", "Joint votes", "Agreement (%)"])
    names = {ALL: "All roll calls", **{k: ISSUE_TITLES.get(k, v) for k, v in labels.items()}}
    return pd.DataFrame(
        {
            "Votes": pooled["issue"].map(names),
            "Years": [f"{lo}-{hi}" for lo, hi in zip(pooled["first_year"], pooled["last_year"])],
            "Joint votes": pooled["joint_votes"],
            "Agreement (%)": pooled["agreement"].round(1),
        }
    )
