"""Escaped HTML for the reports: key-figure tables, definitions, caveats, timelines, toplines."""

from __future__ import annotations

import html
import re

import pandas as pd

from analysis.curated import TONES
from analysis.html import render_link
from analysis.indicators.registry import DIRECTION_TEXT, dimension_title
from analysis.tables.catalog import split_sources
from analysis.tables.figures import _meta, compute_key_figures, is_sub_indicator, name_pair
from analysis.tables.text import format_value


def sparkline_svg(
    values: list[float], years: list[int] | None = None, width: int = 80, height: int = 18
) -> str:
    """Return a tiny inline SVG line of ``values`` (for tables; no axes, scaled to min-max).

    With ``years``, points are placed by year, so a gap in the data shows as a longer segment;
    the last point is marked with a dot.

    Examples
    --------
    >>> sparkline_svg([1.0, 3.0, 2.0], [2000, 2001, 2003]).startswith('<svg class="spark"')
    True
    """
    pairs = [
        (float(x), float(v))
        for x, v in zip(years if years is not None else range(len(values)), values)
        if pd.notna(v)
    ]
    if len(pairs) < 2:
        return ""
    xs, vals = [x for x, _ in pairs], [v for _, v in pairs]
    lo, hi = min(vals), max(vals)
    span, xspan = (hi - lo) or 1.0, (xs[-1] - xs[0]) or 1.0
    pts = [
        (2 + (x - xs[0]) / xspan * (width - 4), height - 2 - (v - lo) / span * (height - 4))
        for x, v in pairs
    ]
    line = " ".join(f"{x:.1f},{y:.1f}" for x, y in pts)
    label = f"Trend {xs[0]:.0f}–{xs[-1]:.0f}" if years is not None else "Trend"
    return (
        f'<svg class="spark" width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
        f'role="img" aria-label="{label}"><title>{label}</title>'
        f'<polyline fill="none" stroke="currentColor" stroke-width="1.4" points="{line}"/>'
        f'<circle cx="{pts[-1][0]:.1f}" cy="{pts[-1][1]:.1f}" r="1.8" fill="currentColor"/></svg>'
    )


def _flag_mark(reason: str) -> str:
    """Return the mark shown beside a value that may not drive a claim (its kind, with the
    reason as a tooltip and in print), or "".

    Examples
    --------
    >>> _flag_mark("provisional: 2025 scrape")
    ' <span class="flag" title="provisional: 2025 scrape">provisional</span>'
    """
    if not reason:
        return ""
    kind = reason.split(":", 1)[0]
    return f' <span class="flag" title="{html.escape(reason)}">{html.escape(kind)}</span>'


def _signed(value: float, unit: str) -> str:
    if pd.isna(value):
        return "–"
    text = format_value(abs(value), unit)
    return ("+" if value > 0 else "−" if value < 0 else "±") + text


def source_anchor(source_id: str) -> str:
    """Return the id of a source's entry in the report's appendix (see analysis.html)."""
    return "source-" + (re.sub(r"[^A-Za-z0-9_.-]+", "-", str(source_id)).strip("-") or "x")


def definition_anchor(indicator: str) -> str:
    """Return the id of an indicator's definition in the methodology section."""
    return "def-" + re.sub(r"[^A-Za-z0-9_-]+", "-", indicator)


def _source_link(source: str, labels: dict[str, str] | None) -> str:
    """Return escaped links to the appendix entries of the source ids in ``source``.

    With ``labels`` (one per catalog source), an id outside the catalog is plain text.
    """
    links = []
    for sid in split_sources(source):
        if labels is not None and sid not in labels:  # not in the catalog: no appendix entry
            links.append(html.escape(sid))
        else:
            label = html.escape((labels or {}).get(sid, sid))
            links.append(f'<a href="#{html.escape(source_anchor(sid))}">{label}</a>')
    return " + ".join(links)


def _minus(text: str) -> str:
    """Return a formatted number with a typographic minus sign."""
    return "−" + text[1:] if text.startswith("-") else text


#: Columns of the headline table: header text and the label a cell shows on a narrow screen.
KEY_FIGURE_COLUMNS = ("Indicator", "Latest", "Year", "1-year change", "5-year change", "Trend",
                      "Source")  # fmt: skip


