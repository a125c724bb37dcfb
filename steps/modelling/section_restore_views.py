"""« Restaurer cette version » from the history of a section of the agreement (issue 21)."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.text import Truncator, capfirst
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mutualisation.formats import format_datetime
from mutualisation.params import int_param
from projects.access import Access, project_view
from steps.models import AgreementSection

from . import agreement, services

HISTORY_ROWS = 10


def _title(code: str) -> str:
    if code not in agreement.SECTION_TITLES:
        raise Http404
    return str(agreement.SECTION_TITLES[code])


def section_history_rows(project, code: str, current_text: str | None) -> tuple[list, int | None]:
    """The last changes of a section, ready for templates/_history.html, with a
    `restore_url` on those whose text differs from today's; and the newest record's id,
    the version the restore forms carry."""
    labels = {f.name: f.verbose_name for f in AgreementSection._meta.concrete_fields}
    hidden = AgreementSection.history_hidden_fields
    records = list(services.section_history(project, code)[:HISTORY_ROWS])
    for record in records:
        record.labelled_changes = [
            (capfirst(labels.get(name, name)), values[0], values[1])
            for name, values in record.changes.items()
            if name not in hidden
        ]
        text = services.restorable_text(record)
        record.restore_url = (
            reverse("steps:agreement_section_restore", args=[project.slug, code, record.pk])
            if text is not None and text != current_text and not project.archived_at
            else None
        )
    return records, (records[0].pk if records else None)


@project_view(Access.COORDINATE)
@require_POST
def agreement_section_restore(request, membership, section_code, change_id):
    """Give the section the text it had after one of its changes; a conflict (the
    section changed since the page was read) writes nothing and shows both texts."""
    project = membership.project
    title = _title(section_code)
    record = get_object_or_404(services.section_history(project, section_code), pk=change_id)
    if services.restorable_text(record) is None:
        messages.error(request, _("Cette modification ne contient pas de texte à restaurer."))
        return redirect("steps:agreement_section_edit", project.slug, section_code)
    base = request.POST.get("base_record", "")
    base_record_id = int_param(base) if base else None
    try:
        changed = services.agreement_section_restore(
            project=project,
            code=section_code,
            record=record,
            base_record_id=base_record_id,
            user=request.user,
        )
    except services.SectionConflict as conflict:
        messages.error(
            request,
            _(
                "Rien n’est restauré : la section a changé depuis l’ouverture de la page "
                "(%(by)s, le %(at)s). Texte actuel : « %(current)s ». Version à restaurer : "
                "« %(restored)s ». Relisez l’historique, puis recommencez au besoin."
            )
            % {
                "by": (conflict.latest.changed_by if conflict.latest else None) or _("quelqu'un"),
                "at": format_datetime(conflict.latest.changed_at) if conflict.latest else "",
                "current": Truncator(conflict.current_text or _("(texte généré)")).chars(300),
                "restored": Truncator(services.restorable_text(record)).chars(300),
            },
        )
        return redirect("steps:agreement_section_edit", project.slug, section_code)
    if changed:
        messages.success(
            request,
            _("La section « %(title)s » reprend sa version du %(date)s.")
            % {"title": title, "date": format_datetime(record.changed_at)},
        )
    else:
        messages.info(request, _("La section a déjà ce texte : rien à restaurer."))
    return redirect(f"{reverse('steps:agreement', args=[project.slug])}#section-{section_code}")
