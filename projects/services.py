"""Writes that touch several objects or send e-mail: invitations and memberships.

Each function is keyword-only and runs in one transaction. Sending an e-mail happens
after the invitation is saved, so a mail server failure never loses an invitation.
"""

import logging
import smtplib
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from mutualisation.typography import one_line
from notifications.kinds import Kind
from notifications.services import notify

from .bulk import normalise
from .models import Invitation, Membership, Organisation, Project, Role, _new_token

logger = logging.getLogger(__name__)


class InvitationError(Exception):
    """An invitation that cannot be accepted; the message is shown to the person."""


class LastCoordinatorError(Exception):
    """Removing this member would leave the project without a coordinator."""


def project_create(*, user, project: Project) -> Project:
    """Save a new project; its creator becomes its first coordinator."""
    with transaction.atomic():
        project.created_by = user
        project.save()
        Membership.objects.create(user=user, project=project, role=Role.COORDINATOR)
    return project


def invitation_create(
    *, project: Project, email: str, role: str, organisation: Organisation | None, sent_by
) -> Invitation:
    """Record an invitation (not yet sent: see `invitation_send`).

    `organisation` may be a new, unsaved Organisation named by the coordinator: it is
    saved with the invitation. It joins the project when its partner accepts.
    """
    email = email.strip().lower()
    now = timezone.now()
    with transaction.atomic():
        # Counted under the project's lock, so simultaneous requests cannot all pass.
        Project.objects.select_for_update().filter(pk=project.pk).first()
        _check_invitation_limits(project=project, sent_by=sent_by, now=now)
        # An expired invitation to the same address gives way to the new one.
        Invitation.objects.filter(
            project=project,
            email__iexact=email,
            accepted_at__isnull=True,
            revoked_at__isnull=True,
            expires_at__lte=now,
        ).update(revoked_at=now)
        if organisation is not None and organisation._state.adding:
            organisation.save()
        try:
            with transaction.atomic():
                return Invitation.objects.create(
                    project=project,
                    email=email,
                    role=role,
                    organisation=organisation,
                    sent_by=sent_by,
                )
        except IntegrityError as error:
            raise InvitationError(PENDING_ALREADY) from error


PENDING_ALREADY = _("Une invitation est déjà en attente pour cette adresse : renvoyez-la plutôt.")


def _check_invitation_limits(*, project: Project, sent_by, now) -> None:
    hourly = settings.INVITATIONS_PER_SENDER_PER_HOUR
    if (
        sent_by is not None
        and Invitation.objects.filter(
            sent_by=sent_by, created_at__gte=now - timedelta(hours=1)
        ).count()
        >= hourly
    ):
        raise InvitationError(
            ngettext(
                "Vous avez envoyé %(count)s invitation dans la dernière heure, le maximum : "
                "réessayez un peu plus tard.",
                "Vous avez envoyé %(count)s invitations dans la dernière heure, le maximum : "
                "réessayez un peu plus tard.",
                hourly,
            )
            % {"count": hourly}
        )
    daily = settings.INVITATIONS_PER_PROJECT_PER_DAY
    if (
        Invitation.objects.filter(project=project, created_at__gte=now - timedelta(days=1)).count()
        >= daily
    ):
        raise InvitationError(
            ngettext(
                "Ce projet a envoyé %(count)s invitation depuis 24 heures, le maximum : "
                "réessayez demain.",
                "Ce projet a envoyé %(count)s invitations depuis 24 heures, le maximum : "
                "réessayez demain.",
                daily,
            )
            % {"count": daily}
        )


def invitation_capacity(*, project: Project, sent_by, now) -> int:
    """How many invitations the limits of `_check_invitation_limits` still allow."""
    hourly = settings.INVITATIONS_PER_SENDER_PER_HOUR
    if sent_by is not None:
        hourly -= Invitation.objects.filter(
            sent_by=sent_by, created_at__gte=now - timedelta(hours=1)
        ).count()
    daily = settings.INVITATIONS_PER_PROJECT_PER_DAY - (
        Invitation.objects.filter(project=project, created_at__gte=now - timedelta(days=1)).count()
    )
    return max(0, min(hourly, daily))


