"""bilateral: indicators, charts and reports on the relationship between two countries.

The package is importable as ``analysis``; its distribution name is ``bilateral``.
Heavy modules (pandas, matplotlib, papermill) are imported by the submodules that need
them, so ``import analysis`` stays fast.
"""

__version__ = "0.1.0"
