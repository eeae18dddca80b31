"""Builds the bundled datasets in reference_data/ from the public source files (see
../shared/reference-sources/README.md), so every bundled figure can be traced and rebuilt:

    python -m factcheck.reference.bundle ../shared/reference-sources reference_data

Figures carry over with their original publisher and URL; units are converted to plain USD
(million and thousand USD sources!) and each figure keeps the rounding step it was published with.
"""

from __future__ import annotations

import csv
import json
import re
import shutil
import sys
import tempfile
from decimal import Decimal
from pathlib import Path
from urllib.parse import urlparse

import pandas as pd

from factcheck.countries import from_code, short_name
from factcheck.reference.datapackage import csv_resource, write_package
from factcheck.reference.factbook import parse_amounts, parse_commodities, parse_shares
from factcheck.reference.importers import import_census
from factcheck.reference.model import OBSERVATION_COLUMNS

PUBLISHERS = {
    "GACC": "General Administration of Customs of the People's Republic of China (GACC)",
    "KOTRA": "Korea Trade-Investment Promotion Agency (KOTRA)",
    "KITA": "Korea International Trade Association (KITA)",
    "ITC Trade Map": "International Trade Centre (ITC Trade Map)",
    "OEC": "Observatory of Economic Complexity (OEC)",
    "Bank of Korea": "Bank of Korea",
}
CIA = "Central Intelligence Agency (The World Factbook)"
COMTRADE = "United Nations Statistics Division (UN Comtrade)"
KOSIS = "Statistics Korea (KOSIS)"
TEXTILES = "50-63"  # HS section XI, textiles and textile articles (chapters 50 to 63)

# news-figures metric → (reporter, partner, flow, commodity, unit)
NEWS_METRICS = {
    "china_prk_total_trade": ("CHN", "PRK", "total", "TOTAL", "USD"),
    "china_imports_from_prk": ("CHN", "PRK", "import", "TOTAL", "USD"),
    "china_exports_to_prk": ("CHN", "PRK", "export", "TOTAL", "USD"),
    "kotra_prk_china_trade": ("CHN", "PRK", "total", "TOTAL", "USD"),
    "prk_exports_to_china": ("PRK", "CHN", "export", "TOTAL", "USD"),
    "prk_imports_from_china": ("PRK", "CHN", "import", "TOTAL", "USD"),
    "prk_coal_exports_to_china": ("PRK", "CHN", "export", "2701", "USD"),
    "prk_textile_exports": ("PRK", "CHN", "export", TEXTILES, "USD"),
    "prk_total_exports": ("PRK", "WLD", "export", "TOTAL", "USD"),
    "prk_total_trade": ("PRK", "WLD", "total", "TOTAL", "USD"),
    "kotra_prk_total_trade": ("PRK", "WLD", "total", "TOTAL", "USD"),
    "prk_coal_share_of_exports_pct": ("PRK", "WLD", "export", "2701", "percent"),
    "oec_china_share_prk_exports_pct": ("PRK", "CHN", "export", "TOTAL", "percent"),
}
# Figures stated in a row's note (same publisher and URL as the row), keyed by that row's year and
# metric: (reporter, partner, flow, commodity, unit, printed figure in million USD or %, note).
# A figure someone computed from published ones has a note starting "derived:".
NEWS_NOTE_FIGURES = {
    (2014, "prk_exports_to_china"): [
        ("PRK", "CHN", "export", "2701", "percent", "39.97", "coal = 39.97% of North Korea's exports to China (same report)"),
        ("PRK", "CHN", "export", TEXTILES, "percent", "26.6", "textiles = 26.6% of North Korea's exports to China (same report)"),
    ],
    (2014, "prk_total_exports"): [
        ("PRK", "WLD", "total", "TOTAL", "USD", "7610", "total external trade $7.61bn, excluding inter-Korean trade (same estimate)"),
        ("PRK", "WLD", "import", "TOTAL", "USD", "4450", "imports $4.45bn (same estimate)"),
    ],
    (2014, "prk_coal_share_of_exports_pct"): [
        ("PRK", "WLD", "export", "TOTAL", "USD", "3340", "KITA estimate of North Korea's 2014 exports (same report)"),
        ("PRK", "WLD", "export", "2601", "percent", "6.6", "iron ore = 6.6% of exports (same report)"),
        ("PRK", "WLD", "export", "72", "percent", "3.9", "steel = 3.9% of exports (same report)"),
    ],
    (2016, "prk_total_trade"): [
        ("PRK", "WLD", "export", "TOTAL", "USD", "2830", "exports (same ITC mirror figures)"),
        ("PRK", "WLD", "import", "TOTAL", "USD", "3190", "imports (same ITC mirror figures)"),
        ("PRK", "CHN", "total", "TOTAL", "USD", "5510", "China–North Korea trade (same ITC mirror figures)"),
        ("PRK", "CHN", "total", "TOTAL", "percent", "91.5", "China–North Korea trade = 91.5% of North Korea's total trade"),
    ],
    (2016, "prk_coal_exports_to_china"): [
        ("PRK", "CHN", "export", "2601", "USD", "74.5", "iron ore exports to China (same report)"),
        ("PRK", "CHN", "export", "03", "USD", "192.4", "seafood exports to China (same report)"),
    ],
    (2017, "china_imports_from_prk"): [
        ("CHN", "PRK", "export", "TOTAL", "USD", "3340", "derived: total trade 5,060 minus China's imports 1,720 (as the quoting outlet computed)"),
    ],
    (2019, "china_prk_total_trade"): [
        ("CHN", "PRK", "export", "TOTAL", "USD", "2571", "derived: implied by 2020 figures and their % changes (as the quoting outlet computed)"),
        ("CHN", "PRK", "import", "TOTAL", "USD", "215", "derived: implied by 2020 figures and their % changes (as the quoting outlet computed)"),
    ],
    (2022, "kotra_prk_china_trade"): [
        ("PRK", "CHN", "export", "TOTAL", "USD", "134", "KOTRA: North Korea's exports to China (same report)"),
        ("PRK", "CHN", "import", "TOTAL", "USD", "1398", "KOTRA: North Korea's imports from China (same report)"),
        ("PRK", "CHN", "total", "TOTAL", "percent", "96.7", "KOTRA: China = 96.7% of North Korea's total trade"),
    ],
    (2022, "kotra_prk_total_trade"): [
        ("PRK", "WLD", "export", "TOTAL", "USD", "159", "KOTRA: North Korea's exports (same report)"),
        ("PRK", "WLD", "import", "TOTAL", "USD", "1430", "KOTRA: North Korea's imports (same report)"),
        ("PRK", "CHN", "export", "TOTAL", "percent", "84", "derived: 134 / 159 = 84% (China's share of North Korea's exports, KOTRA figures)"),
    ],
    (2022, "oec_china_share_prk_exports_pct"): [
        ("PRK", "CHN", "import", "TOTAL", "percent", "98.4", "OEC: China's share of North Korea's imports (same page)"),
    ],
}


