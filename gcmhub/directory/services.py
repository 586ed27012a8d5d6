"""Writes on organisations, memberships and invitations; each records who made it."""

from typing import Required, TypedDict, Unpack

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from gcmhub.core.access import require
from gcmhub.core.audit import locked, save_audited
from gcmhub.core.models import Network, User
from gcmhub.core.permissions import Perm, Role
from gcmhub.directory.models import Invitation, Membership, Organisation
from gcmhub.directory.selectors import descendant_ids

INVITATION_SALT = "gcmhub.directory.invitation"


class OrganisationFields(TypedDict, total=False):
    """What a person sets on an organisation (the organisation form's fields)."""

    name: Required[str]
    name_tr: str
    acronym: str
    acronym_tr: str
    type: Required[str]
    parent: Organisation | None
    country: str
    website: str
    notes: str
    logo: object
    logo_description: str
    logo_description_tr: str
    document_credit: str


class NetworkLogoChanges(TypedDict, total=False):
    """What the coordinator sets for the title pages of the network's documents."""

    logo: object
    logo_description: str
    logo_description_tr: str
    logo_on_documents: bool


class OrganisationChanges(OrganisationFields, total=False):
    name: str
    type: str


class MembershipChanges(TypedDict, total=False):
    role: str
    organisation: Organisation | None
    position: str
    is_active: bool


class AccountFields(TypedDict, total=False):
    first_name: str
    last_name: str
    username: Required[str]


def _check_parent(organisation: Organisation, parent: Organisation | None) -> None:
    if parent is None:
        return
    if parent.network_id != organisation.network_id:
        raise ValidationError({"parent": _("Choose an organisation of the same network.")})
    if organisation.pk and (
        parent.pk == organisation.pk or parent.pk in descendant_ids(organisation)
    ):
        raise ValidationError(
            {"parent": _("An organisation cannot be part of itself or of one of its departments.")}
        )


LOGO_FORMATS = {"PNG", "JPEG"}  # what Word and LibreOffice both embed
LOGO_MAX_BYTES = 2 * 1024 * 1024  # a logo is copied into every document


def logo_problem(*, logo, description: str) -> dict:
    """A logo on a document is a PNG or JPEG image of at most 2 MB, with a description that
    screen readers read in its place."""
    # A new upload: the file itself, or the model's field holding it until it is saved.
    upload = logo.file if getattr(logo, "_committed", True) is False else logo
    if isinstance(upload, UploadedFile):
        if upload.size > LOGO_MAX_BYTES:
            return {"logo": _("The logo is larger than 2 MB: save it smaller and upload it again.")}
        try:
            from PIL import Image

            with Image.open(upload) as image:
                kind = image.format
        except Exception:  # not an image Pillow reads
            kind = None
        finally:
            upload.seek(0)
        if kind not in LOGO_FORMATS:
            return {
                "logo": _(
                    "The logo must be a PNG or JPEG image (this file is %(kind)s): save it as "
                    "PNG or JPEG and upload it again."
                )
                % {"kind": kind or _("not an image")}
            }
    if logo and not description.strip():
        return {
            "logo_description": _(
                "Describe the logo: screen readers read the description in its place."
            )
        }
    return {}


def _logo_fields(changes: dict) -> dict:
    """The logo as a form gives it (as Django's `FileField.save_form_data` reads it): None
    leaves the stored file as it is, False (the "clear" box) removes it."""
    if "logo" in changes and changes["logo"] is None:
        del changes["logo"]
    elif changes.get("logo") is False:
        changes["logo"] = ""
    return changes


def _check_logo(obj) -> None:
    problem = logo_problem(logo=obj.logo, description=obj.logo_description)
    if problem:
        raise ValidationError(problem)


@transaction.atomic
def network_logo_save(*, network: Network, by: User, **changes: Unpack[NetworkLogoChanges]):
    """Set the network's logo, its description and whether documents show it."""
    require(by, Perm.ORGANISATION_MANAGE, network=network)
    network = locked(network)
    for name, value in _logo_fields(changes).items():
        setattr(network, name, value)
    _check_logo(network)
    return save_audited(network, by=by, update_fields=list(changes))


@transaction.atomic
def organisation_create(
    *, network: Network, by: User, **fields: Unpack[OrganisationFields]
) -> Organisation:
    require(by, Perm.ORGANISATION_MANAGE, network=network)
    organisation = Organisation(network=network, **_logo_fields(fields))
    _check_parent(organisation, fields.get("parent"))
    _check_logo(organisation)
    return save_audited(organisation, by=by)


@transaction.atomic
def organisation_update(
    *, organisation: Organisation, by: User, **changes: Unpack[OrganisationChanges]
) -> Organisation:
    require(by, Perm.ORGANISATION_MANAGE, network=organisation.network)
    organisation = locked(organisation)
    _check_parent(organisation, changes.get("parent"))
    for name, value in _logo_fields(changes).items():
        setattr(organisation, name, value)
    _check_logo(organisation)
    return save_audited(organisation, by=by, update_fields=list(changes))


def focal_point_problem(*, role: str | None, organisation) -> str | None:
    """A focal point must name the organisation they speak for (a membership or an invitation;
    the database holds the same rule as a constraint)."""
    if role == Role.FOCAL_POINT and not organisation:
        return _("Choose the organisation this focal point speaks for.")
    return None


