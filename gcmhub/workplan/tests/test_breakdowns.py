"""Indicators broken down by category (by sex, by age group...): the totals, the report page,
the indicator list and the exports, HXL attributes included."""

import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from openpyxl import load_workbook

from gcmhub.exports import build
from gcmhub.workplan import selectors, services
from gcmhub.workplan.breakdowns import Split, hxl_attributes, reconcile
from gcmhub.workplan.models import ActualPart, IndicatorActual

D = Decimal


# The rule, without a database


def test_the_total_is_computed_from_a_breakdown_with_every_category_given():
    assert reconcile(None, [Split("Sex", [D(52), D(68)])]) == (D(120), [])


def test_an_entered_total_that_the_categories_do_not_add_up_to_is_refused_with_both_figures():
    total, problems = reconcile(D(130), [Split("Sex", [D(52), D(68)])])
    assert problems == [
        "The values by “Sex” add up to 120, not to the total of 130: correct one of them, or "
        "leave the total empty to have it computed."
    ]


def test_a_total_that_the_categories_add_up_to_is_kept():
    assert reconcile(D(120), [Split("Sex", [D(52), D(68)])]) == (D(120), [])


def test_categories_left_empty_are_unknown_but_may_not_add_up_to_more_than_the_total():
    assert reconcile(D(120), [Split("Age group", [D(20), None, None])]) == (D(120), [])
    problems = reconcile(D(10), [Split("Age group", [D(20), None, None])])[1]
    assert problems == ["The values given by “Age group” add up to 20, more than the total of 10."]


def test_two_breakdowns_that_add_up_differently_give_no_total():
    total, problems = reconcile(
        None, [Split("Sex", [D(52), D(68)]), Split("Age group", [D(100), D(10), D(5)])]
    )
    assert total is None
    assert problems == [
        "The values by “Sex” add up to 120 and those by “Age group” to 115: correct them, or "
        "enter the total."
    ]


def test_values_by_category_without_a_total_need_one_breakdown_given_in_full():
    total, problems = reconcile(None, [Split("Sex", [D(52), None])])
    assert total is None and problems == [
        "Give the total, or a value for every category of one breakdown so that the total can "
        "be computed."
    ]
    assert reconcile(None, [Split("Sex", [None, None])]) == (None, [])


def test_shares_by_category_are_not_added_up():
    assert reconcile(D("67.5"), [Split("Sex", [D("66.9"), D("68.1")])], adds_up=False) == (
        D("67.5"),
        [],
    )


def test_hxl_attributes_are_written_as_hxl_expects_them():
    assert hxl_attributes("F") == "+f"
    assert hxl_attributes("+age0_17 , +Children") == "+age0_17+children"
    assert hxl_attributes("") == ""


# Breakdowns and reports, with the database


def url(cycle, name, **kwargs):
    return reverse(
        name, kwargs={"network_slug": cycle.network.slug, "cycle_pk": cycle.pk, **kwargs}
    )


@pytest.fixture
def by_sex(cycle, coordinator):
    return services.breakdown_save(cycle=cycle, by=coordinator, dimension="sex", name="Sex")


@pytest.fixture
def broken_down(cycle, coordinator, indicator, by_sex):
    """The indicator "Officials trained" (persons, reported by organisation A) by sex."""
    services.indicator_save(
        cycle=cycle,
        by=coordinator,
        indicator=indicator,
        output=indicator.output,
        code=indicator.code,
        name=indicator.name,
        kind="numeric",
        unit="persons",
        baseline_value=D(0),
        reported_by=indicator.reported_by,
        breakdowns=[by_sex],
    )
    indicator.refresh_from_db()
    return indicator


def categories(breakdown):
    return {c.label: c for c in breakdown.categories.all()}


def report_of(focal, period):
    return services.progress_report_open(period=period, by=focal)


def save_actual(report, focal, indicator, value, parts):
    services.progress_report_save(
        report=report,
        by=focal,
        summary="",
        activity_rows=[],
        actual_rows=[{"indicator": indicator, "value": value, "text": "", "parts": parts}],
        expected_version=report.version,
    )
    report.refresh_from_db()
    return report


@pytest.mark.django_db
def test_a_new_breakdown_by_sex_starts_with_women_and_men_and_their_hxl_attributes(by_sex):
    assert [(c.label, c.label_tr, c.hxl) for c in by_sex.categories.all()] == [
        ("Female", "Kadın", "+f"),
        ("Male", "Erkek", "+m"),
    ]


