"""The cycle-page kit: what every page of a network or a cycle does the same way.

- `@cycle_page(Perm.X)` and `@network_page(Perm.X)` state a page's permission on its definition
  line, resolve the network (and the cycle) from the URL through the access helpers (404 outside
  the user's networks, 403 without the permission) and call the view with the objects:

      @cycle_page(Perm.INPUT_REVIEW)
      def input_list(request, network, cycle): ...

- `form_errors` puts a service's refusal on a form; `form_page`, `act_and_back` and
  `delete_and_back` are the shared edit, action and delete flows (`record_initial` fills an
  edit form from its record, `delete_requested` tells its delete button); `cycle_redirect` /
  `cycle_reverse` name a page of a cycle, `with_query` goes back to its page and filters.
"""

from functools import wraps

from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS, FieldDoesNotExist, ValidationError
from django.forms.models import model_to_dict
from django.http import QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse

from gcmhub.core.access import cycle_for_request, network_for_request, require
from gcmhub.core.feedback import report_errors
from gcmhub.core.permissions import Perm


def network_page(perm: Perm):
    """Decorate `view(request, network, **kwargs)` of a URL with `network_slug`."""

    def decorate(view):
        @wraps(view)
        def page(request, network_slug, **kwargs):
            network = network_for_request(request, network_slug)
            require(request.user, perm, network=network)
            return view(request, network, **kwargs)

        page.permission = perm
        return page

    return decorate


def cycle_page(perm: Perm):
    """Decorate `view(request, network, cycle, **kwargs)` of a URL with `network_slug` and
    `cycle_pk`: the cycle is resolved within the user's network before the permission is
    checked, so another network's cycle is a 404, never a 403."""

    def decorate(view):
        @wraps(view)
        def page(request, network_slug, cycle_pk, **kwargs):
            network = network_for_request(request, network_slug)
            cycle = cycle_for_request(request, network, cycle_pk)
            require(request.user, perm, network=network)
            return view(request, network, cycle, **kwargs)

        page.permission = perm
        return page

    return decorate


def cycle_reverse(name: str, cycle, **kwargs) -> str:
    return reverse(
        name, kwargs={"network_slug": cycle.network.slug, "cycle_pk": cycle.pk, **kwargs}
    )


def cycle_redirect(name: str, cycle, **kwargs):
    return redirect(cycle_reverse(name, cycle, **kwargs))


def with_query(url: str, query: str, *, anchor: str = "") -> str:
    """`url` with `query`, the query string (page, filters) a form posted back from the page it
    was on, and `#anchor`: a form without JavaScript returns to the page it was sent from. The
    query is parsed and encoded again, so that it stays a query string on `url`."""
    query = QueryDict(query).urlencode()
    return f"{url}{'?' + query if query else ''}{'#' + anchor if anchor else ''}"


def form_errors(form, error: ValidationError) -> None:
    """Put a service's `ValidationError` on `form`: a message naming one of the form's fields
    goes on that field, any other is a non-field error (prefixed with the name it gave, so
    nothing is lost). Safe where `form.add_error(None, error)` raises for unknown fields."""
    if not hasattr(error, "error_dict"):
        for message in error.messages:
            form.add_error(None, message)
        return
    for name, errors in error.error_dict.items():
        messages_ = ValidationError(errors).messages
        if name in form.fields:
            for message in messages_:
                form.add_error(name, message)
        else:
            for message in messages_:
                label = _label(form, name)
                form.add_error(None, f"{label}: {message}" if label else message)


def _label(form, name: str) -> str:
    """The translated name of a model field the form does not show ("" if there is none)."""
    model = getattr(getattr(form, "_meta", None), "model", None)
    if name == NON_FIELD_ERRORS or model is None:
        return ""
    try:
        return str(model._meta.get_field(name).verbose_name).capitalize()
    except FieldDoesNotExist:  # not a field of the model: the message alone says it
        return ""


def form_page(
    request,
    *,
    network,
    cycle,
    form,
    save,
    success,
    title,
    back: str,
    section: str,
    template: str = "core/form_page.html",
    **extra,
):
    """The edit pages' shared flow: on a valid POST call `save(cleaned_data)` (a service) and go
    back with `success` (a text, or a function of what was saved); otherwise show the form, with
    the service's refusal on it."""
    if request.method == "POST" and form.is_valid():
        try:
            saved = save(form.cleaned_data)
        except ValidationError as error:
            form_errors(form, error)
        else:
            messages.success(request, success(saved) if callable(success) else success)
            return redirect(back)
    context = {
        "network": network,
        "cycle": cycle,
        "section": section,
        "form": form,
        "title": title,
        "back": back,
        **extra,
    }
    return render(request, template, context)


def history_page(request, record, rows, *, back: str, section: str = "", show_object=False):
    """The history page of `record`: its `rows` (from `core.history`) and a link `back`."""
    context = {"object": record, "rows": rows, "back_url": back}
    if show_object:
        context["show_object"] = True
    if section:
        context["section"] = section
    return render(request, "core/history.html", context)


def record_initial(record, form_class) -> dict | None:
    """The form's fields filled from the record (its many-to-many ones too), None for a new one."""
    if record is None:
        return None
    return model_to_dict(record, fields=list(form_class.base_fields))


def delete_requested(request, record) -> bool:
    """Whether the request is the delete button of an existing record's edit page."""
    return record is not None and request.method == "POST" and "delete" in request.POST


def act_and_back(request, act, success, back: str):
    """Call `act()` (a service) and go back with `success` (a text, or a function of what `act`
    returned), or with its refusal: the flow of the pages' action buttons."""
    try:
        done = act()
    except ValidationError as error:
        report_errors(request, error)
    else:
        messages.success(request, success(done) if callable(success) else success)
    return redirect(back)


def delete_and_back(request, delete, success: str, back: str):
    """Call `delete()` (a service) and go back with `success`, or with its refusal."""
    return act_and_back(request, delete, success, back)
