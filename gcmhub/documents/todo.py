"""What document reviews ask of people (My tasks): reviews open for a focal point's
organisation, their own draft comments not yet submitted; for the secretariat, submitted
comments without an answer. A fixed number of queries."""

from django.db.models import Count, Exists, Min, OuterRef, Q
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from gcmhub.core.pages import cycle_reverse
from gcmhub.core.permissions import Perm
from gcmhub.documents.models import Comment, Review, ReviewStatus
from gcmhub.todo.registry import Item, holding, in_networks, speaking

NETWORK = "version__document__cycle__network"


def _title(review) -> str:
    return _("%(document)s, version %(number)s") % {
        "document": review.version.document.title,
        "number": review.version.number,
    }


def _review_item(review, label, **fields):
    cycle = review.version.document.cycle
    return Item(
        kind_label=label,
        title=_title(review),
        url=cycle_reverse("review-detail", cycle, review_pk=review.pk),
        network=cycle.network,
        cycle=cycle,
        **fields,
    )


def reviews_to_comment(user, memberships):
    """Open reviews the focal point's organisation is invited to and has not yet sent comments
    to; and the person's own draft comments not yet submitted, per review."""
    mine = speaking(memberships, Perm.REVIEW_COMMENT)
    if not mine:
        return []
    orgs = [m.organisation_id for m in mine]
    sent = Comment.objects.filter(
        review=OuterRef("pk"), organisation_id__in=orgs, submitted_at__isnull=False
    )
    invited = Q(pk__in=[])
    for m in mine:
        invited |= Q(organisations=m.organisation_id, **{f"{NETWORK}_id": m.network_id})
    reviews = (
        Review.objects.filter(invited, status=ReviewStatus.OPEN)
        .annotate(
            drafts=Count(
                "comments",
                filter=Q(comments__author=user, comments__submitted_at=None),
                distinct=True,
            )
        )
        .annotate(sent=Exists(sent))
        .select_related("version__document__cycle__network")
        .defer("version__content")
        .order_by("deadline")
    )
    items = []
    for review in reviews:
        if review.drafts:
            reason = ngettext(
                "%(count)s draft comment of yours is not submitted yet.",
                "%(count)s draft comments of yours are not submitted yet.",
                review.drafts,
            ) % {"count": review.drafts}
            items.append(
                _review_item(
                    review, _("Draft comments to submit"), deadline=review.deadline, reason=reason
                )
            )
        elif not review.sent:
            items.append(
                _review_item(
                    review,
                    _("Review open for your comments"),
                    deadline=review.deadline,
                    since=review.opened_at,
                )
            )
    return items


def comments_to_answer(user, memberships):
    """For the consultant and the coordinator: reviews with submitted comments not yet given
    a disposition (one row per review)."""
    secretariat = holding(memberships, Perm.COMMENT_DISPOSE)
    if not secretariat:
        return []
    # Counted on the comments alone (grouped by review id, not by every column of a review
    # and its document), then the few reviews read.
    waiting = {
        row["review_id"]: row
        for row in Comment.objects.filter(
            in_networks(secretariat, f"review__{NETWORK}"),
            submitted_at__isnull=False,
            disposition="",
        )
        .order_by()
        .values("review_id")
        .annotate(n=Count("pk"), first=Min("submitted_at"))
    }
    if not waiting:
        return []
    reviews = (
        Review.objects.filter(pk__in=waiting)
        .select_related("version__document__cycle__network")
        .defer("version__content")
    )
    return [
        _review_item(
            review,
            _("Comments to answer"),
            since=waiting[review.pk]["first"],
            reason=ngettext(
                "%(count)s submitted comment has no answer yet.",
                "%(count)s submitted comments have no answer yet.",
                waiting[review.pk]["n"],
            )
            % {"count": waiting[review.pk]["n"]},
        )
        for review in sorted(reviews, key=lambda r: waiting[r.pk]["first"])
    ]


def register() -> None:
    from gcmhub.todo import registry

    registry.register("documents.reviews", reviews_to_comment)
    registry.register("documents.comments", comments_to_answer)
