"""Account pages: Django's auth views with our French templates and e-mail login.

Same paths and URL names as ``django.contrib.auth.urls``, included under ``compte/``.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.urls import path
from django.utils.translation import gettext as _

from . import views
from .forms import EmailAuthenticationForm, PasswordResetForm, ThrottledPasswordChangeForm


class LogoutView(auth_views.LogoutView):
    """Log out (POST only, as in Django) and say so on the next page."""

    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        messages.info(request, _("Vous êtes déconnecté·e. À bientôt !"))
        return response


class PasswordChangeView(auth_views.PasswordChangeView):
    """Change one's password; wrong old passwords are throttled like failed logins."""

    form_class = ThrottledPasswordChangeForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "request": self.request}


class LoginView(auth_views.LoginView):
    """Log in with an e-mail address; « Créer un compte » shows when sign-up is open."""

    authentication_form = EmailAuthenticationForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "signup_open": settings.SIGNUP_OPEN}


urlpatterns = [
    path(
        "login/",
        LoginView.as_view(),
        name="login",
    ),
    path("logout/", LogoutView.as_view(), name="logout"),
    path("password_change/", PasswordChangeView.as_view(), name="password_change"),
    path(
        "password_change/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path(
        "password_reset/",
        auth_views.PasswordResetView.as_view(
            form_class=PasswordResetForm,
            email_template_name="registration/password_reset_email.txt",
            subject_template_name="registration/password_reset_subject.txt",
        ),
        name="password_reset",
    ),
    path(
        "password_reset/done/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "reset/done/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    # Self sign-up (settings.SIGNUP_OPEN; projects/signup.py).
    path("inscription/", views.account_signup, name="signup"),
    path("inscription/courriel-envoye/", views.account_signup_sent, name="signup_sent"),
    # Public: the signed link is the proof of the address (the password, of the person).
    path(
        "inscription/confirmer/<str:signed>/",
        views.account_signup_confirm,
        name="signup_confirm",
    ),
    path("demande-creation/", views.creation_request, name="creation_request"),
]
