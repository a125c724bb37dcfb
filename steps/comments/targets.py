"""What a thread can be about: the registry of targets, who may see each one, its name
and the page it lives on.

A target is named in the URL by its kind (`Target`, e.g. « risque ») and a key: the
object's id, or a code for what exists before any row is stored (a row of the diagnostic
grid, a section of the agreement). Who may comment is who may see the object: every
member of the project, except for an organisation's draft answers, which follow the
questionnaire's rule (``selectors.can_see_answers``).
"""

from dataclasses import dataclass

from django.apps import apps
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext, gettext_lazy

from projects.method import STEPS_BY_CODE
from steps import catalogue
from steps.models import StepStatus

from .models import Target

# The targets whose thread may be marked resolved (a point to settle before moving on).
RESOLVABLE = frozenset({Target.GRID_ROW, Target.AGREEMENT_SECTION})
# Kinds keyed by a code rather than an id.
BY_CODE = frozenset({Target.GRID_ROW, Target.AGREEMENT_SECTION})
# « X a commenté … »: each kind with its article.
DESCRIBED = {
    Target.ANSWER: gettext_lazy("la réponse « %(title)s »"),
    Target.GRID_ROW: gettext_lazy("la ligne de la grille « %(title)s »"),
    Target.RESOURCE: gettext_lazy("la ressource « %(title)s »"),
    Target.RISK: gettext_lazy("le risque « %(title)s »"),
    Target.AGREEMENT_SECTION: gettext_lazy("la section de l'entente « %(title)s »"),
    Target.ACTION: gettext_lazy("l'action « %(title)s »"),
    Target.EVALUATION_ROUND: gettext_lazy("le bilan « %(title)s »"),
}
# Kinds keyed by an id: the model of their objects.
MODELS = {
    Target.ANSWER: "steps.Answer",
    Target.RESOURCE: "steps.PooledResource",
    Target.RISK: "steps.Risk",
    Target.ACTION: "steps.Action",
    Target.EVALUATION_ROUND: "steps.EvaluationRound",
}


@dataclass
class Subject:
    """One target, found and allowed: what a thread page and its notifications need."""

    project: object
    kind: str
    object_id: int = 0
    code: str = ""
    obj: object = None
    title: str = ""
    url: str = ""
    organisation: object = None
    # An answer: its step's status for its organisation (the draft rule).
    answer_status: str = ""

    @property
    def key(self) -> str:
        return self.code or str(self.object_id)

    @property
    def kind_label(self) -> str:
        return str(Target(self.kind).label)

    @property
    def resolvable(self) -> bool:
        return self.kind in RESOLVABLE

    @property
    def lookup(self) -> dict:
        """The fields naming this thread in Comment and CommentThread."""
        return {
            "project": self.project,
            "target": self.kind,
            "object_id": self.object_id,
            "code": self.code,
        }

    def visible_to(self, membership) -> bool:
        """Whether this member may read the object (and so comment on it)."""
        if self.kind != Target.ANSWER:
            return True
        from steps.questionnaire.selectors import can_see_answers

        return can_see_answers(membership, self.organisation, self.answer_status)

    def described(self) -> str:
        """The object with its article, for a notification's sentence (in the language of
        the person commenting: the notification stores it as it is)."""
        return str(DESCRIBED[self.kind]) % {"title": self.title}


def model_of(kind: str):
    return apps.get_model(MODELS[kind]) if kind in MODELS else None


def _url(name: str, project, *args, anchor: str = "") -> str:
    return reverse(f"steps:{name}", args=[project.slug, *args]) + (f"#{anchor}" if anchor else "")


def find(membership, kind: str, key: str) -> Subject:
    """The target `kind`/`key` of the member's project, or 404 if it does not exist, is
    another project's or is hidden from this member (another organisation's draft)."""
    if kind not in Target.values:
        raise Http404
    project = membership.project
    subject = Subject(project=project, kind=kind)
    if kind in BY_CODE:
        subject.code = key
        _describe_code(subject)
    else:
        if not key.isdigit() or len(key) > 18:
            raise Http404
        subject.object_id = int(key)
        _describe_object(subject)
    if not subject.visible_to(membership):
        raise Http404
    return subject


def _describe_code(subject: Subject) -> None:
    project, code = subject.project, subject.code
    if subject.kind == Target.AGREEMENT_SECTION:
        from steps.modelling.agreement import SECTION_TITLES

        if code not in SECTION_TITLES:
            raise Http404
        subject.title = str(SECTION_TITLES[code])
        subject.url = _url("agreement", project, anchor=f"section-{code}")
        return
    from steps.diagnostic.selectors import build_grid

    parts = code.split(".")
    if len(parts) < 3 or parts[0] != "reflexion":
        raise Http404
    line = build_grid(project, dimension=parts[1]).line(code)
    if line is None:
        raise Http404
    subject.title = str(line.row.item.label)
    subject.url = (
        reverse("steps:grid", args=[project.slug]) + f"?dimension={parts[1]}#{line.anchor}"
    )


def _describe_object(subject: Subject) -> None:
    project = subject.project
    model = model_of(subject.kind)
    related = ["organisation"] if subject.kind == Target.ANSWER else []
    obj = model.objects.select_related(*related).filter(project=project, pk=subject.object_id)
    obj = obj.first()
    if obj is None:
        raise Http404
    subject.obj = obj
    match subject.kind:
        case Target.ANSWER:
            _describe_answer(subject, obj)
        case Target.RESOURCE:
            subject.title = obj.name
            subject.url = _url("resource_detail", project, obj.pk)
        case Target.RISK:
            subject.title = obj.title
            subject.url = _url("risks", project)
        case Target.ACTION:
            subject.title = obj.title
            subject.url = _url("actions", project)
        case Target.EVALUATION_ROUND:
            subject.title = obj.title
            subject.url = _url("evaluation_rounds", project)


def _describe_answer(subject: Subject, answer) -> None:
    project = subject.project
    step_code = answer.question_code.split(".", 1)[0]
    if step_code not in STEPS_BY_CODE:
        raise Http404
    subject.organisation = answer.organisation
    subject.answer_status = (
        StepStatus.objects.filter(
            project=project, organisation=answer.organisation, step=step_code
        )
        .values_list("status", flat=True)
        .first()
        or StepStatus.Status.NOT_STARTED
    )
    try:
        question = str(catalogue.get_question(answer.question_code).label)
    except KeyError:
        question = answer.question_code
    whose = answer.organisation.name if answer.organisation else gettext("le projet")
    subject.title = f"{question} — {whose}"
    if answer.organisation is not None:
        subject.url = _url("org_answers", project, step_code, answer.organisation.pk)
    else:
        subject.url = _url("step", project, step_code)
