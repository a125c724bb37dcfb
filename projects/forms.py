from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm
from django.contrib.auth.forms import PasswordResetForm as DjangoPasswordResetForm
from django.contrib.auth.signals import user_login_failed
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from mutualisation.throttling import address_ceiling_reached

from .bulk import MAX_FILE_BYTES, decode_upload
from .models import Invitation, Membership, Organisation, Project, Role

TOO_MANY_FAILURES = _(
    "Trop de tentatives infructueuses depuis votre adresse : réessayez dans 15 minutes, "
    "ou demandez un lien pour choisir un nouveau mot de passe."
)


class ProjectOrganisationField(forms.ModelChoiceField):
    """An organisation of this project only (the queryset is set by the form)."""

    default_error_messages = {
        "invalid_choice": _("Cette organisation ne participe pas au projet."),
    }

    def label_from_instance(self, obj):
        return obj.name


class EmailAuthenticationForm(AuthenticationForm):
    """Log in with an e-mail address, whatever its case."""

    error_messages = {
        "invalid_login": _("Adresse courriel ou mot de passe incorrect."),
        "inactive": _("Ce compte est désactivé."),
    }

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.fields["username"].label = _("Adresse courriel")
        self.fields["username"].widget.input_type = "email"
        self.fields["username"].widget.attrs["autocomplete"] = "email"
        self.fields["password"].label = _("Mot de passe")

    def clean_username(self):
        return self.cleaned_data["username"].strip().lower()

    def clean(self):
        # Before any password check: spraying many accounts from one address stops here.
        if self.request is not None and address_ceiling_reached(self.request):
            raise forms.ValidationError(TOO_MANY_FAILURES, code="too_many_failures")
        try:
            return super().clean()
        except forms.ValidationError:
            if self._unconfirmed_signup():
                raise forms.ValidationError(UNCONFIRMED, code="unconfirmed") from None
            raise

    def _unconfirmed_signup(self) -> bool:
        """The right password of a self sign-up whose address is not confirmed yet
        (such an account is inactive: Django refuses it like a wrong password)."""
        user = (
            get_user_model()
            .objects.filter(
                email__iexact=self.cleaned_data.get("username", ""),
                is_active=False,
                signed_up_at__isnull=False,
            )
            .first()
        )
        return user is not None and user.check_password(self.cleaned_data.get("password"))


UNCONFIRMED = _(
    "Votre adresse courriel n’est pas encore confirmée : ouvrez le lien reçu par courriel. "
    "Lien perdu ou expiré ? Inscrivez-vous de nouveau pour en recevoir un autre."
)


class ThrottledPasswordChangeForm(PasswordChangeForm):
    """Django's form, where a wrong old password counts as a failed login (django-axes):
    the same limits protect the password from guesses made through this page."""

    def __init__(self, user, *args, request=None, **kwargs):
        super().__init__(user, *args, **kwargs)
        self.request = request

    def clean_old_password(self):
        from axes.handlers.proxy import AxesProxyHandler

        credentials = {"username": self.user.email}
        if address_ceiling_reached(self.request) or AxesProxyHandler.is_locked(
            self.request, credentials
        ):
            raise forms.ValidationError(TOO_MANY_FAILURES, code="too_many_failures")
        try:
            return super().clean_old_password()
        except forms.ValidationError:
            user_login_failed.send(
                sender=type(self), credentials=credentials, request=self.request
            )
            raise


class PasswordResetForm(DjangoPasswordResetForm):
    """Django's reset form, which also reaches active accounts without a usable password:
    members restored on a new server by `import_project` get in by choosing one."""

    def get_users(self, email):
        users = get_user_model()._default_manager.filter(email__iexact=email, is_active=True)
        return (user for user in users if user.email.casefold() == email.casefold())


class ProjectForm(forms.ModelForm):
    class Meta:
        model = Project
        fields = ["name", "description", "territory", "scope", "status"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "scope": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "name": _("Un nom court que tous les partenaires reconnaîtront."),
        }


