from django.urls import path

from . import views

urlpatterns = [
    path("conditions-de-reussite/", views.checklist_page, name="checklist"),
    path(
        "conditions-de-reussite/<slug:checklist_code>/",
        views.checklist_save,
        name="checklist_save",
    ),
]
