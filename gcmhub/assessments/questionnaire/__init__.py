"""The offline Excel questionnaire: built per organisation, read back with every problem named.

One sheet per objective the organisation is asked about, at fixed places computed by `layout`
(the builder and the reader share it), an instructions sheet, a hidden sheet of choice lists,
and a very hidden, signed identity sheet (cycle, organisation, language, and the version of
each input when the file was made: an input changed on the web since is a conflict).
"""

from gcmhub.assessments.questionnaire.build import build_questionnaire
from gcmhub.assessments.questionnaire.layout import MAX_UPLOAD_BYTES, layout, sheet_title
from gcmhub.assessments.questionnaire.read import Problem, Reader

__all__ = ["MAX_UPLOAD_BYTES", "Problem", "Reader", "build_questionnaire", "layout", "sheet_title"]
