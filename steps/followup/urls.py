from django.urls import path

from . import calendar_views, relaunch_views, views

urlpatterns = [
    path("echeances/", views.deadlines_edit, name="deadlines"),
    path("relancer/", relaunch_views.relaunch, name="relaunch"),
    path("courriels/reessayer/", relaunch_views.retry_failed_mails, name="mails_retry"),
    path("agenda/", calendar_views.calendar_page, name="calendar"),
    path("agenda/calendrier.ics", calendar_views.calendar_download, name="calendar_download"),
]
