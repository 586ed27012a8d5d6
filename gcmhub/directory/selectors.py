from django.db.models import Count, Q, QuerySet
from django.utils import translation

from gcmhub.core.i18n import sort_key
from gcmhub.core.models import Network
from gcmhub.core.permissions import Perm, Role, role_has_perm
from gcmhub.directory.models import DocumentCredit, Invitation, Membership, Organisation


def organisations_for_network(network: Network) -> QuerySet[Organisation]:
    """Organisations of a network, each annotated with its number of active focal points."""
    return network.organisations.annotate(
        focal_point_count=Count(
            "memberships",
            filter=Q(memberships__role=Role.FOCAL_POINT, memberships__is_active=True),
        )
    ).order_by("name")


def organisation_tree(organisations) -> list[Organisation]:
    """Order organisations depth-first under their parents, setting `depth` and `path` on each.

    Works on any list (one query upstream); an organisation whose parent is not in the
    list is shown at the top level.
    """
    by_parent: dict[int | None, list[Organisation]] = {}
    present = {o.pk for o in organisations}
    for org in organisations:
        key = org.parent_id if org.parent_id in present else None
        by_parent.setdefault(key, []).append(org)
    ordered: list[Organisation] = []

    def walk(parent_id, depth, path):
        for org in sorted(by_parent.get(parent_id, []), key=lambda o: sort_key(o.display_name)):
            org.depth = depth
            org.path = path
            ordered.append(org)
            walk(org.pk, depth + 1, [*path, org])

    walk(None, 0, [])
    return ordered


def organisation_ancestors(organisation: Organisation) -> list[Organisation]:
    """Return the chain of parents, top first, in two queries however deep the tree."""
    if organisation.parent_id is None:
        return []
    network = organisation.network
    parents = dict(network.organisations.values_list("pk", "parent_id"))
    chain_ids, current = [], organisation.parent_id
    while current is not None and current not in chain_ids:
        chain_ids.insert(0, current)
        current = parents.get(current)
    found = network.organisations.in_bulk(chain_ids)
    return [found[pk] for pk in chain_ids if pk in found]


def organisation_children(organisation: Organisation) -> list[Organisation]:
    """The departments and units right under an organisation, by name, their links ready."""
    children = list(organisation.children.order_by("name"))
    for child in children:
        child.network = organisation.network
    return children


def descendant_ids(organisation: Organisation) -> set[int]:
    rows = list(organisation.network.organisations.values_list("pk", "parent_id"))
    children: dict[int, list[int]] = {}
    for pk, parent_id in rows:
        children.setdefault(parent_id, []).append(pk)
    found, stack = set(), [organisation.pk]
    while stack:
        for child in children.get(stack.pop(), []):
            if child not in found:
                found.add(child)
                stack.append(child)
    return found


def memberships_for_network(network: Network, *, active: bool = True) -> QuerySet[Membership]:
    return (
        network.memberships.filter(is_active=active)
        .select_related("user", "organisation__network")
        .order_by("role", "user__last_name", "user__first_name", "user__username")
    )


def first_members_by_role(network: Network, shown: int) -> list[Membership]:
    """The first `shown` active members of each role (in the list's order), each with the
    number of its role's members (`role_count`): one query however many there are."""
    from django.db.models import F, Window
    from django.db.models.functions import RowNumber

    per_role = {"partition_by": [F("role")]}
    order = [F("user__last_name"), F("user__first_name"), F("user__username"), F("pk")]
    return list(
        memberships_for_network(network)
        .annotate(
            role_count=Window(Count("pk"), **per_role),
            place=Window(RowNumber(), order_by=order, **per_role),
        )
        .filter(place__lte=shown)
    )


def open_invitations_for_network(network: Network) -> QuerySet[Invitation]:
    return network.invitations.filter(
        accepted_at__isnull=True, revoked_at__isnull=True
    ).select_related("organisation__network", "invited_by")


def focal_points_by_organisation(
    network: Network, organisations=None
) -> dict[int, list[Membership]]:
    """The active focal points of the network's organisations (of `organisations` alone, if
    given), by organisation id."""
    result: dict[int, list[Membership]] = {}
    memberships = network.memberships.filter(role=Role.FOCAL_POINT, is_active=True)
    if organisations is not None:
        memberships = memberships.filter(organisation__in=[o.pk for o in organisations])
    for membership in memberships.select_related("user"):
        result.setdefault(membership.organisation_id, []).append(membership)
    return result


def _reachable_members(network_id: int, role: str, **membership):
    from gcmhub.core.models import User

    return User.objects.filter(
        memberships__network_id=network_id,
        memberships__role=role,
        memberships__is_active=True,
        is_active=True,
        **{f"memberships__{name}": value for name, value in membership.items()},
    ).exclude(email="")


def focal_points_of(organisation_id: int, network_id: int):
    """The active focal points of an organisation who have an e-mail address."""
    return _reachable_members(network_id, Role.FOCAL_POINT, organisation_id=organisation_id)


def coordinators_of(network_id: int):
    """The network's active coordinators (its secretariat) who have an e-mail address."""
    return _reachable_members(network_id, Role.COORDINATOR)


def members_with(network_id: int, perm: Perm):
    """The network's active members whose role holds `perm` (who reviews inputs, who returns
    reports): the people told of what reaches that desk."""
    from gcmhub.core.models import User

    roles = [role for role in Role if role_has_perm(role, perm)]
    return User.objects.filter(
        memberships__network_id=network_id,
        memberships__role__in=roles,
        memberships__is_active=True,
        is_active=True,
    ).distinct()


def title_page(network, *, language: str) -> dict:
    """The logos and credits of the title page of a network's documents: the network's logo
    and the partners the coordinator shows on documents (`Organisation.document_credit`)."""
    with translation.override(language):
        logos = []
        if network.logo and network.logo_on_documents:
            logos.append((network.logo, network.display_logo_description or network.display_name))
        prepared, support = [network.display_name], []
        for organisation in network.organisations.exclude(document_credit="").order_by("name"):
            if organisation.logo:
                description = organisation.display_logo_description or organisation.label
                logos.append((organisation.logo, description))
            if organisation.document_credit == DocumentCredit.PREPARED:
                prepared.append(organisation.display_name)
            else:
                support.append(organisation.display_name)
        return {"logos": logos, "prepared_by": prepared, "supported_by": support}
