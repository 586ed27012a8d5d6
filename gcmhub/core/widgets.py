"""Form widgets shared by every app."""

import html

from django import forms
from django.utils.safestring import mark_safe


def _escape(value) -> str:
    """`conditional_escape`, without its lazy wrappers (called for every option)."""
    if hasattr(value, "__html__"):
        return value.__html__()
    return html.escape(str(value))


def _attrs(attrs: dict) -> str:
    """The attributes as Django's `attrs.html` writes them (True: the name alone)."""
    parts = []
    for name, value in attrs.items():
        if value is False:  # as attrs.html: None is written "None"
            continue
        parts.append(f" {name}" if value is True else f' {name}="{_escape(value)}"')
    return "".join(parts)


def _option(option: dict) -> str:
    """One tick box, as `input_option.html` writes it: the input inside its label."""
    value = option["value"]
    field = f'<input type="{_escape(option["type"])}" name="{_escape(option["name"])}"'
    if value is not None:
        field += f' value="{_escape(value)}"'
    field = f"{field}{_attrs(option['attrs'])}>\n"
    if not option["wrap_label"]:
        return field + "\n"
    target = option["attrs"].get("id")
    label_for = f' for="{_escape(target)}"' if target else ""
    return f"<label{label_for}>{field} {_escape(option['label'])}</label>\n"


def options_html(widget: dict) -> str:
    """The list of tick boxes, in the markup of Django's `multiple_input.html`, written here
    rather than by a template include per option: an organisation picker of a large network
    has hundreds of options, and an include each cost a page a tenth of a second."""
    id_ = widget["attrs"].get("id")
    css = widget["attrs"].get("class")
    parts = [
        "<div",
        f' id="{_escape(id_)}"' if id_ else "",
        f' class="{_escape(css)}"' if css else "",
        ">",
    ]
    for group, options, _index in widget["optgroups"]:
        if group:
            parts.append(f"\n  <div><label>{_escape(group)}</label>")
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
        return context


def select_options_html(widget: dict) -> str:
    """The options of a list box, in the markup of Django's `select.html`, written here rather
    than by a template include per option (a list of every organisation of a large network)."""
    parts = []
    for group, options, _index in widget["optgroups"]:
        if group:
            parts.append(f'\n  <optgroup label="{_escape(group)}">')
        parts.extend(
            f'\n  <option value="{_escape(option["value"])}"{_attrs(option["attrs"])}>'
            f"{_escape(option['label'])}</option>\n"
            for option in options
        )
        if group:
            parts.append("\n  </optgroup>")
    return mark_safe("".join(parts))  # every value above is escaped
