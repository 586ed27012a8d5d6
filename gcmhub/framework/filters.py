import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

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
        condition = (
            Q(title_en__icontains=value)
            | Q(title_tr__icontains=value)
            | Q(short_label_en__icontains=value)
            | Q(short_label_tr__icontains=value)
            | Q(actions__gist_en__icontains=value)
            | Q(actions__gist_tr__icontains=value)
        )
        if value.isdigit():
            condition |= Q(number=int(value))
        return queryset.filter(condition).distinct()
