"""Pages of the cost-of-use calculator: pooled resources, their cost, break-even and
sharing, the organisations' commitments and the year's recorded uses."""

from django.contrib import messages
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mutualisation.formats import format_money, format_number
from mutualisation.params import int_param
from projects.access import Access, project_view
from projects.history import history_for
from projects.pages import object_delete_page, step_context
from projects.submissions import already_sent, claim_once
from steps.models import PooledResource, UsageRecord

from . import chart, selectors, services
from .forms import ResourceForm, UsageRecordForm, YearForm, commitment_formset

STEP_CODE = "modelisation"


def _detail_url(project, resource) -> str:
    return reverse(
        "steps:resource_detail",
        kwargs={"project_slug": project.slug, "resource_id": resource.pk},
    )


@project_view(Access.READ)
def resources(request, membership):
    rows = selectors.resource_rows(membership.project)
    return render(
        request, "steps/resources/resources.html", step_context(membership, STEP_CODE, rows=rows)
    )


def _committed(resource) -> int:
    return sum(c.planned_uses_per_year for c in selectors.commitments_of(resource))


def _render_form(request, membership, form, resource=None):
    # The stored calculation shows until the person types (then pricing.js previews).
    analysis = None
    if resource is not None and not form.is_bound:
        analysis = selectors.analyse(resource, _committed(resource))
    return render(
        request,
        "steps/resources/resource_form.html",
        step_context(
            membership,
            STEP_CODE,
            form=form,
            resource=resource,
            analysis=analysis,
            chart=chart.resource_chart(analysis) if analysis else None,
        ),
    )


@project_view(Access.COORDINATE)
def resource_create(request, membership):
    project = membership.project
    form = ResourceForm(request.POST or None, project=project)
    if request.method == "POST":
        if form.is_valid():
            with transaction.atomic():
                if not claim_once(request):
                    return already_sent(request, reverse("steps:resources", args=[project.slug]))
                resource = services.resource_save(form=form, project=project, user=request.user)
            messages.success(request, _("Ressource « %(name)s » créée.") % {"name": resource})
            return redirect(_detail_url(project, resource))
        messages.error(request, _("Rien n'a été enregistré : corrigez les champs indiqués."))
    return _render_form(request, membership, form)


@project_view(Access.COORDINATE)
def resource_edit(request, membership, resource_id):
    project = membership.project
    resource = selectors.resource_for(project, resource_id)
    form = ResourceForm(request.POST or None, instance=resource, project=project)
    if request.method == "POST":
        if form.is_valid():
            services.resource_save(form=form, project=project, user=request.user)
            messages.success(request, _("Calcul enregistré."))
            return redirect(_detail_url(project, resource))
        messages.error(request, _("Rien n'a été enregistré : corrigez les champs indiqués."))
    return _render_form(request, membership, form, resource=resource)


@project_view(Access.COORDINATE)
@require_POST
def resource_preview(request, membership):
    """The breakdown of the posted inputs, as an HTML fragment; nothing is saved."""
    project = membership.project
    resource = None
    resource_id = int_param(request.POST.get("resource"))
    if resource_id is not None:
        resource = PooledResource.objects.filter(project=project, pk=resource_id).first()
    form = ResourceForm(request.POST, instance=resource, project=project)
    analysis = None
    if form.is_valid():
        analysis = selectors.analyse(form.instance, _committed(resource) if resource else None)
    return render(
        request,
        "steps/resources/_preview.html",
        step_context(
            membership,
            STEP_CODE,
            form=form,
            analysis=analysis,
            chart=chart.resource_chart(analysis) if analysis else None,
        ),
    )


def _sharing_rows(sharing) -> list[dict]:
    """What each row of the sharing table shows, one per organisation, as text.

    Up to six amounts for each of the project's organisations: formatted here, each
    amount once (equal shares repeat in every row), rather than by a filter per cell.
    """

    written: dict = {}  # amount → text

    def money(value) -> str:
        if value is None:
            return "—"
        if value not in written:
            written[value] = format_money(value)
        return written[value]

    weight = _("poids %(weight)s")
    return [
        {
            "name": row.organisation.name,
            "planned": format_number(row.planned_uses),
            "by_usage": money(row.by_usage),
            "equal": money(row.equal),
            "custom": money(row.custom),
            "weight": weight % {"weight": format_number(row.custom_weight, 2)}
            if row.custom is not None and row.custom_weight is not None
            else "",
            "alone": money(row.alone) if row.alone is not None else "",
            "saving": money(row.saving),
        }
        for row in sharing.rows
    ]


