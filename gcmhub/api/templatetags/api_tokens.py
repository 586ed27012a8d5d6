"""The API-token section of the profile page (core's profile view knows nothing of the API)."""

from django import template
from django.utils import timezone

from gcmhub.api import selectors
from gcmhub.api.forms import TokenCreateForm

register = template.Library()


@register.inclusion_tag("api/token_section.html", takes_context=True)
def api_token_section(context, docs_url):
    user = context["request"].user
    return {
        "request": context["request"],
        "csrf_token": context.get("csrf_token"),
        "docs_url": docs_url,
        "tokens": selectors.tokens_for_user(user),
        "notice": selectors.token_notice_for_user(user),
        "form": TokenCreateForm(),
        "now": timezone.now(),
    }
