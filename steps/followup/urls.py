from django.urls import path

from . import relaunch_views, views

urlpatterns = [
    path("echeances/", views.deadlines_edit, name="deadlines"),
    path("relancer/", relaunch_views.relaunch, name="relaunch"),
    path("courriels/reessayer/", relaunch_views.retry_failed_mails, name="mails_retry"),
]