def rounding_step(printed: str) -> Decimal:
    """The rounding step of a printed figure: "2300" → 100 (as in "nearly $2.3 billion"),
    "213.15" → 0.01, "48" → 1. Trailing zeros of a whole number are taken as rounding."""
    if "." in printed:
        return Decimal(1).scaleb(-len(printed.split(".")[1]))
    digits = printed.lstrip("-")
    zeros = len(digits) - len(digits.rstrip("0"))
    return Decimal(1).scaleb(min(zeros, len(digits) - 1))


def _row(dataset, reporter, partner, flow, commodity, year, value, unit, precision, publisher, title, url, note) -> dict:
    return dict(zip(OBSERVATION_COLUMNS, (dataset, reporter, partner, flow, commodity, int(year), value, unit,
                                          precision, publisher, title, url or "", note or "")))


def _figure(printed: str, unit: str) -> tuple[float, float]:
    scale = Decimal(10**6) if unit == "USD" else Decimal(1)
    return float(Decimal(printed) * scale), float(rounding_step(printed) * scale)


def read_news_figures(path: Path) -> pd.DataFrame:
    """The figure table; a few notes hold an unquoted comma ("~3,340"), so the note is the rest of
    the line after the sixth comma (read by hand: no CSV dialect means that)."""
    lines = path.read_text("utf-8").splitlines()
    header = next(csv.reader([lines[0]]))
    records = []
    for line in lines[1:]:
        fields = next(csv.reader([line]))
        records.append(fields[: len(header) - 1] + [",".join(fields[len(header) - 1:])])
    return pd.DataFrame(records, columns=header)


_GROWTH_NOTE = re.compile(r"([+-]\d+(?:\.\d+)?)% y/y")
GROWTH_TOLERANCE_PP = 2.0  # the verifier's default tolerance for growth, in percentage points