def _keeps_a_coordinator(membership: Membership, *, role: str, is_active: bool) -> None:
    stored = Membership.objects.select_for_update().get(pk=membership.pk)
    if stored.role != Role.COORDINATOR or not stored.is_active:
        return
    if role == Role.COORDINATOR and is_active:
        return
    others = Membership.objects.filter(
        network=membership.network, role=Role.COORDINATOR, is_active=True
    ).exclude(pk=membership.pk)
    if not others.exists():
        raise ValidationError(_("A network needs at least one active coordinator."))


@transaction.atomic
def membership_update(
    *, membership: Membership, by: User, **changes: Unpack[MembershipChanges]
) -> Membership:
    require(by, Perm.MEMBER_MANAGE, network=membership.network)
    membership = locked(membership)
    _keeps_a_coordinator(
        membership,
        role=changes.get("role", membership.role),
        is_active=changes.get("is_active", membership.is_active),
    )
    problem = focal_point_problem(
        role=changes.get("role", membership.role),
        organisation=changes.get("organisation", membership.organisation),
    )
    if problem:
        raise ValidationError({"organisation": problem})
    for name, value in changes.items():
        setattr(membership, name, value)
    return save_audited(membership, by=by, update_fields=list(changes))


def invitation_token(invitation: Invitation) -> str:
    return signing.dumps(invitation.pk, salt=INVITATION_SALT)


def invitation_from_token(token: str) -> Invitation | None:
    """Return the invitation a link points to, or None if the link is forged or expired."""
    max_age = settings.INVITATION_MAX_AGE_DAYS * 24 * 3600
    try:
        pk = signing.loads(token, salt=INVITATION_SALT, max_age=max_age)
    except signing.BadSignature:
        return None
    return Invitation.objects.select_related("network", "organisation").filter(pk=pk).first()


def _send_invitation(invitation: Invitation) -> None:
    url = settings.SITE_URL + reverse("invitation-accept", args=[invitation_token(invitation)])
    with translation.override(invitation.language):
        context = {
            "invitation": invitation,
            "url": url,
            "days": settings.INVITATION_MAX_AGE_DAYS,
        }
        subject = render_to_string("directory/email/invitation_subject.txt", context).strip()
        body = render_to_string("directory/email/invitation_body.txt", context)
    send_mail(subject, body, None, [invitation.email])


@transaction.atomic
def invitation_create(
    *,
    network: Network,
    by: User,
    email: str,
    role: str,
    full_name: str = "",
    organisation: Organisation | None = None,
    language: str = "en",
) -> Invitation:
    """Invite someone to the network in a role; the e-mail leaves once the invitation is saved."""
    require(by, Perm.MEMBER_MANAGE, network=network)
    if Membership.objects.filter(
        network=network, user__email__iexact=email, is_active=True
    ).exists():
        raise ValidationError({"email": _("This person is already a member of the network.")})
    if network.invitations.filter(
        email__iexact=email, accepted_at__isnull=True, revoked_at__isnull=True
    ).exists():
        raise ValidationError(
            {"email": _("An invitation to this address is still open; send it again instead.")}
        )
    if organisation is not None and organisation.network_id != network.pk:
        raise ValidationError({"organisation": _("Choose an organisation of this network.")})
    problem = focal_point_problem(role=role, organisation=organisation)
    if problem:
        raise ValidationError({"organisation": problem})
    invitation = Invitation(
        network=network,
        invited_by=by,
        email=email,
        full_name=full_name,
        role=role,
        organisation=organisation,
        language=language,
    )
    invitation = save_audited(invitation, by=by)
    transaction.on_commit(lambda: _send_invitation(invitation))
    return invitation


@transaction.atomic
def invitation_resend(*, invitation: Invitation, by: User) -> Invitation:
    require(by, Perm.MEMBER_MANAGE, network=invitation.network)
    if not invitation.is_open:
        raise ValidationError(_("This invitation is no longer open."))
    transaction.on_commit(lambda: _send_invitation(invitation))
    return invitation


@transaction.atomic
def invitation_revoke(*, invitation: Invitation, by: User) -> Invitation:
    require(by, Perm.MEMBER_MANAGE, network=invitation.network)
    invitation = locked(invitation)
    if not invitation.is_open:
        raise ValidationError(_("This invitation is no longer open."))
    invitation.revoked_at = timezone.now()
    return save_audited(invitation, by=by, update_fields=["revoked_at"])


@transaction.atomic
def invitation_accept(*, invitation: Invitation, user: User) -> Membership:
    """Make `user` a member in the invited role; an invitation is accepted only once."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if not invitation.is_open:
        raise ValidationError(_("This invitation has already been used or was withdrawn."))
    membership = Membership.objects.filter(network=invitation.network, user=user).first()
    if membership is None:
        membership = Membership(network=invitation.network, user=user)
    membership.role = invitation.role
    membership.organisation = invitation.organisation
    membership.is_active = True
    save_audited(membership, by=user)
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    save_audited(invitation, by=user, update_fields=["accepted_at", "accepted_by"])
    return membership


@transaction.atomic
def user_create_from_invitation(
    *, invitation: Invitation, password: str, **account: Unpack[AccountFields]
) -> User:
    user = User(email=invitation.email, language=invitation.language, **account)
    user.set_password(password)
    save_audited(user, by=None)
    invitation_accept(invitation=invitation, user=user)
    return user
