"""``peak_months:`` in engagement.yaml: the months the client's business is at its busiest (a
retailer's November and December), when no customer touchpoint of the calendar is planned."""

from __future__ import annotations

import calendar

from workbook.core.names import suggest

MONTHS = {name.lower(): n for n, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): n for n, name in enumerate(calendar.month_abbr) if name})


def check_peak_months(r, data: dict) -> tuple[int, ...]:
    """The peak months as numbers 1-12 (written as numbers or English month names), read with the
    settings' reader ``r``, which notes the problems."""
    raw = data.get("peak_months")
    if raw is None or raw == []:
        return ()
    items = raw if isinstance(raw, list) else [raw]
    months = []
    for i, item in enumerate(items):
        at = ("peak_months", i) if isinstance(raw, list) else ("peak_months",)
        month = item if isinstance(item, int) and not isinstance(item, bool) and 1 <= item <= 12 else \
            MONTHS.get(str(item).strip().lower())
        if month is None:
            r.fail(at, item, "this is not a month",
                   suggest(str(item), [m.capitalize() for m in MONTHS if len(m) > 3],
                           "write a month's number (1-12) or its name, e.g. November", n=1))
        else:
            months.append(month)
    if len(months) == 12:
        r.fail(("peak_months",), raw, "every month is a peak month", "list only the busiest months")
        return ()
    return tuple(sorted(set(months)))
