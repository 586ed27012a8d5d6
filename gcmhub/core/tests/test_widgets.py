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


def _both_ways(widget, name, value, attrs) -> tuple[str, str]:
    """The widget as the project writes it (its renderer, the options written in Python) and
    as Django's own templates write it."""
    from django.forms.renderers import DjangoTemplates, get_default_renderer

    ours = widget.render(name, value, attrs, renderer=get_default_renderer())
    django_writes = widget.render(name, value, attrs, renderer=DjangoTemplates())
    return ours, django_writes


CHOICES = [
    ("", "---------"),
    ("Ministries", [("1", 'DG <Migration> & "Co"'), ("2", "\u2003Department")]),
    ("3", "UN agency's office"),
]


def test_tick_boxes_and_list_boxes_are_written_as_django_writes_them():
    """The project writes the options itself (fast); the markup is Django's, to the character."""
    attrs = {"id": "id_organisations", "required": True}
    for widget in (
        forms.Select(attrs={"class": "wide"}, choices=CHOICES),
        forms.SelectMultiple(choices=CHOICES),
        forms.CheckboxSelectMultiple(attrs={"class": "wide"}, choices=CHOICES),
        forms.RadioSelect(choices=CHOICES),
        CheckboxPicker(choices=CHOICES),
    ):
        value = ["2", "3"] if widget.allow_multiple_selected else "2"
        ours, django_writes = _both_ways(widget, "organisations", value, attrs)
        assert ours == django_writes, type(widget).__name__
        assert "DG &lt;Migration&gt; &amp; &quot;Co&quot;" in ours
        assert "UN agency&#x27;s office" in ours
    ours, _ = _both_ways(forms.Select(choices=CHOICES), "chair", "2", {"id": "id_chair"})
    assert '<option value="2" selected>\u2003Department</option>' in ours
    ours, _ = _both_ways(CheckboxPicker(choices=CHOICES), "organisations", ["2"], attrs)
    assert 'value="2" id="id_organisations_1_1" required checked' in ours
