from django import template

from gcmhub.regions.selectors import regions_for_user

register = template.Library()


@register.simple_tag
def coordinated_regions(user) -> list:
    """The regions `user` coordinates (every region for a superuser), for the home page."""
    return list(regions_for_user(user).order_by("name"))
