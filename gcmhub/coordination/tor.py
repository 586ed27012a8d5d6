"""The network's terms of reference as a kind of document: its default outline and its data
sections (membership, working groups, SOPs), registered with the document engine."""

from django.db.models import Prefetch
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gcmhub.coordination.models import SopKind, SopRule, WorkingGroup
from gcmhub.coordination.sop import sop_sentences
from gcmhub.core.i18n import sort_key
from gcmhub.core.permissions import Role
from gcmhub.directory.models import Membership
from gcmhub.documents.kinds import Kind, Part, register_kind
from gcmhub.editions.texts import edition, language_name, prefetch

TERMS_OF_REFERENCE = "terms_of_reference"
MEMBERSHIP, WORKING_GROUPS, SOPS = "membership", "working_groups", "sops"

OUTLINE = [
    ("background", "narrative", "Background and purpose", "Arka plan ve amaç"),
    ("mandate", "narrative", "Mandate and scope", "Görev ve kapsam"),
    ("membership", "membership", "Membership", "Üyelik"),
    ("structure", "working_groups", "Structure and working groups", "Yapı ve çalışma grupları"),
    (
        "sops",
        "sops",
        "Working modalities: standard operating procedures",
        "Çalışma usulleri: standart çalışma usulleri (SOP)",
    ),
    ("decision-making", "narrative", "Decision making", "Karar alma"),
    (
        "review",
        "narrative",
        "Review of these terms of reference",
        "Görev ve çalışma esaslarının gözden geçirilmesi",
    ),
]


def _membership(data) -> dict:
    network = data.cycle.network
    memberships = (
        Membership.objects.filter(network=network, is_active=True)
        .select_related("user", "organisation")
        .order_by("user__last_name")
    )
    focal, coordinators = {}, []
    for m in memberships:
        if m.role == Role.FOCAL_POINT and m.organisation_id:
            focal.setdefault(m.organisation_id, []).append(
                m.user.get_full_name() or m.user.username
            )
        elif m.role == Role.COORDINATOR:
            coordinators.append(
                m.organisation.label if m.organisation_id else m.user.get_full_name()
            )
    organisations = sorted(network.organisations.all(), key=lambda o: sort_key(o.label))
    rows = [[o.label, o.get_type_display(), ", ".join(focal.get(o.pk, []))] for o in organisations]
    return {
        "blocks": [
            {
                "paragraphs": [
                    _("Coordination: %(names)s.")
                    % {"names": ", ".join(dict.fromkeys(coordinators)) or "—"}
                ],
                "table": {
                    "caption": _("Member organisations and their focal points"),
                    "header": [_("Organisation"), _("Type"), _("Focal points")],
                    "rows": rows,
                },
            }
        ]
    }


def _working_groups(data) -> dict:
    groups = (
        WorkingGroup.objects.filter(network=data.cycle.network)
        .select_related("chair", "round_table")
        .prefetch_related("members")
    )
    rows = [
        [
            g.display_name,
            g.round_table.theme if g.round_table else "",
            g.chair.label if g.chair else "",
            ", ".join(sorted((m.label for m in g.members.all()), key=sort_key)),
        ]
        for g in sorted(groups, key=lambda g: sort_key(g.display_name))
    ]
    if not rows:
        return {"blocks": [{"paragraphs": [_("No working group yet.")]}]}
    return {
        "blocks": [
            {
                "table": {
                    "caption": _("Working groups"),
                    "header": [_("Working group"), _("IMRF cluster"), _("Chair"), _("Members")],
                    "rows": rows,
                }
            }
        ]
    }


def _rule_item(rule) -> str:
    """A rule in the document's language; a title or task not yet translated into it is the
    original, said so."""
    title, task = edition(rule, "title"), edition(rule, "task")
    text = f"{title.text}. " + " ".join(sop_sentences(rule, list(rule.organisations.all())))
    if title.missing or task.missing:
        text += " " + _("(Original in %(language)s.)") % {"language": language_name(rule.language)}
    return text


def _sops(data) -> dict:
    rules = prefetch(  # the title and the task in the document's language (or the original)
        SopRule.objects.filter(cycle=data.cycle)
        .select_related("working_group", "chair", "minutes_by", "recipient")
        .prefetch_related(Prefetch("organisations"))
    )
    blocks = []
    for kind, label in SopKind.choices:
        items = [_rule_item(rule) for rule in rules if rule.kind == kind]
        if items:
            blocks.append({"heading": str(label), "items": items})
    return {"blocks": blocks or [{"paragraphs": [_("No SOP rule yet.")]}]}


def register_terms_of_reference() -> None:
    register_kind(
        Kind(
            key=TERMS_OF_REFERENCE,
            label=gettext_lazy("Terms of reference of the network"),
            titles=(
                "Terms of Reference of the UN Network on Migration",
                "BM Göç Ağı Görev ve Çalışma Esasları",
            ),
            outline=OUTLINE,
            parts=(
                Part(
                    MEMBERSHIP,
                    gettext_lazy("Membership of the network (from the directory)"),
                    build=_membership,
                ),
                Part(WORKING_GROUPS, gettext_lazy("Working groups"), build=_working_groups),
                Part(
                    SOPS,
                    gettext_lazy("Standard operating procedures (from the SOP rules)"),
                    build=_sops,
                ),
            ),
            section="coordination",
        )
    )
