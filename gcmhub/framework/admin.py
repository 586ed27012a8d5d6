from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from gcmhub.framework.models import (
    Action,
    CooperationFramework,
    FrameworkOutcome,
    GuidingPrinciple,
    MgiDomain,
    Objective,
    ObjectiveTarget,
    RoundTable,
    SdgGoal,
    SdgTarget,
    StrategicPriority,
)


class ReadOnlyAdmin(admin.ModelAdmin):
    """GCM reference data is shipped with gcmhub (a data migration): it is read, not edited."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class ActionInline(ReadOnlyInline):
    model = Action
    fields = ["letter", "gist_en", "gist_tr"]


class ObjectiveTargetInline(ReadOnlyInline):
    model = ObjectiveTarget
    fields = ["target", "status", "confidence", "indicators"]


@admin.register(Objective)
class ObjectiveAdmin(ReadOnlyAdmin):
    list_display = ["number", "title_en", "title_tr", "round_table"]
    list_filter = ["round_table"]
    search_fields = ["title_en", "title_tr"]
    inlines = [ActionInline, ObjectiveTargetInline]


@admin.register(GuidingPrinciple)
class GuidingPrincipleAdmin(ReadOnlyAdmin):
    list_display = ["order", "name_en", "name_tr", "gcm_ref"]


@admin.register(RoundTable)
class RoundTableAdmin(ReadOnlyAdmin):
    list_display = ["number", "theme_en"]


@admin.register(SdgGoal)
class SdgGoalAdmin(ReadOnlyAdmin):
    list_display = ["number", "name_en", "name_tr"]


@admin.register(SdgTarget)
class SdgTargetAdmin(ReadOnlyAdmin):
    list_display = ["code", "goal"]


@admin.register(ObjectiveTarget)
class ObjectiveTargetAdmin(ReadOnlyAdmin):
    list_display = ["objective", "target", "status", "confidence"]
    list_filter = ["status", "confidence"]


@admin.register(MgiDomain)
class MgiDomainAdmin(ReadOnlyAdmin):
    list_display = ["number", "name_en", "name_tr"]


class OutcomeInline(admin.TabularInline):
    model = FrameworkOutcome
    extra = 0


@admin.register(CooperationFramework)
class CooperationFrameworkAdmin(SimpleHistoryAdmin):
    list_display = ["title", "cycle", "start_year", "end_year"]


@admin.register(StrategicPriority)
class StrategicPriorityAdmin(SimpleHistoryAdmin):
    list_display = ["number", "name", "framework"]
    inlines = [OutcomeInline]
