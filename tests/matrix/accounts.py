"""Creating and restoring projects (settings.PROJECT_CREATION) and self sign-up.

Under the default policy (« approved ») none of the personas of `world` may create
projects (none holds projects.add_project nor is staff): every signed-in persona gets
the page explaining how to ask (403). tests/projects/test_signup.py and
tests/steps/transfer/test_restore.py cover the accounts that may.
"""

from django.utils import timezone

from projects.signup import confirmation_token
from tests.factories import UserFactory

from . import LOGGED_IN, POST, PUBLIC, profile

CREATE = profile(302, 403, 403, 403, 403, 403)
# Signing up: people already logged in are sent to their projects.
SIGNUP = profile(200, 302, 302, 302, 302, 302)

MATRIX = {
    "projects:create": (CREATE, None),
    "restore:upload": (CREATE, None),
    "restore:preview": (CREATE, None),
    "restore:confirm": (CREATE, POST),
    "signup": (SIGNUP, None),
    "signup_sent": (PUBLIC, None),
    # Public: the signed link is the credential (the form then asks for the password).
    "signup_confirm": (PUBLIC, None),
    "creation_request": (LOGGED_IN, POST),
}


def _unconfirmed_signup_link(world):
    user = UserFactory(is_active=False, signed_up_at=timezone.now())
    return confirmation_token(user)


URL_KWARGS = {
    # Not a kept upload of the persona's session: refused before it is looked up anyway.
    "upload_token": lambda world: "a" * 24,
    "signed": _unconfirmed_signup_link,
}