@pytest.mark.django_db
def test_a_breakdown_of_its_own_keeps_the_categories_given_in_their_order(cycle, coordinator):
    breakdown = services.breakdown_save(
        cycle=cycle,
        by=coordinator,
        dimension="location",
        name="Province",
        categories=[{"label": "Gaziantep"}, {"label": "İstanbul", "hxl": "ist"}, {"label": ""}],
    )
    assert [(c.label, c.hxl) for c in breakdown.categories.all()] == [
        ("Gaziantep", ""),
        ("İstanbul", "+ist"),
    ]


@pytest.mark.django_db
def test_a_qualitative_indicator_is_not_broken_down(cycle, coordinator, output, org_a, by_sex):
    with pytest.raises(ValidationError) as error:
        services.indicator_save(
            cycle=cycle,
            by=coordinator,
            output=output,
            code="Q",
            name="Status of the framework",
            kind="qualitative",
            reported_by=org_a,
            breakdowns=[by_sex],
        )
    assert error.value.message_dict["breakdowns"] == [
        "Only a numeric indicator is broken down by category."
    ]


@pytest.mark.django_db
def test_the_report_records_the_values_by_sex_and_computes_the_total(
    broken_down, by_sex, focal_a, periods
):
    sex = categories(by_sex)
    report = save_actual(
        report_of(focal_a, periods[0]),
        focal_a,
        broken_down,
        None,
        {sex["Female"].pk: D(52), sex["Male"].pk: D(68)},
    )
    actual = IndicatorActual.objects.get(report=report)
    assert actual.value == 120
    assert {p.category.label: p.value for p in actual.parts.all()} == {"Female": 52, "Male": 68}


@pytest.mark.django_db
def test_the_report_refuses_values_by_sex_that_do_not_add_up_to_the_total(
    broken_down, by_sex, focal_a, periods
):
    sex = categories(by_sex)
    report = report_of(focal_a, periods[0])
    with pytest.raises(ValidationError) as error:
        save_actual(
            report, focal_a, broken_down, D(130), {sex["Female"].pk: D(52), sex["Male"].pk: D(68)}
        )
    assert "add up to 120, not to the total of 130" in str(error.value)
    assert not IndicatorActual.objects.filter(report=report).exists()


@pytest.mark.django_db
def test_values_in_categories_the_indicator_is_not_broken_down_by_are_refused(
    cycle, coordinator, indicator, focal_a, periods, by_sex
):
    female = categories(by_sex)["Female"]
    with pytest.raises(ValidationError) as error:
        save_actual(report_of(focal_a, periods[0]), focal_a, indicator, D(5), {female.pk: D(5)})
    assert "only in the categories of the indicator" in str(error.value)


@pytest.mark.django_db
def test_a_total_saved_without_its_categories_keeps_them_and_is_checked_against_them(
    broken_down, by_sex, focal_a, periods
):
    """As the API saves a report: a row without `parts` leaves the values by category."""
    sex = categories(by_sex)
    report = save_actual(
        report_of(focal_a, periods[0]),
        focal_a,
        broken_down,
        D(120),
        {sex["Female"].pk: D(52), sex["Male"].pk: D(68)},
    )
    row = {"indicator": broken_down, "value": D(120), "text": ""}
    services.progress_report_save(
        report=report,
        by=focal_a,
        summary="",
        activity_rows=[],
        actual_rows=[row],
        expected_version=report.version,
    )
    assert ActualPart.objects.filter(actual__report=report).count() == 2
    report.refresh_from_db()
    with pytest.raises(ValidationError):
        services.progress_report_save(
            report=report,
            by=focal_a,
            summary="",
            activity_rows=[],
            actual_rows=[{**row, "value": D(100)}],
            expected_version=report.version,
        )


@pytest.mark.django_db
def test_a_category_that_values_were_reported_in_cannot_be_removed(
    cycle, coordinator, broken_down, by_sex, focal_a, periods
):
    sex = categories(by_sex)
    save_actual(
        report_of(focal_a, periods[0]),
        focal_a,
        broken_down,
        None,
        {sex["Female"].pk: D(52), sex["Male"].pk: D(68)},
    )
    with pytest.raises(ValidationError) as error:
        services.breakdown_save(
            cycle=cycle,
            by=coordinator,
            breakdown=by_sex,
            dimension="sex",
            name="Sex",
            categories=[{"label": "Female", "category": sex["Female"]}],
        )
    assert "Values were reported in a category you removed" in str(error.value)


# The pages


def _report_post(report, indicator, **fields):
    data = {"version": report.version, "summary": "", "save": "1"}
    data.update({f"i{indicator.pk}-{name}": value for name, value in fields.items()})
    return data


