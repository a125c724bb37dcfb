"""An organisation's answers to a step as a Word file: what its answers page shows.

The questions in the order of the page (`blank.scope_outline`: the réflexion portrait of
the chosen dimensions with the organisation's own items, then the step's questions), each
with its answer as people read it or « Sans réponse ». Answers not yet submitted carry
« BROUILLON — non soumis » at the top. The view checks the visibility rule before
(`ProjectState.visible`, the one of the answers page).
"""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from docx.shared import Pt

from mutualisation.formats import format_datetime, plural_count
from projects.method import STEPS_BY_CODE
from steps.catalogue.base import Scope
from steps.questionnaire import fields

from . import docx
from .blank import part_label, scope_outline


def _value(state, organisation_id, question) -> str:
    answer = state.answer(organisation_id, question.code)
    if answer is None or not fields.is_answered(answer.value):
        return ""
    return fields.display(question, answer.value)


def _status_line(state, step_code, organisation) -> str:
    progress = state.progress(step_code, organisation.pk)
    count = ngettext(
        "%(answered)s réponse sur %(total)s",
        "%(answered)s réponses sur %(total)s",
        plural_count(progress.answered),
    ) % {"answered": progress.answered, "total": progress.total}
    line = f"{progress.status_label} · {count}"
    row = state.status_row(step_code, organisation.pk)
    if progress.is_submitted and row is not None and row.submitted_at:
        line += " · " + _("soumises le %(at)s") % {"at": format_datetime(row.submitted_at)}
    return line


def build_answers_docx(project, state, step_code: str, organisation) -> bytes:
    """`state`: `load_state(project, organisation_id=organisation.pk, step=step_code)`."""
    step = STEPS_BY_CODE[step_code]
    step_label = _("Étape %(number)s — %(title)s") % {"number": step.number, "title": step.title}
    document = docx.new_document(
        title=f"{organisation.name} — {step_label} — {project.name}",
        author=organisation.name,
        subject=step_label,
    )
    document.styles["Normal"].paragraph_format.space_after = Pt(4)
    docx.add_footer(document, f"{project.name} — {organisation.name} — {step_label}")
    docx.heading(document, organisation.name, 0)
    docx.paragraph(document, f"{step_label} · {project.name}", "Subtitle")
    if not state.progress(step_code, organisation.pk).is_submitted:
        docx.add_note(document, _("BROUILLON — non soumis"))
    document.add_paragraph(_status_line(state, step_code, organisation)).runs[0].italic = True

    empty = _("Sans réponse")
    outline = scope_outline(
        step_code,
        Scope.ORGANISATION,
        dimensions=state.dimensions,
        extra_items=state.extra_items.get(organisation.pk, ()),
    )
    for dimension in outline.dimensions:
        docx.heading(document, dimension.title, 1)
        for item in dimension.items:
            docx.heading(document, item.label, 2)
            for question in item.questions:
                docx.add_label_value(
                    document,
                    part_label(question),
                    _value(state, organisation.pk, question),
                    empty=empty,
                )
    for section in outline.sections:
        docx.heading(document, section.title, 1)
        for question in section.questions:
            docx.add_label_value(
                document, question.label, _value(state, organisation.pk, question), empty=empty
            )
    return docx.to_bytes(document)
