from django.urls import path

from . import section_restore_views, views

urlpatterns = [
    path("modelisation/fonctionnement/", views.operating_model, name="operating_model"),
    path(
        "modelisation/fonctionnement/modifier/",
        views.operating_model_edit,
        name="operating_model_edit",
    ),
    path("modelisation/consentement/ouvrir/", views.consent_open, name="consent_open"),
    path(
        "modelisation/consentement/<int:consent_round_id>/",
        views.consent_round,
        name="consent_round",
    ),
    path(
        "modelisation/consentement/<int:consent_round_id>/repondre/",
        views.consent_respond,
        name="consent_respond",
    ),
    path(
        "modelisation/consentement/<int:consent_round_id>/fermer/",
        views.consent_close,
        name="consent_close",
    ),
    path("modelisation/risques/", views.risks, name="risks"),
    path("modelisation/risques/nouveau/", views.risk_create, name="risk_create"),
    path("modelisation/risques/<int:risk_id>/modifier/", views.risk_edit, name="risk_edit"),
    path("modelisation/risques/<int:risk_id>/supprimer/", views.risk_delete, name="risk_delete"),
    path("modelisation/entente/", views.agreement_page, name="agreement"),
    path("modelisation/entente/langue/", views.agreement_language, name="agreement_language"),
    path(
        "modelisation/entente/<slug:section_code>/revue/",
        views.agreement_mark_reviewed,
        name="agreement_mark_reviewed",
    ),
    path(
        "modelisation/entente/<slug:section_code>/modifier/",
        views.agreement_section_edit,
        name="agreement_section_edit",
    ),
    path(
        "modelisation/entente/<slug:section_code>/historique/<int:change_id>/restaurer/",
        section_restore_views.agreement_section_restore,
        name="agreement_section_restore",
    ),
    path(
        "modelisation/entente/<slug:section_code>/texte-genere/",
        views.agreement_reset_section,
        name="agreement_reset_section",
    ),
]
