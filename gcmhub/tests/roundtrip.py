"""Round-trip tools: read a page's form as a browser would submit it, and compare the database.

`page_form` parses the HTML the server rendered (not Django's form objects): every control the
browser would send with its current value, so a test posts back exactly what a person who
changed nothing would post. `snapshot` and `changes` compare every domain row (all fields,
many-to-many links included) before and after.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

from django.apps import apps

# Controls a browser never submits by themselves (submit buttons go only when clicked).
_NOT_SUBMITTED = {"button", "reset", "image", "submit"}


@dataclass
class Control:
    tag: str
    name: str
    type: str = ""
    value: str = ""
    checked: bool = False
    disabled: bool = False
    multiple: bool = False
    options: list[tuple[str, bool]] = field(default_factory=list)  # (value, selected)


@dataclass
class HtmlForm:
    action: str
    method: str
    enctype: str
    controls: list[Control] = field(default_factory=list)
    submits: list[Control] = field(default_factory=list)
    formactions: dict[str, str] = field(default_factory=dict)  # submit name -> formaction

    def data(self, submit: str | None = None) -> dict[str, list[str]]:
        """What the browser posts when the person clicks `submit` (by name; the first button
        when None): checked boxes only, selected options (the first when none is), textarea
        text with CRLF line ends, hidden fields, and the clicked button's name."""
        data: dict[str, list[str]] = {}

        def add(name, value):
            data.setdefault(name, []).append(value)

        for c in self.controls:
            if c.disabled or not c.name:
                continue
            if c.tag == "select":
                selected = [v for v, s in c.options if s]
                if not selected and not c.multiple and c.options:
                    selected = [c.options[0][0]]
                for v in selected:
                    add(c.name, v)
            elif c.tag == "textarea":
                add(c.name, re.sub(r"\r?\n", "\r\n", c.value))
            elif c.type in ("checkbox", "radio"):
                if c.checked:
                    add(c.name, c.value or "on")
            elif c.type == "file":
                continue  # an empty file part: Django ignores it, as if absent
            else:
                add(c.name, c.value)
        button = self.button(submit)
        if button is not None and button.name:
            add(button.name, button.value)
        return data

    def button(self, name: str | None = None) -> Control | None:
        for b in self.submits:
            if name is None or b.name == name:
                return b
        if name is not None:
            raise AssertionError(f"no submit button named {name!r} in the form")
        return None

    def names(self) -> set[str]:
        return {c.name for c in self.controls if c.name}


class _FormParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[HtmlForm] = []
        self._form: HtmlForm | None = None
        self._select: Control | None = None
        self._option: list | None = None  # [value or None, selected, text]
        self._textarea: Control | None = None
        self._template = 0  # inside <template>: inert, never submitted (formsets.js copies it)

    def handle_starttag(self, tag, attrs):
        a = {k: (v if v is not None else "") for k, v in attrs}
        if tag == "template":
            self._template += 1
        if self._template:
            return
        if tag == "form":
            self._form = HtmlForm(
                action=a.get("action", ""),
                method=a.get("method", "get").lower(),
                enctype=a.get("enctype", "application/x-www-form-urlencoded"),
            )
            self.forms.append(self._form)
            return
        if self._form is None:
            return
        disabled = "disabled" in a
        if tag == "input":
            kind = a.get("type", "text").lower()
            control = Control(
                "input",
                a.get("name", ""),
                kind,
                a.get("value", ""),
                checked="checked" in a,
                disabled=disabled,
            )
            if kind in ("submit", "image"):
                self._add_submit(control, a)
            elif kind not in _NOT_SUBMITTED:
                self._form.controls.append(control)
        elif tag == "button":
            if a.get("type", "submit").lower() == "submit" and not disabled:
                self._add_submit(
                    Control("button", a.get("name", ""), "submit", a.get("value", "")), a
                )
        elif tag == "select":
            self._select = Control(
                "select", a.get("name", ""), multiple="multiple" in a, disabled=disabled
            )
            self._form.controls.append(self._select)
        elif tag == "option" and self._select is not None:
            self._close_option()
            self._option = [a.get("value"), "selected" in a, ""]
        elif tag == "textarea":
            self._textarea = Control("textarea", a.get("name", ""), disabled=disabled)
            self._form.controls.append(self._textarea)

    def _add_submit(self, control, attrs):
        self._form.submits.append(control)
        if "formaction" in attrs:
            self._form.formactions[control.name] = attrs["formaction"]

    def _close_option(self):
        if self._option is not None and self._select is not None:
            value, selected, text = self._option
            self._select.options.append((value if value is not None else text.strip(), selected))
        self._option = None

    def handle_data(self, data):
        if self._template:
            return
        if self._option is not None:
            self._option[2] += data
        elif self._textarea is not None:
            self._textarea.value += data

    def handle_endtag(self, tag):
        if tag == "template":
            self._template -= 1
            return
        if self._template:
            return
        if tag == "form":
            self._form = None
        elif tag == "option":
            self._close_option()
        elif tag == "select":
            self._close_option()
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            # A newline right after <textarea> is not part of the value (HTML spec).
            if self._textarea.value.startswith("\r\n"):
                self._textarea.value = self._textarea.value[2:]
            elif self._textarea.value.startswith("\n"):
                self._textarea.value = self._textarea.value[1:]
            self._textarea = None