def growth_flag(table: pd.DataFrame, year: int, metric: str, note: str, value: str) -> str:
    """A flag for a note that repeats a year-on-year rate this file's own figures do not give
    (2022's "+233% y/y" for 1,028 after 318 million, which is +223%): the rate is the outlet's,
    the figures are the publisher's, and a check must not take one for the other."""
    match = _GROWTH_NOTE.search(note or "")
    before = table[(table["metric"] == metric) & (table["year"] == str(year - 1))]
    if not match or len(before) != 1:
        return ""
    computed = (float(value) / float(before["value_musd"].iloc[0]) - 1) * 100
    if abs(computed - float(match.group(1))) <= GROWTH_TOLERANCE_PP:
        return ""
    return (f"; flag: the {match.group(1)}% y/y in the report is not what the figures here give "
            f"({value} after {before['value_musd'].iloc[0]} for {year - 1}: {computed:+.0f}%)")


def news_rows(sources: Path) -> list[dict]:
    table = read_news_figures(sources / "news-figures/chn_prk_reference_values.csv")
    rows = []
    for r in table.itertuples(index=False):
        if r.metric not in NEWS_METRICS:
            raise ValueError(f"news-figures: no mapping for metric {r.metric!r}")
        publisher = PUBLISHERS[r.original_source]
        title = f"{r.basis}, as quoted by {urlparse(r.cited_via_url).netloc.removeprefix('www.')}"
        reporter, partner, flow, commodity, unit = NEWS_METRICS[r.metric]
        value, precision = _figure(r.value_musd, unit)
        note = r.note + growth_flag(table, int(r.year), r.metric, r.note, r.value_musd)
        rows.append(_row("chn-prk-news", reporter, partner, flow, commodity, r.year, value, unit, precision,
                         publisher, title, r.cited_via_url, note))
        for reporter, partner, flow, commodity, unit, printed, note in NEWS_NOTE_FIGURES.get((int(r.year), r.metric), []):
            value, precision = _figure(printed, unit)
            rows.append(_row("chn-prk-news", reporter, partner, flow, commodity, r.year, value, unit, precision,
                             publisher, title, r.cited_via_url, note))
    return rows


FACTBOOK_URLS = {
    "exports": "https://www.cia.gov/the-world-factbook/field/exports/",
    "imports": "https://www.cia.gov/the-world-factbook/field/imports/",
    "exports_partners": "https://www.cia.gov/the-world-factbook/field/exports-partners/",
    "imports_partners": "https://www.cia.gov/the-world-factbook/field/imports-partners/",
}


def factbook_rows(table: pd.DataFrame, dataset: str, edition_column: str | None = None) -> tuple[list[dict], list[dict]]:
    """Observation rows (totals and partner shares) and top-commodity rows for each Factbook entity
    that is a country (FIPS code with an ISO3); the World, the EU and oceans are left out."""
    rows, commodities = [], []
    for r in table.to_dict("records"):
        reporter = from_code(r["fips"], "fips")
        if reporter is None or reporter == "WLD":
            continue
        edition = r.get(edition_column) if edition_column else None
        for flow in ("export", "import"):
            field = f"{flow}s"
            title = f"The World Factbook: {field.capitalize()}" + (f" ({edition} edition)" if edition else "")
            for amount in parse_amounts(r[field]):
                rows.append(_row(dataset, reporter, "WLD", flow, "TOTAL", amount.year, amount.value, "USD",
                                 amount.precision, CIA, title, FACTBOOK_URLS[field], "estimate"))
            share_title = f"The World Factbook: {field.capitalize()} - partners" + (f" ({edition} edition)" if edition else "")
            for share in parse_shares(r[f"{field}_partners"]):
                if share.partner and share.year:
                    rows.append(_row(dataset, reporter, share.partner, flow, "TOTAL", share.year, share.value,
                                     "percent", share.precision, CIA, share_title, FACTBOOK_URLS[f"{field}_partners"],
                                     f"share of {short_name(reporter)}'s {field}"))
            year, items = parse_commodities(r[f"{field}_commodities"])
            for rank, item in enumerate(items, start=1):
                commodities.append({"reporter": reporter, "flow": flow, "year": year or "", "rank": rank,
                                    "commodity": item, "edition": edition or ""})
    return rows, commodities


