"""Tables of the closeness index section (notebooks/index.ipynb): ranks, changes, peers, breaks,
inputs. Each function formats frames computed by :mod:`analysis.index` and :mod:`analysis.breaks`
and returns escaped HTML."""

from __future__ import annotations

import pandas as pd

from analysis.countries import resolve
from analysis.index import DIMENSION_TITLES
from analysis.indicators import INDICATORS
from analysis.tables.figures import name_pair
from analysis.tables.render import note, render_table_html


def series_labels(name_a: str, name_b: str, key_series) -> dict[str, str]:
    """Return the titles of the index's dimensions (``index.<dimension>``) and of the key series
    tested for breaks, with the countries named."""
    return {
        **{f"index.{d}": t for d, t in DIMENSION_TITLES.items()},
        **{
            i: name_pair(INDICATORS[i].title, name_a, name_b) for i in key_series if i in INDICATORS
        },
    }


def render_index_ranks_html(ranks: pd.DataFrame, weights: dict[str, float]) -> str:
    """The pair's latest score, coverage, weight and rank among its peers, per dimension."""
    latest = ranks[ranks["focal"]].copy()
    weight_total = sum(weights.values())
    return render_table_html(
        latest.assign(
            dimension=latest["dimension"].map(DIMENSION_TITLES),
            score=latest["score"].map("{:.0f}".format),
            coverage=latest["coverage"].map("{:.0%}".format),
            weight=[
                f"{weights[d] / weight_total:.0%}" if d in weights else ""
                for d in latest["dimension"]
            ],
            rank=[f"{r} of {n}" for r, n in zip(latest["rank"], latest["n"])],
        )[["dimension", "year", "score", "coverage", "weight", "rank"]],
        numeric=["year", "score", "coverage", "weight"],
    )


def robustness_html(yearly: pd.DataFrame, n_weightings: int) -> str:
    """How many year-to-year changes of the index keep their sign under the random weightings
    ("" without changes)."""
    if not len(yearly):
        return ""
    n_all = int(yearly["survives_all"].sum())
    n_95 = int(yearly["survives_95"].sum())
    return (
        f"<p>Of {len(yearly)} year-to-year changes of the index, {n_all} keep their sign "
        f"under all {n_weightings:,} random weightings and {n_95} under at least 95%.</p>"
    )


def render_index_changes_html(changes: pd.DataFrame) -> str:
    """The index's change over each period and whether it survives the weightings and leaving out
    each indicator ("" without periods)."""
    shown = changes.assign(
        period=[f"{f}-{t}" for f, t in zip(changes["from_year"], changes["to_year"])],
        change=changes["change"].map("{:+.1f}".format),
        same_sign=changes["share_same_sign"].map("{:.0%}".format),
        leave_one_out=changes["loo_same_sign"].map({True: "holds", False: "not always"}),
        like_for_like=changes["change_common"].map("{:+.1f}".format),
    )
    if not len(shown):
        return ""
    return render_table_html(
        shown[["period", "change", "same_sign", "leave_one_out", "like_for_like"]],
        numeric=["change", "same_sign", "like_for_like"],
    )


def render_peer_index_html(ranks: pd.DataFrame) -> str:
    """The index of the pair and of each peer pair, ranked (a note when the index has no value)."""
    peer_index = ranks[ranks["dimension"] == "index"]
    if peer_index.empty:
        return note("The index has no value for this pair.")
    return render_table_html(
        peer_index.assign(
            pair=[
                f"{resolve(x).name}–{resolve(y).name}"
                for x, y in zip(peer_index["country_a"], peer_index["country_b"])
            ],
            score=peer_index["score"].map("{:.0f}".format),
            coverage=peer_index["coverage"].map("{:.0%}".format),
        )[["rank", "pair", "year", "score", "coverage"]],
        numeric=["rank", "year", "score", "coverage"],
    )


def render_breaks_html(found: pd.DataFrame, labels: dict[str, str]) -> str:
    """The breaks detected, with their interval, p-value, caveats and nearest events (a note when
    there is none)."""
    if found.empty:
        return note("No break detected at the 5% level.")
    notes = [
        "; ".join(
            n for n, flag in [("source changes", s), ("indicators enter or leave", i)] if flag
        )
        for s, i in zip(found["source_change"], found["inputs_change"])
    ]
    return render_table_html(
        found.assign(
            series=found["series"].map(lambda s: labels.get(s, s)),
            interval=[f"{lo}-{hi}" for lo, hi in zip(found["lo_period"], found["hi_period"])],
            p_value=found["p_value"].map("{:.3f}".format),
            caveat=notes,
            events=found["events"].replace("", "–"),
        )[["series", "period", "interval", "p_value", "caveat", "events"]],
        numeric=["period", "p_value"],
    )


def render_index_inputs_html(
    inputs: pd.DataFrame, panel: pd.DataFrame, name_a: str, name_b: str
) -> tuple[str, int]:
    """The index's inputs that have data for the pair, with the years it has them; and the number
    of inputs without data (left out of the table)."""
    years = panel.groupby("indicator")["year"].agg(lambda y: f"{y.min()}-{y.max()}")
    missing = int((~inputs["indicator"].isin(years.index)).sum())
    inputs = inputs[inputs["indicator"].isin(years.index)]  # inputs without data for the pair: out
    table = render_table_html(
        inputs.assign(
            dimension=inputs["dimension"].map(DIMENSION_TITLES),
            title=[name_pair(INDICATORS[i].title, name_a, name_b) for i in inputs["indicator"]],
            why=[name_pair(w, name_a, name_b) for w in inputs["why"]],
            years=inputs["indicator"].map(years),
        )[["dimension", "indicator", "title", "direction", "why", "years"]]
    )
    return table, missing
