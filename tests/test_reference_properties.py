"""Properties of the unit and rounding conversions every bundled figure goes through."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from factcheck.reference.bundle import rounding_step
from factcheck.reference.factbook import SCALES, parse_amounts

printed = st.decimals(min_value=Decimal("0.001"), max_value=Decimal("99999.999"), places=3, allow_nan=False,
                      allow_infinity=False).map(lambda d: format(d.normalize(), "f"))


@given(printed, st.sampled_from(["million", "billion", "trillion"]), st.integers(1990, 2030))
def test_factbook_amount_is_the_printed_number_times_its_scale(number, scale, year):
    [amount] = parse_amounts(f"Exports {year}: ${number} {scale} ({year} est.)")
    assert amount.year == year
    assert amount.value == float(Decimal(number) * SCALES[scale])
    decimals = len(number.partition(".")[2])
    assert amount.precision == float(Decimal(1).scaleb(-decimals) * SCALES[scale])


@given(printed)
def test_rounding_step_is_the_last_printed_digit(number):
    step = rounding_step(number)
    value = Decimal(number)
    assert value % step == 0                  # the printed number is a multiple of its step
    assert step <= max(value, Decimal("0.001"))
