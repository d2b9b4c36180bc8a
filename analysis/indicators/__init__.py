"""Indicators: pure functions from standardised source tables to the long indicator panel.

Panel columns: ``country_a, country_b, indicator, year, value, unit, source``, and ``lo, hi``
(the bounds of an interval, where the indicator has one; empty otherwise).
"""

from analysis.indicators.registry import INDICATORS, Indicator, get_indicator

PANEL_COLUMNS = ["country_a", "country_b", "indicator", "year", "value", "unit", "source"]
#: Optional interval bounds (e.g. bootstrap or posterior quantiles) after the panel columns.
INTERVAL_COLUMNS = ["lo", "hi"]

__all__ = ["INDICATORS", "INTERVAL_COLUMNS", "Indicator", "PANEL_COLUMNS", "get_indicator"]
