"""Regional aggregates: what the networks of a region decided, read from their final reports.

Only the issued final version (1.0) of a needs assessment report counts: its frozen content
is what the network validated and endorsed. Drafts, reviewed versions and the live decision
tables are never read, so a regional coordinator sees nothing a network has not finalised.
Queries are bounded: four, whatever the number of networks and cycles.
"""

import re
from dataclasses import dataclass, field
from datetime import date

from django.urls import reverse
from django.utils import timezone

from gcmhub.core.i18n import sort_key
from gcmhub.core.models import Horizon, Network
from gcmhub.documents.models import Version
from gcmhub.framework.models import Objective
from gcmhub.regions.models import Region
from gcmhub.report.kind import NEEDS_ASSESSMENT, PRIORITIES

HORIZONS = [Horizon.SHORT, Horizon.MEDIUM, Horizon.LONG]
# A priorities row names its objective as "<number>. <title>" (see documents.content).
_OBJECTIVE_NUMBER = re.compile(r"^\s*(\d+)\.")


@dataclass(frozen=True)
class FinalReport:
    """What the region shows of a network's latest final report (no draft ever reaches it)."""

    title: str
    cycle: str
    number: str
    issued_on: date
    public_url: str
    has_priorities: bool
    horizons: dict[int, str] = field(repr=False)

    @property
    def year(self) -> int:
        return self.issued_on.year


@dataclass(frozen=True)
class NetworkRow:
    network: Network
    report: FinalReport | None


@dataclass(frozen=True)
class ObjectiveRow:
    objective: Objective
    short: int
    medium: int
    long: int

    @property
    def total(self) -> int:
        return self.short + self.medium + self.long


@dataclass(frozen=True)
class RegionAggregates:
    region: Region
    networks: list[NetworkRow]
    objectives: list[ObjectiveRow]
    final_reports: int  # every final report of the region's networks, all cycles

    @property
    def with_final(self) -> int:
        return sum(1 for row in self.networks if row.report is not None)

    @property
    def without_final(self) -> int:
        return len(self.networks) - self.with_final

    @property
    def years(self) -> list[int]:
        return sorted({row.report.year for row in self.networks if row.report is not None})


def horizons_from_content(content: dict) -> dict[int, str] | None:
    """Map objective number to horizon from the priorities section of a version's content.

    Returns None when the report has no priorities section; objectives "not prioritised now"
    are left out. Pure: reads the frozen JSON only.
    """
    sections = [s for s in content.get("sections", []) if s.get("kind") == PRIORITIES]
    if not sections:
        return None
    horizons: dict[int, str] = {}
    for section in sections:
        for group in section.get("groups", []):
            if group.get("horizon") not in HORIZONS:
                continue
            for row in group.get("rows", []):
                match = _OBJECTIVE_NUMBER.match(str(row.get("objective", "")))
                if match:
                    horizons.setdefault(int(match.group(1)), group["horizon"])
    return horizons


def count_by_objective(objectives, horizon_maps) -> list[ObjectiveRow]:
    """Count, for each objective, the networks that put it in each horizon (pure)."""
    rows = []
    for objective in objectives:
        counts = dict.fromkeys(HORIZONS, 0)
        for horizons in horizon_maps:
            horizon = horizons.get(objective.number)
            if horizon in counts:
                counts[horizon] += 1
        rows.append(
            ObjectiveRow(
                objective=objective,
                short=counts[Horizon.SHORT],
                medium=counts[Horizon.MEDIUM],
                long=counts[Horizon.LONG],
            )
        )
    return rows


def _final_versions(network_ids) -> tuple[dict[int, Version], int]:
    """The latest final needs assessment version of each network, and how many finals exist."""
    finals = Version.objects.filter(
        document__kind=NEEDS_ASSESSMENT,
        document__cycle__network__in=network_ids,
        major__gte=1,
    )
    ordered = finals.order_by(
        "document__cycle__network_id", "-document__cycle__start_date", "-document__cycle_id"
    ).values_list("pk", "document__cycle__network_id")
    latest: dict[int, int] = {}
    count = 0
    for pk, network_id in ordered:
        latest.setdefault(network_id, pk)
        count += 1
    if not latest:
        return {}, 0
    versions = Version.objects.filter(pk__in=latest.values()).select_related("document")
    by_pk = {v.pk: v for v in versions}
    return {network_id: by_pk[pk] for network_id, pk in latest.items()}, count


def _report(version: Version) -> FinalReport:
    content = version.content
    horizons = horizons_from_content(content)
    document = version.document
    public_url = (
        reverse("public-report", kwargs={"token": document.public_token}) if document.public else ""
    )
    return FinalReport(
        title=content.get("title") or document.title,
        cycle=content.get("cycle", ""),
        number=version.number,
        issued_on=timezone.localtime(version.issued_at).date(),
        public_url=public_url,
        has_priorities=horizons is not None,
        horizons=horizons or {},
    )


def region_aggregates(*, region: Region) -> RegionAggregates:
    """The region's networks with their latest final report, and the horizons per objective."""
    networks = list(region.networks.all())
    networks.sort(key=lambda n: (sort_key(str(n.country.name)), sort_key(n.display_name)))
    finals, final_count = _final_versions([n.pk for n in networks])
    rows = [
        NetworkRow(network=n, report=_report(finals[n.pk]) if n.pk in finals else None)
        for n in networks
    ]
    objectives = list(Objective.objects.order_by("number"))
    horizon_maps = [row.report.horizons for row in rows if row.report is not None]
    return RegionAggregates(
        region=region,
        networks=rows,
        objectives=count_by_objective(objectives, horizon_maps),
        final_reports=final_count,
    )
