"""factcheck: find the quantitative trade claims in an article and check them against reference data."""

__version__ = "0.1.0"
