"""Pages of the projects app: projects, organisations, members and invitations."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.db.models import Case, Count, Value, When
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mutualisation.formats import format_date
from mutualisation.params import int_param

from . import services, signup
from .access import Access, get_project_object, project_view, require_edit
from .creation import creation_view
from .forms import (
    AccountSignupForm,
    InvitationForm,
    OrganisationForm,
    ProjectForm,
    SignupConfirmForm,
    SignupForm,
)
from .history import history_rows, save_with_history
from .method import STEPS
from .models import Invitation, Membership, Organisation, Role

# Coordinators first, then partners, then advisors.
ROLE_ORDER = Case(
    When(role=Role.COORDINATOR, then=Value(0)),
    When(role=Role.PARTNER, then=Value(1)),
    default=Value(2),
)


def _email_failed(request) -> None:
    messages.warning(
        request,
        _(
            "L'invitation est enregistrée mais le courriel n'a pas pu être envoyé ; "
            "vous pouvez la renvoyer."
        ),
    )


@login_required
def project_list(request):
    memberships = (
        Membership.objects.filter(user=request.user)
        .select_related("project", "organisation")
        .annotate(organisation_count=Count("project__organisations", distinct=True))
        .order_by("project__name")
    )
    # Archived projects are hidden unless asked for (?archives=1); split here, from the
    # same query, so counting them costs nothing.
    active = [m for m in memberships if m.project.archived_at is None]
    archived_count = len(memberships) - len(active)
    show_archived = request.GET.get("archives") == "1"
    return render(
        request,
        "projects/list.html",
        {
            "memberships": list(memberships) if show_archived else active,
            "archived_count": archived_count,
            "show_archived": show_archived,
        },
    )


@creation_view
def project_create(request):
    form = ProjectForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        project = services.project_create(user=request.user, project=form.save(commit=False))
        messages.success(
            request, _("Projet créé. Invitez maintenant les organisations partenaires.")
        )
        return redirect(project)
    return render(request, "projects/create.html", {"form": form})


@project_view(Access.READ)
def project_home(request, membership):
    project = membership.project
    response = render(
        request,
        "projects/home.html",
        {
            "project": project,
            "membership": membership,
            "steps": STEPS,
            "organisations": project.organisations.order_by("name"),
        },
    )
    # After the page (its « À faire pour vous » tells what was submitted since the
    # previous visit): this visit becomes the last one.
    Membership.objects.filter(pk=membership.pk).update(last_seen_at=timezone.now())
    return response


@project_view(Access.COORDINATE)
def project_edit(request, membership):
    project = membership.project
    form = ProjectForm(request.POST or None, instance=project)
    if request.method == "POST" and form.is_valid():
        save_with_history(form=form, user=request.user, project=project)
        messages.success(request, _("Projet mis à jour."))
        return redirect(project)
    return render(
        request,
        "projects/edit.html",
        {"project": project, "form": form, "history": history_rows(project, project=project)},
    )


# Organisations ---------------------------------------------------------------------------


def _project_organisation(membership, organisation_id) -> Organisation:
    """An organisation taking part in the member's project, or 404."""
    return get_object_or_404(Organisation, pk=organisation_id, projects=membership.project)


@project_view(Access.READ)
def organisation_detail(request, membership, organisation_id):
    organisation = _project_organisation(membership, organisation_id)
    partners = (
        Membership.objects.filter(project=membership.project, organisation=organisation)
        .select_related("user")
        .order_by("user__full_name", "user__email")
    )
    return render(
        request,
        "projects/organisation.html",
        {
            "project": membership.project,
            "organisation": organisation,
            "partners": partners,
            "can_edit": membership.can_edit(organisation),
            "is_coordinator": membership.is_coordinator,
        },
    )


@project_view(Access.CONTRIBUTE)
def organisation_edit(request, membership, organisation_id):
    organisation = _project_organisation(membership, organisation_id)
    require_edit(membership, organisation)
    project = membership.project
    form = OrganisationForm(request.POST or None, instance=organisation)
    if request.method == "POST" and form.is_valid():
        save_with_history(form=form, user=request.user, project=project)
        messages.success(request, _("Fiche de l'organisation mise à jour."))
        return redirect("projects:organisation", project.slug, organisation.pk)
    return render(
        request,
        "projects/organisation_edit.html",
        {
            "project": project,
            "organisation": organisation,
            "form": form,
            # Only this project's records: the organisation may take part in others.
            "history": history_rows(organisation, project=project),
        },
    )


