"""The Excel number format of each kind of number in ``results.xlsx``, written as the pages write
it (:mod:`workbook.core.formats`): a percentage never rounded to a certainty it is not, points
signed, a plain number to three significant digits."""

from __future__ import annotations

from workbook.core import formats

EXCEL_FORMATS = {"percent": "0.0%", "fine_percent": "0.00%", "share": "0%", "points": '+0" points";-0" points";0" points"',
                 "score": "0.00", "rating": "0.0", "signed": "+0;-0;0", "days": '0.0" days"',
                 "hours": '0.0" hours"', "seconds": '#,##0" s"', "minutes": '0.0" min"',
                 "money": "#,##0.00", "count": "#,##0", "ratio": '0.0"x"', "rank": "0"}


def number_format(kind: str, value) -> str:
    """The Excel number format of a number of ``kind``; a plain number (``number``, or a column
    the registry does not know as numeric) with as many decimals as three significant digits
    need, as :func:`workbook.core.formats.number` writes it, and never in scientific notation."""
    if kind == "rate":  # a rate too small for two decimals keeps two significant digits, as on the pages
        return "0." + "0" * formats.rate_decimals(value)
    if kind == "points" and 0 < abs(value) < 0.95:  # under one point, one significant digit, as formats.points
        return '+0.{0}" points";-0.{0}" points";0" points"'.format("0" * (len(formats.point_size(value / 100)) - 2))
    if kind == "percent" and 0 < value < 1:  # never a certainty it is not: 99.97% is not "100.0%"
        return "0." + "0" * next((d for d in range(1, 5) if 0 < round(value * 100, d) < 100), 4) + "%"
    if kind.startswith("places:"):  # a figure written with as many decimals as others beside it
        return "#,##0" + ("." + "0" * int(kind[7:]) if int(kind[7:]) else "")
    if kind in EXCEL_FORMATS:
        return EXCEL_FORMATS[kind]
    if isinstance(value, int) or float(value).is_integer() or abs(value) >= 1000:
        return "#,##0"
    written = f"{abs(value):.3g}"
    # under 0.0001: three significant digits after the zeros
    decimals = -int(written.split("e")[1]) + 2 if "e" in written else len(written.partition(".")[2])
    return "#,##0." + "0" * min(decimals, 12) if decimals else "#,##0"
