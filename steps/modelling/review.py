"""« À revoir »: an edited section of the agreement whose underlying facts changed.

A section the coordination rewrote keeps its text whatever happens to the project. So
that the text does not silently drift from the facts (a fifth party joins while the
edited « Objet » still speaks of four organisations), the section stores, when it is
saved or marked as reviewed, the facts its generated text depends on (`basis`) and the
language it was written in. When they no longer match, it reads « à revoir », with what
changed in words — as a confirmed verdict of the diagnostic grid does when the portraits
change. Plain functions: facts in, changes out.
"""

from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from mutualisation.formats import format_date

from .agreement import Facts

# The facts each section's generated text depends on. The parties come into every section
# that names or counts them (an edited quorum may read « trois organisations sur quatre »).
SECTION_FACTS = {
    "parties": ("parties", "formalisation"),
    "objet": (
        "parties",
        "formalisation",
        "project_name",
        "territory",
        "description",
        "scope",
        "shared_zones",
        "continuum",
    ),
    "ressources": ("parties", "formalisation", "resources"),
    "couts": ("parties", "sharing_key", "sharings", "surplus_sharing", "asymmetric"),
    "decisions": ("parties", "formalisation", "decision", "quorum", "adopted_on"),
    "rencontres": ("meeting_frequency", "communication_channels"),
    "propriete": ("intellectual_property", "brand"),
    "duree": ("formalisation", "start_date", "duration_months", "exit_notice_days"),
    "revision": ("formalisation",),
    "retrait": ("formalisation", "exit_notice_days"),
    "responsabilite": ("formalisation",),
    "differends": (),
    "signatures": ("parties", "formalisation"),
}

LANGUAGE_NAMES = {"fr-ca": gettext_lazy("français"), "en": gettext_lazy("anglais")}


def _fact_values(facts: Facts) -> dict:
    """Every fact a section may depend on, as JSON values (stored in the section)."""
    return {
        "parties": [party.name for party in facts.parties],
        "formalisation": facts.formalisation,
        "project_name": facts.project_name,
        "territory": facts.territory,
        "description": facts.description,
        "scope": facts.scope,
        "shared_zones": facts.shared_zones,
        "continuum": facts.continuum,
        "resources": [
            [r.name, r.responsible, r.usage_unit, r.conditions, r.booking_rules]
            for r in facts.resources
        ],
        "sharing_key": facts.sharing_key,
        "sharings": [
            [
                s.resource,
                None if s.annual_cost is None else str(s.annual_cost),
                [[share.party, str(share.amount)] for share in s.shares],
            ]
            for s in facts.sharings
        ],
        "asymmetric": [facts.asymmetric_accepted, facts.asymmetric_breaking_point],
        "surplus_sharing": facts.surplus_sharing,
        "decision": [facts.decision_process, facts.decision_details],
        "quorum": facts.quorum,
        "adopted_on": facts.adopted_on.isoformat() if facts.adopted_on else None,
        "meeting_frequency": facts.meeting_frequency,
        "communication_channels": facts.communication_channels,
        "intellectual_property": facts.intellectual_property,
        "brand": facts.brand,
        "start_date": facts.start_date.isoformat() if facts.start_date else None,
        "duration_months": facts.duration_months,
        "exit_notice_days": facts.exit_notice_days,
    }


def section_basis(facts: Facts, code: str) -> dict:
    """The facts the section `code` depends on, to store with its edited text."""
    values = _fact_values(facts)
    return {key: values[key] for key in SECTION_FACTS.get(code, ())}


@dataclass(frozen=True)
class Change:
    """One thing that changed since the section was written; `str()` says it in words,
    in the language active when it is shown."""

    key: str
    before: object
    after: object

    def __str__(self) -> str:
        return describe(self)


def changes_since(
    stored: dict, current: dict, *, written_in: str = "", language: str = ""
) -> tuple[Change, ...]:
    """What differs between the facts stored with a section and today's.

    A section saved before the facts were stored (empty `stored`) is never flagged: we
    cannot know what it was written from. A language other than the agreement's is a
    change of its own."""
    changes = []
    if written_in and language and written_in != language:
        changes.append(Change("language", written_in, language))
    if isinstance(stored, dict) and stored:  # an imported file may hold anything
        for key, value in current.items():
            if key in stored and stored[key] != value:
                changes.append(Change(key, stored[key], value))
    return tuple(changes)


def _names(names) -> str:
    return ", ".join(names)