def parse_forms(html: str) -> list[HtmlForm]:
    parser = _FormParser()
    parser.feed(html)
    parser.close()
    return parser.forms


def page_form(response, *, action: str | None = None, submit: str | None = None) -> HtmlForm:
    """The POST form of the page posting to `action` (a path; the page itself when None).

    When several do (an edit form and its delete button), the one with the button named
    `submit`, else the one with the most fields."""
    page = response.wsgi_request.path
    target = action or page
    found = []
    for form in parse_forms(response.content.decode()):
        if form.method != "post":
            continue
        resolved = urlsplit(urljoin(page, form.action or page)).path
        if resolved == target:
            form.action = resolved
            found.append(form)
    assert found, f"{page} has no form posting to {target}"
    if submit is not None:
        found = [f for f in found if any(b.name == submit for b in f.submits)] or found
    return max(found, key=lambda f: len(f.controls))


def post_form(
    client, form: HtmlForm, *, submit: str | None = None, changes: dict | None = None, **options
):
    """Post the form as the browser would, with `changes` (name -> value or list) applied."""
    data = form.data(submit)
    for name, value in (changes or {}).items():
        if name not in data and name not in form.names():
            raise AssertionError(f"the form has no field {name!r}")
        if value is None:
            data.pop(name, None)
        else:
            data[name] = value if isinstance(value, list) else [value]
    action = form.formactions.get(submit, form.action) if submit else form.action
    if form.enctype == "multipart/form-data":
        return client.post(action, data, **options)
    from urllib.parse import urlencode

    return client.post(
        action,
        urlencode([(k, v) for k, values in data.items() for v in values]),
        content_type="application/x-www-form-urlencoded",
        **options,
    )


# Database snapshots


def domain_models():
    """Every model of gcmhub's apps, many-to-many tables included, history and sessions aside."""
    models = []
    for model in apps.get_models(include_auto_created=True):
        if not model.__module__.startswith("gcmhub.") and not (
            model._meta.auto_created and model._meta.auto_created.__module__.startswith("gcmhub.")
        ):
            continue
        if model.__name__.startswith("Historical") or "history" in model._meta.db_table:
            continue
        if model._meta.label == "core.FileJob":
            continue  # files the worker makes from the data (a new one when it changed)
        if model._meta.label == "notifications.Notification":
            continue  # who was told of a change (issue 16), not the change itself
        models.append(model)
    return models


def _value(obj, f):
    value = getattr(obj, f.attname)
    if hasattr(value, "name") and not isinstance(value, str):  # a FieldFile
        return value.name
    return value


def snapshot() -> dict:
    """{(model label, pk): {field: value}} for every domain row."""
    rows = {}
    for model in domain_models():
        fields = list(model._meta.concrete_fields)
        for obj in model._default_manager.all().order_by("pk"):
            rows[(model._meta.label, obj.pk)] = {f.attname: _value(obj, f) for f in fields}
    return rows


def history_count() -> int:
    """How many history records (django-simple-history) exist across every model."""
    return sum(
        model._default_manager.count()
        for model in apps.get_models()
        if model.__name__.startswith("Historical")
    )


def changes(before: dict, after: dict, *, ignore=()) -> set[tuple]:
    """(model label, pk, field) for every changed field; field "+" for a new row, "-" for a
    removed one. `ignore` holds field names that are bookkeeping (version counters, times)."""
    found = set()
    for key in before.keys() - after.keys():
        found.add((*key, "-"))
    for key in after.keys() - before.keys():
        found.add((*key, "+"))
    for key in before.keys() & after.keys():
        for name, value in before[key].items():
            if name not in ignore and after[key].get(name) != value:
                found.add((*key, name))
    return found
