"""What the pages of every step share: their context, and the create, edit and delete of
a simple object of the step (an axis, a risk, an indicator…).

A view checks access first, then hands over::

    @project_view(Access.COORDINATE)
    def axis_edit(request, membership, axis_id):
        axis = get_project_object(membership, Axis, pk=axis_id)
        return object_form_page(
            request,
            membership,
            form=AxisForm(request.POST or None, instance=axis),
            step_code="realisation",
            message=_("Axe d'intervention enregistré."),
            success_url=plan_url,
            page_title=_("Modifier l'axe d'intervention"),
            parent_title=_("Plan stratégique"),
            parent_url=plan_url,
        )

Deleting is a POST from the disclosure of templates/_delete.html (the view keeps
``@require_POST``), or a GET confirmation page first where the consequences need one.
"""

from collections.abc import Callable

from django.contrib import messages
from django.db import transaction
from django.shortcuts import redirect, render

from .history import delete_with_history, history_rows, save_with_history
from .method import STEPS_BY_CODE
from .submissions import already_sent, claim_once

OBJECT_FORM = "object_form.html"

# A message or a URL, or a function of the saved object giving one.
ForObject = str | Callable[[object], str]


def step_context(membership, step_code: str, **extra) -> dict:
    """The context every page of a step starts from: the project, the member, the step."""
    return {
        "project": membership.project,
        "membership": membership,
        "step": STEPS_BY_CODE[step_code],
        **extra,
    }


def _for(value: ForObject, instance) -> str:
    return value(instance) if callable(value) else value


def object_form_page(
    request,
    membership,
    *,
    form,
    step_code: str,
    message: ForObject,
    success_url: ForObject,
    attributes: dict | None = None,
    history_of=None,
    template: str = OBJECT_FORM,
    after_save: Callable[[object], object] | None = None,
    **context,
):
    """The page of a model form creating or editing one object of a step.

    A valid POST saves the object with its history (`attributes` set on it first: the
    project, a parent…), shows `message` and goes to `success_url`. Otherwise the form
    is shown in `template` with `context`; object_form.html takes `page_title`,
    `parent_title`, `parent_url` and, optionally, `intro`, `delete_url`,
    `delete_summary` and `delete_warning`. `history_of` adds the last changes of that
    object (as `history`). `after_save(instance)` runs in the same transaction as the
    save (to tell people about it: steps/followup/events.py).
    """
    if request.method == "POST" and form.is_valid():
        creating = form.instance.pk is None
        with transaction.atomic():
            # A create form sent twice (double click, two tabs) creates one object.
            if creating and not claim_once(request):
                return already_sent(request, _duplicate_url(success_url, context, request))
            instance = save_with_history(form=form, user=request.user, **(attributes or {}))
            if after_save is not None:
                after_save(instance)
        messages.success(request, _for(message, instance))
        return redirect(_for(success_url, instance))
    if history_of is not None:
        context["history"] = history_rows(history_of)
    return render(request, template, step_context(membership, step_code, form=form, **context))


def _duplicate_url(success_url: ForObject, context: dict, request) -> str:
    """Where a create form sent a second time goes: its usual destination when that does
    not depend on the object, else the parent page."""
    if not callable(success_url):
        return success_url
    return context.get("parent_url") or request.path


def object_delete_page(
    request,
    membership,
    *,
    instance,
    message: str,
    success_url: str,
    confirm_template: str | None = None,
    step_code: str | None = None,
    **context,
):
    """Delete `instance` on POST, keeping its last values in the history, then show
    `message` and go to `success_url`.

    Any other method shows `confirm_template` with `context`, for the objects whose
    deletion needs a page of its own; the others' views are POST only.
    """
    if request.method != "POST":
        return render(request, confirm_template, step_context(membership, step_code, **context))
    delete_with_history(instance=instance, user=request.user)
    messages.success(request, message)
    return redirect(success_url)
