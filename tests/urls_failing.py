"""A URL that fails, to see the 500 page (tests/test_error_pages.py)."""

from django.urls import include, path


def failing(request):
    raise RuntimeError("panne simulée")


urlpatterns = [path("panne/", failing), path("", include("mutualisation.urls"))]
handler400 = "mutualisation.views.bad_request"
handler500 = "mutualisation.views.server_error"
