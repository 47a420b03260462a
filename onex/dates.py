"""Date arithmetic that never overflows: the calendar's edges saturate.

A registry and a command line can ask for any date Python can hold (`--as-of 9999-12-31`,
`results_report_days` of a billion): adding days must give the last (or first) representable
day rather than raise `OverflowError`. Every "date plus days" in onex goes through `add_days`.
"""

from __future__ import annotations

import datetime as dt


def add_days(day: dt.date, days: int | float) -> dt.date:
    """`day` + `days`, saturating at `date.min` / `date.max`."""
    try:
        return day + dt.timedelta(days=days)
    except (OverflowError, ValueError):  # past the calendar, or more days than a timedelta holds
        return dt.date.max if days > 0 else dt.date.min


def last_year(year: int) -> int:
    """`year` + 1, but never past the last year a date can hold."""
    return min(year + 1, dt.MAXYEAR)
