"""The six step pages as guided questionnaires: answers, autosave, submission, dashboard.

Access first, through ``projects.access``; then the visibility rule of
``selectors.can_see_answers`` (drafts stay private) before anything is shown.
"""

from dataclasses import dataclass
from functools import wraps
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from mutualisation.formats import format_datetime, format_time, plural_count
from mutualisation.params import int_param
from projects.access import Access, get_project_object, project_view, require_edit
from projects.method import STEPS, STEPS_BY_CODE
from projects.pages import step_context
from steps import catalogue
from steps.catalogue.base import PORTRAIT_PARTS, Scope
from steps.followup.deadlines import describe, project_deadlines, step_is_done
from steps.listing import url_of_each
from steps.models import (
    Answer,
    EvaluationRound,
    ExtraPortraitItem,
    StepStatus,
    TargetAssessment,
)

from . import fields, selectors, services
from .forms import VERSION_SUFFIX, DimensionsForm, QuestionnaireForm, redisplay_data

Status = selectors.Status


# --- Helpers ------------------------------------------------------------------------


def with_organisation(*, edit: bool):
    """Resolve `organisation_id` among the project's organisations (404 otherwise) and,
    with `edit`, refuse (403) members who may not write its answers. Placed between
    ``@project_view`` and ``@require_POST`` so access is checked before the method."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, membership, *args, organisation_id, **kwargs):
            organisation = get_object_or_404(membership.project.organisations, pk=organisation_id)
            if edit:
                require_edit(membership, organisation)
            return view(request, membership, *args, organisation=organisation, **kwargs)

        return wrapper

    return decorator


def _org_url(project, step_code, organisation) -> str:
    return reverse("steps:org_answers", args=[project.slug, step_code, organisation.pk])


def _step_url(project, step_code) -> str:
    return reverse("steps:step", args=[project.slug, step_code])


def _scope_url(project, step_code, organisation) -> str:
    if organisation is None:
        return _step_url(project, step_code) + "#questionnaire-projet"
    return _org_url(project, step_code, organisation)


def _scope_page_urls(project):
    """The page of one scope's answers to a step (the step page for the project's): the
    dashboard links every cell and missing answer."""
    step_urls = {step.code: _step_url(project, step.code) for step in STEPS}
    org_urls = {
        step.code: url_of_each("steps:org_answers", project.slug, step.code) for step in STEPS
    }

    def page_url(step_code, organisation) -> str:
        if organisation is None:
            return step_urls[step_code]
        return org_urls[step_code](organisation.pk)

    return page_url


def _require_organisation_scope(step_code: str) -> None:
    if not selectors.has_organisation_scope(step_code):
        raise Http404


@dataclass
class PortraitCard:
    label: str
    help: str
    rows: list
    extra: ExtraPortraitItem | None = None

    @property
    def answered_rows(self) -> list:
        return [row for row in self.rows if row.answered]

    @property
    def unanswered_labels(self) -> list:
        """The parts still empty (« Offre, Besoin »): one line in a read view."""
        return [row.short_label for row in self.rows if not row.answered]


@dataclass
class SectionBlock:
    """A catalogue section on a page: its rows, and in a read view the unanswered ones
    apart (collapsed under « N questions sans réponse »)."""

    section: object
    rows: list
    unanswered: list


def _sections(step_code, scope, rows, *, editable=True):
    """The catalogue's sections of a step with the rows of that scope's questions; read
    views put the answered questions first and the others apart."""
    content = catalogue.STEP_CONTENT.get(step_code)
    if content is None:
        return []
    blocks = []
    for section in content.sections:
        section_rows = [
            rows[q.code] for q in section.questions if q.scope == scope and q.code in rows
        ]
        if not section_rows:
            continue
        if editable:
            blocks.append(SectionBlock(section, section_rows, []))
        else:
            blocks.append(
                SectionBlock(
                    section,
                    [row for row in section_rows if row.answered],
                    [row for row in section_rows if not row.answered],
                )
            )
    return blocks


@dataclass
class DimensionBlock:
    """A dimension of the portrait on its page: its cards; in a read view, the cards
    with at least one answer first, the empty ones apart (collapsed)."""

    dimension: object
    cards: list
    empty_cards: list


def _portrait(state, organisation, rows, dimensions, *, editable=True):
    """The réflexion portrait of the given dimensions: one card per item (extra ones last)."""
    extras = state.extra_items.get(organisation.pk, [])
    blocks = []
    for dimension in dimensions:
        cards = [
            PortraitCard(
                item.label, item.help, [rows[item.question_code(part)] for part in PORTRAIT_PARTS]
            )
            for item in dimension.items
        ]
        cards += [
            PortraitCard(
                extra.label, "", [rows[f"{extra.code}.{part}"] for part in PORTRAIT_PARTS], extra
            )
            for extra in extras
            if extra.dimension == dimension.code
        ]
        for card in cards:
            if card.rows and card.help == card.rows[0].question.help:
                card.help = ""  # the description's help already says it
            for row in card.rows:
                # The card shows the item; its fields need only the part's name, and the
                # parts' generic help is given once above the portrait.
                row.short_label = row.question.label.rpartition(" — ")[2]
                row.context_label = card.label
                row.quiet_help = not row.question.code.endswith(".description")
        if editable:
            blocks.append(DimensionBlock(dimension, cards, []))
        else:
            blocks.append(
                DimensionBlock(
                    dimension,
                    [card for card in cards if card.answered_rows],
                    [card for card in cards if not card.answered_rows],
                )
            )
    return blocks


def _portrait_guide(portrait):
    """The parts of a portrait item with their help, from the first item."""
    for block in portrait:
        for card in block.cards + block.empty_cards:
            return [(row.short_label, row.question.help) for row in card.rows if row.quiet_help]
    return []


# --- The portrait, one dimension per page ------------------------------------------

# The page after the dimensions: the organisation's view of the process, the complete
# list of missing answers and the submission.
FINAL_PAGE = "fin"


@dataclass
class PortraitPage:
    """One page of an organisation's réflexion: a dimension, or the final page."""

    key: str  # a dimension code, or FINAL_PAGE
    title: str
    number: int  # 1, 2… in the order of the pages
    url: str
    questions: list
    answered: int
    dimension: object = None  # the catalogue Dimension (None on the final page)
    is_current: bool = False

    @property
    def total(self) -> int:
        return len(self.questions)

    @property
    def is_final(self) -> bool:
        return self.key == FINAL_PAGE

    @property
    def is_complete(self) -> bool:
        return self.answered >= self.total


