"""What the comment pages read: a thread, its state, the counts shown next to objects and
the handles people mention each other with."""

import re
from dataclasses import dataclass

from django.db.models import Count
from django.utils.text import slugify

from projects.models import Membership

from .models import Comment, CommentThread

# « @marie.tremblay »: not inside an address (« info@exemple.org ») nor a word.
MENTION = re.compile(r"(?<![\w@.])@([a-z0-9](?:[a-z0-9._-]*[a-z0-9])?)", re.IGNORECASE)


@dataclass(frozen=True)
class Mentionable:
    handle: str
    membership: Membership

    @property
    def name(self) -> str:
        return str(self.membership.user)


def _base_handle(user) -> str:
    """« Marie Tremblay » → « marie.tremblay »; no name: the address's local part."""
    handle = slugify(user.full_name or "").replace("-", ".")
    if not handle:
        handle = slugify(user.email.split("@", 1)[0].replace(".", "-")).replace("-", ".")
    return handle.strip("._") or "membre"


def mentionables(project) -> list[Mentionable]:
    """Every member with a handle of their own (a number is added to a taken one), in one
    query; the order of membership keeps each handle stable."""
    members = (
        Membership.objects.filter(project=project, user__is_active=True)
        .select_related("user", "organisation")
        .order_by("pk")
    )
    taken: dict[str, Mentionable] = {}
    for membership in members:
        base = _base_handle(membership.user)
        handle, number = base, 2
        while handle in taken:
            handle, number = f"{base}{number}", number + 1
        taken[handle] = Mentionable(handle=handle, membership=membership)
    return sorted(taken.values(), key=lambda m: m.name.lower())


def mentioned(body: str, people: list[Mentionable]) -> list[Mentionable]:
    """The members `body` mentions by their handle (each once, in order of appearance)."""
    by_handle = {person.handle: person for person in people}
    found: dict[str, Mentionable] = {}
    for match in MENTION.finditer(body or ""):
        person = by_handle.get(match.group(1).lower())
        if person is not None:
            found.setdefault(person.handle, person)
    return list(found.values())


def thread_comments(subject) -> list[Comment]:
    return list(Comment.objects.filter(**subject.lookup).select_related("author", "removed_by"))


def thread_state(subject) -> CommentThread | None:
    if not subject.resolvable:
        return None
    return CommentThread.objects.filter(**subject.lookup).select_related("resolved_by").first()


def comment_counts(project, kind: str) -> dict[str, int]:
    """{key: number of comments not removed} of every thread of one kind of the project,
    in one query (key: the object's id as text, or its code)."""
    rows = (
        Comment.objects.filter(project=project, target=kind, removed_at__isnull=True)
        .values("object_id", "code")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {row["code"] or str(row["object_id"]): row["n"] for row in rows}
