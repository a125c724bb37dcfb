from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "projects"
    verbose_name = _("Projets")

    def ready(self):
        # The project package is not an app; its system checks are registered here.
        from django.core import checks

        from mutualisation.checks import (
            check_harfbuzz_subset,
            check_site_url,
            check_translations_compiled,
        )

        checks.register(check_harfbuzz_subset)
        checks.register(check_translations_compiled)
        checks.register(check_site_url, checks.Tags.security, deploy=True)