@dataclass
class PortraitPager:
    pages: list
    current: PortraitPage
    dimension_count: int

    @property
    def previous(self):
        index = self.current.number - 1
        return self.pages[index - 1] if index > 0 else None

    @property
    def next(self):
        index = self.current.number - 1
        return self.pages[index + 1] if index + 1 < len(self.pages) else None

    @property
    def final(self) -> PortraitPage:
        return self.pages[-1]


def _page_url(base_url: str, key: str) -> str:
    return f"{base_url}?{urlencode({'dimension': key})}"


def _portrait_pager(state, organisation, base_url: str, key: str | None) -> PortraitPager:
    """The pages of an organisation's réflexion (each chosen dimension, then the final
    page), their answered counts, and the one asked for (`key`; the first by default)."""
    extras = state.extra_items.get(organisation.pk, [])
    pages = []
    for dimension in state.dimensions:
        questions = selectors.portrait_questions(dimension, extras)
        pages.append(
            PortraitPage(
                dimension.code,
                dimension.title,
                len(pages) + 1,
                _page_url(base_url, dimension.code),
                questions,
                sum(state.is_answered(organisation.pk, q.code) for q in questions),
                dimension,
            )
        )
    dimension_count = len(pages)
    questions = catalogue.questions_for(selectors.REFLEXION, Scope.ORGANISATION)
    pages.append(
        PortraitPage(
            FINAL_PAGE,
            _("La démarche et la soumission"),
            len(pages) + 1,
            _page_url(base_url, FINAL_PAGE),
            questions,
            sum(state.is_answered(organisation.pk, q.code) for q in questions),
        )
    )
    current = next((page for page in pages if page.key == key), pages[0])
    current.is_current = True
    return PortraitPager(pages, current, dimension_count)


def _page_key_of(code: str, dimension_codes) -> str:
    """The page of a réflexion question: `reflexion.<dimension>.<item>.<part>` is on its
    dimension's page, the other questions on the final page."""
    parts = code.split(".")
    if len(parts) >= 4 and parts[1] in dimension_codes:
        return parts[1]
    return FINAL_PAGE


def _question_link(project, step_code, organisation, dimension_codes):
    """Where each question of a scope is answered: its page and its anchor."""
    if organisation is None:
        base = _step_url(project, step_code)
        return lambda code: f"{base}#q-{code}"
    base = _org_url(project, step_code, organisation)
    if step_code != selectors.REFLEXION:
        return lambda code: f"{base}#q-{code}"
    return lambda code: f"{_page_url(base, _page_key_of(code, dimension_codes))}#q-{code}"


@dataclass(frozen=True)
class MissingQuestion:
    code: str
    label: str
    url: str


