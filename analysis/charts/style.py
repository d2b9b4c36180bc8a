"""House style shared by every chart: colours, fonts, axis labels and the figure factory."""

from __future__ import annotations

import matplotlib as mpl
import matplotlib.pyplot as plt
import pandas as pd

from analysis.indicators import INDICATORS

COLORS = {
    "exports": "#1f5f8b",
    "imports": "#c0504d",
    "balance": "#555555",
    "total": "#1f5f8b",
    "noncommercial": "#e39b2d",
    "accent": "#2a7f62",
    "muted": "#9a9a9a",
}

#: Colour of each indicator wherever it is drawn.
SERIES_COLORS = {
    "trade.exports_a_to_b": COLORS["exports"],
    "trade.imports_a_from_b": COLORS["imports"],
    "trade.dependence_gdp": COLORS["total"],
    "trade.salience": COLORS["total"],
    "trade.symmetry": COLORS["noncommercial"],
    "remittances.transfers_b_to_a": COLORS["total"],
    "remittances.transfers_b_to_a_noncommercial": COLORS["noncommercial"],
    "remittances.transfers_a_to_b": COLORS["accent"],
    "remittances.transfers_gdp": COLORS["noncommercial"],
    "remittances.received_all_gdp": COLORS["muted"],
    "remittances.estimate_b_to_a_wb2017": COLORS["imports"],
    "migration.stock_a_in_b": COLORS["exports"],
    "migration.stock_b_in_a": COLORS["imports"],
    "opinion.partner_main_friend": COLORS["accent"],
    "opinion.relations_good": COLORS["exports"],
    "opinion.relations_bad": "#7f5a9e",
    "opinion.partner_main_threat": COLORS["imports"],
    "opinion.partner_economic_threat": COLORS["noncommercial"],
    "opinion.partner_political_partner": "#17becf",
    "opinion.partner_security_partner": "#8c6d31",
    "opinion.partner_main_enemy": "#555555",
    "alignment.unga_agreement": COLORS["accent"],
    "alignment.unga_kappa": COLORS["exports"],
    "alignment.unga_s_score": COLORS["noncommercial"],
    "alignment.idealpoint_a": COLORS["exports"],
    "alignment.idealpoint_b": COLORS["imports"],
    "alignment.idealpoint_distance": COLORS["balance"],
    "security.shared_igos": COLORS["total"],
    "security.igo_memberships_a": COLORS["muted"],
    "security.arms_supplier_share": COLORS["imports"],
    "security.arms_supplier_hhi": COLORS["balance"],
    "security.conflict_a": COLORS["exports"],
    "security.conflict_b": COLORS["imports"],
    "security.cinc_share_a": COLORS["accent"],
    "security.conflict_opposed": COLORS["balance"],
}

#: Colours of membership statuses in the membership timeline.
STATUS_COLORS = {
    "member": "#1f5f8b",
    "frozen": "#e39b2d",
    "suspended": "#e39b2d",
    "associate": "#7fa7c4",
    "observer": "#b7c4cf",
    "signatory": "#cfd8df",
    "ratified": "#9fb6c8",
}

#: How charts name a source where a series changes source (default: the source id): a short
#: label, explained with the source's full citation in the report's methodology
#: (:func:`analysis.tables.render_chart_source_labels_html`).
SOURCE_LABELS = {
    "imf_dots": "IMF DOTS",
    "armstat": "Armstat",
    "unvotes": "Voeten",
    "undl_2020_2024": "UNDL",
    "undl_2025_thirdparty_scrape": "3rd-party scrape",
}

#: Colour of each index dimension (and of the overall index) wherever it is drawn.
DIMENSION_COLORS = {
    "economy": "#1f5f8b",
    "security": "#c0504d",
    "alignment": "#7b5ea7",
    "society": "#e39b2d",
    "diplomacy": "#2a7f62",
    "index": "#222222",
}

#: Smallest text of any chart, in points (SVG user units). A report shows a chart no smaller than
#: 10 CSS px per 8 pt (``analysis.html.MIN_CHART_TEXT_PX``), so no text is below 10 px on a phone.
MIN_FONT_PT = 8.0
#: Size of the event numbers and of their key.
EVENT_FONT_PT = MIN_FONT_PT