@project_view(Access.READ)
def resource_detail(request, membership, resource_id):
    project = membership.project
    resource = selectors.resource_for(project, resource_id)
    organisations = selectors.organisations_of(project)
    commitments = selectors.commitments_of(resource)
    analysis = selectors.analyse(resource, sum(c.planned_uses_per_year for c in commitments))
    sharing = selectors.sharing(analysis, organisations, commitments) if analysis.priced else None
    return render(
        request,
        "steps/resources/resource_detail.html",
        step_context(
            membership,
            STEP_CODE,
            resource=resource,
            analysis=analysis,
            sharing=sharing,
            sharing_rows=_sharing_rows(sharing) if sharing else [],
            chart=chart.resource_chart(analysis),
            inputs=selectors.input_rows(analysis),
            history=history_for(resource)[:10],
        ),
    )


@project_view(Access.COORDINATE)
def resource_delete(request, membership, resource_id):
    """GET: confirm; POST: delete with its commitments and recorded uses."""
    project = membership.project
    resource = selectors.resource_for(project, resource_id)
    return object_delete_page(
        request,
        membership,
        instance=resource,
        message=_("Ressource « %(name)s » supprimée.") % {"name": resource.name},
        success_url=reverse("steps:resources", kwargs={"project_slug": project.slug}),
        confirm_template="steps/resources/resource_delete.html",
        step_code=STEP_CODE,
        resource=resource,
        commitment_count=resource.commitments.count(),
        usage_count=resource.usage_records.count(),
    )


@project_view(Access.COORDINATE)
def commitments(request, membership, resource_id):
    project = membership.project
    resource = selectors.resource_for(project, resource_id)
    organisations = selectors.organisations_of(project)
    stored = selectors.commitments_of(resource)
    formset = commitment_formset(
        request.POST or None, organisations=organisations, commitments=stored
    )
    if request.method == "POST":
        if formset.is_valid():
            rows = [
                (form.participant, form.cleaned_data["planned_uses_per_year"],
                 form.cleaned_data["custom_weight"])
                for form in formset.forms
            ]  # fmt: skip
            services.commitments_save(resource=resource, rows=rows, user=request.user)
            messages.success(request, _("Engagements enregistrés : la répartition est à jour."))
            return redirect(f"{_detail_url(project, resource)}#repartition")
        messages.error(request, _("Rien n'a été enregistré : corrigez les valeurs indiquées."))
    return render(
        request,
        "steps/resources/commitments.html",
        step_context(membership, STEP_CODE, resource=resource, formset=formset),
        status=200,
    )


def _year(request) -> int:
    form = YearForm(request.GET)
    if form.is_valid() and form.cleaned_data["annee"]:
        return form.cleaned_data["annee"]
    return timezone.localdate().year


def _render_usage(request, membership, resource, form, year, status=200):
    project = membership.project
    organisations = selectors.organisations_of(project)
    commitments = selectors.commitments_of(resource)
    records = (
        UsageRecord.objects.filter(resource=resource, date__year=year)
        .select_related("organisation", "recorded_by", "resource")
        .order_by("-date", "-pk")
    )
    return render(
        request,
        "steps/resources/usage.html",
        step_context(
            membership,
            STEP_CODE,
            resource=resource,
            form=form,
            year=year,
            records=records,
            reconciliation=selectors.reconciliation(resource, year, organisations, commitments),
        ),
        status=status,
    )


@project_view(Access.READ)
def usage(request, membership, resource_id):
    resource = selectors.resource_for(membership.project, resource_id)
    form = UsageRecordForm(project=membership.project) if membership.is_coordinator else None
    return _render_usage(request, membership, resource, form, _year(request))


@project_view(Access.COORDINATE)
@require_POST
def usage_add(request, membership, resource_id):
    project = membership.project
    resource = selectors.resource_for(project, resource_id)
    form = UsageRecordForm(request.POST, project=project)
    if form.is_valid():
        url = reverse(
            "steps:usage", kwargs={"project_slug": project.slug, "resource_id": resource.pk}
        )
        with transaction.atomic():
            if not claim_once(request):
                return already_sent(request, url)
            record = services.usage_add(form=form, resource=resource, user=request.user)
        messages.success(request, _("Utilisation enregistrée."))
        return redirect(f"{url}?annee={record.date.year}")
    messages.error(request, _("Rien n'a été enregistré : corrigez les champs indiqués."))
    year = form.cleaned_data.get("date").year if form.cleaned_data.get("date") else None
    return _render_usage(request, membership, resource, form, year or _year(request))


@project_view(Access.COORDINATE)
@require_POST
def usage_delete(request, membership, usage_id):
    project = membership.project
    record = get_object_or_404(
        UsageRecord.objects.select_related("resource", "organisation"),
        resource__project=project,
        pk=usage_id,
    )
    url = reverse(
        "steps:usage", kwargs={"project_slug": project.slug, "resource_id": record.resource_id}
    )
    return object_delete_page(
        request,
        membership,
        instance=record,
        message=_("Utilisation supprimée."),
        success_url=f"{url}?annee={record.date.year}",
    )
