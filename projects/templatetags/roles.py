"""How a person's role in a project reads on a page or in an e-mail.

The stored role of a partner is « Organisation partenaire » (``Role.PARTNER``), which
names the organisation, not the person: pages say « Membre de <organisation> » instead.
Display only; the model's choices stay as they are.
"""

from django import template
from django.utils.translation import gettext as _

from projects.models import Role

register = template.Library()


@register.filter
def role_label(holder) -> str:
    """The role of a membership or an invitation, said of a person (tables, badges)."""
    if holder.role == Role.PARTNER:
        return _("Membre d'une organisation partenaire")
    return str(Role(holder.role).label)


@register.filter
def role_with_organisation(holder) -> str:
    """The role with the partner's organisation: « Membre de Cuisine collective…, … »."""
    organisation = getattr(holder, "organisation", None)
    if holder.role == Role.PARTNER and organisation is not None:
        return _("Membre de %(organisation)s, organisation partenaire") % {
            "organisation": organisation.name
        }
    return role_label(holder)