def _missing_links(missing, link) -> list[MissingQuestion]:
    return [MissingQuestion(q.code, q.label, link(q.code)) for q in missing]


def _step_state(project, step_code):
    """What a step page reads: the project's answers to the step in full, the
    organisations' as values (for their progress)."""
    return selectors.load_state(project, step=step_code, read=selectors.Read.STEP_PAGE)


def _organisation_rows(state, membership, step_code) -> list:
    """Each organisation's progress on a step, with the link to its answers when visible."""
    rows = selectors.organisation_rows(state, membership, step_code)
    org_url = url_of_each("steps:org_answers", membership.project.slug, step_code)
    for row in rows:
        if row.visible:
            row.url = org_url(row.organisation.pk)
    return rows


def _question_rows(form, project, questions=None) -> dict:
    """The form's rows (of `questions` only, when given: the page's), each stored answer
    with the link to its history."""
    if questions is None:
        rows = form.rows()
    else:
        rows = {question.code: form.row(question) for question in questions}
    history_url = url_of_each("steps:history", project.slug)
    for row in rows.values():
        if row.answer is not None:
            row.history_url = history_url(row.answer.pk)
    return rows


def _base_context(membership, step):
    """The step context, with the six steps and the step's guide."""
    return step_context(
        membership, step.code, steps=STEPS, content=catalogue.STEP_CONTENT.get(step.code)
    )


def _render_org_page(
    request, membership, step, organisation, state, *, form=None, missing=(), page_key=None
):
    """An organisation's answers to a step; the réflexion one page at a time (`page_key`
    or `?dimension=`: a dimension, or the final page with the submission)."""
    project = membership.project
    status = state.status(step.code, organisation.pk)
    editable = (
        membership.can_edit(organisation)
        and status != Status.SUBMITTED
        and not membership.project.archived_at  # read-only (projects.access)
    )
    pager = None
    questions = state.questions(step.code, organisation.pk)
    if step.code == selectors.REFLEXION:
        pager = _portrait_pager(
            state,
            organisation,
            _org_url(project, step.code, organisation),
            page_key or request.GET.get("dimension"),
        )
        questions = pager.current.questions
    if form is None:
        form = QuestionnaireForm(
            questions=questions, answers=state.answers_of(organisation.pk), editable=editable
        )
    form.missing = {q.code for q in missing}
    rows = _question_rows(form, project, questions)
    portrait = []
    if pager is not None and pager.current.dimension is not None:
        portrait = _portrait(
            state, organisation, rows, [pager.current.dimension], editable=editable
        )
    link = _question_link(project, step.code, organisation, {d.code for d in state.dimensions})
    context = _base_context(membership, step) | {
        "organisation": organisation,
        "status_row": state.status_row(step.code, organisation.pk),
        "progress": state.progress(step.code, organisation.pk),
        "due": describe(
            project_deadlines(project).for_step(step.code, organisation),
            timezone.localdate(),
            status == Status.SUBMITTED,
        ),
        "editable": editable,
        "can_reopen": membership.is_coordinator and status == Status.SUBMITTED,
        "form": form,
        "sections": _sections(step.code, Scope.ORGANISATION, rows, editable=editable),
        "portrait": portrait,
        "portrait_guide": _portrait_guide(portrait),
        "pager": pager,
        # The submission (and its list of what is missing) is on the last page.
        "shows_submit": pager is None or pager.current.is_final,
        "missing": _missing_links(missing, link),
        # Next to « Soumettre » of a paged portrait: the required answers still missing
        # on any page, before a refusal has to list them.
        "still_required": (
            _missing_links(state.missing(step.code, organisation.pk), link)
            if pager is not None and pager.current.is_final and editable and not missing
            else []
        ),
        "autosave_url": reverse("steps:autosave", args=[project.slug]),
    }
    return render(request, "steps/questionnaire/org_answers.html", context)