@pytest.mark.django_db
def test_the_focal_point_is_told_when_the_values_by_sex_disagree_with_the_total(
    client, cycle, broken_down, by_sex, focal_a, periods
):
    sex = categories(by_sex)
    report = report_of(focal_a, periods[0])
    client.force_login(focal_a)
    page = client.get(url(cycle, "report-detail", report_pk=report.pk)).content.decode()
    assert "By Sex" in page and f'name="i{broken_down.pk}-part_{sex["Female"].pk}"' in page
    response = client.post(
        url(cycle, "report-detail", report_pk=report.pk),
        _report_post(
            report,
            broken_down,
            value="130",
            **{f"part_{sex['Female'].pk}": "52", f"part_{sex['Male'].pk}": "68"},
        ),
    )
    assert response.status_code == 200
    assert "The values by “Sex” add up to 120, not to the total of 130" in response.content.decode()
    assert not IndicatorActual.objects.filter(report=report).exists()


@pytest.mark.django_db
def test_the_values_by_sex_of_an_accepted_report_show_on_the_indicators_and_in_their_file(
    client, cycle, broken_down, by_sex, focal_a, coordinator, periods
):
    sex = categories(by_sex)
    report = report_of(focal_a, periods[0])
    client.force_login(focal_a)
    response = client.post(
        url(cycle, "report-detail", report_pk=report.pk),
        _report_post(
            report,
            broken_down,
            value="",
            **{f"part_{sex['Female'].pk}": "52", f"part_{sex['Male'].pk}": "68"},
        ),
    )
    assert response.status_code == 302
    services.progress_report_submit(report=report, by=focal_a)
    services.progress_report_accept(report=report, by=coordinator)
    client.force_login(coordinator)
    page = client.get(url(cycle, "indicator-list")).content.decode()
    assert "100 / 120" in page
    assert "Sex: Female 52 · Male 68" in page
    assert "4.2.1-i1 by Sex" in page  # the chart's title
    workbook = load_workbook(
        io.BytesIO(client.get(url(cycle, "indicator-list") + "?format=xlsx").content)
    )
    assert [c.value for c in workbook["Indicators"][3]][-2] == "Broken down by"
    assert workbook["Indicators"].cell(row=4, column=12).value == "Sex"
    rows = [[c.value for c in row] for row in workbook["By category"].iter_rows(min_row=4)]
    assert rows == [
        ["4.2.1-i1", "2021 H2", "Sex", "Female", 52, 120],
        ["4.2.1-i1", "2021 H2", "Sex", "Male", 68, 120],
    ]


@pytest.mark.django_db
def test_the_hxl_row_of_the_cycle_export_carries_each_categorys_attributes(
    cycle, broken_down, by_sex, focal_a, coordinator, periods
):
    sex = categories(by_sex)
    report = save_actual(
        report_of(focal_a, periods[0]),
        focal_a,
        broken_down,
        None,
        {sex["Female"].pk: D(52), sex["Male"].pk: D(68)},
    )
    services.progress_report_submit(report=report, by=focal_a)
    services.progress_report_accept(report=report, by=coordinator)
    _name, content = build.build_export(cycle, fmt="xlsx", language="en", hxl=True)
    workbook = load_workbook(io.BytesIO(content))
    sheet = next(
        workbook[name] for name in workbook.sheetnames if name.startswith("Indicator targets")
    )
    header, hashtags = ([c.value for c in row] for row in sheet.iter_rows(max_row=2))
    assert header[-2:] == ["Sex: Female", "Sex: Male"]
    assert hashtags[-2:] == ["#indicator+value+num+f", "#indicator+value+num+m"]
    actual = next(
        [c.value for c in row] for row in sheet.iter_rows(min_row=3) if row[2].value == "Actual"
    )
    assert actual[3] == 120 and actual[-2:] == [52, 68]
    indicators = next(workbook[n] for n in workbook.sheetnames if n == "Indicators")
    labels = [c.value for c in indicators[1]]
    assert indicators.cell(row=3, column=labels.index("Broken down by") + 1).value == "Sex"


@pytest.mark.django_db
def test_the_coordinator_adds_a_breakdown_by_age_group_with_the_standard_categories(
    client, cycle, coordinator
):
    client.force_login(coordinator)
    form = client.get(url(cycle, "breakdown-create")).content.decode()
    # categories are added in the page, without saving first
    assert 'data-formset="categories"' in form and "Add a category" in form
    assert 'name="categories-__prefix__-label"' in form.split("<template data-formset-empty>")[1]
    response = client.post(
        url(cycle, "breakdown-create"),
        {
            "dimension": "age",
            "name": "Age group",
            "name_tr": "Yaş grubu",
            "categories-TOTAL_FORMS": "2",
            "categories-INITIAL_FORMS": "0",
            "categories-0-label": "",
            "categories-1-label": "",
        },
    )
    assert response.status_code == 302
    page = client.get(url(cycle, "indicator-list")).content.decode()
    assert "Age group" in page
    assert "0-17 years <code>+age0_17</code>" in page


