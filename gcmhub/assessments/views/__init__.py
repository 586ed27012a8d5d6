"""The pages of the needs assessment, by concern; the URLs name them from here."""

from gcmhub.assessments.views.assignments import (
    assignment_edit,
    assignment_list,
    assignment_volunteer,
)
from gcmhub.assessments.views.collection import (
    assessment_home,
    collection_close,
    collection_edit,
    collection_reopen,
    requests_send,
)
from gcmhub.assessments.views.consultations import (
    attachment_add,
    attachment_delete,
    attachment_file,
    consultation_detail,
    consultation_edit,
    consultation_list,
)
from gcmhub.assessments.views.inputs import (
    input_accept,
    input_detail,
    input_edit,
    input_history,
    input_list,
    input_reopen,
    input_return,
    input_start,
    input_submit,
    input_withdraw,
    reference_file,
)
from gcmhub.assessments.views.questionnaires import (
    questionnaire_download,
    questionnaire_preview,
    questionnaire_upload,
)
from gcmhub.assessments.views.syntheses import (
    coverage,
    objective_synthesis,
)

__all__ = [
    "assessment_home",
    "assignment_edit",
    "assignment_list",
    "assignment_volunteer",
    "attachment_add",
    "attachment_delete",
    "attachment_file",
    "collection_close",
    "collection_edit",
    "collection_reopen",
    "consultation_detail",
    "consultation_edit",
    "consultation_list",
    "coverage",
    "input_accept",
    "input_detail",
    "input_edit",
    "input_history",
    "input_list",
    "input_reopen",
    "input_return",
    "input_start",
    "input_submit",
    "input_withdraw",
    "objective_synthesis",
    "questionnaire_download",
    "questionnaire_preview",
    "questionnaire_upload",
    "reference_file",
    "requests_send",
]
