"""The « Documents » box on the pages of what a document can be linked to (registered
as the `attachments` library in settings.TEMPLATES):

    {% load attachments %}
    {% linked_documents resource=resource %}   the documents of one pooled resource
    {% linked_documents kind="risk" %}         the documents linked to any risk
    {% linked_documents kind="action" %}       the documents linked to any action

One query each, whatever the number of objects on the page; only what the member may see.
"""

from django import template

from .selectors import visible_documents

register = template.Library()

KINDS = ("resource", "risk", "action")


@register.inclusion_tag("steps/attachments/_linked.html", takes_context=True)
def linked_documents(context, resource=None, kind=""):
    membership = context.get("membership") or getattr(context.get("request"), "membership", None)
    if membership is None:
        return {"documents": []}
    documents = visible_documents(membership)
    if resource is not None:
        documents, kind = documents.filter(resource=resource), "resource"
    elif kind in KINDS:
        documents = documents.filter(**{f"{kind}__isnull": False})
    else:
        return {"documents": []}
    return {
        "documents": list(documents.order_by("-uploaded_at", "-pk")),
        "project": membership.project,
        "kind": kind,
        "single": resource is not None,
        "can_upload": not membership.is_advisor,
    }
