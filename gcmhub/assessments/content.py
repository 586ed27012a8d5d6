"""What an input says, as plain data: the same shape from the web form, the API and a
questionnaire. The services write it, the questionnaire builds and reads it."""

from dataclasses import dataclass, field

from gcmhub.assessments.models import Input


@dataclass
class InputContent:
    """What an input says; the same shape from the web form and from a questionnaire."""

    language: str = "en"
    situation: str = ""
    gaps: str = ""
    needs: list[dict] = field(default_factory=list)  # type, description[, id]
    proposed_actions: list[dict] = field(default_factory=list)  # description, horizon, lead[, id]
    references: list[dict] = field(default_factory=list)  # kind, title, url[, file][, id]
    gcm_actions: list[str] = field(default_factory=list)  # letters
    principles: list[str] = field(default_factory=list)  # keys
    consultations: list[int] | None = None  # ids; None leaves them as they are

    @property
    def written(self) -> bool:
        """Whether anything has been written yet (until then its language is not chosen)."""
        return bool(
            self.situation.strip()
            or self.gaps.strip()
            or self.needs
            or self.proposed_actions
            or self.references
        )

    def comparable(self) -> dict:
        """The content as plain data, for telling whether two versions differ."""
        return {
            "language": self.language,
            "situation": self.situation,
            "gaps": self.gaps,
            "needs": [(n["type"], n["description"]) for n in self.needs],
            "proposed_actions": [
                (a["description"], a["horizon"], a.get("lead")) for a in self.proposed_actions
            ],
            "references": [(r["kind"], r["title"], r.get("url", "")) for r in self.references],
            "gcm_actions": sorted(self.gcm_actions),
            "principles": sorted(self.principles),
        }


def input_content(input: Input) -> InputContent:
    """Read an input's current content (use on an input loaded by `input_detail`)."""
    return InputContent(
        language=input.language,
        situation=input.situation,
        gaps=input.gaps,
        needs=[
            {"id": n.pk, "type": n.type, "description": n.description} for n in input.needs.all()
        ],
        proposed_actions=[
            {"id": a.pk, "description": a.description, "horizon": a.horizon, "lead": a.lead_id}
            for a in input.proposed_actions.all()
        ],
        references=[
            {"id": r.pk, "kind": r.kind, "title": r.title, "url": r.url}
            for r in input.references.all()
        ],
        gcm_actions=[a.letter for a in input.gcm_actions.all()],
        principles=[p.key for p in input.principles.all()],
        consultations=[c.pk for c in input.consultations.all()],
    )
