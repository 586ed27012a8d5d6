"""Telling the user what went wrong, as messages on the next page."""

from django.contrib import messages
from django.core.exceptions import ValidationError


def report_errors(request, error: ValidationError) -> None:
    """Show each message of a service's ValidationError."""
    for message in error.messages:
        messages.error(request, message)


def report_form_errors(request, form) -> None:
    """Show a form's errors (for forms posted from a page that does not re-render them),
    each with the label of its field."""
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else ""
        for error in errors:
            messages.error(request, f"{label}: {error}" if label else error)
