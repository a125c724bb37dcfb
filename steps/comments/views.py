"""The thread of one object: read it, add to it, edit or remove a comment, resolve it.

Everyone who may read the object may comment (advisors included): the pages are READ
level, and `targets.find` answers 404 for another project's object and for another
organisation's draft answer.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from projects.access import Access, get_project_object, project_view
from projects.submissions import already_sent, claim_once

from . import selectors, services, targets
from .forms import CommentForm
from .models import Comment
from .rendering import render as render_markdown


def _thread_page(request, membership, subject, *, form=None, status=200):
    comments = selectors.thread_comments(subject)
    people = selectors.mentionables(membership.project)
    handles = {person.handle for person in people}
    shown = [
        {
            "comment": comment,
            "html": "" if comment.is_removed else render_markdown(comment.body, handles),
            "may_edit": services.may_edit(comment, request.user),
            "may_remove": services.may_remove(comment, membership),
        }
        for comment in comments
    ]
    context = {
        "project": membership.project,
        "membership": membership,
        "subject": subject,
        "comments": shown,
        "shown_count": sum(1 for comment in comments if not comment.is_removed),
        "thread": selectors.thread_state(subject),
        "form": form or CommentForm(),
        # Those who may see the object: a mention of anyone else would tell them nothing.
        "people": [person for person in people if subject.visible_to(person.membership)],
        "page_title": _("Commentaires : %(title)s") % {"title": subject.title},
        "parent_url": subject.url,
        "parent_title": subject.title,
        "thread_url": services.thread_url(subject),
        "edit_minutes": services.COMMENT_EDIT_MINUTES,
    }
    return render(request, "steps/comments/thread.html", context, status=status)


@project_view(Access.READ)
def thread(request, membership, comment_kind, comment_key):
    subject = targets.find(membership, comment_kind, comment_key)
    if request.method != "POST":
        return _thread_page(request, membership, subject)
    form = CommentForm(request.POST)
    if not form.is_valid():
        return _thread_page(request, membership, subject, form=form, status=400)
    url = services.thread_url(subject)
    with transaction.atomic():
        if not claim_once(request):
            return already_sent(request, url)
        comment = services.add_comment(
            subject=subject, membership=membership, body=form.cleaned_data["body"]
        )
    messages.success(request, _("Votre commentaire est publié."))
    return redirect(f"{url}#commentaire-{comment.pk}")


def _comment_and_subject(membership, comment_id):
    comment = get_project_object(
        membership, Comment.objects.select_related("author"), pk=comment_id
    )
    subject = targets.find(membership, comment.target, comment.code or str(comment.object_id))
    return comment, subject


@project_view(Access.READ)
def comment_edit(request, membership, comment_id):
    comment, subject = _comment_and_subject(membership, comment_id)
    if not services.may_edit(comment, request.user):
        raise PermissionDenied
    form = CommentForm(request.POST or None, instance=comment)
    if request.method == "POST" and form.is_valid():
        services.edit_comment(comment=comment, user=request.user, body=form.cleaned_data["body"])
        messages.success(request, _("Votre commentaire est modifié."))
        return redirect(f"{services.thread_url(subject)}#commentaire-{comment.pk}")
    context = {
        "project": membership.project,
        "membership": membership,
        "subject": subject,
        "form": form,
        "comment": comment,
        "thread_url": services.thread_url(subject),
        "page_title": _("Modifier votre commentaire"),
        "parent_url": services.thread_url(subject),
        "parent_title": _("Commentaires : %(title)s") % {"title": subject.title},
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "steps/comments/comment_edit.html", context, status=status)


@project_view(Access.READ)
def comment_remove(request, membership, comment_id):
    comment, subject = _comment_and_subject(membership, comment_id)
    if not services.may_remove(comment, membership):
        raise PermissionDenied
    if request.method != "POST":  # after the access check, like every POST-only page
        return HttpResponseNotAllowed(["POST"])
    services.remove_comment(comment=comment, user=request.user)
    messages.success(request, _("Le commentaire est retiré."))
    return redirect(f"{services.thread_url(subject)}#commentaire-{comment.pk}")


@project_view(Access.READ)
def thread_resolve(request, membership, comment_kind, comment_key):
    subject = targets.find(membership, comment_kind, comment_key)
    if not subject.resolvable:
        raise PermissionDenied
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    resolved = request.POST.get("resolu") == "1"
    services.set_resolved(subject=subject, user=request.user, resolved=resolved)
    if resolved:
        messages.success(request, _("La discussion est marquée comme résolue."))
    else:
        messages.success(request, _("La discussion est rouverte."))
    return redirect(services.thread_url(subject))
