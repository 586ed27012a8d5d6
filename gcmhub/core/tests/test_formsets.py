"""Tables of rows offer "Add a row" without saving (issue 16): the formset's empty row is
served in a <template> for static/gcmhub/formsets.js to copy; browsers never submit it."""

from django.template.loader import render_to_string

from gcmhub.assessments.forms import NeedFormSet
from gcmhub.tests.roundtrip import parse_forms


def _page():
    formset = NeedFormSet(prefix="needs", initial=[{"type": "policy", "description": "A law."}])
    rows = render_to_string("assessments/_rows.html", {"formset": formset})
    return f'<form method="post">{rows}</form>'


def test_the_table_of_rows_carries_its_empty_row_and_the_button():
    html = _page()
    assert 'data-formset="needs"' in html
    assert "<template data-formset-empty><tr>" in html
    assert 'name="needs-__prefix__-description"' in html
    # the button is for the script to show; without it, saving brings new empty rows
    assert '<p class="formset-add" data-formset-tools hidden><button type="button"' in html
    assert "Add a row" in html


def test_the_empty_row_is_not_posted():
    (form,) = parse_forms(_page())
    names = form.names()
    assert "needs-TOTAL_FORMS" in names
    assert "needs-0-description" in names
    assert not [name for name in names if "__prefix__" in name]
    assert form.data()["needs-TOTAL_FORMS"] == ["3"]
