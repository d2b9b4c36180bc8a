"""Key findings, what a reader sees first: the findings, the main story and one chart per dimension."""

from __future__ import annotations

import html

import numpy as np
import pandas as pd

from analysis.index import dimension_of
from analysis.reliability import flag_rows
from analysis.summary.common import _TOWARDS, direction_of_change, format_change, format_quantity
from analysis.summary.panel import MATERIAL_SHARE, RECENT_YEARS, _transit_row, transit_note
from analysis.tables import (
    is_sub_indicator,
    name_pair,
    panel_indicator_ids,
)
from analysis.tables.figures import _indicator_blocks, _meta, _one_row_per_year

#: Short names of sources whose publisher line is long, for the findings (the full citation is
#: in the report's appendix).
FINDING_SOURCES = {
    "press_toplines": "poll toplines (CRRC, IRI) as reported by the press",
    "undl_2020_2024": "UN Digital Library votes",
    "undl_2025_thirdparty_scrape": "UN votes, third-party scrape",
    "unvotes": "UN votes (Voeten)",
    "curated": "the package's cited memberships table",
    "imf_dots": "IMF DOTS",
    "crrc_cb2024": "CRRC Caucasus Barometer 2024 microdata",
}

#: Findings shown at the top of a report, at most.
MAX_FINDINGS = 5

#: A finding compares the latest value with the value this many years before (or the earliest
#: value within the window, at least :data:`MIN_FINDING_SPAN` years before).
MIN_FINDING_SPAN = 2


def key_findings(
    panel: pd.DataFrame,
    name_a: str,
    name_b: str,
    idealpoints: pd.DataFrame | None = None,
    transit: pd.DataFrame | None = None,
    labels: dict[str, str] | None = None,
    years: int = RECENT_YEARS,
) -> pd.DataFrame:
    """Return the report's key findings: per dimension, the indicator that changed most over the
    last ``years`` years, each a number with its year, its change and its source.

    Only values that may carry a claim are used (:func:`analysis.reliability.flag_rows`); an
    indicator enters only with a direction (closer or distant), a latest value within ``years``
    of the panel's last year, and a material, visible change (:data:`MATERIAL_SHARE` of its
    range) against the value ``years`` before (or the earliest within the window, at least
    :data:`MIN_FINDING_SPAN` years before). The dimensions come largest change first, at most
    :data:`MAX_FINDINGS`. A trade rise that passed through the focal country (``transit``) says
    so instead of a direction.

    Returns
    -------
    DataFrame
        ``dimension, indicator, text, from_year, year, before, after, score, unit, source``;
        ``text`` is the finding as a sentence.
    """
    cols = ["dimension", "indicator", "text", "from_year", "year", "before", "after", "score",
            "unit", "source"]  # fmt: skip
    flags = flag_rows(panel, idealpoints) if len(panel) else pd.Series(dtype=object)
    solid = panel[flags == ""] if len(panel) else panel
    if solid.empty:
        return pd.DataFrame(columns=cols)
    last_year = int(solid["year"].max())
    labels = labels or {}
    best: dict[str, dict] = {}
    for ind, meta, index, values, unit, source in _series(solid):
        if len(index) < 2:
            continue
        y1 = int(max(index))
        earlier = [int(y) for y in index if y1 - years <= y <= y1 - MIN_FINDING_SPAN]
        if y1 <= last_year - years or not earlier:
            continue
        y0 = earlier[0]
        span = values.max() - values.min()
        before, after = values[index.index(y0)], values[index.index(y1)]
        visible = format_quantity(before, unit) != format_quantity(after, unit)
        score = abs(after - before) / span if span > 0 else 0.0
        if score < MATERIAL_SHARE or not visible:
            continue
        dim = str(meta.dimension)
        if dim in best and best[dim]["score"] >= score:
            continue
        best[dim] = {
            "dimension": dim,
            "indicator": ind,
            "from_year": y0,
            "year": y1,
            "before": before,
            "after": after,
            "score": score,
            "unit": unit,
            "direction": meta.direction,
            "source": source,
        }
    out = []
    for f in sorted(best.values(), key=lambda r: -r["score"])[:MAX_FINDINGS]:
        title = name_pair(_meta(f["indicator"]).title, name_a, name_b)
        change = f["after"] - f["before"]
        if f["unit"] == "0/1":  # a yes/no indicator: say which way it turned
            was, now = ("no", "yes") if change > 0 else ("yes", "no")
            text = f"{title}: {now} in {f['year']}, {was} in {f['from_year']}"
        else:
            text = (
                f"{title}: {format_quantity(f['after'], f['unit'])} in {f['year']}, "
                # a rank moves the other way: "up" to a larger number is a less important partner
                f"{'against' if f['unit'] == 'rank' else 'up' if change > 0 else 'down'}"
                f"{'' if f['unit'] == 'rank' else ' from'} {format_quantity(f['before'], f['unit'])}"
                f" in {f['from_year']} ({format_change(change, f['unit'], f['before'])})"
            )
        passing = _transit_row(transit, f["indicator"], f["year"])
        towards = direction_of_change(change, f["direction"])
        if passing is not None and change > 0:
            text += f"; {transit_note(passing, name_a, name_b)}"
        elif towards and f["unit"] != "rank":
            text += f", {_TOWARDS[towards]} by this measure"
        source = " + ".join(
            FINDING_SOURCES.get(p) or labels.get(p, p) for p in f["source"].split("+")
        )
        out.append({**{k: f[k] for k in cols if k in f}, "text": f"{text}. Source: {source}."})
    return pd.DataFrame(out, columns=cols)