class OrganisationForm(forms.ModelForm):
    website = forms.URLField(
        label=_("Site Web"),
        required=False,
        assume_scheme="https",
        help_text=_("Par exemple https://exemple.org ; « https:// » est ajouté au besoin."),
    )

    class Meta:
        model = Organisation
        fields = [
            "name",
            "neq",
            "region",
            "sector",
            "staff_size",
            "budget_band",
            "mission",
            "website",
        ]
        widgets = {"mission": forms.Textarea(attrs={"rows": 4})}


# The roles as said of the person invited (the stored label of PARTNER names the
# organisation; see projects/templatetags/roles.py).
PERSON_ROLE_CHOICES = [
    (Role.COORDINATOR, Role.COORDINATOR.label),
    (Role.PARTNER, _("Membre d'une organisation partenaire")),
    (Role.ADVISOR, Role.ADVISOR.label),
]


class InvitationForm(forms.Form):
    """Invite a person by e-mail; a partner's organisation is chosen or named here."""

    email = forms.EmailField(label=_("Adresse courriel"))
    role = forms.ChoiceField(label=_("Rôle"), choices=PERSON_ROLE_CHOICES, initial=Role.PARTNER)
    organisation = forms.ModelChoiceField(
        label=_("Organisation existante"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("— Aucune —"),
    )
    new_organisation = forms.CharField(
        label=_("… ou nouvelle organisation"),
        max_length=200,
        required=False,
        help_text=_("Nom de l'organisation, si elle ne figure pas dans la liste."),
    )

    def __init__(self, *args, project: Project, **kwargs):
        super().__init__(*args, **kwargs)
        self.project = project
        # The project's organisations, and those named in invitations not yet accepted.
        self.fields["organisation"].queryset = (
            Organisation.objects.filter(Q(projects=project) | Q(invitations__project=project))
            .distinct()
            .order_by("name")
        )

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        if Membership.objects.filter(project=self.project, user__email__iexact=email).exists():
            raise forms.ValidationError(_("Cette personne est déjà membre du projet."))
        pending = Invitation.objects.filter(
            project=self.project,
            email__iexact=email,
            accepted_at__isnull=True,
            revoked_at__isnull=True,
        )
        if any(invitation.is_usable for invitation in pending):
            raise forms.ValidationError(
                _("Une invitation est déjà en attente pour cette adresse : renvoyez-la plutôt.")
            )
        return email

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("role") == Role.ADVISOR:
            # An advisor reads the whole project for no organisation: the two fields
            # (hidden by static/js/invite.js) are ignored, whatever they hold.
            for name in ("organisation", "new_organisation"):
                self.errors.pop(name, None)
            cleaned["organisation"] = None
            cleaned["new_organisation"] = ""
            return cleaned
        organisation = cleaned.get("organisation")
        new_name = (cleaned.get("new_organisation") or "").strip()
        if organisation and new_name:
            self.add_error(
                "new_organisation",
                _(
                    "Choisissez une organisation existante ou nommez-en une nouvelle, "
                    "pas les deux."
                ),
            )
        elif cleaned.get("role") == Role.PARTNER and not (organisation or new_name):
            self.add_error(
                "organisation",
                _(
                    "Une organisation partenaire doit être rattachée à une organisation : "
                    "choisissez-la dans la liste ou inscrivez le nom d'une nouvelle."
                ),
            )
        if new_name and not organisation:
            # A name already in the list means that organisation, not a duplicate.
            existing = self.fields["organisation"].queryset.filter(name__iexact=new_name).first()
            # A new one is saved with the invitation by services.invitation_create.
            cleaned["organisation"] = existing or Organisation(name=new_name)
        return cleaned


class BulkInvitationForm(forms.Form):
    """A list of « courriel ; organisation ; rôle » lines, typed or from a CSV file, and a
    personal message for all (projects/bulk.py reads the lines)."""

    text = forms.CharField(
        label=_("Liste des personnes à inviter"),
        required=False,
        max_length=60_000,
        widget=forms.Textarea(attrs={"rows": 10, "spellcheck": "false"}),
        help_text=_(
            "Une personne par ligne : courriel ; organisation ; rôle (partenaire, "
            "coordonnateur·rice ou conseiller·ère). Séparez les champs par un point-virgule, "
            "une virgule ou une tabulation."
        ),
    )
    file = forms.FileField(
        label=_("… ou un fichier CSV"),
        required=False,
        help_text=_("Les mêmes colonnes, enregistrées depuis un tableur (CSV)."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.txt,text/csv,text/plain"}),
    )
    message = forms.CharField(
        label=_("Message personnel (facultatif)"),
        required=False,
        max_length=1_000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Ajouté au courriel de chaque personne invitée."),
    )

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("file")
        if upload:
            if upload.size > MAX_FILE_BYTES:
                self.add_error(
                    "file",
                    _("Ce fichier est trop volumineux (%(max)s Ko au plus).")
                    % {"max": MAX_FILE_BYTES // 1000},
                )
                return cleaned
            # The file's lines replace the typed ones, and show in the list from now on.
            cleaned["text"] = decode_upload(upload.read())
            self.data = self.data.copy()
            self.data["text"] = cleaned["text"]
        if not (cleaned.get("text") or "").strip() and "file" not in self.errors:
            self.add_error("text", _("Collez au moins une ligne ou choisissez un fichier CSV."))
        return cleaned


class NewAccountForm(forms.Form):
    """A name and a new password typed twice, checked by the password validators
    against the account-to-be (its address: `new_account_email`)."""

    full_name = forms.CharField(label=_("Nom complet"), max_length=150)
    password1 = forms.CharField(
        label=_("Mot de passe"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password2 = forms.CharField(
        label=_("Confirmation du mot de passe"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Built per request, so the rules are listed in the visitor's language.
        self.fields[
            "password1"
        ].help_text = password_validation.password_validators_help_text_html()

    def new_account_email(self, cleaned: dict) -> str:
        raise NotImplementedError

    def clean(self):
        cleaned = super().clean()
        password1, password2 = cleaned.get("password1"), cleaned.get("password2")
        if password1 and password2 and password1 != password2:
            self.add_error("password2", _("Les deux mots de passe ne correspondent pas."))
        elif password1:
            user = get_user_model()(
                email=self.new_account_email(cleaned), full_name=cleaned.get("full_name", "")
            )
            try:
                password_validation.validate_password(password1, user)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned


class SignupForm(NewAccountForm):
    """Open an account for the e-mail address of an invitation (the address is fixed)."""

    def __init__(self, *args, invitation: Invitation, **kwargs):
        super().__init__(*args, **kwargs)
        self.invitation = invitation

    def new_account_email(self, cleaned: dict) -> str:
        return self.invitation.email

    def clean(self):
        existing = get_user_model().objects.filter(email__iexact=self.invitation.email).first()
        # An account restored by an import has no usable password yet: its owner sets one here.
        if existing is not None and existing.has_usable_password():
            raise forms.ValidationError(
                _("Un compte existe déjà pour cette adresse : connectez-vous plutôt.")
            )
        return super().clean()


class AccountSignupForm(NewAccountForm):
    """Open an account oneself (settings.SIGNUP_OPEN); the address is confirmed by mail."""

    email = forms.EmailField(
        label=_("Adresse courriel"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    field_order = ["full_name", "email", "password1", "password2"]

    def new_account_email(self, cleaned: dict) -> str:
        return cleaned.get("email", "")

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()


class SignupConfirmForm(forms.Form):
    """Confirm one's address by typing the account's password (throttled like a login)."""

    password = forms.CharField(
        label=_("Mot de passe"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text=_("Celui que vous avez choisi en demandant le compte."),
    )

    def __init__(self, *args, user, request, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.request = request

    def clean_password(self):
        from axes.handlers.proxy import AxesProxyHandler

        password = self.cleaned_data["password"]
        credentials = {"username": self.user.email}
        if address_ceiling_reached(self.request) or AxesProxyHandler.is_locked(
            self.request, credentials
        ):
            raise forms.ValidationError(TOO_MANY_FAILURES, code="too_many_failures")
        if not self.user.check_password(password):
            user_login_failed.send(
                sender=type(self), credentials=credentials, request=self.request
            )
            raise forms.ValidationError(
                _("Ce n’est pas le mot de passe choisi pour ce compte."), code="wrong_password"
            )
        return password
