"""The study on paper: the one-page « Note au conseil d'administration » of one
organisation, and the study's section of the project's dossier."""

from django.utils import timezone

from mutualisation.pdf import render_pdf
from projects.method import STEPS_BY_CODE

from . import computing, presenting, selectors


def study_section(loaded: selectors.Loaded, visible: set) -> dict | None:
    """What templates/pdf/_study.html shows, or None without a study to show."""
    if loaded.inputs is None or not loaded.inputs.resources:
        return None
    result = computing.study(loaded.inputs)
    show_group = visible == {o.pk for o in loaded.organisations}
    scenarios = computing.sensitivity(loaded.inputs, loaded.departure)
    status = selectors.status_of(loaded)
    shown = [o for o in loaded.organisations if o.pk in visible]
    sensitivity = presenting.sensitivity_rows(loaded, scenarios, visible, show_group)
    return {
        "study": loaded.study,
        "status_label": selectors.status_label(status),
        "organisations": presenting.organisation_views(loaded, result, visible),
        "sensitivity": sensitivity,
        "sensitivity_by_organisation": presenting.sensitivity_by_organisation(
            sensitivity, shown, show_group
        ),
        "show_group": show_group,
        "group_payback": presenting.payback_text(result.payback_year),
        "group_total": presenting.format_money(result.total_saving),
        "effects": loaded.effects,
    }


def board_note_pdf(loaded: selectors.Loaded, organisation_id: int, *, request=None) -> bytes:
    section = study_section(loaded, {organisation_id})
    organisation = next(o for o in loaded.organisations if o.pk == organisation_id)
    context = {
        "project": loaded.study.project,
        "organisation": organisation,
        "generated_at": timezone.now(),
        "step": STEPS_BY_CODE["modelisation"],
        "section": section,
        "org": section["organisations"][0] if section else None,
        "startup_total": presenting.format_money(loaded.inputs.startup_total),
        "grant": presenting.format_money(loaded.inputs.grant),
        "loan": loaded.inputs.loan,
        "loan_amount": presenting.format_money(loaded.inputs.loan.amount)
        if loaded.inputs.loan
        else "",
    }
    return render_pdf("pdf/note_ca.html", context, request=request).content


def dossier_section(project, who) -> dict | None:
    """The study's section of the dossier, as `who` may see it (its visibility rules)."""
    loaded = selectors.load(project)
    return study_section(loaded, selectors.visible_organisations(who, loaded))