def over_capacity_message(*, wanted: int, capacity: int) -> str:
    """Why a batch of `wanted` invitations cannot go when only `capacity` may."""
    return ngettext(
        "Ce lot compte %(wanted)s invitation valide, mais les limites d'envoi n'en permettent "
        "que %(capacity)s pour le moment : retirez des lignes ou réessayez plus tard.",
        "Ce lot compte %(wanted)s invitations valides, mais les limites d'envoi n'en permettent "
        "que %(capacity)s pour le moment : retirez des lignes ou réessayez plus tard.",
        wanted,
    ) % {"wanted": wanted, "capacity": capacity}


def invitations_create_bulk(*, project: Project, lines, message: str, sent_by) -> list[Invitation]:
    """Create the invitations of the checked lines of a bulk invitation (projects.bulk),
    and the organisations they name that do not exist yet: all or nothing.

    Not sent here: `projects.tasks.send_invitations` queues their e-mails. Raises
    InvitationError when the limits would be passed or an address became taken.
    """
    now = timezone.now()
    emails = [line.email for line in lines]
    with transaction.atomic():
        Project.objects.select_for_update().filter(pk=project.pk).first()
        capacity = invitation_capacity(project=project, sent_by=sent_by, now=now)
        if len(lines) > capacity:
            raise InvitationError(over_capacity_message(wanted=len(lines), capacity=capacity))
        # Expired invitations to the same addresses give way to the new ones.
        Invitation.objects.filter(
            project=project,
            email__in=emails,
            accepted_at__isnull=True,
            revoked_at__isnull=True,
            expires_at__lte=now,
        ).update(revoked_at=now)
        created: dict[str, Organisation] = {}
        for line in lines:
            key = normalise(line.organisation_name)
            if line.new_organisation and key not in created:
                created[key] = Organisation.objects.create(name=line.organisation_name)
        expires_at = now + timedelta(days=settings.INVITATION_MAX_AGE_DAYS)
        invitations = [
            Invitation(
                project=project,
                email=line.email,
                role=line.role,
                organisation_id=(
                    created[normalise(line.organisation_name)].pk
                    if line.new_organisation
                    else line.organisation_id
                ),
                sent_by=sent_by,
                message=message,
                expires_at=expires_at,
            )
            for line in lines
        ]
        try:
            with transaction.atomic():
                invitations = Invitation.objects.bulk_create(invitations)
        except IntegrityError as error:
            raise InvitationError(PENDING_ALREADY) from error
    return invitations


def invitations_remind(*, project: Project, invitation_ids) -> list[int]:
    """« Relancer »: renew the pending invitations among `invitation_ids` (a new link for
    the expired ones, as `invitation_renew` does) and reserve their sending; return the
    ids to send (projects.tasks.send_invitations).

    Those sent less than INVITATION_RESEND_MINUTES ago are left out, so that twenty
    clicks send one e-mail. A fixed number of queries, however many invitations.
    """
    now = timezone.now()
    recent = now - timedelta(minutes=settings.INVITATION_RESEND_MINUTES)
    with transaction.atomic():
        invitations = list(
            Invitation.objects.select_for_update()
            .filter(
                project=project,
                pk__in=invitation_ids,
                accepted_at__isnull=True,
                revoked_at__isnull=True,
            )
            .exclude(sent_at__gt=recent)
        )
        expired = [invitation for invitation in invitations if invitation.is_expired]
        for invitation in expired:
            invitation.token = _new_token()
        if expired:
            Invitation.objects.bulk_update(expired, ["token"])
        ids = [invitation.pk for invitation in invitations]
        Invitation.objects.filter(pk__in=ids).update(
            expires_at=now + timedelta(days=settings.INVITATION_MAX_AGE_DAYS),
            sent_at=now,
            reminded_at=now,
            reminder_count=F("reminder_count") + 1,
        )
    return ids