def _distinct_figures(rows: list[dict]) -> list[dict]:
    """Keeps each distinct (figure, value) once, from the newest edition that printed it (rows come
    newest edition first), so a revision stays visible as a second value for the same year."""
    seen, kept = set(), []
    for row in rows:
        key = (row["reporter"], row["partner"], row["flow"], row["commodity"], row["year"], row["unit"], row["value"])
        if key not in seen:
            seen.add(key)
            kept.append(row)
    return kept


def kosis_rows(sources: Path) -> list[dict]:
    table = pd.read_csv(sources / "kosis-korea-china/derived_korea_china_annual_2001_2019.csv")
    url = "https://kosis.kr/statHtml/statHtml.do?orgId=360&tblId=DT_1R11006_FRM101&language=en"
    title = "Exports and imports by country, monthly (summed by calendar year)"
    rows = []
    for r in table.itertuples(index=False):
        if r.n_months_x != 12 or r.n_months_m != 12:
            continue
        for flow, kusd in (("export", r.kor_exports_to_chn_kusd), ("import", r.kor_imports_from_chn_kusd), ("total", r.total_kusd)):
            rows.append(_row("kosis-kor-chn", "KOR", "CHN", flow, "TOTAL", r.year, float(kusd) * 1000, "USD", 1000.0,
                             KOSIS, title, url, "sum of 12 monthly figures published in thousand USD"))
    return rows


def comtrade_kor_rows(sources: Path) -> list[dict]:
    table = pd.read_csv(sources / "comtrade-china/derived_kor_chn_comtrade_mirror_2014_2024.csv")
    title = "UN Comtrade: Republic of Korea's reported trade with China"
    rows = []
    for r in table.itertuples(index=False):
        for flow, usd in (("import", r.kor_reported_imports_from_chn_usd), ("export", r.kor_reported_exports_to_chn_usd),
                          ("total", r.kor_chn_total_trade_usd)):
            note = "derived: exports + imports" if flow == "total" else ""
            rows.append(_row("comtrade-kor-chn", "KOR", "CHN", flow, "TOTAL", r.refYear, float(usd), "USD", 1.0,
                             COMTRADE, title, "https://comtradeplus.un.org/", note))
    return rows


def comtrade_china_rows(sources: Path) -> list[dict]:
    """China's trade by partner as the partners report it (mirror), China's own totals, and the
    partner shares computed from the mirror figures (marked derived)."""
    folder = sources / "comtrade-china"
    names = pd.read_csv(folder / "reporter.csv", dtype=str, keep_default_na=False)
    iso3_of = {n.strip(): from_code(c, "iso3") for n, c in zip(names["reporterDesc"], names["reporterCodeIsoAlpha3"])}
    url = "https://comtradeplus.un.org/"
    rows = []
    for file, partner_flow, china_flow in (("derived_china_exports_by_partner_mirror_2014_2025.csv", "import", "export"),
                                           ("derived_china_imports_by_partner_mirror_2014_2025.csv", "export", "import")):
        table = pd.read_csv(folder / file)
        counts = table.groupby("refYear").size()
        for r in table.itertuples(index=False):
            partner = iso3_of.get(r.reporterDesc.strip())
            if not partner or partner == "CHN":
                continue
            title = f"UN Comtrade: partners' reported {partner_flow}s {'from' if partner_flow == 'import' else 'to'} China"
            rows.append(_row("comtrade-china", partner, "CHN", partner_flow, "TOTAL", r.refYear, float(r.partner_sum),
                             "USD", 1.0, COMTRADE, title, url, ""))
            if counts[r.refYear] >= 100:  # a share of an incomplete year's total would mislead
                rows.append(_row("comtrade-china", "CHN", partner, china_flow, "TOTAL", r.refYear,
                                 round(float(r.partner_perc) * 100, 4), "percent", 0.0001, COMTRADE,
                                 f"UN Comtrade mirror: China's {china_flow}s by partner", url,
                                 f"derived: {r.reporterDesc}'s reported {partner_flow}s / all partners' (mirror)"))
    balance = pd.read_csv(folder / "derived_china_trade_balance_2014_2025.csv")
    for r in balance.itertuples(index=False):
        for flow, usd in (("import", r.M), ("export", r.X)):
            # The source's 2025 row has zero exports and imports: no figure, not a collapse of
            # China's trade. A zero is never stored as data.
            if usd:
                rows.append(_row("comtrade-china", "CHN", "WLD", flow, "TOTAL", r.period, float(usd), "USD", 1.0,
                                 COMTRADE, "UN Comtrade: China's reported trade with the world", url,
                                 CHINA_TOTALS_FLAGS.get(int(r.period), "")))
    return rows