def _render_step_page(request, membership, step, state, *, form=None, missing=()):
    project = membership.project
    status = state.status(step.code, None)
    project_visible = state.visible(membership, step.code, None)
    editable = (
        membership.is_coordinator
        and status != Status.SUBMITTED
        and not membership.project.archived_at  # read-only (projects.access)
    )
    questions = state.questions(step.code, None)
    if form is None:
        form = QuestionnaireForm(
            questions=questions, answers=state.answers_of(None), editable=editable
        )
    form.missing = {q.code for q in missing}
    rows = _question_rows(form, project) if project_visible else {}
    has_organisations = selectors.has_organisation_scope(step.code)
    own = membership.organisation if membership.is_partner else None
    organisation_rows = (
        _organisation_rows(state, membership, step.code) if has_organisations else []
    )
    step_due, own_due = _step_deadlines(project, state, step, organisation_rows, own)
    rounds = _rounds_summary(project) if step.code == "evaluation" else None
    context = _base_context(membership, step) | {
        "rounds_summary": rounds,
        "form": form,
        "editable": editable,
        "project_questions": bool(questions),
        "project_visible": project_visible,
        "project_progress": state.progress(step.code, None),
        "can_reopen": membership.is_coordinator and status == Status.SUBMITTED,
        "sections": _sections(step.code, Scope.PROJECT, rows, editable=editable),
        "missing": _missing_links(missing, lambda code: f"#q-{code}"),
        "organisation_rows": organisation_rows,
        "has_organisations": has_organisations,
        "own_organisation": own,
        "step_due": step_due,
        "own_due": own_due,
        "autosave_url": reverse("steps:autosave", args=[project.slug]),
    }
    return render(request, "steps/step.html", context)


@dataclass
class RoundsSummary:
    """Step 6 summarises the evaluation rounds, the one place where the partners say
    what worked, the targets met and the effects (4 queries, whatever their number)."""

    count: int
    latest: EvaluationRound | None
    results: list  # [(label of a target result, how many indicators)] of the latest round
    improvements: int = 0
    improvements_in_plan: int = 0


def _rounds_summary(project) -> RoundsSummary:
    rounds = EvaluationRound.objects.filter(project=project)
    count = rounds.count()
    latest = rounds.prefetch_related("assessments", "improvements").first() if count else None
    if latest is None:
        return RoundsSummary(count, None, [])
    assessments = list(latest.assessments.all())
    results = [
        (label, sum(assessment.result == value for assessment in assessments))
        for value, label in TargetAssessment.Result.choices
    ]
    improvements = list(latest.improvements.all())
    return RoundsSummary(
        count,
        latest,
        [(label, number) for label, number in results if number],
        len(improvements),
        sum(improvement.action_id is not None for improvement in improvements),
    )


def _step_deadlines(project, state, step, organisation_rows, own):
    """The step's target date (done once every scope submitted), each organisation's,
    and the partner's own organisation's when it has a date of its own."""
    deadlines = project_deadlines(project)
    today = timezone.localdate()
    step_due = describe(
        deadlines.step_date(step.code),
        today,
        step_is_done(
            step.code,
            state.status,
            [organisation.pk for organisation in state.organisations],
            organisation_scope=selectors.has_organisation_scope(step.code),
        ),
    )
    for row in organisation_rows:
        row.due = describe(
            deadlines.for_step(step.code, row.organisation),
            today,
            row.status == Status.SUBMITTED,
        )
    own_due = None
    if own is not None and deadlines.own_date(step.code, own) is not None:
        own_due = describe(
            deadlines.for_step(step.code, own),
            today,
            state.status(step.code, own.pk) == Status.SUBMITTED,
        )
    return step_due, own_due


def _save_all(request, membership, step, organisation):
    """The no-JavaScript save: every question of the page, each with its own version."""
    project = membership.project
    organisation_id = organisation.pk if organisation is not None else None
    state = selectors.load_state(project, organisation_id=organisation_id, step=step.code)
    questions = state.questions(step.code, organisation_id)
    back_url = _scope_url(project, step.code, organisation)
    page_key = request.GET.get("dimension", "")
    if organisation is not None and step.code == selectors.REFLEXION:
        # A portrait page posts its own fields only: the others keep their answers.
        if page_key not in {d.code for d in state.dimensions} | {FINAL_PAGE}:
            page_key = None
        else:
            back_url = _page_url(back_url, page_key)
    errors, conflicts, base_versions = {}, {}, {}
    for question in questions:
        version_name = question.code + VERSION_SUFFIX
        if version_name not in request.POST:
            continue  # not on the page the user had (e.g. an item added in another tab)
        base_versions[question.code] = int_param(request.POST[version_name]) or 0
        try:
            services.save_answer(
                project=project,
                organisation=organisation,
                question_code=question.code,
                raw_value=fields.raw_value(question, request.POST),
                base_version=base_versions[question.code],
                user=request.user,
            )
        except services.ReadOnlyStep as error:
            messages.error(request, error.messages[0])
            return redirect(back_url)
        except services.Conflict as conflict:
            conflicts[question.code] = conflict
        except services.InvalidAnswer as error:
            errors[question.code] = error.messages
    if not errors and not conflicts:
        messages.success(request, _("Vos réponses sont enregistrées."))
        return redirect(back_url)

    # Re-display: the user's input where it failed, the stored answers elsewhere. (The
    # step page also lists every organisation's progress on that step.)
    if organisation is None:
        state = _step_state(project, step.code)
    else:
        state = selectors.load_state(project, organisation_id=organisation_id, step=step.code)
    answers = state.answers_of(organisation_id)
    data = redisplay_data(questions, answers, request.POST, set(errors) | set(conflicts))
    form = QuestionnaireForm(data, questions=questions, answers=answers, editable=True)
    form.is_valid()
    for code, error_messages in errors.items():
        if not form.errors.get(code):
            form.add_error(code, error_messages)
    form.conflicts = conflicts
    # A field that failed keeps the version the user started from: saving it again
    # later must still detect someone else's change.
    form.base_versions = {code: base_versions[code] for code in errors}
    if conflicts:
        messages.warning(
            request,
            _(
                "Certaines réponses ont été modifiées par quelqu'un d'autre pendant que vous "
                "écriviez. Comparez les deux versions : enregistrez de nouveau pour garder la "
                "vôtre."
            ),
        )
    if errors:
        messages.error(request, _("Certaines réponses n'ont pas été enregistrées : corrigez-les."))
    if organisation is None:
        return _render_step_page(request, membership, step, state, form=form)
    return _render_org_page(
        request, membership, step, organisation, state, form=form, page_key=page_key
    )


