from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from gcmhub.core.models import Horizon
from gcmhub.regions.access import get_region_for_user, get_regions_for_user
from gcmhub.regions.aggregates import region_aggregates
from gcmhub.regions.charts import horizons_chart_svg


@require_safe
def region_list(request):
    """The regions the user coordinates; a page that does not exist for anyone else."""
    regions = get_regions_for_user(request.user)
    return render(request, "regions/region_list.html", {"regions": regions})


@require_safe
def region_detail(request, region_slug):
    """Read-only aggregates of the final reports of the region's networks, never drafts."""
    region = get_region_for_user(request.user, region_slug)
    data = region_aggregates(region=region)
    chart = ""
    if data.with_final:
        chart = horizons_chart_svg(
            data.objectives,
            title=_("Networks that put each GCM objective in each horizon"),
            value_label=_("Networks with a final report"),
            names=[label for _value, label in Horizon.choices],
            max_value=data.with_final,
        )
    return render(request, "regions/region_detail.html", {"data": data, "chart": chart})