# China's own totals in this Comtrade vintage sit below what China's customs (GACC) announced for
# these years, most for 2021 (exports 3.32 vs about 3.36 trillion USD; surplus 637 vs about 676
# billion); for 2020 the surplus is 520 vs about 535 billion. The rows stay (they are Comtrade's
# figures) with a flag, so a claim quoting GACC is not judged by them alone.
CHINA_TOTALS_FLAGS = {
    2020: "flag: below China customs' (GACC) announced 2020 figures (surplus about 535 bn USD vs 520 bn here); "
          "Comtrade vintage, not GACC's release",
    2021: "flag: below China customs' (GACC) announced 2021 figures (exports about 3.36 tn, imports about 2.69 tn, "
          "surplus about 676 bn USD vs 637 bn here); Comtrade vintage, not GACC's release",
}


CHINA_TERRITORY = {"CHN": "China: customs territory of the mainland, excluding Hong Kong, Macao and Taiwan"}
FOB_CIF = {"export": "fob", "import": "cif", "total": "mixed"}


def _series(spec_id: str, publisher_id: str, publisher: str, reporter_side, concept: str, valuation, **extra) -> dict:
    return {"id": spec_id, "publisher_id": publisher_id, "publisher": publisher, "reporter_side": reporter_side,
            "concept": concept, "valuation": valuation, "currency": "USD", "frequency": "annual", **extra}


def _news_series() -> list[dict]:
    """One series per publisher quoted in chn-prk-news: China's customs reports China's side
    (North Korea's figures there are China's reports, i.e. mirror); the Korean agencies estimate
    North Korea's trade; ITC Trade Map gives partners' reports; OEC reconciles both sides."""
    kinds = {
        "GACC": ("gacc", {"PRK": "partner", "*": "reporter"}, FOB_CIF, "news quotes of China customs' releases"),
        "KOTRA": ("kotra", "estimated", "unknown", "KOTRA's estimate of North Korea's trade from its partners' reports"),
        "KITA": ("kita", "estimated", "unknown", "KITA's estimate of North Korea's trade"),
        "Bank of Korea": ("bok", "estimated", "unknown", "Bank of Korea's estimate, excluding inter-Korean trade"),
        "ITC Trade Map": ("itc", {"PRK": "partner", "*": "unknown"}, "mixed", "ITC Trade Map mirror figures"),
        "OEC": ("oec", "reconciled", "mixed", "OEC figures (from reconciled mirror data)"),
    }
    return [_series(publisher_id, publisher_id, PUBLISHERS[short], side, "goods", valuation,
                    publisher_match=PUBLISHERS[short], territory=CHINA_TERRITORY, vintage="first_release",
                    description=description)
            for short, (publisher_id, side, valuation, description) in kinds.items()]


_COMTRADE_CHINA_SERIES = [
    _series("mirror-shares", "comtrade", COMTRADE, "partner", "goods", FOB_CIF,
            title_pattern="^UN Comtrade mirror: China's", territory=CHINA_TERRITORY, vintage="revised", as_of="2025",
            description="China's partner shares computed from partners' reports (their imports CIF, exports FOB)"),
    _series("comtrade", "comtrade", COMTRADE, "reporter", "goods", FOB_CIF, territory=CHINA_TERRITORY,
            vintage="revised", as_of="2025", description="each row as its reporter reported it to UN Comtrade"),
]
_FACTBOOK_DEFINITION = ("The World Factbook's Exports/Imports fields: merchandise on an f.o.b. basis in editions up "
                        "to 2020, goods and services (balance of payments) in editions from 2023; the 2021 editions "
                        "are between the two")
_FACTBOOK_SERIES = {
    "factbook-latest": [_series("cia-factbook", "cia-factbook", CIA, "unknown", "goods_and_services", "unknown",
                                vintage="revised", as_of="2026-01-22", description=_FACTBOOK_DEFINITION)],
    "factbook-history": [
        _series("cia-factbook-goods", "cia-factbook", CIA, "unknown", "goods", "fob", title_pattern=r"\((2014|2015|2016|2017|2018|2019|2020)-",
                description=_FACTBOOK_DEFINITION),
        _series("cia-factbook-2021", "cia-factbook", CIA, "unknown", "unknown", "unknown", title_pattern=r"\(2021-",
                description=_FACTBOOK_DEFINITION),
        _series("cia-factbook", "cia-factbook", CIA, "unknown", "goods_and_services", "unknown",
                description=_FACTBOOK_DEFINITION),
    ],
}

