"""The planning model's assumptions: the `planning:` block of onex.yaml, with defaults.

Every key is optional; docs/planning.md explains what each one does to the numbers.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from onex.errors import FatalError
from onex.messages import register
from onex.models import Level

MESSAGES = {
    "plan.bad_settings": {
        "zh": "onex.yaml 的 planning.{field} 无效：{reason}（见 docs/planning.md）",
        "en": "planning.{field} in onex.yaml is invalid: {reason} (see docs/planning.md)",
    },
}
register(MESSAGES)

Rate = Annotated[float, Field(ge=0, le=1)]
StudyYear = Annotated[int, Field(ge=0, le=10)]


class Settings(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


class Participation(Settings):
    """Share of a cohort expected to sit a certificate, by the major's role in the adoption."""

    primary: Rate = 0.8
    auxiliary: Rate = 0.3


class PlanningSettings(Settings):
    # study year (plan year − entry year) -> the level that cohort sits in the plan year
    cohort_levels: dict[StudyYear, Level] = Field(
        default_factory=lambda: {1: "junior", 2: "intermediate", 3: "senior"}
    )
    participation: Participation = Field(default_factory=Participation)
    # share of last year's school-funded candidates who did not pass (fail or absent) who sit again
    retake_rate: Rate = 0.5
    # training hours planned for each catalogue module that no course covers
    training_hours_per_module: Annotated[int, Field(ge=0, le=10_000)] = 32
    # weeks after the plan deadline before candidates who need training can sit an exam
    training_weeks: Annotated[int, Field(ge=0, le=52)] = 6
    # month of the plan year proposed for teachers' trainer courses in staff-plan drafts
    staff_training_month: Annotated[int, Field(ge=1, le=12)] = 7


def planning_settings(raw: dict[str, Any] | None) -> PlanningSettings:
    """Validate onex.yaml's `planning:` block; a bad block names the field that is wrong."""
    try:
        return PlanningSettings.model_validate(raw or {})
    except ValidationError as exc:
        error = exc.errors()[0]
        field = ".".join(str(part) for part in error["loc"]) or "planning"
        raise FatalError("plan.bad_settings", field=field, reason=error["msg"]) from None
