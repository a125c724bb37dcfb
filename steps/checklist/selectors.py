"""Reads of the checklist: the catalogue's items with the group's ticks, step by step."""

from dataclasses import dataclass, field

from projects.method import STEPS, STEPS_BY_CODE, Step
from steps.models import ChecklistEntry

from .catalogue import KIND_LABELS, KIND_ORDER, Item, items_of


@dataclass(frozen=True)
class Line:
    item: Item
    entry: ChecklistEntry | None

    @property
    def checked(self) -> bool:
        return bool(self.entry and self.entry.checked)

    @property
    def note(self) -> str:
        return self.entry.note if self.entry else ""

    @property
    def version(self) -> int:
        return self.entry.version if self.entry else 0


@dataclass
class KindGroup:
    kind: str
    label: str
    lines: list[Line]


@dataclass
class StepChecklist:
    step: Step
    groups: list[KindGroup] = field(default_factory=list)

    @property
    def lines(self) -> list[Line]:
        return [line for group in self.groups for line in group.lines]

    @property
    def total(self) -> int:
        return len(self.lines)

    @property
    def checked(self) -> int:
        return sum(line.checked for line in self.lines)


def entries_of(project) -> dict[str, ChecklistEntry]:
    """The project's entries by item code, in one query."""
    return {
        entry.code: entry
        for entry in ChecklistEntry.objects.filter(project=project).select_related("updated_by")
    }


def step_checklist(step: Step, entries: dict[str, ChecklistEntry]) -> StepChecklist:
    lines = [Line(item, entries.get(item.code)) for item in items_of(step.code)]
    groups = [
        KindGroup(kind, str(KIND_LABELS[kind]), [line for line in lines if line.item.kind == kind])
        for kind in KIND_ORDER
    ]
    return StepChecklist(step, [group for group in groups if group.lines])


def checklist(project, step_code: str | None = None) -> list[StepChecklist]:
    """Every step's items with the group's ticks (only `step_code`'s if given)."""
    entries = entries_of(project)
    steps = [STEPS_BY_CODE[step_code]] if step_code else STEPS
    return [step_checklist(step, entries) for step in steps]
