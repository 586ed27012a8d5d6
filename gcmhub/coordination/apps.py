import datetime as dt

from django.utils.translation import gettext_lazy as _

from gcmhub.core import stages


def register_texts() -> None:
    """The SOP rules' title and task have editions in two languages (issue 15)."""
    from gcmhub.coordination.models import SopRule
    from gcmhub.core.pages import cycle_reverse
    from gcmhub.editions.access import may_translate_in
    from gcmhub.editions.registry import Paired, changed_in_history, register, register_cycle_texts

    register(
        Paired(
            model=SopRule,
            fields=("title", "task"),
            language=lambda rule: rule.language,
            cycle=lambda rule: rule.cycle,
            may_translate=lambda user, rule: may_translate_in(user, rule.cycle),
            label=lambda rule: _("SOP rule “%(title)s”") % {"title": rule.title},
            url=lambda rule: cycle_reverse("sop-rule-edit", rule.cycle, rule_pk=rule.pk),
            changed=changed_in_history,
            select_related=("cycle__network",),
        )
    )
    register_cycle_texts(_cycle_rules)


def _cycle_rules(cycle):
    from gcmhub.coordination.models import SopRule

    return SopRule.objects.filter(cycle=cycle).select_related("cycle__network")


class CoordinationConfig(stages.StageApp):
    name = "gcmhub.coordination"
    label = "coordination"
    verbose_name = _("Coordination")

    def ready(self):
        from gcmhub.coordination.tor import register_terms_of_reference

        super().ready()
        register_terms_of_reference()
        register_texts()
        from gcmhub.coordination import todo
        from gcmhub.core import schedule

        todo.register()

        # Every morning, through the task queue (core.schedule); the command is for cron.
        schedule.register(
            schedule.Entry(
                name="obligation-reminders",
                at=dt.time(7, 0),
                send="gcmhub.coordination.services.obligation_reminders_send",
            )
        )