def _parties(before: list, after: list) -> str:
    head = ngettext(
        "Les parties ont changé : %(after)s organisation au lieu de %(before)s",
        "Les parties ont changé : %(after)s organisations au lieu de %(before)s",
        len(after),
    ) % {"after": len(after), "before": len(before)}
    details = []
    added = [name for name in after if name not in before]
    removed = [name for name in before if name not in after]
    if added:
        details.append(_("arrivée de %(names)s") % {"names": _names(added)})
    if removed:
        details.append(_("départ de %(names)s") % {"names": _names(removed)})
    return f"{head} ({', '.join(details)})." if details else f"{head}."


def _resources(before: list, after: list) -> str:
    old = {row[0]: row for row in before}
    new = {row[0]: row for row in after}
    details = []
    added = [name for name in new if name not in old]
    removed = [name for name in old if name not in new]
    changed = [name for name in new if name in old and new[name] != old[name]]
    if added:
        details.append(_("ajout de %(names)s") % {"names": _names(added)})
    if removed:
        details.append(_("retrait de %(names)s") % {"names": _names(removed)})
    if changed:
        details.append(_("%(names)s modifiée") % {"names": _names(changed)})
    head = _("Les ressources mutualisées ont changé")
    return f"{head} ({', '.join(details)})." if details else f"{head}."


def _sharings(before: list, after: list) -> str:
    old = {row[0]: row for row in before}
    changed = [row[0] for row in after if old.get(row[0]) != row]
    changed += [name for name in old if name not in {row[0] for row in after}]
    head = _("Les montants du partage des coûts ont changé")
    return f"{head} ({_names(changed)})." if changed else f"{head}."


def _date(value) -> str:
    return format_date(date.fromisoformat(value)) if value else str(_("non précisée"))


def _number(value) -> str:
    return str(value) if value not in (None, "") else str(_("non précisé"))


def _quoted(value) -> str:
    return f"« {value} »" if value else str(_("vide"))


SENTENCES = {
    "formalisation": gettext_lazy("La forme de l'entente a changé."),
    "project_name": gettext_lazy("Le nom du projet a changé."),
    "territory": gettext_lazy("Le territoire du projet a changé."),
    "description": gettext_lazy("La description du projet a changé."),
    "scope": gettext_lazy("Ce qui est mis en commun a changé."),
    "shared_zones": gettext_lazy("Les zones d'intervention et clientèles communes ont changé."),
    "continuum": gettext_lazy("Le degré d'intégration a changé."),
    "sharing_key": gettext_lazy("La clé de partage des coûts a changé."),
    "surplus_sharing": gettext_lazy("Le partage des surplus a changé."),
    "asymmetric": gettext_lazy("L'entente sur les contributions asymétriques a changé."),
    "decision": gettext_lazy("Le processus de décision a changé."),
    "adopted_on": gettext_lazy("Le modèle de fonctionnement a été adopté depuis."),
    "meeting_frequency": gettext_lazy("La fréquence des rencontres a changé."),
    "communication_channels": gettext_lazy("Les canaux de communication ont changé."),
    "intellectual_property": gettext_lazy("La propriété intellectuelle a changé."),
    "brand": gettext_lazy("L'image de marque a changé."),
}


def describe(change: Change) -> str:
    """The change in one sentence: « Les parties ont changé : 5 organisations au lieu de 4 »."""
    key, before, after = change.key, change.before, change.after
    if key == "language":
        return _(
            "Le texte a été rédigé en %(written)s, mais l'entente est maintenant rédigée en "
            "%(current)s."
        ) % {
            "written": LANGUAGE_NAMES.get(before, before),
            "current": LANGUAGE_NAMES.get(after, after),
        }
    if key == "parties":
        return _parties(before or [], after or [])
    if key == "resources":
        return _resources(before or [], after or [])
    if key == "sharings":
        return _sharings(before or [], after or [])
    if key == "start_date":
        return _("La date d'entrée en vigueur a changé : %(after)s au lieu de %(before)s.") % {
            "after": _date(after),
            "before": _date(before),
        }
    if key == "duration_months":
        return _("La durée initiale a changé : %(after)s mois au lieu de %(before)s.") % {
            "after": _number(after),
            "before": _number(before),
        }
    if key == "exit_notice_days":
        return _("Le préavis de retrait a changé : %(after)s jours au lieu de %(before)s.") % {
            "after": _number(after),
            "before": _number(before),
        }
    if key == "quorum":
        return _("Le quorum a changé : %(after)s au lieu de %(before)s.") % {
            "after": _quoted(after),
            "before": _quoted(before),
        }
    if key == "adopted_on" and before and after:
        return _("Le modèle de fonctionnement a été adopté de nouveau le %(date)s.") % {
            "date": _date(after)
        }
    sentence = SENTENCES.get(key)
    return str(sentence) if sentence else _("Les données du projet ont changé.")
