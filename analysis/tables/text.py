"""Plain text for the terminal: the panel (csv, json, aligned table), values and the catalog."""

from __future__ import annotations

import pandas as pd

from analysis.fileio import neutralise_formulas


def format_panel(panel: pd.DataFrame, fmt: str) -> str:
    """Render the panel as ``csv``, ``json`` (records) or an aligned ``table``.

    The CSV is meant for spreadsheets: text cells beginning with ``=``, ``+``, ``-`` or ``@`` get
    a leading ``'`` (:func:`analysis.fileio.neutralise_formulas`); numbers are untouched.
    """
    if fmt == "csv":
        return neutralise_formulas(panel).to_csv(index=False, lineterminator="\n")
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
