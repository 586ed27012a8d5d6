"""Form widgets shared by every app."""

from django import forms


class CheckboxPicker(forms.CheckboxSelectMultiple):
    """A choice of several records: a list of tick boxes that works as it is without scripts,
    which static/gcmhub/picker.js turns into a searchable list (a filter box, a count and the
    names of the records ticked, kept in sight while the list scrolls)."""

    template_name = "core/widgets/checkbox_picker.html"

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        chosen = [
            str(option["label"]).strip()  # without the tree's indent
            for _group, options, _index in context["widget"]["optgroups"]
            for option in options
            if option["selected"]
        ]
        context["widget"]["chosen"] = chosen
        return context
