"""The consultant's synthesis of the inputs on one objective."""

from django.db import transaction
from django.utils.translation import gettext as _

from gcmhub.assessments.models import Synthesis
from gcmhub.core.access import require
from gcmhub.core.audit import save_changed
from gcmhub.core.errors import check_version
from gcmhub.core.i18n import current_language
from gcmhub.core.models import Cycle, User
from gcmhub.core.permissions import Perm
from gcmhub.core.text import clean_text
from gcmhub.framework.models import Objective


@transaction.atomic
def synthesis_save(
    *,
    cycle: Cycle,
    objective: Objective,
    by: User,
    text: str,
    expected_version: int,
    language: str | None = None,
) -> Synthesis:
    """Save the synthesis in `language` (left None: as it was, or the interface language for
    a first text)."""
    require(by, Perm.INPUT_REVIEW, cycle=cycle)
    synthesis, _created = Synthesis.objects.get_or_create(cycle=cycle, objective=objective)
    synthesis = Synthesis.objects.select_for_update().get(pk=synthesis.pk)
    check_version(
        synthesis,
        expected_version,
        _("Someone else saved this synthesis after you opened it; open it again to see theirs."),
    )
    if language is None and not synthesis.text:
        language = current_language()
    synthesis.text = clean_text(text)
    synthesis.language = language or synthesis.language
    save_changed(synthesis, by=by, updated_by=by)
    return synthesis
