from django.urls import path

from . import views

app_name = "projects"

urlpatterns = [
    path("", views.project_list, name="list"),
    path("nouveau/", views.project_create, name="create"),
    path("<slug:project_slug>/", views.project_home, name="home"),
]
