"""Choosing several records: tick boxes in a searchable list, never a Ctrl-click list box
(issue 16)."""

import importlib
import inspect

from django import forms
from django.apps import apps

from gcmhub.core.widgets import CheckboxPicker
from gcmhub.tests.roundtrip import parse_forms


class Choice(forms.Form):
    organisations = forms.MultipleChoiceField(
        label="Lead organisations",
        choices=[("1", "DGMM"), ("2", "\u2003Department of Combating Irregular Migration")],
        widget=CheckboxPicker,
    )


def test_the_picker_is_a_list_of_labelled_tick_boxes_that_names_what_is_chosen():
    html = Choice(initial={"organisations": ["2"]}).as_div()
    assert "<legend>Lead organisations:</legend>" in html
    assert 'type="checkbox" name="organisations" value="1" id="id_organisations_0"' in html
    assert 'value="2" id="id_organisations_1" checked' in html
    # what is chosen is said above the list, so it stays in sight when the list scrolls
    assert "Chosen: <strong data-picker-count>1</strong>" in html
    assert "Department of Combating Irregular Migration</span>" in html
    # the filter box is for the script to show: without it, a plain list of tick boxes
    assert "data-picker-tools hidden" in html
    assert '<label class="picker-filter-label" for="id_organisations_filter">' in html


def test_the_picker_posts_as_tick_boxes_do():
    html = "<form method=post>" + Choice(initial={"organisations": ["1", "2"]}).as_div() + "</form>"
    (form,) = parse_forms(html)
    assert form.data() == {"organisations": ["1", "2"]}


def _form_classes():
    for config in apps.get_app_configs():
        if not config.name.startswith("gcmhub."):
            continue
        try:
            module = importlib.import_module(f"{config.name}.forms")
        except ModuleNotFoundError:
            continue
        for _name, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, forms.BaseForm) and cls.__module__ == module.__name__:
                yield cls


def test_no_form_of_the_product_offers_a_ctrl_click_list_box():
    boxes = [
        f"{cls.__module__}.{cls.__name__}.{name}"
        for cls in _form_classes()
        for name, field in cls.base_fields.items()
        if isinstance(field.widget, forms.SelectMultiple)
        and not isinstance(field.widget, forms.CheckboxSelectMultiple)
    ]
    assert boxes == []


def test_the_lists_people_choose_records_from_are_searchable():
    from gcmhub.documents.forms import RecommendationForm, ReviewForm
    from gcmhub.priorities.forms import DecisionForm
    from gcmhub.workplan.forms import ActivityForm

    chosen = {
        DecisionForm: ["lead_organisations", "supporting_organisations", "inputs", "sdg_targets"],
        RecommendationForm: ["inputs", "consultations", "objectives"],
        ActivityForm: ["lead_organisations", "partner_organisations", "sdg_targets"],
        ReviewForm: ["organisations"],
    }
    for cls, names in chosen.items():
        for name in names:
            assert isinstance(cls.base_fields[name].widget, CheckboxPicker), (cls, name)


def test_the_tick_boxes_are_written_as_django_writes_them():
    """The picker writes its options itself (fast); the markup is Django's, to the character."""
    from django.forms.renderers import get_default_renderer

    from gcmhub.core.widgets import options_html

    widget = CheckboxPicker(attrs={"class": "wide"})
    widget.choices = [
        ("Ministries", [("1", 'DG <Migration> & "Co"'), ("2", "\u2003Department")]),
        ("3", "UN agency's office"),
    ]
    context = widget.get_context("organisations", ["2", "3"], {"id": "id_organisations"})
    renderer = get_default_renderer()
    django_writes = renderer.render("django/forms/widgets/multiple_input.html", context)
    assert options_html(context["widget"]) == django_writes
    assert "DG &lt;Migration&gt; &amp; &quot;Co&quot;" in django_writes
    assert 'value="2" class="wide" id="id_organisations_0_1" checked' in django_writes
