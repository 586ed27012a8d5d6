"""Form widgets shared by every app."""

from django import forms
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe


def _attrs(attrs: dict) -> str:
    """The attributes as Django's `attrs.html` writes them (True: the name alone)."""
    parts = []
    for name, value in attrs.items():
        if value is False or value is None:
            continue
        parts.append(f" {name}" if value is True else f' {name}="{conditional_escape(value)}"')
    return "".join(parts)


def _option(option: dict) -> str:
    """One tick box, as `input_option.html` writes it: the input inside its label."""
    value = option["value"]
    field = format_html(
        '<input type="{}" name="{}"{}',
        option["type"],
        option["name"],
        format_html(' value="{}"', value) if value is not None else "",
    )
    field = f"{field}{_attrs(option['attrs'])}>\n"
    if not option["wrap_label"]:
        return field + "\n"
    target = option["attrs"].get("id")
    label_for = format_html(' for="{}"', target) if target else ""
    return f"<label{label_for}>{field} {conditional_escape(option['label'])}</label>\n"


def options_html(widget: dict) -> str:
    """The list of tick boxes, in the markup of Django's `multiple_input.html`, written here
    rather than by a template include per option: an organisation picker of a large network
    has hundreds of options, and an include each cost a page a tenth of a second."""
    id_ = widget["attrs"].get("id")
    css = widget["attrs"].get("class")
    parts = [
        "<div",
        format_html(' id="{}"', id_) if id_ else "",
        format_html(' class="{}"', css) if css else "",
        ">",
    ]
    for group, options, _index in widget["optgroups"]:
        if group:
            parts.append(format_html("\n  <div><label>{}</label>", group))
        parts.extend(f"<div>\n    {_option(option)}\n</div>" for option in options)
        if group:
            parts.append("\n  </div>")
    parts.append("\n</div>")
    return mark_safe("".join(parts))  # every value above is escaped


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
        context["widget"]["options_html"] = options_html(context["widget"])
        return context
