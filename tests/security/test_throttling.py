"""Login throttling (django-axes): five failures lock an e-mail and address out, in French."""

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests.factories import UserFactory

PASSWORD = "motdepasse-test"


def attempt(client, email: str, password: str, address: str = "10.0.0.1"):
    return client.post(
        reverse("login"), {"username": email, "password": password}, REMOTE_ADDR=address
    )


@pytest.fixture
def claire(db):
    return UserFactory(email="claire@exemple.org")


def test_throttling_four_failures_still_allow_the_right_password(client, claire):
    """Four wrong passwords, then the right one logs in and clears the count."""
    for _ in range(4):
        assert attempt(client, "claire@exemple.org", "mauvais").status_code == 200

    response = attempt(client, "claire@exemple.org", PASSWORD)

    assert response.status_code == 302
    assert not AccessAttempt.objects.filter(username="claire@exemple.org").exists()


def test_throttling_fifth_failure_locks_out_with_french_page(client, claire):
    """The fifth failure answers 429 with our French lockout page."""
    for _ in range(4):
        attempt(client, "claire@exemple.org", "mauvais")

    response = attempt(client, "claire@exemple.org", "mauvais")

    assert response.status_code == 429
    content = response.content.decode()
    assert "Connexion bloquée temporairement" in content
    assert "15 minutes" in content
    assert reverse("password_reset") in content


def test_throttling_locked_out_pair_refuses_even_the_right_password(client, claire):
    """While locked out, the right password does not log in either."""
    for _ in range(5):
        attempt(client, "claire@exemple.org", "mauvais")

    response = attempt(client, "claire@exemple.org", PASSWORD)

    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_throttling_case_and_spaces_count_as_the_same_email(client, claire):
    """Changing the e-mail's case does not buy more attempts."""
    for email in [
        "Claire@exemple.org",
        "CLAIRE@EXEMPLE.ORG",
        " claire@exemple.org",
        "claire@Exemple.org",
    ]:
        attempt(client, email, "mauvais")

    response = attempt(client, "claire@exemple.ORG", "mauvais")

    assert response.status_code == 429


def test_throttling_lockout_is_per_email_and_address(client, claire):
    """Another address, or another e-mail from the same address, is not locked out."""
    other = UserFactory(email="paul@exemple.org")
    for _ in range(5):
        attempt(client, "claire@exemple.org", "mauvais", address="10.0.0.1")

    assert attempt(client, "claire@exemple.org", PASSWORD, address="10.0.0.2").status_code == 302
    client.logout()
    assert attempt(client, other.email, PASSWORD, address="10.0.0.1").status_code == 302


def test_throttling_forged_forwarded_for_does_not_reset_the_count(client, claire):
    """A client cannot dodge the lockout by sending a different X-Forwarded-For each time."""
    for number in range(5):
        client.post(
            reverse("login"),
            {"username": "claire@exemple.org", "password": "mauvais"},
            REMOTE_ADDR="10.0.0.1",
            HTTP_X_FORWARDED_FOR=f"192.0.2.{number}",
        )

    assert attempt(client, "claire@exemple.org", PASSWORD).status_code == 429


def test_password_validators_answer_in_french(db):
    """Django's password validators speak French with LANGUAGE_CODE fr-ca."""
    with pytest.raises(ValidationError) as error:
        validate_password("1234")

    messages = " ".join(error.value.messages)
    assert "trop court" in messages
    assert "entièrement numérique" in messages


def test_throttling_spraying_many_accounts_from_one_address_stops_at_the_ceiling(
    client, db, settings
):
    """A few guesses on many accounts from one address hit the per-address ceiling."""
    settings.LOGIN_FAILURES_PER_ADDRESS = 6
    for number in range(6):
        UserFactory(email=f"cible{number}@exemple.org")
        attempt(client, f"cible{number}@exemple.org", "mauvais")
    victim = UserFactory(email="victime@exemple.org")

    response = attempt(client, victim.email, PASSWORD)

    assert response.status_code == 200
    assert "Trop de tentatives infructueuses depuis votre adresse" in response.content.decode()
    assert "_auth_user_id" not in client.session
    # Another address is not concerned.
    assert attempt(client, victim.email, PASSWORD, address="10.0.0.2").status_code == 302


def test_throttling_old_password_guesses_on_password_change_are_limited(client, claire):
    """Wrong old passwords count as failed logins: the fifth locks out, even the right one."""
    client.force_login(claire)
    url = reverse("password_change")
    data = {"new_password1": "Nouveau-mot-2-passe", "new_password2": "Nouveau-mot-2-passe"}
    for guess in range(4):
        response = client.post(url, {**data, "old_password": f"essai{guess}"})
        assert response.status_code == 200
    assert client.post(url, {**data, "old_password": "essai5"}).status_code == 429
    assert AccessAttempt.objects.get(username="claire@exemple.org").failures_since_start == 5

    response = client.post(url, {**data, "old_password": PASSWORD})

    assert "Trop de tentatives infructueuses" in response.content.decode()
    claire.refresh_from_db()
    assert claire.check_password(PASSWORD)
