"""From SOP rules to due dates, and the state of an obligation on a given day: plain
functions of dates, without the database.

A rule is due on `day` of each of its `months` (a day past the end of a short month means
that month's last day: 31 in a "monthly" rule is each month's last day), and on each of its
single `dates`, from `starts` to `ends` inclusive.
"""

import calendar
import datetime as dt
from collections.abc import Iterable
from enum import StrEnum


def due_dates(
    *,
    months: Iterable[int],
    day: int,
    dates: Iterable[str | dt.date],
    starts: dt.date,
    ends: dt.date,
) -> list[dt.date]:
    found = set()
    for year in range(starts.year, ends.year + 1):
        for month in sorted(set(months)):
            last = calendar.monthrange(year, month)[1]
            due = dt.date(year, month, min(day, last))
            if starts <= due <= ends:
                found.add(due)
    for value in dates:
        due = value if isinstance(value, dt.date) else dt.date.fromisoformat(value)
        if starts <= due <= ends:
            found.add(due)
    return sorted(found)


class State(StrEnum):
    DONE = "done"
    PENDING = "pending"
    LATE = "late"


def state(*, due: dt.date, done: bool, today: dt.date) -> State:
    """Done once marked done (on time or not); late the day after the due date."""
    if done:
        return State.DONE
    return State.LATE if today > due else State.PENDING


class Reminder(StrEnum):
    BEFORE = "before"
    AFTER = "after"


def reminders_due(
    *,
    due: dt.date,
    done: bool,
    today: dt.date,
    remind_before: int,
    remind_after: int,
    sent_before: bool,
    sent_after: bool,
) -> list[Reminder]:
    """The reminders to send today: one `remind_before` days ahead (until the due date), one
    `remind_after` days late (from then on, if it is still not done). Each goes once, so
    missed or repeated daily runs do no harm."""
    if done:
        return []
    reminders = []
    if not sent_before and due - dt.timedelta(days=remind_before) <= today <= due:
        reminders.append(Reminder.BEFORE)
    if not sent_after and today >= due + dt.timedelta(days=remind_after) and remind_after > 0:
        reminders.append(Reminder.AFTER)
    return reminders
