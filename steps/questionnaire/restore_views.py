"""« Restaurer cette version » from an answer's history (issue 21)."""

from django.contrib import messages
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _

from mutualisation.formats import format_datetime
from mutualisation.params import int_param
from projects.access import Access, get_project_object, project_view, require_edit
from steps import catalogue
from steps.models import Answer, AnswerRevision

from . import fields, services


def _shown(question, value) -> str:
    text = fields.display(question, value) if question is not None else str(value or "")
    return text or _("(vide)")


@project_view(Access.CONTRIBUTE)
def answer_restore(request, membership, answer_id, revision_id):
    """Give the answer the value of an older version: the coordination or the answer's own
    organisation, with the autosave's version check (a conflict writes nothing)."""
    answer = get_project_object(
        membership, Answer.objects.select_related("organisation", "project"), pk=answer_id
    )
    require_edit(membership, answer.organisation)
    if request.method != "POST":  # after the access check: a GET from others is 403
        return HttpResponseNotAllowed(["POST"])
    revision = get_object_or_404(AnswerRevision, answer=answer, pk=revision_id)
    base_version = int_param(request.POST.get("base_version", ""))
    if base_version is None:
        raise Http404
    history_url = redirect("steps:history", membership.project.slug, answer.pk)
    try:
        question = catalogue.get_question(answer.question_code)
    except KeyError:
        question = None
    try:
        result = services.restore_answer(
            revision=revision, base_version=base_version, user=request.user
        )
    except services.Conflict as conflict:
        messages.error(
            request,
            _(
                "Rien n’est restauré : %(by)s a modifié cette réponse le %(at)s (version "
                "%(version)s). Valeur actuelle : « %(current)s ». Version à restaurer : "
                "« %(restored)s ». Vérifiez l’historique ci-dessous, puis recommencez au besoin."
            )
            % {
                "by": conflict.by or _("quelqu'un"),
                "at": format_datetime(conflict.at),
                "version": conflict.their_version,
                "current": _shown(question, conflict.their_value),
                "restored": _shown(question, revision.new_value),
            },
        )
        return history_url
    except services.AnswerError as error:
        messages.error(request, " ".join(error.messages))
        return history_url
    if result.changed:
        messages.success(
            request,
            _("La version %(old)s est restaurée : elle devient la version %(new)s.")
            % {"old": revision.version, "new": result.version},
        )
    else:
        messages.info(request, _("La réponse a déjà cette valeur : rien à restaurer."))
    return history_url