# --- Pages --------------------------------------------------------------------------


@project_view(Access.READ)
def step_page(request, membership, step_code):
    """A step: what it is about, its tools, the project's questions, the organisations."""
    step = STEPS_BY_CODE[step_code]
    state = _step_state(membership.project, step_code)
    return _render_step_page(request, membership, step, state)


@project_view(Access.READ)
@with_organisation(edit=False)
def org_answers(request, membership, step_code, organisation):
    """One organisation's answers for a step: editable by its partners and the
    coordination until submitted; a draft is hidden from the other partners (403)."""
    _require_organisation_scope(step_code)
    step = STEPS_BY_CODE[step_code]
    state = selectors.load_state(
        membership.project, organisation_id=organisation.pk, step=step_code
    )
    if not state.visible(membership, step_code, organisation):
        raise PermissionDenied
    return _render_org_page(request, membership, step, organisation, state)


@project_view(Access.CONTRIBUTE)
@require_POST
def autosave(request, membership):
    """Save one answer (JSON): saved, invalid (400), conflict (409) or refused (403/404)."""
    project = membership.project
    organisation = None
    organisation_id = request.POST.get("organisation_id", "")
    if organisation_id:
        if int_param(organisation_id) is None:
            raise Http404
        organisation = get_object_or_404(project.organisations, pk=organisation_id)
    require_edit(membership, organisation)
    base_version = int_param(request.POST.get("base_version") or "0")
    if base_version is None:
        return JsonResponse(
            {"status": "invalid", "errors": [_("Version inconnue ; rechargez la page.")]},
            status=400,
        )
    code = request.POST.get("question_code", "")
    try:
        question = services.get_question_or_invalid(code)
        result = services.save_answer(
            project=project,
            organisation=organisation,
            question_code=code,
            raw_value=fields.raw_value(question, request.POST),
            base_version=base_version,
            user=request.user,
        )
    except services.Conflict as conflict:
        return JsonResponse(
            {
                "status": "conflict",
                "their_value_display": fields.display(question, conflict.their_value),
                "their_fields": fields.as_form_data(question, conflict.their_value),
                "their_version": conflict.their_version,
                "by": str(conflict.by or _("quelqu'un")),
                "at": format_datetime(conflict.at),
            },
            status=409,
        )
    except services.ReadOnlyStep as error:
        return JsonResponse({"status": "readonly", "errors": error.messages}, status=403)
    except services.InvalidAnswer as error:
        return JsonResponse({"status": "invalid", "errors": error.messages}, status=400)
    return JsonResponse(
        {
            "status": "saved",
            "version": result.version,
            "saved_at_display": format_time(result.saved_at),
            "progress": _progress_json(project, organisation, selectors.step_of(code)),
        }
    )


# Its errors, even those raised before it runs (a 400 for a NUL character), are JSON.
autosave.answers_json = True


def _progress_json(project, organisation, step_code) -> dict:
    """The scope's status and count of answers after a save, for the page's badge (the
    same words as the page; a few queries, whatever the number of organisations)."""
    organisation_id = organisation.pk if organisation is not None else None
    state = selectors.load_state(
        project, organisation_id=organisation_id, step=step_code, read=selectors.Read.PROGRESS
    )
    progress = state.progress(step_code, organisation_id)
    return {
        "status": progress.status,
        "status_label": progress.status_label,
        "answered": progress.answered,
        "total": progress.total,
        "text": ngettext(
            "%(answered)s réponse sur %(total)s",
            "%(answered)s réponses sur %(total)s",
            plural_count(progress.answered),
        )
        % {"answered": progress.answered, "total": progress.total},
    }