STYLE = {
    "figure.figsize": (8.0, 3.6),
    "figure.dpi": 110,
    "savefig.bbox": "tight",
    "font.size": 9.5,
    "font.family": "DejaVu Sans",
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "axes.grid.axis": "y",
    "grid.color": "#e3e3e3",
    "grid.linewidth": 0.7,
    "axes.titlesize": 11,
    "axes.titleweight": "bold",
    "axes.titlelocation": "left",
    # A legend sits on a white, borderless box: event and source lines never run through it.
    "legend.frameon": True,
    "legend.framealpha": 0.9,
    "legend.facecolor": "white",
    "legend.edgecolor": "none",
    "legend.fancybox": False,
    "svg.fonttype": "none",
    # Text is drawn as written: a "$" in a curated title or a name is a dollar sign, not the
    # start of matplotlib mathtext (which would fail on an odd "$" or typeset "$x$" as math).
    "text.parse_math": False,
    "svg.hashsalt": "bilateral",
}


#: Units of the registry that are no axis label (an index without a unit).
NO_UNIT = frozenset({"", "—", "–", "-"})
#: Axis labels of the indicators without a unit, by id (issue variants ``<id>_<code>`` too).
AXIS_LABELS = {
    "alignment.unga_kappa": "Cohen's kappa (1 = same votes, 0 = as by chance)",
    "alignment.unga_s_score": "S score (-1 opposite to 1 same)",
    "alignment.idealpoint_distance": "distance between ideal points",
    "alignment.idealpoint_a": "ideal point",
    "alignment.idealpoint_b": "ideal point",
}


def axis_label(indicator: str, log: bool = False) -> str:
    """Return the y-axis label of an indicator: its unit, or what it measures when it has none.

    Examples
    --------
    >>> axis_label("alignment.unga_kappa_hr")
    "Cohen's kappa (1 = same votes, 0 = as by chance)"
    >>> axis_label("trade.total", log=True)
    'ln(USD million)'
    """
    label = next(
        (v for k, v in AXIS_LABELS.items() if indicator == k or indicator.startswith(k + "_")),
        None,
    )
    if label is None:
        meta = INDICATORS.get(indicator)
        unit = meta.unit.strip() if meta is not None else ""
        label = unit if unit not in NO_UNIT else "value"
    return f"ln({label})" if log else label


def _renderer(fig):
    """Return a renderer to measure text with (a figure made without pyplot gets Agg's)."""
    get = getattr(fig.canvas, "get_renderer", None)
    if get is None:
        from matplotlib.backends.backend_agg import FigureCanvasAgg  # only for such figures

        get = FigureCanvasAgg(fig).get_renderer
    return get()


def _set_ylabel(ax, label: str) -> None:
    """Set a y-axis label; a placeholder such as "—" is refused (see :func:`axis_label`)."""
    if str(label).strip() in NO_UNIT:
        raise ValueError(f"{label!r} is no axis label; use charts.axis_label(indicator)")
    ax.set_ylabel(label)


def use_style(svg: bool = True) -> None:
    """Apply the house style; in a notebook, also show figures as SVG."""
    mpl.rcParams.update(STYLE)
    if svg:
        try:
            from matplotlib_inline.backend_inline import set_matplotlib_formats

            set_matplotlib_formats("svg")
        except ImportError:  # outside IPython
            pass


def _series(panel: pd.DataFrame, indicator: str) -> pd.DataFrame:
    return panel[panel["indicator"] == indicator].sort_values("year")


# --- society: migrant stocks, transfers, poll waves ----------------------------------------------


def _year_axis(ax, years) -> None:
    """Label the x axis with whole years, no offset, and at least a year of room either side."""
    years = [float(y) for y in years]
    if years:
        lo, hi = min(years), max(years)
        pad = max(1.0, (hi - lo) * 0.04)
        ax.set_xlim(lo - pad, hi + pad)
    ax.xaxis.set_major_locator(mpl.ticker.MaxNLocator(integer=True))
    ax.ticklabel_format(axis="x", useOffset=False, style="plain")


def _decimal_year(dates: pd.Series) -> pd.Series:
    d = pd.to_datetime(dates)
    return d.dt.year + (d.dt.dayofyear - 1) / 365.25


def _pct_label(v: float) -> str:
    return f"{v:.0f}" if float(v).is_integer() else f"{v:.1f}"


def new_figure(nrows: int = 1, ncols: int = 1, **kwargs):
    """Create a figure in the house style (``plt.subplots`` with the style's size)."""
    use_style(svg=False)
    return plt.subplots(nrows, ncols, **kwargs)
