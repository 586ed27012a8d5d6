import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from gcmhub.coordination import services
from gcmhub.coordination.models import Responsible, SopKind
from gcmhub.coordination.tests.conftest import rule_data


def test_a_secretariat_rule_over_a_year_with_a_single_date(cycle, coordinator):
    rule = services.sop_rule_save(
        cycle=cycle,
        by=coordinator,
        **rule_data(
            kind=SopKind.COORDINATION,
            responsible=Responsible.SECRETARIAT,
            months=[3, 6, 9, 12],
            day=31,
            dates=[dt.date(2022, 3, 31), dt.date(2022, 5, 2)],
            starts=dt.date(2022, 1, 1),
            ends=dt.date(2022, 12, 31),
        ),
    )
    dates = list(rule.obligations.values_list("due_date", flat=True))
    assert dates == [
        dt.date(2022, 3, 31),
        dt.date(2022, 5, 2),
        dt.date(2022, 6, 30),
        dt.date(2022, 9, 30),
        dt.date(2022, 12, 31),
    ]
    assert set(rule.obligations.values_list("organisation", flat=True)) == {None}
    services.obligations_generate(rule)
    assert rule.obligations.count() == 5


def test_a_rule_needs_months_or_dates(cycle, coordinator):
    with pytest.raises(ValidationError, match="months"):
        services.sop_rule_save(cycle=cycle, by=coordinator, **rule_data(months=[]))
