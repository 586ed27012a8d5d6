"""The words of the SOPs, written from their rules in the active language: the same rules
that make the obligations make the text of the terms of reference."""

import datetime as dt

from django.utils import formats
from django.utils.dates import MONTHS
from django.utils.text import get_text_list
from django.utils.translation import gettext as _

from gcmhub.coordination.models import Responsible, SopKind, SopRule

QUARTERS = [{3, 6, 9, 12}, {1, 4, 7, 10}, {2, 5, 8, 11}]


def when_text(rule: SopRule) -> str:
    """e.g. "by 15 July and 15 January each year", "every month, by the 31st"."""
    parts = []
    months = sorted(set(rule.months))
    if len(months) == 12:
        parts.append(_("every month, by day %(day)d") % {"day": rule.day})
    elif set(months) in QUARTERS:
        parts.append(
            _("every quarter, by day %(day)d of %(months)s")
            % {"day": rule.day, "months": get_text_list([str(MONTHS[m]) for m in months], _("and"))}
        )
    elif months:
        days = [
            formats.date_format(dt.date(2001, m, min(rule.day, 28 if m == 2 else rule.day)), "j F")
            for m in months
        ]
        parts.append(_("by %(dates)s each year") % {"dates": get_text_list(days, _("and"))})
    if rule.dates:
        dates = [formats.date_format(dt.date.fromisoformat(d)) for d in sorted(rule.dates)]
        parts.append(_("by %(dates)s") % {"dates": get_text_list(dates, _("and"))})
    return "; ".join(parts)


def who_text(rule: SopRule, organisations=None) -> str:
    if rule.responsible == Responsible.SECRETARIAT:
        return _("The network coordinator")
    if rule.responsible == Responsible.LEADS:
        return _("Each organisation leading an activity of the work plan")
    if rule.responsible == Responsible.MEMBERS:
        return _("Each organisation of the network")
    chosen = organisations if organisations is not None else rule.organisations.all()
    return get_text_list([o.label for o in chosen], _("and")) or _("The organisations chosen")


def sop_sentences(rule: SopRule, organisations=None) -> list[str]:
    """The rule in sentences: who does what, when, and for a meeting who chairs and takes the
    minutes; for a report, to whom it goes."""
    sentences = [
        _("%(who)s: %(task)s, %(when)s.")
        % {"who": who_text(rule, organisations), "task": rule.display_task, "when": when_text(rule)}
    ]
    if rule.kind == SopKind.COORDINATION:
        if rule.working_group_id:
            sentences.append(
                _("The body that meets: %(body)s.") % {"body": rule.working_group.display_name}
            )
        if rule.chair_id:
            sentences.append(_("Chair: %(organisation)s.") % {"organisation": rule.chair.label})
        if rule.minutes_by_id:
            sentences.append(
                _("Minutes: %(organisation)s.") % {"organisation": rule.minutes_by.label}
            )
    if rule.kind in (SopKind.REPORTING, SopKind.MONITORING):
        recipient = rule.recipient.label if rule.recipient_id else _("the network coordinator")
        sentences.append(_("Sent to %(recipient)s.") % {"recipient": recipient})
    return sentences