def render_key_figures_html(
    key: pd.DataFrame,
    country_a: str,
    country_b: str,
    labels: dict[str, str] | None = None,
    link_definitions: bool = True,
) -> str:
    """Render key figures as an HTML table grouped by dimension, with a sparkline per row.

    All text is escaped. Each indicator links to its definition (:func:`definition_anchor`) and
    each source to its entry in the report's appendix; ``labels`` gives short source names (see
    :func:`source_labels`). Cells carry ``data-label`` so that a narrow screen can show each row
    as a block (see report.css).
    """
    numeric = {"Latest", "Year", "1-year change", "5-year change"}
    head = "".join(
        f'<th scope="col" class="num">{c}</th>' if c in numeric else f'<th scope="col">{c}</th>'
        for c in KEY_FIGURE_COLUMNS
    )
    groups = []
    ncol = len(KEY_FIGURE_COLUMNS)
    for dim, rows in key.groupby("dimension", sort=False):
        body = [
            f'<tr class="dimension"><th colspan="{ncol}" scope="colgroup">'
            f"{html.escape(dimension_title(str(dim)))}</th></tr>"
        ]
        for r in rows.itertuples():
            title = name_pair(r.title, country_a, country_b)
            body.append(
                "<tr>"
                f'<td class="ind" data-label="Indicator">{html.escape(title)} '
                f'<span class="unit">({html.escape(r.unit)})</span><br>'
                + (
                    f'<a class="id" href="#{html.escape(definition_anchor(r.indicator))}">'
                    f"<code>{html.escape(r.indicator)}</code></a></td>"
                    if link_definitions
                    else f'<code class="id">{html.escape(r.indicator)}</code></td>'
                )
                + f'<td class="num" data-label="Latest">{html.escape(_minus(format_value(r.value, r.unit)))}'
                f"{_flag_mark(getattr(r, 'flag', ''))}</td>"
                f'<td class="num" data-label="Year">{r.year}</td>'
                f'<td class="num" data-label="1-year change">{html.escape(_signed(r.change_1y, r.unit))}</td>'
                f'<td class="num" data-label="5-year change">{html.escape(_signed(r.change_5y, r.unit))}</td>'
                f'<td class="trend" data-label="Trend">{sparkline_svg(r.trend, r.trend_years)}</td>'
                f'<td class="src" data-label="Source">{_source_link(r.source, labels)}</td>'
                "</tr>"
            )
        groups.append(f"<tbody>{''.join(body)}</tbody>")
    return f'<table class="key-figures"><thead><tr>{head}</tr></thead>{"".join(groups)}</table>'


def render_key_figures_compact(
    key: pd.DataFrame,
    country_a: str,
    country_b: str,
    labels: dict[str, str] | None = None,
    main: set[str] | None = None,
) -> str:
    """Render the headline table of the brief edition: the ``main`` indicators (default: all
    but sub-indicators) grouped by dimension, the others folded in a ``<details>`` below (no
    script), ids unlinked."""
    keep = (
        key["indicator"]
        .map(lambda i: (i in main if main is not None else True) and not is_sub_indicator(i))
        .astype(bool)
    )
    table = render_key_figures_html(key[keep], country_a, country_b, labels, False)
    if keep.all():
        return table
    folded = render_key_figures_html(key[~keep], country_a, country_b, labels, False)
    return (
        f'{table}<details class="more-indicators"><summary>{int((~keep).sum())} more '
        f"indicators (levels, counts, votes by UN issue)</summary>{folded}</details>"
    )


def render_definitions_html(
    panel: pd.DataFrame, country_a: str, country_b: str, labels: dict[str, str] | None = None
) -> str:
    """Render the registry's metadata of every indicator in ``panel``, grouped by dimension.

    For each indicator: its title (with the pair's names), id, unit, what a higher value means,
    its definition and formula, the sources of the pair's values (linked to the appendix) and
    the years it covers in the panel. All text is escaped.
    """
    parts = [
        f"<p>In the definitions, <em>a</em> is {html.escape(country_a)} (the focal country) and "
        f"<em>b</em> is {html.escape(country_b)} (the partner).</p>"
    ]
    key = compute_key_figures(panel)
    for dim, rows in key.groupby("dimension", sort=False):
        items = []
        for r in rows.itertuples():
            meta = _meta(r.indicator)
            used = panel.loc[panel["indicator"] == r.indicator, "source"].astype(str)
            used = [sid for source in sorted(set(used)) for sid in split_sources(source)]
            # the sources of this pair's values (the registry's list names every source the
            # indicator can come from, some of them about other countries only)
            sources = ", ".join(
                _source_link(s, labels) for s in dict.fromkeys(used or meta.sources)
            )
            n = len(r.trend)
            items.append(
                f'<dt id="{html.escape(definition_anchor(r.indicator))}">'
                f"{html.escape(name_pair(meta.title, country_a, country_b))} "
                f"<code>{html.escape(r.indicator)}</code></dt>"
                f"<dd><p>{html.escape(meta.definition)}</p>"
                f'<p class="meta">Unit: {html.escape(r.unit)} · A higher value means: '
                f"{html.escape(DIRECTION_TEXT.get(meta.direction, meta.direction))} · "
                f"Sources: {sources} · In this report: {r.first_year}–{r.year} "
                f"({n} value{'s' if n != 1 else ''})</p></dd>"
            )
        parts.append(
            f'<h4 class="dimension">{html.escape(dimension_title(str(dim)))}</h4>'
            f'<dl class="definitions">{"".join(items)}</dl>'
        )
    return f'<div class="methodology">{"".join(parts)}</div>'