@project_view(Access.CONTRIBUTE)
@with_organisation(edit=True)
@require_POST
def save_org(request, membership, step_code, organisation):
    """Save an organisation's whole questionnaire (the path without JavaScript)."""
    _require_organisation_scope(step_code)
    return _save_all(request, membership, STEPS_BY_CODE[step_code], organisation)


@project_view(Access.COORDINATE)
@require_POST
def save_project(request, membership, step_code):
    """Save the project's questionnaire of a step (the path without JavaScript)."""
    return _save_all(request, membership, STEPS_BY_CODE[step_code], None)


@dataclass
class UnansweredGroup:
    """Unanswered questions of a confirmation page: a question alone, or a portrait item
    with the parts still empty (« Locaux : Description, Ce que nous offrons »)."""

    label: str
    url: str  # the first unanswered question on the answers page
    parts: list


def _unanswered_to_confirm(state, step_code, organisation_id, link):
    """The questions still unanswered when none of them is required (otherwise the
    submission is refused with the required ones); [] once submitted or complete."""
    if state.status(step_code, organisation_id) == Status.SUBMITTED:
        return []
    if state.missing(step_code, organisation_id):
        return []
    groups, by_label = [], {}
    for question in state.questions(step_code, organisation_id):
        if state.is_answered(organisation_id, question.code):
            continue
        item, _sep, part = str(question.label).rpartition(" — ")
        if not item:
            item, part = part, ""
        group = by_label.get(item)
        if group is None:
            group = by_label[item] = UnansweredGroup(item, link(question.code), [])
            groups.append(group)
        if part:
            group.parts.append(part)
    return groups


def _confirm_submission(request, membership, step, organisation, state, page_url, action):
    """Ask before submitting answers that are not all there (the « Soumettre quand
    même » button posts again with `confirm`)."""
    organisation_id = organisation.pk if organisation is not None else None
    link = _question_link(
        membership.project, step.code, organisation, {d.code for d in state.dimensions}
    )
    groups = _unanswered_to_confirm(state, step.code, organisation_id, link)
    if not groups or request.POST.get("confirm") == "1":
        return None
    progress = state.progress(step.code, organisation_id)
    context = _base_context(membership, step) | {
        "organisation": organisation,
        "groups": groups,
        "unanswered": progress.total - progress.answered,
        "progress": progress,
        "page_url": page_url,
        "continue_url": groups[0].url,
        "submit_url": action,
    }
    return render(request, "steps/questionnaire/submit_confirm.html", context)


@project_view(Access.CONTRIBUTE)
@with_organisation(edit=True)
@require_POST
def submit_org(request, membership, step_code, organisation):
    """Submit an organisation's answers: unanswered questions are listed for a second,
    deliberate click; missing required answers are listed and refused."""
    _require_organisation_scope(step_code)
    step = STEPS_BY_CODE[step_code]
    project = membership.project
    state = selectors.load_state(project, organisation_id=organisation.pk, step=step_code)
    confirm = _confirm_submission(
        request,
        membership,
        step,
        organisation,
        state,
        _org_url(project, step_code, organisation),
        reverse("steps:submit_org", args=[project.slug, step_code, organisation.pk]),
    )
    if confirm is not None:
        return confirm
    missing = services.submit_step(
        project=membership.project, organisation=organisation, step=step_code, user=request.user
    )
    if missing:
        state = selectors.load_state(
            membership.project, organisation_id=organisation.pk, step=step_code
        )
        return _render_org_page(
            request, membership, step, organisation, state, missing=missing, page_key=FINAL_PAGE
        )
    messages.success(
        request,
        _("Réponses soumises. Les autres organisations partenaires peuvent maintenant les lire."),
    )
    return redirect(_org_url(membership.project, step_code, organisation))


@project_view(Access.COORDINATE)
@require_POST
def submit_project(request, membership, step_code):
    """Submit the project's answers of a step (coordination), after a confirmation when
    some are unanswered."""
    step = STEPS_BY_CODE[step_code]
    project = membership.project
    state = selectors.load_state(project, organisation_id=None, step=step_code)
    confirm = _confirm_submission(
        request,
        membership,
        step,
        None,
        state,
        _step_url(project, step_code),
        reverse("steps:submit_project", args=[project.slug, step_code]),
    )
    if confirm is not None:
        return confirm
    missing = services.submit_step(
        project=membership.project, organisation=None, step=step_code, user=request.user
    )
    if missing:
        state = _step_state(membership.project, step_code)
        return _render_step_page(request, membership, step, state, missing=missing)
    messages.success(
        request, _("Réponses du projet soumises : tous les membres peuvent les lire.")
    )
    return redirect(_step_url(membership.project, step_code))


