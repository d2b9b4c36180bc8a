"""Indicators: pure functions from standardised source tables to the long indicator panel.

Panel columns: ``country_a, country_b, indicator, year, value, unit, source``, then the
optional interval ``lo, hi`` (empty where an indicator gives no interval).
"""

from analysis.indicators.registry import INDICATORS, Indicator, get_indicator

PANEL_COLUMNS = ["country_a", "country_b", "indicator", "year", "value", "unit", "source"]

#: Optional interval around ``value`` (e.g. the range of two reports of one poll wave).
INTERVAL_COLUMNS = ["lo", "hi"]

__all__ = ["INDICATORS", "INTERVAL_COLUMNS", "Indicator", "PANEL_COLUMNS", "get_indicator"]