# Members and invitations -----------------------------------------------------------------


@project_view(Access.COORDINATE)
def members(request, membership):
    project = membership.project
    memberships = list(
        Membership.objects.filter(project=project)
        .select_related("user", "organisation")
        .order_by(ROLE_ORDER, "organisation__name", "user__full_name", "user__email")
    )
    invitations = list(
        Invitation.objects.filter(project=project, accepted_at__isnull=True)
        .select_related("organisation", "sent_by")
        .order_by("-created_at")
    )
    only_coordinators = all(member.role == Role.COORDINATOR for member in memberships)
    waiting = only_coordinators and any(invitation.is_usable for invitation in invitations)
    return render(
        request,
        "projects/members.html",
        {
            "project": project,
            "membership": membership,
            "memberships": memberships,
            "invitations": invitations,
            # Only the coordination so far: the page says what to do next, or that the
            # invitations sent are waiting for an answer.
            "alone": only_coordinators and not waiting,
            "waiting": waiting,
        },
    )


@project_view(Access.COORDINATE)
def invite(request, membership):
    project = membership.project
    # « Inviter une personne de cette organisation » links here with ?organisation=<id>.
    organisation_id = int_param(request.GET.get("organisation"))
    initial = {"organisation": organisation_id} if organisation_id is not None else {}
    form = InvitationForm(request.POST or None, project=project, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            invitation = services.invitation_create(
                project=project,
                email=form.cleaned_data["email"],
                role=form.cleaned_data["role"],
                organisation=form.cleaned_data["organisation"],
                sent_by=request.user,
            )
        except services.InvitationError as error:
            form.add_error(None, str(error))
            return render(request, "projects/invite.html", {"project": project, "form": form})
        if services.invitation_send(invitation=invitation, request=request):
            messages.success(
                request, _("Invitation envoyée à %(email)s.") % {"email": invitation.email}
            )
        else:
            _email_failed(request)
        return redirect("projects:members", project.slug)
    return render(request, "projects/invite.html", {"project": project, "form": form})


@project_view(Access.COORDINATE)
@require_POST
def invitation_resend(request, membership, invitation_id):
    invitation = get_project_object(membership, Invitation, pk=invitation_id)
    try:
        invitation = services.invitation_renew(invitation=invitation)
    except services.InvitationError as error:
        messages.error(request, str(error))
    else:
        if services.invitation_send(invitation=invitation, request=request):
            messages.success(
                request,
                _("Invitation renvoyée à %(email)s ; elle est valide jusqu'au %(date)s.")
                % {"email": invitation.email, "date": format_date(invitation.expires_at)},
            )
        else:
            _email_failed(request)
    return redirect("projects:members", membership.project.slug)


@project_view(Access.COORDINATE)
@require_POST
def invitation_revoke(request, membership, invitation_id):
    invitation = get_project_object(membership, Invitation, pk=invitation_id)
    try:
        services.invitation_revoke(invitation=invitation)
    except services.InvitationError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("L'invitation de %(email)s est annulée : son lien ne fonctionne plus.")
            % {"email": invitation.email},
        )
    return redirect("projects:members", membership.project.slug)


@project_view(Access.COORDINATE)
def member_remove(request, membership, membership_id):
    """Ask for confirmation (GET), then remove the member (POST)."""
    project = membership.project
    target = get_object_or_404(
        Membership.objects.select_related("user", "organisation"),
        project=project,
        pk=membership_id,
    )
    is_self = target.pk == membership.pk
    if request.method == "POST":
        try:
            services.membership_remove(membership=target, by=request.user)
        except services.LastCoordinatorError as error:
            messages.error(request, str(error))
            return redirect("projects:members", project.slug)
        messages.success(
            request,
            _("%(person)s ne fait plus partie du projet.") % {"person": target.user},
        )
        if is_self:
            return redirect("projects:list")
        return redirect("projects:members", project.slug)
    return render(
        request,
        "projects/member_remove.html",
        {"project": project, "target": target, "is_self": is_self},
    )


# Accepting an invitation (public: the token is the credential) ---------------------------