@project_view(Access.COORDINATE)
@with_organisation(edit=False)
@require_POST
def reopen_org(request, membership, step_code, organisation):
    """Make an organisation's submitted answers editable again (coordination)."""
    _require_organisation_scope(step_code)
    if services.reopen_step(
        project=membership.project, organisation=organisation, step=step_code, user=request.user
    ):
        messages.success(request, _("Réponses rouvertes : elles sont de nouveau modifiables."))
    else:
        messages.info(request, _("Ces réponses n'étaient pas soumises."))
    return redirect(_org_url(membership.project, step_code, organisation))


@project_view(Access.COORDINATE)
@require_POST
def reopen_project(request, membership, step_code):
    """Make the project's submitted answers of a step editable again."""
    if services.reopen_step(
        project=membership.project, organisation=None, step=step_code, user=request.user
    ):
        messages.success(request, _("Réponses du projet rouvertes."))
    else:
        messages.info(request, _("Ces réponses n'étaient pas soumises."))
    return redirect(_step_url(membership.project, step_code))


@project_view(Access.CONTRIBUTE)
@with_organisation(edit=True)
@require_POST
def extra_item_add(request, membership, organisation):
    """Add an « autre » item to a dimension of the organisation's portrait."""
    dimension = request.POST.get("dimension", "")
    try:
        item = services.extra_item_add(
            project=membership.project,
            organisation=organisation,
            dimension=dimension,
            label=request.POST.get("label", ""),
            user=request.user,
        )
    except services.AnswerError as error:
        messages.error(request, error.messages[0])
        url = _org_url(membership.project, selectors.REFLEXION, organisation)
        if dimension in catalogue.DIMENSIONS_BY_CODE:
            url = _page_url(url, dimension) + f"#dim-{dimension}"
        return redirect(url)
    messages.success(request, _("Élément « %(label)s » ajouté.") % {"label": item.label})
    return redirect(
        _page_url(_org_url(membership.project, selectors.REFLEXION, organisation), item.dimension)
        + f"#q-{item.code}.description"
    )


def with_extra_item(view):
    """Resolve `extra_item_id` in the project (404) and check its organisation (403)."""

    @wraps(view)
    def wrapper(request, membership, *args, extra_item_id, **kwargs):
        item = get_object_or_404(
            ExtraPortraitItem.objects.select_related("project", "organisation"),
            project=membership.project,
            pk=extra_item_id,
        )
        require_edit(membership, item.organisation)
        return view(request, membership, *args, item=item, **kwargs)

    return wrapper


@project_view(Access.CONTRIBUTE)
@with_extra_item
@require_POST
def extra_item_remove(request, membership, item):
    """Remove an extra item of a portrait, with its answers."""
    url = _page_url(
        _org_url(membership.project, selectors.REFLEXION, item.organisation), item.dimension
    )
    try:
        services.extra_item_remove(item=item, user=request.user)
    except services.AnswerError as error:
        messages.error(request, error.messages[0])
        return redirect(url)
    messages.success(request, _("Élément « %(label)s » retiré.") % {"label": item.label})
    return redirect(url + f"#dim-{item.dimension}")


