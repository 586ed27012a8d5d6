"""Writes of the needs assessment, by concern. Each checks who may act itself (`require`, or
the input workflow), records who acted (audit), and runs in one transaction: it happens
entirely or not at all. Callers import them from here: `services.input_save(...)`."""

from gcmhub.assessments.content import InputContent, input_content
from gcmhub.assessments.services.assignments import (
    assignment_deadline_set,
    assignment_volunteer,
    assignments_set,
)
from gcmhub.assessments.services.collection import (
    collection_close,
    collection_reopen,
    collection_update,
    reminders_send,
    requests_send,
)
from gcmhub.assessments.services.consultations import (
    attachment_add,
    attachment_delete,
    consultation_save,
)
from gcmhub.assessments.services.inputs import (
    input_accept,
    input_open,
    input_reopen,
    input_return,
    input_save,
    input_submit,
    input_withdraw,
)
from gcmhub.assessments.services.questionnaires import (
    FIELD_LABELS,
    PlannedChange,
    plan_problems,
    questionnaire_apply,
    questionnaire_cancel,
    questionnaire_plan,
    questionnaire_receive,
)
from gcmhub.assessments.services.syntheses import synthesis_save

__all__ = [
    "FIELD_LABELS",
    "InputContent",
    "PlannedChange",
    "assignment_deadline_set",
    "assignment_volunteer",
    "assignments_set",
    "attachment_add",
    "attachment_delete",
    "collection_close",
    "collection_reopen",
    "collection_update",
    "consultation_save",
    "input_accept",
    "input_content",
    "input_open",
    "input_reopen",
    "input_return",
    "input_save",
    "input_submit",
    "input_withdraw",
    "plan_problems",
    "questionnaire_apply",
    "questionnaire_cancel",
    "questionnaire_plan",
    "questionnaire_receive",
    "reminders_send",
    "requests_send",
    "synthesis_save",
]