DATASETS = {
    "chn-prk-news": dict(
        title="China–North Korea trade 2013–2025 as published by China's customs (GACC), KOTRA and others",
        description="Each figure with its original publisher and the article that quoted it; where China "
                    "customs and KOTRA differ (2022: 1,028 vs 1,530 million USD) both are kept. Converted from "
                    "million USD; precision is the rounding of the printed figure.",
        publisher="General Administration of Customs of the People's Republic of China (GACC), KOTRA, KITA, ITC, OEC, Bank of Korea",
        license="facts-with-citation", version="2026-01", vintage=None, rank=10, kind="official",
        citation="China customs (GACC), KOTRA, KITA, ITC, OEC and Bank of Korea figures, as quoted by the news reports cited on each row",
        sources=[{"title": "news-figures/chn_prk_reference_values.csv (factcheck reference sources)"}],
        series=_news_series(),
    ),
    "kosis-kor-chn": dict(
        title="South Korea's trade with China 2001–2019 (KOSIS)", publisher=KOSIS,
        description="South Korea's monthly exports to and imports from China, in thousand USD, summed by year.",
        license="facts-with-citation", version="2025-05", rank=10, kind="official",
        citation="Statistics Korea (KOSIS), Exports and imports by country, accessed 2025-05-23",
        sources=[{"title": "KOSIS via mizydorczyk/relationship-between-trade-and-the-exchange-rate",
                  "path": "https://kosis.kr/eng/"}],
        series=[_series("kosis", "kosis", KOSIS, "reporter", "goods", FOB_CIF, vintage="revised", as_of="2025-05-23",
                        territory=CHINA_TERRITORY)],
    ),
    "comtrade-kor-chn": dict(
        title="South Korea's trade with China 2014–2024 as reported by Korea (UN Comtrade)", publisher=COMTRADE,
        description="Republic of Korea's reported imports from, exports to and total trade with China, USD.",
        license="UN-Comtrade-terms", version="2025", rank=20, kind="official",
        citation="United Nations Comtrade database, Republic of Korea's reported trade with China",
        sources=[{"title": "UN Comtrade via joaquimrcarvalho/cipf-comtrade", "path": "https://comtradeplus.un.org/"}],
        series=[_series("comtrade", "comtrade", COMTRADE, "reporter", "goods", FOB_CIF, vintage="revised", as_of="2025",
                        territory=CHINA_TERRITORY)],
    ),
    "comtrade-china": dict(
        title="China's exports and imports by partner 2014–2025 (UN Comtrade, partners' reports)", publisher=COMTRADE,
        description="Each partner's reported imports from and exports to China (mirror data), China's own "
                    "reported totals, and each partner's share of China's mirror exports and imports (derived). "
                    "The source's 2025 totals row (zero exports and imports) is left out: it holds no figure. "
                    "China's own 2020 and 2021 totals are flagged: they sit below what China's customs announced.",
        license="UN-Comtrade-terms", version="2025", rank=30, kind="compiled",
        citation="United Nations Comtrade database, mirror flows with China",
        sources=[{"title": "UN Comtrade via joaquimrcarvalho/cipf-comtrade", "path": "https://comtradeplus.un.org/"}],
        series=_COMTRADE_CHINA_SERIES,
    ),
    "factbook-latest": dict(
        title="CIA World Factbook trade fields, every country (latest edition)", publisher=CIA,
        description="Export and import totals (three latest years) and partner shares for every country "
                    "entity of the Factbook; top commodities in top_commodities.csv (rank 1 = largest).",
        license="CC0-1.0", version="2026-01-22", rank=40, kind="compiled",
        citation="Central Intelligence Agency, The World Factbook (edition of 2026-01-22), fields Exports, "
                 "Exports - partners, Imports, Imports - partners",
        sources=[{"title": "The World Factbook via factbook/factbook.json", "path": "https://www.cia.gov/the-world-factbook/"}],
        homepage="https://www.cia.gov/the-world-factbook/",
        series=_FACTBOOK_SERIES["factbook-latest"],
    ),
    "factbook-history": dict(
        title="CIA World Factbook trade fields for North Korea, South Korea and China, editions 2014–2026",
        publisher=CIA,
        description="Every distinct figure these fields printed across editions, each from the newest "
                    "edition that printed it (the title names the edition).",
        license="CC0-1.0", version="2026-01-22", rank=45, kind="compiled",
        citation="Central Intelligence Agency, The World Factbook, editions 2014–2026",
        sources=[{"title": "The World Factbook via factbook/factbook.json (git history)", "path": "https://www.cia.gov/the-world-factbook/"}],
        homepage="https://www.cia.gov/the-world-factbook/",
        series=_FACTBOOK_SERIES["factbook-history"],
    ),
}


