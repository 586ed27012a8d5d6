import datetime as dt

from gcmhub.coordination.models import Responsible, SopKind


def rule_data(**extra):
    return {
        "kind": SopKind.REPORTING,
        "title": "Progress reports on the work plan",
        "task": "sends its progress report",
        "responsible": Responsible.LEADS,
        "months": [1, 7],
        "day": 15,
        "dates": [],
        "starts": dt.date(2021, 8, 1),
        "ends": dt.date(2022, 12, 31),
        "met_by_progress_report": True,
        **extra,
    }
