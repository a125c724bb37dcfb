"""Pages of the cost-of-use calculator: pooled resources, their cost, break-even and
sharing, the organisations' commitments and the year's recorded uses."""

from html import escape

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mutualisation.formats import format_money, format_number
from projects.access import Access, project_view
from projects.history import history_for
from projects.method import STEPS_BY_CODE
from steps.models import PooledResource, UsageRecord

from . import chart, selectors, services
from .forms import ResourceForm, UsageRecordForm, YearForm, commitment_formset

STEP = STEPS_BY_CODE["modelisation"]


def _context(membership, **extra) -> dict:
    return {"project": membership.project, "membership": membership, "step": STEP, **extra}


def _detail_url(project, resource) -> str:
    return reverse(
        "steps:resource_detail",
        kwargs={"project_slug": project.slug, "resource_id": resource.pk},
    )


@project_view(Access.READ)
def resources(request, membership):
    rows = selectors.resource_rows(membership.project)
    return render(request, "steps/resources/resources.html", _context(membership, rows=rows))


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
        _context(
            membership,
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
            resource = services.resource_save(form=form, project=project, user=request.user)
            messages.success(request, _("Ressource « %(name)s » créée.") % {"name": resource})
            return redirect(_detail_url(project, resource))
        messages.error(request, _("Rien n'a été enregistré : corrigez les champs indiqués."))
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
        messages.error(request, _("Rien n'a été enregistré : corrigez les champs indiqués."))
    return _render_form(request, membership, form, resource=resource)


@project_view(Access.COORDINATE)
@require_POST
def resource_preview(request, membership):
    """The breakdown of the posted inputs, as an HTML fragment; nothing is saved."""
    project = membership.project
    resource = None
    resource_id = request.POST.get("resource", "")
    if resource_id.isdigit():
        resource = PooledResource.objects.filter(project=project, pk=resource_id).first()
    form = ResourceForm(request.POST, instance=resource, project=project)
    analysis = None
    if form.is_valid():
        analysis = selectors.analyse(form.instance, _committed(resource) if resource else None)
    return render(
        request,
        "steps/resources/_preview.html",
        _context(
            membership,
            form=form,
            analysis=analysis,
            chart=chart.resource_chart(analysis) if analysis else None,
        ),
    )


def _sharing_rows(sharing, analysis) -> str:
    """The <tr>s of the sharing table, one per organisation, as one piece of HTML.

    Up to six amounts for each of the project's organisations cost more through template
    tags and filters than the rest of the page; every name and word goes through `escape`.
    """

    written: dict = {}  # amount → text: equal shares, for one, repeat in every row

    def money(value) -> str:
        if value is None:
            return "—"
        if value not in written:
            written[value] = escape(format_money(value))
        return written[value]

    alternative = analysis.alternative is not None
    weight = _("poids %(weight)s")
    html = []
    for row in sharing.rows:
        custom = money(row.custom)
        if row.custom is not None and row.custom_weight is not None:
            label = escape(weight % {"weight": format_number(row.custom_weight, 2)})
            custom += f' <span class="small text-body-secondary">({label})</span>'
        html.append(
            f'<tr><th scope="row">{escape(row.organisation.name)}</th>'
            f'<td class="num">{escape(format_number(row.planned_uses))}</td>'
            f'<td class="num">{money(row.by_usage)}</td>'
            f'<td class="num">{money(row.equal)}</td>'
            f'<td class="num">{custom}</td>'
        )
        if alternative:
            html.append(
                f'<td class="num">{money(row.alone) if row.alone is not None else ""}</td>'
                f'<td class="num">{money(row.saving)}</td>'
            )
        html.append("</tr>")
    return mark_safe("".join(html))  # noqa: S308 — every name, amount and word escaped above


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
        _context(
            membership,
            resource=resource,
            analysis=analysis,
            sharing=sharing,
            sharing_rows=_sharing_rows(sharing, analysis) if sharing else "",
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
    if request.method == "POST":
        name = resource.name
        services.resource_delete(resource=resource, user=request.user)
        messages.success(request, _("Ressource « %(name)s » supprimée.") % {"name": name})
        return redirect("steps:resources", project_slug=project.slug)
    return render(
        request,
        "steps/resources/resource_delete.html",
        _context(
            membership,
            resource=resource,
            commitment_count=resource.commitments.count(),
            usage_count=resource.usage_records.count(),
        ),
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
            messages.success(request, _("Engagements enregistrés : la répartition est à jour."))
            return redirect(f"{_detail_url(project, resource)}#repartition")
        messages.error(request, _("Rien n'a été enregistré : corrigez les valeurs indiquées."))
    return render(
        request,
        "steps/resources/commitments.html",
        _context(membership, resource=resource, formset=formset),
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
        _context(
            membership,
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
        record = services.usage_add(form=form, resource=resource, user=request.user)
        messages.success(request, _("Utilisation enregistrée."))
        url = reverse(
            "steps:usage", kwargs={"project_slug": project.slug, "resource_id": resource.pk}
        )
        return redirect(f"{url}?annee={record.date.year}")
    messages.error(request, _("Rien n'a été enregistré : corrigez les champs indiqués."))
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
    resource, year = record.resource, record.date.year
    services.usage_delete(record=record, user=request.user)
    messages.success(request, _("Utilisation supprimée."))
    url = reverse("steps:usage", kwargs={"project_slug": project.slug, "resource_id": resource.pk})
    return redirect(f"{url}?annee={year}")
