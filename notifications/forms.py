"""The « Mes notifications » page: the language of the e-mails, then for each project how
the person hears about it (a mail each time, a daily digest, nothing) and about what."""

from django import forms
from django.utils.translation import gettext_lazy as _

from projects.models import Role, User

from .kinds import COORDINATOR_KINDS, Kind
from .models import Delivery

# What concerns a partner: its organisation's questionnaires, the consent rounds it answers,
# the actions and indicators in its charge, the evaluation rounds, the mentions and the
# comments on threads it took part in. The coordination's relaunch is not among them: a
# personal message, sent at most once a day, always reaches the person (in the app at
# least; « Aucun courriel » stops the mail).
PARTNER_KINDS = [
    Kind.DEADLINE_SOON,
    Kind.DEADLINE_PASSED,
    Kind.PORTRAIT_REOPENED,
    Kind.CONSENT_OPENED,
    Kind.CONSENT_CLOSING,
    Kind.CONSENT_CLOSED,
    Kind.ACTION_ASSIGNED,
    Kind.ACTION_DUE_SOON,
    Kind.ACTION_OVERDUE,
    Kind.MEASUREMENT_DUE,
    Kind.EVALUATION_SCHEDULED,
    Kind.MENTIONED,
    Kind.COMMENTED,
]
# An advisor reads the project: the outcome of a consent round, the evaluation rounds, the
# mentions and the comments on threads they took part in.
ADVISOR_KINDS = [Kind.CONSENT_CLOSED, Kind.EVALUATION_SCHEDULED, Kind.MENTIONED, Kind.COMMENTED]

KINDS_BY_ROLE = {
    Role.COORDINATOR: COORDINATOR_KINDS,
    Role.PARTNER: PARTNER_KINDS,
    Role.ADVISOR: ADVISOR_KINDS,
}

KINDS_HELP = {
    Role.COORDINATOR: _(
        "Décochez ce dont vous ne voulez pas être avisé·e, ni dans l'application ni par "
        "courriel. Ce qui attend votre action reste affiché dans « À faire pour vous »."
    ),
    Role.PARTNER: _(
        "Ce qui concerne votre organisation : ses questionnaires, les rondes de consentement, "
        "les actions et les indicateurs qui lui sont confiés, les bilans. Décochez ce dont "
        "vous ne voulez pas être avisé·e, ni dans l'application ni par courriel. Les relances "
        "de la coordination vous parviennent toujours."
    ),
    Role.ADVISOR: _(
        "Décochez ce dont vous ne voulez pas être avisé·e, ni dans l'application ni par courriel."
    ),
}


def choosable_kinds(role: str) -> list[Kind]:
    """The kinds a member with this role may turn off (the others always reach them)."""
    return KINDS_BY_ROLE.get(role, [])


class LanguageForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["language"]
        labels = {"language": _("Langue des courriels")}
        help_texts = {
            "language": _(
                "Les pages suivent la langue choisie en haut de l'écran ; ce choix vaut pour "
                "les courriels que vous recevez."
            )
        }
        widgets = {"language": forms.Select(attrs={"class": "w-auto"})}


class ProjectPreferenceForm(forms.Form):
    """One project's line of the page (prefixed by the project's id)."""

    delivery = forms.ChoiceField(
        label=_("Courriels"), choices=Delivery.choices, widget=forms.RadioSelect
    )
    kinds = forms.MultipleChoiceField(
        label=_("Avis"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, membership, preference=None, **kwargs):
        self.membership = membership
        self.project = membership.project
        self.preference = preference
        self.choosable = [str(kind) for kind in choosable_kinds(membership.role)]
        muted = set(preference.muted_kinds) if preference else set()
        kwargs.setdefault("prefix", f"projet-{self.project.pk}")
        kwargs.setdefault(
            "initial",
            {
                "delivery": preference.delivery if preference else Delivery.DIGEST,
                "kinds": [kind for kind in self.choosable if kind not in muted],
            },
        )
        super().__init__(*args, **kwargs)
        kinds = self.fields["kinds"]
        kinds.choices = [(kind, Kind(kind).label) for kind in self.choosable]
        kinds.help_text = KINDS_HELP.get(membership.role, "")
        if not self.choosable:
            del self.fields["kinds"]

    def muted_kinds(self) -> list[str]:
        """The kinds to store as muted: the unchecked ones, and those muted before that this
        person cannot choose now (a kind of another role, kept for when the role changes)."""
        kept = self.preference.muted_kinds if self.preference else []
        wanted = set(self.cleaned_data.get("kinds", []))
        others = [kind for kind in kept if kind not in self.choosable]
        return others + [kind for kind in self.choosable if kind not in wanted]

    def differs(self) -> bool:
        """Whether saving would change what is stored (no row: the digest, every kind)."""
        delivery = self.preference.delivery if self.preference else Delivery.DIGEST
        muted = self.preference.muted_kinds if self.preference else []
        return self.cleaned_data["delivery"] != delivery or self.muted_kinds() != muted
