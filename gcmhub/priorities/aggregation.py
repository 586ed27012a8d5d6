"""Turn partners' scores into rankings, agreement figures and sensitivity: pure functions.

No database here: callers pass plain values, tests need nothing but Python.

How missing and "outside mandate" answers count
------------------------------------------------
* An organisation's score for an objective is the weighted mean of the criteria it scored
  (1 to 5). A criterion it left empty is left out and the weights of the others are
  re-normalised; if it scored no criterion, it did not score the objective.
* "Outside its mandate" is not a low score: the organisation is left out of that objective's
  figures entirely (and counted apart, so that readers see how many abstained).
* An objective's figures (mean, median, spread) use the organisations that scored it; an
  objective nobody scored has no rank and comes last.
* Borda: each organisation ranks the objectives it scored; an objective gets one point for every
  objective that organisation put below it and half a point for each tie. Points add up across
  organisations, so an objective scored by more organisations can gather more points: read the
  Borda view next to the number of organisations.
* Kendall's W (agreement, 0 to 1) uses the objectives that every scoring organisation scored,
  with the correction for ties; with fewer than two organisations or objectives it is undefined.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from statistics import mean, median, pstdev

EPSILON = 1e-9
CONTESTED_SPREAD = 1.0  # standard deviation of organisations' scores, on the 1-5 scale
SENSITIVITY = 0.2  # each weight moved by +/- 20 %


@dataclass(frozen=True)
class Criterion:
    key: str
    weight: float
    axis: str = ""  # "importance", "feasibility" or ""


@dataclass(frozen=True)
class Answer:
    """One organisation's answer on one objective: values per criterion key, or outside mandate."""

    organisation: str
    objective: int
    values: Mapping[str, int | None] = field(default_factory=dict)
    outside_mandate: bool = False


@dataclass
class ObjectiveResult:
    objective: int
    organisation_scores: dict[str, float]
    outside_mandate: int
    mean: float | None
    median: float | None
    spread: float | None
    contested: bool
    importance: float | None
    feasibility: float | None
    rank: int | None = None
    borda: float = 0.0
    borda_rank: int | None = None

    @property
    def organisations(self) -> int:
        return len(self.organisation_scores)


@dataclass
class Results:
    objectives: list[ObjectiveResult]  # in rank order, unranked last
    kendall_w: float | None
    sensitivity: list[dict]

    def by_objective(self) -> dict[int, ObjectiveResult]:
        return {r.objective: r for r in self.objectives}


def weighted_score(values: Mapping[str, int | None], criteria: Iterable[Criterion]) -> float | None:
    """The weighted mean of the criteria scored; None if none was scored."""
    pairs = [(c.weight, values.get(c.key)) for c in criteria if values.get(c.key) is not None]
    total = sum(weight for weight, _value in pairs)
    if not pairs or total <= 0:
        return None
    return sum(weight * value for weight, value in pairs) / total


def competition_ranks(scores: Mapping[int, float]) -> dict[int, int]:
    """Rank highest first; equal scores share a rank and the next rank is skipped (1, 2, 2, 4)."""
    ordered = sorted(scores.items(), key=lambda item: -item[1])
    ranks, previous, rank = {}, None, 0
    for position, (key, value) in enumerate(ordered, start=1):
        if previous is None or value < previous - EPSILON:
            rank, previous = position, value
        ranks[key] = rank
    return ranks


def average_ranks(scores: Mapping[int, float]) -> dict[int, float]:
    """Rank highest first with ties sharing the average of their positions (1, 2.5, 2.5, 4)."""
    ordered = sorted(scores.items(), key=lambda item: -item[1])
    ranks, start = {}, 0
    while start < len(ordered):
        end = start
        while end + 1 < len(ordered) and ordered[start][1] - ordered[end + 1][1] <= EPSILON:
            end += 1
        for key, _value in ordered[start : end + 1]:
            ranks[key] = (start + 1 + end + 1) / 2
        start = end + 1
    return ranks


def kendall_w(rankings: Mapping[str, Mapping[int, float]]) -> float | None:
    """Kendall's coefficient of concordance of organisations' scores over common objectives."""
    raters = [r for r in rankings.values() if r]
    if len(raters) < 2:
        return None
    common = set.intersection(*(set(r) for r in raters))
    n, m = len(common), len(raters)
    if n < 2:
        return None
    rank_sets = [average_ranks({k: r[k] for k in common}) for r in raters]
    totals = {k: sum(ranks[k] for ranks in rank_sets) for k in common}
    average = sum(totals.values()) / n
    s = sum((total - average) ** 2 for total in totals.values())
    ties = 0.0
    for r in raters:
        values = [round(r[k], 9) for k in common]
        for value in set(values):
            t = values.count(value)
            ties += t**3 - t
    denominator = m**2 * (n**3 - n) - m * ties
    if denominator <= 0:
        return 1.0 if s == 0 else None
    return max(0.0, min(1.0, 12 * s / denominator))