def _series(solid: pd.DataFrame):
    """Yield ``(id, metadata, years, values, unit, source)`` of each indicator of the panel
    that has a direction (closer or distant), in headline order: its rows with a value, one per
    year (the last row of a year), by year; ``unit`` and ``source`` of the latest row."""
    ids = [i for i in panel_indicator_ids(solid) if _meta(i).direction in ("closer", "distant")]
    if _one_row_per_year(solid) and solid.index.is_unique:  # all indicators at once
        present, starts, ends, pos = _indicator_blocks(solid, ids)
        years = solid["year"].to_numpy()[pos].tolist()
        values = solid["value"].to_numpy(dtype="float64")[pos]
        units = solid["unit"].to_numpy(dtype=object)[pos]
        sources = solid["source"].to_numpy(dtype=object)[pos]
        for ind, lo, hi in zip(present, starts.tolist(), ends.tolist(), strict=True):
            last = hi - 1
            yield ind, _meta(ind), years[lo:hi], values[lo:hi], str(units[last]), str(sources[last])
        return
    for ind in ids:
        rows = solid[solid["indicator"] == ind].dropna(subset=["value"]).sort_values("year")
        rows = rows.drop_duplicates("year", keep="last").set_index("year")
        if rows.empty:
            continue
        yield (
            ind,
            _meta(ind),
            rows.index.tolist(),
            rows["value"].astype(float).to_numpy(),
            str(rows["unit"].iloc[-1]),
            str(rows["source"].iloc[-1]),
        )


def findings_html(findings: pd.DataFrame, name_a: str, name_b: str) -> str:
    """Render the key findings as an escaped list under a heading (an empty-state line without
    any)."""
    head = f"<h2>Key findings: {html.escape(name_a)} and {html.escape(name_b)}</h2>"
    if findings.empty:
        return head + (
            "<p>No indicator of the pair changed materially in the last "
            f"{RECENT_YEARS} years on values that may carry a claim.</p>"
        )
    items = "".join(f"<li>{html.escape(t)}</li>" for t in findings["text"])
    return f'{head}<ol class="findings">{items}</ol>'


def main_story(findings: pd.DataFrame) -> str | None:
    """Return the indicator of the chart that opens a report: of the findings that are
    quantities (not yes/no), the one with the largest relative change (the first finding where
    no ratio can be taken); None without findings.

    Examples
    --------
    >>> f = pd.DataFrame({"indicator": ["x", "y", "z"], "unit": ["0/1", "%", "USD million"],
    ...                   "before": [1.0, 87.0, 1484.0], "after": [0.0, 31.0, 9240.0]})
    >>> main_story(f)
    'z'
    """
    q = findings[findings["unit"] != "0/1"]
    if q.empty:
        return None
    before, after = q["before"].astype(float), q["after"].astype(float)
    ok = (before > 0) & (after > 0)
    if not ok.any():
        return str(q["indicator"].iloc[0])
    ratio = np.abs(np.log(after[ok] / before[ok]))
    return str(q.loc[ratio.idxmax(), "indicator"])


def chart_per_dimension(panel: pd.DataFrame, findings: pd.DataFrame) -> dict[str, str]:
    """Return the indicator to chart for each dimension of the panel (the brief edition).

    Dimensions are those of the closeness index (:func:`analysis.index.dimension_of`). The
    dimension's largest key finding where it has one (:func:`key_findings`); otherwise its first
    indicator, in registry order, that has a direction, at least two years of data and is a
    quantity (not yes/no) and not a sub-indicator (an issue split or a vote count).

    Examples
    --------
    >>> p = pd.DataFrame({"indicator": ["trade.total"] * 2 + ["alignment.unga_kappa_me"] * 2,
    ...                   "year": [2019, 2020] * 2, "value": [1.0, 2.0, 0.1, 0.2], "unit": "x"})
    >>> chart_per_dimension(p, pd.DataFrame(columns=["dimension", "indicator"]))
    {'economy': 'trade.total'}
    """
    found: dict[str, str] = {}
    for ind in findings["indicator"]:  # largest first: the first of a dimension wins
        found.setdefault(dimension_of(ind) or str(_meta(ind).dimension), ind)
    picks: dict[str, str] = {}
    for ind in panel_indicator_ids(panel):
        meta = _meta(ind)
        dim = dimension_of(ind) or str(meta.dimension)
        if dim in picks:
            continue
        if dim in found:
            picks[dim] = found[dim]
            continue
        rows = panel[(panel["indicator"] == ind) & panel["value"].notna()]
        if (
            meta.direction in ("closer", "distant")
            and rows["year"].nunique() >= 2
            and str(rows["unit"].iloc[0]) != "0/1"
            and not is_sub_indicator(ind)
        ):
            picks[dim] = ind
    return picks
