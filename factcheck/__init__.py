"""factcheck: find the quantitative trade claims in an article and check them against reference data."""

__version__ = "0.1.0"
# The project's home (a placeholder until the repository is published under it): SARIF's
# informationUri, the rules' helpUri and the docs point here. The distribution on the package
# index is `trade-factcheck` (`factcheck` there is an unrelated project); the command and the
# import package stay `factcheck`.
DISTRIBUTION = "trade-factcheck"
PROJECT_URL = "https://github.com/trade-factcheck/trade-factcheck"
