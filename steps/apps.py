from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StepsConfig(AppConfig):
    name = "steps"
    verbose_name = _("Étapes")

    def ready(self):
        from . import versioning
        from .attachments import signals as attachments

        versioning.connect()
        attachments.connect()
