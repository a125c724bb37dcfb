from django.urls import path

from . import views

app_name = "notifications"

urlpatterns = [
    path("", views.notification_list, name="list"),
    path("lues/", views.mark_all_read, name="mark_all_read"),
    path("<int:notification_id>/", views.notification_open, name="open"),
    path("preferences/", views.preferences, name="preferences"),
    # Public: the signed token in the link is the credential (notifications.services).
    path("desabonnement/<str:unsubscribe_token>/", views.unsubscribe, name="unsubscribe"),
]