def absolute_url(request, path: str) -> str:
    """`path` as a full address for an e-mail: SITE_URL when set (behind a proxy, the
    request's host may be an internal one), otherwise the address of the request."""
    if settings.SITE_URL:
        return settings.SITE_URL + path
    return request.build_absolute_uri(path)


def site_root(request) -> str:
    """The site's address without the final slash, for links in e-mails."""
    return absolute_url(request, "/").rstrip("/")


def invitation_mail(*, invitation: Invitation, base_url: str) -> tuple[str, str, str]:
    """(subject, text, html) of the invitation e-mail, its link on `base_url`: no request
    needed, so a job can build it too (projects/tasks.py)."""
    context = {
        "invitation": invitation,
        "project": invitation.project,
        "accept_url": base_url + invitation.get_absolute_url(),
        "sender": invitation.sent_by,
        "message": invitation.message,
    }
    return (
        one_line(render_to_string("emails/invitation_subject.txt", context)),
        render_to_string("emails/invitation.txt", context),
        render_to_string("emails/invitation.html", context),
    )


def invitation_send(*, invitation: Invitation, request) -> bool:
    """E-mail the invitation link; return False (and log) if the mail server failed."""
    subject, text, html = invitation_mail(invitation=invitation, base_url=site_root(request))
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[invitation.email],
    )
    message.attach_alternative(html, "text/html")
    try:
        message.send()
    except (smtplib.SMTPException, OSError):
        logger.exception("Invitation %s: the e-mail could not be sent", invitation.pk)
        if hasattr(invitation, "previous_sent_at"):  # a resend that did not go out
            Invitation.objects.filter(pk=invitation.pk).update(sent_at=invitation.previous_sent_at)
        return False
    invitation.sent_at = timezone.now()
    invitation.save(update_fields=["sent_at"])
    return True


def invitation_renew(*, invitation: Invitation) -> Invitation:
    """Give a pending or expired invitation a new expiry, before sending it again.

    An expired invitation gets a new link (token): the old one stays dead. One
    invitation goes out at most every INVITATION_RESEND_MINUTES: the send is reserved
    here, under the row's lock, so that twenty clicks send one e-mail.
    """
    now = timezone.now()
    with transaction.atomic():
        locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if locked.accepted_at or locked.revoked_at:
            raise InvitationError(_("Cette invitation n'est plus en attente."))
        interval = timedelta(minutes=settings.INVITATION_RESEND_MINUTES)
        if locked.sent_at and now - locked.sent_at < interval:
            minutes = settings.INVITATION_RESEND_MINUTES
            raise InvitationError(
                ngettext(
                    "Cette invitation vient d'être envoyée : attendez %(minutes)s minute "
                    "avant de la renvoyer.",
                    "Cette invitation vient d'être envoyée : attendez %(minutes)s minutes "
                    "avant de la renvoyer.",
                    minutes,
                )
                % {"minutes": minutes}
            )
        fields = ["expires_at", "sent_at"]
        if locked.is_expired:
            locked.token = _new_token()
            fields.append("token")
        locked.previous_sent_at = locked.sent_at
        locked.expires_at = now + timedelta(days=settings.INVITATION_MAX_AGE_DAYS)
        locked.sent_at = now
        locked.save(update_fields=fields)
    return locked


def invitation_revoke(*, invitation: Invitation) -> Invitation:
    """Make the link unusable; an accepted invitation stays as it is."""
    if invitation.accepted_at:
        raise InvitationError(_("Cette invitation a déjà été acceptée."))
    if not invitation.revoked_at:
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at"])
    return invitation