@project_view(Access.COORDINATE)
def dimensions(request, membership):
    """Choose which réflexion dimensions apply to the project (coordination)."""
    project = membership.project
    state = selectors.load_state(project, organisation_id=None, step=selectors.REFLEXION)
    # Unticking every box posts nothing at all: bind on the method, not on the data.
    form = DimensionsForm(
        request.POST if request.method == "POST" else None,
        initial={"dimensions": [d.code for d in state.dimensions]},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.dimensions_set(
                project=project, codes=form.cleaned_data["dimensions"], user=request.user
            )
        except services.AnswerError as error:
            form.add_error("dimensions", error.messages)
        else:
            messages.success(request, _("Dimensions du portrait enregistrées."))
            return redirect(_step_url(project, selectors.REFLEXION))
    context = _base_context(membership, STEPS_BY_CODE[selectors.REFLEXION]) | {"form": form}
    return render(request, "steps/questionnaire/dimensions.html", context)


@project_view(Access.READ)
def history(request, membership, answer_id):
    """Who changed an answer, when, from what to what (draft rule applies)."""
    answer = get_project_object(
        membership, Answer.objects.select_related("organisation", "updated_by"), pk=answer_id
    )
    step_code = selectors.step_of(answer.question_code)
    if step_code not in STEPS_BY_CODE:
        raise Http404
    state_status = (
        StepStatus.objects.filter(
            project=membership.project, organisation=answer.organisation, step=step_code
        )
        .values_list("status", flat=True)
        .first()
        or Status.NOT_STARTED
    )
    if not selectors.can_see_answers(membership, answer.organisation, state_status):
        raise PermissionDenied
    try:
        question = catalogue.get_question(answer.question_code)
    except KeyError:
        question = None
    revisions = [
        {
            "revision": revision,
            "old": fields.display(question, revision.old_value)
            if question
            else revision.old_value,
            "new": fields.display(question, revision.new_value)
            if question
            else revision.new_value,
        }
        for revision in answer.revisions.select_related("changed_by")
    ]
    context = _base_context(membership, STEPS_BY_CODE[step_code]) | {
        "answer": answer,
        "question": question,
        "revisions": revisions,
        # « Restaurer cette version »: whoever may edit the answer, while it is editable.
        "can_restore": membership.can_edit(answer.organisation)
        and state_status != Status.SUBMITTED
        and not membership.project.archived_at,
        "back_url": _question_link(
            membership.project,
            step_code,
            answer.organisation,
            {dimension.code for dimension in catalogue.DIMENSIONS},
        )(answer.question_code),
    }
    return render(request, "steps/questionnaire/history.html", context)


@project_view(Access.READ)
def impulsion_synthesis(request, membership):
    """The organisations' motivations side by side: who ticked what."""
    step = STEPS_BY_CODE["impulsion"]
    state = selectors.load_state(membership.project, step=step.code, read=selectors.Read.VALUES)
    visible, hidden, tables = selectors.impulsion_synthesis(state, membership, step.code)
    context = _base_context(membership, step) | {
        "visible": visible,
        "drafts": {o.pk for o in visible if state.status(step.code, o.pk) != Status.SUBMITTED},
        "hidden": hidden,
        "tables": tables,
    }
    return render(request, "steps/questionnaire/impulsion_synthesis.html", context)


@project_view(Access.READ)
def dashboard(request, membership):
    """Steps × organisations: status and share answered; what is missing (coordination)."""
    project = membership.project
    state = selectors.load_state(project, read=selectors.Read.PROGRESS)
    rows, missing = selectors.dashboard(state, membership, with_missing=membership.is_coordinator)
    page_url = _scope_page_urls(project)
    for row in rows:
        for cell in row.cells:
            if cell.visible:
                cell.url = page_url(cell.step.code, row.organisation)
                if row.organisation is None:
                    cell.url += "#questionnaire-projet"
    dimension_codes = {d.code for d in state.dimensions}
    for entry in missing:
        entry.url = page_url(entry.step.code, entry.organisation)
        entry.link = entry.url if entry.organisation else entry.url + "#questionnaire-projet"
        # Each unanswered question on its own page (the portrait is paged by dimension).
        entry.questions = _missing_links(
            entry.questions,
            _question_link(project, entry.step.code, entry.organisation, dimension_codes),
        )
    step_dues, late = _dashboard_deadlines(project, state, rows)
    return render(
        request,
        "steps/dashboard.html",
        {
            "project": project,
            "membership": membership,
            "steps": STEPS,
            "rows": rows,
            "missing": missing,
            "step_columns": list(zip(STEPS, step_dues, strict=True)),
            "late_organisations": late,
        },
    )


def _dashboard_deadlines(project, state, rows):
    """Each step's target date (done once every scope submitted), each cell's (the
    organisation's own for the questionnaires) and the organisations late on one."""
    deadlines = project_deadlines(project)
    today = timezone.localdate()
    organisation_ids = [organisation.pk for organisation in state.organisations]
    step_dues = [
        describe(
            deadlines.step_date(step.code),
            today,
            step_is_done(
                step.code,
                state.status,
                organisation_ids,
                organisation_scope=selectors.has_organisation_scope(step.code),
            ),
        )
        for step in STEPS
    ]
    late = set()
    for row in rows:
        organisation = row.organisation
        for cell in row.cells:
            if not cell.applies:
                continue
            cell.due = describe(
                deadlines.for_step(cell.step.code, organisation),
                today,
                cell.status == Status.SUBMITTED,
            )
            if organisation is not None and cell.due is not None and cell.due.is_late:
                late.add(organisation.pk)
    return step_dues, late
