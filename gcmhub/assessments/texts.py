"""The needs assessment's paired texts: what partners read beyond the person who wrote it.

An input's situation and gaps (an input keeps its organisation's voice: it stays in the
language it was written in, and the secretariat may add a translation), the synthesis per
objective, a consultation's title and notes, and the coordinator's instructions to the
contributors. Each keeps its original in its own field and language; `gcmhub.editions` holds
the other language's edition. Registered from `AssessmentsConfig.ready()`."""

from django.urls import reverse
from django.utils.translation import gettext as _

from gcmhub.assessments.models import INPUT_POLICY, Collection, Consultation, Input, Synthesis
from gcmhub.core import workflow
from gcmhub.editions.access import actor_in, may_translate_in
from gcmhub.editions.registry import Paired, changed_in_history, register, register_cycle_texts


def _cycle_url(cycle, name: str, **kwargs) -> str:
    kwargs = {"network_slug": cycle.network.slug, "cycle_pk": cycle.pk, **kwargs}
    return reverse(name, kwargs=kwargs)


# Inputs: translated by the secretariat (Perm.TRANSLATE) once it may read them (a draft stays the
# organisation's own; a focal point never translates another organisation's input).


def input_label(input: Input) -> str:
    return _("Input of %(organisation)s on objective %(number)s") % {
        "organisation": input.organisation.short_name,
        "number": input.objective.number,
    }


def input_may_translate(user, input: Input) -> bool:
    if not may_translate_in(user, input.cycle):
        return False
    actor = actor_in(user, input.cycle)
    return input.state in workflow.visible_states(INPUT_POLICY, actor)


def input_changed(input: Input):
    return input.updated_by, input.updated_at


# The synthesis per objective.


def synthesis_label(synthesis: Synthesis) -> str:
    return _("Synthesis on objective %(number)s") % {"number": synthesis.objective.number}


def synthesis_url(synthesis: Synthesis) -> str:
    return _cycle_url(synthesis.cycle, "objective-synthesis", number=synthesis.objective.number)


def synthesis_changed(synthesis: Synthesis):
    return synthesis.updated_by, synthesis.updated_at


# Consultations.


def consultation_label(consultation: Consultation) -> str:
    return _("Consultation “%(title)s”") % {"title": consultation.title}


# The coordinator's instructions to the contributors (the inputs page, the questionnaire).


def collection_label(collection: Collection) -> str:
    return _("Note from the coordinator to the contributors")


def collection_url(collection: Collection) -> str:
    return _cycle_url(collection.cycle, "assessment-home")


def cycle_texts(cycle):
    """The cycle's assessment texts for its translation queue: what has been written and is
    read beyond its writer (submitted inputs, not drafts)."""
    inputs = (
        cycle.inputs.exclude(state=workflow.State.DRAFT)
        .exclude(situation="", gaps="")
        .select_related("organisation", "objective", "updated_by", "cycle__network")
        .order_by("objective__number", "organisation__name")
    )
    syntheses = (
        cycle.syntheses.exclude(text="")
        .select_related("objective", "updated_by", "cycle__network")
        .order_by("objective__number")
    )
    consultations = cycle.consultations.select_related("cycle__network").order_by("date", "pk")
    collections = Collection.objects.filter(cycle=cycle).exclude(instructions="")
    return [
        *collections.select_related("cycle__network"),
        *inputs,
        *syntheses,
        *consultations,
    ]


def register_texts() -> None:
    """Register the paired texts with `gcmhub.editions` (from `AssessmentsConfig.ready()`)."""
    register(
        Paired(
            model=Input,
            fields=("situation", "gaps"),
            language=lambda input: input.language,
            cycle=lambda input: input.cycle,
            may_translate=input_may_translate,
            label=input_label,
            url=lambda input: input.get_absolute_url(),
            changed=input_changed,
            select_related=("cycle__network", "organisation", "objective", "updated_by"),
        )
    )
    register(
        Paired(
            model=Synthesis,
            fields=("text",),
            language=lambda synthesis: synthesis.language,
            cycle=lambda synthesis: synthesis.cycle,
            may_translate=lambda user, synthesis: may_translate_in(user, synthesis.cycle),
            label=synthesis_label,
            url=synthesis_url,
            changed=synthesis_changed,
            select_related=("cycle__network", "objective", "updated_by"),
        )
    )
    register(
        Paired(
            model=Consultation,
            fields=("title", "notes"),
            language=lambda consultation: consultation.language,
            cycle=lambda consultation: consultation.cycle,
            may_translate=lambda user, consultation: may_translate_in(user, consultation.cycle),
            label=consultation_label,
            url=lambda consultation: consultation.get_absolute_url(),
            changed=changed_in_history,
            select_related=("cycle__network",),
        )
    )
    register(
        Paired(
            model=Collection,
            fields=("instructions",),
            language=lambda collection: collection.language,
            cycle=lambda collection: collection.cycle,
            may_translate=lambda user, collection: may_translate_in(user, collection.cycle),
            label=collection_label,
            url=collection_url,
            changed=changed_in_history,
            select_related=("cycle__network",),
        )
    )
    register_cycle_texts(cycle_texts)
