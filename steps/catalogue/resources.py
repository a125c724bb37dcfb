"""What can be pooled (DOMAIN.md): resource types shared by the portrait, the
opportunities of the diagnostic and the pooled resources of the modélisation step."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ResourceType(models.TextChoices):
    PREMISES = "premises", _("Locaux et espaces")
    STORAGE = "storage", _("Entreposage")
    TRANSPORT = "transport", _("Véhicules et transport")
    EQUIPMENT = "equipment", _("Équipements")
    IT = "it", _("Informatique (matériel et logiciels)")
    STAFF = "staff", _("Personnel partagé")
    FUNCTION = "function", _("Fonctions (comptabilité, TI, communications…)")
    VOLUNTEERS = "volunteers", _("Bénévoles")
    EXPERTISE = "expertise", _("Expertise, savoir-faire et formation")
    DATA = "data", _("Données, connaissances et documents de gestion")
    PURCHASES = "purchases", _("Achats groupés et fournisseurs")
    ACTIVITY = "activity", _("Projet, activité, événement ou campagne")
    MISSION = "mission", _("Partie de la mission (services, clientèle, territoire)")
    RISK = "risk", _("Un risque")
    OTHER = "other", _("Autre")
