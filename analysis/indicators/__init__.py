"""Indicators: pure functions from standardised source tables to the long indicator panel.

Panel columns: ``country_a, country_b, indicator, year, value, unit, source``.
"""

from analysis.indicators.registry import INDICATORS, Indicator, get_indicator

PANEL_COLUMNS = ["country_a", "country_b", "indicator", "year", "value", "unit", "source"]

__all__ = ["INDICATORS", "Indicator", "PANEL_COLUMNS", "get_indicator"]
