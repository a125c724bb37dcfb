"""The method's guidance pages, public like « À propos de la méthode »: the forms of
agreement and the library of inspiring cases."""

from django.db.models import Count
from django.shortcuts import render
from django.views.decorators.http import require_GET

from steps.catalogue.resources import ResourceType
from steps.models import InspiringCase

from .help import SUPPORT_BODIES
from .legal_forms import COOPERATIVE_EXAMPLES, LEGAL_FORMS

TYPE_LABELS = dict(ResourceType.choices)


@require_GET
def legal_forms(request):
    """The forms an agreement can take, from the lightest to the most binding."""
    legal_help = [body for body in SUPPORT_BODIES if body.code in {"justice", "poles"}]
    return render(
        request,
        "steps/guidance/legal_forms.html",
        {
            "forms": LEGAL_FORMS,
            "examples": COOPERATIVE_EXAMPLES,
            "legal_help": legal_help,
        },
    )


@require_GET
def inspiring_cases(request):
    """The published cases, filtered by resource type with `?type=<code>`."""
    published = InspiringCase.objects.filter(published=True)
    counts = dict(published.order_by().values_list("resource_type").annotate(n=Count("id")))
    types = [
        {"code": code, "label": label, "count": counts[code]}
        for code, label in ResourceType.choices
        if code in counts
    ]
    selected = request.GET.get("type", "")
    if selected not in TYPE_LABELS:
        selected = ""
    cases = published.filter(resource_type=selected) if selected else published
    return render(
        request,
        "steps/guidance/cases.html",
        {
            "cases": list(cases),
            "types": types,
            "selected": selected,
            "selected_label": TYPE_LABELS.get(selected, ""),
            "total": sum(counts.values()),
        },
    )