def aggregate(
    criteria: list[Criterion],
    answers: Iterable[Answer],
    objectives: Iterable[int],
    *,
    contested_spread: float = CONTESTED_SPREAD,
    with_sensitivity: bool = True,
) -> Results:
    """Compute every figure of the results page from the answers."""
    answers = list(answers)
    objectives = list(objectives)
    per_objective: dict[int, dict[str, float]] = {o: {} for o in objectives}
    outside = dict.fromkeys(objectives, 0)
    per_axis = {"importance": {}, "feasibility": {}}
    for answer in answers:
        if answer.objective not in per_objective:
            continue
        if answer.outside_mandate:
            outside[answer.objective] += 1
            continue
        score = weighted_score(answer.values, criteria)
        if score is None:
            continue
        per_objective[answer.objective][answer.organisation] = score
        for axis, store in per_axis.items():
            axis_score = weighted_score(answer.values, [c for c in criteria if c.axis == axis])
            if axis_score is not None:
                store.setdefault(answer.objective, []).append(axis_score)

    results = []
    for objective in objectives:
        scores = per_objective[objective]
        values = list(scores.values())
        spread = pstdev(values) if len(values) >= 2 else None
        results.append(
            ObjectiveResult(
                objective=objective,
                organisation_scores=scores,
                outside_mandate=outside[objective],
                mean=mean(values) if values else None,
                median=median(values) if values else None,
                spread=spread,
                contested=spread is not None and spread >= contested_spread,
                importance=_mean_or_none(per_axis["importance"].get(objective)),
                feasibility=_mean_or_none(per_axis["feasibility"].get(objective)),
            )
        )
    ranked = {r.objective: r.mean for r in results if r.mean is not None}
    ranks = competition_ranks(ranked)
    borda = _borda(per_objective)
    borda_ranks = competition_ranks({o: borda.get(o, 0.0) for o in ranked})
    for result in results:
        result.rank = ranks.get(result.objective)
        result.borda = borda.get(result.objective, 0.0)
        result.borda_rank = borda_ranks.get(result.objective)
    results.sort(key=lambda r: (r.rank is None, r.rank or 0, r.objective))

    organisations: dict[str, dict[int, float]] = {}
    for objective, scores in per_objective.items():
        for organisation, score in scores.items():
            organisations.setdefault(organisation, {})[objective] = score
    sensitivity = _sensitivity(criteria, answers, objectives, ranks) if with_sensitivity else []
    return Results(objectives=results, kendall_w=kendall_w(organisations), sensitivity=sensitivity)


def _mean_or_none(values):
    return mean(values) if values else None


def _borda(per_objective: dict[int, dict[str, float]]) -> dict[int, float]:
    by_organisation: dict[str, dict[int, float]] = {}
    for objective, scores in per_objective.items():
        for organisation, score in scores.items():
            by_organisation.setdefault(organisation, {})[objective] = score
    points: dict[int, float] = {}
    for scores in by_organisation.values():
        # With average ranks r (1 = best) among m objectives, "objectives below + half the
        # ties" is exactly m - r.
        m = len(scores)
        for objective, rank in average_ranks(scores).items():
            points[objective] = points.get(objective, 0.0) + m - rank
    return points


def _sensitivity(criteria, answers, objectives, ranks) -> list[dict]:
    """For each criterion and each direction, the objectives whose rank would change."""
    changes = []
    for criterion in criteria:
        for factor in (1 - SENSITIVITY, 1 + SENSITIVITY):
            moved = [
                Criterion(c.key, c.weight * factor if c.key == criterion.key else c.weight, c.axis)
                for c in criteria
            ]
            other = aggregate(moved, answers, objectives, with_sensitivity=False)
            changed = [
                (r.objective, ranks.get(r.objective), r.rank)
                for r in other.objectives
                if r.rank is not None and ranks.get(r.objective) != r.rank
            ]
            changes.append(
                {"criterion": criterion.key, "factor": factor, "changes": sorted(changed)}
            )
    return changes


def suggested_horizon(rank: int | None, ranked_count: int) -> str | None:
    """The horizon a rank points to: top third short term, middle third medium, rest long.

    A decision that differs from it departs from the computed rank and needs a rationale.
    """
    if rank is None or ranked_count == 0:
        return None
    if rank <= -(-ranked_count // 3):
        return "short"
    if rank <= -(-2 * ranked_count // 3):
        return "medium"
    return "long"