def unusable_reason(invitation: Invitation) -> str:
    """Why this invitation link no longer works, in words for the person who holds it."""
    if invitation.accepted_at:
        return _("Cette invitation a déjà été utilisée. Connectez-vous pour accéder au projet.")
    if invitation.revoked_at:
        return _(
            "Cette invitation a été annulée. Si vous pensez qu'il s'agit d'une erreur, "
            "communiquez avec la personne qui vous a invité·e."
        )
    return _(
        "Cette invitation est expirée. Demandez à la personne qui vous a invité·e de vous "
        "la renvoyer."
    )


def invitation_accept(*, invitation: Invitation, user) -> Membership:
    """Make `user` a member of the invitation's project; the invitation is then used up."""
    with transaction.atomic():
        # Lock the row: two clicks on the same link cannot both create a membership.
        invitation = (
            # of=self: PostgreSQL cannot lock the nullable side of the organisation join.
            Invitation.objects.select_for_update(of=("self",))
            .select_related("project", "organisation")
            .get(pk=invitation.pk)
        )
        if not invitation.is_usable:
            raise InvitationError(unusable_reason(invitation))
        if user.email.lower() != invitation.email.lower():
            raise InvitationError(_("Cette invitation est destinée à une autre adresse courriel."))
        project = invitation.project
        if Membership.objects.filter(user=user, project=project).exists():
            raise InvitationError(_("Vous êtes déjà membre de ce projet."))
        membership = Membership.objects.create(
            user=user,
            project=project,
            role=invitation.role,
            organisation=invitation.organisation,
        )
        if invitation.role == Role.PARTNER:
            project.organisations.add(invitation.organisation)
        invitation.accepted_at = timezone.now()
        invitation.accepted_by = user
        invitation.save(update_fields=["accepted_at", "accepted_by"])
        _tell_coordinators_of(membership)
    return membership


def _tell_coordinators_of(membership: Membership) -> None:
    """The coordinators learn that someone joined (the newcomer, if one, is not told)."""
    project, user = membership.project, membership.user
    coordinators = Membership.objects.filter(
        project=project, role=Role.COORDINATOR
    ).select_related("user")
    params = {"person": user.get_full_name() or user.email}
    if membership.organisation is not None:
        params["organisation"] = membership.organisation.name
    notify(
        project=project,
        users=[coordinator.user for coordinator in coordinators],
        kind=Kind.INVITATION_ACCEPTED,
        key=f"invitation-accepted:{membership.pk}",
        url=reverse("projects:members", args=[project.slug]),
        params=params,
        actor=user,
    )


def account_create_and_accept(*, invitation: Invitation, full_name: str, password: str):
    """Open an account for the invited address and accept the invitation, all or nothing.

    An account restored by `import_project` exists already without a usable password:
    the invitation, which reached that address, lets its owner choose one.
    """
    User = get_user_model()
    with transaction.atomic():
        user = User.objects.select_for_update().filter(email__iexact=invitation.email).first()
        if user is None:
            user = User.objects.create_user(
                email=invitation.email, password=password, full_name=full_name.strip()
            )
        elif not user.has_usable_password():
            user.set_password(password)
            user.full_name = full_name.strip() or user.full_name
            user.save(update_fields=["password", "full_name"])
        else:
            raise InvitationError(
                _("Un compte existe déjà pour cette adresse : connectez-vous plutôt.")
            )
        membership = invitation_accept(invitation=invitation, user=user)
    return membership


def membership_remove(*, membership: Membership, by) -> None:
    """Remove a member from the project; the last coordinator always stays."""
    with transaction.atomic():
        coordinators = list(
            Membership.objects.select_for_update()
            .filter(project_id=membership.project_id, role=Role.COORDINATOR)
            .values_list("pk", flat=True)
        )
        if membership.role == Role.COORDINATOR and coordinators == [membership.pk]:
            raise LastCoordinatorError(
                _(
                    "Impossible de retirer le ou la dernier·ère coordonnateur·rice : le projet "
                    "doit toujours en avoir au moins un·e. Invitez-en un·e autre d'abord."
                )
            )
        logger.info("Membership %s removed by user %s", membership.pk, getattr(by, "pk", None))
        membership.delete()
