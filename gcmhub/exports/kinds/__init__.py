"""The kinds of record of a cycle, each as a table with a stable list of columns.

Every column has a machine key (JSON keys, CSV file headers for machines), a translatable
label (the header people read) and an HXL hashtag (https://hxlstandard.org, 1.1 dictionary).
Each kind reads the cycle in a constant number of queries, whatever its size.

What goes in is what the coordinator sees: nothing an organisation has not submitted yet
(draft inputs, score sheets, progress reports, review comments) leaves the platform.
"""

from gcmhub.exports.kinds.assessment import CONSULTATIONS, INPUTS, NEEDS, PROPOSED_ACTIONS
from gcmhub.exports.kinds.base import Column, Kind
from gcmhub.exports.kinds.documents import COMMENTS, ENDORSEMENTS
from gcmhub.exports.kinds.meetings import ACTION_POINTS, ATTENDANCE, MEETINGS, OUTCOMES
from gcmhub.exports.kinds.network import (
    ACTIVITIES,
    ACTIVITY_PROGRESS,
    INDICATOR_VALUES,
    INDICATORS,
    OBLIGATIONS,
    OUTPUTS,
    PROGRESS_REPORTS,
)
from gcmhub.exports.kinds.participation import ASSIGNMENTS, ORGANISATIONS
from gcmhub.exports.kinds.priorities import DECISIONS, SCORES

__all__ = ["KINDS", "Column", "Kind", "kinds_by_key", "record_count"]

KINDS: tuple[Kind, ...] = (
    ORGANISATIONS,
    ASSIGNMENTS,
    INPUTS,
    NEEDS,
    PROPOSED_ACTIONS,
    CONSULTATIONS,
    SCORES,
    DECISIONS,
    COMMENTS,
    ENDORSEMENTS,
    MEETINGS,
    ATTENDANCE,
    OUTCOMES,
    ACTION_POINTS,
    OUTPUTS,
    ACTIVITIES,
    INDICATORS,
    INDICATOR_VALUES,
    PROGRESS_REPORTS,
    ACTIVITY_PROGRESS,
    OBLIGATIONS,
)


def kinds_by_key() -> dict[str, Kind]:
    return {kind.key: kind for kind in KINDS}


def record_count(cycle) -> int:
    """How many rows a whole export of `cycle` has: one count query a kind."""
    return sum(kind.count(cycle) for kind in KINDS)
