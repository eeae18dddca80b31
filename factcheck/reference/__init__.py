"""Reference trade data: a catalog of datasets (bundled and imported) in one observation schema."""

from factcheck.reference.catalog import NON_REPORTING, Catalog, RankedCommodity, commodity_range
from factcheck.reference.model import OBSERVATION_COLUMNS, Citation, DatasetInfo, Observation

__all__ = ["NON_REPORTING", "OBSERVATION_COLUMNS", "Catalog", "RankedCommodity", "commodity_range", "Citation", "DatasetInfo", "Observation"]
