"""Writing comments: add, edit (its author, for COMMENT_EDIT_MINUTES), remove (its author
or a coordinator; the thread keeps « Commentaire retiré »), resolve a thread; and telling
people: the members mentioned (@handle) and the coordinators and earlier participants."""

from datetime import timedelta

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from notifications.kinds import Kind
from notifications.services import Event, notify_many
from projects.history import record_change, snapshot

from . import selectors
from .models import Comment, CommentThread

COMMENT_EDIT_MINUTES = 15


def thread_url(subject) -> str:
    return reverse("steps:comment_thread", args=[subject.project.slug, subject.kind, subject.key])


def may_edit(comment: Comment, user, now=None) -> bool:
    """Its author, within COMMENT_EDIT_MINUTES of writing it, while it is not removed."""
    now = now or timezone.now()
    return (
        not comment.is_removed
        and comment.author_id == user.pk
        and now - comment.created_at <= timedelta(minutes=COMMENT_EDIT_MINUTES)
    )


def may_remove(comment: Comment, membership) -> bool:
    return not comment.is_removed and (
        membership.is_coordinator or comment.author_id == membership.user_id
    )


def add_comment(*, subject, membership, body: str) -> Comment:
    """Store the comment, record it in the history, tell the people concerned."""
    user = membership.user
    with transaction.atomic():
        earlier = set(
            Comment.objects.filter(**subject.lookup, author__isnull=False).values_list(
                "author_id", flat=True
            )
        )
        comment = Comment.objects.create(**subject.lookup, author=user, body=body)
        record_change(instance=comment, user=user)
        _notify(subject, comment, membership, earlier)
    return comment


def _notify(subject, comment, membership, earlier_authors: set[int]) -> int:
    """Mentions first, then the coordinators and earlier participants: one notification
    per person and comment (they share the comment's key), for those who may see it."""
    people = selectors.mentionables(subject.project)
    params = {"person": str(membership.user), "object": subject.described()}
    url = f"{thread_url(subject)}#commentaire-{comment.pk}"
    key = f"comment:{comment.pk}"
    author = membership.user_id
    events = []
    for person in selectors.mentioned(comment.body, people):
        if person.membership.user_id != author and subject.visible_to(person.membership):
            events.append(_event(person.membership, subject, Kind.MENTIONED, key, url, params))
    for person in people:
        member = person.membership
        concerned = member.is_coordinator or member.user_id in earlier_authors
        if concerned and member.user_id != author and subject.visible_to(member):
            events.append(_event(member, subject, Kind.COMMENTED, key, url, params))
    return notify_many(events)


def _event(membership, subject, kind, key, url, params) -> Event:
    return Event(
        user=membership.user, project=subject.project, kind=kind, key=key, url=url, params=params
    )


def edit_comment(*, comment: Comment, user, body: str) -> Comment:
    with transaction.atomic():
        before = snapshot(comment)
        comment.body = body
        comment.edited_at = timezone.now()
        comment.save(update_fields=["body", "edited_at"])
        record_change(instance=comment, user=user, before=before)
    return comment


def remove_comment(*, comment: Comment, user) -> Comment:
    with transaction.atomic():
        before = snapshot(comment)
        comment.removed_at = timezone.now()
        comment.removed_by = user
        comment.save(update_fields=["removed_at", "removed_by"])
        record_change(instance=comment, user=user, before=before)
    return comment


def set_resolved(*, subject, user, resolved: bool) -> CommentThread:
    with transaction.atomic():
        thread, _created = CommentThread.objects.select_for_update().get_or_create(
            **subject.lookup
        )
        before = snapshot(thread)
        thread.resolved_at = timezone.now() if resolved else None
        thread.resolved_by = user if resolved else None
        thread.save(update_fields=["resolved_at", "resolved_by"])
        record_change(instance=thread, user=user, before=None if _created else before)
    return thread
