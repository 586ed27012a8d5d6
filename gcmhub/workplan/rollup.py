"""How progress adds up, as plain functions (no database).

- An activity's completion is the % complete of its latest accepted progress: the mean of
  what its organisations reported for the latest period any of them reported on. An activity
  marked completed counts 100 %; one never reported on counts 0 %.
- An output, an outcome or a GCM objective shows the mean completion of its activities
  (unweighted: a small activity counts as much as a large one; cancelled ones do not count),
  how many there are and are completed, and its budget summed per currency: planned, secured
  and gap (planned less secured, never below zero, summed activity by activity).
- An activity serving several objectives counts in full for each of them.
- An indicator's progress is (actual − baseline) / (target − baseline): 1.0 is the target
  reached; above 1.0 it is exceeded. Unknown when a number is missing or target = baseline.
"""

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal

COMPLETED = "completed"
CANCELLED = "cancelled"


@dataclass(frozen=True)
class ActivityFacts:
    id: int
    status: str
    planned: Decimal
    secured: Decimal
    currency: str
    # (period start, % complete) of each accepted progress row of the activity
    reported: tuple[tuple[object, int], ...] = ()

    @property
    def gap(self) -> Decimal:
        return max(self.planned - self.secured, Decimal(0))


def completion(activity: ActivityFacts) -> float:
    if activity.status == COMPLETED:
        return 100.0
    if not activity.reported:
        return 0.0
    latest = max(start for start, _percent in activity.reported)
    values = [percent for start, percent in activity.reported if start == latest]
    return sum(values) / len(values)


@dataclass
class Rollup:
    activities: int = 0
    completed: int = 0
    completion: float | None = None
    planned: dict[str, Decimal] = field(default_factory=dict)
    secured: dict[str, Decimal] = field(default_factory=dict)
    gap: dict[str, Decimal] = field(default_factory=dict)


def rollup(
    activities: Iterable[ActivityFacts], keys: Callable[[ActivityFacts], Iterable]
) -> dict[object, Rollup]:
    """Add up `activities` under each key `keys(activity)` gives (an output, its parent
    output, an outcome, objectives...)."""
    groups: dict[object, list[ActivityFacts]] = defaultdict(list)
    for activity in activities:
        for key in set(keys(activity)):
            groups[key].append(activity)
    result = {}
    for key, members in groups.items():
        counted = [a for a in members if a.status != CANCELLED]
        total = Rollup(
            activities=len(counted),
            completed=sum(1 for a in counted if a.status == COMPLETED),
            completion=(sum(completion(a) for a in counted) / len(counted)) if counted else None,
        )
        for a in counted:
            for name, value in (("planned", a.planned), ("secured", a.secured), ("gap", a.gap)):
                sums = getattr(total, name)
                sums[a.currency] = sums.get(a.currency, Decimal(0)) + value
        result[key] = total
    return result


def indicator_progress(
    *, baseline: Decimal | None, target: Decimal | None, actual: Decimal | None
) -> float | None:
    if baseline is None or target is None or actual is None or target == baseline:
        return None
    return float((actual - baseline) / (target - baseline))
