from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

from steps.followup.calendar_views import calendar_feed
from steps.glossary.views import glossary
from steps.guidance import views as guidance
from steps.transfer.urls import restore_urlpatterns

from . import views

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="projects:list", permanent=False)),
    path("healthz", views.healthz, name="healthz"),
    path("methode/", views.about_method, name="about_method"),
    path("methode/glossaire/", glossary, name="glossary"),
    path("methode/formes-juridiques/", guidance.legal_forms, name="legal_forms"),
    path("methode/cas/", guidance.inspiring_cases, name="inspiring_cases"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("compte/", include("projects.auth_urls")),
    path("notifications/", include("notifications.urls")),
    # Public: the token in the address is the credential (steps.followup.CalendarFeed).
    path("agenda/<str:feed_token>.ics", calendar_feed, name="calendar_feed"),
    # Restoring a backup creates a project: outside any project, before its slugs.
    path("projets/restaurer/", include(restore_urlpatterns)),
    path("projets/", include("projects.urls")),
    path("projets/<slug:project_slug>/", include("steps.urls")),
]

handler400 = "mutualisation.views.bad_request"
handler500 = "mutualisation.views.server_error"
