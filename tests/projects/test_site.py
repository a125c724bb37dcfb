"""Site-wide pieces: the health check and the Django admin."""

import pytest
from django.contrib import admin
from django.db import DatabaseError
from django.urls import reverse

from projects.models import User
from tests.factories import UserFactory


def test_healthz_answers_ok_with_json(db, client):
    """With the database up, /healthz answers 200 with a small JSON body."""
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"status": "ok", "database": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_healthz_answers_503_when_database_fails(db, client, monkeypatch):
    """When the database fails, /healthz answers 503 so the load balancer looks elsewhere."""

    class BrokenConnection:
        def cursor(self):
            raise DatabaseError("connection refused")

    # The one mock of the suite: a test cannot stop the database mid-request.
    monkeypatch.setattr("mutualisation.views.connection", BrokenConnection())
    response = client.get(reverse("healthz"))
    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "unavailable"}


@pytest.mark.parametrize(
    "model_admin",
    [
        pytest.param(model_admin, id=model._meta.label)
        for model, model_admin in admin.site._registry.items()
    ],
)
def test_admin_changelist_answers(db, client_as, model_admin, world):
    """Every model's admin list (with a search) opens for a superuser."""
    opts = model_admin.model._meta
    client = client_as(UserFactory(is_staff=True, is_superuser=True))
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
    assert client.get(url).status_code == 200
    if model_admin.search_fields:
        assert client.get(url, {"q": "camion"}).status_code == 200


def test_admin_registers_every_model_of_our_apps():
    """No model of projects/ or steps/ is missing from the admin."""
    from django.apps import apps

    ours = [
        model for app in ("projects", "steps") for model in apps.get_app_config(app).get_models()
    ]
    missing = [m._meta.label for m in ours if m not in admin.site._registry]
    assert not missing, f"Models without an admin: {missing}"


def test_admin_adds_user_by_email(db, client_as):
    """Site staff create an account from the admin with an e-mail address, no username."""
    client = client_as(UserFactory(is_staff=True, is_superuser=True))
    response = client.post(
        reverse("admin:projects_user_add"),
        {
            "email": "nouveau@exemple.org",
            "full_name": "Nadia Nouveau",
            "password1": "Un-camion-pour-4",
            "password2": "Un-camion-pour-4",
            "usable_password": "true",
        },
    )
    assert response.status_code == 302
    user = User.objects.get(email="nouveau@exemple.org")
    assert user.full_name == "Nadia Nouveau"
    assert user.check_password("Un-camion-pour-4")
