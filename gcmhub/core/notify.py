"""E-mails to people, each in their own language."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation


def send_templated(user, template: str, context: dict, attachments=()) -> None:
    """Send `<template>_subject.txt` and `<template>_body.txt` to `user`, in their language."""
    with translation.override(user.language):
        subject = render_to_string(f"{template}_subject.txt", context).strip()
        body = render_to_string(f"{template}_body.txt", {**context, "user": user})
    message = EmailMessage(subject, body, to=[user.email])
    for name, content, mimetype in attachments:
        message.attach(name, content, mimetype)
    message.send()


def cycle_url(cycle, name: str, **kwargs) -> str:
    """The absolute address of a page of `cycle`, for links in e-mails."""
    return settings.SITE_URL + reverse(
        name, kwargs={"network_slug": cycle.network.slug, "cycle_pk": cycle.pk, **kwargs}
    )