@pytest.mark.django_db
def test_only_the_coordinator_edits_breakdowns(client, cycle, by_sex, focal_a, observer):
    for person in (focal_a, observer):
        client.force_login(person)
        assert client.get(url(cycle, "breakdown-edit", breakdown_pk=by_sex.pk)).status_code == 403
        assert client.post(url(cycle, "breakdown-create"), {"name": "X"}).status_code == 403


@pytest.mark.django_db
def test_a_breakdown_of_another_cycle_is_not_found(client, cycle, other_cycle, coordinator):
    theirs = services.breakdown_save(
        cycle=other_cycle,
        by=_coordinator_of(other_cycle),
        dimension="sex",
        name="Sex",
    )
    client.force_login(coordinator)
    assert client.get(url(cycle, "breakdown-edit", breakdown_pk=theirs.pk)).status_code == 404


def _coordinator_of(cycle):
    from gcmhub.core.permissions import Role
    from gcmhub.tests.factories import MembershipFactory

    return MembershipFactory(network=cycle.network, role=Role.COORDINATOR).user


@pytest.mark.django_db
def test_the_indicator_list_reads_breakdowns_in_a_constant_number_of_queries(
    cycle, coordinator, broken_down, by_sex, periods, django_assert_max_num_queries
):
    services.breakdown_save(cycle=cycle, by=coordinator, dimension="age", name="Age group")
    with django_assert_max_num_queries(8):
        indicators = selectors.indicators_of(cycle, periods)
        [b.display_name for i in indicators for b in i.sorted_breakdowns]
        [c.display_label for b in selectors.breakdowns_of(cycle) for c in b.categories.all()]


@pytest.mark.django_db
def test_the_charts_cover_every_indicator_of_the_cycle_not_only_those_of_the_page(
    client, cycle, broken_down, by_sex, focal_a, coordinator, periods, monkeypatch
):
    from gcmhub.workplan import views

    monkeypatch.setattr(views, "PAGE_SIZE", 1)  # one indicator a page: 4.2.1-i2 on the second
    second = services.indicator_save(
        cycle=cycle,
        by=coordinator,
        output=broken_down.output,
        code="4.2.1-i2",
        name="Officers trained",
        kind="numeric",
        unit="persons",
        baseline_value=D(0),
        reported_by=broken_down.reported_by,
        breakdowns=[by_sex],
    )
    sex = categories(by_sex)
    report = report_of(focal_a, periods[0])
    services.progress_report_save(
        report=report,
        by=focal_a,
        summary="",
        activity_rows=[],
        actual_rows=[
            {"indicator": indicator, "value": None, "text": "", "parts": parts}
            for indicator, parts in [
                (broken_down, {sex["Female"].pk: D(52), sex["Male"].pk: D(68)}),
                (second, {sex["Female"].pk: D(7), sex["Male"].pk: D(9)}),
            ]
        ],
        expected_version=report.version,
    )
    report.refresh_from_db()
    services.progress_report_submit(report=report, by=focal_a)
    client.force_login(coordinator)
    page = client.get(url(cycle, "indicator-list")).content.decode()
    assert "Actual values by category" not in page  # nothing accepted yet
    services.progress_report_accept(report=report, by=coordinator)
    for n in (1, 2):
        page = client.get(url(cycle, "indicator-list"), {"page": n}).content.decode()
        table, charts = page.split("Actual values by category")
        assert f"Page {n} of 2" in table
        assert ("<strong>4.2.1-i1</strong>" in table, "<strong>4.2.1-i2</strong>" in table) == (
            n == 1,
            n == 2,
        )
        assert "Every indicator of the cycle with values by category" in charts
        for code, female, male in [("4.2.1-i1", 52, 68), ("4.2.1-i2", 7, 9)]:
            assert f">{code} by Sex</title>" in charts  # the chart's text alternative
            values = charts.split(f"The values of “{code} by Sex”")[1].split("</table>")[0]
            assert '<th scope="col">Female</th><th scope="col">Male</th>' in values
            assert f'<th scope="row">2021 H2</th><td>{female}</td><td>{male}</td>' in values
            assert '<th scope="row">2022 H1</th><td>—</td><td>—</td>' in values
    # Drawn once per change of their data: not again for the next reader.
    drawn = []
    monkeypatch.setattr(views, "breakdown_charts", lambda *args: drawn.append(1) or [])
    assert ">4.2.1-i2 by Sex</title>" in client.get(url(cycle, "indicator-list")).content.decode()
    assert drawn == []
