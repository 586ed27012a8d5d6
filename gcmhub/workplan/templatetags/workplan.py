from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def money(amounts) -> str:
    """{"USD": Decimal(1200)} as "USD 1,200" (one amount per currency), "—" when empty."""
    if not amounts:
        return "—"
    return "; ".join(
        f"{currency} {number_format(value, 0, force_grouping=True)}"
        for currency, value in sorted(amounts.items())
    )