def _invitation_for_token(token) -> Invitation:
    return get_object_or_404(
        Invitation.objects.select_related("project", "organisation", "sent_by"), token=token
    )


def invitation_accept(request, token):
    """Show an invitation; a logged-in invitee accepts it with a POST."""
    invitation = _invitation_for_token(token)
    user = request.user
    context = {"invitation": invitation, "project": invitation.project}
    if not invitation.is_usable:
        if user.is_authenticated and invitation.accepted_by_id == user.pk:
            return redirect(invitation.project)
        context["problem"] = services.unusable_reason(invitation)
    elif user.is_authenticated and user.email.lower() != invitation.email.lower():
        context["wrong_account"] = True
    elif request.method == "POST" and user.is_authenticated:
        try:
            membership = services.invitation_accept(invitation=invitation, user=user)
        except services.InvitationError as error:
            context["problem"] = str(error)
        else:
            messages.success(
                request,
                _("Bienvenue dans le projet « %(project)s ».")
                % {"project": membership.project.name},
            )
            return redirect(membership.project)
    return render(request, "projects/invitation_accept.html", context)


def invitation_signup(request, token):
    """Open an account for the invited address, accept, and log the person in."""
    invitation = _invitation_for_token(token)
    if request.user.is_authenticated or not invitation.is_usable:
        return redirect(invitation)
    form = SignupForm(request.POST or None, invitation=invitation)
    if request.method == "POST" and form.is_valid():
        try:
            membership = services.account_create_and_accept(
                invitation=invitation,
                full_name=form.cleaned_data["full_name"],
                password=form.cleaned_data["password1"],
            )
        except services.InvitationError as error:
            messages.error(request, str(error))
            return redirect(invitation)
        login(request, membership.user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(
            request,
            _("Votre compte est créé. Bienvenue dans le projet « %(project)s ».")
            % {"project": membership.project.name},
        )
        return redirect(membership.project)
    return render(
        request,
        "projects/invitation_signup.html",
        {"invitation": invitation, "project": invitation.project, "form": form},
    )


# Self sign-up and the requests to create projects (projects/signup.py) -----------------


def _signup_open():
    if not settings.SIGNUP_OPEN:
        raise Http404


def account_signup(request):
    """Ask for an account; the confirmation link goes to the address given."""
    _signup_open()
    if request.user.is_authenticated:
        return redirect("projects:list")
    form = AccountSignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        signup.signup_request(
            email=form.cleaned_data["email"],
            full_name=form.cleaned_data["full_name"],
            password=form.cleaned_data["password1"],
            request=request,
        )
        return redirect("signup_sent")
    return render(
        request,
        "registration/signup_form.html",
        {"form": form, "approval_needed": settings.PROJECT_CREATION == "approved"},
    )


def account_signup_sent(request):
    _signup_open()
    return render(request, "registration/signup_sent.html")


def account_signup_confirm(request, signed):
    """Show the confirmation form (GET); the account's password activates it (POST)."""
    try:
        user = signup.user_for_token(signed)
    except signup.SignupLinkError as error:
        return render(
            request,
            "registration/signup_link_problem.html",
            {"reason": error.reason, "signup_open": settings.SIGNUP_OPEN},
            status=400 if error.reason == "invalid" else 200,
        )
    form = SignupConfirmForm(request.POST or None, user=user, request=request)
    if request.method == "POST" and form.is_valid():
        signup.signup_confirm(user=user, request=request)
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        if user.can_create_projects:
            messages.success(
                request, _("Votre compte est activé : vous pouvez créer votre premier projet.")
            )
        else:
            messages.success(
                request,
                _(
                    "Votre compte est activé. Votre demande est en attente d’approbation : "
                    "vous recevrez un courriel dès que vous pourrez créer des projets."
                ),
            )
        return redirect("projects:list")
    return render(request, "registration/signup_confirm.html", {"form": form, "person": user})


@login_required
@require_POST
def creation_request(request):
    """An account that may not create projects asks staff for the right to."""
    if request.user.can_create_projects:
        return redirect("projects:create")
    signup.creation_request(user=request.user, request=request)
    messages.success(
        request,
        _(
            "Votre demande est envoyée à l’équipe qui administre le site. Vous recevrez un "
            "courriel dès qu’elle l’aura approuvée."
        ),
    )
    return redirect("projects:list")