def render_caveats_html(
    catalog: dict, source_ids: list[str], labels: dict[str, str] | None = None
) -> str:
    """Render the caveats of the given sources (from the catalog) as an escaped list.

    One item per source that has caveats, titled by the source and linked to its appendix entry.
    """
    items = []
    for sid in source_ids:
        src = catalog["sources"].get(sid, {})
        caveats = src.get("caveats") or []
        if not caveats:
            continue
        inner = "".join(f"<li>{html.escape(str(c))}</li>" for c in caveats)
        title = html.escape(str(src.get("title") or sid))
        publisher = html.escape(str(src.get("publisher") or ""))
        items.append(
            f'<li><a href="#{html.escape(source_anchor(sid))}">{title}</a>'
            f"{f' <em>({publisher})</em>' if publisher else ''}<ul>{inner}</ul></li>"
        )
    if not items:
        return '<p class="caveats"><em>The catalog records no caveats for these sources.</em></p>'
    return f'<ul class="caveats">{"".join(items)}</ul>'


def render_chart_source_labels_html(
    catalog: dict, chart_labels: dict[str, str], source_ids: list[str]
) -> str:
    """Render the short source labels the charts use (``charts.SOURCE_LABELS``) with each
    source's full citation, for the sources in ``source_ids`` (an escaped table).

    Examples
    --------
    >>> cat = {"sources": {"undl": {"title": "Votes", "publisher": "UN", "citation": "UN (2025)."}}}
    >>> "<td>UN (2025).</td>" in render_chart_source_labels_html(cat, {"undl": "UNDL"}, ["undl"])
    True
    """
    rows = []
    for sid, label in chart_labels.items():
        src = catalog.get("sources", {}).get(sid)
        if src is None or sid not in source_ids:
            continue
        title = html.escape(str(src.get("title") or sid))
        rows.append(
            f"<tr><td>{html.escape(label)}</td>"
            f'<td><a href="#{html.escape(source_anchor(sid))}">{title}</a></td>'
            f"<td>{html.escape(str(src.get('citation') or ''))}</td></tr>"
        )
    if not rows:
        return note("No chart of this report marks a change of source.")
    return (
        '<table class="chart-sources"><thead><tr><th>label on the charts</th><th>source</th>'
        f"<th>citation</th></tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )


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


def render_timeline_html(events: pd.DataFrame) -> str:
    """Render timeline events as an HTML table: date, category, tone, event, source (escaped).

    Titles, descriptions and sources are plain text and are escaped, so markup in a row (say a
    ``<script>`` in a description) shows as text; the source title links to its URL when the URL
    is http(s).
    """

    head = (
        "<thead><tr><th>Date</th><th>Category</th><th>Tone</th><th>Event</th>"
        "<th>Source</th></tr></thead>"
    )
    body = []
    for r in events.itertuples():
        tone = f"{r.tone:+d} {TONES[r.tone]}" if r.tone else f"0 {TONES[0]}"
        when = r.source_date or "n.d."
        source = f"{html.escape(r.source_publisher)}, {render_link(r.source_url, r.source_title)} ({html.escape(when)})"
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
            f"<td class='date'>{html.escape(str(r.date))}</td><td>{render_link(r.url, r.resolution)}</td>"
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
            f"<td>{render_link(r.source_url, host)}"
            f"{'' if pd.isna(r.source_date) else ' ' + html.escape(str(r.source_date))}</td>"
            f"<td>{html.escape(note)}</td>"
            "</tr>"
        )
    return f'<table class="toplines">{head}<tbody>{"".join(body)}</tbody></table>'


def note(text: str) -> str:
    """Return a short note in place of a missing table or chart: escaped text, in italics.

    Examples
    --------
    >>> note("No break detected at the 5% level.")
    '<p><em>No break detected at the 5% level.</em></p>'
    >>> note("<b> & 'that'")
    "<p><em>&lt;b&gt; &amp; 'that'</em></p>"
    """
    return f"<p><em>{html.escape(text, quote=False)}</em></p>"
