"""Access helpers for organisations, memberships and invitations of a network."""

from django.http import Http404

from gcmhub.core.models import Network
from gcmhub.directory.models import Invitation, Membership, Organisation


def get_organisation_for_network(network: Network, pk: int) -> Organisation:
    try:
        organisation = network.organisations.select_related("parent").get(pk=pk)
    except Organisation.DoesNotExist:
        raise Http404 from None
    if organisation.parent is not None:
        organisation.parent.network = network  # its link names the network
    return organisation


def get_membership_for_network(network: Network, pk: int) -> Membership:
    try:
        return network.memberships.select_related("user", "organisation").get(pk=pk)
    except Membership.DoesNotExist:
        raise Http404 from None


def get_invitation_for_network(network: Network, pk: int) -> Invitation:
    try:
        return network.invitations.get(pk=pk)
    except Invitation.DoesNotExist:
        raise Http404 from None
