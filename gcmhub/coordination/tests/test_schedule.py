"""SOP rules become due dates, states and reminders: plain functions of dates."""

import datetime as dt

from gcmhub.coordination.schedule import Reminder, State, due_dates, reminders_due, state

YEAR = {"starts": dt.date(2021, 7, 1), "ends": dt.date(2022, 6, 30)}


def test_quarterly_on_the_31st_falls_on_each_quarters_last_day():
    dates = due_dates(months=[3, 6, 9, 12], day=31, dates=[], **YEAR)
    assert dates == [
        dt.date(2021, 9, 30),
        dt.date(2021, 12, 31),
        dt.date(2022, 3, 31),
        dt.date(2022, 6, 30),
    ]


def test_monthly_covers_every_month_of_the_period_and_february_ends_on_the_28th():
    dates = due_dates(months=range(1, 13), day=31, dates=[], **YEAR)
    assert len(dates) == 12
    assert dt.date(2022, 2, 28) in dates
    assert dates[0] == dt.date(2021, 7, 31) and dates[-1] == dt.date(2022, 6, 30)


def test_reports_by_15_january_and_15_july_inside_the_period_only():
    dates = due_dates(
        months=[7, 1], day=15, dates=[], starts=dt.date(2021, 7, 1), ends=dt.date(2023, 1, 31)
    )
    assert dates == [
        dt.date(2021, 7, 15),
        dt.date(2022, 1, 15),
        dt.date(2022, 7, 15),
        dt.date(2023, 1, 15),
    ]


def test_single_dates_count_once_and_only_inside_the_period():
    dates = due_dates(
        months=[3], day=31, dates=["2022-03-31", "2023-05-01", dt.date(2021, 12, 1)], **YEAR
    )
    assert dates == [dt.date(2021, 12, 1), dt.date(2022, 3, 31)]


def test_an_obligation_is_late_the_day_after_it_is_due_until_it_is_done():
    due = dt.date(2022, 1, 15)
    assert state(due=due, done=False, today=due) == State.PENDING
    assert state(due=due, done=False, today=dt.date(2022, 1, 16)) == State.LATE
    assert state(due=due, done=True, today=dt.date(2022, 3, 1)) == State.DONE


def test_reminders_go_before_and_after_the_due_date_once_each():
    due = dt.date(2022, 1, 15)
    common = {"due": due, "done": False, "remind_before": 7, "remind_after": 3}
    never = {"sent_before": False, "sent_after": False}
    assert reminders_due(today=dt.date(2022, 1, 7), **common, **never) == []
    assert reminders_due(today=dt.date(2022, 1, 8), **common, **never) == [Reminder.BEFORE]
    assert reminders_due(today=dt.date(2022, 1, 15), **common, **never) == [Reminder.BEFORE]
    assert reminders_due(today=dt.date(2022, 1, 17), **common, **never) == []
    assert reminders_due(today=dt.date(2022, 1, 18), **common, **never) == [Reminder.AFTER]
    assert (
        reminders_due(today=dt.date(2022, 1, 20), **common, sent_before=True, sent_after=True) == []
    )
    assert (
        reminders_due(
            today=dt.date(2022, 1, 18), due=due, done=True, remind_before=7, remind_after=3, **never
        )
        == []
    )


def test_no_reminder_after_when_the_rule_says_zero_days():
    assert (
        reminders_due(
            due=dt.date(2022, 1, 15),
            done=False,
            today=dt.date(2022, 3, 1),
            remind_before=7,
            remind_after=0,
            sent_before=True,
            sent_after=False,
        )
        == []
    )
