import django_filters
from django.utils.translation import gettext_lazy as _

from gcmhub.core.i18n import search_filter
from gcmhub.framework.models import Objective, RoundTable, SdgTarget


class ObjectiveFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    round_table = django_filters.ModelChoiceFilter(
        label=_("IMRF round table"),
        queryset=RoundTable.objects.order_by("number"),
        empty_label=_("All round tables"),
    )
    target = django_filters.ModelChoiceFilter(
        label=_("SDG target"),
        field_name="target_links__target",
        queryset=SdgTarget.objects.order_by("sort_key"),
        empty_label=_("All SDG targets"),
        distinct=True,
    )

    class Meta:
        model = Objective
        fields = ["q", "round_table", "target"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["round_table"].field.label_from_instance = lambda rt: (
            _("Round table %(number)s: %(theme)s") % {"number": rt.number, "theme": rt.theme}
        )

    def search(self, queryset, name, value):
        value = value.strip()
        if value.isdigit():
            return queryset.filter(number=int(value))
        return search_filter(
            queryset,
            value,
            [
                "title_en",
                "title_tr",
                "short_label_en",
                "short_label_tr",
                "actions__gist_en",
                "actions__gist_tr",
            ],
        )