def write_csv_dataset(out: Path, dataset_id: str, rows: list[dict], extra_files: dict[str, pd.DataFrame] | None = None) -> None:
    folder = out / dataset_id
    folder.mkdir(parents=True, exist_ok=True)
    frame = pd.DataFrame(rows, columns=list(OBSERVATION_COLUMNS))
    frame = frame.sort_values(["reporter", "partner", "flow", "commodity", "unit", "year", "publisher", "title"], kind="stable")
    frame.to_csv(folder / "observations.csv", index=False, lineterminator="\n")
    resources = [csv_resource()]
    for name, extra in (extra_files or {}).items():
        extra.to_csv(folder / f"{name}.csv", index=False, lineterminator="\n")
        resources.append({"name": name, "path": f"{name}.csv", "format": "csv", "mediatype": "text/csv", "encoding": "utf-8"})
    meta = dict(DATASETS[dataset_id])
    countries = sorted(set(frame["reporter"]) | set(frame["partner"]))
    write_package(folder, dataset_id=dataset_id, rows=len(frame), resources=resources, countries=countries,
                  years=(int(frame["year"].min()), int(frame["year"].max())), **meta)


def bundle_census(sources: Path, out: Path) -> None:
    """US-reported goods trade by partner, annual (complete years 1985-2023) and monthly, bundled
    because it is public domain (a work of the US federal government) and US trade is the commonest
    trade news. Written by the importer itself (`factcheck data import census`), as Parquet with
    its partner-sorted copy, so a bundled and an imported Census figure are one figure; only the
    note of where this machine imported it from is dropped."""

    folder = sources / "census-country-trade"
    with tempfile.TemporaryDirectory() as scratch:
        written = import_census([folder / "derived_census_country_annual_1985_2024.csv",
                                 folder / "derived_census_country_monthly_1985_2024.csv.gz"],
                                dataset_id="census", data_dir=Path(scratch), replace=True)
        descriptor = json.loads((written / "datapackage.json").read_text("utf-8"))
        descriptor["name"] = CENSUS_BUNDLED  # imported under the importer's id: a bundled id is refused there
        descriptor["title"] = "US goods trade by partner country, annual 1985–2023 and monthly 1985–2024 (US Census Bureau)"
        descriptor["sources"] = [s for s in descriptor["sources"] if str(s.get("path", "")).startswith("https://")]
        (written / "datapackage.json").write_text(json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n", "utf-8")
        target = out / CENSUS_BUNDLED
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(written, target)


CENSUS_BUNDLED = "census-country"


def build(sources: Path, out: Path) -> None:
    bundle_census(sources, out)
    write_csv_dataset(out, "chn-prk-news", news_rows(sources))
    write_csv_dataset(out, "kosis-kor-chn", kosis_rows(sources))
    write_csv_dataset(out, "comtrade-kor-chn", comtrade_kor_rows(sources))
    write_csv_dataset(out, "comtrade-china", comtrade_china_rows(sources))
    latest = pd.read_csv(sources / "factbook/trade_fields_latest.csv", dtype=str, keep_default_na=False)
    rows, commodities = factbook_rows(latest, "factbook-latest")
    write_csv_dataset(out, "factbook-latest", rows, {"top_commodities": pd.DataFrame(commodities).drop(columns="edition")})
    history = pd.read_csv(sources / "factbook/trade_fields_history_kn_ks_ch.csv", dtype=str, keep_default_na=False)
    rows, _ = factbook_rows(history, "factbook-history", edition_column="commit_date")
    write_csv_dataset(out, "factbook-history", _distinct_figures(rows))


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: python -m factcheck.reference.bundle SOURCES_DIR OUT_DIR")
    build(Path(sys.argv[1]), Path(sys.argv[2]))
